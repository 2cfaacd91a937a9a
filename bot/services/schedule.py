"""The reporting calendar as stored: occurrences and reminder plans for a span of time."""

from __future__ import annotations

from datetime import time, tzinfo

from sqlalchemy.orm import Session

from bot.domain.calendar import DueDatePolicy
from bot.domain.schedule import ScheduledOccurrence, schedule_for_year
from bot.domain.units import Unit
from db import calendar_days, units
from db.province_snapshot import province_snapshot


def year_schedule(session: Session, year: int, *, policy: DueDatePolicy, at: time,
                  tz: tzinfo) -> tuple[ScheduledOccurrence, ...]:
    """Every active deadline's occurrences due in `year`, with reminders, by due date."""
    return schedule_for_year(province_snapshot(session).deadlines, year,
                             calendar_days.working_calendar(session), policy=policy, at=at, tz=tz)


def unit_list(session: Session) -> tuple[Unit, ...]:
    """Every unit, active or not."""
    return units.all_units(session)
