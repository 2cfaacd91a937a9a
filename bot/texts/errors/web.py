"""Error messages of the dashboard's sign-in and pages (shown on web pages and in chat)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "web_sign_in_refused": {
        "vi": "Không đăng nhập được. Vui lòng gửi /web cho bot để nhận đường dẫn mới.",
        "en": "Could not sign in. Send /web to the bot for a new link.",
    },
    "web_login_unknown": {
        "vi": "Đường dẫn đăng nhập không đúng. Vui lòng mở đúng đường dẫn bot đã gửi, hoặc gửi /web cho bot để nhận đường dẫn mới.",
        "en": "That sign-in link is not valid. Open the exact link the bot sent, or send /web for a new one.",
    },
    "web_login_used": {
        "vi": "Đường dẫn đăng nhập này đã được sử dụng (mỗi đường dẫn chỉ dùng được một lần). Vui lòng gửi /web cho bot để nhận đường dẫn mới.",
        "en": "That sign-in link was already used (each link works once). Send /web to the bot for a new one.",
    },
    "web_login_expired": {
        "vi": "Đường dẫn đăng nhập đã hết hạn (chỉ có hiệu lực 10 phút). Vui lòng gửi /web cho bot để nhận đường dẫn mới.",
        "en": "That sign-in link has expired (links last 10 minutes). Send /web to the bot for a new one.",
    },
    "web_init_data_invalid": {
        "vi": "Không xác thực được thông tin đăng nhập từ Telegram. Vui lòng đóng và mở lại trang từ nút menu của bot.",
        "en": "The sign-in data from Telegram could not be verified. Close the page and open it again from the bot's menu button.",
    },
    "web_init_data_expired": {
        "vi": "Phiên mở trang từ Telegram đã quá 1 giờ. Vui lòng đóng và mở lại trang từ nút menu của bot.",
        "en": "The page was opened from Telegram more than an hour ago. Close it and open it again from the bot's menu button.",
    },
    "web_office_page_only": {
        "vi": "Trang này chỉ dành cho Văn phòng UBND tỉnh và quản trị viên.",
        "en": "This page is for the Provincial Office and admins.",
    },
    "web_link_in_group": {
        "vi": "Đường dẫn đăng nhập là của riêng từng người: anh/chị vui lòng gửi /web trong cuộc trò chuyện riêng với bot.",
        "en": "A sign-in link is personal: please send /web in your private chat with the bot.",
    },
    "web_bad_filter": {
        "vi": "Bộ lọc không hợp lệ; anh/chị vui lòng chọn lại từ danh sách trên trang.",
        "en": "That filter is not valid; please choose again from the lists on the page.",
    },
    "web_occurrence_not_in_year": {
        "vi": "Năm {year} không có kỳ báo cáo “{deadline}” hạn {due}. Vui lòng chọn kỳ báo cáo trong bảng tổng hợp.",
        "en": "There is no report “{deadline}” due {due} in {year}. Please pick a report from the overview.",
    },
    "web_units_not_followed": {
        "vi": "Đơn vị anh/chị phụ trách ({units}) đã ngừng theo dõi trên hệ thống, nên anh/chị không còn xem được trang theo dõi báo cáo. Nếu cần xem lại các báo cáo trước đây của đơn vị, xin liên hệ Văn phòng UBND tỉnh.",
        "en": "The units you serve ({units}) are no longer followed, so the reporting dashboard is closed to you. For their past reports, please contact the Provincial Office.",
    },
    "web_unit_not_visible": {
        "vi": "Anh/chị chỉ xem được lịch sử báo cáo của các đơn vị mình phụ trách; “{code}” không thuộc số đó.",
        "en": "You can only see the report history of the units you serve; “{code}” is not one of them.",
    },
    "web_file_unknown": {
        "vi": "Không tìm thấy tệp này. Vui lòng mở tệp từ trang báo cáo trong bảng tổng hợp.",
        "en": "This file does not exist. Please open files from the report's page in the overview.",
    },
    "web_file_not_visible": {
        "vi": "Anh/chị chỉ tải được tệp của các đơn vị mình phụ trách.",
        "en": "You can only download the files of the units you serve.",
    },
}
