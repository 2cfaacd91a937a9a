"""Messages about working days: /holidays, /dayoff, /workday, /day_remove (vi, en), and the
notice units get when a due date of theirs moves."""

from __future__ import annotations

WORKING_DAY_MESSAGES: dict[str, dict[str, str]] = {
    "command.holidays": {"vi": "Ngày nghỉ trong năm", "en": "The year's days off"},
    "command.dayoff": {"vi": "Thêm ngày nghỉ", "en": "Add a day off"},
    "command.workday": {"vi": "Thêm ngày làm việc bù", "en": "Add a make-up working day"},
    "command.day_remove": {"vi": "Bỏ một ngày nghỉ hoặc ngày làm bù đã thêm",
                           "en": "Remove an added day off or working day"},
    "weekday.0": {"vi": "Thứ Hai", "en": "Mon"},
    "weekday.1": {"vi": "Thứ Ba", "en": "Tue"},
    "weekday.2": {"vi": "Thứ Tư", "en": "Wed"},
    "weekday.3": {"vi": "Thứ Năm", "en": "Thu"},
    "weekday.4": {"vi": "Thứ Sáu", "en": "Fri"},
    "weekday.5": {"vi": "Thứ Bảy", "en": "Sat"},
    "weekday.6": {"vi": "Chủ nhật", "en": "Sun"},
    "day_kind.day_off": {"vi": "ngày nghỉ", "en": "day off"},
    "day_kind.working_day": {"vi": "ngày làm việc bù", "en": "make-up working day"},
    # /holidays
    "holidays.header": {
        "vi": "<b>Ngày nghỉ và ngày làm việc bù năm {year}</b>",
        "en": "<b>Days off and make-up working days, {year}</b>",
    },
    "holidays.days_off": {"vi": "\n<b>Ngày nghỉ</b> ({count})", "en": "\n<b>Days off</b> ({count})"},
    "holidays.working_days": {"vi": "\n<b>Ngày làm việc bù</b> ({count})",
                              "en": "\n<b>Make-up working days</b> ({count})"},
    "holidays.none": {"vi": "• (không có)", "en": "• (none)"},
    "holidays.line": {"vi": "• {weekday} {day} — {name}", "en": "• {weekday} {day} — {name}"},
    "holidays.line_added": {"vi": "• ✏️ {weekday} {day} — {name}",
                            "en": "• ✏️ {weekday} {day} — {name}"},
    "holidays.no_reason": {"vi": "(không ghi lý do)", "en": "(no reason given)"},
    # The legend only when a listed day carries ✏️; how to add days always.
    "holidays.legend": {
        "vi": "✏️ ngày do quản trị viên thêm; bỏ bằng <code>/day_remove ngày/tháng/năm</code>.",
        "en": "✏️ added by an admin; remove with <code>/day_remove dd/mm/yyyy</code>.",
    },
    "holidays.how_to_add": {
        "vi": "Thêm ngày nghỉ: <code>/dayoff ngày/tháng/năm [lý do]</code>; ngày làm việc bù: "
              "<code>/workday ngày/tháng/năm [lý do]</code>.",
        "en": "Add a day off: <code>/dayoff dd/mm/yyyy [reason]</code>; a make-up working day: "
              "<code>/workday dd/mm/yyyy [reason]</code>.",
    },
    # /dayoff, /workday, /day_remove
    "day.added": {
        "vi": "✅ Đã thêm {kind} {weekday} {day}{reason}.",
        "en": "✅ Added the {kind} {weekday} {day}{reason}.",
    },
    "day.removed": {
        "vi": "✅ Đã bỏ {kind} {weekday} {day}{reason}; ngày này trở lại như lịch thông thường.",
        "en": "✅ Removed the {kind} {weekday} {day}{reason}; the day is back to the usual calendar.",
    },
    "day.reason": {"vi": ": {reason}", "en": ": {reason}"},
    "day.reminders": {
        "vi": "Đã sắp xếp lại {count} lời nhắc.",
        "en": "{count} reminder(s) rescheduled.",
    },
    "day.no_due_change": {
        "vi": "Không hạn báo cáo nào thay đổi.",
        "en": "No due date changed.",
    },
    "day.due_changes": {
        "vi": "{changes} hạn báo cáo thay đổi, của {units} đơn vị; đã báo cho {chats} người/nhóm.",
        "en": "{changes} due date(s) changed, for {units} unit(s); {chats} chat(s) were told.",
    },
    "day.due_change_line": {
        "vi": "• {title} ({period}): {before} → {after}",
        "en": "• {title} ({period}): {before} → {after}",
    },
    "day.due_change_line_no_period": {
        "vi": "• {title}: {before} → {after}",
        "en": "• {title}: {before} → {after}",
    },
    "day.more_changes": {"vi": "• … và {count} hạn khác", "en": "• … and {count} more"},
    # The notice to the units whose due date moved.
    "schedule_change.notice": {
        "vi": "📅 Hạn báo cáo «{title}» ({period}) đã được điều chỉnh từ {before} sang {after}.",
        "en": "📅 The due date of «{title}» ({period}) has been moved from {before} to {after}.",
    },
    "schedule_change.notice_no_period": {
        "vi": "📅 Hạn báo cáo «{title}» đã được điều chỉnh từ {before} sang {after}.",
        "en": "📅 The due date of «{title}» has been moved from {before} to {after}.",
    },
    "schedule_change.reminders": {
        "vi": "Các lời nhắc sẽ được gửi theo hạn mới.",
        "en": "Reminders will follow the new date.",
    },
}
