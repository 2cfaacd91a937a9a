"""Who still has to register: the units without an officer or a head (for /units, the
dashboard), and the office's weekly note naming the units without an officer.

The note is recorded in `digest_sends` like the scheduled digests (subject 'registration', day
the Monday of its week) before it is sent: its unique key (subject, day, chat) lets one process
claim it once per chat and week, whichever worker or restart gets there first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.domain.errors import OfficePageOnly
from bot.domain.onboarding import (
    RegistrationGaps,
    UnitRegistration,
    registration_gaps,
    registration_note_week,
)
from bot.domain.roles import Role, require
from bot.services.people import Caller
from bot.services.reminders import ReminderTiming
from db import calendar_days, digest_sends, memberships, units

NOTE_SUBJECT = "registration"
_OVERVIEW_ROLES = frozenset({Role.OFFICE, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class NoteDelivery:
    """One claimed note: the units without an officer, to this chat (row `row_id`)."""

    row_id: int
    chat_id: int
    gaps: RegistrationGaps


def unit_gaps(session: Session, now: datetime, timing: ReminderTiming) -> RegistrationGaps:
    """The units followed today that lack an officer or a head (no role check: callers do)."""
    serving = memberships.serving_by_unit_code(session)
    every = [UnitRegistration(unit, *serving.get(unit.code, (0, 0)))
             for unit in units.all_units(session)]
    return registration_gaps(every, now.astimezone(timing.tz).date())


def registration_status(session: Session, actor: Caller, now: datetime,
                        timing: ReminderTiming) -> RegistrationGaps:
    """/units' registration figures and `/units unregistered` (admins)."""
    require(actor.roles, "units")
    return unit_gaps(session, now, timing)


def registration_overview(session: Session, actor: Caller, now: datetime,
                          timing: ReminderTiming) -> RegistrationGaps:
    """The dashboard's registration page: the office and admins only."""
    if not actor.roles & _OVERVIEW_ROLES:
        raise OfficePageOnly()
    return unit_gaps(session, now, timing)


def claim_registration_notes(session: Session, now: datetime,
                             timing: ReminderTiming) -> list[NoteDelivery]:
    """Claim this week's note for every office person not yet sent it, when it is due now and
    some followed unit has no officer; nothing otherwise (so the notes stop by themselves
    once every unit has one)."""
    week = registration_note_week(now.astimezone(timing.tz), timing.at,
                                  calendar_days.working_calendar(session))
    if week is None:
        return []
    waiting = digest_sends.unclaimed_chats(session, NOTE_SUBJECT, week,
                                           digest_sends.office_people_chat_ids(session))
    if not waiting:
        return []
    gaps = unit_gaps(session, now, timing)
    if not gaps.without_officer:
        return []
    return [NoteDelivery(row_id, chat_id, gaps)
            for row_id, chat_id in digest_sends.claim(session, NOTE_SUBJECT, week, waiting, now)]

