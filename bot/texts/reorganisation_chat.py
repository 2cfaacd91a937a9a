"""Messages of /reorganize: one reorganisation event in chat (vi, en)."""

from __future__ import annotations

REORGANISATION_CHAT_MESSAGES: dict[str, dict[str, str]] = {
    "command.reorganize": {
        "vi": "Sắp xếp lại đơn vị (sáp nhập, hợp nhất, đổi tên, giải thể)",
        "en": "Reorganise units (absorb, merge, rename, dissolve)",
    },
    "reorganize.usage": {
        "vi": (
            "<b>Sắp xếp lại đơn vị</b> (mỗi lệnh một sự kiện; bot cho xem trước rồi mới áp dụng):\n"
            "• Sáp nhập vào đơn vị đang có: <code>/reorganize sáp nhập skhdt,sgtvt stc "
            "01/03/2025</code>\n"
            "• Hợp nhất thành đơn vị mới (mã, nhóm, tên): <code>/reorganize hợp nhất "
            "canglong,cauke xacl 01/07/2025 xa Xã Càng Long</code>\n"
            "• Đổi tên (mã mới, tên mới; giữ nhóm): <code>/reorganize đổi tên sxd sxdm "
            "01/07/2025 Sở Xây dựng mới</code>\n"
            "• Giải thể: <code>/reorganize giải thể duyenhai 01/07/2025</code>\n"
            "Cuối lệnh có thể thêm: <code>chuyển</code> (mặc định: báo cáo chưa gửi của đơn vị "
            "cũ chuyển cho đơn vị kế thừa) hoặc <code>đóng</code> (đóng các báo cáo đó), và căn "
            "cứ <code>theo 1687/NQ-UBTVQH15 ngày 16/06/2025</code>. Tiếng Anh cũng được: absorb, "
            "merge, rename, dissolve. Chia tách làm bằng tệp sắp xếp lại trên máy chủ."
        ),
        "en": (
            "<b>Reorganise units</b> (one event per command; the bot shows the plan before "
            "applying it):\n"
            "• Absorb into an existing unit: <code>/reorganize absorb skhdt,sgtvt stc "
            "01/03/2025</code>\n"
            "• Merge into a new unit (code, group, name): <code>/reorganize merge "
            "canglong,cauke xacl 01/07/2025 commune Xã Càng Long</code>\n"
            "• Rename (new code and name; same group): <code>/reorganize rename sxd sxdm "
            "01/07/2025 Sở Xây dựng mới</code>\n"
            "• Dissolve: <code>/reorganize dissolve duyenhai 01/07/2025</code>\n"
            "At the end you may add <code>carry</code> (the default: the old units' unanswered "
            "reports go to the successor) or <code>close</code> (they are closed), and the legal "
            "basis <code>theo 1687/NQ-UBTVQH15 ngày 16/06/2025</code>. Vietnamese words work "
            "too. A split goes through a reorganisation file on the server."
        ),
    },
    "reorganize.pending.carry": {
        "vi": "Báo cáo đến hạn trước ngày {day} mà đơn vị cũ chưa gửi: chuyển cho đơn vị kế "
              "thừa.",
        "en": "Reports due before {day} that the old units have not sent: carried to the "
              "successor.",
    },
    "reorganize.pending.close": {
        "vi": "Báo cáo đến hạn trước ngày {day} mà đơn vị cũ chưa gửi: đóng (không đơn vị nào "
              "còn phải gửi, không tính trễ hạn).",
        "en": "Reports due before {day} that the old units have not sent: closed (nobody owes "
              "them, nobody is late).",
    },
    "reorganize.confirm": {
        "vi": "Bấm <b>Áp dụng</b> để thực hiện (một lần, có ghi nhật ký) hoặc <b>Hủy</b>.",
        "en": "Tap <b>Apply</b> to carry it out (at once, audited) or <b>Cancel</b>.",
    },
    "reorganize.button_apply": {"vi": "Áp dụng", "en": "Apply"},
    "reorganize.nothing": {
        "vi": "{what}: sự kiện này đã được áp dụng trước đó; không có gì thay đổi.",
        "en": "{what}: this event was applied before; nothing changes.",
    },
    "reorganize.applied": {
        "vi": "✅ Đã áp dụng: {what}.\nĐơn vị kết thúc: {closed}; đơn vị mới: {created}; cán bộ "
              "chuyển đơn vị: {moved}; báo cáo chưa gửi được bàn giao: {reports}; đường dẫn "
              "đăng ký bị thu hồi: {invites}.",
        "en": "✅ Applied: {what}.\nUnits closed: {closed}; new units: {created}; people moved: "
              "{moved}; unanswered reports handed over: {reports}; invites revoked: {invites}.",
    },
}
