"""Messages about reorganising units: the plan of an event, its outcome, and the notices to the
people it moves (vi, en)."""

from __future__ import annotations

REORGANISATION_MESSAGES: dict[str, dict[str, str]] = {
    "reorg.kind.merge": {
        "vi": "Hợp nhất {before} thành {after} từ {day}",
        "en": "Merge {before} into the new {after} from {day}",
    },
    "reorg.kind.absorb": {
        "vi": "Sáp nhập {before} vào {after} từ {day}",
        "en": "Absorb {before} into {after} from {day}",
    },
    "reorg.kind.split": {
        "vi": "Chia tách {before} thành {after} từ {day}",
        "en": "Split {before} into {after} from {day}",
    },
    "reorg.kind.rename": {
        "vi": "Đổi tên {before} thành {after} từ {day}",
        "en": "Rename {before} to {after} from {day}",
    },
    "reorg.kind.dissolve": {
        "vi": "Giải thể {before} từ {day}",
        "en": "Dissolve {before} from {day}",
    },
    "reorg.plan.title": {
        "vi": "<b>Kế hoạch sắp xếp lại đơn vị</b>: {count} sự kiện sẽ được áp dụng.",
        "en": "<b>Reorganisation plan</b>: {count} event(s) to apply.",
    },
    "reorg.plan.skipped": {
        "vi": "Đã áp dụng trước đó, bỏ qua: {count} sự kiện.",
        "en": "Applied before, skipped: {count} event(s).",
    },
    "reorg.plan.nothing": {
        "vi": "Mọi sự kiện trong kế hoạch đã được áp dụng trước đó; không có gì thay đổi.",
        "en": "Every event of the plan was applied before; nothing changes.",
    },
    "reorg.plan.event": {"vi": "\n<b>{number}. {what}</b>", "en": "\n<b>{number}. {what}</b>"},
    "reorg.plan.basis": {"vi": "Căn cứ: {basis}", "en": "Legal basis: {basis}"},
    "reorg.plan.note": {"vi": "Ghi chú: {note}", "en": "Note: {note}"},
    "reorg.plan.closed": {"vi": "• Đơn vị kết thúc: {units}", "en": "• Units closed: {units}"},
    "reorg.plan.created": {"vi": "• Đơn vị mới: {units}", "en": "• New units: {units}"},
    "reorg.plan.person_moved": {
        "vi": "• {name}: {from_code} → {to_code}",
        "en": "• {name}: {from_code} → {to_code}",
    },
    "reorg.plan.person_head": {
        "vi": " (lãnh đạo đơn vị cũ; Văn phòng xác nhận lãnh đạo đơn vị mới)",
        "en": " (head of the old unit; the office confirms the new unit's head)",
    },
    "reorg.plan.person_released": {
        "vi": "• {name}: thôi làm đầu mối của {from_code} (được thông báo đơn vị kế thừa)",
        "en": "• {name}: no longer serves {from_code} (told who took over)",
    },
    "reorg.plan.people_none": {
        "vi": "• Không có cán bộ nào phải chuyển.",
        "en": "• Nobody to move.",
    },
    "reorg.plan.selector": {
        "vi": "• Hạn {code} ({selector}): bớt {removed}; thêm {added}",
        "en": "• Deadline {code} ({selector}): drops {removed}; adds {added}",
    },
    "reorg.plan.recipient": {
        "vi": "• Hạn {code}: nơi nhận báo cáo {before} → {after}",
        "en": "• Deadline {code}: reports go to {after} instead of {before}",
    },
    "reorg.plan.report_carried": {
        "vi": "• Báo cáo {code} hạn {due} của {unit} chưa gửi → chuyển cho {to_units}",
        "en": "• Report {code} due {due} of {unit}, unanswered → carried to {to_units}",
    },
    "reorg.plan.report_closed": {
        "vi": "• Báo cáo {code} hạn {due} của {unit} chưa gửi → đóng (đơn vị đã sắp xếp lại)",
        "en": "• Report {code} due {due} of {unit}, unanswered → closed (unit reorganised)",
    },
    "reorg.plan.invite": {
        "vi": "• Thu hồi lời mời số {number} ({unit}, {role})",
        "en": "• Invite {number} revoked ({unit}, {role})",
    },
    "reorg.plan.none": {"vi": "không có", "en": "none"},
    "reorg.applied": {
        "vi": "✅ Đã áp dụng {count} sự kiện sắp xếp lại đơn vị.",
        "en": "✅ Applied {count} reorganisation event(s).",
    },
    "reorg.notice.moved": {
        "vi": "🏛 Thông báo sắp xếp lại đơn vị: từ ngày {day}, {old_name} ({old_code}) "
              "{what}. Anh/chị nay là đầu mối của <b>{new_name}</b> (mã {new_code}); các báo cáo "
              "sắp tới sẽ được nhắc theo đơn vị mới.",
        "en": "🏛 Units reorganised: from {day}, {old_name} ({old_code}) {what}. You now serve "
              "<b>{new_name}</b> (code {new_code}); upcoming reports are reminded for the new "
              "unit.",
    },
    "reorg.notice.released": {
        "vi": "🏛 Thông báo sắp xếp lại đơn vị: từ ngày {day}, {old_name} ({old_code}) đã kết "
              "thúc hoạt động. Đơn vị kế thừa: {successors}. Anh/chị không còn là đầu mối của "
              "đơn vị cũ; Văn phòng UBND tỉnh sẽ gửi đường dẫn đăng ký nếu anh/chị phụ trách "
              "đơn vị mới.",
        "en": "🏛 Units reorganised: from {day}, {old_name} ({old_code}) closed. Taken over "
              "by: {successors}. You no longer serve the old unit; the provincial office will "
              "send a registration link if you serve a new one.",
    },
    "reorg.notice.what.merge": {"vi": "được hợp nhất thành {new_name}",
                                "en": "was merged into the new {new_name}"},
    "reorg.notice.what.absorb": {"vi": "được sáp nhập vào {new_name}",
                                 "en": "was absorbed into {new_name}"},
    "reorg.notice.what.rename": {"vi": "được đổi tên thành {new_name}",
                                 "en": "was renamed {new_name}"},
    "reorg.notice.what.split": {"vi": "được chia tách", "en": "was split"},
    "reorg.notice.what.dissolve": {"vi": "được giải thể", "en": "was dissolved"},
    "reorg.notice.head": {
        "vi": "🏛 Sắp xếp lại đơn vị từ ngày {day}: {name} là lãnh đạo {old_name} ({old_code}), "
              "nay là cán bộ của <b>{new_name}</b> (mã {new_code}). Văn phòng vui lòng xác nhận "
              "nếu {name} là lãnh đạo đơn vị mới.",
        "en": "🏛 Units reorganised from {day}: {name} headed {old_name} ({old_code}) and now "
              "serves <b>{new_name}</b> (code {new_code}). Please confirm if {name} heads the "
              "new unit.",
    },
    "reorg.head.button": {"vi": "✅ Xác nhận {name} là lãnh đạo {code}",
                          "en": "✅ Confirm {name} as head of {code}"},
    "reorg.head.confirmed": {
        "vi": "✅ {name} đã là lãnh đạo {unit} (mã {code}).",
        "en": "✅ {name} is now head of {unit} (code {code}).",
    },
    "reorg.successors.none": {"vi": "không có (giải thể)", "en": "none (dissolved)"},
}
