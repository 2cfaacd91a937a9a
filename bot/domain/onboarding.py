"""Onboarding a province at scale: invites for a whole group of units, and the office's weekly
note naming the units nobody has registered for yet.

A selection here is one group word (`all`, `departments`, `communes`, `districts`, `agencies`):
unit codes never equal these words, so `/invite communes` cannot be read as a unit's code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from bot.domain.calendar import WorkingCalendar
from bot.domain.digest_schedule import WeeklySlot, weekly_digest_day
from bot.domain.errors import WrongUsage
from bot.domain.units import GROUP_WORDS, Unit, fold_code

BulkRole = Literal["officer", "head"]
BULK_ROLES: tuple[BulkRole, ...] = ("officer", "head")
BULK_INVITE_USAGE = WrongUsage(
    usage="/invite all|departments|communes|districts|agencies [--role officer|head]",
    example="/invite communes --role head")
_ROLE_FLAG = "--role"


@dataclass(frozen=True, slots=True)
class BulkInviteRequest:
    """`/invite <group word> [--role officer|head]`: one invite per unit of the selection."""

    selection: str
    role: BulkRole = "officer"


def selection_word(typed: str) -> str | None:
    """The group word `typed` names (any case, with or without diacritics), else None."""
    word = fold_code(typed)
    return word if word in GROUP_WORDS else None


def parse_bulk_invite(words: Sequence[str]) -> BulkInviteRequest | None:
    """The bulk request in `/invite`'s words; None when the first word is no group word (the
    one-unit forms); raise WrongUsage for a group word with anything but `--role X`."""
    if not words:
        return None
    selection = selection_word(words[0])
    if selection is None:
        return None
    rest = [word.strip().lower() for word in words[1:]]
    if len(rest) == 1 and rest[0].startswith(f"{_ROLE_FLAG}="):
        rest = [_ROLE_FLAG, rest[0].removeprefix(f"{_ROLE_FLAG}=")]
    if not rest:
        return BulkInviteRequest(selection)
    if len(rest) == 2 and rest[0] == _ROLE_FLAG:
        role = next((role for role in BULK_ROLES if role == rest[1]), None)
        if role is not None:
            return BulkInviteRequest(selection, role)
    raise BULK_INVITE_USAGE


def is_followed_on(unit: Unit, day: date) -> bool:
    """True if `unit` reports on `day`: switched on, started, and not closed by a
    reorganisation (an event applied ahead of its date closes the unit already: its invites
    are refused)."""
    return unit.is_active_on(day) and unit.active_until is None


def units_to_invite(units: Sequence[Unit], selection: str, day: date) -> tuple[Unit, ...]:
    """The units of the group word `selection` followed on `day`, in the order given."""
    groups = GROUP_WORDS[selection]
    return tuple(unit for unit in units if unit.group in groups and is_followed_on(unit, day))


@dataclass(frozen=True, slots=True)
class UnitRegistration:
    """Who has registered for a unit: reporting officers (heads not counted) and heads."""

    unit: Unit
    officers: int
    heads: int

    @property
    def lacks_officer(self) -> bool:
        return self.officers == 0

    @property
    def lacks_head(self) -> bool:
        return self.heads == 0


@dataclass(frozen=True, slots=True)
class RegistrationGaps:
    """The units followed on `day` and those still missing an officer or a head (a unit may
    miss both), each list in the order of `units`."""

    day: date
    followed: int
    gaps: tuple[UnitRegistration, ...]

    @property
    def without_officer(self) -> tuple[UnitRegistration, ...]:
        return tuple(gap for gap in self.gaps if gap.lacks_officer)

    @property
    def without_head(self) -> tuple[UnitRegistration, ...]:
        return tuple(gap for gap in self.gaps if gap.lacks_head)


def registration_gaps(units: Sequence[UnitRegistration], day: date) -> RegistrationGaps:
    """Which of the units followed on `day` lack an officer or a head."""
    followed = [entry for entry in units if is_followed_on(entry.unit, day)]
    return RegistrationGaps(day, len(followed), tuple(
        entry for entry in followed if entry.lacks_officer or entry.lacks_head))


# The weekly note goes out on Mondays (or the first working day after a Monday off).
NOTE_WEEKDAY = 0


def registration_note_week(now: datetime, at: time, calendar: WorkingCalendar) -> date | None:
    """The Monday of the week whose registration note is due at `now` (local time), or None.

    Due on the week's Monday at `at`, or on the first working day after it when the Monday is
    off, from `at` to the end of that day; a day missed (the bot was down) is not made up. A
    week whose days are all off shares its note with the next week (the same first working
    day), so that day sends one note.
    """
    today = now.date()
    if now.time() < at:
        return None
    if weekly_digest_day(today, WeeklySlot(NOTE_WEEKDAY, at), calendar) != today:
        return None
    return today - timedelta(days=today.weekday())
