"""Reorganising units: the plan of what an event changes, and applying it in one unit of work.

Applying, per event not applied before (its key), in order:
1. check it against the units, the events already applied and the units' answers;
2. create its new units (valid from the date) and close its predecessors (valid until the day
   before);
3. record the event, and hand over each predecessor's open reports (due in the
   OPEN_REPORT_WINDOW before the date, not submitted) by the event's rule;
4. move the predecessors' people: to the one successor of a merge, absorption or rename, as
   officers (a head is proposed to the office as the successor's head); of a split or a
   dissolution, their roles there end (they are told who took over);
5. leave notices for the running bot to send (scheduler.notices): each person moved or
   released is told, and the office is asked to confirm each former head as the new unit's;
6. revoke the predecessors' open invites, and audit the event.
Reports due from the date on follow the selectors resolved as of their due date
(db.deadlines.UnitHistory), so nothing else is rewritten and history stays as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from sqlalchemy.orm import Session

from bot.domain.audit_actions import AuditAction
from bot.domain.deadlines import Deadline
from bot.domain.errors import ReorganisationInProgress
from bot.domain.reorganisations import (
    OPEN_REPORT_WINDOW,
    Lineage,
    PendingRule,
    Reorganisation,
    ReorganisationKind,
    check_reorganisations,
)
from bot.domain.units import Unit
from bot.services.audit import record_change
from bot.services.notices import leave_notice
from db import invites, memberships, people, reorganisations, status_updates, units
from db.advisory_lock import try_transaction_lock
from db.deadlines import UnitHistory, to_domain
from db.deadlines import live_rows as live_deadline_rows
from db.models import Deadline as DeadlineRow
from db.models import Invite
from db.models import Unit as UnitRow

APPLY_LOCK = "deadline-bot:reorganise"


@dataclass(frozen=True, slots=True)
class PersonMove:
    """Someone who served a closed unit: where they serve now (None: nowhere, after a split or
    a dissolution) and whether they were its head."""

    person_id: int
    telegram_user_id: int
    full_name: str
    from_code: str
    to_code: str | None
    was_head: bool


@dataclass(frozen=True, slots=True)
class SelectorChange:
    """A deadline whose units change on the date: who stops owing it and who starts."""

    deadline_code: str
    selector: str
    removed: tuple[str, ...]
    added: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RecipientChange:
    """A deadline whose reports went to a closed unit: they go to its one successor."""

    deadline_code: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class OpenReport:
    """A closed unit's report due before the date and unanswered: carried to `to_units` or
    closed (to_units empty)."""

    deadline_code: str
    due_date: date
    unit_code: str
    to_units: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RevokedInvite:
    invite_id: int
    unit_code: str
    role: str


@dataclass(frozen=True, slots=True)
class EventPlan:
    """What one event changes."""

    event: Reorganisation
    closed: tuple[Unit, ...]
    created: tuple[Unit, ...]
    people: tuple[PersonMove, ...]
    selectors: tuple[SelectorChange, ...]
    open_reports: tuple[OpenReport, ...]
    invites: tuple[RevokedInvite, ...]
    recipients: tuple[RecipientChange, ...] = ()


@dataclass(frozen=True, slots=True)
class ReorganisationPlan:
    """The events still to apply (in order) and those applied before (skipped)."""

    events: tuple[EventPlan, ...]
    already_applied: tuple[Reorganisation, ...] = ()
    names: dict[str, str] = field(default_factory=dict)  # code → name, new units included

    @property
    def changes_nothing(self) -> bool:
        return not self.events


def plan_reorganisations(session: Session, events: Sequence[Reorganisation], now: datetime,
                         tz: tzinfo) -> ReorganisationPlan:
    """What applying `events` would change; raise a DomainError if one cannot be applied."""
    applied_keys = reorganisations.applied_keys(session)
    pending = [event for event in events if event.key not in applied_keys]
    skipped = tuple(event for event in events if event.key in applied_keys)
    every_unit = units.all_units(session)
    codes = {code for event in pending for code in (*event.predecessors, *event.successors)}
    applied = reorganisations.lineage(session)
    check_reorganisations(pending, every_unit, applied,
                          reorganisations.last_answer_dates(session, sorted(codes), tz))
    names = {unit.code: unit.name for unit in every_unit}
    names |= {unit.code: unit.name for event in pending for unit in event.created}
    plans: list[EventPlan] = []
    state = _State(list(every_unit), applied)
    stored = _Stored.read(session, now)
    for event in pending:
        plans.append(_plan_event(session, event, state, stored))
        state = state.after(event)
    return ReorganisationPlan(tuple(plans), skipped, names)


def apply_reorganisations(session: Session, events: Sequence[Reorganisation], now: datetime,
                          tz: tzinfo, actor_id: int | None = None) -> ReorganisationPlan:
    """Apply `events` in the caller's unit of work (one transaction) and return what changed;
    events applied before change nothing. Raise ReorganisationInProgress while another worker
    applies one."""
    if not try_transaction_lock(session, APPLY_LOCK):
        raise ReorganisationInProgress()
    plan = plan_reorganisations(session, events, now, tz)
    for event_plan in plan.events:
        _apply_event(session, event_plan, now, actor_id)
    return plan


@dataclass(frozen=True)
class _Stored:
    """What every event of a plan reads alike: read once per plan, not once per event."""

    deadline_rows: list[DeadlineRow]
    submitted: set[tuple[int, date, int]]
    unit_ids: dict[str, int]
    open_invites: list[tuple[Invite, UnitRow | None]]

    @classmethod
    def read(cls, session: Session, now: datetime) -> _Stored:
        return cls(live_deadline_rows(session), status_updates.submitted_reports(session),
                   units.ids_by_code(session), invites.open_invites(session, now))


@dataclass
class _State:
    """The units and lineage as they will be once the earlier events of a file are applied."""

    units: list[Unit]
    lineage: Lineage

    def after(self, event: Reorganisation) -> _State:
        closed = set(event.predecessors)
        updated = [Unit(u.code, u.name, u.group, u.active, u.active_from, event.last_day)
                   if u.code in closed else u for u in self.units]
        return _State([*updated, *event.created], Lineage((*self.lineage.events, event)))


def _plan_event(session: Session, event: Reorganisation, state: _State,
                stored: _Stored) -> EventPlan:
    by_code = {unit.code: unit for unit in state.units}
    closed = tuple(by_code[code] for code in event.predecessors)
    after = state.after(event)
    deadline_rows, unit_ids = stored.deadline_rows, stored.unit_ids
    before_history, after_history = UnitHistory(state.units, state.lineage), UnitHistory(
        after.units, after.lineage)
    selectors: list[SelectorChange] = []
    open_reports: list[OpenReport] = []
    for row in deadline_rows:
        was = to_domain(row, before_history)
        will_be = to_domain(row, after_history)
        before_units = was.units_on(event.effective_on)  # as if this event did not happen
        after_units = will_be.units_on(event.effective_on)
        still_due = was.active and was.next_due_date(event.last_day) is not None
        if still_due and before_units != after_units:
            selectors.append(SelectorChange(
                row.code, row.units_selector,
                tuple(c for c in before_units if c not in after_units),
                tuple(c for c in after_units if c not in before_units)))
        open_reports += _open_reports(was, row.id, event, stored.submitted, unit_ids)
    recipients = tuple(RecipientChange(row.code, row.recipient_code, event.successors[0])
                       for row in deadline_rows
                       if row.recipient_code in event.predecessors and len(event.successors) == 1)
    return EventPlan(event, closed, event.created, _people(session, event, unit_ids),
                     tuple(selectors), tuple(open_reports), _invites(event, stored.open_invites),
                     recipients)


def _open_reports(deadline: Deadline, deadline_id: int, event: Reorganisation,
                  submitted: set[tuple[int, date, int]],
                  unit_ids: dict[str, int]) -> list[OpenReport]:
    """The predecessors' reports due in the window before the date and not submitted."""
    if not deadline.active:
        return []
    first = event.effective_on - OPEN_REPORT_WINDOW
    to_units = event.successors if event.pending is PendingRule.CARRY else ()
    found: list[OpenReport] = []
    for due in deadline.due_dates_between(first, event.last_day):
        for code in event.predecessors:
            unit_id = unit_ids.get(code)
            owed = code in deadline.units_on(due)
            if owed and (unit_id is None or (deadline_id, due, unit_id) not in submitted):
                found.append(OpenReport(deadline.code, due, code, to_units))
    return found


def _people(session: Session, event: Reorganisation,
            unit_ids: dict[str, int]) -> tuple[PersonMove, ...]:
    single = event.kind in (ReorganisationKind.MERGE, ReorganisationKind.ABSORB,
                            ReorganisationKind.RENAME)
    to_code = event.successors[0] if single else None
    moves: list[PersonMove] = []
    for code in event.predecessors:
        unit_id = unit_ids.get(code)
        if unit_id is None:
            continue
        for membership, person in memberships.of_unit(session, unit_id):
            moves.append(PersonMove(person.id, person.telegram_user_id, person.full_name, code,
                                    to_code, membership.is_head))
    return tuple(moves)


def _invites(event: Reorganisation, open_invites: Sequence[tuple[Invite, UnitRow | None]]
             ) -> tuple[RevokedInvite, ...]:
    closing = set(event.predecessors)
    return tuple(RevokedInvite(invite.id, unit.code, invite.role)
                 for invite, unit in open_invites if unit is not None and unit.code in closing)


def _apply_event(session: Session, plan: EventPlan, now: datetime, actor_id: int | None) -> None:
    event = plan.event
    for unit in plan.created:
        units.add_unit(session, unit, now)
    session.flush()
    unit_ids = units.ids_by_code(session)
    for code in event.predecessors:
        units.close(session, code, event.last_day, now)
    event_id = reorganisations.add_event(session, event, unit_ids, now, actor_id)
    live = {row.code: row for row in live_deadline_rows(session)}
    deadline_ids = {code: row.id for code, row in live.items()}
    successor_names = {unit.code: unit.name for unit in units.all_units(session)}
    for change in plan.recipients:
        row = live[change.deadline_code]
        row.recipient_code, row.recipient_name = change.after, successor_names[change.after]
        row.updated_at = now
    for report in plan.open_reports:
        reorganisations.add_handover(session, event_id, deadline_ids[report.deadline_code],
                                     report.due_date, unit_ids[report.unit_code],
                                     carried=bool(report.to_units))
    _move_people(session, plan.people, unit_ids, now)
    _leave_notices(session, event, plan.people, now)
    for revoked in plan.invites:
        invites.revoke(session, revoked.invite_id, now)
    record_change(session, actor_id, AuditAction.UNIT_REORGANISE, _subject(event), now,
                  before={"units": list(event.predecessors)},
                  after={"units": list(event.successors), "reorganisation": event.kind.value,
                         "day": event.effective_on.isoformat(), "legal": event.basis.citation(),
                         "pending": event.pending.value, "moved": len(plan.people),
                         "handed_over": len(plan.open_reports)})


def _move_people(session: Session, moves: Sequence[PersonMove], unit_ids: dict[str, int],
                 now: datetime) -> None:
    for move in moves:
        old = memberships.find(session, move.person_id, unit_ids[move.from_code])
        if old is not None:
            memberships.remove(session, old)
        if move.to_code is not None and memberships.find(
                session, move.person_id, unit_ids[move.to_code]) is None:
            memberships.add(session, move.person_id, unit_ids[move.to_code], False, now)
    session.flush()


NOTICE_MOVED = "reorg_moved"
NOTICE_RELEASED = "reorg_released"
NOTICE_HEAD = "reorg_head"


def _leave_notices(session: Session, event: Reorganisation, moves: Sequence[PersonMove],
                   now: datetime) -> None:
    """One notice per person moved or released, naming the old and the new unit; one per former
    head to each member of the office, who confirms the new unit's head."""
    names = {unit.code: unit.name for unit in units.all_units(session)}
    common: dict[str, object] = {"day": event.effective_on.isoformat(), "kind": event.kind.value}
    office = people.office_staff(session)
    for move in moves:
        payload = {**common, "old_code": move.from_code, "old_name": names[move.from_code]}
        if move.to_code is None:
            payload["successors"] = [f"{names[c]} ({c})" for c in event.successors]
            leave_notice(session, move.telegram_user_id, move.person_id, NOTICE_RELEASED,
                         payload, now)
            continue
        payload |= {"new_code": move.to_code, "new_name": names[move.to_code]}
        leave_notice(session, move.telegram_user_id, move.person_id, NOTICE_MOVED, payload, now)
        if move.was_head:
            head = {**payload, "person_id": move.person_id, "person_name": move.full_name}
            for member in office:
                leave_notice(session, member.telegram_user_id, member.id, NOTICE_HEAD, head, now)


def _subject(event: Reorganisation) -> str:
    return (f"{event.kind.value} {'+'.join(event.predecessors)} → "
            f"{'+'.join(event.successors) or '∅'} ({event.effective_on.isoformat()})")[:256]
