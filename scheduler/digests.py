"""Scheduled digests to the provincial office, woken through PTB's JobQueue (APScheduler).

The database decides what is due (bot.services.digest_delivery, and bot.services.onboarding for
the weekly note on units without an officer, sent on the same passes at the office hour); this
module only decides when to look and sends. Jobs:
- one-off wake-ups at the next office hour and the next weekly time, computed from the injected
  clock (a simulated clock in tests and the real one in production behave alike);
- a safety tick every SAFETY_TICK that hands back claims of a dead sender and sends whatever is
  due (missed wake-ups, retries after a network error).
Each digest is claimed per chat and day before it is sent, so a second pass, a restart or a
second process never sends it twice; a process killed mid-send leaves at most that one digest
to be sent again after the restart.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from loguru import logger
from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, TelegramError
from telegram.ext import Application, JobQueue

from bot.clock import Clock
from bot.domain.digest_schedule import WeeklySlot, next_wakeups
from bot.office_buttons import office_keyboard
from bot.services import digest_delivery, onboarding
from bot.services.digest_delivery import DigestDelivery
from bot.services.onboarding import NoteDelivery
from bot.services.reminders import ReminderTiming
from bot.texts import Lang, split_message
from bot.texts.digests_render import digest_parts
from bot.texts.onboarding_render import registration_note_text
from db.session import Database
from scheduler.background import BackgroundTasks, wake_at
from scheduler.sender import is_unreachable

if TYPE_CHECKING:
    from bot.dependencies import Dependencies

DIGESTS_KEY = "digests"
SAFETY_TICK = timedelta(minutes=15)
CLAIM_LEASE = timedelta(minutes=10)
WAKEUP_PREFIX = "digests-at-"
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)  # of the dashboard's sign-in page
Part = tuple[str, InlineKeyboardMarkup | None]  # one message: its text (HTML) and buttons


@dataclass(slots=True)
class DigestReport:
    """What one pass did (`notes_sent`: the weekly notes on units without an officer)."""

    sent: int = 0
    failed: int = 0
    retried: int = 0  # claims handed back after a network error: the next tick tries again
    notes_sent: int = 0


@dataclass
class DigestRunner:
    """Sends the office's scheduled digests in the one process that runs the scheduler."""

    database: Database
    clock: Clock
    timing: ReminderTiming
    weekly: WeeklySlot | None
    bot: Bot
    lang: Lang
    job_queue: JobQueue[Any]
    dashboard_url: str | None = None  # WEB_BASE_URL: the digest links a cut list's report page

    def __post_init__(self) -> None:
        self._lock = asyncio.Lock()
        self._background = BackgroundTasks("Digest work")

    async def start(self) -> None:
        """Hand back claims left by a dead process, schedule the jobs, catch up on today's
        digests in the background."""
        now = self.clock()
        released = await self.database.run(
            lambda s: digest_delivery.release_interrupted_digests(s, now, timedelta(0)))
        if released:
            logger.warning("{} interrupted digest sends will be sent again", released)
        self.job_queue.run_repeating(self._tick_job, interval=SAFETY_TICK, first=SAFETY_TICK,
                                     name="digests-tick")
        self.schedule_wakeups()
        self._background.start(self.run_due())

    async def run_due(self) -> DigestReport:
        """Claim and send every digest due now, then schedule the next wake-ups."""
        report = DigestReport()
        async with self._lock:
            now = self.clock()
            deliveries = await self.database.run(lambda s: digest_delivery.claim_due_digests(
                s, now, self.timing, self.weekly))
            for delivery in deliveries:
                await self._send(delivery, report)
            notes = await self.database.run(
                lambda s: onboarding.claim_registration_notes(s, now, self.timing))
            for note in notes:
                await self._send_note(note, report)
        if report.sent or report.failed or report.retried or report.notes_sent:
            logger.info("Digests: {} sent, {} failed, {} to retry; {} registration notes",
                        report.sent, report.failed, report.retried, report.notes_sent)
        self.schedule_wakeups()
        return report

    def schedule_wakeups(self) -> None:
        """One-off jobs at the next moments a digest may fall due, unless already scheduled."""
        now = self.clock()
        for at in next_wakeups(now.astimezone(self.timing.tz), self.timing.at, self.weekly):
            wake_at(self.job_queue, self._wake_job, at, now, WAKEUP_PREFIX)

    async def stop(self) -> None:
        """Wait for the background catch-up (claims it could not finish go back at next start)."""
        await self.idle()

    async def idle(self) -> None:
        """Wait until the background work started so far is done (tests, shutdown)."""
        await self._background.idle()

    async def _send(self, delivery: DigestDelivery, report: DigestReport) -> None:
        parts = [(part.text, office_keyboard(part.actions, self.lang))
                 for part in digest_parts(delivery.digest, self.lang, self.dashboard_url)]
        if await self._deliver(delivery.row_id, delivery.chat_id, parts, report):
            report.sent += 1

    async def _send_note(self, note: NoteDelivery, report: DigestReport) -> None:
        parts: list[Part] = [(part, None) for part in
                             split_message(registration_note_text(note.gaps, self.lang))]
        if await self._deliver(note.row_id, note.chat_id, parts, report):
            report.notes_sent += 1

    async def _deliver(self, row_id: int, chat_id: int, parts: list[Part],
                       report: DigestReport) -> bool:
        """Steps: send every part; record sent (True), failed (refused chat: unreachable) or
        hand the claim back (network trouble) in its own unit of work."""
        try:
            for text, keyboard in parts:
                await self.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML,
                                            reply_markup=keyboard,
                                            link_preview_options=_NO_PREVIEW)
        except (Forbidden, BadRequest) as error:
            await self._failed(row_id, chat_id, error, report)
        except InvalidToken:
            raise
        except TelegramError as error:  # network, 5xx, 429 after the limiter's retries
            logger.warning("Office message to chat {} not sent yet: {}", chat_id, error)
            await self.database.run(lambda s: digest_delivery.release_digest_claims(s, [row_id]))
            report.retried += 1
        else:
            now = self.clock()
            await self.database.run(
                lambda s: digest_delivery.record_digest_sent(s, row_id, len(parts), now))
            return True
        return False

    async def _failed(self, row_id: int, chat_id: int, error: Forbidden | BadRequest,
                      report: DigestReport) -> None:
        logger.warning("Office message to chat {} failed: {}", chat_id, error.message)
        unreachable = is_unreachable(error)
        now = self.clock()
        await self.database.run(lambda s: digest_delivery.record_digest_failed(
            s, row_id, error.message, now, unreachable_chat=chat_id if unreachable else None))
        report.failed += 1

    async def _wake_job(self, _context: object) -> None:
        await self.run_due()

    async def _tick_job(self, _context: object) -> None:
        now = self.clock()
        await self.database.run(
            lambda s: digest_delivery.release_interrupted_digests(s, now, CLAIM_LEASE))
        await self.run_due()


def build_digest_runner(deps: Dependencies, job_queue: JobQueue[Any], bot: Bot) -> DigestRunner:
    """The runner for this process's settings, sending through `bot`."""
    settings = deps.settings
    return DigestRunner(database=deps.database, clock=deps.clock,
                        timing=deps.timing, weekly=settings.bot_weekly_digest,
                        bot=bot, lang=settings.bot_language, job_queue=job_queue,
                        dashboard_url=settings.web.base_url)


async def start_digests(application: Application[Any, Any, Any, Any, Any, Any],
                        deps: Dependencies) -> DigestRunner:
    """Build, remember (bot_data[DIGESTS_KEY]) and start the digest runner; call it once the
    application has started."""
    assert application.job_queue is not None
    runner = build_digest_runner(deps, application.job_queue, application.bot)
    application.bot_data[DIGESTS_KEY] = runner
    await runner.start()
    return runner
