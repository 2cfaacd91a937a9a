"""Messages about units (/units, /unit_add, /unit_edit, /unit_disable) and /audit (vi, en)."""

from __future__ import annotations

UNIT_MESSAGES: dict[str, dict[str, str]] = {
    "unit_group.department": {"vi": "Sở, ban, ngành", "en": "Departments"},
    "unit_group.district": {"vi": "UBND cấp huyện", "en": "District committees"},
    "unit_group.agency": {"vi": "Cơ quan khác", "en": "Other agencies"},
    "unit_group.commune": {"vi": "UBND cấp xã", "en": "Commune committees"},
    "unit_field.name": {"vi": "tên", "en": "name"},
    "unit_field.group": {"vi": "nhóm", "en": "group"},
    "units.none": {
        "vi": "Chưa có đơn vị nào. Thêm đơn vị bằng /unit_add.",
        "en": "There are no units yet. Add one with /unit_add.",
    },
    "units.header": {
        "vi": "<b>Đơn vị báo cáo</b> (trang {page}/{pages})\n{total} đơn vị, {active} đang theo dõi; {never} đơn vị chưa có ai đăng ký (⚠️).",
        "en": "<b>Reporting units</b> (page {page}/{pages})\n{total} units, {active} followed; {never} with nobody registered (⚠️).",
    },
    "units.groups": {
        "vi": "Theo nhóm: {groups}. Gõ <code>/units &lt;trang&gt;</code> để mở thẳng một trang.",
        "en": "By group: {groups}. Type <code>/units &lt;page&gt;</code> to open a page.",
    },
    "units.group_pages": {"vi": "{group} {count} (trang {pages})", "en": "{group} {count} (page {pages})"},
    "units.group_heading": {"vi": "\n<b>{group}</b>", "en": "\n<b>{group}</b>"},
    "units.line": {
        "vi": "• <code>{code}</code> {name} — {officers} cán bộ",
        "en": "• <code>{code}</code> {name} — {officers} officer(s)",
    },
    "units.line_never": {
        "vi": "• <code>{code}</code> {name} — ⚠️ chưa có ai đăng ký",
        "en": "• <code>{code}</code> {name} — ⚠️ nobody registered",
    },
    "units.heads": {"vi": "; lãnh đạo: {names}", "en": "; head: {names}"},
    "units.disabled": {"vi": " <i>(đã ngừng theo dõi)</i>", "en": " <i>(disabled)</i>"},
    "units.closed": {
        "vi": " <i>(đã sắp xếp lại, hoạt động đến {day}; /unit để xem đơn vị kế thừa)</i>",
        "en": " <i>(reorganised, last day {day}; /unit shows who took over)</i>",
    },
    "unit_add.usage": {
        "vi": (
            "<b>Thêm đơn vị</b>: <code>/unit_add &lt;mã&gt; &lt;nhóm&gt; &lt;tên đầy đủ&gt;</code>\n"
            "• mã: 2–16 chữ cái thường không dấu hoặc chữ số, không đổi được về sau;\n"
            "• nhóm: <code>department</code> hoặc <code>so</code> (sở, ban, ngành), "
            "<code>district</code> hoặc <code>huyen</code> (UBND cấp huyện), "
            "<code>agency</code> hoặc <code>co-quan</code> (cơ quan khác);\n"
            "• tên: tên đầy đủ có dấu, tối đa 256 ký tự.\n"
            "Ví dụ: <code>/unit_add sdl department Sở Du lịch</code>"
        ),
        "en": (
            "<b>Add a unit</b>: <code>/unit_add &lt;code&gt; &lt;group&gt; &lt;full name&gt;</code>\n"
            "• code: 2–16 lowercase letters without accents or digits; it cannot change later;\n"
            "• group: <code>department</code> (or <code>so</code>), <code>district</code> "
            "(or <code>huyen</code>), <code>agency</code> (or <code>co-quan</code>);\n"
            "• name: the full name, at most 256 characters.\n"
            "Example: <code>/unit_add sdl department Sở Du lịch</code>"
        ),
    },
    "unit.added": {
        "vi": "✅ Đã thêm <b>{name}</b> (mã <code>{code}</code>, nhóm {group}).\nTạo đường dẫn đăng ký cho đơn vị bằng <code>/invite {code}</code>.",
        "en": "✅ Added <b>{name}</b> (code <code>{code}</code>, group {group}).\nCreate a registration link with <code>/invite {code}</code>.",
    },
    "unit.edited": {
        "vi": "✅ Đã sửa {field} của đơn vị <code>{code}</code>: {before} → <b>{after}</b>.",
        "en": "✅ Changed the {field} of unit <code>{code}</code>: {before} → <b>{after}</b>.",
    },
    "unit.unchanged": {
        "vi": "Đơn vị <code>{code}</code> đã có {field} này ({after}); không có gì thay đổi.",
        "en": "Unit <code>{code}</code> already has this {field} ({after}); nothing changed.",
    },
    "unit.disable_confirm": {
        "vi": (
            "Ngừng theo dõi <b>{name}</b> (mã <code>{code}</code>)?\n"
            "Đơn vị sẽ không còn nhận nhắc hạn. {officers} cán bộ đã đăng ký và toàn bộ lịch sử "
            "vẫn được giữ; có thể bật lại sau."
        ),
        "en": (
            "Stop following <b>{name}</b> (code <code>{code}</code>)?\n"
            "It will get no more reminders. Its {officers} registered officer(s) and all its "
            "history are kept; you can turn it back on later."
        ),
    },
    "unit.button_disable": {"vi": "Có, ngừng theo dõi", "en": "Yes, disable"},
    "unit.button_keep": {"vi": "Không", "en": "No"},
    "unit.button_enable": {"vi": "↩ Bật lại", "en": "↩ Enable again"},
    "unit.disabled": {
        "vi": "Đã ngừng theo dõi <b>{name}</b> (mã <code>{code}</code>). Cán bộ và lịch sử vẫn được giữ.",
        "en": "<b>{name}</b> (code <code>{code}</code>) is no longer followed. Its people and history are kept.",
    },
    "unit.disable_cancelled": {
        "vi": "Đã huỷ; không có gì thay đổi.",
        "en": "Cancelled; nothing changed.",
    },
    "unit.enabled": {
        "vi": "✅ Đã bật lại <b>{name}</b> (mã <code>{code}</code>).",
        "en": "✅ <b>{name}</b> (code <code>{code}</code>) is followed again.",
    },
}
