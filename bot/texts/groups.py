"""Messages about group chats registered for a unit or the office (Vietnamese and English)."""

from __future__ import annotations

GROUP_MESSAGES: dict[str, dict[str, str]] = {
    "command.groups": {"vi": "Các nhóm Telegram đã đăng ký", "en": "Registered group chats"},
    "invite.created_group": {
        "vi": (
            "Đã tạo đường dẫn đăng ký nhóm #{invite_id} cho <b>{target}</b>, dùng được một lần, "
            "hiệu lực đến {expires}:\n{link}\n\nMã đăng ký: <code>{token}</code>\n"
            "Cách dùng: mở đường dẫn trên và chọn nhóm Telegram để thêm bot vào nhóm. Nếu bot "
            "đã ở trong nhóm, một thành viên gửi trong nhóm: <code>/start {token}</code>\n"
            "Từ đó nhóm nhận {what}."
        ),
        "en": (
            "Group invite #{invite_id} for <b>{target}</b> created, single use, valid until "
            "{expires}:\n{link}\n\nCode: <code>{token}</code>\n"
            "How to use it: open the link and choose the Telegram group to add the bot to it. "
            "If the bot is already in the group, a member sends there: "
            "<code>/start {token}</code>\nThe group then receives {what}."
        ),
    },
    "group.what_unit": {
        "vi": "các lời nhắc hạn báo cáo của đơn vị",
        "en": "the unit's deadline reminders",
    },
    "group.what_office": {
        "vi": "bản tổng hợp tình hình báo cáo và các cảnh báo quá hạn",
        "en": "the report digests and overdue escalations",
    },
    "group.invite_label": {"vi": "nhóm của {target}", "en": "group of {target}"},
    "group.registered": {
        "vi": "✅ Đã đăng ký nhóm này cho <b>{target}</b>. Từ nay nhóm nhận {what}.",
        "en": "✅ This group is now registered for <b>{target}</b>. It will receive {what}.",
    },
    "group.status": {
        "vi": "Nhóm này đã được đăng ký cho <b>{target}</b> và đang nhận {what}.",
        "en": "This group is registered for <b>{target}</b> and receives {what}.",
    },
    "group.status_unreachable": {
        "vi": (
            "Nhóm này từng được đăng ký cho <b>{target}</b> nhưng bot đã bị xoá khỏi nhóm nên "
            "nhóm không còn nhận tin nhắn. Để nhận lại, xin Văn phòng UBND tỉnh cấp đường dẫn "
            "đăng ký nhóm mới, rồi gửi trong nhóm: <code>/start &lt;mã đăng ký&gt;</code>"
        ),
        "en": (
            "This group was registered for <b>{target}</b>, but the bot was removed from it, so "
            "it gets no messages. To resume, ask the Provincial Office for a new group link, "
            "then send in the group: <code>/start &lt;code&gt;</code>"
        ),
    },
    "group.unregistered": {
        "vi": (
            "Nhóm này chưa được đăng ký nhận nhắc hạn báo cáo. Để đăng ký, xin Văn phòng UBND "
            "tỉnh cấp đường dẫn đăng ký nhóm, rồi mở đường dẫn đó hoặc gửi trong nhóm: "
            "<code>/start &lt;mã đăng ký&gt;</code>"
        ),
        "en": (
            "This group is not registered for deadline reminders. Ask the Provincial Office "
            "for a group link, then open it or send in the group: "
            "<code>/start &lt;code&gt;</code>"
        ),
    },
    "group.admin_notice_registered": {
        "vi": "🔔 {name} đã đăng ký nhóm “{title}” (id {chat_id}) cho {target}.",
        "en": "🔔 {name} registered the group “{title}” (id {chat_id}) for {target}.",
    },
    "group.admin_notice_removed": {
        "vi": (
            "⚠️ Bot đã bị xoá khỏi nhóm “{title}” (id {chat_id}) của {target}{by}. Nhóm không "
            "nhận tin nhắn nữa cho đến khi được thêm lại bằng một đường dẫn đăng ký nhóm mới."
        ),
        "en": (
            "⚠️ The bot was removed from the group “{title}” (id {chat_id}) of {target}{by}. "
            "The group gets no messages until it is added again with a new group link."
        ),
    },
    "group.removed_by": {"vi": " bởi {name}", "en": " by {name}"},
    "groups.header": {
        "vi": "<b>Nhóm Telegram đã đăng ký</b> ({count})",
        "en": "<b>Registered group chats</b> ({count})",
    },
    "groups.line": {"vi": "• {target}: “{title}” (id {chat_id})", "en": "• {target}: “{title}” (id {chat_id})"},
    "groups.unreachable": {
        "vi": " — ⚠️ không gửi được từ {since} ({reason})",
        "en": " — ⚠️ unreachable since {since} ({reason})",
    },
    "groups.reason.bot_removed": {"vi": "bot đã bị xoá khỏi nhóm", "en": "the bot was removed"},
    "groups.none": {
        "vi": "Chưa có nhóm nào được đăng ký. Tạo đường dẫn đăng ký nhóm bằng /invite &lt;mã đơn vị&gt; group hoặc /invite office group.",
        "en": "No group is registered yet. Create a group invite with /invite &lt;unit code&gt; group or /invite office group.",
    },
}
