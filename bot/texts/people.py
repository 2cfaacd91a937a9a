"""Messages about people, roles and registration (Vietnamese and English)."""

from __future__ import annotations

PEOPLE_MESSAGES: dict[str, dict[str, str]] = {
    "command.whoami": {"vi": "Đơn vị và vai trò của tôi", "en": "My units and roles"},
    "command.leave": {"vi": "Thôi nhận nhắc hạn của một đơn vị", "en": "Stop serving a unit"},
    "command.invite": {"vi": "Tạo đường dẫn đăng ký", "en": "Create a registration link"},
    "command.invites": {"vi": "Các đường dẫn đăng ký còn hiệu lực", "en": "Open invites"},
    "command.revoke_invite": {"vi": "Thu hồi đường dẫn đăng ký", "en": "Revoke an invite"},
    "command.units": {"vi": "Danh sách đơn vị", "en": "List units"},
    "command.unit_add": {"vi": "Thêm đơn vị", "en": "Add a unit"},
    "command.unit_edit": {"vi": "Sửa đơn vị", "en": "Edit a unit"},
    "command.unit_disable": {"vi": "Ngừng theo dõi một đơn vị", "en": "Disable a unit"},
    "command.people": {"vi": "Danh sách cán bộ đã đăng ký", "en": "Registered people"},
    "command.remove": {"vi": "Gỡ vai trò của một người", "en": "Remove a person's roles"},
    "command.grant_admin": {"vi": "Cấp quyền quản trị", "en": "Grant admin rights"},
    "command.revoke_admin": {"vi": "Thu hồi quyền quản trị", "en": "Revoke admin rights"},
    "command.audit": {"vi": "Nhật ký thay đổi", "en": "Audit log"},
    "role.admin": {"vi": "quản trị viên", "en": "admin"},
    "role.office": {"vi": "Văn phòng UBND tỉnh", "en": "Provincial Office"},
    "role.officer": {"vi": "cán bộ phụ trách báo cáo của {unit}", "en": "reporting officer of {unit}"},
    "role.head": {"vi": "lãnh đạo {unit}", "en": "head of {unit}"},
    # Who may use a command, in a refusal ('chỉ dành cho quản trị viên hoặc Văn phòng UBND tỉnh').
    "role_name.everyone": {"vi": "mọi người", "en": "everyone"},
    "role_name.officer": {"vi": "cán bộ phụ trách báo cáo", "en": "reporting officers"},
    "role_name.office": {"vi": "Văn phòng UBND tỉnh", "en": "the Provincial Office"},
    "role_name.admin": {"vi": "quản trị viên", "en": "admins"},
    "role_name.or": {"vi": " hoặc ", "en": " or "},
    "start.no_role": {
        "vi": (
            "Anh/chị chưa được giao đơn vị nào. Để nhận nhắc hạn, anh/chị cần đường dẫn đăng ký "
            "do Văn phòng UBND tỉnh cấp. Tôi đã chuyển yêu cầu của anh/chị tới quản trị viên; "
            "anh/chị sẽ nhận được tin nhắn khi yêu cầu được duyệt."
        ),
        "en": (
            "You have no unit yet. To receive reminders you need a registration link from the "
            "Provincial Office. I have passed your request to the admins; you will hear from me "
            "when it is approved."
        ),
    },
    "start.request_pending": {
        "vi": "Yêu cầu đăng ký của anh/chị đang chờ quản trị viên duyệt.",
        "en": "Your registration request is waiting for an admin.",
    },
    "registration.done": {
        "vi": "✅ Đăng ký thành công. Từ nay anh/chị là <b>{role}</b>.\nGõ /help để xem các lệnh.",
        "en": "✅ Registered. You are now <b>{role}</b>.\nType /help to see your commands.",
    },
    "registration.admin_notice": {
        "vi": "🔔 {name} đã đăng ký: {role}.",
        "en": "🔔 {name} registered: {role}.",
    },
    "access.admin_notice": {
        "vi": "🔔 {name} {handle}(id {user_id}) xin đăng ký nhận nhắc hạn. Yêu cầu #{request_id}.",
        "en": "🔔 {name} {handle}(id {user_id}) asks to register. Request #{request_id}.",
    },
    "access.button_pick": {"vi": "Chọn đơn vị", "en": "Choose a unit"},
    "access.button_reject": {"vi": "Từ chối", "en": "Reject"},
    "access.pick_unit": {
        "vi": "Chọn đơn vị cho yêu cầu #{request_id} (trang {page}/{pages}):",
        "en": "Choose the unit for request #{request_id} (page {page}/{pages}):",
    },
    "access.approved": {
        "vi": "✅ Yêu cầu #{request_id}: đã xếp {name} vào {unit}.",
        "en": "✅ Request #{request_id}: {name} now serves {unit}.",
    },
    "access.rejected": {
        "vi": "Yêu cầu #{request_id} của {name} đã bị từ chối.",
        "en": "Request #{request_id} from {name} was rejected.",
    },
    "access.rejected_to_person": {
        "vi": "Yêu cầu đăng ký của anh/chị chưa được chấp nhận. Xin liên hệ Văn phòng UBND tỉnh.",
        "en": "Your registration request was not accepted. Please contact the Provincial Office.",
    },
    "invite.created": {
        "vi": (
            "Đã tạo đường dẫn đăng ký #{invite_id} cho <b>{role}</b>, dùng được một lần, "
            "hiệu lực đến {expires}:\n{link}\n\nMã đăng ký: <code>{token}</code>\n"
            "Gửi đường dẫn này cho người cần đăng ký."
        ),
        "en": (
            "Invite #{invite_id} for <b>{role}</b> created, single use, valid until {expires}:\n"
            "{link}\n\nCode: <code>{token}</code>\nSend the link to the person who should register."
        ),
    },
    "invites.header": {"vi": "<b>Đường dẫn đăng ký còn hiệu lực</b>", "en": "<b>Open invites</b>"},
    "invites.line": {
        "vi": "#{invite_id} — {role} — hết hạn {expires}",
        "en": "#{invite_id} — {role} — expires {expires}",
    },
    "invites.none": {"vi": "Không có đường dẫn đăng ký nào còn hiệu lực.", "en": "No open invites."},
    "invite.revoked": {
        "vi": "Đã thu hồi đường dẫn đăng ký #{invite_id} ({role}).",
        "en": "Invite #{invite_id} ({role}) revoked.",
    },
    "whoami.header": {"vi": "<b>{name}</b> (Telegram id {user_id})", "en": "<b>{name}</b> (Telegram id {user_id})"},
    "whoami.roles": {"vi": "Vai trò: {roles}", "en": "Roles: {roles}"},
    "whoami.none": {
        "vi": "Anh/chị chưa được giao đơn vị hay vai trò nào.",
        "en": "You hold no unit or role yet.",
    },
    "leave.done": {
        "vi": "Anh/chị đã thôi nhận nhắc hạn của đơn vị {unit}.",
        "en": "You no longer serve {unit}.",
    },
    "people.header": {"vi": "<b>Cán bộ đã đăng ký</b> ({count})", "en": "<b>Registered people</b> ({count})"},
    "people.none": {"vi": "Chưa có ai đăng ký.", "en": "Nobody has registered yet."},
    "identify.anonymous": {
        "vi": "Tôi chỉ làm việc với tài khoản cá nhân. Vui lòng nhắn tin từ tài khoản Telegram của anh/chị (tắt chế độ quản trị viên ẩn danh trong nhóm).",
        "en": "I only work with personal accounts. Please write from your own Telegram account (turn off anonymous admin mode in groups).",
    },
    "person.removed": {
        "vi": "Đã gỡ mọi vai trò của {name}. Lịch sử vẫn được lưu.",
        "en": "All roles of {name} were removed. The history is kept.",
    },
    "person.removed_notice": {
        "vi": "Quản trị viên đã gỡ vai trò của anh/chị trong hệ thống nhắc hạn báo cáo.",
        "en": "An admin removed your roles in the reporting-deadline bot.",
    },
    "admin.granted": {"vi": "Đã cấp quyền quản trị cho {name}.", "en": "{name} is now an admin."},
    "admin.revoked": {"vi": "Đã thu hồi quyền quản trị của {name}.", "en": "{name} is no longer an admin."},
    "pager.previous": {"vi": "◀ Trước", "en": "◀ Previous"},
    "pager.next": {"vi": "Sau ▶", "en": "Next ▶"},
}
