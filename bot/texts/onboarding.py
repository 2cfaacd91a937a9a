"""Onboarding a province: invites for a whole group, revoking them, who is still missing, and
the office's weekly note (Vietnamese and English).

`invite_sheet.*` and `invite_pdf.*` are written into the workbook's cells and the PDF as they
are, never as HTML; the others are Telegram messages (HTML).
"""

from __future__ import annotations

ONBOARDING_MESSAGES: dict[str, dict[str, str]] = {
    # What a group word selects, in a sentence ("… của UBND các xã, phường").
    "selection.all": {"vi": "mọi đơn vị", "en": "every unit"},
    "selection.departments": {"vi": "các sở, ban, ngành", "en": "the departments"},
    "selection.communes": {"vi": "UBND các xã, phường", "en": "the commune committees"},
    "selection.districts": {"vi": "UBND các huyện, thị xã, thành phố", "en": "the district committees"},
    "selection.agencies": {"vi": "các cơ quan khác", "en": "the other agencies"},
    "bulk_role.officer": {"vi": "cán bộ phụ trách báo cáo", "en": "reporting officer"},
    "bulk_role.head": {"vi": "lãnh đạo đơn vị", "en": "head of unit"},
    "bulk_invite.summary": {
        "vi": (
            "✅ Đã tạo <b>{count}</b> đường dẫn đăng ký <b>{role}</b> cho {selection}, mỗi đơn vị "
            "một đường dẫn, dùng được một lần, hiệu lực đến {expires}.\n"
            "• Tệp Excel: mã, tên, nhóm đơn vị và đường dẫn của từng đơn vị.\n"
            "• Tệp PDF: mỗi đơn vị một mã QR để in và gửi.\n"
            "Đường dẫn chỉ có trong hai tệp này (hệ thống chỉ lưu mã băm): xin giữ kín và gửi "
            "mỗi đơn vị đúng đường dẫn của mình. Thu hồi những đường dẫn chưa dùng: "
            "<code>/revoke_invite {word}</code>."
        ),
        "en": (
            "✅ Created <b>{count}</b> <b>{role}</b> invites for {selection}, one per unit, "
            "single use, valid until {expires}.\n"
            "• Excel file: each unit's code, name, group and link.\n"
            "• PDF file: one QR code per unit, to print and hand out.\n"
            "The links exist only in these two files (the bot keeps only a hash): keep them "
            "private and send each unit its own link. To revoke those not used: "
            "<code>/revoke_invite {word}</code>."
        ),
    },
    "bulk_invite.skipped": {
        "vi": "\n({skipped} đơn vị của nhóm đã ngừng theo dõi hoặc đã sắp xếp lại: không tạo đường dẫn.)",
        "en": "\n({skipped} unit(s) of the group are disabled or reorganised: no invite for them.)",
    },
    "bulk_invite.not_sent": {
        "vi": "⚠️ Không gửi được tệp đường dẫn đăng ký, nên {count} đường dẫn vừa tạo đã được thu hồi ngay; không đường dẫn nào dùng được. Anh/chị vui lòng thử lại sau ít phút.",
        "en": "⚠️ The invite files could not be sent, so the {count} invites just created were revoked at once; none of them works. Please try again in a few minutes.",
    },
    "bulk_invite.workbook_caption": {
        "vi": "📋 Đường dẫn đăng ký ({role}) — {selection}, {count} đơn vị",
        "en": "📋 Registration links ({role}) — {selection}, {count} unit(s)",
    },
    "bulk_invite.pdf_caption": {
        "vi": "🖨 Mã QR đăng ký ({role}) — {selection}, để in",
        "en": "🖨 Registration QR codes ({role}) — {selection}, to print",
    },
    "bulk_invite.file_name": {
        "vi": "duong-dan-dang-ky-{selection}-{role}-{day}.{extension}",
        "en": "invites-{selection}-{role}-{day}.{extension}",
    },
    # The workbook's sheet and columns.
    "invite_sheet.name": {"vi": "Đường dẫn đăng ký", "en": "Invites"},
    "invite_sheet.header.unit_code": {"vi": "Mã đơn vị", "en": "Unit code"},
    "invite_sheet.header.unit_name": {"vi": "Đơn vị", "en": "Unit"},
    "invite_sheet.header.group": {"vi": "Nhóm", "en": "Group"},
    "invite_sheet.header.role": {"vi": "Vai trò", "en": "Role"},
    "invite_sheet.header.link": {"vi": "Đường dẫn đăng ký", "en": "Registration link"},
    "invite_sheet.header.expires": {"vi": "Hiệu lực đến", "en": "Valid until"},
    "invite_sheet.header.invite_id": {"vi": "Số (cho /revoke_invite)", "en": "No. (for /revoke_invite)"},
    # The printable PDF.
    "invite_pdf.title": {
        "vi": "Đường dẫn đăng ký nhận nhắc hạn báo cáo — {role} — {selection}",
        "en": "Registration links for reporting reminders — {role} — {selection}",
    },
    "invite_pdf.howto": {
        "vi": "Quét mã QR bằng camera điện thoại (hoặc mở đường dẫn) để đăng ký trong Telegram. Mỗi mã dùng được một lần: xin giữ kín.",
        "en": "Scan the QR code with a phone camera (or open the link) to register in Telegram. Each code works once: keep it private.",
    },
    "invite_pdf.role": {"vi": "Đăng ký: {role}", "en": "Registers: {role}"},
    "invite_pdf.expires": {"vi": "Hiệu lực đến {expires} · dùng một lần", "en": "Valid until {expires} · single use"},
    "invite_pdf.page": {"vi": "Trang {page}/{pages}", "en": "Page {page}/{pages}"},
    # Revoking a group's open invites.
    "bulk_revoke.confirm": {
        "vi": (
            "Thu hồi <b>{count}</b> đường dẫn đăng ký còn hiệu lực của {selection}?\n"
            "Các đường dẫn này sẽ không dùng được nữa; người đã đăng ký không bị ảnh hưởng."
        ),
        "en": (
            "Revoke the <b>{count}</b> open invite(s) of {selection}?\n"
            "These links will stop working; people already registered are not affected."
        ),
    },
    "bulk_revoke.button_yes": {"vi": "Có, thu hồi {count}", "en": "Yes, revoke {count}"},
    "bulk_revoke.button_no": {"vi": "Không", "en": "No"},
    "bulk_revoke.done": {
        "vi": "✅ Đã thu hồi {count} đường dẫn đăng ký của {selection}.",
        "en": "✅ Revoked {count} invite(s) of {selection}.",
    },
    "bulk_revoke.none_left": {
        "vi": "Không còn đường dẫn nào để thu hồi (đã được dùng, đã hết hạn hoặc đã bị thu hồi); không có gì thay đổi.",
        "en": "No invite left to revoke (used, expired or revoked meanwhile); nothing changed.",
    },
    "bulk_revoke.cancelled": {"vi": "Đã huỷ; không có gì thay đổi.", "en": "Cancelled; nothing changed."},
    # /units: who is still missing.
    "units.registration": {
        "vi": "Đăng ký: {no_officer} đơn vị chưa có cán bộ phụ trách, {no_head} đơn vị chưa có lãnh đạo — xem /units unregistered.",
        "en": "Registration: {no_officer} unit(s) without an officer, {no_head} without a head — see /units unregistered.",
    },
    "units.unregistered_header": {
        "vi": "<b>Đơn vị chưa đăng ký đủ</b> (trang {page}/{pages})\nTrong {followed} đơn vị đang theo dõi: {no_officer} chưa có cán bộ phụ trách, {no_head} chưa có lãnh đạo.",
        "en": "<b>Units still to register</b> (page {page}/{pages})\nOf {followed} units followed: {no_officer} without an officer, {no_head} without a head.",
    },
    "units.unregistered_none": {
        "vi": "✅ Cả {followed} đơn vị đang theo dõi đều đã có cán bộ phụ trách và lãnh đạo đăng ký.",
        "en": "✅ All {followed} units followed have a registered officer and head.",
    },
    "units.gap_line": {"vi": "• <code>{code}</code> {name} — {missing}", "en": "• <code>{code}</code> {name} — {missing}"},
    "units.missing_officer": {"vi": "chưa có cán bộ phụ trách", "en": "no officer"},
    "units.missing_head": {"vi": "chưa có lãnh đạo", "en": "no head"},
    # The office's weekly note (Mondays, while some unit has no officer).
    "registration_note.header": {
        "vi": (
            "📋 <b>Đơn vị chưa có cán bộ đăng ký nhận nhắc hạn</b>\n"
            "Cập nhật ngày {today}: {count}/{followed} đơn vị chưa có cán bộ phụ trách báo cáo, "
            "nên chưa ai nhận nhắc hạn báo cáo của các đơn vị này."
        ),
        "en": (
            "📋 <b>Units with no officer registered for reminders</b>\n"
            "As of {today}: {count} of {followed} units have no reporting officer, so nobody "
            "receives their reporting reminders."
        ),
    },
    "registration_note.line": {"vi": "• {name} ({code})", "en": "• {name} ({code})"},
    "registration_note.footer": {
        "vi": (
            "\nQuản trị viên cấp đường dẫn đăng ký cho cả nhóm bằng lệnh, ví dụ "
            "<code>/invite communes</code>. Tin này được gửi mỗi thứ Hai cho đến khi mọi đơn vị "
            "đều có cán bộ đăng ký."
        ),
        "en": (
            "\nAdmins can invite a whole group at once, e.g. <code>/invite communes</code>. "
            "This note comes every Monday until every unit has an officer."
        ),
    },
}
