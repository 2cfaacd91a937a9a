"""Error messages about working days (/holidays, /dayoff, /workday, /day_remove)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # Working days (/holidays, /dayoff, /workday, /day_remove).
    "date_out_of_range": {
        "vi": "Ngày {value} nằm ngoài khoảng lịch bot biết (năm {minimum}–{maximum}). Anh/chị "
              "vui lòng nhập ngày trong khoảng đó, ví dụ 10/03/2020.",
        "en": "{value} is outside the years the calendar knows ({minimum}–{maximum}). Please "
              "type a date in those years, e.g. 10/03/2020.",
    },
    "calendar_day_in_past": {
        "vi": "Ngày {day} đã qua (hôm nay là {today}); thay đổi ngày đã qua sẽ làm sai lịch sử "
              "nhắc hạn và báo cáo nên bot không nhận. Anh/chị vui lòng chọn một ngày từ hôm nay "
              "trở đi. Chưa có gì thay đổi.",
        "en": "{day} is in the past (today is {today}); changing past days would rewrite the "
              "history of reminders and reports, so the bot refuses. Please choose a day from "
              "today on. Nothing was changed.",
    },
    "day_off_on_weekend": {
        "vi": "Ngày {day} là thứ Bảy hoặc Chủ nhật, vốn đã là ngày nghỉ nên không cần thêm. "
              "Nếu cơ quan được nghỉ thêm một ngày trong tuần, anh/chị gõ ngày đó, ví dụ: "
              "<code>/dayoff {example} Nghỉ bù</code>",
        "en": "{day} is a Saturday or Sunday, already a day off, so there is nothing to add. "
              "To add a weekday off, type that day, e.g. <code>/dayoff {example} Nghỉ bù</code>",
    },
    "day_off_on_holiday": {
        "vi": "Ngày {day} đã là ngày nghỉ lễ ({name}) theo lịch nghỉ của Nhà nước nên không cần "
              "thêm. Nếu được nghỉ bù, anh/chị gõ ngày nghỉ bù, ví dụ: "
              "<code>/dayoff {example} Nghỉ bù</code>",
        "en": "{day} is already a public holiday ({name}), so there is nothing to add. For a "
              "compensatory day off, type that day, e.g. <code>/dayoff {example} Nghỉ bù</code>",
    },
    "working_day_already_worked": {
        "vi": "Ngày {day} vốn đã là ngày làm việc nên không cần thêm. Ngày làm việc bù thường "
              "là thứ Bảy hoặc Chủ nhật, ví dụ: <code>/workday {example} Làm bù</code>",
        "en": "{day} is already a working day, so there is nothing to add. A make-up working "
              "day is usually a Saturday or Sunday, e.g. <code>/workday {example} Làm bù</code>",
    },
    "calendar_day_already_day_off": {
        "vi": "Ngày {day} đã được thêm là ngày nghỉ ({reason}). Muốn đổi, anh/chị bỏ ngày này "
              "trước bằng <code>/day_remove {day}</code> rồi thêm lại. Chưa có gì thay đổi.",
        "en": "{day} was already added as a day off ({reason}). To change it, first remove it "
              "with <code>/day_remove {day}</code>, then add it again. Nothing was changed.",
    },
    "calendar_day_already_working_day": {
        "vi": "Ngày {day} đã được thêm là ngày làm việc bù ({reason}). Muốn đổi, anh/chị bỏ "
              "ngày này trước bằng <code>/day_remove {day}</code> rồi thêm lại. Chưa có gì "
              "thay đổi.",
        "en": "{day} was already added as a make-up working day ({reason}). To change it, first "
              "remove it with <code>/day_remove {day}</code>, then add it again. Nothing was "
              "changed.",
    },
    "calendar_day_not_added": {
        "vi": "Ngày {day} không phải ngày do quản trị viên thêm nên không có gì để bỏ (ngày lễ "
              "theo lịch Nhà nước không bỏ được; nếu cơ quan vẫn làm việc, dùng /workday). Xem "
              "các ngày đã thêm bằng <code>/holidays {year}</code>",
        "en": "{day} was not added by an admin, so there is nothing to remove (public holidays "
              "cannot be removed; if agencies work that day, use /workday). See the days added "
              "with <code>/holidays {year}</code>",
    },
    "calendar_reason_too_long": {
        "vi": "Lý do dài {length} ký tự, vượt quá {maximum} ký tự. Anh/chị vui lòng rút gọn, ví "
              "dụ: <code>/dayoff 29/04/2024 Nghỉ hoán đổi dịp 30/4</code>",
        "en": "The reason is {length} characters long, over the {maximum} allowed. Please "
              "shorten it, e.g. <code>/dayoff 29/04/2024 Nghỉ hoán đổi dịp 30/4</code>",
    },
    "calendar_reason_control_characters": {
        "vi": "Lý do có ký tự xuống dòng, tab hoặc ký tự ẩn. Anh/chị vui lòng gõ lý do trên một "
              "dòng, ví dụ: <code>/dayoff 29/04/2024 Nghỉ hoán đổi dịp 30/4</code>",
        "en": "The reason holds a line break, a tab or an invisible character. Please type it on "
              "one line, e.g. <code>/dayoff 29/04/2024 Nghỉ hoán đổi dịp 30/4</code>",
    },
}
