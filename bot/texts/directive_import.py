"""Messages of /import: an official document's deadlines proposed one by one (vi, en)."""

from __future__ import annotations

IMPORT_MESSAGES: dict[str, dict[str, str]] = {
    "command.import": {"vi": "Nhập hạn báo cáo từ văn bản", "en": "Import deadlines from a document"},
    "import.private_only": {
        "vi": "Vui lòng dùng /import trong tin nhắn riêng với bot.",
        "en": "Please use /import in a private chat with the bot.",
    },
    "import.ask_document": {
        "vi": "<b>Nhập hạn báo cáo từ văn bản</b>\nGửi văn bản (kế hoạch, quyết định, chỉ thị, "
              "công văn…): dán nội dung vào tin nhắn, hoặc gửi tệp .docx, .pdf (có lớp chữ) "
              "hoặc .txt. Tôi sẽ tìm từng điều khoản đặt hạn báo cáo và đề xuất một hạn cho mỗi "
              "điều khoản; chưa có gì được lưu cho đến khi anh/chị bấm Thêm. Gửi /cancel để "
              "dừng.",
        "en": "<b>Import deadlines from a document</b>\nSend the document (plan, decision, "
              "directive, letter…): paste its text into a message, or send a .docx, .pdf (with "
              "a text layer) or .txt file. I will find each clause that sets a reporting "
              "deadline and propose one deadline per clause; nothing is saved until you tap "
              "Add. Send /cancel to stop.",
    },
    "import.found_none": {
        "vi": "Không tìm thấy điều khoản nào đặt hạn báo cáo trong văn bản này (ngày ký, ngày "
              "có hiệu lực và ngày của các văn bản căn cứ không phải là hạn). Không có gì được "
              "lưu. Gửi văn bản khác, hoặc /cancel để dừng.",
        "en": "No clause of this document sets a reporting deadline (signing dates, effective "
              "dates and the dates of cited documents are not deadlines). Nothing was saved. "
              "Send another document, or /cancel to stop.",
    },
    "import.overview": {
        "vi": "Tìm thấy {count} hạn báo cáo trong văn bản:",
        "en": "{count} reporting deadlines found in the document:",
    },
    "import.overview_line": {"vi": "{number}. {rule} — {title}", "en": "{number}. {rule} — {title}"},
    "import.overview_more": {"vi": "… và {count} hạn khác.", "en": "… and {count} more."},
    "import.no_day": {"vi": "chưa rõ ngày", "en": "no day given"},
    "import.more_found": {
        "vi": "Đã đọc tiếp phần văn bản vừa gửi: thêm {count} đề xuất.",
        "en": "Read the next part of the document: {count} more proposals.",
    },
    "import.heading": {
        "vi": "📄 <b>{source}</b> — đề xuất {number}/{total}",
        "en": "📄 <b>{source}</b> — proposal {number}/{total}",
    },
    "import.source_unknown": {"vi": "Văn bản", "en": "Document"},
    "import.added": {
        "vi": "✅ Đã thêm hạn <code>{code}</code> – {title}.",
        "en": "✅ Added deadline <code>{code}</code> – {title}.",
    },
    "import.words": {"vi": "Trong văn bản: «{words}»", "en": "In the document: «{words}»"},
    "import.missing.ask_day": {
        "vi": "⚠️ Văn bản nêu định kỳ nhưng không nêu ngày cụ thể: bấm Sửa → Hạn để nhập hạn.",
        "en": "⚠️ The document gives a period but no day: tap Edit → Due rule to type it.",
    },
    "import.missing.ask_period": {
        "vi": "⚠️ Văn bản chỉ nêu khoảng thời gian, không nêu ngày: bấm Sửa → Hạn để nhập hạn.",
        "en": "⚠️ The document gives only a period, no day: tap Edit → Due rule to type it.",
    },
    "import.missing.relative": {
        "vi": "⚠️ Hạn tính từ một sự kiện nên tôi không tự đoán ngày: bấm Sửa → Hạn để nhập "
              "hạn, hoặc Bỏ qua.",
        "en": "⚠️ The deadline counts from an event, so I do not guess a date: tap Edit → Due "
              "rule to type one, or Skip.",
    },
    "import.missing.units": {
        "vi": "⚠️ Điều khoản không nêu rõ đơn vị báo cáo: bấm Sửa → Đơn vị.",
        "en": "⚠️ The clause names no reporting unit: tap Edit → Units.",
    },
    "import.unknown_units": {
        "vi": "❓ Tên chưa khớp đơn vị nào: {names}. Bấm Sửa → Đơn vị để nhập mã đơn vị tương "
              "ứng (xem /units).",
        "en": "❓ Names that match no unit: {names}. Tap Edit → Units to type the matching unit "
              "codes (see /units).",
    },
    "import.unknown_recipient": {
        "vi": "ℹ️ Văn bản ghi nơi nhận: {name} — không có trong danh sách nên tạm để Văn phòng "
              "UBND tỉnh; bấm Sửa → Nơi nhận để đổi.",
        "en": "ℹ️ The document names the recipient {name}, which is not on the list, so the "
              "provincial office stands in; tap Edit → Recipient to change it.",
    },
    "import.fields": {
        "vi": "<b>{title}</b>\nCăn cứ: {legal}\nHạn: {rule}\nĐơn vị: {units}\nNơi nhận: "
              "{recipient}",
        "en": "<b>{title}</b>\nBasis: {legal}\nDue rule: {rule}\nUnits: {units}\nRecipient: "
              "{recipient}",
    },
    "import.not_given": {"vi": "— (chưa có)", "en": "— (not given)"},
    "import.office_default": {"vi": "Văn phòng UBND tỉnh (mặc định)",
                              "en": "the provincial office (default)"},
    "import.ask_confirm": {
        "vi": "Bấm <b>Thêm</b> để lưu hạn này, <b>Sửa</b> để chỉnh, <b>Bỏ qua</b> để sang đề "
              "xuất tiếp theo.",
        "en": "Tap <b>Add</b> to save this deadline, <b>Edit</b> to change it, <b>Skip</b> for "
              "the next proposal.",
    },
    "import.ask_complete": {
        "vi": "Bấm <b>Sửa</b> để bổ sung, hoặc <b>Bỏ qua</b> để sang đề xuất tiếp theo.",
        "en": "Tap <b>Edit</b> to complete it, or <b>Skip</b> for the next proposal.",
    },
    "import.ask_field": {
        "vi": "Sửa mục nào của đề xuất {number}/{total}?",
        "en": "Which field of proposal {number}/{total}?",
    },
    "import.done": {
        "vi": "Đã xem hết {total} đề xuất từ <b>{source}</b>: thêm {added}, bỏ qua {skipped}.",
        "en": "All {total} proposals from <b>{source}</b> reviewed: {added} added, {skipped} "
              "skipped.",
    },
    "import.done_codes": {"vi": "Các hạn đã thêm: {codes} (xem /deadlines).",
                          "en": "Added: {codes} (see /deadlines)."},
    "import.button_add": {"vi": "✅ Thêm", "en": "✅ Add"},
    "import.button_edit": {"vi": "✏️ Sửa", "en": "✏️ Edit"},
    "import.button_skip": {"vi": "⏭ Bỏ qua", "en": "⏭ Skip"},
    "import.reading": {"vi": "Đang đọc tệp…", "en": "Reading the file…"},
}
