"""The process's Prometheus metrics, in a registry of its own so tests never share counters.

Counters of what happens in this process (updates, duplicates, Telegram errors, handler time)
are kept as they happen; the reminder figures and the updates given up are read from the
database at each scrape, since the database, not this process, knows them (several processes
may send and take updates).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from telegram import Update
from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

from bot.clock import Clock
from bot.domain.delivery import SendOutcome
from bot.services.reminders import outbox_counts, outbox_lag
from bot.services.status_files import archive_failures
from bot.web.inbox import MAX_REPLAYS, given_up
from db.session import Database

# Handlers answer in tens of milliseconds; exports and charts take seconds.
HANDLER_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


def update_kind(update: Update) -> str:
    """The update's type as Telegram names it: `message`, `callback_query`, `my_chat_member`…"""
    for kind in Update.ALL_TYPES:
        if getattr(update, kind, None) is not None:
            return str(kind)
    return "other"


@dataclass(slots=True)
class StoredFigures:
    """What the database knows, as last read: reminder sends per state, the wait of the oldest
    due one, the updates given up and the attached files the archive could not keep."""

    counts: dict[str, int] = field(default_factory=dict)
    lag_seconds: float = 0.0
    updates_given_up: int = 0
    archive_failures: int = 0


class _StoredCollector(Collector):
    """Exposes the figures last read by `ServiceMetrics.render` (read off the event loop)."""

    def __init__(self) -> None:
        self.figures = StoredFigures()

    def collect(self) -> Iterator[Metric]:
        counts = self.figures.counts
        reminders = CounterMetricFamily("deadline_bot_reminders", "Reminder sends by outcome",
                                        labels=["outcome"])
        for outcome in (SendOutcome.SENT, SendOutcome.FAILED):
            reminders.add_metric([outcome.value], counts.get(outcome.value, 0))
        yield reminders
        yield GaugeMetricFamily("deadline_bot_reminders_pending", "Reminder sends not yet made",
                                value=counts.get(SendOutcome.PENDING.value, 0))
        yield GaugeMetricFamily("deadline_bot_outbox_lag_seconds",
                                "How long the oldest due reminder has been waiting",
                                value=self.figures.lag_seconds)
        yield GaugeMetricFamily("deadline_bot_updates_given_up",
                                "Updates acknowledged to Telegram, taken up "
                                f"{MAX_REPLAYS} times and never handled",
                                value=self.figures.updates_given_up)
        yield CounterMetricFamily("deadline_bot_archive_failures",
                                  "Attached files BOT_ARCHIVE_DIR could not keep a copy of",
                                  value=self.figures.archive_failures)


class ServiceMetrics:
    """Every metric of `/metrics`; `render()` gives the Prometheus text."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock
        self.registry = CollectorRegistry()
        self.updates = Counter("deadline_bot_updates", "Telegram updates handled, by kind",
                               ["kind"], registry=self.registry)
        self.duplicates = Counter("deadline_bot_update_duplicates",
                                  "Webhook deliveries of an update already received (ignored)",
                                  registry=self.registry)
        self.handler_seconds = Histogram("deadline_bot_handler_seconds",
                                         "Time the handlers took for one update",
                                         buckets=HANDLER_BUCKETS, registry=self.registry)
        self.telegram_errors = Counter(
            "deadline_bot_telegram_errors",
            "Bot API calls that failed, by HTTP status ('network' when no answer came)",
            ["code"], registry=self.registry)
        self._stored = _StoredCollector()
        self.registry.register(self._stored)

    def observe_update(self, update: Update, seconds: float) -> None:
        """Count a handled update and its handlers' time (an update processor listener)."""
        self.updates.labels(kind=update_kind(update)).inc()
        self.handler_seconds.observe(seconds)

    def count_telegram_error(self, code: str) -> None:
        self.telegram_errors.labels(code=code).inc()

    async def render(self) -> bytes:
        """Read the stored figures, then the Prometheus exposition of every metric."""
        now = self._clock()
        figures = await self._database.run(lambda session: StoredFigures(
            outbox_counts(session), outbox_lag(session, now).total_seconds(),
            given_up(session, now), archive_failures(session)))
        self._stored.figures = figures
        return generate_latest(self.registry)


class CountingRequest(BaseRequest):
    """Makes Bot API calls through `inner`, telling `on_error` the status of each failed one.

    Counting at the HTTP level sees every failure (replies, reminders, digests, menus) whatever
    the caller then does with the exception.
    """

    def __init__(self, inner: BaseRequest, on_error: Callable[[str], None]) -> None:
        self._inner = inner
        self._on_error = on_error

    @property
    def read_timeout(self) -> float | None:
        return self._inner.read_timeout

    async def initialize(self) -> None:
        await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._inner.shutdown()

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = BaseRequest.DEFAULT_NONE,
                         write_timeout: Any = BaseRequest.DEFAULT_NONE,
                         connect_timeout: Any = BaseRequest.DEFAULT_NONE,
                         pool_timeout: Any = BaseRequest.DEFAULT_NONE) -> tuple[int, bytes]:
        try:
            # The inner request's own do_request: `post` would decode and raise a second time.
            code, payload = await self._inner.do_request(
                url, method, request_data, read_timeout=read_timeout,
                write_timeout=write_timeout, connect_timeout=connect_timeout,
                pool_timeout=pool_timeout)
        except NetworkError:  # timeouts and cut connections: no status to report
            self._on_error("network")
            raise
        if code >= 400:
            self._on_error(str(code))
        return code, payload
