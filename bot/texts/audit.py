"""The audit log (/audit): its frame and a label for every action code (bot.domain.audit_actions)
(vi, en)."""

from __future__ import annotations

AUDIT_MESSAGES: dict[str, dict[str, str]] = {
    "audit.header": {
        "vi": "<b>Nhật ký thay đổi</b> ({count} mục mới nhất)",
        "en": "<b>Audit log</b> (latest {count} entries)",
    },
    "audit.none": {"vi": "Chưa có thay đổi nào được ghi lại.", "en": "No changes recorded yet."},
    "audit.line": {
        "vi": "{at} · <b>{actor}</b> · {action} · {subject}{changes}",
        "en": "{at} · <b>{actor}</b> · {action} · {subject}{changes}",
    },
    "audit.system": {"vi": "hệ thống", "en": "system"},
    "audit.yes": {"vi": "có", "en": "yes"},
    "audit.no": {"vi": "không", "en": "no"},
    "audit.action.unit.add": {"vi": "thêm đơn vị", "en": "unit added"},
    "audit.action.unit.edit": {"vi": "sửa đơn vị", "en": "unit edited"},
    "audit.action.unit.disable": {"vi": "ngừng theo dõi đơn vị", "en": "unit disabled"},
    "audit.action.unit.enable": {"vi": "bật lại đơn vị", "en": "unit enabled"},
    "audit.action.invite.create": {"vi": "tạo đường dẫn đăng ký", "en": "invite created"},
    "audit.action.invite.revoke": {"vi": "thu hồi đường dẫn đăng ký", "en": "invite revoked"},
    "audit.action.person.register": {"vi": "đăng ký", "en": "registered"},
    "audit.action.person.approve": {"vi": "duyệt yêu cầu đăng ký", "en": "request approved"},
    "audit.action.person.reject": {"vi": "từ chối yêu cầu đăng ký", "en": "request rejected"},
    "audit.action.person.leave": {"vi": "thôi phụ trách đơn vị", "en": "left a unit"},
    "audit.action.person.remove": {"vi": "gỡ vai trò", "en": "roles removed"},
    "audit.action.admin.grant": {"vi": "cấp quyền quản trị", "en": "admin granted"},
    "audit.action.admin.revoke": {"vi": "thu hồi quyền quản trị", "en": "admin revoked"},
    "audit.action.group.register": {"vi": "đăng ký nhóm", "en": "group registered"},
    "audit.action.group.unreachable": {"vi": "bot bị xoá khỏi nhóm", "en": "bot removed from group"},
    "audit.action.group.migrate": {"vi": "nhóm đổi thành siêu nhóm", "en": "group became a supergroup"},
    "audit.action.deadline.add": {"vi": "thêm hạn báo cáo", "en": "deadline added"},
    "audit.action.deadline.edit": {"vi": "sửa hạn báo cáo", "en": "deadline edited"},
    "audit.action.deadline.pause": {"vi": "tạm dừng hạn báo cáo", "en": "deadline paused"},
    "audit.action.deadline.resume": {"vi": "tiếp tục hạn báo cáo", "en": "deadline resumed"},
    "audit.action.deadline.delete": {"vi": "xóa hạn báo cáo", "en": "deadline deleted"},
    "audit.action.calendar.day_off": {"vi": "thêm ngày nghỉ", "en": "day off added"},
    "audit.action.calendar.working_day": {"vi": "thêm ngày làm việc bù", "en": "make-up working day added"},
    "audit.action.calendar.remove": {"vi": "bỏ ngày nghỉ hoặc ngày làm bù đã thêm", "en": "added day removed"},
    "audit.action.extension.approve": {"vi": "duyệt gia hạn báo cáo", "en": "extension approved"},
    "audit.action.report.follow_up": {"vi": "đôn đốc gửi báo cáo", "en": "unit followed up"},
}
