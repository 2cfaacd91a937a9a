"""Digests for the provincial office: one occurrence (or a few) on demand, or everything open."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from itertools import groupby

from sqlalchemy.orm import Session

from bot.domain.calendar import WorkingCalendar
from bot.domain.deadlines import Occurrence, find_deadline, occurrences
from bot.domain.digest_periods import pick_occurrences
from bot.domain.digests import (
    DUE_SOON,
    NAMES_SHOWN,
    OVERDUE_WINDOW,
    Digest,
    DigestScope,
    OccurrenceDigest,
    OccurrenceFigures,
    SilentUnit,
    StatusTally,
    UnitAnswer,
    is_open,
    open_candidates,
    summarize,
)
from bot.domain.statuses import ReportStatus
from bot.domain.units import UnitGroup
from bot.services.reminders import ReminderTiming
from db import calendar_days, reachability
from db import digests as figures_db
from db.digests import AnswerRow, UnitScope
from db.province_snapshot import ProvinceSnapshot, province_snapshot

# Units read per list (not sent, late, in progress, blocked, extension) and occurrence: no more
# than a digest names of one occurrence, all lists together; it counts the rest.
LIST_LIMIT = NAMES_SHOWN
# A due date moved by the calendar stays within this of its nominal date (Tết is the longest).
_MOVE_MARGIN = timedelta(days=15)


@dataclass(frozen=True, slots=True)
class DigestContext:
    """What every occurrence's figures need: the province (units, deadlines, ids by code),
    the calendar, the reader's day."""

    province: ProvinceSnapshot
    calendar: WorkingCalendar
    today: date
    tz: tzinfo
    list_limit: int

    @property
    def deadline_ids(self) -> Mapping[str, int]:
        return self.province.deadline_ids

    @property
    def unit_ids(self) -> Mapping[str, int]:
        return self.province.unit_ids


def occurrence_digest(session: Session, deadline_code: str, period: str | None, now: datetime,
                      timing: ReminderTiming, *, list_limit: int = LIST_LIMIT) -> Digest:
    """The digest of the occurrences of `deadline_code` that `period` names (a due date
    dd/mm/yyyy, a year, a period's name; None: the latest).

    Raise UnknownDeadline or UnknownOccurrence when nothing matches.
    """
    context = digest_context(session, now, timing, list_limit)
    deadline = find_deadline(context.province.deadlines, deadline_code)
    chosen = pick_occurrences(deadline, period, context.today, context.calendar, timing.policy)
    return Digest(context.today, DigestScope.SELECTED, digests_of(session, chosen, context))


def open_digest(session: Session, now: datetime, timing: ReminderTiming, *,
                list_limit: int = LIST_LIMIT) -> Digest:
    """Every occurrence still open: due within DUE_SOON, or overdue (for at most
    OVERDUE_WINDOW) with units that have not sent; by effective due date."""
    context = digest_context(session, now, timing, list_limit)
    candidates = open_candidates(
        (occurrence
         for deadline in context.province.deadlines
         for occurrence in occurrences(
             deadline, context.today - OVERDUE_WINDOW - _MOVE_MARGIN,
             context.today + DUE_SOON + _MOVE_MARGIN, context.calendar, timing.policy)),
        context.today)
    found = digests_of(session, candidates, context)
    return Digest(context.today, DigestScope.OPEN,
                  tuple(d for d in found if is_open(d, context.today)),
                  tuple(reachability.unreachable_chats(session)))


def digests_of(session: Session, chosen: Sequence[Occurrence], context: DigestContext
               ) -> tuple[OccurrenceDigest, ...]:
    """The digest of each occurrence, in the order given."""
    by_key: dict[str, OccurrenceDigest] = {}
    ordered = sorted(chosen, key=lambda o: (o.deadline_code, o.due_date))
    for _code, group in groupby(ordered, key=lambda o: o.deadline_code):
        by_key |= _digests_of_deadline(session, list(group), context)
    return tuple(by_key[o.key] for o in chosen)


def digest_context(session: Session, now: datetime, timing: ReminderTiming,
                   list_limit: int = LIST_LIMIT) -> DigestContext:
    """What digests_of needs, for a reader at `now` (for callers choosing occurrences)."""
    return DigestContext(province_snapshot(session), calendar_days.working_calendar(session),
                         now.astimezone(timing.tz).date(), timing.tz, list_limit)


def _digests_of_deadline(session: Session, chosen: list[Occurrence], context: DigestContext
                         ) -> dict[str, OccurrenceDigest]:
    """Steps: aggregate the tallies (per unit group), escalations and named answers of every
    due date at once; list the silent units of each occurrence that has some; summarize."""
    deadline_id = context.deadline_ids[chosen[0].deadline_code]
    scope = context.province.scope_of(chosen[0].units)
    dues = [o.due_date for o in chosen]
    tallies: dict[date, list[StatusTally]] = {}
    for row in figures_db.group_tallies(session, deadline_id, dues, scope):
        tallies.setdefault(row.due_date, []).append(StatusTally(
            ReportStatus(row.status), row.on_time, row.count, UnitGroup(row.unit_group)))
    answers: dict[date, list[UnitAnswer]] = {}
    for answer in figures_db.listed_answers(session, deadline_id, dues, scope,
                                            context.list_limit):
        answers.setdefault(answer.due_date, []).append(_answer(answer, context.tz))
    escalated = figures_db.escalated_counts(session, deadline_id, dues, scope)
    result = {}
    for occurrence in chosen:
        due_tallies = tuple(tallies.get(occurrence.due_date, ()))
        silent = _silent(session, deadline_id, occurrence, due_tallies, scope, context)
        figures = OccurrenceFigures(due_tallies, tuple(answers.get(occurrence.due_date, ())),
                                    silent, escalated.get(occurrence.due_date, 0),
                                    context.province.groups_of(occurrence.units))
        result[occurrence.key] = summarize(occurrence, figures, context.today, context.calendar)
    return result


def _silent(session: Session, deadline_id: int, occurrence: Occurrence,
            tallies: tuple[StatusTally, ...], scope: UnitScope, context: DigestContext
            ) -> tuple[SilentUnit, ...]:
    """The first units that have said nothing, with their heads (no query when none is)."""
    if sum(t.count for t in tallies) >= len(occurrence.units):
        return ()
    rows = figures_db.silent_units(session, deadline_id, occurrence.due_date, scope,
                                   context.list_limit)
    heads = figures_db.head_names(session, [row.unit_id for row in rows])
    return tuple(SilentUnit(row.unit_code, row.unit_name, tuple(heads.get(row.unit_id, ())),
                            row.escalated) for row in rows)


def _answer(row: AnswerRow, tz: tzinfo) -> UnitAnswer:
    return UnitAnswer(
        unit_code=row.unit_code, unit_name=row.unit_name, status=ReportStatus(row.status),
        on_time=row.on_time, sent_on=row.received_at.astimezone(tz).date(), note=row.note,
        proposal=row.proposal, wanted_date=row.wanted_date, escalated=row.escalated,
        granted_until=row.granted_until)
