"""Digest figures aggregated in SQL: each unit's latest answer per occurrence, counted and listed.

The current status of a unit for an occurrence (deadline, nominal due date) is its status row
with the highest id: db.status_updates.is_latest_answer (an anti-join, served by the index
ix_status_updates_report). Every query works on one deadline and several due dates at once
and lets the database count (GROUP BY) or cap the lists (LIMIT, row_number per due date and
status), so nothing loops in Python over status rows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Exists,
    Select,
    and_,
    exists,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.domain.statuses import ReportStatus
from db import status_updates
from db.models import Extension, Membership, OutboxMessage, Person, StatusUpdate, Unit

ESCALATION_SLOTS = "escalation:%"
_LISTED = (ReportStatus.IN_PROGRESS.value, ReportStatus.BLOCKED.value,
           ReportStatus.EXTENSION.value)


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


def _latest(deadline_id: int, due_dates: Sequence[date], scope: UnitScope,
            *columns: ColumnElement[Any] | InstrumentedAttribute[Any]) -> Select[Any]:
    """`columns` of each expected unit's latest row for the occurrences: the row with no newer
    row (higher id) of the same unit and occurrence."""
    return select(*columns).where(
        StatusUpdate.deadline_id == deadline_id, StatusUpdate.due_date.in_(due_dates),
        scope.condition(StatusUpdate.unit_id), status_updates.is_latest_answer())


def standing_tallies(session: Session, deadline_id: int, due_dates: Sequence[date],
                     scope: UnitScope) -> list[TallyRow]:
    """Units per (due date, latest status, on time) among the expected units."""
    rows = session.execute(
        _latest(deadline_id, due_dates, scope, StatusUpdate.due_date, StatusUpdate.status,
                StatusUpdate.on_time, func.count())
        .group_by(StatusUpdate.due_date, StatusUpdate.status, StatusUpdate.on_time))
    return [TallyRow(due, status, on_time, count) for due, status, on_time, count in rows]


def listed_answers(session: Session, deadline_id: int, due_dates: Sequence[date],
                   scope: UnitScope, limit: int) -> list[AnswerRow]:
    """Latest answers that are late, in progress, blocked or asking for more time: at most
    `limit` per due date and status, in the order units were added."""
    worth_naming = or_(StatusUpdate.status.in_(_LISTED),
                       and_(StatusUpdate.status == ReportStatus.SUBMITTED.value,
                            StatusUpdate.on_time.is_(False)))
    place = func.row_number().over(partition_by=(StatusUpdate.due_date, StatusUpdate.status),
                                   order_by=StatusUpdate.unit_id).label("place")
    named = (_latest(deadline_id, due_dates, scope, StatusUpdate.due_date, StatusUpdate.unit_id,
                     StatusUpdate.status, StatusUpdate.on_time, StatusUpdate.note,
                     StatusUpdate.proposal, StatusUpdate.wanted_date, StatusUpdate.received_at,
                     place)
             .where(worth_naming).subquery("named"))
    escalated = _escalated(deadline_id, named.c.due_date, named.c.unit_id)
    granted = (select(func.max(Extension.granted_until))
               .where(Extension.deadline_id == deadline_id,
                      Extension.due_date == named.c.due_date,
                      Extension.unit_id == named.c.unit_id)
               .scalar_subquery())
    rows = session.execute(
        select(named.c.due_date, named.c.unit_id, Unit.code, Unit.name, named.c.status,
               named.c.on_time, named.c.note, named.c.proposal, named.c.wanted_date,
               named.c.received_at, escalated.label("escalated"), granted.label("granted"))
        .join(Unit, Unit.id == named.c.unit_id)
        .where(named.c.place <= limit)
        .order_by(named.c.due_date, named.c.unit_id))
    return [AnswerRow(due, unit_id, code, name, status, on_time, note, proposal, wanted,
                      received_at, bool(escalated_flag), granted_until)
            for (due, unit_id, code, name, status, on_time, note, proposal, wanted, received_at,
                 escalated_flag, granted_until) in rows]


def silent_units(session: Session, deadline_id: int, due_date: date, scope: UnitScope,
                 limit: int) -> list[SilentRow]:
    """Expected units with no answer at all for the occurrence, at most `limit`, in the order
    units were added."""
    answered = exists().where(StatusUpdate.deadline_id == deadline_id,
                              StatusUpdate.due_date == due_date,
                              StatusUpdate.unit_id == Unit.id)
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


def every_unit_answer(session: Session, deadline_id: int, due_date: date, scope: UnitScope,
                      batch: int = 1000) -> Iterator[UnitAnswerRow]:
    """Every expected unit with its latest answer for the occurrence, or none, in the order
    units were added; fetched `batch` rows at a time (a server-side cursor on PostgreSQL), so
    a province of any size is never held in memory at once. Consume within the session."""
    latest = _latest(deadline_id, [due_date], scope, StatusUpdate.unit_id, StatusUpdate.status,
                     StatusUpdate.on_time, StatusUpdate.note, StatusUpdate.proposal,
                     StatusUpdate.wanted_date, StatusUpdate.document_ref,
                     StatusUpdate.received_at, StatusUpdate.person_id).subquery("latest")
    rows = session.execute(
        select(Unit.id, Unit.code, Unit.name, latest.c.status, latest.c.on_time, latest.c.note,
               latest.c.proposal, latest.c.wanted_date, latest.c.document_ref,
               latest.c.received_at, Person.full_name)
        .outerjoin(latest, latest.c.unit_id == Unit.id)
        .outerjoin(Person, Person.id == latest.c.person_id)
        .where(scope.condition(Unit.id))
        .order_by(Unit.id)
        .execution_options(yield_per=batch))
    for row in rows:
        yield UnitAnswerRow(*row)


def on_time_counts(session: Session, deadline_id: int, due_dates: Sequence[date],
                   scope: UnitScope) -> dict[int, int]:
    """Per unit id, the occurrences among `due_dates` whose latest answer is a report sent on
    time (units with none are absent)."""
    rows = session.execute(
        _latest(deadline_id, due_dates, scope, StatusUpdate.unit_id, func.count())
        .where(StatusUpdate.status == ReportStatus.SUBMITTED.value,
               StatusUpdate.on_time.is_(True))
        .group_by(StatusUpdate.unit_id))
    return {unit_id: count for unit_id, count in rows}
