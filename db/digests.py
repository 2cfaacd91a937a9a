"""Digest figures aggregated in SQL: each unit's latest answer per occurrence, counted and listed.

The current status of a unit for an occurrence (deadline, nominal due date) is its row in
current_statuses (kept by db.status_updates.add), which carries the status and on-time flag;
the answer's texts are read from status_updates only for the units named. Every query works on
one deadline and several due dates at once and lets the database count (GROUP BY) or cap the
lists (LIMIT, row_number per due date and status), so nothing loops in Python over rows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Exists,
    ScalarSelect,
    Select,
    and_,
    exists,
    func,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.domain.statuses import ReportStatus
from db.models import (
    CurrentStatus,
    Extension,
    Membership,
    OutboxMessage,
    Person,
    StatusUpdate,
    Unit,
)

ESCALATION_SLOTS = "escalation:%"
# The answers a digest names: sent late, in progress, blocked, asking for more time.
_NAMED: tuple[ColumnElement[bool], ...] = (
    and_(CurrentStatus.status == ReportStatus.SUBMITTED.value, CurrentStatus.on_time.is_(False)),
    *(CurrentStatus.status == status.value
      for status in (ReportStatus.IN_PROGRESS, ReportStatus.BLOCKED, ReportStatus.EXTENSION)),
)


@dataclass(frozen=True, slots=True)
class UnitScope:
    """The units an occurrence expects, as a SQL condition on a unit id column.

    Written as `IN (ids)`, or as `NOT IN (others)` when that list is shorter: a deadline for
    'all -skhdt' then costs one bound value, not one per unit of the province.
    """

    ids: tuple[int, ...]
    excluded: bool

    def condition(self, column: InstrumentedAttribute[int] | ColumnElement[int]
                  ) -> ColumnElement[bool]:
        if self.excluded:
            return column.not_in(self.ids) if self.ids else true()
        return column.in_(self.ids)


def unit_scope(expected: Collection[int], every: Collection[int]) -> UnitScope:
    """The scope of `expected` among `every` unit id, in its shorter form."""
    others = set(every) - set(expected)
    if len(others) < len(expected):
        return UnitScope(tuple(sorted(others)), excluded=True)
    return UnitScope(tuple(sorted(expected)), excluded=False)


@dataclass(frozen=True, slots=True)
class TallyRow:
    """How many units' latest answer for the occurrence due on `due_date` is this status."""

    due_date: date
    status: str
    on_time: bool | None
    count: int


@dataclass(frozen=True, slots=True)
class GroupTallyRow:
    """How many units of `unit_group` have this latest status for the occurrence due on
    `due_date`."""

    due_date: date
    unit_group: str
    status: str
    on_time: bool | None
    count: int


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """A unit's latest answer when it is worth naming: late, in progress, blocked, extension."""

    due_date: date
    unit_id: int
    unit_code: str
    unit_name: str
    status: str
    on_time: bool | None
    note: str
    proposal: str
    wanted_date: date | None
    received_at: datetime
    escalated: bool
    granted_until: date | None = None  # the latest extension the office approved


@dataclass(frozen=True, slots=True)
class SilentRow:
    """A unit that has not answered at all."""

    unit_id: int
    unit_code: str
    unit_name: str
    escalated: bool


def _current(deadline_id: int, due_dates: Sequence[date], scope: UnitScope,
             *columns: ColumnElement[Any] | InstrumentedAttribute[Any]) -> Select[Any]:
    """`columns` of the expected units' current statuses for the occurrences."""
    return select(*columns).where(
        CurrentStatus.deadline_id == deadline_id, CurrentStatus.due_date.in_(due_dates),
        scope.condition(CurrentStatus.unit_id))


def standing_tallies(session: Session, deadline_id: int, due_dates: Sequence[date],
                     scope: UnitScope) -> list[TallyRow]:
    """Units per (due date, latest status, on time) among the expected units."""
    rows = session.execute(
        _current(deadline_id, due_dates, scope, CurrentStatus.due_date, CurrentStatus.status,
                 CurrentStatus.on_time, func.count())
        .group_by(CurrentStatus.due_date, CurrentStatus.status, CurrentStatus.on_time))
    return [TallyRow(due, status, on_time, count) for due, status, on_time, count in rows]


def group_tallies(session: Session, deadline_id: int, due_dates: Sequence[date],
                  scope: UnitScope) -> list[GroupTallyRow]:
    """Units per (due date, unit group, latest status, on time) among the expected units."""
    rows = session.execute(
        _current(deadline_id, due_dates, scope, CurrentStatus.due_date, Unit.unit_group,
                 CurrentStatus.status, CurrentStatus.on_time, func.count())
        .join_from(CurrentStatus, Unit, Unit.id == CurrentStatus.unit_id)
        .group_by(CurrentStatus.due_date, Unit.unit_group, CurrentStatus.status,
                  CurrentStatus.on_time))
    return [GroupTallyRow(due, group, status, on_time, count)
            for due, group, status, on_time, count in rows]


def listed_answers(session: Session, deadline_id: int, due_dates: Sequence[date],
                   scope: UnitScope, limit: int) -> list[AnswerRow]:
    """Latest answers that are late, in progress, blocked or asking for more time: at most
    `limit` per due date and kind, in the order units were added.

    One statement of small branches, one per due date and kind, each read in unit order
    from ix_current_statuses_standing and cut at `limit` (a window over every named answer
    cost a sort of thousands of rows per occurrence).
    """
    branches = [
        _current(deadline_id, [due], scope, CurrentStatus.due_date, CurrentStatus.unit_id,
                 CurrentStatus.status_update_id)
        .where(kind).order_by(CurrentStatus.unit_id).limit(limit).subquery()
        for due in due_dates for kind in _NAMED]
    if not branches:
        return []
    named = union_all(*(select(branch) for branch in branches)).subquery("named")
    escalated = _escalated(deadline_id, named.c.due_date, named.c.unit_id)
    rows = session.execute(
        select(named.c.due_date, named.c.unit_id, Unit.code, Unit.name, StatusUpdate.status,
               StatusUpdate.on_time, StatusUpdate.note, StatusUpdate.proposal,
               StatusUpdate.wanted_date, StatusUpdate.received_at, escalated.label("escalated"),
               _granted(deadline_id, named.c.due_date, named.c.unit_id).label("granted"))
        .join(StatusUpdate, StatusUpdate.id == named.c.status_update_id)
        .join(Unit, Unit.id == named.c.unit_id)
        .order_by(named.c.due_date, named.c.unit_id))
    return [AnswerRow(due, unit_id, code, name, status, on_time, note, proposal, wanted,
                      received_at, bool(escalated_flag), granted_until)
            for (due, unit_id, code, name, status, on_time, note, proposal, wanted, received_at,
                 escalated_flag, granted_until) in rows]


def _granted(deadline_id: int, due_date: date | ColumnElement[date],
             unit_id: InstrumentedAttribute[int] | ColumnElement[int]) -> ScalarSelect[date]:
    """The latest date the office granted the unit for the occurrence (NULL: none)."""
    return (select(func.max(Extension.granted_until))
            .where(Extension.deadline_id == deadline_id, Extension.due_date == due_date,
                   Extension.unit_id == unit_id)
            .scalar_subquery())


def silent_units(session: Session, deadline_id: int, due_date: date, scope: UnitScope,
                 limit: int) -> list[SilentRow]:
    """Expected units with no answer at all for the occurrence, at most `limit`, in the order
    units were added."""
    answered = exists().where(CurrentStatus.deadline_id == deadline_id,
                              CurrentStatus.due_date == due_date,
                              CurrentStatus.unit_id == Unit.id)
    escalated = _escalated(deadline_id, due_date, Unit.id)
    rows = session.execute(
        select(Unit.id, Unit.code, Unit.name, escalated.label("escalated"))
        .where(scope.condition(Unit.id), ~answered)
        .order_by(Unit.id).limit(limit))
    return [SilentRow(unit_id, code, name, bool(flag)) for unit_id, code, name, flag in rows]


def escalated_counts(session: Session, deadline_id: int, due_dates: Sequence[date],
                     scope: UnitScope) -> dict[date, int]:
    """Units whose escalation reminder was sent, per due date."""
    rows = session.execute(
        select(OutboxMessage.due_date, func.count(OutboxMessage.unit_id.distinct()))
        .where(OutboxMessage.deadline_id == deadline_id, OutboxMessage.due_date.in_(due_dates),
               OutboxMessage.slot.like(ESCALATION_SLOTS), OutboxMessage.state == "sent",
               scope.condition(OutboxMessage.unit_id))
        .group_by(OutboxMessage.due_date))
    return {due: count for due, count in rows}


def head_names(session: Session, unit_ids: Collection[int]) -> dict[int, list[str]]:
    """Names of the heads (lãnh đạo) of these units, by unit id."""
    if not unit_ids:
        return {}
    rows = session.execute(
        select(Membership.unit_id, Person.full_name)
        .join(Person, Person.id == Membership.person_id)
        .where(Membership.is_head, Membership.unit_id.in_(sorted(unit_ids)))
        .order_by(Membership.unit_id, Person.id))
    heads: dict[int, list[str]] = {}
    for unit_id, name in rows:
        heads.setdefault(unit_id, []).append(name)
    return heads


def _escalated(deadline_id: int, due_date: date | ColumnElement[date],
               unit_id: InstrumentedAttribute[int] | ColumnElement[int]) -> Exists:
    return exists().where(OutboxMessage.deadline_id == deadline_id,
                          OutboxMessage.due_date == due_date, OutboxMessage.unit_id == unit_id,
                          OutboxMessage.slot.like(ESCALATION_SLOTS),
                          OutboxMessage.state == "sent")


# The year's export and chart (/export, /chart): the same latest answers, every unit listed.


@dataclass(frozen=True, slots=True)
class UnitAnswerRow:
    """An expected unit and its latest answer for one occurrence (status None: none yet)."""

    unit_id: int
    unit_code: str
    unit_name: str
    status: str | None
    on_time: bool | None
    note: str | None
    proposal: str | None
    wanted_date: date | None
    document_ref: str | None
    received_at: datetime | None
    person_name: str | None
    granted_until: date | None  # the latest extension the office approved


def every_unit_answer(session: Session, deadline_id: int, due_date: date, scope: UnitScope,
                      batch: int = 1000) -> Iterator[UnitAnswerRow]:
    """Every expected unit with its latest answer for the occurrence, or none, in the order
    units were added; fetched `batch` rows at a time (a server-side cursor on PostgreSQL), so
    a province of any size is never held in memory at once. Consume within the session."""
    current = and_(CurrentStatus.deadline_id == deadline_id, CurrentStatus.due_date == due_date,
                   CurrentStatus.unit_id == Unit.id)
    rows = session.execute(
        select(Unit.id, Unit.code, Unit.name, StatusUpdate.status, StatusUpdate.on_time,
               StatusUpdate.note, StatusUpdate.proposal, StatusUpdate.wanted_date,
               StatusUpdate.document_ref, StatusUpdate.received_at, Person.full_name,
               _granted(deadline_id, due_date, Unit.id))
        .outerjoin(CurrentStatus, current)
        .outerjoin(StatusUpdate, StatusUpdate.id == CurrentStatus.status_update_id)
        .outerjoin(Person, Person.id == StatusUpdate.person_id)
        .where(scope.condition(Unit.id))
        .order_by(Unit.id)
        .execution_options(yield_per=batch))
    for row in rows:
        yield UnitAnswerRow(*tuple(row))


def on_time_counts(session: Session, deadline_id: int, due_dates: Sequence[date],
                   scope: UnitScope) -> dict[int, int]:
    """Per unit id, the occurrences among `due_dates` whose latest answer is a report sent on
    time (units with none are absent)."""
    rows = session.execute(
        _current(deadline_id, due_dates, scope, CurrentStatus.unit_id, func.count())
        .where(CurrentStatus.status == ReportStatus.SUBMITTED.value,
               CurrentStatus.on_time.is_(True))
        .group_by(CurrentStatus.unit_id))
    return {unit_id: count for unit_id, count in rows}
