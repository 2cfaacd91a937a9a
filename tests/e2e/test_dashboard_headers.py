"""The headers of the dashboard's server, end to end: every answer, Starlette's own 404 and
405 included, carries the Content-Security-Policy (which lets only Telegram's web client frame
the pages), no referrer and no sniffing; pages are never cached, their two files are.

Browsers obeying the policy: tests/browser/test_dashboard_policy.py. SQLite only: nothing here
depends on the database.
"""

from __future__ import annotations

import re

import httpx

from tests.e2e.test_dashboard import browser, dashboard_bot
from tests.e2e.test_export import TODAY
from tests.e2e.webhook_harness import running_webhook_bot
from tests.fake_telegram import FakeTelegram
from tests.support.clock import SimulatedClock

POLICY = ("default-src 'none'; script-src 'self' https://telegram.org/js/telegram-web-app.js; "
          "style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; "
          "base-uri 'none'; frame-ancestors https://web.telegram.org")
SECURITY_HEADERS = {"content-security-policy": POLICY, "referrer-policy": "no-referrer",
                    "x-content-type-options": "nosniff"}


def security_headers(answer: httpx.Response) -> dict[str, str | None]:
    return {name: answer.headers.get(name) for name in SECURITY_HEADERS}


async def test_every_answer_carries_the_policy_and_the_security_headers(sqlite_url: str) -> None:
    async with dashboard_bot(sqlite_url, SimulatedClock(TODAY)) as (_bot, fake, admin):
        async with browser(fake, admin) as client:
            page = await client.get("/?year=2020")
            assets = re.findall(r'(?:href|src)="(/static/[a-z_]+\.(?:css|js)\?v=[0-9a-f]+)"',
                                page.text)
            answers = {
                "page": page,
                "chart": await client.get("/chart?year=2020"),
                "refused form": await client.post("/logout"),
                "unknown address": await client.get("/nothing/here"),
                "GET of a form's address": await client.get("/logout"),
                "POST to a page": await client.post("/?year=2020"),
                "unknown file": await client.get("/static/other.js"),
                "too large": await client.post("/logout", content=b"x" * (2 * 1024 * 1024)),
                **{asset: await client.get(asset) for asset in assets},
            }
        async with httpx.AsyncClient(base_url=str(page.url.copy_with(path="/", query=None)),
                                     trust_env=False) as stranger:
            answers["signed out"] = await stranger.get("/")
    statuses = {name: answer.status_code for name, answer in answers.items()}
    assert statuses == {"page": 200, "chart": 200, "refused form": 403, "unknown address": 404,
                        "GET of a form's address": 405, "POST to a page": 405,
                        "unknown file": 404, "too large": 413, "signed out": 401,
                        **{asset: 200 for asset in assets}}
    assert [asset.split("?")[0] for asset in assets] == ["/static/dashboard.css",
                                                         "/static/mini_app.js"]
    for name, answer in answers.items():
        assert security_headers(answer) == SECURITY_HEADERS, name
        cached = answer.headers["cache-control"]
        assert cached == ("public, max-age=31536000, immutable" if name in assets
                          else "no-store"), name
    css, script = (answers[asset] for asset in assets)
    assert css.headers["content-type"] == "text/css; charset=utf-8"
    assert script.headers["content-type"] == "text/javascript; charset=utf-8"
    assert "X-Telegram-Init-Data" in script.text
    # Nothing inline for the policy to refuse.
    for name in ("page", "chart", "signed out"):
        html = answers[name].text
        assert "<style" not in html and " style=" not in html, name
        assert re.findall(r"<script[^>]*>", html) == [
            '<script src="https://telegram.org/js/telegram-web-app.js">',
            f'<script src="{assets[1]}">'], name


async def test_in_webhook_mode_the_servers_own_answers_carry_them_too(sqlite_url: str) -> None:
    async with running_webhook_bot(
            FakeTelegram(), sqlite_url,
            web_base_url="https://bot.example.gov.vn/dashboard") as bot:
        outside = await bot.client.get("/login/" + "A" * 43)
        wrong_method = await bot.client.get("/telegram/hook")
        health = await bot.client.get("/healthz")
        page = await bot.client.get("/dashboard/")
        asset = await bot.client.get("/dashboard/static/dashboard.css")
    assert (outside.status_code, outside.text) == (404, "Not Found")  # Starlette's own
    assert wrong_method.status_code == 405
    assert (health.status_code, page.status_code, asset.status_code) == (200, 401, 200)
    for answer in (outside, wrong_method, health, page, asset):
        assert security_headers(answer) == SECURITY_HEADERS, answer.url
    assert 'href="/dashboard/static/dashboard.css?v=' in page.text
