"""The ingest benchmark's load: updates posted to the webhooks, each timed until its row commits.

A closed loop: `concurrency` posters each post an update (round robin over the workers, HTTP/1.1
keep-alive), wait until the row it writes is committed, then post the next. The webhook answers
before handling (it only records the update id), so a poster waiting for the 200 alone would
pile updates up in the bot's queue and measure the queue's length, not the bot.

When a row is committed is seen from the outside: `CommitWatcher` polls `status_updates` for
rows with a higher id than the last it saw, every `poll_interval` seconds, and stamps each with
the time its query returned. A row is visible only once committed, so the stamp is never before
the commit and at most one poll (interval + query) after it: the latencies are upper bounds.
Every update writes exactly one row, by the officer who sent it, and an officer has at most one
update in flight (the plan goes round all officers), so the n-th new row of an officer is the
answer to their n-th update in flight. Send and commit times are both `time.monotonic()` of
this process.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import time
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
from sqlalchemy import Engine, func, select

from bot.web.asgi import SECRET_HEADER
from db.models import StatusUpdate


@dataclass
class LoadOutcome:
    """What the load saw, for the updates after the warm-up."""

    sent: list[float] = field(default_factory=list)  # monotonic send time of each committed one
    committed: list[float] = field(default_factory=list)  # and of its commit, same order
    lost: int = 0  # posted with 200 but no row seen within the timeout
    refused: Counter[int] = field(default_factory=Counter)  # HTTP status → posts not answered 200
    polls: int = 0
    unexpected_rows: int = 0  # rows nobody was waiting for

    @property
    def latencies(self) -> list[float]:
        return sorted(c - s for s, c in zip(self.sent, self.committed, strict=True))

    @property
    def updates_per_second(self) -> float:
        if len(self.committed) < 2:
            return 0.0
        return len(self.committed) / (max(self.committed) - min(self.sent))


class CommitWatcher:
    """Polls status_updates; resolves the oldest update in flight of each new row's author.

    Ids are taken at INSERT and rows become visible at COMMIT, so on PostgreSQL a higher id can
    show up first: every id at or below `_watermark` has been seen, the ones above it that were
    seen are in `_seen`, and each poll reads everything above the watermark. A gap left for
    longer than `gap_timeout` (an id taken by a transaction that rolled back) is given up.
    """

    def __init__(self, engine: Engine, poll_interval: float, gap_timeout: float = 30.0) -> None:
        self.engine = engine
        self.poll_interval = poll_interval
        self.gap_timeout = gap_timeout
        self.waiting: defaultdict[int, deque[asyncio.Future[float]]] = defaultdict(deque)
        self.polls = 0
        self.unexpected = 0
        with engine.connect() as connection:
            self._watermark = int(connection.scalar(
                select(func.coalesce(func.max(StatusUpdate.id), 0))) or 0)
        self._seen: set[int] = set()
        self._gap_since: float | None = None

    def expect(self, person_id: int) -> asyncio.Future[float]:
        """A future resolved with the time the person's next new row is seen."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[person_id].append(future)
        return future

    def forget(self, person_id: int, future: asyncio.Future[float]) -> None:
        self.waiting[person_id].remove(future)

    async def watch(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            rows = await asyncio.to_thread(self._rows_after, self._watermark)
            seen_at = time.monotonic()
            self.polls += 1
            for row_id, person_id in rows:
                if row_id not in self._seen:
                    self._seen.add(row_id)
                    self._resolve(person_id, seen_at)
            self._advance(seen_at)
            await asyncio.sleep(self.poll_interval)

    def _advance(self, now: float) -> None:
        while self._watermark + 1 in self._seen:
            self._watermark += 1
            self._seen.discard(self._watermark)
        if not self._seen:
            self._gap_since = None
        elif self._gap_since is None:
            self._gap_since = now
        elif now - self._gap_since > self.gap_timeout:
            self._watermark, self._gap_since = min(self._seen) - 1, None
            self._advance(now)

    def _resolve(self, person_id: int, seen_at: float) -> None:
        queue = self.waiting.get(person_id)
        while queue:
            future = queue.popleft()
            if not future.done():  # a timed-out one was cancelled
                future.set_result(seen_at)
                return
        self.unexpected += 1

    def _rows_after(self, after_id: int) -> list[tuple[int, int]]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(StatusUpdate.id, func.coalesce(StatusUpdate.person_id, 0))
                .where(StatusUpdate.id > after_id).order_by(StatusUpdate.id))
            return [(int(row_id), int(person_id)) for row_id, person_id in rows]


@dataclass(frozen=True)
class Load:
    """The updates to post and how."""

    webhook_urls: list[str]
    secret: str
    bodies: list[bytes]  # one JSON update each, in plan order
    authors: list[int]  # person id of each update's sender
    warmup: int  # the first `warmup` updates are not counted
    concurrency: int
    timeout: float = 30.0  # seconds to wait for an update's row


async def run_load(load: Load, watcher: CommitWatcher) -> LoadOutcome:
    """Post every update through `concurrency` posters; time the counted ones."""
    outcome = LoadOutcome()
    indices = iter(range(len(load.bodies)))
    stop = asyncio.Event()
    limits = httpx.Limits(max_connections=load.concurrency + len(load.webhook_urls),
                          max_keepalive_connections=load.concurrency + len(load.webhook_urls))
    async with httpx.AsyncClient(limits=limits, timeout=60, trust_env=False) as client:
        watching = asyncio.create_task(watcher.watch(stop))
        try:
            await asyncio.gather(*(_poster(client, load, indices, watcher, outcome)
                                   for _ in range(load.concurrency)))
        finally:
            stop.set()
            await watching
    outcome.polls, outcome.unexpected_rows = watcher.polls, watcher.unexpected
    return outcome


async def _poster(client: httpx.AsyncClient, load: Load, indices: Iterator[int],
                  watcher: CommitWatcher, outcome: LoadOutcome) -> None:
    """Post the next update, wait for its row, repeat until the updates run out."""
    headers = {SECRET_HEADER: load.secret, "Content-Type": "application/json"}
    for index in indices:
        author = load.authors[index]
        committed = watcher.expect(author)
        sent = time.monotonic()
        response = await client.post(load.webhook_urls[index % len(load.webhook_urls)],
                                     content=load.bodies[index], headers=headers)
        counted = index >= load.warmup
        if response.status_code != 200:
            watcher.forget(author, committed)
            if counted:
                outcome.refused[response.status_code] += 1
            continue
        try:
            seen_at = await asyncio.wait_for(committed, load.timeout)
        except TimeoutError:
            outcome.lost += counted
            continue
        if counted:
            outcome.sent.append(sent)
            outcome.committed.append(seen_at)


def percentile(ordered: list[float], share: float) -> float:
    """The value below which `share` of the sorted values lie (nearest rank)."""
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


def plan_rounds(officers: int, updates: int) -> Iterator[tuple[int, str]]:
    """(officer index, action) in posting order: round after round over every officer, so one
    officer's updates are `officers` apart. The actions cycle ("in progress" tap, reply to the
    reminder, "submitted" tap, reply) from one officer to the next, shifted by one each round,
    so every round has the mix and an officer never taps the answer already ticked."""
    actions = ("tap:p", "reply", "tap:s", "reply")
    for number in itertools.islice(itertools.count(), updates):
        officer, round_number = number % officers, number // officers
        yield officer, actions[(officer + round_number) % len(actions)]
