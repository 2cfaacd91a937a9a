"""Loading the province's default units, deadlines and calendar days into the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.domain.province import Province
from db import calendar_days, deadlines, units
from db.calendar_days import DayKind


@dataclass(frozen=True, slots=True)
class SeedReport:
    """What a load added; all empty when everything was already there."""

    units: tuple[str, ...]
    deadlines: tuple[str, ...]
    calendar_days: int

    @property
    def changed(self) -> bool:
        return bool(self.units or self.deadlines or self.calendar_days)


def seed_province(session: Session, province: Province, now: datetime) -> SeedReport:
    """Add what the province data has and the database lacks; never change what is stored.

    Matching is by code (units, deadlines) and by date (calendar days), so an admin's later
    edits, pauses and deletions survive every restart.
    """
    known_units = units.existing_codes(session)
    new_units = [unit for unit in province.units if unit.code not in known_units]
    for unit in new_units:
        units.add_unit(session, unit, now)
    known_deadlines = deadlines.existing_codes(session)
    new_deadlines = [d for d in province.deadlines if d.code not in known_deadlines]
    for deadline in new_deadlines:
        deadlines.add_deadline(session, deadline, now)
    known_days = calendar_days.existing_days(session)
    shipped: list[tuple[date, DayKind, str]] = [
        *((day, "day_off", name) for day, name in province.extra_days_off),
        *((day, "working_day", name) for day, name in province.extra_working_days),
    ]
    new_days = [entry for entry in shipped if entry[0] not in known_days]
    for day, kind, name in new_days:
        calendar_days.add_day(session, day, kind, name, now)
    return SeedReport(tuple(u.code for u in new_units), tuple(d.code for d in new_deadlines),
                      len(new_days))
