"""User-facing messages, Vietnamese and English side by side, in Telegram's HTML parse mode."""

from __future__ import annotations

GENERAL_MESSAGES: dict[str, dict[str, str]] = {
    "start.greeting": {
        "vi": (
            "Kính chào anh/chị <b>{name}</b>!\n\n"
            "Tôi là trợ lý nhắc hạn báo cáo của <b>UBND tỉnh {province}</b>. "
            "Tôi giúp các sở, ban, ngành và UBND cấp huyện:\n"
            "• nhắc trước mỗi hạn báo cáo;\n"
            "• ghi nhận tình hình thực hiện: đã gửi, đang thực hiện, có khó khăn, vướng mắc;\n"
            "• tổng hợp tình hình gửi Văn phòng UBND tỉnh.\n\n"
            "Gõ /help để xem các lệnh anh/chị có thể dùng."
        ),
        "en": (
            "Hello <b>{name}</b>!\n\n"
            "I am the reporting-deadline assistant of the <b>{province} Provincial People's "
            "Committee</b>. I help provincial departments and district committees:\n"
            "• with reminders before every reporting deadline;\n"
            "• by recording where each report stands: sent, in progress, blocked;\n"
            "• by summarising it all for the Office of the Provincial People's Committee.\n\n"
            "Type /help to see the commands you can use."
        ),
    },
    "help.header": {
        "vi": "<b>Các lệnh anh/chị có thể dùng</b>",
        "en": "<b>Commands you can use</b>",
    },
    "help.footer": {
        "vi": (
            "Khi nhận tin nhắc hạn, anh/chị bấm nút ngay dưới tin hoặc trả lời (reply) vào tin đó "
            "để báo cáo tình hình."
        ),
        "en": "When a reminder arrives, tap a button under it or reply to it to report progress.",
    },
    "command.start": {"vi": "Giới thiệu trợ lý nhắc hạn", "en": "About this bot"},
    "command.help": {"vi": "Các lệnh có thể dùng", "en": "Commands you can use"},
    "fallback.unknown_command": {
        "vi": "Không có lệnh /{command}. Gõ /help để xem các lệnh anh/chị có thể dùng.",
        "en": "There is no /{command} command. Type /help to see the commands you can use.",
    },
    "fallback.stray_text": {
        "vi": (
            "Tôi chưa hiểu tin nhắn này. Để báo cáo tình hình, anh/chị bấm nút dưới tin nhắc hạn "
            "hoặc trả lời (reply) vào tin nhắc đó. Gõ /help để xem các lệnh."
        ),
        "en": (
            "I did not understand that. To report progress, tap a button under a reminder or reply "
            "to it. Type /help to see the commands."
        ),
    },
    "error.unexpected": {
        "vi": (
            "Xin lỗi, đã có lỗi khi xử lý yêu cầu của anh/chị; chưa có gì bị thay đổi. "
            "Vui lòng thử lại sau ít phút; nếu vẫn lỗi, xin báo Văn phòng UBND tỉnh."
        ),
        "en": (
            "Sorry, something went wrong while handling your request; nothing was changed. "
            "Please try again in a few minutes."
        ),
    },
}
