"""What the dashboard's server takes from a client, end to end over real sockets: a post that
is not one of its forms gets a short page (400, or 413 when too large) and one warning, never
a traceback; a client that sends its request slowly, or never, is disconnected.

These do not depend on the database, so they run on SQLite only.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from loguru import logger

from bot.web import embedded_server
from bot.web.asgi import SECRET_HEADER
from bot.web.request_limits import MAX_BODY_BYTES
from tests.e2e.test_dashboard import browser, dashboard_bot
from tests.e2e.test_export import TODAY
from tests.e2e.webhook_harness import SECRET, WEBHOOK_PATH, running_webhook_bot
from tests.fake_telegram import FakeTelegram
from tests.support.clock import SimulatedClock
from tests.support.html_table import page_text

REPORT_ACTION = "/report/quy/2020-03-10/dondoc"
TOO_LARGE = "x" * (MAX_BODY_BYTES + 1)
BAD_FORM_PAGE = "biểu mẫu gửi lên không đúng định dạng nên chưa được xử lý"
TOO_LARGE_PAGE = "dữ liệu gửi lên quá lớn nên chưa được xử lý"


@contextlib.contextmanager
def logged() -> Iterator[list[tuple[str, str, bool]]]:
    """Every line logged at WARNING or above meanwhile: (level, message, has a traceback)."""
    lines: list[tuple[str, str, bool]] = []
    sink = logger.add(lambda message: lines.append((
        message.record["level"].name, message.record["message"],
        message.record["exception"] is not None)), level="WARNING", format="{message}")
    try:
        yield lines
    finally:
        logger.remove(sink)


def malformed_posts(csrf: str) -> dict[str, tuple[int, dict[str, Any]]]:
    """Posts no page of the dashboard sends, each with the right token: the status each gets
    (400, or 413 for a body over MAX_BODY_BYTES) and httpx's arguments."""
    urlencoded = {"Content-Type": "application/x-www-form-urlencoded"}
    ten_mb = "x" * 10 * 1024 * 1024

    async def streamed() -> AsyncIterator[bytes]:  # no Content-Length: sent in chunks
        yield f"csrf={csrf}&unit=".encode()
        for _ in range(10):
            yield b"x" * (1024 * 1024)

    return {
        "multipart without a boundary": (400, {
            "content": f"csrf={csrf}", "headers": {"Content-Type": "multipart/form-data"}}),
        "3,000 fields": (400, {"content": f"csrf={csrf}&" + "&".join(
            f"field{i}=x" for i in range(3000)), "headers": urlencoded}),
        "3,000 multipart fields": (400, {
            "files": {"csrf": (None, csrf), **{f"field{i}": (None, "x") for i in range(3000)}}}),
        "a 2 kB field": (400, {"content": f"csrf={csrf}&unit={'x' * 2048}",
                               "headers": urlencoded}),
        "a file": (400, {"files": {"csrf": (None, csrf), "unit": ("unit.txt", b"syt")}}),
        "garbage as multipart": (400, {
            "content": b"\x00\xff\xfe garbage\r\n--x", "headers": {
                "Content-Type": "multipart/form-data; boundary=x"}}),
        "a part without a name": (400, {
            "content": b"--x\r\nContent-Disposition: form-data\r\n\r\nsyt\r\n--x--\r\n",
            "headers": {"Content-Type": "multipart/form-data; boundary=x"}}),
        "a 10 MB field": (413, {"content": f"csrf={csrf}&unit={ten_mb}",
                                "headers": urlencoded}),
        "a 10 MB multipart field": (413, {"files": {"csrf": (None, csrf),
                                                     "unit": (None, ten_mb)}}),
        # Refused as soon as the field passes its bound, before the body's.
        "a 10 MB field in chunks": (400, {"content": streamed(), "headers": urlencoded}),
    }


async def test_a_post_that_is_not_a_dashboard_form_gets_a_short_page_and_one_warning(
    sqlite_url: str
) -> None:
    answers: dict[tuple[str, str], tuple[int, httpx.Response, list[tuple[str, str, bool]]]] = {}
    async with dashboard_bot(sqlite_url, SimulatedClock(TODAY)) as (_bot, fake, admin), \
            browser(fake, admin) as client:
        page = await client.get("/?year=2020")
        found = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text)
        assert found is not None
        for path in ("/logout", REPORT_ACTION):
            for name, (status, post) in malformed_posts(found.group(1)).items():
                with logged() as lines:
                    answers[path, name] = status, await client.post(path, **post), lines
        still_in = await client.get("/?year=2020")
        english = await client.post("/logout?lang=en", content="csrf=1&" * 3000,
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
        unsigned = await client.post("/logout", content=TOO_LARGE, headers={"Cookie": ""})
    assert len(answers) == 20
    for (path, name), (status, answer, lines) in answers.items():
        text = page_text(answer.text)
        explained = TOO_LARGE_PAGE if status == 413 else BAD_FORM_PAGE
        assert (answer.status_code, explained in text) == (status, True), (path, name)
        assert "Traceback" not in answer.text and "Exception" not in answer.text
        assert len(text) < 400, (path, name)  # a short page
        assert [(level, exc) for level, _message, exc in lines] == [("WARNING", False)], (
            path, name, lines)
        assert path in lines[0][1]
    assert still_in.status_code == 200  # the malformed posts to /logout signed nobody out
    assert english.status_code == 400 and "form sent was not in the expected format" in (
        page_text(english.text))
    assert unsigned.status_code == 413  # refused before anything is read, signed in or not


async def test_the_webhook_server_bounds_a_posts_body_too(sqlite_url: str) -> None:
    """Said by Content-Length, or found while the body is read (sent in chunks)."""

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(3):
            yield b"{" * (MAX_BODY_BYTES // 2)

    async with running_webhook_bot(FakeTelegram(), sqlite_url) as bot:
        with logged() as declared_lines:
            declared = await bot.client.post(WEBHOOK_PATH, content=TOO_LARGE,
                                             headers={SECRET_HEADER: SECRET})
        with logged() as streamed_lines:
            streamed = await bot.client.post(WEBHOOK_PATH, content=chunks(),
                                             headers={SECRET_HEADER: SECRET})
        health = await bot.client.get("/healthz")
    assert (declared.status_code, streamed.status_code) == (413, 413)
    assert [(level, exc) for level, _message, exc in declared_lines] == [("WARNING", False)]
    assert [(level, exc) for level, _message, exc in streamed_lines] == [("WARNING", False)]
    assert health.text == "ok"


@pytest.fixture
def short_timeouts(monkeypatch: pytest.MonkeyPatch) -> float:
    """The servers' request and keep-alive timeouts cut to a second (set before they start)."""
    monkeypatch.setattr(embedded_server, "REQUEST_READ_TIMEOUT_SECONDS", 1.0)
    monkeypatch.setattr(embedded_server, "KEEP_ALIVE_TIMEOUT_SECONDS", 1)
    return 1.0


async def closed_by_server(reader: asyncio.StreamReader, bound: float) -> bool:
    """Whether the server closes the connection within `bound` seconds (what it sends first,
    if anything, is read and dropped)."""
    try:
        async with asyncio.timeout(bound):
            while await reader.read(65536):
                pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        pass
    return True


async def trickle(writer: asyncio.StreamWriter, lines: Iterator[bytes]) -> None:
    """Send one line every 0.2 s until the server hangs up."""
    with contextlib.suppress(ConnectionError):
        for line in lines:
            writer.write(line)
            await writer.drain()
            await asyncio.sleep(0.2)


def endless_headers() -> Iterator[bytes]:
    yield b"GET /?year=2020 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    for number in range(10_000):
        yield f"X-Slow-{number}: still coming\r\n".encode()


def endless_body(cookie: str) -> Iterator[bytes]:
    yield (f"POST /logout HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nContent-Type: "
           "application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n").encode()
    while True:
        yield b"x"


async def test_clients_that_send_their_request_slowly_or_never_are_disconnected(
    sqlite_url: str, short_timeouts: float
) -> None:
    """Silent connections, headers or a body trickled a line at a time (signed in, so the
    form is being read, or not), and a kept-alive connection that starts a second request and
    stalls: all closed within the timeout (here a second), however many there are, with no
    error logged; the server still answers others meanwhile."""
    bound = short_timeouts + 2
    with logged() as lines:
        async with dashboard_bot(sqlite_url, SimulatedClock(TODAY)) as (bot, fake, admin), \
                browser(fake, admin) as signed_in:
            port = bot.deps.settings.web.port
            session = f"deadline_bot_session={signed_in.cookies['deadline_bot_session']}"
            opened = [await asyncio.open_connection("127.0.0.1", port) for _ in range(60)]
            headers, body = opened[20:40], opened[40:]  # and 20 that send nothing
            senders = [asyncio.create_task(trickle(writer, endless_headers()))
                       for _reader, writer in headers]
            senders += [asyncio.create_task(trickle(writer, endless_body(session if n % 2 else "")))
                        for n, (_reader, writer) in enumerate(body)]
            kept_reader, kept_writer = await asyncio.open_connection("127.0.0.1", port)
            kept_writer.write(b"GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            first = await kept_reader.readuntil(b"\r\n")
            kept_writer.write(b"GET / HTTP/1.1\r\nHost: 127.0")  # and nothing more
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}",
                                         trust_env=False) as client:
                meanwhile = await client.get("/")
            closed = await asyncio.gather(
                *(closed_by_server(reader, bound) for reader, _writer in opened),
                closed_by_server(kept_reader, bound))
            for sender in senders:
                sender.cancel()
            for _reader, writer in [*opened, (kept_reader, kept_writer)]:
                writer.close()
    assert first.startswith(b"HTTP/1.1 404")
    assert meanwhile.status_code == 401
    assert closed == [True] * 61
    assert [line for line in lines if line[0] != "WARNING"] == []


async def test_an_idle_kept_alive_connection_is_closed(sqlite_url: str,
                                                       short_timeouts: float) -> None:
    async with dashboard_bot(sqlite_url, SimulatedClock(TODAY)) as (bot, _fake, _admin):
        reader, writer = await asyncio.open_connection("127.0.0.1", bot.deps.settings.web.port)
        writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = await reader.readuntil(b"\r\n")
        closed = await closed_by_server(reader, short_timeouts + 2)
        writer.close()
    assert answer.startswith(b"HTTP/1.1 401")
    assert closed
