"""When the bot may start one more message: a strict sliding window over its last messages.

Telegram allows a bot about 30 messages per second and does not say how it counts them. A token
bucket (aiolimiter, python-telegram-bot's AIORateLimiter) banks the capacity left unused and
spends it at once: 29 messages at once, then 29 more within the same second. Read strictly,
"30 per second" means that no one-second window may hold more than 30 messages, and that is
what this rule keeps: a message may start only while fewer than `limit` messages count within
the last `span` seconds, `span` being the window (1 s) plus a margin for the clocks of the bot
and of Telegram.

Telegram counts a message when it arrives: its start plus a delay on the way, which varies. A
message counts from its start until its answer comes; then from its start plus the excess of
its round trip over the fastest recent one (`RoundTrips`), since it may have been that much
later on its way. A message whose answer has not come yet may still be on its way, and holds
its place whatever its age.

After a 429 nobody sends until Telegram's `retry_after` has passed; then the window opens again
step by step instead of at once: a fifth of the limit in the first span, two fifths in the next,
and so on, the whole limit from the fifth span on.

A fan-out also spreads its messages evenly (`EvenSpacing`), one every `span` / `limit` seconds,
instead of starting a whole window's worth at once: a burst of requests queues on Telegram's side
(and in the bot's own connections), which delays them unevenly.

Times are plain seconds on one clock (a process's monotonic clock, or the database's), always
given by the caller.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

# Added to the one-second window: the clocks of the bot and of Telegram may drift apart, and
# even the fastest round trip may have been a little slower than the path's best.
DEFAULT_MARGIN_SECONDS = 0.02
RAMP_STEPS = 5  # after a 429, the limit comes back in this many spans
# Longer than any request to Telegram may take (python-telegram-bot's timeouts are 5 s to
# connect, to write and to read): an unanswered message older than this is forgotten.
MAX_REQUEST_SECONDS = 20.0
# How soon a window held full by unanswered messages older than the span looks again.
UNANSWERED_RECHECK_SECONDS = 0.02


@dataclass(frozen=True, slots=True)
class WindowRule:
    """At most `limit` messages counting within any `seconds` + `margin` seconds."""

    limit: int = 30
    seconds: float = 1.0
    margin: float = DEFAULT_MARGIN_SECONDS

    @classmethod
    def per_second(cls, rate: float, margin: float = DEFAULT_MARGIN_SECONDS) -> WindowRule:
        """At most `rate` messages in any one second: the whole number below it per second,
        or, under one per second, one per 1 / `rate` seconds."""
        if rate >= 1:
            return cls(math.floor(rate), 1.0, margin)
        return cls(1, 1.0 / rate, margin)

    @property
    def span(self) -> float:
        """The window the messages are counted in: its length plus the margin."""
        return self.seconds + self.margin

    @property
    def messages_per_second(self) -> float:
        """The most this rule lets through per second in the long run."""
        return self.limit / self.span

    def shared_by(self, processes: int) -> WindowRule:
        """One of `processes` equal shares of this rule (each counting only its own sends)."""
        return WindowRule.per_second(self.limit / self.seconds / processes, self.margin)

    def places(self, now: float, ramp_from: float | None) -> int:
        """How many messages the window may hold at `now`: the limit, or fewer while it opens
        again after a 429 (`ramp_from`: when the pause ended)."""
        if ramp_from is None or now >= ramp_from + RAMP_STEPS * self.span:
            return self.limit
        step = max(0, math.floor((now - ramp_from) / self.span)) + 1
        return max(1, math.ceil(self.limit * step / RAMP_STEPS))

    def next_step(self, now: float, ramp_from: float) -> float:
        """When the ramp after a 429 next lets more messages into the window."""
        steps_done = max(0, math.floor((now - ramp_from) / self.span)) + 1
        return ramp_from + steps_done * self.span


@dataclass(frozen=True, slots=True)
class Turn:
    """A window's answer to "may one more message start now?": the time it counts from, or
    how long to wait before asking again."""

    started: float | None
    wait: float = 0.0


@dataclass(slots=True)
class WindowState:
    """The bot's latest messages and the pause after the last 429.

    `counted`: the time each message counts from, oldest first: its start, moved later once its
    answer has come if its round trip took longer than the fastest (it may have been that much
    later reaching Telegram). `unanswered`: the starts of the messages still waiting for their
    answer; they count whatever their age, since they may not have reached Telegram yet (up to
    MAX_REQUEST_SECONDS: longer than any request may take, so a dead process's are forgotten).
    """

    counted: list[float] = field(default_factory=list)
    unanswered: list[float] = field(default_factory=list)
    paused_until: float | None = None
    ramp_from: float | None = None

    def wait(self, rule: WindowRule, now: float) -> float:
        """Seconds until one more message may start (0.0: it may start now)."""
        if self.paused_until is not None and now < self.paused_until:
            return self.paused_until - now
        places = rule.places(now, self.ramp_from)
        holding = self._holding(rule, now)
        if len(holding) < places:
            return 0.0
        wait = holding[-places] + rule.span - now
        if places < rule.limit and self.ramp_from is not None:
            wait = min(wait, rule.next_step(now, self.ramp_from) - now)
        return max(wait, 1e-6)  # never 0.0 when the window is full, whatever the rounding

    def start(self, rule: WindowRule, now: float) -> Turn:
        """Count a message starting at `now` if the window has room (its start, unique, is
        the key to `answered`); else count nothing and say how long to wait."""
        wait = self.wait(rule, now)
        if wait > 0:
            return Turn(None, wait)
        started = now
        while started in self.unanswered:
            started += 1e-6
        self._forget_before(rule, now)
        self.counted = sorted([*self.counted, started])
        self.unanswered.append(started)
        return Turn(started)

    def answered(self, started: float, excess: float) -> None:
        """The message that started at `started` got its answer (or failed) after a round
        trip `excess` seconds longer than the fastest: it counts from `started` + `excess`."""
        if started not in self.unanswered:
            return  # forgotten meanwhile
        self.unanswered.remove(started)
        if started in self.counted:
            self.counted.remove(started)
            self.counted = sorted([*self.counted, started + max(excess, 0.0)])

    def pause(self, now: float, seconds: float) -> None:
        """Telegram answered 429 with `retry_after` = `seconds`: nobody starts before then, and
        the window opens again step by step from then on."""
        until = now + seconds
        self.paused_until = until if self.paused_until is None else max(self.paused_until, until)
        self.ramp_from = self.paused_until

    def _holding(self, rule: WindowRule, now: float) -> list[float]:
        """When each message holding a place at `now` counts from, oldest first. A time later
        than `now` (a clock set back) counts as `now`, so nothing is frozen; an unanswered
        message older than the span counts as just leaving, so the window looks again soon."""
        recent = [min(at, now) for at in self.counted if at > now - rule.span]
        late = [now - rule.span + UNANSWERED_RECHECK_SECONDS for at in self.unanswered
                if now - MAX_REQUEST_SECONDS < at <= now - rule.span and at in self.counted]
        return sorted(late + recent)

    def _forget_before(self, rule: WindowRule, now: float) -> None:
        """Drop what no longer counts: answered messages older than the span, unanswered ones
        older than any request may take."""
        self.unanswered = [at for at in self.unanswered if at > now - MAX_REQUEST_SECONDS]
        self.counted = [at for at in self.counted
                        if at > now - rule.span or at in self.unanswered]


@dataclass(slots=True)
class EvenSpacing:
    """One start every `interval` seconds on a fixed schedule (GCRA's "theoretical arrival
    time"): a start late by less than `tolerance` does not shift the schedule, so the starts
    after it catch up; at most 1 + `tolerance` / `interval` start at once after a pause."""

    interval: float
    tolerance: float
    scheduled: float | None = None  # when the next start is due on the schedule

    @classmethod
    def for_rule(cls, rule: WindowRule, at_once: int = 3) -> EvenSpacing:
        """`rule`'s limit spread over its span, at most `at_once` starting together."""
        interval = rule.span / rule.limit
        return cls(interval, (at_once - 1) * interval)

    def wait(self, now: float) -> float:
        """Seconds until the next start may go (0.0: now)."""
        if self.scheduled is None:
            return 0.0
        return max(self.scheduled - self.tolerance - now, 0.0)

    def start(self, now: float) -> None:
        """Count a start at `now` (after `wait` said 0.0)."""
        due = now if self.scheduled is None else max(self.scheduled, now)
        self.scheduled = due + self.interval


class RoundTrips:
    """The latest round trips to Telegram (request to answer), to tell how much later than the
    fastest one a message may have reached it.

    The first few say little about the fastest: they are the slowest (new connections), and
    one alone is its own fastest. Until `warm_up` are known, a message counts from its answer
    (the latest it can have reached Telegram)."""

    def __init__(self, keep: int = 100, warm_up: int = 5) -> None:
        self._latest: deque[float] = deque(maxlen=keep)
        self._warm_up = warm_up

    def excess(self, seconds: float) -> float:
        """Record one round trip; return how much longer it took than the fastest of the
        latest (while warming up, all of it)."""
        self._latest.append(seconds)
        if len(self._latest) <= self._warm_up:
            return seconds
        return seconds - min(self._latest)
