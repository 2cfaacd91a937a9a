"""Reorganisations of units: merges, absorptions, splits, renames and dissolutions on a date.

An event closes its predecessors at the end of the day before `effective_on` and hands their
duties to its successors from that day. Successors are existing units or units the event creates
(`created`). Codes are never reused: a closed unit keeps its code, and the lineage (which unit
took over which, when, on what legal basis) is what lets history stay true and obligations move.

Pure: the service layer reads the database and passes what the checks need (the units, the
events already applied, the last day each unit answered).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.dates import format_vn_date
from bot.domain.errors import (
    AnswersAfterReorganisation,
    DuplicateCode,
    InvalidReorganisation,
    OverlappingReorganisation,
    ReorganisationCycle,
    SuccessorClosed,
    UnitReorganisedTwice,
    UnknownUnit,
)
from bot.domain.units import Unit, close_codes


class ReorganisationKind(StrEnum):
    """What happens to the units (the officials' words in bot.texts)."""

    MERGE = "merge"  # hợp nhất: two or more units become one new unit
    ABSORB = "absorb"  # sáp nhập: units join an existing unit, which goes on
    SPLIT = "split"  # chia tách: one unit becomes two or more
    RENAME = "rename"  # đổi tên: one unit goes on under a new code and name
    DISSOLVE = "dissolve"  # giải thể: units close with no successor


class PendingRule(StrEnum):
    """What happens to a closed unit's reports due before the date and still unanswered."""

    CARRY = "carry"  # the successors owe them
    CLOSE = "close"  # closed as "unit reorganised": nobody owes them, nobody is late


# (fewest and most predecessors, fewest and most successors; None for any number)
_SHAPES: dict[ReorganisationKind, tuple[int, int | None, int, int | None]] = {
    ReorganisationKind.MERGE: (2, None, 1, 1),
    ReorganisationKind.ABSORB: (1, None, 1, 1),
    ReorganisationKind.SPLIT: (1, 1, 2, None),
    ReorganisationKind.RENAME: (1, 1, 1, 1),
    ReorganisationKind.DISSOLVE: (1, None, 0, 0),
}
# An unanswered report of a closed unit is "open" (carried or closed by the event's rule) when
# it fell due at most this long before the date: the digests' own look-back for open reports.
OPEN_REPORT_WINDOW = timedelta(days=92)


@dataclass(frozen=True, slots=True)
class LegalReference:
    """The resolution or decision that orders the change, e.g. 1687/NQ-UBTVQH15 of 16/6/2025."""

    document: str
    issued_on: date | None = None

    def citation(self) -> str:
        when = f" ngày {format_vn_date(self.issued_on)}" if self.issued_on else ""
        return f"{self.document}{when}".strip()


@dataclass(frozen=True, slots=True)
class Reorganisation:
    """One event: on `effective_on` the predecessors close and the successors take over."""

    effective_on: date
    kind: ReorganisationKind
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    basis: LegalReference
    created: tuple[Unit, ...] = ()  # successors this event creates, active from effective_on
    note: str = ""
    pending: PendingRule = PendingRule.CARRY

    @property
    def key(self) -> str:
        """A stable identity: applying the same event twice is recognised by it."""
        before = "+".join(sorted(self.predecessors))
        after = "+".join(sorted(self.successors))
        return f"{self.effective_on.isoformat()}:{self.kind.value}:{before}>{after}"

    @property
    def last_day(self) -> date:
        """The predecessors' last day (they are valid up to and including it)."""
        return self.effective_on - timedelta(days=1)

    @property
    def continuing(self) -> tuple[str, ...]:
        """Successors that existed before and go on (absorb, or a split into existing units)."""
        created = {unit.code for unit in self.created}
        return tuple(code for code in self.successors if code not in created)


@dataclass(frozen=True, slots=True)
class Lineage:
    """Every applied event, for following a closed unit to the units that took over."""

    events: tuple[Reorganisation, ...] = ()
    _by_predecessor: dict[str, Reorganisation] = field(default_factory=dict, compare=False,
                                                       repr=False)

    def __post_init__(self) -> None:
        for event in self.events:
            for code in event.predecessors:
                self._by_predecessor[code] = event

    def __bool__(self) -> bool:
        return bool(self.events)

    def closing_event(self, code: str) -> Reorganisation | None:
        """The event that closed `code`, if any."""
        return self._by_predecessor.get(code)

    def successors_on(self, code: str, day: date) -> tuple[str, ...]:
        """The units that carry `code`'s duties on `day`: itself before it closed, its
        successors (followed through later events) after; () when it was dissolved."""
        event = self._by_predecessor.get(code)
        if event is None or day < event.effective_on:
            return (code,)
        found: list[str] = []
        for successor in event.successors:
            for code_then in self.successors_on(successor, day):
                if code_then not in found:
                    found.append(code_then)
        return tuple(found)

    def predecessor_events(self, code: str) -> tuple[Reorganisation, ...]:
        """The events in which `code` took over other units, oldest first."""
        return tuple(sorted((e for e in self.events if code in e.successors),
                            key=lambda e: e.effective_on))

    def change_dates(self) -> tuple[date, ...]:
        """Every effective date, in order: where unit selections may change."""
        return tuple(sorted({event.effective_on for event in self.events}))


def check_reorganisations(
    events: Sequence[Reorganisation],
    units: Sequence[Unit],
    applied: Lineage,
    last_answer_on: Mapping[str, date] | None = None,
) -> None:
    """Raise the first reason `events` (not yet applied, in order) cannot be applied to `units`
    after the `applied` ones; `last_answer_on` gives each unit's newest answer date."""
    _check_no_cycle([*applied.events, *events])
    by_code = {unit.code: unit for unit in units}
    closing: dict[str, Reorganisation] = {code: event for event in applied.events
                                          for code in event.predecessors}
    for event in events:
        _check_shape(event)
        _check_created(event, by_code)
        by_code.update({unit.code: unit for unit in event.created})
        for code in (*event.predecessors, *event.successors):
            _check_known(code, by_code)
        _check_predecessors(event, closing, last_answer_on or {})
        for code in event.predecessors:
            closing[code] = event
        for code in event.successors:
            _check_successor_open(event, by_code[code], closing)


def closed_units(units: Iterable[Unit], event: Reorganisation) -> tuple[Unit, ...]:
    """The predecessors as they are after the event: valid until the day before it."""
    closed = set(event.predecessors)
    return tuple(Unit(u.code, u.name, u.group, u.active, u.active_from, event.last_day)
                 for u in units if u.code in closed)


def created_units(event: Reorganisation) -> tuple[Unit, ...]:
    """The units the event creates, valid from its date."""
    return tuple(Unit(u.code, u.name, u.group, True, event.effective_on, None)
                 for u in event.created)


def _check_shape(event: Reorganisation) -> None:
    fewest_before, most_before, fewest_after, most_after = _SHAPES[event.kind]
    before, after = len(event.predecessors), len(event.successors)
    if not (_within(before, fewest_before, most_before)
            and _within(after, fewest_after, most_after)):
        raise InvalidReorganisation(kind=event.kind.value, predecessors=before, successors=after,
                                    reason=f"{event.kind.value} takes {fewest_before}-"
                                    f"{most_before or 'n'} units before and {fewest_after}-"
                                    f"{most_after or 'n'} after")
    if set(event.predecessors) & set(event.successors) or len(set(event.predecessors)) < before:
        raise ReorganisationCycle(codes=tuple(sorted(set(event.predecessors))),
                                  reason="a unit cannot take over itself")
    new = {unit.code for unit in event.created}
    if event.kind in (ReorganisationKind.MERGE, ReorganisationKind.RENAME) and not new:
        raise InvalidReorganisation(kind=event.kind.value, predecessors=before, successors=after,
                                    reason=f"{event.kind.value} creates its successor")
    if event.kind is ReorganisationKind.ABSORB and new:
        raise InvalidReorganisation(kind=event.kind.value, predecessors=before, successors=after,
                                    reason="absorb hands over to an existing unit")


def _within(count: int, fewest: int, most: int | None) -> bool:
    return count >= fewest and (most is None or count <= most)


def _check_created(event: Reorganisation, by_code: Mapping[str, Unit]) -> None:
    for unit in event.created:
        if unit.code in by_code:
            raise DuplicateCode(code=unit.code,
                                reason=f"the code {unit.code!r} is taken (codes are never reused)")
        if unit.code not in event.successors:
            raise InvalidReorganisation(kind=event.kind.value,
                                        predecessors=len(event.predecessors),
                                        successors=len(event.successors),
                                        reason=f"{unit.code!r} is created but is no successor")


def _check_known(code: str, by_code: Mapping[str, Unit]) -> None:
    if code not in by_code:
        raise UnknownUnit(code=code, suggestions=close_codes(code, by_code),
                          reason=f"no unit has the code {code!r}")


def _check_predecessors(event: Reorganisation, closing: Mapping[str, Reorganisation],
                        last_answer_on: Mapping[str, date]) -> None:
    for code in event.predecessors:
        earlier = closing.get(code)
        if earlier is not None and earlier.effective_on == event.effective_on:
            raise UnitReorganisedTwice(code=code, day=event.effective_on,
                                       reason=f"{code} is closed twice on one date")
        if earlier is not None:
            raise OverlappingReorganisation(code=code, first=earlier.effective_on,
                                            second=event.effective_on,
                                            reason=f"{code} was already closed")
        answered = last_answer_on.get(code)
        if answered is not None and answered >= event.effective_on:
            raise AnswersAfterReorganisation(code=code, day=event.effective_on, answered=answered,
                                             reason=f"{code} answered on {answered}")


def _check_successor_open(event: Reorganisation, unit: Unit,
                          closing: Mapping[str, Reorganisation]) -> None:
    closed_by = closing.get(unit.code)
    ended = unit.active_until is not None and unit.active_until < event.effective_on
    if ended or not unit.active or (closed_by is not None
                                    and closed_by.effective_on <= event.effective_on):
        raise SuccessorClosed(code=unit.code, name=unit.name, day=event.effective_on,
                              reason=f"{unit.code} is closed on {event.effective_on}")


def _check_no_cycle(events: Sequence[Reorganisation]) -> None:
    edges: dict[str, set[str]] = {}
    for event in events:
        for before in event.predecessors:
            edges.setdefault(before, set()).update(event.successors)
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(code: str, path: tuple[str, ...]) -> None:
        if code in done:
            return
        if code in visiting:
            raise ReorganisationCycle(codes=(*path[path.index(code):], code),
                                      reason="units take each other over")
        visiting.add(code)
        for successor in sorted(edges.get(code, ())):
            visit(successor, (*path, code))
        visiting.discard(code)
        done.add(code)

    for code in sorted(edges):
        visit(code, ())
