"""Deadlines (what is due, from whom, to whom, on which legal basis) and their occurrences."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.domain.calendar import DueDatePolicy, WorkingCalendar
from bot.domain.dates import format_vn_date
from bot.domain.errors import InvalidDeadlineCode, OffsetBeyondPreviousOccurrence, UnknownDeadline
from bot.domain.periods import Period, PeriodSpec, period_of
from bot.domain.recurrence import Recurrence
from bot.domain.reminder_offsets import ReminderOffsets
from bot.domain.units import close_codes, fold_code

_DEADLINE_CODE = re.compile(r"[a-z][a-z0-9_]{1,31}")


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """Where a deadline comes from, e.g. Quyết định số 01/QĐ-UBND ngày 02/01/2020, mục 1.1.

    `document` is the document's number ('01/QĐ-UBND'), empty when the source does not give it;
    `kind` is its type ('Quyết định', 'Chỉ thị'); `issued_on` is None when the date is unknown.
    """

    document: str
    clause: str
    kind: str = ""
    issued_on: date | None = None
    issuer: str = ""
    title: str = ""

    def citation(self) -> str:
        """One line for messages, e.g. 'Quyết định số 01/QĐ-UBND ngày 02/01/2020 của UBND tỉnh,
        Tổ chức thực hiện, mục 1.1' (the title stands in for a missing number)."""
        parts = [self.kind] if self.kind else []
        parts += [f"số {self.document}"] if self.document else []
        parts += [f"ngày {format_vn_date(self.issued_on)}"] if self.issued_on else []
        parts += [f"của {self.issuer}"] if self.issuer else []
        if self.title and not self.document:
            parts.append(self.title[:1].lower() + self.title[1:])
        return ", ".join(filter(None, [" ".join(parts), self.clause]))


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who receives the reports: a unit (same code) or a person such as the Chairman."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class UnitSpan:
    """The units a deadline's selection names from `starts` until the next span."""

    starts: date
    units: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Handover:
    """A closed unit's report, due before its reorganisation and unanswered then: owed by
    `to_units` instead (carried), or by nobody (closed as "unit reorganised")."""

    due_date: date
    unit: str
    to_units: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Deadline:
    """A reporting obligation: its rule, the units that must report and who receives it.

    `units` holds resolved unit codes; `unit_selector` keeps how they were chosen (`all -bdt`)
    for display. An inactive deadline has no occurrences. Where units were reorganised,
    `unit_spans` holds the selection as of each change date (`units` is the newest), and
    `handovers` the reports of closed units that their successors owe instead
    (see `units_on`).
    """

    code: str
    title: str
    legal_basis: LegalBasis
    recipient: Recipient
    units: tuple[str, ...]
    rule: Recurrence
    period: PeriodSpec = field(default_factory=PeriodSpec)
    offsets: ReminderOffsets = field(default_factory=ReminderOffsets)
    unit_selector: str = ""
    active: bool = True
    earlier_rules: tuple[Recurrence, ...] = ()  # replaced rules, each ended before `rule` began
    unit_spans: tuple[UnitSpan, ...] = ()  # by start date; empty when no unit ever changed
    handovers: tuple[Handover, ...] = ()

    def __post_init__(self) -> None:
        check_deadline_code(self.code)
        object.__setattr__(self, "title", unicodedata.normalize("NFC", self.title.strip()))

    def units_on(self, due: date) -> tuple[str, ...]:
        """The units that owe the report due (nominally) on `due`: the selection as of that day,
        less the closed units whose report was handed over, plus the units it went to."""
        units = self.units
        for span in self.unit_spans:  # the first starts at date.min
            if span.starts <= due:
                units = span.units
        moved = [handover for handover in self.handovers if handover.due_date == due]
        if not moved:
            return units
        gone = {handover.unit for handover in moved}
        added = [code for handover in moved for code in handover.to_units]
        kept = [code for code in units if code not in gone]
        return (*kept, *(code for code in dict.fromkeys(added) if code not in kept))

    def due_dates_between(self, first: date, last: date) -> tuple[date, ...]:
        """The nominal due dates d with first <= d <= last, of the rule and the earlier ones."""
        if not self.earlier_rules:
            return self.rule.dates_between(first, last)
        found = {d for rule in (*self.earlier_rules, self.rule)
                 for d in rule.dates_between(first, last)}
        return tuple(sorted(found))

    def previous_due_date(self, before: date) -> date | None:
        """The last nominal due date strictly before `before`, of any of its rules."""
        found = [d for rule in (*self.earlier_rules, self.rule)
                 if (d := rule.previous_date(before)) is not None]
        return max(found, default=None)

    def next_due_date(self, after: date) -> date | None:
        """The first nominal due date strictly after `after` (the current rule's, once the
        earlier ones have ended)."""
        found = [d for rule in (*self.earlier_rules, self.rule)
                 if (d := rule.next_date(after)) is not None]
        return min(found, default=None)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One due date of a deadline: nominal (from the rule) and effective (after the policy)."""

    deadline_code: str
    title: str
    period: Period
    due_date: date
    effective_due_date: date
    units: tuple[str, ...]
    recipient: Recipient
    offsets: ReminderOffsets

    @property
    def key(self) -> str:
        """A stable identity, e.g. 'quy:2020-03-10' (deadline code and nominal due date)."""
        return f"{self.deadline_code}:{self.due_date.isoformat()}"


def check_deadline_code(code: str) -> str:
    """`code` if it is 2-32 lowercase ASCII letters, digits or '_' starting with a letter."""
    if not _DEADLINE_CODE.fullmatch(code):
        raise InvalidDeadlineCode(
            code=code, reason="use 2-32 lowercase letters a-z, digits or _, e.g. khnam_noidung")
    return code


def occurrences(
    deadline: Deadline,
    start: date,
    end: date,
    calendar: WorkingCalendar,
    policy: DueDatePolicy = DueDatePolicy.NEXT_WORKING_DAY,
) -> tuple[Occurrence, ...]:
    """The occurrences whose nominal due date d satisfies start <= d <= end, in order."""
    if not deadline.active:
        return ()
    return tuple(
        Occurrence(
            deadline_code=deadline.code,
            title=deadline.title,
            period=period_of(deadline.period, due),
            due_date=due,
            effective_due_date=calendar.effective_due_date(due, policy),
            units=deadline.units_on(due),
            recipient=deadline.recipient,
            offsets=deadline.offsets,
        )
        for due in deadline.due_dates_between(start, end)
    )


def check_offsets_fit(
    rule: Recurrence,
    offsets: ReminderOffsets,
    calendar: WorkingCalendar,
    policy: DueDatePolicy,
    *,
    start: date,
    end: date,
) -> None:
    """Raise OffsetBeyondPreviousOccurrence if, for a due date in [start, end], the earliest
    before-reminder would fall on or before the previous occurrence's effective due date."""
    if not offsets.before:
        return
    longest = max(offsets.before)
    dues = rule.dates_between(start, end)
    previous = rule.previous_date(dues[0]) if dues else None
    for due in dues:
        if previous is not None:
            effective = calendar.effective_due_date(due, policy)
            previous_effective = calendar.effective_due_date(previous, policy)
            reminder_day = calendar.add_working_days(effective, -longest)
            if reminder_day <= previous_effective:
                raise OffsetBeyondPreviousOccurrence(
                    offset=longest,
                    due_date=format_vn_date(effective),
                    reminder_date=format_vn_date(reminder_day),
                    previous_due_date=format_vn_date(previous_effective),
                    reason=f"{longest} working days before {format_vn_date(effective)} is "
                    f"{format_vn_date(reminder_day)}, not after the previous occurrence's due "
                    f"date {format_vn_date(previous_effective)}",
                )
        previous = due


def find_deadline(known: Sequence[Deadline], typed_code: str) -> Deadline:
    """The deadline with the code typed (diacritics and case folded); raise UnknownDeadline,
    with the closest codes, when none has it."""
    code = fold_code(typed_code)
    found = next((deadline for deadline in known if deadline.code == code), None)
    if found is None:
        raise UnknownDeadline(code=typed_code,
                              suggestions=close_codes(code, [d.code for d in known]),
                              reason=f"no deadline has the code {code!r}")
    return found
