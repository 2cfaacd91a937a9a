"""How many reminder sends to keep in flight: enough for the bot-wide rate over the measured
round trip to Telegram, and no more (each one in flight may arrive twice if the process dies).

One send holds its place from the moment its request leaves until its result is recorded (the
wait for the bot-wide rate does not count: it would feed on itself). To send `rate` messages
per second when that takes `cycle` seconds, about `rate × cycle` sends must be in flight.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class InFlightTarget:
    """The number of sends to keep in flight, from a smoothed measure of their cycle time."""

    rate: float  # messages per second wanted
    max_in_flight: int
    headroom: float = 1.25  # a little more than the mean, for the cycles slower than average
    smoothing: float = 0.1  # the weight of each new measure (exponential moving average)
    smoothed_cycle: float | None = None  # seconds; None before the first measure

    def observe(self, cycle: float) -> None:
        """One send's cycle: seconds from its request leaving to its result recorded."""
        if self.smoothed_cycle is None:
            self.smoothed_cycle = cycle
        else:
            self.smoothed_cycle += self.smoothing * (cycle - self.smoothed_cycle)

    @property
    def target(self) -> int:
        """One until something is measured; then rate × cycle × headroom, rounded up, within
        [1, max_in_flight]."""
        if self.smoothed_cycle is None:
            return 1
        wanted = math.ceil(self.rate * self.smoothed_cycle * self.headroom)
        return max(1, min(wanted, self.max_in_flight))


class SendSlots:
    """Places for sends in flight, as many as `limit()` says at each moment."""

    def __init__(self, limit: Callable[[], int]) -> None:
        self._limit = limit
        self._taken = 0
        self._changed = asyncio.Condition()
        self.most_taken = 0  # the highest number in flight at once

    async def take(self) -> None:
        async with self._changed:
            await self._changed.wait_for(lambda: self._taken < self._limit())
            self._taken += 1
            self.most_taken = max(self.most_taken, self._taken)

    async def all_given_back(self) -> None:
        async with self._changed:
            await self._changed.wait_for(lambda: self._taken == 0)

    @property
    def taken(self) -> int:
        return self._taken

    async def give_back(self) -> None:
        async with self._changed:
            self._taken -= 1
            self._changed.notify_all()
