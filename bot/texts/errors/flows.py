"""Error messages about multi-step chat flows."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # Multi-step chat flows. The flow_* texts of refused buttons are shown as the answer to the tap
    # (a short notice, at most 200 characters, no HTML).
    "flow_finished": {
        "vi": "Thao tác này đã kết thúc hoặc đã được hủy nên nút không còn tác dụng; không có gì "
              "thay đổi.",
        "en": "This flow has already ended or was cancelled, so the button does nothing; nothing "
              "changed.",
    },
    "flow_expired": {
        "vi": "Thao tác đã hết hạn vì lâu không có trả lời; chưa có gì được lưu. Gõ /{command} "
              "để bắt đầu lại.",
        "en": "This flow expired after a long pause; nothing was saved. Type /{command} to start "
              "again.",
    },
    "flow_not_yours": {
        "vi": "Nút này thuộc thao tác của người khác; không có gì thay đổi.",
        "en": "This button belongs to someone else's flow; nothing changed.",
    },
    "flow_step_passed": {
        "vi": "Bước này đã được trả lời; anh/chị vui lòng dùng tin nhắn mới nhất. Không có gì "
              "thay đổi.",
        "en": "This step was already answered; please use the latest message. Nothing changed.",
    },
    "flow_answer_with_buttons": {
        "vi": "Ở bước này anh/chị vui lòng bấm một nút bên dưới câu hỏi (hoặc gõ /cancel để hủy).",
        "en": "At this step please tap one of the buttons under the question (or type /cancel "
              "to stop).",
    },
}
