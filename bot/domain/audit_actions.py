"""Every kind of change the audit log records: the only codes record_change accepts, so each
one has a label for readers (bot/texts/audit.py; a test checks them all)."""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    UNIT_ADD = "unit.add"
    UNIT_EDIT = "unit.edit"
    UNIT_DISABLE = "unit.disable"
    UNIT_ENABLE = "unit.enable"
    UNIT_REORGANISE = "unit.reorganise"
    INVITE_CREATE = "invite.create"
    INVITE_REVOKE = "invite.revoke"
    INVITE_BULK_CREATE = "invite.bulk_create"
    INVITE_BULK_REVOKE = "invite.bulk_revoke"
    PERSON_REGISTER = "person.register"
    PERSON_APPROVE = "person.approve"
    PERSON_REJECT = "person.reject"
    PERSON_LEAVE = "person.leave"
    PERSON_REMOVE = "person.remove"
    ADMIN_GRANT = "admin.grant"
    ADMIN_REVOKE = "admin.revoke"
    GROUP_REGISTER = "group.register"
    GROUP_UNREACHABLE = "group.unreachable"
    GROUP_MIGRATE = "group.migrate"
    DEADLINE_ADD = "deadline.add"
    DEADLINE_EDIT = "deadline.edit"
    DEADLINE_PAUSE = "deadline.pause"
    DEADLINE_RESUME = "deadline.resume"
    DEADLINE_DELETE = "deadline.delete"
    CALENDAR_DAY_OFF = "calendar.day_off"
    CALENDAR_WORKING_DAY = "calendar.working_day"
    CALENDAR_REMOVE = "calendar.remove"
    EXTENSION_APPROVE = "extension.approve"
    REPORT_FOLLOW_UP = "report.follow_up"
