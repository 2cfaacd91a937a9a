"""Queries about reorganisations: the applied events (the lineage), the reports they handed
over, and the facts the checks need (each unit's newest answer)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.deadlines import Handover
from bot.domain.reorganisations import (
    LegalReference,
    Lineage,
    PendingRule,
    Reorganisation,
    ReorganisationKind,
)
from db.models import Reorganisation as ReorganisationRow
from db.models import ReorganisationUnit, ReportHandover, StatusUpdate, Unit

PREDECESSOR = "predecessor"
SUCCESSOR = "successor"


def lineage(session: Session, units_by_id: Mapping[int, str] | None = None) -> Lineage:
    """Every applied event, oldest first (codes of created successors are in `created` only as
    codes: their units are read with the others)."""
    rows = session.scalars(select(ReorganisationRow)
                           .order_by(ReorganisationRow.effective_on, ReorganisationRow.id)).all()
    if not rows:
        return Lineage()
    codes = units_by_id or {id_: code for id_, code in session.execute(select(Unit.id, Unit.code))}
    parts: dict[int, dict[str, list[str]]] = defaultdict(lambda: {PREDECESSOR: [],
                                                                  SUCCESSOR: []})
    for event_id, unit_id, role in session.execute(
            select(ReorganisationUnit.reorganisation_id, ReorganisationUnit.unit_id,
                   ReorganisationUnit.role)
            .order_by(ReorganisationUnit.reorganisation_id, ReorganisationUnit.position)):
        parts[event_id][role].append(codes[unit_id])
    return Lineage(tuple(_event(row, parts[row.id]) for row in rows))


def _event(row: ReorganisationRow, parts: Mapping[str, list[str]]) -> Reorganisation:
    return Reorganisation(
        effective_on=row.effective_on, kind=ReorganisationKind(row.kind),
        predecessors=tuple(parts[PREDECESSOR]), successors=tuple(parts[SUCCESSOR]),
        basis=LegalReference(row.legal_document, row.legal_issued_on), note=row.note,
        pending=PendingRule(row.pending_rule))


def applied_keys(session: Session) -> set[str]:
    return set(session.scalars(select(ReorganisationRow.key)))


def add_event(session: Session, event: Reorganisation, unit_ids: Mapping[str, int],
              now: datetime, actor_id: int | None) -> int:
    """Store the event and its units; the caller has closed and created the units."""
    row = ReorganisationRow(
        key=event.key, effective_on=event.effective_on, kind=event.kind.value,
        legal_document=event.basis.document, legal_issued_on=event.basis.issued_on,
        note=event.note, pending_rule=event.pending.value, applied_at=now, applied_by=actor_id)
    session.add(row)
    session.flush()
    created = {unit.code for unit in event.created}
    for position, code in enumerate(event.predecessors):
        session.add(ReorganisationUnit(reorganisation_id=row.id, unit_id=unit_ids[code],
                                       role=PREDECESSOR, position=position))
    for position, code in enumerate(event.successors):
        session.add(ReorganisationUnit(reorganisation_id=row.id, unit_id=unit_ids[code],
                                       role=SUCCESSOR, position=position,
                                       created=code in created))
    return row.id


@dataclass(frozen=True, slots=True)
class StoredHandover:
    deadline_id: int
    handover: Handover


def add_handover(session: Session, event_id: int, deadline_id: int, due_date: date,
                 unit_id: int, carried: bool) -> None:
    session.add(ReportHandover(reorganisation_id=event_id, deadline_id=deadline_id,
                               due_date=due_date, unit_id=unit_id, carried=carried))


def handovers_by_deadline(session: Session, events: Lineage,
                          units_by_id: Mapping[int, str]) -> dict[int, tuple[Handover, ...]]:
    """deadline id → the reports handed over (carried ones to the closing event's successors)."""
    found: dict[int, list[Handover]] = defaultdict(list)
    for deadline_id, due, unit_id, carried in session.execute(
            select(ReportHandover.deadline_id, ReportHandover.due_date, ReportHandover.unit_id,
                   ReportHandover.carried).order_by(ReportHandover.id)):
        code = units_by_id[unit_id]
        event = events.closing_event(code)
        to_units = event.successors if carried and event is not None else ()
        found[deadline_id].append(Handover(due, code, to_units))
    return {deadline_id: tuple(items) for deadline_id, items in found.items()}


def last_answer_dates(session: Session, codes: Sequence[str], tz: tzinfo) -> dict[str, date]:
    """code → the local date of the unit's newest answer, for the units that answered."""
    rows = session.execute(
        select(Unit.code, func.max(StatusUpdate.received_at))
        .join(StatusUpdate, StatusUpdate.unit_id == Unit.id)
        .where(Unit.code.in_(codes)).group_by(Unit.code))
    return {code: newest.astimezone(tz).date() for code, newest in rows if newest is not None}
