"""The provincial office's digest: where every unit stands for each report occurrence.

Pure: it works on figures the database has already aggregated (counts of the latest status per
unit, and short capped lists of the units worth naming), never on every status row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.calendar import WorkingCalendar
from bot.domain.deadlines import Occurrence
from bot.domain.delivery import UnreachableChat, working_days_left
from bot.domain.statuses import ReportStatus, Standing, days_late, standing, unit_due_date
from bot.domain.units import UnitGroup

# The rolling digest shows what falls due within this many calendar days…
DUE_SOON = timedelta(days=7)
# …and overdue occurrences with units still missing, for at most this long after the due date
# (older ones are asked for by name: /digest <code> <period>).
OVERDUE_WINDOW = timedelta(days=92)
# The order in which the digest counts standings (the officials' order).
STANDING_ORDER: tuple[Standing, ...] = (
    Standing.SENT_ON_TIME, Standing.SENT_LATE, Standing.IN_PROGRESS, Standing.BLOCKED,
    Standing.EXTENSION, Standing.NOT_SENT, Standing.OVERDUE,
)
_SENT = frozenset({Standing.SENT_ON_TIME, Standing.SENT_LATE})
# Units a digest names per occurrence, all its lists together: every unit of a province of
# Trà Vinh's size (38), and about a phone screen or two in a bigger one, whose other units the
# counts per group and the dashboard's page of the report stand for.
NAMES_SHOWN = 40


class OccurrenceState(StrEnum):
    """Where an occurrence stands in time, as the digest's heading says it."""

    UPCOMING = "upcoming"  # còn N ngày làm việc
    DUE_TODAY = "due_today"  # hạn hôm nay
    OVERDUE = "overdue"  # past its due date, units still missing
    COMPLETE = "complete"  # past its due date, every unit has sent


@dataclass(frozen=True, slots=True)
class StatusTally:
    """One row of the aggregation: how many units' latest answer is `status` (and `on_time`),
    among the units of `group` (None: not counted by group)."""

    status: ReportStatus
    on_time: bool | None
    count: int
    group: UnitGroup | None = None


@dataclass(frozen=True, slots=True)
class GroupCounts:
    """One group of units in an occurrence (Sở, ban, ngành; UBND cấp xã…): how many must
    report and how many stand where, with every standing of STANDING_ORDER."""

    group: UnitGroup
    expected: int
    counts: dict[Standing, int]


@dataclass(frozen=True, slots=True)
class UnitAnswer:
    """A unit's latest answer, for the lists (late, in progress, blocked, extension).

    `note` is the difficulty (blocked) or the reason (extension); `sent_on` the local date the
    answer was received.
    """

    unit_code: str
    unit_name: str
    status: ReportStatus
    on_time: bool | None
    sent_on: date
    note: str = ""
    proposal: str = ""
    wanted_date: date | None = None
    escalated: bool = False
    granted_until: date | None = None  # the latest extension the office approved


@dataclass(frozen=True, slots=True)
class SilentUnit:
    """A unit that has said nothing yet, with its heads (lãnh đạo) for the follow-up."""

    unit_code: str
    unit_name: str
    heads: tuple[str, ...] = ()
    escalated: bool = False


@dataclass(frozen=True, slots=True)
class OccurrenceFigures:
    """What the database aggregated for one occurrence.

    `answers` and `silent` are capped lists (the first units by the order units were added);
    `escalated` counts the units whose escalation reminder was sent; `expected_by_group`, when
    given (see expected_by_group()), how many units of each group must report, for the counts
    per group (the tallies then carry their group).
    """

    tallies: tuple[StatusTally, ...] = ()
    answers: tuple[UnitAnswer, ...] = ()
    silent: tuple[SilentUnit, ...] = ()
    escalated: int = 0
    expected_by_group: tuple[tuple[UnitGroup, int], ...] = ()


@dataclass(frozen=True, slots=True)
class LateUnit:
    """A unit that sent its report late, and by how many working days ('chậm N ngày')."""

    unit_code: str
    unit_name: str
    days_late: int  # working days; 0 when sent on a day off just after the due date
    sent_on: date
    escalated: bool = False


@dataclass(frozen=True, slots=True)
class OccurrenceDigest:
    """One report occurrence in the digest: counts by standing and the units worth naming.

    `counts` has every standing of STANDING_ORDER; the lists may be shorter than their counts
    (capped), the renderer says how many more there are. `groups`: the same counts per group of
    units, in the province's order (empty when the figures had none).
    """

    occurrence: Occurrence
    state: OccurrenceState
    working_days_left: int  # negative: working days overdue
    counts: dict[Standing, int]
    silent: tuple[SilentUnit, ...]
    late: tuple[LateUnit, ...]
    in_progress: tuple[UnitAnswer, ...]
    blocked: tuple[UnitAnswer, ...]
    extensions: tuple[UnitAnswer, ...]
    escalated: int
    groups: tuple[GroupCounts, ...] = ()

    @property
    def expected(self) -> int:
        """How many units must send this report."""
        return len(self.occurrence.units)

    @property
    def missing(self) -> int:
        """Units that have not sent (silent, in progress, blocked or asking for more time)."""
        return sum(n for standing_, n in self.counts.items() if standing_ not in _SENT)

    @property
    def not_sent(self) -> int:
        """Units that have said nothing (before or after the due date)."""
        return self.counts[Standing.NOT_SENT] + self.counts[Standing.OVERDUE]


class DigestScope(StrEnum):
    """What a digest covers."""

    OPEN = "open"  # every occurrence still open (/digest, the weekly digest)
    SELECTED = "selected"  # the occurrences asked for (/digest <code> [period], after a due date)


@dataclass(frozen=True, slots=True)
class Digest:
    """A digest as of `today`: occurrence digests by effective due date."""

    today: date
    scope: DigestScope
    occurrences: tuple[OccurrenceDigest, ...]
    # Reminders cannot reach these (blocked the bot, bot removed from the group): the office
    # and admins should contact them another way.
    unreachable: tuple[UnreachableChat, ...] = ()


def summarize(occurrence: Occurrence, figures: OccurrenceFigures, today: date,
              calendar: WorkingCalendar) -> OccurrenceDigest:
    """The digest of one occurrence on `today` from its aggregated figures."""
    due = occurrence.effective_due_date
    counts = standing_counts(figures.tallies, len(occurrence.units), today, due)
    missing = sum(n for standing_, n in counts.items() if standing_ not in _SENT)
    answers = figures.answers
    return OccurrenceDigest(
        occurrence=occurrence,
        state=occurrence_state(today, due, missing=missing > 0),
        working_days_left=working_days_left(today, due, calendar),
        counts=counts,
        silent=figures.silent,
        late=tuple(LateUnit(a.unit_code, a.unit_name,
                            days_late(a.sent_on, unit_due_date(due, a.granted_until), calendar),
                            a.sent_on, a.escalated)
                   for a in answers if a.status is ReportStatus.SUBMITTED and not a.on_time),
        in_progress=_with_status(answers, ReportStatus.IN_PROGRESS),
        blocked=_with_status(answers, ReportStatus.BLOCKED),
        extensions=_with_status(answers, ReportStatus.EXTENSION),
        escalated=figures.escalated,
        groups=group_counts(figures.tallies, figures.expected_by_group, today, due),
    )


def expected_by_group(unit_codes: Iterable[str], group_of: Mapping[str, UnitGroup]
                      ) -> tuple[tuple[UnitGroup, int], ...]:
    """How many of `unit_codes` belong to each group, the groups in the order the codes
    first name them (a deadline's units are in the province's order)."""
    return tuple(Counter(group_of[code] for code in unit_codes).items())


def group_counts(tallies: Iterable[StatusTally], expected: Iterable[tuple[UnitGroup, int]],
                 today: date, effective_due_date: date) -> tuple[GroupCounts, ...]:
    """Units per standing in each group: its tallies, the rest of its units silent."""
    by_group: dict[UnitGroup, list[StatusTally]] = {}
    for tally in tallies:
        if tally.group is not None:
            by_group.setdefault(tally.group, []).append(tally)
    return tuple(GroupCounts(group, count, standing_counts(by_group.get(group, ()), count, today,
                                                           effective_due_date))
                 for group, count in expected)


def standing_counts(tallies: Iterable[StatusTally], expected: int, today: date,
                    effective_due_date: date) -> dict[Standing, int]:
    """Units per standing: the tallies of latest answers, the rest silent (not sent, or overdue
    once the effective due date has passed)."""
    counts = dict.fromkeys(STANDING_ORDER, 0)
    answered = 0
    for tally in tallies:
        counts[standing(tally.status, tally.on_time, today, effective_due_date)] += tally.count
        answered += tally.count
    counts[standing(None, None, today, effective_due_date)] += max(expected - answered, 0)
    return counts


def occurrence_state(today: date, effective_due_date: date, *, missing: bool) -> OccurrenceState:
    """Upcoming, due today, overdue (units missing) or complete."""
    if today < effective_due_date:
        return OccurrenceState.UPCOMING
    if today == effective_due_date:
        return OccurrenceState.DUE_TODAY
    return OccurrenceState.OVERDUE if missing else OccurrenceState.COMPLETE


def is_open(digest: OccurrenceDigest, today: date) -> bool:
    """Open: due within DUE_SOON, or overdue (for at most OVERDUE_WINDOW) with units missing."""
    due = digest.occurrence.effective_due_date
    if today <= due:
        return due <= today + DUE_SOON
    return digest.state is OccurrenceState.OVERDUE and today - due <= OVERDUE_WINDOW


def open_candidates(occurrences: Iterable[Occurrence], today: date) -> tuple[Occurrence, ...]:
    """The occurrences that can be open on `today` (by date alone), by effective due date."""
    found = [o for o in occurrences
             if today - OVERDUE_WINDOW <= o.effective_due_date <= today + DUE_SOON]
    return tuple(sorted(found, key=lambda o: (o.effective_due_date, o.deadline_code)))


def _with_status(answers: Iterable[UnitAnswer], status: ReportStatus) -> tuple[UnitAnswer, ...]:
    return tuple(answer for answer in answers if answer.status is status)
