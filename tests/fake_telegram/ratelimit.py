"""Telegram's flood limits, as token buckets, and a clock tests can move by hand.

Why token buckets (in their GCRA form: one "theoretical arrival time" per key):

* Telegram describes its limits as a rate with short bursts tolerated; a bucket has exactly
  those two parameters, so ``burst`` is a first-class, configurable value.
* A sender pacing *at* the limit with a little jitter (the 30 msg/s fan-out benchmark) is
  accepted as long as the jitter fits in the burst, as on Telegram; a sliding window would
  refuse it as soon as two sends fall into the same window edge.
* O(1) time and one float per key: thousands of chats cost nothing.
* ``retry_after`` is exact: the time until the bucket holds one token again, rounded up to
  whole seconds (at least 1), which is what Telegram sends.

A bucket admits at most ``burst + rate × T`` sends in any interval of T seconds.

Telegram does not document its limit as a bucket, though, and a bot must also be safe under the
strict reading of "30 messages per second": no sliding one-second window may hold more than 30.
``RateLimits(global_model="window")`` (or ``RateLimits.strict()``) enforces the bot-wide limit
that way (``SlidingWindow``); the per-chat and per-group limits stay buckets.
"""

from __future__ import annotations

import math
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

Clock = Callable[[], float]

SCOPE_GLOBAL = "global"
SCOPE_PRIVATE_CHAT = "private chat"
SCOPE_GROUP = "group"

# How the bot-wide limit is counted: a token bucket (rate and burst) or a strict sliding window.
GlobalModel = Literal["bucket", "window"]


class ManualClock:
    """A monotonic clock that only moves when the test says so: ``clock.advance(1.5)``."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        if seconds < 0:
            raise ValueError("a monotonic clock does not go back")
        self.now += seconds


@dataclass(frozen=True)
class RateLimits:
    """The limits the fake enforces; defaults follow Telegram's FAQ.

    ``edits_count_globally``: edits (``editMessageText``/``Caption``/``ReplyMarkup``) take a
    token from the bot-wide bucket only. Telegram publishes no edit limit and is visibly more
    lenient with edits, but a bot editing in a tight loop does get 429s.

    ``global_model``: ``"bucket"`` (rate ``global_per_second``, burst ``global_burst``) or
    ``"window"``: at most ``global_per_second`` sends in any one-second window, no burst.
    """

    enabled: bool = True
    global_per_second: float = 30.0
    global_burst: int = 30
    private_per_second: float = 1.0
    private_burst: int = 3
    group_per_minute: float = 20.0
    group_burst: int = 20
    edits_count_globally: bool = True
    global_model: GlobalModel = "bucket"

    @classmethod
    def off(cls) -> RateLimits:
        """No limit at all (fast tests that do not care about pacing)."""
        return cls(enabled=False)

    @classmethod
    def strict(cls) -> RateLimits:
        """Telegram's limits with the bot-wide one read strictly: 30 in any one second."""
        return cls(global_model="window")


class Limit(Protocol):
    """One kind of flood limit, kept per key (the bot, a chat)."""

    def wait_time(self, key: object, now: float) -> float: ...

    def take(self, key: object, now: float) -> None: ...


class TokenBucket:
    """A token bucket per key in GCRA form: ``rate`` tokens per second, ``burst`` capacity."""

    def __init__(self, rate: float, burst: int) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("a bucket needs a positive rate and a burst of at least 1")
        self.interval = 1.0 / rate
        self.tolerance = (burst - 1) * self.interval
        self._theoretical_arrival: dict[object, float] = {}

    def wait_time(self, key: object, now: float) -> float:
        """Seconds until one send is allowed for ``key`` (0 when allowed now)."""
        arrival = max(self._theoretical_arrival.get(key, now), now)
        return max(arrival - self.tolerance - now, 0.0)

    def take(self, key: object, now: float) -> None:
        """Record one send for ``key`` (call only after ``wait_time`` returned 0)."""
        arrival = max(self._theoretical_arrival.get(key, now), now)
        self._theoretical_arrival[key] = arrival + self.interval


class SlidingWindow:
    """At most ``limit`` sends per key in any window of ``seconds``: a send at ``now`` is refused
    while ``limit`` sends fall in ``(now - seconds, now]``. Only the last ``limit`` sends of a
    key are kept."""

    def __init__(self, limit: int, seconds: float = 1.0) -> None:
        if limit < 1 or seconds <= 0:
            raise ValueError("a window needs a limit of at least 1 and a positive length")
        self.limit = limit
        self.seconds = seconds
        self._sends: dict[object, deque[float]] = {}

    def wait_time(self, key: object, now: float) -> float:
        """Seconds until the oldest of the last ``limit`` sends leaves the window (0: now)."""
        sends = self._sends.get(key)
        if sends is None or len(sends) < self.limit:
            return 0.0
        return max(sends[0] + self.seconds - now, 0.0)

    def take(self, key: object, now: float) -> None:
        """Record one send for ``key`` (call only after ``wait_time`` returned 0)."""
        self._sends.setdefault(key, deque(maxlen=self.limit)).append(now)


@dataclass(frozen=True)
class RateLimitHit:
    """One request answered 429."""

    method: str
    chat_id: int | None
    scope: str
    retry_after: int
    at: float


@dataclass
class RateLimiter:
    """Checks and records sends against the bot-wide limit (a bucket or a strict window) and the
    per-private-chat and per-group buckets."""

    limits: RateLimits = field(default_factory=RateLimits)
    clock: Clock = time.monotonic
    hits: list[RateLimitHit] = field(default_factory=list)
    hits_by_scope: Counter[str] = field(default_factory=Counter)
    # When each message the bot-wide limit counts was admitted (kept with the limits off too).
    counted_at: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.configure(self.limits)

    def configure(self, limits: RateLimits) -> None:
        """Apply new limits; every bucket starts full again."""
        self.limits = limits
        self._global: Limit = (
            SlidingWindow(math.floor(limits.global_per_second))
            if limits.global_model == "window"
            else TokenBucket(limits.global_per_second, limits.global_burst))
        self._private = TokenBucket(limits.private_per_second, limits.private_burst)
        self._group = TokenBucket(limits.group_per_minute / 60.0, limits.group_burst)

    @property
    def rejected_count(self) -> int:
        """How many requests were answered 429 by the limiter."""
        return len(self.hits)

    @property
    def busiest_second(self) -> int:
        """The most messages the bot-wide limit counted within any one second, ``(t - 1, t]``."""
        most, first = 0, 0
        for last, at in enumerate(self.counted_at):
            while at - self.counted_at[first] >= 1.0:
                first += 1
            most = max(most, last - first + 1)
        return most

    def _buckets(self, chat_id: int | None, chat_type: str | None, is_edit: bool) -> list[
        tuple[str, Limit, object]
    ]:
        buckets: list[tuple[str, Limit, object]] = [(SCOPE_GLOBAL, self._global, None)]
        if is_edit or chat_id is None:
            return buckets
        if chat_type == "private":
            buckets.append((SCOPE_PRIVATE_CHAT, self._private, chat_id))
        elif chat_type in ("group", "supergroup", "channel"):
            buckets.append((SCOPE_GROUP, self._group, chat_id))
        return buckets

    def check(
        self, method: str, chat_id: int | None, chat_type: str | None, *, is_edit: bool = False
    ) -> RateLimitHit | None:
        """The 429 this send deserves now, or None when every bucket allows it."""
        if not self.limits.enabled or (is_edit and not self.limits.edits_count_globally):
            return None
        now = self.clock()
        worst: tuple[float, str] | None = None
        for scope, bucket, key in self._buckets(chat_id, chat_type, is_edit):
            wait = bucket.wait_time(key, now)
            if wait > 0 and (worst is None or wait > worst[0]):
                worst = (wait, scope)
        if worst is None:
            return None
        # Rounding: 1e-9 keeps 1.0000000001 (float noise) from becoming 2 seconds.
        retry_after = max(1, math.ceil(worst[0] - 1e-9))
        hit = RateLimitHit(method, chat_id, worst[1], retry_after, now)
        self.hits.append(hit)
        self.hits_by_scope[hit.scope] += 1
        return hit

    def record(
        self, chat_id: int | None, chat_type: str | None, *, is_edit: bool = False
    ) -> None:
        """Take a token from every bucket this (successful) send belongs to."""
        if is_edit and not self.limits.edits_count_globally:
            return
        now = self.clock()
        self.counted_at.append(now)
        if not self.limits.enabled:
            return
        for _scope, bucket, key in self._buckets(chat_id, chat_type, is_edit):
            bucket.take(key, now)
