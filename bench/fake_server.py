"""The fake Bot API in a process of its own, with a read-back endpoint for its counters.

Run in a child process (`python -m bench.fake_server --first-chat-id N --recipients M`), so the
CPU and memory figures of a contender are its own, and one fresh process per contender, so each
starts with full flood-limit buckets. The fake enforces its default limits (30 messages/s per
bot, 1/s per private chat with a burst of 3, 20/min per group) and is served by uvicorn on
127.0.0.1 (`tests.fake_telegram.serve_with_uvicorn`).

With `--flood-model window` the bot-wide limit is a strict sliding window (at most 30 messages
in any one second, `RateLimits.strict()`) instead of a bucket of 30 with a burst of 30.

`GET /bench/stats` answers what the fake saw: bot messages per chat, the time of each delivery
and of each 429 on the fake's monotonic clock, the 429s by scope and the sendMessage answers by
status. The endpoint lives in this wrapper, not in the fake: only benchmarks need it.

The child prints one JSON line (`{"base_url": ..., "token": ...}`) once it is serving, and
stops when its standard input is closed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from starlette.types import ASGIApp, Receive, Scope, Send

from tests.fake_telegram import FakeTelegram, RateLimits, serve_with_uvicorn
from tests.fake_telegram.app import json_response

STATS_PATH = "/bench/stats"
FLOOD_MODELS = ("bucket", "window")  # the fake's bot-wide limit: a bucket or a strict window
REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_SECONDS = 30.0


def server_stats(fake: FakeTelegram) -> dict[str, Any]:
    """What the fake received: bot messages per chat, delivery times, 429s, answers.

    Times are the fake's monotonic clock, the one its flood limits use.
    """
    messages_per_chat: dict[str, int] = {}
    delivery_times: list[float] = []
    for chat_id in fake.state.chats:
        sent = fake.bot_messages(chat_id)
        if sent:
            messages_per_chat[str(chat_id)] = len(sent)
            delivery_times.extend(message.sent_at for message in sent)
    answers = Counter(str(call.status) for call in fake.calls("sendMessage"))
    return {
        "messages_per_chat": messages_per_chat,
        "delivery_times": sorted(delivery_times),
        "rate_limited": fake.rate_limited_count,
        "rate_limit_times": [hit.at for hit in fake.rate_limit_hits],
        "rate_limited_by_scope": dict(fake.limiter.hits_by_scope),
        "send_message_answers": dict(answers),
    }


def with_stats_endpoint(fake: FakeTelegram, inner: ASGIApp, latency: float = 0.0) -> ASGIApp:
    """`inner` (the fake's app) plus `GET /bench/stats`; API calls answered `latency` s later
    (the round trip to Telegram's servers, which loopback does not have)."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == STATS_PATH:
            await json_response(200, server_stats(fake))(scope, receive, send)
            return
        if latency and scope["type"] == "http":
            await asyncio.sleep(latency)
        await inner(scope, receive, send)

    return app


async def serve(first_chat_id: int, recipients: int, latency: float,
                flood_model: str = "bucket") -> None:
    """Serve a fake knowing `recipients` private chats until standard input closes."""
    fake = FakeTelegram(rate_limits=RateLimits.strict() if flood_model == "window" else None)
    for number in range(recipients):
        fake.add_user(f"Cán bộ {number + 1}", user_id=first_chat_id + number)
    # serve_with_uvicorn serves `fake.app`: wrap it so the counters can be read back.
    fake.app = with_stats_endpoint(fake, fake.app, latency)  # type: ignore[assignment]
    async with serve_with_uvicorn(fake) as base_url:
        print(json.dumps({"base_url": base_url, "token": fake.token}), flush=True)
        await asyncio.to_thread(sys.stdin.read)


@dataclass(frozen=True)
class FakeServer:
    """A running fake server process, as the benchmark sees it."""

    base_url: str
    token: str

    def stats(self) -> dict[str, Any]:
        root = self.base_url.removesuffix("/bot")
        response = httpx.get(root + STATS_PATH, timeout=30)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result


@contextlib.contextmanager
def fake_server_process(first_chat_id: int, recipients: int, latency: float = 0.0,
                        flood_model: str = "bucket") -> Iterator[FakeServer]:
    """Start a fresh fake server process; stop it on exit."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.fake_server", "--first-chat-id", str(first_chat_id),
         "--recipients", str(recipients), "--latency", str(latency),
         "--flood-model", flood_model],
        cwd=REPOSITORY_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdin is not None and process.stdout is not None
    try:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("the fake server process exited before serving")
        started = json.loads(line)
        yield FakeServer(started["base_url"], started["token"])
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=START_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description="The fake Bot API for benchmarks.")
    parser.add_argument("--first-chat-id", type=int, required=True)
    parser.add_argument("--recipients", type=int, required=True)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to each call")
    parser.add_argument("--flood-model", choices=FLOOD_MODELS, default="bucket",
                        help="the bot-wide limit: a bucket (burst 30) or a strict window")
    args = parser.parse_args()
    asyncio.run(serve(args.first_chat_id, args.recipients, args.latency, args.flood_model))


if __name__ == "__main__":
    main()
