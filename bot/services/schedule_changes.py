"""What a change to the calendar or to a deadline does to the units' due dates: which due dates
moved, for which units, and who must be told; the reminders are replanned at once.

Used the same way by every change: read `open_dues` before writing, write and flush, then
`apply_schedule_change` in the same unit of work. Every open occurrence is compared, not only
each unit's next one: a day off on 31/03 moves March's due date while February's, due today,
is still the unit's next.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from bot.domain.calendar import DueDatePolicy
from bot.domain.deadlines import occurrences
from bot.services.reminders import (
    PlanReport,
    ReminderTiming,
    plan_reminders,
    record_unreachable_chat,
)
from db import calendar_days, outbox, status_updates
from db import office_actions as office_db
from db.province_snapshot import province_snapshot

# How far ahead a unit's next due date is looked for (a yearly deadline has one in a year).
LOOK_AHEAD = timedelta(days=400)
# How far back nominal due dates are read: a due date moved past Tết lies after its nominal one.
LOOK_BACK = timedelta(days=35)


@dataclass(frozen=True, slots=True)
class UpcomingDue:
    """An occurrence of a deadline that a unit has not submitted; its effective due date is
    the later date the office granted, if any (as reminders count it)."""

    deadline_code: str
    title: str
    period_label: str
    due_date: date
    effective_due_date: date


OpenDues = dict[tuple[str, date, str], UpcomingDue]  # (deadline, nominal due date, unit) → due
UpcomingDues = dict[tuple[str, str], UpcomingDue]  # (deadline code, unit code) → its next due


@dataclass(frozen=True, slots=True)
class DueDateChange:
    """One occurrence's effective due date moved, for these units."""

    deadline_code: str
    title: str
    period_label: str
    before: date
    after: date
    unit_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChangeNotice:
    """Who must hear of one change: the reachable chats of its units' people and groups."""

    change: DueDateChange
    chat_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ScheduleEffect:
    """What a change did: due dates moved, notices to send, reminders replanned."""

    changes: tuple[DueDateChange, ...]
    notices: tuple[ChangeNotice, ...]
    reminders: PlanReport

    @property
    def unit_count(self) -> int:
        """How many units have at least one due date changed."""
        return len({code for change in self.changes for code in change.unit_codes})


def open_dues(session: Session, today: date, policy: DueDatePolicy) -> OpenDues:
    """Every occurrence an active unit it expects has not submitted whose effective due date
    (or date granted) is today or later, within LOOK_AHEAD; by due date."""
    province = province_snapshot(session)
    calendar = calendar_days.working_calendar(session)
    active = {unit.code for unit in province.units if unit.active}
    deadline_codes = {id_: code for code, id_ in province.deadline_ids.items()}
    unit_codes = {id_: code for code, id_ in province.unit_ids.items()}
    first = today - LOOK_BACK
    submitted = {(deadline_codes[d], due, unit_codes[u])
                 for d, due, u in status_updates.submitted_reports(session)}
    granted = {(deadline_codes[d], due, unit_codes[u]): until
               for (d, due, u), until in office_db.granted_by_report(
                   session, [province.unit_ids[code] for code in active], first).items()}
    dues: OpenDues = {}
    for deadline in province.deadlines:
        for occurrence in occurrences(deadline, first, today + LOOK_AHEAD, calendar, policy):
            for unit in occurrence.units:
                report = (occurrence.deadline_code, occurrence.due_date, unit)
                if unit not in active or report in submitted:
                    continue
                effective = max(occurrence.effective_due_date,
                                granted.get(report, occurrence.effective_due_date))
                if effective >= today:
                    dues[deadline.code, occurrence.due_date, unit] = UpcomingDue(
                        deadline.code, occurrence.title, occurrence.period.label,
                        occurrence.due_date, effective)
    return dues


def upcoming_dues(session: Session, today: date, policy: DueDatePolicy) -> UpcomingDues:
    """Per active deadline and each active unit it expects: its first occurrence not yet
    submitted whose effective due date (or date granted) is today or later, within LOOK_AHEAD."""
    return next_dues(open_dues(session, today, policy))


def next_dues(dues: OpenDues) -> UpcomingDues:
    """Each (deadline, unit)'s open occurrence of the earliest nominal due date."""
    nexts: UpcomingDues = {}
    for (code, _due, unit), due in sorted(dues.items(), key=lambda item: item[0][1]):
        nexts.setdefault((code, unit), due)
    return nexts


def due_date_changes(before: OpenDues, after: OpenDues, *, rules_changed: bool = False
                     ) -> tuple[DueDateChange, ...]:
    """The open occurrences whose effective due date moved, for the units still owing them,
    grouped by deadline and dates, ordered by the new date then the deadline code. An
    occurrence that is no longer open (moved into the past, or gone) is not a move.

    With `rules_changed` (a deadline's rule was edited), the occurrences themselves differ
    (10/03 becoming 15/03): each unit's next due date is compared, whatever its nominal date.
    """
    pairs: list[tuple[str, UpcomingDue, UpcomingDue]] = (
        _next_due_pairs(before, after) if rules_changed else
        [(unit, old, after[code, due, unit]) for (code, due, unit), old in before.items()
         if (code, due, unit) in after])
    grouped: dict[tuple[str, date, date, date], list[str]] = {}
    shown: dict[tuple[str, date, date, date], DueDateChange] = {}
    for unit, old, new in pairs:
        if new.effective_due_date != old.effective_due_date:
            key = (old.deadline_code, old.due_date, old.effective_due_date,
                   new.effective_due_date)
            grouped.setdefault(key, []).append(unit)
            shown[key] = DueDateChange(old.deadline_code, new.title, new.period_label,
                                       old.effective_due_date, new.effective_due_date, ())
    changes = [replace(shown[key], unit_codes=tuple(units)) for key, units in grouped.items()]
    return tuple(sorted(changes, key=lambda change: (change.after, change.deadline_code,
                                                     change.before)))


def _next_due_pairs(before: OpenDues, after: OpenDues
                    ) -> list[tuple[str, UpcomingDue, UpcomingDue]]:
    old_next, new_next = next_dues(before), next_dues(after)
    return [(unit, old, new_next[code, unit]) for (code, unit), old in old_next.items()
            if (code, unit) in new_next]


def change_schedule(session: Session, now: datetime, timing: ReminderTiming,
                    write: Callable[[], None], *, rules_changed: bool = False) -> ScheduleEffect:
    """Make a change the schedule depends on: read the units' open due dates, `write` the
    change (and its audit entry), flush, then apply_schedule_change in the same unit of work."""
    before = open_dues(session, now.astimezone(timing.tz).date(), timing.policy)
    write()
    session.flush()
    return apply_schedule_change(session, before, now, timing, rules_changed=rules_changed)


def apply_schedule_change(session: Session, before: OpenDues, now: datetime,
                          timing: ReminderTiming, *, rules_changed: bool = False
                          ) -> ScheduleEffect:
    """After a change written and flushed in this unit of work: the due dates it moved, the
    reminders replanned at once (so the count is known), and the chats to tell of each move."""
    today = now.astimezone(timing.tz).date()
    changes = due_date_changes(before, open_dues(session, today, timing.policy),
                               rules_changed=rules_changed)
    reminders = plan_reminders(session, now, timing)
    recipients = outbox.reminder_recipients(session) if changes else {}
    notices = []
    for change in changes:
        chats = dict.fromkeys(recipient.chat_id for unit in change.unit_codes
                              for recipient in recipients.get(unit, ()))
        if chats:
            notices.append(ChangeNotice(change, tuple(chats)))
    return ScheduleEffect(changes, tuple(notices), reminders)


def record_refused_chats(session: Session, refused: Mapping[int, str], now: datetime) -> None:
    """Chats Telegram refused a change notice (chat id → reason) are unreachable, recorded as
    for a refused reminder or office notice."""
    for chat_id, reason in refused.items():
        record_unreachable_chat(session, chat_id, reason, now)
