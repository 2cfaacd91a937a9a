"""The real `deadline-bot run` process, talking HTTP to the fake Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import httpx

from tests.e2e.test_cli_errors import VALID_TOKEN, run_cli
from tests.fake_telegram import FakeTelegram, serve_with_uvicorn
from tests.support.ports import free_port


async def test_the_bot_process_answers_start_and_stops_cleanly_on_sigterm(
    tmp_path: Path, database_url: str
) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    async with serve_with_uvicorn(fake) as base_url:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
        web_port = free_port()
        env.update(TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_BASE_URL=base_url,
                   DATABASE_URL=database_url, BOT_ADMIN_IDS=str(lan.id),
                   BOT_LOG_JSON_FILE=str(tmp_path / "log.jsonl"), BOT_LOG_LEVEL="DEBUG",
                   WEB_PORT=str(web_port))
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        try:
            await fake.wait_for_calls("getUpdates", count=1, timeout=30)
            fake.send_command(lan, "start")
            [greeting] = await fake.wait_for_bot_messages(lan, timeout=10)
            async with httpx.AsyncClient(trust_env=False) as client:
                dashboard = await client.get(f"http://127.0.0.1:{web_port}/")
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
    log = stderr.decode() + (tmp_path / "log.jsonl").read_text(encoding="utf-8")
    assert greeting.text.startswith("Kính chào anh/chị Lan!")
    assert dashboard.status_code == 401  # served beside long polling, asking to sign in
    assert process.returncode == 0
    assert "Bot is running" in log and "Stopping" in log
    assert fake.token not in log
    assert fake.token.split(":")[1] not in log


def test_polling_on_a_taken_dashboard_port_exits_2_naming_it(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli(tmp_path, "run", TELEGRAM_BOT_TOKEN=VALID_TOKEN, WEB_PORT=str(port))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line == (f"deadline-bot: configuration error: WEB_PORT: cannot listen on "
                    f"127.0.0.1:{port} (Address already in use)")
