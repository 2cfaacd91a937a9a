"""Error messages about people, roles and registration; group chats registered for a unit or for
the office."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "not_allowed": {
        "vi": "Xin lỗi, lệnh /{command} chỉ dành cho {role}. Không có gì bị thay đổi.",
        "en": "Sorry, /{command} is only for {role}. Nothing was changed.",
    },
    "wrong_usage": {
        "vi": "Lệnh chưa đúng cú pháp. Cách dùng: <code>{usage}</code>, ví dụ: <code>{example}</code>",
        "en": "That command is incomplete. Usage: <code>{usage}</code>, e.g. <code>{example}</code>",
    },
    "invite_unknown": {
        "vi": "Mã đăng ký không đúng. Vui lòng kiểm tra lại đường dẫn hoặc xin Văn phòng UBND tỉnh cấp mã mới.",
        "en": "That registration code is not valid. Check the link or ask the Provincial Office for a new one.",
    },
    "invite_malformed": {
        "vi": "Mã đăng ký không đúng định dạng. Vui lòng mở lại đúng đường dẫn đã được gửi.",
        "en": "That registration code is malformed. Please open the exact link you were sent.",
    },
    "invite_expired": {
        "vi": "Đường dẫn đăng ký đã hết hạn. Vui lòng xin Văn phòng UBND tỉnh cấp đường dẫn mới.",
        "en": "That registration link has expired. Please ask the Provincial Office for a new one.",
    },
    "invite_used": {
        "vi": "Đường dẫn đăng ký này đã được sử dụng. Vui lòng xin Văn phòng UBND tỉnh cấp đường dẫn mới.",
        "en": "That registration link has already been used. Please ask for a new one.",
    },
    "invite_revoked": {
        "vi": "Đường dẫn đăng ký này đã bị thu hồi. Vui lòng liên hệ Văn phòng UBND tỉnh.",
        "en": "That registration link was revoked. Please contact the Provincial Office.",
    },
    "already_registered": {
        "vi": "Anh/chị đã được đăng ký cho {unit} từ trước; không có gì thay đổi.",
        "en": "You were already registered for {unit}; nothing changed.",
    },
    "not_a_member": {
        "vi": "Anh/chị không phụ trách đơn vị {unit}.",
        "en": "You do not serve {unit}.",
    },
    "unknown_person": {
        "vi": "Không tìm thấy người dùng {ref}. Hãy dùng @tên_người_dùng hoặc Telegram id như trong /people.",
        "en": "No registered person {ref}. Use @username or the Telegram id shown by /people.",
    },
    "unknown_invite_number": {
        "vi": "Không có đường dẫn đăng ký {ref} còn hiệu lực. Xem danh sách bằng /invites.",
        "en": "There is no open invite {ref}. See /invites.",
    },
    "last_admin": {
        "vi": "{name} là quản trị viên cuối cùng; hãy cấp quyền cho người khác trước.",
        "en": "{name} is the last admin; grant admin rights to someone else first.",
    },
    "request_already_handled": {
        "vi": "Yêu cầu này đã được xử lý trước đó; không có gì thay đổi.",
        "en": "That request was already handled; nothing changed.",
    },
    "bulk_invite_no_units": {
        "vi": "Nhóm “{selection}” hiện không có đơn vị nào đang theo dõi; chưa tạo đường dẫn đăng ký nào. Xem danh sách đơn vị bằng /units.",
        "en": "The group “{selection}” has no unit followed today; no invite was created. See the units with /units.",
    },
    "bulk_invite_in_group": {
        "vi": "Tệp đường dẫn đăng ký của cả nhóm chứa mã riêng của từng đơn vị, nên bot chỉ gửi trong cuộc trò chuyện riêng: anh/chị vui lòng gõ lệnh này khi nhắn riêng với bot. Chưa có gì bị thay đổi.",
        "en": "A group's invite files hold every unit's private link, so the bot sends them only in a private chat: please send this command in your private chat with the bot. Nothing was changed.",
    },
    "bulk_revoke_nothing_open": {
        "vi": "Nhóm “{selection}” không có đường dẫn đăng ký nào còn hiệu lực; không có gì thay đổi. Xem danh sách bằng /invites.",
        "en": "The group “{selection}” has no open invite; nothing changed. See /invites.",
    },
    # Group chats registered for a unit or for the office.
    "invite_person_in_group": {
        "vi": "Đây là đường dẫn đăng ký dành cho một người nên không dùng được trong nhóm; không có "
              "gì bị thay đổi. Người được mời vui lòng mở đường dẫn trong tin nhắn riêng với bot. "
              "Để đăng ký nhóm, xin Văn phòng UBND tỉnh cấp đường dẫn đăng ký nhóm.",
        "en": "This registration link is for a person, so it cannot be used in a group; nothing "
              "was changed. The person invited should open it in a private chat with the bot. "
              "To register a group, ask the Provincial Office for a group link.",
    },
    "invite_group_in_private_chat": {
        "vi": "Đây là đường dẫn đăng ký dành cho một nhóm Telegram nên không dùng được trong tin "
              "nhắn riêng; không có gì bị thay đổi. Vui lòng mở đường dẫn và chọn nhóm để thêm bot "
              "vào nhóm, hoặc gửi lệnh /start kèm mã đăng ký ngay trong nhóm.",
        "en": "This registration link is for a Telegram group, so it cannot be used in a private "
              "chat; nothing was changed. Open the link and choose the group to add the bot to "
              "it, or send /start with the code inside the group.",
    },
    "group_already_registered": {
        "vi": "Nhóm này đã được đăng ký cho {target} từ trước; không có gì thay đổi.",
        "en": "This group was already registered for {target}; nothing changed.",
    },
    "group_serves_another_target": {
        "vi": "Nhóm này đang nhận tin nhắn cho {current} nên chưa thể đăng ký cho {wanted}; không "
              "có gì bị thay đổi. Nếu muốn chuyển nhóm sang {wanted}, hãy xoá bot khỏi nhóm rồi "
              "thêm lại bằng chính đường dẫn đăng ký nhóm này.",
        "en": "This group already serves {current}, so it cannot be registered for {wanted}; "
              "nothing was changed. To move the group to {wanted}, remove the bot from the group, "
              "then add it again with this same group link.",
    },
}
