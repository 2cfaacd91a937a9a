"""Error messages about unit administration (/unit_add, /unit_edit, /unit_disable) and inline
buttons."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # Unit administration (/unit_add, /unit_edit, /unit_disable) and inline buttons.
    "invalid_unit_group": {
        "vi": "Nhóm đơn vị “{value}” chưa đúng; chưa có gì bị thay đổi. Anh/chị chọn một trong: "
              "department hoặc so (sở, ban, ngành), commune hoặc xa (UBND cấp xã), district hoặc "
              "huyen (UBND cấp huyện), agency hoặc co-quan (cơ quan khác).",
        "en": "“{value}” is not a unit group; nothing was changed. Use department (or so), "
              "commune (or xa), district (or huyen), agency (or co-quan).",
    },
    "unit_name_empty": {
        "vi": "Tên đơn vị không được để trống; chưa có gì bị thay đổi. Anh/chị vui lòng nhập "
              "tên đầy đủ, ví dụ: Sở Du lịch.",
        "en": "The unit name cannot be empty; nothing was changed. Please give the full name.",
    },
    "unit_name_too_long": {
        "vi": "Tên đơn vị dài {length} ký tự, vượt quá giới hạn {maximum} ký tự; chưa có gì bị "
              "thay đổi. Anh/chị vui lòng rút gọn tên.",
        "en": "The unit name has {length} characters, more than the {maximum} allowed; nothing "
              "was changed. Please shorten it.",
    },
    "unit_name_control_characters": {
        "vi": "Tên đơn vị chứa ký tự ẩn hoặc ký tự điều khiển (xuống dòng, tab, ký tự không "
              "hiển thị); chưa có gì bị thay đổi. Anh/chị vui lòng nhập tên trên một dòng, chỉ "
              "gồm chữ, số và dấu câu.",
        "en": "The unit name contains hidden or control characters (line breaks, tabs, invisible "
              "characters); nothing was changed. Please type the name on one line.",
    },
    "text_with_nul": {
        "vi": "Tin nhắn có ký tự điều khiển không đọc được (NUL); chưa có gì bị thay đổi. "
              "Anh/chị vui lòng gõ lại tin nhắn.",
        "en": "The message contains an unreadable control character (NUL); nothing was changed. "
              "Please type it again.",
    },
    "unit_already_disabled": {
        "vi": "{name} (mã {code}) đã ngừng theo dõi từ trước; không có gì thay đổi.",
        "en": "{name} (code {code}) was already disabled; nothing changed.",
    },
    "unit_already_active": {
        "vi": "{name} (mã {code}) đang được theo dõi; không có gì thay đổi.",
        "en": "{name} (code {code}) is already followed; nothing changed.",
    },
    "stale_button": {
        "vi": "Nút này đã cũ hoặc không hợp lệ nên không có gì bị thay đổi. Anh/chị vui lòng "
              "gõ lại lệnh, ví dụ /units.",
        "en": "That button is outdated or not valid, so nothing was changed. Please type the "
              "command again, e.g. /units.",
    },
}
