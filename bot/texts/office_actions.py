"""The provincial office's buttons and commands: approve an extension, send a 'đôn đốc' (vi, en)."""

from __future__ import annotations

OFFICE_ACTION_MESSAGES: dict[str, dict[str, str]] = {
    "command.dondoc": {"vi": "Đôn đốc một đơn vị gửi báo cáo", "en": "Follow up a unit's report"},
    "command.giahan": {"vi": "Duyệt gia hạn báo cáo cho một đơn vị", "en": "Approve a unit's extension"},
    "office.button.giahan": {"vi": "Duyệt gia hạn {unit}", "en": "Approve extension {unit}"},
    "office.button.dondoc": {"vi": "Đôn đốc {unit}", "en": "Follow up {unit}"},
    "office.more.giahan": {
        "vi": "➡️ Duyệt gia hạn cho {count} đơn vị khác: gõ <code>/giahan {code} {due} &lt;mã đơn vị&gt;</code> (mã: {codes})",
        "en": "➡️ Approve {count} more extension(s): type <code>/giahan {code} {due} &lt;unit code&gt;</code> (codes: {codes})",
    },
    "office.more.dondoc": {
        "vi": "➡️ Đôn đốc {count} đơn vị khác: gõ <code>/dondoc {code} {due} &lt;mã đơn vị&gt;</code> (mã: {codes})",
        "en": "➡️ Follow up {count} more unit(s): type <code>/dondoc {code} {due} &lt;unit code&gt;</code> (codes: {codes})",
    },
    "office.type.giahan": {
        "vi": "➡️ Duyệt gia hạn cho {count} đơn vị: gõ <code>/giahan {code} {due} &lt;mã đơn vị&gt;</code> (mã: {codes})",
        "en": "➡️ Approve {count} extension(s): type <code>/giahan {code} {due} &lt;unit code&gt;</code> (codes: {codes})",
    },
    "office.type.dondoc": {
        "vi": "➡️ Đôn đốc {count} đơn vị: gõ <code>/dondoc {code} {due} &lt;mã đơn vị&gt;</code> (mã: {codes})",
        "en": "➡️ Follow up {count} unit(s): type <code>/dondoc {code} {due} &lt;unit code&gt;</code> (codes: {codes})",
    },
    "office.extension.granted": {"vi": " — ✅ đã duyệt đến {until}", "en": " — ✅ approved until {until}"},
    "office.unit.dondoc": {
        "vi": "📣 <b>Văn phòng UBND tỉnh đôn đốc</b>\nVăn phòng UBND tỉnh đề nghị <b>{unit}</b> khẩn trương gửi báo cáo: {title} ({period}).\nHạn gửi: <b>{due}</b>{late}\n<i>Bấm một nút bên dưới để cập nhật tình hình.</i>",
        "en": "📣 <b>Follow-up from the Provincial Office</b>\nThe Provincial Office asks <b>{unit}</b> to send the report without delay: {title} ({period}).\nDue: <b>{due}</b>{late}\n<i>Tap a button below to update the status.</i>",
    },
    "office.unit.late": {"vi": " — đã quá hạn {days} ngày làm việc", "en": " — {days} working day(s) overdue"},
    "office.unit.giahan": {
        "vi": "✅ <b>Văn phòng UBND tỉnh đồng ý gia hạn</b>\nVăn phòng UBND tỉnh đồng ý gia hạn báo cáo {title} ({period}) của <b>{unit}</b> đến ngày <b>{until}</b> (hạn trước đây: {due}).",
        "en": "✅ <b>Extension approved by the Provincial Office</b>\nThe Provincial Office approves more time for {unit}'s report {title} ({period}): new due date <b>{until}</b> (was {due}).",
    },
    "office.done.giahan": {
        "vi": "✅ Đã duyệt gia hạn cho <b>{unit}</b> đến ngày {until} (báo cáo <code>{code}</code>, {period}). Đã báo cho {count} người/nhóm của đơn vị.",
        "en": "✅ Extension approved for <b>{unit}</b> until {until} (report <code>{code}</code>, {period}). {count} of the unit's people/groups were told.",
    },
    "office.done.dondoc": {
        "vi": "📣 Đã đôn đốc <b>{unit}</b> về báo cáo <code>{code}</code> ({period}), hạn {due}. Đã nhắn {count} người/nhóm của đơn vị.",
        "en": "📣 Followed up <b>{unit}</b> about the report <code>{code}</code> ({period}), due {due}. {count} of the unit's people/groups were messaged.",
    },
    "office.done.refused": {
        "vi": "⚠️ {count} người/nhóm của đơn vị không nhận được vì Telegram từ chối (đã chặn bot hoặc đã xóa bot khỏi nhóm); bot đã ghi nhận và sẽ không nhắn đến đó nữa cho đến khi họ mở lại bot.",
        "en": "⚠️ {count} of the unit's people/groups did not get it: Telegram refused (they blocked the bot or removed it from the group); the bot has recorded this and will not write there until they come back.",
    },
    "office.done.failed": {
        "vi": "⚠️ {count} người/nhóm của đơn vị chưa nhận được do lỗi khi gửi qua Telegram.",
        "en": "⚠️ {count} of the unit's people/groups did not get it because sending through Telegram failed.",
    },
    "office.done.nobody": {
        "vi": "⚠️ Chưa nhắn được ai của đơn vị (chưa có người đăng ký nhận tin hoặc đã chặn bot); đề nghị liên hệ trực tiếp.",
        "en": "⚠️ Nobody of the unit could be messaged (nobody registered, or they blocked the bot); please contact them directly.",
    },
    "office.usage.giahan": {"vi": "/giahan <mã báo cáo> <ngày hạn> <mã đơn vị> [ngày gia hạn]", "en": "/giahan <report code> <due date> <unit code> [new date]"},
    "office.usage.dondoc": {"vi": "/dondoc <mã báo cáo> <ngày hạn> <mã đơn vị>", "en": "/dondoc <report code> <due date> <unit code>"},
    "office.example.giahan": {"vi": "/giahan quy 10/03/2020 syt", "en": "/giahan quy 10/03/2020 syt"},
    "office.example.dondoc": {"vi": "/dondoc quy 10/03/2020 syt", "en": "/dondoc quy 10/03/2020 syt"},
}
