"""What the dashboard's server takes from a client, end to end over real sockets: a post that
is not one of its forms gets a short page (400, or 413 when too large) and one warning, never
a traceback.

These do not depend on the database, so they run on SQLite only.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
from loguru import logger

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
