"""Messages about deadlines as admins configure them (/deadlines, /deadline_add…) (vi, en)."""

from __future__ import annotations

DEADLINE_MESSAGES: dict[str, dict[str, str]] = {
    "command.deadlines": {"vi": "Danh sách hạn báo cáo", "en": "List deadlines"},
    "command.deadline": {"vi": "Chi tiết một hạn báo cáo", "en": "One deadline in full"},
    "command.deadline_add": {"vi": "Thêm hạn báo cáo", "en": "Add a deadline"},
    "command.deadline_edit": {"vi": "Sửa hạn báo cáo", "en": "Edit a deadline"},
    "command.deadline_pause": {"vi": "Tạm dừng một hạn báo cáo", "en": "Pause a deadline"},
    "command.deadline_resume": {"vi": "Tiếp tục một hạn báo cáo", "en": "Resume a deadline"},
    "command.deadline_delete": {"vi": "Xóa một hạn báo cáo", "en": "Delete a deadline"},
}
