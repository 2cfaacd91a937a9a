"""The dashboard's matrix, read a page at a time: the current answers of the units a page
shows, and which units have an answer of one kind or none at all.

A page shows 100 units; reading every unit's answer to every report of the year (as the
export does) cost seconds for 10,000 units (docs/BENCHMARKS.md). Every query here works on one
deadline and several due dates at once, through current_statuses' primary key or its
ix_current_statuses_standing index.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, literal, select, tuple_, union_all
from sqlalchemy.orm import Session

from db.digests import UnitScope
from db.models import CurrentStatus, Extension, Unit

Occurrences = Sequence[tuple[int, date]]  # (deadline id, nominal due date) of each column


@dataclass(frozen=True, slots=True)
class CurrentAnswer:
    """A unit's current answer for the occurrence (deadline id, due date)."""

    deadline_id: int
    due_date: date
    unit_id: int
    status: str
    on_time: bool | None


def current_answers(session: Session, occurrences: Occurrences, unit_ids: Collection[int]
                    ) -> list[CurrentAnswer]:
    """The current answers of these units to the occurrences (none: no row), in one query."""
    if not unit_ids or not occurrences:
        return []
    rows = session.execute(
        select(CurrentStatus.deadline_id, CurrentStatus.due_date, CurrentStatus.unit_id,
               CurrentStatus.status, CurrentStatus.on_time)
        .where(tuple_(CurrentStatus.deadline_id, CurrentStatus.due_date).in_(occurrences),
               CurrentStatus.unit_id.in_(sorted(unit_ids))))
    return [CurrentAnswer(deadline_id, due, unit_id, status, on_time)
            for deadline_id, due, unit_id, status, on_time in rows]


def granted_dates(session: Session, occurrences: Occurrences,
                  unit_ids: Collection[int] | None = None
                  ) -> dict[tuple[int, date, int], date]:
    """The latest date granted per (deadline id, due date, unit id), for these units (None:
    every unit)."""
    if not occurrences or (unit_ids is not None and not unit_ids):
        return {}
    query = (select(Extension.deadline_id, Extension.due_date, Extension.unit_id,
                    func.max(Extension.granted_until))
             .where(tuple_(Extension.deadline_id, Extension.due_date).in_(occurrences))
             .group_by(Extension.deadline_id, Extension.due_date, Extension.unit_id))
    if unit_ids is not None:
        query = query.where(Extension.unit_id.in_(sorted(unit_ids)))
    return {(deadline_id, due, unit_id): granted
            for deadline_id, due, unit_id, granted in session.execute(query)}


def units_answering(session: Session, deadline_id: int, due_dates: Sequence[date],
                    scope: UnitScope, status: str, on_time: bool | None = None) -> set[int]:
    """Expected units whose current answer to any of the deadline's occurrences is `status`;
    with `on_time` True only those sent on time, False those not (late or not known)."""
    if not due_dates:
        return set()
    query = (select(CurrentStatus.unit_id).distinct()
             .where(CurrentStatus.deadline_id == deadline_id,
                    CurrentStatus.due_date.in_(due_dates), CurrentStatus.status == status,
                    scope.condition(CurrentStatus.unit_id)))
    if on_time is True:
        query = query.where(CurrentStatus.on_time.is_(True))
    elif on_time is False:
        query = query.where(CurrentStatus.on_time.is_not(True))
    return set(session.scalars(query))


def silent_units(session: Session, occurrences: Sequence[tuple[int, date, UnitScope]]
                 ) -> list[tuple[int, date, int]]:
    """(deadline id, due date, unit id) of the expected units with no answer at all to each
    occurrence (deadline id, due date, its units), in one query."""
    branches = [
        select(literal(deadline_id).label("deadline_id"), literal(due).label("due_date"),
               Unit.id.label("unit_id"))
        .where(scope.condition(Unit.id),
               ~exists().where(CurrentStatus.deadline_id == deadline_id,
                               CurrentStatus.due_date == due, CurrentStatus.unit_id == Unit.id))
        for deadline_id, due, scope in occurrences]
    if not branches:
        return []
    return [(deadline_id, due, unit_id)
            for deadline_id, due, unit_id in session.execute(union_all(*branches))]
