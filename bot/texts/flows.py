"""Messages of multi-step chat flows: any flow's buttons, /cancel, expiry; guided unit flows."""

from __future__ import annotations

FLOW_MESSAGES: dict[str, dict[str, str]] = {
    "command.cancel": {"vi": "Hủy thao tác đang làm dở", "en": "Cancel the current guided flow"},
    "flow.button_confirm": {"vi": "Xác nhận", "en": "Confirm"},
    "flow.button_cancel": {"vi": "Hủy", "en": "Cancel"},
    "flow.cancelled": {
        "vi": "Đã hủy /{command}; chưa có gì được lưu.",
        "en": "/{command} cancelled; nothing was saved.",
    },
    "flow.nothing_to_cancel": {
        "vi": "Không có thao tác nào đang làm dở để hủy.",
        "en": "There is nothing in progress to cancel.",
    },
    "flow.expired": {
        "vi": (
            "Thao tác /{command} đã hết hạn vì quá lâu không có trả lời nên đã được hủy; chưa có "
            "gì được lưu. Gõ /{command} để bắt đầu lại."
        ),
        "en": (
            "/{command} expired after a long pause and was cancelled; nothing was saved. "
            "Type /{command} to start again."
        ),
    },
}

UNIT_FLOW_MESSAGES: dict[str, dict[str, str]] = {
    "unit_flow.guided": {
        "vi": "Hoặc làm lần lượt từng bước dưới đây; gõ /cancel để hủy bất cứ lúc nào.",
        "en": "Or answer the questions below one at a time; type /cancel to stop at any time.",
    },
    "unit_flow.unit_edit.intro": {
        "vi": (
            "<b>Sửa đơn vị</b>. Sửa nhanh bằng một dòng: "
            "<code>/unit_edit &lt;mã&gt; name|group &lt;giá trị mới&gt;</code>, ví dụ "
            "<code>/unit_edit sdl name Sở Du lịch tỉnh Trà Vinh</code>."
        ),
        "en": (
            "<b>Edit a unit</b>. In one line: "
            "<code>/unit_edit &lt;code&gt; name|group &lt;new value&gt;</code>, e.g. "
            "<code>/unit_edit sdl name Sở Du lịch tỉnh Trà Vinh</code>."
        ),
    },
    "unit_flow.unit_add.code": {
        "vi": (
            "<b>Bước 1/4.</b> Anh/chị gõ <b>mã</b> đơn vị: 2–16 chữ cái thường không dấu hoặc "
            "chữ số, ví dụ <code>sdl</code>. Mã không đổi được về sau."
        ),
        "en": (
            "<b>Step 1/4.</b> Type the unit's <b>code</b>: 2–16 lowercase letters without accents "
            "or digits, e.g. <code>sdl</code>. It cannot change later."
        ),
    },
    "unit_flow.unit_add.name": {
        "vi": (
            "<b>Bước 2/4.</b> Mã: <code>{code}</code>.\nAnh/chị gõ <b>tên đầy đủ</b> của đơn vị, "
            "có dấu, tối đa 256 ký tự, ví dụ: Sở Du lịch."
        ),
        "en": (
            "<b>Step 2/4.</b> Code: <code>{code}</code>.\nType the unit's <b>full name</b>, at "
            "most 256 characters, e.g. Sở Du lịch."
        ),
    },
    "unit_flow.unit_add.group": {
        "vi": (
            "<b>Bước 3/4.</b> <b>{name}</b> (mã <code>{code}</code>) thuộc <b>nhóm</b> nào? "
            "Anh/chị bấm một nút bên dưới."
        ),
        "en": (
            "<b>Step 3/4.</b> Which <b>group</b> is <b>{name}</b> (code <code>{code}</code>) in? "
            "Tap a button below."
        ),
    },
    "unit_flow.unit_add.confirm": {
        "vi": (
            "<b>Bước 4/4. Kiểm tra lại trước khi lưu</b>\n• Mã: <code>{code}</code>\n"
            "• Tên: {name}\n• Nhóm: {group}\n"
            "Bấm <b>Xác nhận</b> để thêm đơn vị, hoặc <b>Hủy</b> để bỏ."
        ),
        "en": (
            "<b>Step 4/4. Check before saving</b>\n• Code: <code>{code}</code>\n"
            "• Name: {name}\n• Group: {group}\n"
            "Tap <b>Confirm</b> to add the unit, or <b>Cancel</b>."
        ),
    },
    "unit_flow.unit_edit.unit": {
        "vi": (
            "<b>Bước 1/4.</b> Anh/chị chọn <b>đơn vị</b> cần sửa (trang {page}/{pages}), hoặc "
            "gõ mã đơn vị."
        ),
        "en": (
            "<b>Step 1/4.</b> Choose the <b>unit</b> to edit (page {page}/{pages}), or type its "
            "code."
        ),
    },
    "unit_flow.unit_edit.field": {
        "vi": (
            "<b>Bước 2/4.</b> Đơn vị: <b>{name}</b> (mã <code>{code}</code>), nhóm {group}.\n"
            "Anh/chị muốn sửa gì? (Mã đơn vị không đổi được: các hạn báo cáo chọn đơn vị theo mã.)"
        ),
        "en": (
            "<b>Step 2/4.</b> Unit: <b>{name}</b> (code <code>{code}</code>), group {group}.\n"
            "What do you want to change? (The code cannot change: deadlines select units by it.)"
        ),
    },
    "unit_flow.unit_edit.value_name": {
        "vi": (
            "<b>Bước 3/4.</b> Tên hiện tại: {name}.\nAnh/chị gõ <b>tên mới</b> của đơn vị "
            "<code>{code}</code>, có dấu, tối đa 256 ký tự."
        ),
        "en": (
            "<b>Step 3/4.</b> Current name: {name}.\nType the <b>new name</b> of unit "
            "<code>{code}</code>, at most 256 characters."
        ),
    },
    "unit_flow.unit_edit.value_group": {
        "vi": (
            "<b>Bước 3/4.</b> {name} (mã <code>{code}</code>) đang thuộc nhóm {group}.\n"
            "Anh/chị chọn <b>nhóm mới</b>."
        ),
        "en": (
            "<b>Step 3/4.</b> {name} (code <code>{code}</code>) is in the group {group}.\n"
            "Choose the <b>new group</b>."
        ),
    },
    "unit_flow.unit_edit.confirm": {
        "vi": (
            "<b>Bước 4/4. Kiểm tra lại trước khi lưu</b>\nĐơn vị: {name} (mã <code>{code}</code>)"
            "\nSửa {field}: {before} → <b>{after}</b>\n"
            "Bấm <b>Xác nhận</b> để lưu, hoặc <b>Hủy</b> để bỏ."
        ),
        "en": (
            "<b>Step 4/4. Check before saving</b>\nUnit: {name} (code <code>{code}</code>)"
            "\nChange the {field}: {before} → <b>{after}</b>\n"
            "Tap <b>Confirm</b> to save, or <b>Cancel</b>."
        ),
    },
    "unit_flow.button_name": {"vi": "Sửa tên", "en": "Change the name"},
    "unit_flow.button_group": {"vi": "Sửa nhóm", "en": "Change the group"},
}
