"""Messages about working days: /holidays, /dayoff, /workday, /day_remove (vi, en)."""

from __future__ import annotations

WORKING_DAY_MESSAGES: dict[str, dict[str, str]] = {
    "command.holidays": {"vi": "Ngày nghỉ trong năm", "en": "The year's days off"},
    "command.dayoff": {"vi": "Thêm ngày nghỉ", "en": "Add a day off"},
    "command.workday": {"vi": "Thêm ngày làm việc bù", "en": "Add a make-up working day"},
    "command.day_remove": {"vi": "Bỏ một ngày nghỉ hoặc ngày làm bù đã thêm",
                           "en": "Remove an added day off or working day"},
}
