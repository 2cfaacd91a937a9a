"""A clock tests move by hand, standing in for bot.clock.system_clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

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
