"""The fake Bot API for the ingest benchmark, in a process of its own, flood limits off.

Run as `python -m bench.ingest_fake`; it prints one JSON line (`{"base_url": ..., "token":
...}`) once it is serving, and stops when its standard input is closed. Besides the Bot API it
answers three benchmark endpoints (they live here, not in the fake: only this benchmark needs
them):

- `POST /bench/reminders` `[[chat_id, text, reply_markup], ...]`: each officer's private chat,
  with the reminder the bot "sent" in it (message 1, from the bot, with its answer buttons), so
  a tap or a reply refers to a message the fake knows and the bot can tick its buttons;
- `POST /bench/updates` `[[chat_id, "tap", callback_data] | [chat_id, "reply", text], ...]`:
  the officers tap a button of, or reply to, their reminder; answers the `Update`s the fake
  made (unique update ids, callback queries it will accept an answer for), which the load
  generator then posts to the bot's webhook itself;
- `GET /bench/stats`: the Bot API calls received, by method and HTTP status.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from bench.fake_server import REPOSITORY_ROOT, START_TIMEOUT_SECONDS, FakeServer
from tests.fake_telegram import FakeTelegram, RateLimits, serve_with_uvicorn
from tests.fake_telegram.app import json_response

REMINDER_MESSAGE_ID = 1  # the first message of each officer's chat


def add_reminders(fake: FakeTelegram, reminders: list[list[Any]]) -> int:
    """A private chat per officer holding the bot's reminder with its buttons."""
    for chat_id, text, markup in reminders:
        fake.add_user(f"Cán bộ {chat_id}", user_id=chat_id)
        chat = fake.state.chats[chat_id]
        message = fake.state.build_message(chat, fake.state.bot,
                                           {"text": text, "reply_markup": markup})
        assert message["message_id"] == REMINDER_MESSAGE_ID
        fake.state.log_message(message, from_bot=True, reply_markup=markup, raw_text=text)
    return len(reminders)


def make_updates(fake: FakeTelegram, plan: list[list[Any]]) -> list[dict[str, Any]]:
    """The updates of the officers' taps and replies, in plan order."""
    updates: list[dict[str, Any]] = []
    for chat_id, kind, value in plan:
        if kind == "tap":
            updates.append(fake.press_button(chat_id, REMINDER_MESSAGE_ID, value))
        else:
            fake.reply_to(chat_id, REMINDER_MESSAGE_ID, value)
            updates.append(fake.state.updates[-1])
    fake.state.updates.clear()  # posted by the load generator, never fetched by getUpdates
    return updates


def call_stats(fake: FakeTelegram) -> dict[str, int]:
    """Calls received, as "method status" → count."""
    return dict(Counter(f"{call.method} {call.status}" for call in fake.calls()))


def with_bench_endpoints(fake: FakeTelegram, inner: ASGIApp) -> ASGIApp:
    """`inner` (the fake's app) plus the benchmark's endpoints."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"] if scope["type"] == "http" else ""
        if path == "/bench/reminders":
            body = await Request(scope, receive).json()
            await json_response(200, add_reminders(fake, body))(scope, receive, send)
        elif path == "/bench/updates":
            body = await Request(scope, receive).json()
            await json_response(200, make_updates(fake, body))(scope, receive, send)
        elif path == "/bench/stats":
            await json_response(200, call_stats(fake))(scope, receive, send)
        else:
            await inner(scope, receive, send)

    return app


async def serve() -> None:
    """Serve the fake until standard input closes."""
    fake = FakeTelegram(rate_limits=RateLimits.off())
    fake.app = with_bench_endpoints(fake, fake.app)  # type: ignore[assignment]
    async with serve_with_uvicorn(fake) as base_url:
        print(json.dumps({"base_url": base_url, "token": fake.token}), flush=True)
        await asyncio.to_thread(sys.stdin.read)


@dataclass(frozen=True)
class IngestFake(FakeServer):
    """The running fake process, as the benchmark sees it."""

    pid: int = 0

    @property
    def root(self) -> str:
        return self.base_url.removesuffix("/bot")

    def post(self, path: str, payload: Any) -> Any:
        response = httpx.post(self.root + path, content=json.dumps(payload), timeout=300)
        response.raise_for_status()
        return response.json()

    def call_stats(self) -> dict[str, int]:
        response = httpx.get(self.root + "/bench/stats", timeout=60)
        response.raise_for_status()
        result: dict[str, int] = response.json()
        return result


@contextlib.contextmanager
def ingest_fake_process() -> Iterator[IngestFake]:
    """Start the fake in a fresh process; stop it on exit."""
    process = subprocess.Popen([sys.executable, "-m", "bench.ingest_fake"], cwd=REPOSITORY_ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdin is not None and process.stdout is not None
    try:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("the fake server process exited before serving")
        started = json.loads(line)
        yield IngestFake(started["base_url"], started["token"], process.pid)
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=START_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


if __name__ == "__main__":
    asyncio.run(serve())
