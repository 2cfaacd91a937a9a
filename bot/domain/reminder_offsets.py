"""A deadline's reminder offsets: how many working days before and after its due date.

Kept apart from `bot.domain.reminders` (which plans reminders for an occurrence) so that
`bot.domain.deadlines` can hold offsets without importing the planner that imports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.errors import InvalidEscalationOffsets, InvalidOffsets

# About one working year; a longer offset is a typing mistake.
MAX_OFFSET = 250


@dataclass(frozen=True, slots=True)
class ReminderOffsets:
    """A deadline's reminder offsets in working days (validated; stored in a canonical order).

    `before`: days before the effective due date (largest first); `on_due_day`: remind on its
    morning; `overdue`: days after it while a unit has not submitted (smallest first);
    `escalation`: the overdue offsets that also alert the provincial office.
    """

    before: tuple[int, ...] = (7, 3, 1)
    overdue: tuple[int, ...] = (1, 3, 7)
    escalation: tuple[int, ...] = (3, 7)
    on_due_day: bool = True

    def __post_init__(self) -> None:
        before = checked_offsets("before", self.before)
        overdue = checked_offsets("overdue", self.overdue)
        escalation = checked_offsets("escalation", self.escalation)
        stray = sorted(set(escalation) - set(overdue))
        if stray:
            raise InvalidEscalationOffsets(
                escalation=escalation, overdue=overdue,
                reason=f"escalation offsets {stray} are not overdue offsets",
            )
        object.__setattr__(self, "before", tuple(sorted(before, reverse=True)))
        object.__setattr__(self, "overdue", tuple(sorted(overdue)))
        object.__setattr__(self, "escalation", tuple(sorted(escalation)))


def checked_offsets(kind: str, values: Sequence[object]) -> tuple[int, ...]:
    """`values` as distinct whole numbers 1..MAX_OFFSET; raise InvalidOffsets naming the kind."""
    if isinstance(values, str | bytes):
        raise InvalidOffsets(kind=kind, offsets=values, maximum=MAX_OFFSET,
                             reason="expected a list of numbers of working days")
    offsets: list[int] = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int):
            reason = f"{value!r} is not a whole number of working days"
        elif not 1 <= value <= MAX_OFFSET:
            reason = f"{value} is not between 1 and {MAX_OFFSET}"
        elif value in offsets:
            reason = f"{value} is given twice"
        else:
            offsets.append(value)
            continue
        raise InvalidOffsets(kind=kind, offsets=tuple(values), maximum=MAX_OFFSET, reason=reason)
    return tuple(offsets)
