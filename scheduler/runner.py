"""APScheduler wiring (through PTB's JobQueue): plan the outbox, wake the sender on time.

The database is the truth; APScheduler only decides *when* to look at it. Jobs:
- a planning pass on start and every REPLAN_INTERVAL (and at once after a change);
- one-off wake-ups at the next distinct times at which reminders fall due, computed from the
  injected clock (so a simulated clock in tests and the real one in production behave alike);
- a safety tick every SAFETY_TICK that sends whatever is due (retries, missed wake-ups) and
  returns sends claimed by a sender that died.
With several workers on PostgreSQL only the leader (scheduler.leader) sends and ticks; the others
still plan after a change made through them, and the leader sends it at its next tick. A process
that becomes leader, if sends are claimed, waits the election's handover delay (its predecessor
has stopped sending by then) and hands them back; then it plans and sends.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from loguru import logger
from telegram.ext import JobQueue

from bot.clock import Clock
from bot.send_pace import SendPace, send_pace_for
from bot.services import reminders
from bot.services.reminders import PlanReport, ReminderTiming
from db.session import Database
from scheduler.background import BackgroundTasks, wake_at
from scheduler.leader import AlwaysLeader, Leadership
from scheduler.notices import NoticeSender
from scheduler.sender import OutboxSender, Pacing, SendReport

if TYPE_CHECKING:
    from telegram import Bot

    from bot.dependencies import Dependencies

REPLAN_INTERVAL = timedelta(minutes=15)
SAFETY_TICK = timedelta(seconds=60)
WAKEUPS_AHEAD = 20
WAKEUP_PREFIX = "reminders-at-"
LEADERSHIP_JOB = "reminders-leadership"
STOP_TIMEOUT_SECONDS = 10.0


@dataclass
class ReminderRunner:
    """Keeps reminders flowing in the one process that runs the scheduler."""

    database: Database
    clock: Clock
    timing: ReminderTiming
    sender: OutboxSender
    job_queue: JobQueue[Any]
    # A send claimed longer ago than this is taken to be lost with its process.
    claim_lease: timedelta = timedelta(minutes=2)
    leader: Leadership = field(default_factory=AlwaysLeader)
    notices: NoticeSender | None = None  # sent after each pass, never during a fan-out

    def __post_init__(self) -> None:
        self._plan_lock = asyncio.Lock()
        self._background = BackgroundTasks("Reminder work")
        self._replan_requested = False
        self._led_term = 0
        # Set once this process has taken the lead (claims handed back, first plan made).
        self.leading = asyncio.Event()

    async def start(self, *, previous_process_dead: bool) -> None:
        """Recover interrupted sends, plan, and catch up (in the background) on what was missed
        while down; with an election, do so whenever this process becomes leader.

        With `previous_process_dead` (a single-process database), every claimed send belongs
        to a dead process and is released at once, not after the lease.
        """
        self.job_queue.run_repeating(self._replan_job, interval=REPLAN_INTERVAL,
                                     first=REPLAN_INTERVAL, name="reminders-replan")
        self.job_queue.run_repeating(self._tick_job, interval=SAFETY_TICK, first=SAFETY_TICK,
                                     name="reminders-tick")
        if self.leader.watch_interval is None:
            self._led_term = self.leader.term
            await self._lead(timedelta(0) if previous_process_dead else self.claim_lease)
            return
        self.job_queue.run_repeating(self._leadership_job, interval=self.leader.watch_interval,
                                     first=self.leader.watch_interval, name=LEADERSHIP_JOB)
        await self._leadership_job(None)

    async def _lead(self, lease: timedelta) -> None:
        """Hand back the sends claimed longer than `lease` ago, plan, and send in the
        background."""
        now = self.clock()
        released = await self.database.run(
            lambda s: reminders.release_interrupted_sends(s, now, lease))
        if released:
            logger.warning("{} interrupted reminder sends will be sent again", released)
        await self.replan()
        self.leading.set()
        self._background.start(self.run_due())

    async def _leadership_job(self, _context: object) -> None:
        term = self.leader.term
        if self.leader.is_leader and term != self._led_term:
            self._led_term = term
            self._background.start(self._take_over(term, self.clock()))

    async def _take_over(self, term: int, began: datetime) -> None:
        """Wait until the former leader has stopped sending, then hand back every send claimed
        before this term `began` (only a leader claims, so each is a former leader's, or this
        process's own from a term cut short) and plan and send. Sends claimed since, during
        the wait, are in flight: they are kept. With nothing claimed there is nothing to wait
        for: a first start leads at once."""
        if await self.database.run(reminders.claimed_sends_exist):
            await asyncio.sleep(self.leader.handover_delay)
        while self.leader.term == term:
            if self.leader.is_leader:
                await self._lead(self.clock() - began)
                return
            # The lease lapsed (a stalled check) with the lock still held: the term goes on
            # once the lock is confirmed again, and so does this take-over.
            await asyncio.sleep(self.leader.watch_interval or 0)

    async def replan(self) -> PlanReport:
        """Bring the outbox in line with the calendar now and reschedule the wake-ups."""
        async with self._plan_lock:
            now = self.clock()
            report = await self.database.run(
                lambda s: reminders.plan_reminders(s, now, self.timing))
            if report.changed:
                logger.info("Reminders planned: {} added, {} moved, {} cancelled, {} expired",
                            report.added, report.moved, report.cancelled, report.expired)
            await self.schedule_wakeups()
            return report

    async def run_due(self) -> SendReport:
        """Send everything due now (only the leader), then schedule the next wake-ups."""
        if not self.leader.is_leader:
            return SendReport()
        report = await self.sender.send_due()
        if report.handled:
            logger.info("Reminders: {} sent, {} to retry, {} failed, {} deferred",
                        report.sent, report.retried, report.failed, report.deferred)
        if self.notices is not None:
            sent = await self.notices.send_pending()
            if sent:
                logger.info("Notices: {} handled", sent)
        await self.schedule_wakeups()
        return report

    async def schedule_wakeups(self) -> list[datetime]:
        """One-off jobs at the next distinct due times not yet scheduled; return those times."""
        now = self.clock()
        times = await self.database.run(
            lambda s: reminders.next_send_times(s, now, WAKEUPS_AHEAD))
        for at in times:
            wake_at(self.job_queue, self._wake_job, at, now, WAKEUP_PREFIX)
        return times

    def replan_soon(self) -> None:
        """Plan and send right away in the background (after a change); requests made while
        one is waiting to run are merged into it."""
        if self._replan_requested:
            return
        self._replan_requested = True

        async def replan_and_send() -> None:
            self._replan_requested = False
            await self.replan()
            await self.run_due()

        self._background.start(replan_and_send())

    async def stop(self, timeout: float = STOP_TIMEOUT_SECONDS) -> None:
        """Finish the send in flight, hand back unsent claims, and wait for background work."""
        self.sender.request_stop()
        try:
            await asyncio.wait_for(self.idle(), timeout)
        except TimeoutError:
            logger.warning("Reminder work still running after {} s; abandoning it", timeout)
        await self.sender.release_own_claims()

    async def idle(self) -> None:
        """Wait until the background work started so far is done (tests, shutdown)."""
        await self._background.idle()

    async def _replan_job(self, _context: object) -> None:
        if not self.leader.is_leader:
            return
        await self.replan()
        await self.run_due()

    async def _wake_job(self, _context: object) -> None:
        await self.run_due()

    async def _tick_job(self, _context: object) -> None:
        if not self.leader.is_leader:
            return
        now = self.clock()
        await self.database.run(
            lambda s: reminders.release_interrupted_sends(s, now, self.claim_lease))
        await self.run_due()


def build_reminder_runner(deps: Dependencies, job_queue: JobQueue[Any], sender_bot: Bot,
                          leader: Leadership | None = None,
                          pace: SendPace | None = None) -> ReminderRunner:
    """The runner for this process's settings, sending through `sender_bot` while `leader`
    leads (always, without one), in turns of the process's send window `pace` (shared with its
    replies; without one, a window for this settings' database)."""
    settings = deps.settings
    leader = leader or AlwaysLeader()
    pacing = Pacing(messages_per_second=settings.bot_send_rate,
                    max_in_flight=settings.bot_send_max_in_flight)
    shared_pace = pace or send_pace_for(deps.database, settings.bot_send_rate)
    sender = OutboxSender(sender_bot, deps.database, deps.clock, settings.bot_language,
                          settings.bot_timezone, pacing=pacing,
                          may_send=lambda: leader.is_leader, pace=shared_pace)
    notices = NoticeSender(sender_bot, deps.database, deps.clock, settings.bot_language,
                           may_send=lambda: leader.is_leader, pace=shared_pace)
    return ReminderRunner(database=deps.database, clock=deps.clock,
                          timing=deps.timing, sender=sender, job_queue=job_queue,
                          leader=leader, notices=notices)
