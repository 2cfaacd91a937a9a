"""The office's dashboard (vi, en): the /web reply and the web pages' words.

`web.page.*` and `web.matrix.*` are plain text put into HTML by the page templates (which
escape them); `web.link` is a Telegram message (HTML).
"""

from __future__ import annotations

WEB_MESSAGES: dict[str, dict[str, str]] = {
    "command.web": {"vi": "Mở trang theo dõi báo cáo trên máy tính", "en": "Open the reporting dashboard in a browser"},
    "web.link": {
        "vi": "🖥 <b>Trang theo dõi báo cáo</b>\nMở đường dẫn sau trên trình duyệt để đăng nhập (dùng được <b>một lần</b>, hết hạn lúc {expires}):\n{link}\nKhông chuyển đường dẫn này cho người khác.",
        "en": "🖥 <b>Reporting dashboard</b>\nOpen this link in a browser to sign in (works <b>once</b>, expires at {expires}):\n{link}\nDo not share it.",
    },
    "web.page.title": {"vi": "Tình hình thực hiện chế độ báo cáo", "en": "Reporting compliance"},
    "web.page.year_title": {"vi": "Tình hình thực hiện chế độ báo cáo năm {year}", "en": "Reporting compliance in {year}"},
    "web.page.signed_in_as": {"vi": "Đăng nhập: {name}", "en": "Signed in: {name}"},
    "web.page.sign_out": {"vi": "Đăng xuất", "en": "Sign out"},
    "web.page.as_of": {"vi": "Cập nhật ngày {today}", "en": "As of {today}"},
    "web.page.download": {"vi": "Tải tệp Excel", "en": "Download Excel file"},
    "web.page.back": {"vi": "← Về bảng tổng hợp", "en": "← Back to the overview"},
    "web.page.other_language": {"vi": "English", "en": "Tiếng Việt"},
    "web.page.chart": {"vi": "Biểu đồ tỷ lệ gửi đúng hạn", "en": "On-time chart"},
    "web.filter.group": {"vi": "Nhóm đơn vị", "en": "Unit group"},
    "web.filter.deadline": {"vi": "Báo cáo", "en": "Report"},
    "web.filter.standing": {"vi": "Tình hình", "en": "Status"},
    "web.filter.any": {"vi": "Tất cả", "en": "All"},
    "web.filter.apply": {"vi": "Lọc", "en": "Filter"},
    "web.matrix.unit": {"vi": "Đơn vị", "en": "Unit"},
    "web.matrix.count": {"vi": "{shown} / {total} đơn vị", "en": "{shown} of {total} units"},
    "web.matrix.empty": {"vi": "Không có đơn vị nào phù hợp với bộ lọc.", "en": "No unit matches the filter."},
    "web.matrix.page": {"vi": "Trang {page}/{pages}", "en": "Page {page} of {pages}"},
    "web.matrix.previous": {"vi": "◀ Trang trước", "en": "◀ Previous"},
    "web.matrix.next": {"vi": "Trang sau ▶", "en": "Next ▶"},
    "web.matrix.own_units": {"vi": "Anh/chị đang xem các đơn vị mình phụ trách.", "en": "You see the units you serve."},
    "web.detail.title": {"vi": "{title} — {period}", "en": "{title} — {period}"},
    "web.detail.due": {"vi": "Hạn gửi: {due}", "en": "Due: {due}"},
    "web.files.title": {"vi": "Tệp các đơn vị gửi kèm", "en": "Files the units attached"},
    "web.files.files": {"vi": "Tệp (bấm để tải về)", "en": "Files (click to download)"},
    "web.actions.title": {"vi": "Đơn vị cần xử lý", "en": "Units to act on"},
    "web.actions.action": {"vi": "Thao tác", "en": "Action"},
    "web.actions.wanted": {"vi": "xin đến {date}", "en": "asks until {date}"},
    "web.actions.giahan": {"vi": "Duyệt gia hạn", "en": "Approve extension"},
    "web.actions.dondoc": {"vi": "Đôn đốc", "en": "Follow up"},
    "web.done.giahan": {"vi": "✅ Đã duyệt gia hạn cho {unit}. Đã báo cho {count} người/nhóm của đơn vị.", "en": "✅ Extension approved for {unit}. {count} of the unit's people/groups were told."},
    "web.done.dondoc": {"vi": "📣 Đã đôn đốc {unit}. Đã nhắn {count} người/nhóm của đơn vị.", "en": "📣 Followed up {unit}. {count} of the unit's people/groups were messaged."},
    "web.unit.title": {"vi": "Tình hình gửi báo cáo của {unit} năm {year}", "en": "Reports of {unit} in {year}"},
    "web.unit.on_time": {"vi": "Tỷ lệ gửi đúng hạn: {percent}% ({on_time}/{due} báo cáo đã hết hạn).", "en": "Sent on time: {percent}% ({on_time} of {due} reports past their due date)."},
    "web.unit.no_rate": {"vi": "Chưa có báo cáo nào hết hạn, nên chưa tính được tỷ lệ gửi đúng hạn.", "en": "No report is past its due date yet, so there is no on-time rate."},
    "web.unit.empty": {"vi": "Năm {year} đơn vị không phải gửi báo cáo nào.", "en": "The unit has no report to send in {year}."},
    "web.unit.report": {"vi": "Báo cáo", "en": "Report"},
    "web.unit.period": {"vi": "Kỳ báo cáo", "en": "Period"},
    "web.unit.due": {"vi": "Hạn gửi", "en": "Due"},
    "web.mini_app.button": {"vi": "Theo dõi báo cáo", "en": "Dashboard"},
    "web.error.title": {"vi": "Không mở được trang", "en": "The page cannot be opened"},
    "web.error.sign_in": {
        "vi": "Anh/chị chưa đăng nhập hoặc phiên làm việc đã hết hạn (8 giờ). Hãy gửi lệnh /web cho bot trên Telegram để nhận đường dẫn đăng nhập mới.",
        "en": "You are not signed in, or your session has expired (8 hours). Send /web to the bot in Telegram for a new sign-in link.",
    },
    "web.error.forbidden": {
        "vi": "Trang này chỉ dành cho cán bộ phụ trách báo cáo, Văn phòng UBND tỉnh và quản trị viên. Nếu anh/chị cần truy cập, vui lòng liên hệ Văn phòng UBND tỉnh.",
        "en": "This page is for reporting officers, the Provincial Office and admins. If you need access, please contact the Provincial Office.",
    },
    "web.error.csrf": {
        "vi": "Biểu mẫu đã cũ hoặc không hợp lệ; không có gì bị thay đổi. Vui lòng tải lại trang và thử lại.",
        "en": "The form is out of date or invalid; nothing was changed. Please reload the page and try again.",
    },
    "web.error.file_unavailable": {
        "vi": "Xin lỗi, hiện chưa tải được tệp này từ Telegram. Vui lòng thử lại sau ít phút.",
        "en": "Sorry, the file cannot be fetched from Telegram right now. Please try again in a few minutes.",
    },
    "web.error.not_found": {"vi": "Không tìm thấy trang này.", "en": "This page does not exist."},
    "web.error.bad_form": {
        "vi": "Xin lỗi, biểu mẫu gửi lên không đúng định dạng nên chưa được xử lý; không có gì bị thay đổi. Vui lòng tải lại trang và thử lại.",
        "en": "Sorry, the form sent was not in the expected format and was not processed; nothing was changed. Please reload the page and try again.",
    },
    "web.error.too_large": {
        "vi": "Xin lỗi, dữ liệu gửi lên quá lớn nên chưa được xử lý; không có gì bị thay đổi. Vui lòng tải lại trang và thử lại.",
        "en": "Sorry, what was sent is too large and was not processed; nothing was changed. Please reload the page and try again.",
    },
    "web.error.unexpected": {
        "vi": "Xin lỗi, đã có lỗi khi mở trang. Vui lòng thử lại sau ít phút.",
        "en": "Sorry, something went wrong opening the page. Please try again in a few minutes.",
    },
    "web.signed_out": {"vi": "Anh/chị đã đăng xuất. Gửi /web cho bot để đăng nhập lại.", "en": "You are signed out. Send /web to the bot to sign in again."},
}
