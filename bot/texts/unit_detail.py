"""Messages of /unit: one unit in full, with its lineage (vi, en)."""

from __future__ import annotations

UNIT_DETAIL_MESSAGES: dict[str, dict[str, str]] = {
    "command.unit": {
        "vi": "Thông tin một đơn vị và quá trình sắp xếp lại",
        "en": "One unit in full, with its reorganisations",
    },
    "unit_detail.title": {
        "vi": "<b>{name}</b> (mã <code>{code}</code>)",
        "en": "<b>{name}</b> (code <code>{code}</code>)",
    },
    "unit_detail.group": {"vi": "Nhóm: {group}", "en": "Group: {group}"},
    "unit_detail.valid_always": {
        "vi": "Thời gian hoạt động: không giới hạn",
        "en": "Valid: without limit",
    },
    "unit_detail.valid_from": {
        "vi": "Thời gian hoạt động: từ {start}",
        "en": "Valid: from {start}",
    },
    "unit_detail.valid_until": {
        "vi": "Thời gian hoạt động: đến hết {end}",
        "en": "Valid: until {end}",
    },
    "unit_detail.valid_between": {
        "vi": "Thời gian hoạt động: từ {start} đến hết {end}",
        "en": "Valid: from {start} until {end}",
    },
    "unit_detail.state_active": {"vi": "Trạng thái: đang theo dõi", "en": "State: followed"},
    "unit_detail.state_disabled": {
        "vi": "Trạng thái: đã ngừng theo dõi",
        "en": "State: disabled",
    },
    "unit_detail.state_reorganised": {
        "vi": "Trạng thái: đã kết thúc hoạt động từ {day} do sắp xếp lại đơn vị",
        "en": "State: closed from {day} by a reorganisation",
    },
    "unit_detail.state_closing": {
        "vi": "Trạng thái: đang theo dõi; sẽ kết thúc hoạt động từ {day} do sắp xếp lại đơn vị",
        "en": "State: followed; closes from {day} by a reorganisation",
    },
    "unit_detail.state_starting": {
        "vi": "Trạng thái: bắt đầu hoạt động từ {day}",
        "en": "State: starts on {day}",
    },
    "unit_detail.people": {
        "vi": "Cán bộ đã đăng ký: {officers}; lãnh đạo: {heads}",
        "en": "Registered people: {officers}; head: {heads}",
    },
    "unit_detail.heads_none": {"vi": "chưa có", "en": "none"},
    "unit_detail.predecessors": {
        "vi": "<b>Tiếp nhận từ đơn vị tiền thân</b>:",
        "en": "<b>Took over</b>:",
    },
    "unit_detail.successors": {
        "vi": "<b>Đơn vị kế thừa</b>:",
        "en": "<b>Taken over by</b>:",
    },
    "unit_detail.event": {"vi": "• {what}", "en": "• {what}"},
    "unit_detail.event_basis": {"vi": " (căn cứ {basis})", "en": " (legal basis: {basis})"},
    "unit_detail.carried_now": {
        "vi": "Hiện nay nhiệm vụ của đơn vị do {units} đảm nhận.",
        "en": "Its duties are now carried by {units}.",
    },
    "unit_detail.no_lineage": {
        "vi": "Chưa có sự kiện sắp xếp lại nào liên quan đến đơn vị này.",
        "en": "No reorganisation concerns this unit yet.",
    },
}
