"""Reminder messages and the outbox listings (/reminders, `deadline-bot reminders`) (vi, en)."""

from __future__ import annotations

REMINDER_MESSAGES: dict[str, dict[str, str]] = {
    "command.reminders": {"vi": "Các lượt nhắc sắp gửi", "en": "Next reminder sends"},
    "reminder.heading.before": {"vi": "⏰ <b>Nhắc hạn gửi báo cáo</b>", "en": "⏰ <b>Report deadline reminder</b>"},
    "reminder.heading.due": {"vi": "📅 <b>Hôm nay là hạn gửi báo cáo</b>", "en": "📅 <b>The report is due today</b>"},
    "reminder.heading.overdue": {"vi": "⚠️ <b>Báo cáo đã quá hạn</b>", "en": "⚠️ <b>The report is overdue</b>"},
    "reminder.heading.escalation": {"vi": "🚨 <b>Đôn đốc: báo cáo quá hạn</b>", "en": "🚨 <b>Follow-up: the report is overdue</b>"},
    "reminder.body": {
        "vi": "Đơn vị: <b>{unit}</b>\nBáo cáo: {title}\nKỳ báo cáo: {period}\nCăn cứ: {basis}\nNơi nhận: {recipient}",
        "en": "Unit: <b>{unit}</b>\nReport: {title}\nPeriod: {period}\nBasis: {basis}\nTo: {recipient}",
    },
    "reminder.due.left": {
        "vi": "Hạn gửi: <b>{due}</b> (còn {days} ngày làm việc)",
        "en": "Due: <b>{due}</b> ({days} working day(s) left)",
    },
    "reminder.due.today": {"vi": "Hạn gửi: <b>{due}</b> (hôm nay)", "en": "Due: <b>{due}</b> (today)"},
    "reminder.due.late": {
        "vi": "Hạn gửi: <b>{due}</b> (đã quá hạn {days} ngày làm việc)",
        "en": "Due: <b>{due}</b> ({days} working day(s) late)",
    },
    "reminder.due.moved": {
        "vi": "<i>Hạn ghi trong văn bản là {nominal}, trùng ngày nghỉ nên tính đến {effective}.</i>",
        "en": "<i>The document says {nominal}, a day off, so the deadline is {effective}.</i>",
    },
    "reminder.due.extended": {
        "vi": "<i>Hạn đã được gia hạn đến {until}: Văn phòng UBND tỉnh đã duyệt đề nghị gia hạn của đơn vị (hạn ghi trong văn bản: {nominal}).</i>",
        "en": "<i>The due date was extended to {until}: the Provincial Office approved the unit's extension request (the document says {nominal}).</i>",
    },
    "reminder.answer_hint": {
        "vi": "<i>Bấm một nút bên dưới để cập nhật tình hình, hoặc trả lời tin nhắn này để gửi thêm nội dung.</i>",
        "en": "<i>Tap a button below to update the status, or reply to this message to add details.</i>",
    },
    "reminder.escalated": {
        "vi": "Lãnh đạo đơn vị đã được thông báo; đơn vị có tên trong báo cáo tổng hợp gửi Văn phòng UBND tỉnh.",
        "en": "The unit's head has been told; the unit is named in the provincial office's digest.",
    },
    "reminders.none": {
        "vi": "Không có lượt nhắc nào đang chờ gửi.",
        "en": "No reminder is waiting to be sent.",
    },
    "reminders.header": {
        "vi": "<b>{count} lượt nhắc sắp gửi</b> (tổng số đang chờ: {pending})",
        "en": "<b>Next {count} reminder sends</b> ({pending} waiting in all)",
    },
    "reminders.line": {
        "vi": "• {at} — <code>{deadline}</code> hạn {due}, <code>{unit}</code> → {chat} ({slot})",
        "en": "• {at} — <code>{deadline}</code> due {due}, <code>{unit}</code> → {chat} ({slot})",
    },
    "reminder.slot.before": {"vi": "trước hạn {offset} ngày làm việc", "en": "{offset} working day(s) before"},
    "reminder.slot.due": {"vi": "ngày đến hạn", "en": "due day"},
    "reminder.slot.overdue": {"vi": "quá hạn {offset} ngày làm việc", "en": "{offset} working day(s) late"},
    "reminder.slot.escalation": {"vi": "đôn đốc, quá hạn {offset} ngày làm việc", "en": "escalation, {offset} working day(s) late"},
    "reminder.slot.extended": {"vi": ", theo hạn đã gia hạn đến {until}", "en": ", against the extended date {until}"},
}
