"""Status replies: the answer buttons, confirmations, /status and /history (vi, en)."""

from __future__ import annotations

STATUS_MESSAGES: dict[str, dict[str, str]] = {
    "command.status": {"vi": "Báo cáo đang mở của đơn vị", "en": "Your unit's open reports"},
    "command.history": {"vi": "Lịch sử báo cáo của đơn vị", "en": "Your unit's report history"},
    "status.button.submitted": {"vi": "Đã gửi báo cáo", "en": "Report sent"},
    "status.button.in_progress": {"vi": "Đang thực hiện", "en": "In progress"},
    "status.button.blocked": {"vi": "Có khó khăn, vướng mắc", "en": "Facing difficulties"},
    "status.button.extension": {"vi": "Đề nghị gia hạn", "en": "Ask for more time"},
    "status.button.skip": {"vi": "Bỏ qua", "en": "Skip"},
    "status.name.submitted": {"vi": "Đã gửi báo cáo", "en": "report sent"},
    "status.name.in_progress": {"vi": "Đang thực hiện", "en": "in progress"},
    "status.name.blocked": {"vi": "Có khó khăn, vướng mắc", "en": "facing difficulties"},
    "status.name.extension": {"vi": "Đề nghị gia hạn", "en": "asking for more time"},
    "standing.sent_on_time": {"vi": "Đã gửi – đúng hạn", "en": "Sent on time"},
    "standing.sent_late": {"vi": "Đã gửi – trễ hạn", "en": "Sent late"},
    "standing.in_progress": {"vi": "Đang thực hiện", "en": "In progress"},
    "standing.blocked": {"vi": "Có khó khăn, vướng mắc", "en": "Facing difficulties"},
    "standing.extension": {"vi": "Đề nghị gia hạn", "en": "Asking for more time"},
    "standing.not_sent": {"vi": "Chưa gửi", "en": "Not sent yet"},
    "standing.overdue": {"vi": "Quá hạn – chưa gửi", "en": "Overdue, not sent"},
    "standing.overdue_days": {"vi": "Quá hạn {days} ngày làm việc – chưa gửi", "en": "Overdue by {days} working day(s), not sent"},
    "status.recorded": {
        "vi": "✅ Đã ghi nhận: <b>{unit}</b> — {status}\nBáo cáo: {title} ({period}), hạn {due}.",
        "en": "✅ Recorded: <b>{unit}</b> — {status}\nReport: {title} ({period}), due {due}.",
    },
    "status.recorded.on_time": {"vi": "Gửi đúng hạn. Cảm ơn anh/chị!", "en": "Sent on time. Thank you!"},
    "status.recorded.late": {"vi": "Gửi trễ hạn {days} ngày làm việc.", "en": "Sent {days} working day(s) late."},
    "status.recorded.note": {"vi": "Nội dung: {note}", "en": "Details: {note}"},
    "status.recorded.proposal": {"vi": "Đề xuất, kiến nghị: {proposal}", "en": "Proposal: {proposal}"},
    "status.recorded.wanted": {"vi": "Đề nghị gia hạn đến: {wanted}", "en": "New date asked for: {wanted}"},
    "status.recorded.document": {"vi": "Số văn bản / tệp: {document}", "en": "Document: {document}"},
    "status.ask.document": {
        "vi": "Nếu có, anh/chị gõ số, ký hiệu văn bản đã gửi (ví dụ 123/BC-SYT); hoặc bấm «Bỏ qua».",
        "en": "If you wish, type the number of the document you sent (e.g. 123/BC-SYT), or tap Skip.",
    },
    "status.ask.difficulty": {
        "vi": "Anh/chị vui lòng gõ nội dung khó khăn, vướng mắc và nguyên nhân.",
        "en": "Please type the difficulty and its cause.",
    },
    "status.ask.proposal": {
        "vi": "Đơn vị có đề xuất, kiến nghị gì không? Gõ nội dung, hoặc bấm «Bỏ qua».",
        "en": "Does the unit have a proposal? Type it, or tap Skip.",
    },
    "status.ask.wanted_date": {
        "vi": "Đơn vị đề nghị gia hạn đến ngày nào? Gõ ngày dạng dd/mm/yyyy (hạn hiện tại: {due}).",
        "en": "Until which date? Type it as dd/mm/yyyy (current due date: {due}).",
    },
    "status.ask.reason": {
        "vi": "Anh/chị vui lòng gõ lý do đề nghị gia hạn.",
        "en": "Please type the reason for the extension.",
    },
    "status.group_details": {
        "vi": "Để nêu nội dung chi tiết, anh/chị trả lời (reply) tin nhắn nhắc hạn này.",
        "en": "To add details, reply to this reminder message.",
    },
    "status.note_attached": {
        "vi": "📎 Đã đính kèm nội dung vào báo cáo của <b>{unit}</b> ({title}, hạn {due}).",
        "en": "📎 Added to <b>{unit}</b>'s report ({title}, due {due}).",
    },
    "status.none_open": {
        "vi": "Đơn vị của anh/chị không có báo cáo nào sắp đến hạn hoặc quá hạn. 👍",
        "en": "Your units have no report due soon or overdue. 👍",
    },
    "status.not_officer": {
        "vi": "Lệnh này dành cho cán bộ phụ trách báo cáo của một đơn vị.",
        "en": "This command is for a unit's reporting officers.",
    },
    "status.open_item": {
        "vi": "<b>{unit}</b> — {title} ({period})\nHạn: {due} · Tình hình: {standing}",
        "en": "<b>{unit}</b> — {title} ({period})\nDue: {due} · Status: {standing}",
    },
    "history.header": {"vi": "<b>Lịch sử báo cáo</b> (mới nhất trước)", "en": "<b>Report history</b> (newest first)"},
    "history.none": {"vi": "Đơn vị của anh/chị chưa có cập nhật nào.", "en": "Your units have no updates yet."},
    "history.line": {
        "vi": "• {at} — {unit}: <code>{deadline}</code> hạn {due} — {status}{late}{by}",
        "en": "• {at} — {unit}: <code>{deadline}</code> due {due} — {status}{late}{by}",
    },
    "history.on_time": {"vi": " (đúng hạn)", "en": " (on time)"},
    "history.late": {"vi": " (trễ hạn)", "en": " (late)"},
}

# Files attached to a report.
STATUS_MESSAGES.update({
    "status.file_attached": {
        "vi": "📎 Đã đính kèm tệp «{name}» ({size}) vào báo cáo của <b>{unit}</b> ({title}, hạn {due}).",
        "en": "📎 Attached the file “{name}” ({size}) to <b>{unit}</b>'s report ({title}, due {due}).",
    },
    "status.file_size.kb": {"vi": "{size} KB", "en": "{size} KB"},
    "status.file_size.mb": {"vi": "{size} MB", "en": "{size} MB"},
    "status.file_size.unknown": {"vi": "không rõ dung lượng", "en": "size unknown"},
    "history.file": {"vi": " 📎", "en": " 📎"},
    "status.archive_failed": {
        "vi": "⚠️ <b>Chưa lưu được bản sao tệp</b> «{name}» của <b>{unit}</b> ({title}, hạn {due}) vào thư mục lưu trữ trên máy chủ: <code>{reason}</code>\nTệp vẫn được ghi nhận kèm báo cáo và vẫn còn trên Telegram. Quản trị viên cần kiểm tra thư mục lưu trữ (BOT_ARCHIVE_DIR).",
        "en": "⚠️ <b>Could not keep a copy</b> of the file “{name}” from <b>{unit}</b> ({title}, due {due}) in the archive folder on the server: <code>{reason}</code>\nThe file is still recorded with the report and still kept by Telegram. An admin should check the archive folder (BOT_ARCHIVE_DIR).",
    },
})
