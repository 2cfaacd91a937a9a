"""Two `deadline-bot run --webhook` worker processes on one PostgreSQL database (issue 8).

The workers share the secret and the database and listen on ports of their own, in front of the
fake Bot API served over HTTP. As a load balancer would, the test posts each of the admin's
updates to one worker or the other: a guided /unit_add started on one worker is answered on the
other, and finished on the survivor when the first is SIGKILLed mid-flow. Only one worker runs
the scheduler, and the survivor takes it over. On SQLite a second process is refused instead.
Worker logs are in the test's tmp_path.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.web.asgi import SECRET_HEADER
from db.models import AuditEntry, ChatFlow, Unit
from db.session import Database
from tests.e2e.test_unit_flows import CODE_QUESTION, NAME_QUESTION, ONE_LINE_ADDED
from tests.e2e.test_units_admin import admin_chat_telegram, edited_to
from tests.e2e.test_webhook_process import free_loopback_port
from tests.fake_telegram import FakeTelegram, FakeUser, serve_with_uvicorn
from tests.fake_telegram.models import JSONDict, LoggedMessage

SECRET = "workers-Secret_8"
LEADER_PERIOD = "0.5"  # a dead leader is replaced within about 4 periods
LEADS = "This process now runs the scheduler"
STARTED_WITHIN = 30.0
TAKEOVER_WITHIN = 10.0


@dataclass
class Worker:
    """One `deadline-bot run --webhook` process and an HTTP client to its port."""

    name: str
    process: asyncio.subprocess.Process
    client: httpx.AsyncClient
    log: Path

    async def post(self, update: JSONDict) -> None:
        """Deliver `update` as Telegram does; the worker acknowledges it at once."""
        response = await self.client.post("/telegram", json=update,
                                          headers={SECRET_HEADER: SECRET})
        assert response.status_code == 200, (self.name, response.status_code, response.text)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def worker_environment(fake: FakeTelegram, base_url: str, database_url: str,
                       admin: FakeUser) -> dict[str, str]:
    """What both workers share: token, database, admins, secret and the public webhook URL."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "BOT_", "WEBHOOK_"))}
    env.update(TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_BASE_URL=base_url,
               DATABASE_URL=database_url, BOT_ADMIN_IDS=str(admin.id), BOT_LOG_LEVEL="INFO",
               BOT_WEEKLY_DIGEST="off", BOT_LEADER_PERIOD=LEADER_PERIOD,
               WEBHOOK_URL="http://127.0.0.1:8443/telegram", WEBHOOK_SECRET=SECRET)
    return env


async def start_worker(name: str, env: dict[str, str], tmp_path: Path) -> Worker:
    port = free_loopback_port()
    log = tmp_path / f"worker-{name}.log"
    with log.open("ab") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", "--webhook", cwd=tmp_path,
            env={**env, "WEBHOOK_PORT": str(port)},
            stdout=output, stderr=asyncio.subprocess.STDOUT)
    client = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", trust_env=False)
    return Worker(name, process, client, log)


async def until_started(fake: FakeTelegram, workers: int) -> None:
    """Each worker registers the webhook once it listens and its scheduler runs."""
    await fake.wait_for_calls("setWebhook", count=workers, timeout=STARTED_WITHIN)


async def say_to(worker: Worker, fake: FakeTelegram, admin: FakeUser, words: str
                 ) -> LoggedMessage:
    """The admin writes `words`, delivered to `worker`; the bot's one answer."""
    fake.send_text(admin, words)
    await worker.post(fake.pending_updates[-1])
    [answer] = await fake.wait_for_bot_messages(admin)
    return answer


async def tap_on(worker: Worker, fake: FakeTelegram, admin: FakeUser, message: LoggedMessage,
                 button: str, shows: str) -> LoggedMessage:
    """The admin taps `button` of `message` (the callback_query goes to `worker`); the message
    once the bot has edited it to show `shows`."""
    fake.press_button(admin, message.message_id, button_text=button)
    await worker.post(fake.pending_updates[-1])
    return await edited_to(fake, admin, message, shows)


async def until_logged(worker: Worker, line: str, within: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while line not in worker.log_text():
        assert loop.time() < deadline, f"{worker.name} did not log {line!r}:\n{worker.log_text()}"
        await asyncio.sleep(0.1)


def stored_units_and_audit(database_url: str) -> tuple[list[str], list[tuple[str, str]], int]:
    """Codes of the units added by the flows, the audit entries, and the flows still open."""
    def read(session: Session) -> tuple[list[str], list[tuple[str, str]], int]:
        codes = list(session.scalars(select(Unit.code).where(Unit.code.in_(["sdl", "ttxt"]))
                                     .order_by(Unit.code)))
        audit = [(e.action, e.subject)
                 for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        return codes, audit, len(list(session.scalars(select(ChatFlow.id))))
    database = Database(database_url)
    try:
        return database.run_sync(read)
    finally:
        database.dispose()


async def stop_all(workers: list[Worker]) -> None:
    for worker in workers:
        if worker.process.returncode is None:
            worker.process.send_signal(signal.SIGTERM)
    for worker in workers:
        await asyncio.wait_for(worker.process.wait(), timeout=20)
        await worker.client.aclose()


@pytest.mark.empty_database  # started together on an empty database: one migrates
async def test_a_flow_started_on_one_worker_is_finished_on_another_even_after_a_sigkill(
    tmp_path: Path, database_url: str
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("several workers need PostgreSQL; SQLite refuses a second process (below)")
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    async with serve_with_uvicorn(fake) as base_url:
        env = worker_environment(fake, base_url, database_url, admin)
        # Started together on the empty database, as `systemctl start` would: one migrates and
        # loads the province's data while the other waits for it.
        workers = [await start_worker(name, env, tmp_path) for name in ("1", "2")]
        try:
            await until_started(fake, 2)
            leaders = [w for w in workers if LEADS in w.log_text()]
            # A, the leader, is the worker killed below; B, the follower, takes over from it.
            a, b = sorted(workers, key=lambda w: w not in leaders)
            # A flow handed from worker to worker at every step.
            fake.send_command(admin, "unit_add")
            await a.post(fake.pending_updates[-1])
            [code_question] = await fake.wait_for_bot_messages(admin)
            name_question = await say_to(b, fake, admin, "sdl")
            group_question = await say_to(a, fake, admin, "Sở Du lịch")
            await tap_on(b, fake, admin, group_question, "Sở, ban, ngành", "Kiểm tra lại")
            added = await tap_on(b, fake, admin, group_question, "Xác nhận", "Đã thêm")
            # A second flow: begun on A, which is then killed; B finishes it.
            fake.send_command(admin, "unit_add")
            await a.post(fake.pending_updates[-1])
            await fake.wait_for_bot_messages(admin)
            await say_to(a, fake, admin, "ttxt")
            a.process.send_signal(signal.SIGKILL)
            await a.process.wait()
            second_group = await say_to(b, fake, admin, "Trung tâm Xúc tiến Đầu tư")
            await tap_on(b, fake, admin, second_group, "Cơ quan khác", "Kiểm tra lại")
            second_added = await tap_on(b, fake, admin, second_group, "Xác nhận", "Đã thêm")
            await until_logged(b, LEADS, TAKEOVER_WITHIN)
            ready = (await b.client.get("/readyz")).status_code
        finally:
            await stop_all(workers)
    codes, audit, open_flows = await asyncio.to_thread(stored_units_and_audit, database_url)
    answers = [m.text for m in fake.bot_messages(admin)]
    logs = [w.log_text() for w in workers]
    assert len(leaders) == 1
    assert [sum(line in log for log in logs) for line in ("Database migrated from empty",
                                                           "Province data loaded")] == [1, 1]
    assert code_question.text is not None and code_question.text.endswith(CODE_QUESTION)
    assert name_question.text == NAME_QUESTION
    assert added.text == ONE_LINE_ADDED
    assert second_added.text is not None
    assert second_added.text.startswith("✅ Đã thêm Trung tâm Xúc tiến Đầu tư (mã ttxt")
    # Every answer once, in order (a tapped question is edited in place into its result).
    assert answers == [code_question.text, NAME_QUESTION, ONE_LINE_ADDED,
                       code_question.text, NAME_QUESTION.replace("sdl", "ttxt"),
                       second_added.text]
    assert codes == ["sdl", "ttxt"]
    assert audit == [("unit.add", "sdl"), ("unit.add", "ttxt")]
    assert open_flows == 0
    assert ready == 200
    assert a.process.returncode == -signal.SIGKILL and b.process.returncode == 0
    assert fake.token.split(":")[1] not in "".join(logs)


async def test_a_second_worker_on_the_same_sqlite_file_exits_2_and_the_first_carries_on(
    tmp_path: Path
) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    database = tmp_path / "deadline-bot.sqlite3"
    async with serve_with_uvicorn(fake) as base_url:
        env = worker_environment(fake, base_url, f"sqlite:///{database}", admin)
        first = await start_worker("first", env, tmp_path)
        try:
            await until_started(fake, 1)
            second = await start_worker("second", env, tmp_path)
            await asyncio.wait_for(second.process.wait(), timeout=STARTED_WITHIN)
            await second.client.aclose()
            fake.send_command(admin, "unit_add")
            await first.post(fake.pending_updates[-1])
            [still_answering] = await fake.wait_for_bot_messages(admin)
        finally:
            await stop_all([first])
    [refusal] = second.log_text().strip().splitlines()
    assert second.process.returncode == 2
    assert refusal == (f"deadline-bot: configuration error: Another deadline-bot process is "
                       f"already using {database}; stop it first or use PostgreSQL to run "
                       "several workers.")
    assert still_answering.text is not None and still_answering.text.endswith(CODE_QUESTION)
    assert len(fake.calls("setWebhook")) == 1
    assert first.process.returncode == 0
