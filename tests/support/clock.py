"""Clocks standing in for bot.clock.system_clock: one tests move by hand, one that runs."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import system_clock

TRA_VINH = ZoneInfo("Asia/Ho_Chi_Minh")


def local(year: int, month: int, day: int, hour: int = 8, minute: int = 0) -> datetime:
    """An aware datetime in Trà Vinh's time zone."""
    return datetime(year, month, day, hour, minute, tzinfo=TRA_VINH)


class SimulatedClock:
    """Returns the time it was last set to: `clock.set(local(2020, 1, 9))`, `clock.advance(...)`."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment

    def advance(self, delta: timedelta) -> None:
        self.now += delta


class ShiftedClock:
    """Real time moved to begin at `start`: it runs like the system clock, but on a day the
    test chose instead of whatever day the suite happens to run."""

    def __init__(self, start: datetime) -> None:
        self.offset = start - system_clock()

    def __call__(self) -> datetime:
        return system_clock() + self.offset


# Wednesday 12/08/2026, 09:00: weeks away from every due date of the province's deadlines
# (10/06 and 10/09 the nearest), so none of their reminders or digests can fire in a test
# that does not ask for one.
QUIET_MOMENT = local(2026, 8, 12, 9)
