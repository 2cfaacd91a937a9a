"""Use cases of the admins' deadline commands: list, show, add, edit, pause, resume, delete.

Every change is checked whole before anything is written (the same checks whichever way it was
typed), written with its audit entry, and followed in the same unit of work by the schedule's
consequences (bot.services.schedule_changes): pending reminders replanned at once and the due
dates that moved, for the units to be told.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal

from sqlalchemy.orm import Session

from bot.domain.audit_actions import AuditAction
from bot.domain.calendar import WorkingCalendar
from bot.domain.deadline_drafts import (
    DeadlineField,
    check_deadline,
    clean_legal_basis,
    clean_title,
    next_occurrences,
    parse_before_offsets,
    parse_deadline_field,
    suggest_code,
)
from bot.domain.deadlines import Deadline, LegalBasis, Occurrence, Recipient, find_deadline
from bot.domain.due_rules import RuleWords, parse_due_rule, rule_in_words
from bot.domain.errors import (
    DeadlineAlreadyPaused,
    DeadlineNotPaused,
    InvalidDeadlineField,
    UnknownRecipient,
)
from bot.domain.periods import PeriodSpec
from bot.domain.recurrence import ended_rule
from bot.domain.reminders import Reminder, reminder_plan
from bot.domain.roles import require
from bot.domain.units import close_codes, fold_code, resolve_units
from bot.services.audit import record_change
from bot.services.people import Caller
from bot.services.reminders import ReminderTiming
from bot.services.schedule_changes import ScheduleEffect, change_schedule
from db import calendar_days
from db import deadlines as deadline_rows
from db.models import Deadline as DeadlineRow
from db.province_snapshot import ProvinceSnapshot, province_snapshot

OFFICE_RECIPIENT = "vpubnd"  # Văn phòng UBND tỉnh, who receives most reports
ChangeKind = Literal["add", "edit", "pause", "resume", "delete"]


@dataclass(frozen=True, slots=True)
class DeadlineFields:
    """A new deadline as typed; empty fields take their defaults (recipient: the office;
    units: all; offsets: 7, 3, 1 working days before)."""

    rule: str
    title: str
    legal: str = ""
    recipient: str = ""
    units: str = "all"
    offsets: str = ""


@dataclass(frozen=True, slots=True)
class DeadlineSummary:
    """A line of /deadlines."""

    code: str
    title: str
    rule: RuleWords
    next_due: Occurrence | None
    units: int
    paused: bool


@dataclass(frozen=True, slots=True)
class DeadlineDetail:
    """A deadline in full: its next due dates and the reminders of the first."""

    deadline: Deadline
    rule: RuleWords
    upcoming: tuple[Occurrence, ...]
    plan: tuple[Reminder, ...]
    paused: bool


@dataclass(frozen=True, slots=True)
class DeadlineChange:
    """A change made: the deadline as it now is and what followed in the schedule.

    For an edit, `field` says what changed and `previous` is the deadline before it.
    """

    kind: ChangeKind
    detail: DeadlineDetail
    effect: ScheduleEffect
    field: DeadlineField | None = None
    previous: Deadline | None = None


@dataclass(frozen=True, slots=True)
class _Setting:
    """What every check needs: the province as of this transaction, the calendar, today."""

    province: ProvinceSnapshot
    calendar: WorkingCalendar
    today: date
    timing: ReminderTiming


def _setting(session: Session, now: datetime, timing: ReminderTiming) -> _Setting:
    return _Setting(province_snapshot(session), calendar_days.working_calendar(session),
                    now.astimezone(timing.tz).date(), timing)


def list_deadlines(session: Session, actor: Caller, now: datetime,
                   timing: ReminderTiming) -> list[DeadlineSummary]:
    """Every deadline not deleted, in the order added, with its next due date."""
    require(actor.roles, "deadlines")
    setting = _setting(session, now, timing)
    summaries = []
    for deadline in setting.province.deadlines:
        upcoming = next_occurrences(deadline, setting.today, setting.calendar,
                                    timing.policy, count=1)
        summaries.append(DeadlineSummary(
            deadline.code, deadline.title, rule_in_words(deadline.rule),
            upcoming[0] if upcoming else None, len(deadline.units), not deadline.active))
    return summaries


def deadline_detail(session: Session, actor: Caller, typed_code: str, now: datetime,
                    timing: ReminderTiming) -> DeadlineDetail:
    """The deadline typed, in full; raise UnknownDeadline (with close codes) if there is none."""
    require(actor.roles, "deadline")
    setting = _setting(session, now, timing)
    return _detail(find_deadline(setting.province.deadlines, typed_code), setting)


def _detail(deadline: Deadline, setting: _Setting) -> DeadlineDetail:
    """The next due dates (those a paused deadline would have) and the first one's reminders."""
    upcoming = next_occurrences(replace(deadline, active=True), setting.today, setting.calendar,
                                setting.timing.policy)
    plan = (reminder_plan(upcoming[0], setting.calendar, at=setting.timing.at,
                          tz=setting.timing.tz) if upcoming else ())
    return DeadlineDetail(deadline, rule_in_words(deadline.rule), upcoming, plan,
                          not deadline.active)


def preview_new(session: Session, actor: Caller, fields: DeadlineFields, now: datetime,
                timing: ReminderTiming) -> DeadlineDetail:
    """The deadline `fields` would add, checked whole but not stored."""
    require(actor.roles, "deadline_add")
    setting = _setting(session, now, timing)
    return _detail(_new_deadline(session, fields, setting), setting)


def add_deadline(session: Session, actor: Caller, fields: DeadlineFields, now: datetime,
                 timing: ReminderTiming) -> DeadlineChange:
    """Store a new deadline (its code drawn from the title), audit it, plan its reminders."""
    require(actor.roles, "deadline_add")
    setting = _setting(session, now, timing)
    deadline = _new_deadline(session, fields, setting)

    def write() -> None:
        deadline_rows.add_deadline(session, deadline, now)
        record_change(session, actor.person_id, AuditAction.DEADLINE_ADD, deadline.code, now,
                      after=_stored(deadline))
    effect = change_schedule(session, now, timing, write)
    return DeadlineChange("add", _detail(deadline, setting), effect)


def _new_deadline(session: Session, fields: DeadlineFields, setting: _Setting) -> Deadline:
    title = clean_title(fields.title)
    rule = parse_due_rule(fields.rule, setting.today)
    deadline = Deadline(
        code=suggest_code(title, deadline_rows.existing_codes(session)),
        title=title,
        legal_basis=LegalBasis(document="", clause=clean_legal_basis(fields.legal)),
        recipient=resolve_recipient(session, fields.recipient or OFFICE_RECIPIENT,
                                    setting.today),
        units=resolve_units(fields.units, setting.province.units, on=setting.today),
        rule=rule.recurrence, period=rule.period,
        offsets=parse_before_offsets(fields.offsets),
        unit_selector=" ".join(fields.units.split()))
    check_deadline(deadline, setting.calendar, setting.timing.policy, setting.today)
    return deadline


def resolve_recipient(session: Session, typed: str, today: date) -> Recipient:
    """The recipient typed: an active unit's code, or a recipient a deadline already names."""
    code = fold_code(typed)[:32]
    units = {unit.code: unit for unit in province_snapshot(session).units
             if unit.is_active_on(today)}
    if code in units:
        return Recipient(code, units[code].name)
    named = deadline_rows.recipients_in_use(session)
    if code in named:
        return Recipient(code, named[code])
    raise UnknownRecipient(code=typed.strip()[:32], suggestions=close_codes(code, [*units, *named]),
                           reason=f"no unit or recipient has the code {code!r}")


def edit_deadline(session: Session, actor: Caller, typed_code: str, field: DeadlineField,
                  value: str, now: datetime, timing: ReminderTiming) -> DeadlineChange:
    """Change one field of a deadline (never its code), with the checks of /deadline_add."""
    require(actor.roles, "deadline_edit")
    setting = _setting(session, now, timing)
    current = find_deadline(setting.province.deadlines, typed_code)
    changed = edited(session, current, field, value, setting)
    check_deadline(changed, setting.calendar, timing.policy, setting.today)
    effect = _write(session, actor, current.code, changed, now, timing, AuditAction.DEADLINE_EDIT,
                    before={field: _stored_field(current, field)},
                    after={field: _stored_field(changed, field)}, rules_changed=field == "rule")
    return DeadlineChange("edit", _detail(changed, _setting(session, now, timing)), effect,
                          field, current)


def preview_edit(session: Session, actor: Caller, typed_code: str, field_word: str, value: str,
                 now: datetime, timing: ReminderTiming) -> DeadlineDetail:
    """The deadline as `field_word` set to `value` would make it, checked but not stored."""
    require(actor.roles, "deadline_edit")
    field = parse_deadline_field(field_word)
    if field is None:
        raise InvalidDeadlineField(value=field_word[:32])
    setting = _setting(session, now, timing)
    changed = edited(session, find_deadline(setting.province.deadlines, typed_code), field,
                     value, setting)
    check_deadline(changed, setting.calendar, timing.policy, setting.today)
    return _detail(changed, setting)


def edited(session: Session, current: Deadline, field: DeadlineField, value: str,
           setting: _Setting) -> Deadline:
    """`current` with `field` set from the typed `value` (checked as /deadline_add checks it)."""
    if field == "title":
        return replace(current, title=clean_title(value))
    if field == "legal":
        return replace(current, legal_basis=LegalBasis(document="",
                                                       clause=clean_legal_basis(value)))
    if field == "recipient":
        return replace(current, recipient=resolve_recipient(session, value, setting.today))
    if field == "units":
        return replace(current, units=resolve_units(value, setting.province.units,
                                                    on=setting.today),
                       unit_selector=" ".join(value.split()))
    if field == "offsets":
        return replace(current, offsets=parse_before_offsets(value, current.offsets))
    rule = parse_due_rule(value, setting.today)
    # The old rule's occurrences already due stay in digests and exports.
    ended = ended_rule(current.rule, setting.today - timedelta(days=1))
    return replace(current, rule=rule.recurrence,
                   period=_period_after(current.period, rule.period),
                   earlier_rules=(*current.earlier_rules, *([ended] if ended else [])))


def _period_after(current: PeriodSpec, proposed: PeriodSpec) -> PeriodSpec:
    """Keep the stored period (its label and shift) unless the new rule counts another kind."""
    if proposed.kind is current.kind or proposed == PeriodSpec():
        return current
    return proposed


def set_paused(session: Session, actor: Caller, typed_code: str, paused: bool, now: datetime,
               timing: ReminderTiming) -> DeadlineChange:
    """Pause (no reminders, no new occurrences) or resume a deadline."""
    require(actor.roles, "deadline_pause" if paused else "deadline_resume")
    setting = _setting(session, now, timing)
    current = find_deadline(setting.province.deadlines, typed_code)
    if paused == (not current.active):
        refusal = DeadlineAlreadyPaused if paused else DeadlineNotPaused
        raise refusal(code=current.code, title=current.title)

    def write() -> None:
        row = _row(session, current.code)
        row.paused, row.updated_at = paused, now
        action = AuditAction.DEADLINE_PAUSE if paused else AuditAction.DEADLINE_RESUME
        record_change(session, actor.person_id, action, current.code, now,
                      before={"paused": not paused}, after={"paused": paused})
    effect = change_schedule(session, now, timing, write)
    changed = replace(current, active=not paused)
    return DeadlineChange("pause" if paused else "resume", _detail(changed, setting), effect)


def deadline_to_delete(session: Session, actor: Caller, typed_code: str, now: datetime,
                       timing: ReminderTiming) -> DeadlineDetail:
    """The deadline /deadline_delete would remove, shown before the admin confirms."""
    require(actor.roles, "deadline_delete")
    setting = _setting(session, now, timing)
    return _detail(find_deadline(setting.province.deadlines, typed_code), setting)


def delete_deadline(session: Session, actor: Caller, typed_code: str, now: datetime,
                    timing: ReminderTiming) -> DeadlineChange:
    """Stop a deadline for good: no more occurrences or reminders; its code is never reused
    and the answers to its past occurrences are kept."""
    require(actor.roles, "deadline_delete")
    setting = _setting(session, now, timing)
    current = find_deadline(setting.province.deadlines, typed_code)

    def write() -> None:
        row = _row(session, current.code)
        row.deleted_at = row.updated_at = now
        # The occurrences due before today stay in the exports; none comes after.
        history = ended_rule(current.rule, setting.today - timedelta(days=1))
        if history is not None:
            row.rule = history.text
        record_change(session, actor.person_id, AuditAction.DEADLINE_DELETE, current.code, now,
                      before=_stored(current))
    effect = change_schedule(session, now, timing, write)
    return DeadlineChange("delete", _detail(replace(current, active=False), setting), effect)


def _write(session: Session, actor: Caller, code: str, changed: Deadline, now: datetime,
           timing: ReminderTiming, action: AuditAction, *, before: dict[str, object],
           after: dict[str, object], rules_changed: bool) -> ScheduleEffect:
    """Store `changed` over the deadline `code`, audit it, apply the schedule's consequences."""
    def write() -> None:
        deadline_rows.write_fields(_row(session, code), changed, now)
        record_change(session, actor.person_id, action, code, now, before=before, after=after)
    return change_schedule(session, now, timing, write, rules_changed=rules_changed)


def _row(session: Session, code: str) -> DeadlineRow:
    row = deadline_rows.find_row(session, code)
    assert row is not None, "the snapshot read it in this transaction"
    return row


def _stored_field(deadline: Deadline, field: DeadlineField) -> str:
    """A field's stored value, as the audit log keeps it."""
    if field == "title":
        return deadline.title
    if field == "legal":
        return deadline.legal_basis.citation()
    if field == "recipient":
        return f"{deadline.recipient.code} ({deadline.recipient.name})"
    if field == "units":
        return deadline.unit_selector
    if field == "offsets":
        return ",".join(str(days) for days in deadline.offsets.before)
    return deadline.rule.text


def _stored(deadline: Deadline) -> dict[str, object]:
    return {"title": deadline.title, "rule": deadline.rule.text, "units": deadline.unit_selector,
            "recipient": deadline.recipient.code,
            "offsets": list(deadline.offsets.before),
            "legal": deadline.legal_basis.citation()}
