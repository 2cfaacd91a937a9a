"""Injected failures: HTTP errors, requests that hang, dropped connections, and outages.

A fault is decided before the request is applied (unless ``applied=True``, which applies the
request first and then fails the answer: the "did it go out?" case that makes naive retries
send duplicates). Kinds:

* an HTTP status (500, 502, 503, 504, 429, 400, 403…): a Telegram-like error body;
  429 carries ``parameters.retry_after``.
* ``"timeout"``: the server holds the request ``delay`` seconds, then closes without answering;
  the client's read timeout decides when it gives up (PTB raises ``TimedOut``).
* ``"drop"``: the connection is closed with no complete answer (PTB raises ``NetworkError``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Literal

import httpx

from tests.fake_telegram.params import ApiError
from tests.fake_telegram.ratelimit import Clock

FaultKind = int | Literal["timeout", "drop"]
ANY_METHOD = "*"
DEFAULT_HOLD_SECONDS = 30.0


class DroppedConnection(httpx.RemoteProtocolError):
    """Raised by the app to cut a connection.

    Under uvicorn the response has started, so uvicorn closes the socket and the client sees a
    truncated answer. Under ``httpx.ASGITransport`` the exception itself reaches the client,
    and since it is an ``httpx.RemoteProtocolError`` it looks exactly like a real cut.
    """


@dataclass
class FaultRule:
    """One ``inject_failure`` instruction; ``fired`` counts the requests it failed."""

    method: str
    kind: FaultKind
    times: int | None = 1
    probability: float | None = None
    delay: float = DEFAULT_HOLD_SECONDS
    applied: bool = False
    retry_after: int = 1
    description: str | None = None
    fired: int = 0

    def matches(self, method: str) -> bool:
        """True for the rule's method (case-insensitive, like Telegram) or any for ``*``."""
        return self.method == ANY_METHOD or self.method.lower() == method.lower()

    @property
    def exhausted(self) -> bool:
        """True once it failed ``times`` requests."""
        return self.times is not None and self.fired >= self.times

    def to_api_error(self) -> ApiError:
        """The error answer for a status-code fault."""
        assert isinstance(self.kind, int)
        description = self.description or _default_description(self.kind)
        parameters = {"retry_after": self.retry_after} if self.kind == 429 else None
        return ApiError(self.kind, description, parameters)

    def label(self) -> str:
        """Short name for the calls log: ``502``, ``timeout``, ``drop``."""
        return str(self.kind)


def _default_description(status: int) -> str:
    if status == 429:
        return "Too Many Requests: retry after 1"
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    if status in (400, 403):
        return f"{phrase}: injected failure"
    return phrase


@dataclass
class Outage:
    """The whole API failing the same way until ``until`` (clock time) or until ended."""

    rule: FaultRule
    until: float | None


@dataclass
class FaultPlan:
    """All injected failures; ``pick`` decides the fault for each incoming request."""

    clock: Clock
    rng: random.Random = field(default_factory=lambda: random.Random(0))
    rules: list[FaultRule] = field(default_factory=list)
    outage: Outage | None = None
    outage_requests: int = 0

    def add(self, rule: FaultRule) -> FaultRule:
        """Register a rule; rules are tried in the order they were added."""
        if not (isinstance(rule.kind, int) or rule.kind in ("timeout", "drop")):
            raise ValueError(f"unknown fault kind {rule.kind!r}: an HTTP status, timeout or drop")
        if rule.probability is not None and not 0 <= rule.probability <= 1:
            raise ValueError("probability must be between 0 and 1")
        self.rules.append(rule)
        return rule

    def clear(self) -> None:
        """Forget every rule and end any outage."""
        self.rules.clear()
        self.outage = None

    def start_outage(self, kind: FaultKind, duration: float | None) -> None:
        """Fail every request with ``kind`` for ``duration`` clock seconds (None: until ended)."""
        until = None if duration is None else self.clock() + duration
        self.outage = Outage(FaultRule(ANY_METHOD, kind, times=None), until)

    def outage_active(self) -> bool:
        """True while an outage is in force."""
        if self.outage is None:
            return False
        if self.outage.until is not None and self.clock() >= self.outage.until:
            self.outage = None
            return False
        return True

    def pick(self, method: str) -> FaultRule | None:
        """The fault for this request, if any (and counts it as fired)."""
        if self.outage_active():
            assert self.outage is not None
            self.outage_requests += 1
            self.outage.rule.fired += 1
            return self.outage.rule
        for rule in self.rules:
            if rule.exhausted or not rule.matches(method):
                continue
            if rule.probability is not None and self.rng.random() >= rule.probability:
                continue
            rule.fired += 1
            return rule
        return None
