"""Messages about deadlines as admins configure them (/deadlines, /deadline_add…) (vi, en)."""

from __future__ import annotations

DEADLINE_MESSAGES: dict[str, dict[str, str]] = {
    "command.deadlines": {"vi": "Danh sách hạn báo cáo", "en": "List deadlines"},
    "command.deadline": {"vi": "Chi tiết một hạn báo cáo", "en": "One deadline in full"},
    "command.deadline_add": {"vi": "Thêm hạn báo cáo", "en": "Add a deadline"},
    "command.deadline_edit": {"vi": "Sửa hạn báo cáo", "en": "Edit a deadline"},
    "command.deadline_pause": {"vi": "Tạm dừng một hạn báo cáo", "en": "Pause a deadline"},
    "command.deadline_resume": {"vi": "Tiếp tục một hạn báo cáo", "en": "Resume a deadline"},
    "command.deadline_delete": {"vi": "Xóa một hạn báo cáo", "en": "Delete a deadline"},
}

DEADLINE_MESSAGES.update({
    "deadlines.none": {
        "vi": "Chưa có hạn báo cáo nào. Thêm bằng /deadline_add.",
        "en": "There are no deadlines yet. Add one with /deadline_add.",
    },
    "deadlines.header": {
        "vi": "<b>Hạn báo cáo</b> ({count}). Xem chi tiết: /deadline &lt;mã&gt;",
        "en": "<b>Deadlines</b> ({count}). In full: /deadline &lt;code&gt;",
    },
    "deadlines.line": {
        "vi": "\n• <code>{code}</code> {title}\n  {rule}; {units} đơn vị; {next}",
        "en": "\n• <code>{code}</code> {title}\n  {rule}; {units} units; {next}",
    },
    "deadlines.next": {"vi": "hạn tới {date}", "en": "next due {date}"},
    "deadlines.no_next": {"vi": "không còn hạn nào", "en": "no further due date"},
    "deadlines.paused": {"vi": "⏸ đang tạm dừng", "en": "⏸ paused"},
    "deadline.heading": {
        "vi": "<b>{title}</b>\nMã: <code>{code}</code>{paused}",
        "en": "<b>{title}</b>\nCode: <code>{code}</code>{paused}",
    },
    "deadline.paused_mark": {"vi": " — ⏸ đang tạm dừng", "en": " — ⏸ paused"},
    "deadline.legal": {"vi": "Căn cứ: {basis}", "en": "Legal basis: {basis}"},
    "deadline.recipient": {"vi": "Nơi nhận: {name}", "en": "Send to: {name}"},
    "deadline.rule": {"vi": "Hạn: {rule}", "en": "Due: {rule}"},
    "deadline.units": {
        "vi": "Đơn vị báo cáo: {count} ({selector})",
        "en": "Reporting units: {count} ({selector})",
    },
    "deadline.offsets": {
        "vi": "Nhắc trước hạn: {before} ngày làm việc; nhắc quá hạn sau {overdue} ngày; báo "
              "lãnh đạo đơn vị sau {escalation} ngày",
        "en": "Reminders: {before} working days before; overdue after {overdue} days; the "
              "unit's head told after {escalation} days",
    },
    "deadline.no_before": {"vi": "không", "en": "none"},
    "deadline.upcoming": {"vi": "<b>Các hạn tới</b>", "en": "<b>Next due dates</b>"},
    "deadline.upcoming_line": {"vi": "• {due} — {period}", "en": "• {due} — {period}"},
    "deadline.moved": {"vi": " (hạn ghi {nominal} rơi vào ngày nghỉ)",
                       "en": " ({nominal} is a day off)"},
    "deadline.no_upcoming": {"vi": "Không còn hạn nào sắp tới.",
                             "en": "No due date ahead."},
    "deadline.plan": {"vi": "<b>Lịch nhắc cho hạn {due}</b>", "en": "<b>Reminders for {due}</b>"},
    "deadline.plan_line": {"vi": "• {day} — {kind}", "en": "• {day} — {kind}"},
    "deadline.plan.before": {"vi": "trước hạn {days} ngày làm việc",
                             "en": "{days} working days before"},
    "deadline.plan.due": {"vi": "ngày đến hạn", "en": "due day"},
    "deadline.plan.overdue": {"vi": "quá hạn {days} ngày làm việc",
                              "en": "{days} working days overdue"},
    "deadline.plan.escalation": {"vi": "quá hạn {days} ngày, báo lãnh đạo đơn vị",
                                 "en": "{days} days overdue, the head is told"},
    "deadline_add.usage": {
        "vi": "<b>Thêm hạn báo cáo</b>\nNhập trên một dòng:\n"
              "<code>/deadline_add &lt;hạn&gt; | &lt;tên báo cáo&gt; | &lt;đơn vị&gt; | "
              "&lt;mốc nhắc&gt;</code>\nVí dụ: <code>/deadline_add 20/01 hằng năm | Văn bản "
              "triển khai kế hoạch | all | 7,3,1</code>\nHoặc gửi /deadline_add trong tin nhắn "
              "riêng với bot để được hỏi từng bước.",
        "en": "<b>Add a deadline</b>\nOn one line:\n"
              "<code>/deadline_add &lt;due rule&gt; | &lt;title&gt; | &lt;units&gt; | "
              "&lt;offsets&gt;</code>\nExample: <code>/deadline_add 20/01 hằng năm | Plan "
              "implementation | all | 7,3,1</code>\nOr send /deadline_add alone in a private "
              "chat with the bot to be asked step by step.",
    },
    "deadline.added": {"vi": "✅ Đã thêm hạn báo cáo.", "en": "✅ Deadline added."},
    "deadline.edited": {
        "vi": "✅ Đã sửa {field} của <code>{code}</code>:\ntừ: {before}\nsang: {after}",
        "en": "✅ Changed the {field} of <code>{code}</code>:\nfrom: {before}\nto: {after}",
    },
    "deadline.unchanged": {
        "vi": "Không có gì thay đổi: {field} của <code>{code}</code> vẫn là {after}.",
        "en": "Nothing changed: the {field} of <code>{code}</code> is already {after}.",
    },
    "deadline.paused_done": {
        "vi": "⏸ Đã tạm dừng <code>{code}</code> ({title}). Để chạy lại: /deadline_resume {code}",
        "en": "⏸ Paused <code>{code}</code> ({title}). To resume: /deadline_resume {code}",
    },
    "deadline.resumed": {
        "vi": "▶️ Đã cho chạy lại <code>{code}</code> ({title}).",
        "en": "▶️ Resumed <code>{code}</code> ({title}).",
    },
    "deadline.delete_confirm": {
        "vi": "Xóa hạn báo cáo <code>{code}</code> ({title})? Sẽ không còn nhắc hạn nào; các "
              "báo cáo đã nhận vẫn được giữ, và mã này không dùng lại được.",
        "en": "Delete the deadline <code>{code}</code> ({title})? No more reminders will go "
              "out; the reports received are kept, and the code cannot be reused.",
    },
    "deadline.button_delete": {"vi": "🗑 Xóa", "en": "🗑 Delete"},
    "deadline.button_keep": {"vi": "Giữ lại", "en": "Keep it"},
    "deadline.deleted": {
        "vi": "🗑 Đã xóa hạn báo cáo <code>{code}</code> ({title}).",
        "en": "🗑 Deleted the deadline <code>{code}</code> ({title}).",
    },
    "deadline.delete_cancelled": {"vi": "Đã giữ lại hạn báo cáo.", "en": "The deadline is kept."},
    "deadline.effect": {
        "vi": "Lịch nhắc: {rescheduled} lời nhắc được sắp xếp lại; {changes} hạn được điều "
              "chỉnh; {told} cuộc trò chuyện của {units} đơn vị được thông báo.",
        "en": "Reminders: {rescheduled} rescheduled; {changes} due dates moved; {told} chats of "
              "{units} units told.",
    },
    "deadline_field.title": {"vi": "tên báo cáo", "en": "title"},
    "deadline_field.legal": {"vi": "căn cứ", "en": "legal basis"},
    "deadline_field.recipient": {"vi": "nơi nhận", "en": "recipient"},
    "deadline_field.rule": {"vi": "hạn", "en": "due rule"},
    "deadline_field.units": {"vi": "đơn vị báo cáo", "en": "reporting units"},
    "deadline_field.offsets": {"vi": "mốc nhắc", "en": "reminder offsets"},
    "deadline_field.none": {"vi": "(không có)", "en": "(none)"},
})

# The guided /deadline_add and /deadline_edit.
DEADLINE_MESSAGES.update({
    "deadline_flow.guided": {
        "vi": "Tôi sẽ hỏi từng bước. Gửi /cancel bất cứ lúc nào để hủy; chưa có gì được lưu "
              "cho đến khi anh/chị bấm Xác nhận.",
        "en": "I will ask one step at a time. Send /cancel at any time to stop; nothing is "
              "saved until you tap Confirm.",
    },
    "deadline_flow.edit_intro": {
        "vi": "<b>Sửa hạn báo cáo</b>\nCách nhanh: <code>/deadline_edit &lt;mã&gt; &lt;mục&gt; "
              "&lt;giá trị mới&gt;</code>, ví dụ <code>/deadline_edit quy han ngày 15 tháng "
              "cuối quý</code>.",
        "en": "<b>Edit a deadline</b>\nQuick form: <code>/deadline_edit &lt;code&gt; &lt;field&gt; "
              "&lt;new value&gt;</code>, e.g. <code>/deadline_edit quy rule ngày 15 tháng cuối "
              "quý</code>.",
    },
    "deadline_flow.step": {"vi": "Bước {number}/6. ", "en": "Step {number}/6. "},
    "deadline_flow.ask.title": {
        "vi": "Tên báo cáo là gì? Ví dụ: Báo cáo tình hình thực hiện kế hoạch năm",
        "en": "What is the report's title? E.g. Annual plan implementation report",
    },
    "deadline_flow.ask.legal": {
        "vi": "Căn cứ giao nhiệm vụ (số, ngày văn bản và mục)? Ví dụ: Quyết định số "
              "01/QĐ-UBND ngày 02/01/2020, mục 1.1. Không có thì bấm Bỏ qua.",
        "en": "The legal basis (document number, date, clause)? E.g. Quyết định số "
              "01/QĐ-UBND ngày 02/01/2020, mục 1.1. Tap Skip if there is none.",
    },
    "deadline_flow.ask.recipient": {
        "vi": "Báo cáo gửi về đâu? Chọn bên dưới hoặc nhập mã đơn vị nhận.",
        "en": "Who receives the reports? Choose below or type the receiving unit's code.",
    },
    "deadline_flow.ask.rule": {
        "vi": "Hạn báo cáo? Ví dụ: <code>10/07/2027</code> (một lần), <code>20/01 hằng "
              "năm</code>, <code>ngày 10 tháng cuối quý</code>, <code>ngày 25 hằng "
              "tháng</code>, <code>cuối tháng</code>.",
        "en": "When is it due? E.g. <code>10/07/2027</code> (once), <code>20/01 hằng "
              "năm</code>, <code>ngày 10 tháng cuối quý</code>, <code>ngày 25 hằng "
              "tháng</code>, <code>cuối tháng</code>.",
    },
    "deadline_flow.ask.units": {
        "vi": "Đơn vị nào phải báo cáo? Chọn bên dưới, hoặc nhập mã đơn vị, nhóm (all, "
              "departments, communes, districts, agencies) và loại trừ bằng dấu trừ, ví dụ "
              "<code>all -bdt</code>.",
        "en": "Which units must report? Choose below, or type unit codes, groups (all, "
              "departments, communes, districts, agencies) and exclusions with a minus, e.g. "
              "<code>all -bdt</code>.",
    },
    "deadline_flow.ask.offsets": {
        "vi": "Nhắc trước hạn bao nhiêu ngày làm việc? Chọn bên dưới hoặc nhập, ví dụ "
              "<code>10,5,1</code>; 0 là không nhắc trước.",
        "en": "How many working days ahead to remind? Choose below or type, e.g. "
              "<code>10,5,1</code>; 0 for none.",
    },
    "deadline_flow.ask.deadline": {
        "vi": "Sửa hạn báo cáo nào? Chọn bên dưới hoặc nhập mã.",
        "en": "Which deadline? Choose below or type its code.",
    },
    "deadline_flow.ask.field": {
        "vi": "Sửa mục nào của <code>{code}</code>?",
        "en": "Which field of <code>{code}</code>?",
    },
    "deadline_flow.confirm_add": {
        "vi": "<b>Xem lại trước khi lưu</b> — bấm Xác nhận để thêm.",
        "en": "<b>Check before saving</b> — tap Confirm to add it.",
    },
    "deadline_flow.confirm_edit": {
        "vi": "<b>Xem lại trước khi lưu</b> — {field} mới: {value}. Bấm Xác nhận để lưu.",
        "en": "<b>Check before saving</b> — new {field}: {value}. Tap Confirm to save.",
    },
    "deadline_flow.button_skip": {"vi": "Bỏ qua", "en": "Skip"},
    "deadline_flow.offsets_none": {"vi": "Không nhắc trước", "en": "No reminder before"},
    "deadline_flow.offsets_days": {"vi": "{days} ngày", "en": "{days} days"},
    "deadline_flow.units.all": {"vi": "Tất cả đơn vị", "en": "All units"},
    "deadline_flow.units.departments": {"vi": "Sở, ban, ngành", "en": "Departments"},
    "deadline_flow.units.districts": {"vi": "UBND cấp huyện", "en": "District committees"},
})
