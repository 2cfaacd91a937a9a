"""When a deadline was paused: its occurrences due meanwhile were not asked of anyone, so they
count neither as missing nor as late."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class PauseSpan:
    """Paused from `first_day` until `resumed_on` (excluded), or still paused."""

    first_day: date
    resumed_on: date | None = None

    def covers(self, day: date) -> bool:
        return self.first_day <= day and (self.resumed_on is None or day < self.resumed_on)


def paused_on(spans: Iterable[PauseSpan], day: date) -> bool:
    return any(span.covers(day) for span in spans)


def pause_spans(created_on: date, changes: Sequence[tuple[date, bool]],
                paused_now: bool) -> tuple[PauseSpan, ...]:
    """The spans of a deadline created on `created_on`, from its pauses (True) and resumes
    (False) in order. A deadline whose first change is a resume, or paused with no change at
    all, was created paused."""
    created_paused = changes[0][1] is False if changes else paused_now
    spans: list[PauseSpan] = []
    paused_from: date | None = created_on if created_paused else None
    for day, pausing in changes:
        if pausing and paused_from is None:
            paused_from = day
        elif not pausing and paused_from is not None:
            spans.append(PauseSpan(paused_from, day))
            paused_from = None
    if paused_from is not None:
        spans.append(PauseSpan(paused_from))
    return tuple(spans)
