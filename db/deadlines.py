"""Queries about deadlines, and their conversion to the domain's Deadline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain import deadlines as domain
from bot.domain.audit_actions import AuditAction
from bot.domain.periods import PeriodKind, PeriodSpec
from bot.domain.recurrence import parse_rule
from bot.domain.reminder_offsets import ReminderOffsets
from bot.domain.reorganisations import Lineage
from bot.domain.units import Unit as DomainUnit
from bot.domain.units import resolve_units
from db.models import AuditEntry, Deadline

# The audited changes that pause (True) or resume (False) a deadline.
PAUSE_ACTIONS = {AuditAction.DEADLINE_PAUSE: True, AuditAction.DEADLINE_RESUME: False}


@dataclass(frozen=True, slots=True)
class UnitHistory:
    """What resolving a selector as of a day needs: every unit, the reorganisations, and the
    reports they handed over (by deadline id)."""

    units: Sequence[DomainUnit]
    lineage: Lineage = field(default_factory=Lineage)
    handovers: Mapping[int, tuple[domain.Handover, ...]] = field(default_factory=dict)

    def change_dates(self) -> tuple[date, ...]:
        """The days from which a selection may name other units: a unit starts or ends."""
        days = {unit.active_from for unit in self.units if unit.active_from is not None}
        days |= {unit.active_until + timedelta(days=1) for unit in self.units
                 if unit.active_until is not None and unit.active_until < date.max}
        return tuple(sorted(days | set(self.lineage.change_dates())))


def current_deadlines(session: Session, history: UnitHistory) -> tuple[domain.Deadline, ...]:
    """Every deadline not deleted, with its unit selector resolved as of each change date."""
    rows = session.scalars(select(Deadline).where(Deadline.deleted_at.is_(None))
                           .order_by(Deadline.id))
    return tuple(to_domain(row, history) for row in rows)


def ended_deadlines(session: Session, history: UnitHistory) -> tuple[domain.Deadline, ...]:
    """Every deleted deadline (inactive), for the history of its past occurrences."""
    rows = session.scalars(select(Deadline).where(Deadline.deleted_at.is_not(None))
                           .order_by(Deadline.id))
    return tuple(to_domain(row, history) for row in rows)


def existing_codes(session: Session) -> set[str]:
    """Codes of every deadline ever stored, deleted ones included (codes are never reused)."""
    return set(session.scalars(select(Deadline.code)))


def add_deadline(session: Session, deadline: domain.Deadline, now: datetime) -> None:
    basis, offsets, period = deadline.legal_basis, deadline.offsets, deadline.period
    session.add(Deadline(
        code=deadline.code, title=deadline.title,
        legal_kind=basis.kind, legal_document=basis.document, legal_issued_on=basis.issued_on,
        legal_issuer=basis.issuer, legal_title=basis.title, legal_clause=basis.clause,
        recipient_code=deadline.recipient.code, recipient_name=deadline.recipient.name,
        units_selector=deadline.unit_selector or " ".join(deadline.units),
        rule=deadline.rule.text, earlier_rules=[rule.text for rule in deadline.earlier_rules],
        period_kind=period.kind.value, period_label=period.label, period_shift=period.shift,
        before_offsets=list(offsets.before), remind_on_due_day=offsets.on_due_day,
        overdue_offsets=list(offsets.overdue), escalation_offsets=list(offsets.escalation),
        paused=not deadline.active, created_at=now, updated_at=now,
    ))


def to_domain(row: Deadline, history: UnitHistory | Sequence[DomainUnit]) -> domain.Deadline:
    if not isinstance(history, UnitHistory):
        history = UnitHistory(history)
    spans = _unit_spans(row.units_selector, history)
    units = spans[-1].units if spans else resolve_units(row.units_selector, history.units,
                                                        stored=True)
    return domain.Deadline(
        code=row.code,
        title=row.title,
        legal_basis=legal_basis_of(row),
        recipient=domain.Recipient(row.recipient_code, row.recipient_name),
        units=units,
        rule=parse_rule(row.rule),
        earlier_rules=tuple(parse_rule(text) for text in row.earlier_rules),
        period=period_spec_of(row),
        offsets=ReminderOffsets(
            before=tuple(row.before_offsets), overdue=tuple(row.overdue_offsets),
            escalation=tuple(row.escalation_offsets), on_due_day=row.remind_on_due_day),
        unit_selector=row.units_selector,
        active=not row.paused and row.deleted_at is None,
        unit_spans=spans,
        handovers=history.handovers.get(row.id, ()),
    )


def _unit_spans(selector: str, history: UnitHistory) -> tuple[domain.UnitSpan, ...]:
    """The selection as of each change date, with a first span for the days before the first
    change; () when no unit ever started or ended (the selection never changes)."""
    days = history.change_dates()
    if not days:
        return ()

    def on(day: date) -> tuple[str, ...]:
        return resolve_units(selector, history.units, on=day, stored=True,
                             successors=history.lineage.successors_on)

    spans = [domain.UnitSpan(date.min, on(days[0] - timedelta(days=1)))]
    for day in days:
        units = on(day)
        if units != spans[-1].units:
            spans.append(domain.UnitSpan(day, units))
    return tuple(spans)


def legal_basis_of(row: Deadline) -> domain.LegalBasis:
    return domain.LegalBasis(
        document=row.legal_document, clause=row.legal_clause, kind=row.legal_kind,
        issued_on=row.legal_issued_on, issuer=row.legal_issuer, title=row.legal_title)


def period_spec_of(row: Deadline) -> PeriodSpec:
    return PeriodSpec(PeriodKind(row.period_kind), row.period_label, row.period_shift)


def find_row(session: Session, code: str) -> Deadline | None:
    """The deadline stored with `code`, even deleted."""
    return session.scalar(select(Deadline).where(Deadline.code == code))


def live_rows(session: Session) -> list[Deadline]:
    """Every deadline not deleted, paused ones included, in the order they were added."""
    return list(session.scalars(select(Deadline).where(Deadline.deleted_at.is_(None))
                                .order_by(Deadline.id)))


def recipients_in_use(session: Session) -> dict[str, str]:
    """code → name of every recipient a stored deadline names (the province's own, such as
    the Chairman, are known only this way once loaded)."""
    rows = session.execute(select(Deadline.recipient_code, Deadline.recipient_name).distinct())
    return {code: name for code, name in rows}


def write_fields(row: Deadline, deadline: domain.Deadline, now: datetime) -> None:
    """Store every editable field of `deadline` on `row` (the code never changes)."""
    basis, offsets = deadline.legal_basis, deadline.offsets
    row.title = deadline.title
    row.legal_clause, row.legal_kind, row.legal_document = basis.clause, basis.kind, basis.document
    row.legal_issued_on, row.legal_issuer, row.legal_title = (basis.issued_on, basis.issuer,
                                                              basis.title)
    row.recipient_code, row.recipient_name = deadline.recipient.code, deadline.recipient.name
    row.units_selector = deadline.unit_selector or " ".join(deadline.units)
    row.rule = deadline.rule.text
    row.earlier_rules = [rule.text for rule in deadline.earlier_rules]
    row.period_kind = deadline.period.kind.value
    row.period_label, row.period_shift = deadline.period.label, deadline.period.shift
    row.before_offsets, row.remind_on_due_day = list(offsets.before), offsets.on_due_day
    row.overdue_offsets, row.escalation_offsets = list(offsets.overdue), list(offsets.escalation)
    row.updated_at = now


@dataclass(frozen=True, slots=True)
class PauseHistory:
    """A deadline's pauses (True) and resumes (False) as audited, oldest first."""

    created_at: datetime
    paused_now: bool
    changes: list[tuple[datetime, bool]] = field(default_factory=list)


def pause_histories(session: Session) -> dict[str, PauseHistory]:
    """The pause history of every deadline ever paused (deleted ones included), by code."""
    histories = {code: PauseHistory(created_at, paused) for code, created_at, paused
                 in session.execute(select(Deadline.code, Deadline.created_at, Deadline.paused))}
    audited = session.execute(
        select(AuditEntry.subject, AuditEntry.at, AuditEntry.action)
        .where(AuditEntry.action.in_(PAUSE_ACTIONS)).order_by(AuditEntry.id))
    for code, at, action in audited:
        if code in histories:
            histories[code].changes.append((at, PAUSE_ACTIONS[AuditAction(action)]))
    return {code: history for code, history in histories.items()
            if history.changes or history.paused_now}
