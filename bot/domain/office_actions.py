"""What the provincial office can do about one unit's report from a digest: approve the unit's
extension request, or send it an individual 'đôn đốc'. Pure: which units get a button."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.deadlines import Occurrence
from bot.domain.digests import OccurrenceDigest
from bot.domain.exports import UnitLine
from bot.domain.statuses import Standing

# Buttons under one digest message: more would not fit a phone screen. The rest are reached
# with the one-line commands the digest names.
MAX_BUTTONS_PER_MESSAGE = 8


class OfficeActionKind(StrEnum):
    """An office action, named after its command."""

    APPROVE_EXTENSION = "giahan"  # Duyệt gia hạn
    FOLLOW_UP = "dondoc"  # Đôn đốc


@dataclass(frozen=True, slots=True)
class OfficeAction:
    """One action on one unit's report (the occurrence: deadline code and nominal due date)."""

    kind: OfficeActionKind
    deadline_code: str
    due_date: date
    unit_code: str


def extension_pending(wanted_date: date | None, granted_until: date | None) -> bool:
    """A unit asking for more time still waits for the office, unless a date already granted
    reaches the date it asks for (a request without a date waits until something is granted)."""
    if granted_until is None:
        return True
    return wanted_date is not None and wanted_date > granted_until


def digest_actions(digest: OccurrenceDigest) -> tuple[OfficeAction, ...]:
    """Every button the occurrence could carry, most urgent first: the extension requests
    waiting for approval (with a date asked for), then the units that have not sent anything
    (in the digest's order)."""
    code, due = digest.occurrence.deadline_code, digest.occurrence.due_date
    approvals = [OfficeAction(OfficeActionKind.APPROVE_EXTENSION, code, due, answer.unit_code)
                 for answer in digest.extensions
                 if answer.wanted_date is not None
                 and extension_pending(answer.wanted_date, answer.granted_until)]
    follow_ups = [OfficeAction(OfficeActionKind.FOLLOW_UP, code, due, unit.unit_code)
                  for unit in digest.silent]
    return (*approvals, *follow_ups)


def line_actions(line: UnitLine, occurrence: Occurrence, today: date
                 ) -> tuple[OfficeActionKind, ...]:
    """What the dashboard offers on a unit's line of a report, as the digest's buttons do:
    approving an extension asked for with a date and still waiting, following up a unit that
    has not answered at all: overdue, or silent once the report's period has begun (a report
    of a later quarter is nobody's business yet)."""
    if line.standing is Standing.EXTENSION:
        waiting = line.wanted_date is not None and extension_pending(line.wanted_date,
                                                                     line.granted_until)
        return (OfficeActionKind.APPROVE_EXTENSION,) if waiting else ()
    started = occurrence.period.start is None or occurrence.period.start <= today
    if line.standing is Standing.OVERDUE or (line.standing is Standing.NOT_SENT and started):
        return (OfficeActionKind.FOLLOW_UP,)
    return ()
