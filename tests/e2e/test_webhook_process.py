"""The real `deadline-bot run --webhook` process on 127.0.0.1, in front of the fake Bot API."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from pathlib import Path

import httpx
import pytest
from telegram import Update

from bot.web.asgi import SECRET_HEADER
from tests.e2e.test_cli_errors import VALID_TOKEN, run_cli
from tests.fake_telegram import FakeTelegram, serve_with_uvicorn

SECRET = "process-Secret_42"
STOP_WITHIN_SECONDS = 10


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_the_webhook_process_answers_once_refuses_bad_secrets_and_stops_on_sigterm(
    tmp_path: Path, database_url: str
) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    port = free_loopback_port()
    async with serve_with_uvicorn(fake) as base_url:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("TELEGRAM_", "BOT_", "WEBHOOK_"))}
        env.update(TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_BASE_URL=base_url,
                   DATABASE_URL=database_url, BOT_ADMIN_IDS=str(lan.id),
                   BOT_LOG_JSON_FILE=str(tmp_path / "log.jsonl"), BOT_LOG_LEVEL="DEBUG",
                   WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram", WEBHOOK_SECRET=SECRET,
                   WEBHOOK_PORT=str(port))
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", "--webhook", cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        client = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", trust_env=False)
        try:
            # setWebhook is called once the server listens and reminders run.
            await fake.wait_for_calls("setWebhook", count=1, timeout=30)
            ready = await client.get("/readyz")
            fake.send_command(lan, "start")
            start = fake.pending_updates[-1]
            refused = [await client.post("/telegram", json=start),
                       await client.post("/telegram", json=start,
                                         headers={SECRET_HEADER: "not-the-secret"})]
            accepted = [await client.post("/telegram", json=start,
                                          headers={SECRET_HEADER: SECRET}) for _ in range(2)]
            [greeting] = await fake.wait_for_bot_messages(lan, timeout=10)
            fake.send_command(lan, "help")
            await client.post("/telegram", json=fake.pending_updates[-1],
                              headers={SECRET_HEADER: SECRET})
            await fake.wait_for_bot_messages(lan, timeout=10)
            # The counter moves once the handler has returned, just after its reply went out.
            metrics = await metrics_once(client, 'deadline_bot_updates_total{kind="message"} 2.0')
        finally:
            process.send_signal(signal.SIGTERM)
            signalled = time.monotonic()
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
            stopped_after = time.monotonic() - signalled
            await client.aclose()
    log = stderr.decode() + (tmp_path / "log.jsonl").read_text(encoding="utf-8")
    webhook = fake.webhook
    assert webhook is not None and webhook.secret_token == SECRET
    assert webhook.url == f"http://127.0.0.1:{port}/telegram"
    assert webhook.allowed_updates == list(Update.ALL_TYPES)
    assert ready.status_code == 200
    assert [r.status_code for r in refused] == [403, 403]
    assert [r.status_code for r in accepted] == [200, 200]
    assert greeting.text.startswith("Kính chào anh/chị Lan!")
    assert len(fake.bot_messages(lan)) == 2  # the greeting once, then the help
    assert 'deadline_bot_updates_total{kind="message"} 2.0' in metrics
    assert "deadline_bot_update_duplicates_total 1.0" in metrics
    assert process.returncode == 0 and stopped_after < STOP_WITHIN_SECONDS
    assert "Stopping" in log
    assert fake.token.split(":")[1] not in log and SECRET not in log
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port)):
        pass


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"WEBHOOK_SECRET": SECRET}, "WEBHOOK_URL: required with --webhook"),
        ({"WEBHOOK_URL": "https://bot.example.gov.vn/telegram"},
         "WEBHOOK_SECRET: required with --webhook"),
        ({"WEBHOOK_URL": "http://bot.example.gov.vn/telegram", "WEBHOOK_SECRET": SECRET},
         "WEBHOOK_URL: must be https"),
        ({"WEBHOOK_URL": "https://bot.example.gov.vn/t", "WEBHOOK_SECRET": "with space"},
         "WEBHOOK_SECRET: must be 1-256 characters"),
        ({"WEBHOOK_URL": "https://bot.example.gov.vn/t", "WEBHOOK_SECRET": SECRET,
          "WEBHOOK_PORT": "70000"}, "WEBHOOK_PORT: Input should be less than or equal to 65535"),
    ],
)
def test_webhook_mode_with_a_missing_or_bad_setting_exits_2_with_one_line(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    result = run_cli(tmp_path, "run", "--webhook", TELEGRAM_BOT_TOKEN=VALID_TOKEN, **env)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"deadline-bot: configuration error: {expected}")
    assert "with space" not in line


def test_webhook_mode_on_a_taken_port_exits_2_naming_the_port(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli(tmp_path, "run", "--webhook", TELEGRAM_BOT_TOKEN=VALID_TOKEN,
                         WEBHOOK_URL="https://bot.example.gov.vn/t", WEBHOOK_SECRET=SECRET,
                         WEBHOOK_PORT=str(port))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"deadline-bot: configuration error: WEBHOOK_PORT: cannot listen on "
                           f"127.0.0.1:{port}")


async def metrics_once(client: httpx.AsyncClient, line: str, timeout: float = 10.0) -> str:
    """/metrics as soon as it shows `line` (or as it is when `timeout` runs out)."""
    deadline = time.monotonic() + timeout
    while True:
        metrics = (await client.get("/metrics")).text
        if line in metrics or time.monotonic() > deadline:
            return metrics
        await asyncio.sleep(0.05)
