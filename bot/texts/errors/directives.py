"""Error messages about the documents sent to /import."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "unsupported_document": {
        "vi": "Chưa đọc được tệp <b>{name}</b>. Vui lòng gửi văn bản dạng {kinds}, hoặc dán "
              "nội dung văn bản vào tin nhắn.",
        "en": "<b>{name}</b> cannot be read. Please send the document as {kinds}, or paste its "
              "text into a message.",
    },
    "document_too_large": {
        "vi": "Tệp <b>{name}</b> lớn hơn {megabytes} MB. Vui lòng gửi tệp nhỏ hơn, hoặc dán "
              "phần “Tổ chức thực hiện” của văn bản vào tin nhắn.",
        "en": "<b>{name}</b> is larger than {megabytes} MB. Please send a smaller file, or "
              "paste the document's implementation section into a message.",
    },
    "unreadable_document": {
        "vi": "Không mở được tệp <b>{name}</b> (tệp bị hỏng, có mật khẩu hoặc không đúng "
              "định dạng). Vui lòng kiểm tra lại tệp, hoặc dán nội dung văn bản vào tin nhắn.",
        "en": "<b>{name}</b> could not be opened (damaged, password-protected or not in the "
              "format its name says). Please check the file, or paste the text into a message.",
    },
    "document_without_text": {
        "vi": "Tệp <b>{name}</b> không có chữ để đọc (có thể là bản scan chưa nhận dạng chữ). "
              "Vui lòng gửi bản có lớp chữ (.docx, .pdf xuất từ Word) hoặc dán nội dung vào "
              "tin nhắn.",
        "en": "<b>{name}</b> has no text to read (perhaps a scan without OCR). Please send a "
              "version with text (.docx, a PDF saved from Word) or paste the text into a "
              "message.",
    },
}
