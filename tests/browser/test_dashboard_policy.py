"""The dashboard's Content-Security-Policy in a real browser (headless Chromium): every page
works under it without one violation, the policy is in force, and only Telegram's web client
may frame the pages, where the Mini App still signs in and follows links.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, ConsoleMessage, Frame, Page, Route

from tests.browser.test_dashboard_browser import (
    TELEGRAM_WEB_APP_JS,
    signed_in,
    telegram_web_app_stand_in,
)
from tests.e2e.test_dashboard import dashboard_bot, login_link
from tests.e2e.test_dashboard_actions import REPORT
from tests.e2e.test_export import TODAY, office_with_answers
from tests.support.clock import SimulatedClock
from tests.support.mini_app import signed_init_data

pytestmark = pytest.mark.asyncio(loop_scope="session")

# Every violation, in any frame of the page, from the window's listener (which outlives the
# Mini App's document.open()).
RECORD_VIOLATIONS = """
window.violations = [];
window.addEventListener("securitypolicyviolation", function (event) {
  window.violations.push(event.effectiveDirective + " " + event.blockedURI);
});
"""
# A stand-in address of the dashboard: Chromium lets no page of a public site (here Telegram
# Web) frame a loopback address, so the browser asks for this one and the test forwards each
# request to the bot's server on 127.0.0.1, answer and headers unchanged.
DASHBOARD = "https://dashboard.example"
TELEGRAM_WEB = "https://web.telegram.org/a/"
OTHER_SITE = "https://elsewhere.example/"


def policy_complaints(messages: list[ConsoleMessage]) -> list[str]:
    """What Chromium's console said about the Content-Security-Policy."""
    return [m.text for m in messages if "Content Security Policy" in m.text]


async def violations(page: Page) -> list[str]:
    found: list[str] = await page.evaluate("window.violations")
    return found


async def test_every_page_works_under_the_policy_without_a_violation(
    browser: Browser, sqlite_url: str
) -> None:
    async with dashboard_bot(sqlite_url, SimulatedClock(TODAY)) as (bot, fake, admin):
        hanh, _lan = await office_with_answers(bot, fake, admin)
        async with signed_in(browser, fake, hanh) as (page, server):
            console: list[ConsoleMessage] = []
            page.on("console", lambda message: console.append(message))
            await page.add_init_script(RECORD_VIOLATIONS)
            seen: dict[str, list[str]] = {}
            for path in ("/?year=2020", "/?year=2020&group=district&lang=en",
                         f"{REPORT}?year=2020", "/report/quy/2020-03-10?year=2020",
                         "/unit/syt?year=2020", "/chart?year=2020", "/unit/nothing",
                         "/registration", "/registration?lang=en"):
                await page.goto(path)
                seen[path] = await violations(page)
            header = await page.eval_on_selector(
                "header", "header => getComputedStyle(header).backgroundColor")
            await page.goto("/chart?year=2020")
            bars = await page.eval_on_selector_all(
                "#chart-units tr", "rows => Object.fromEntries(rows.map(row => [row.dataset.key,"
                " row.querySelector('rect').getBoundingClientRect().width"
                " / row.querySelector('svg').getBoundingClientRect().width]))")
            await page.get_by_role("button", name="Đăng xuất").click()
            await page.wait_for_url(re.compile(r"/logout$"))
            signed_out = await violations(page)
            # The policy is in force: a style written into the page is refused, and said so.
            refused = await page.evaluate("""() => {
                const style = document.createElement("style");
                style.textContent = "body { outline: 3px solid red; }";
                document.head.append(style);
                return getComputedStyle(document.body).outlineStyle;
            }""")
            await page.wait_for_function("window.violations.length > 0")
            probe = await violations(page)
        stranger = await browser.new_context(base_url=server)
        try:
            page = await stranger.new_page()
            await page.add_init_script(RECORD_VIOLATIONS)
            refused_page = await page.goto("/?year=2020")
            refused_violations = await violations(page)
        finally:
            await stranger.close()
    assert seen == {path: [] for path in seen}
    assert header == "rgb(31, 78, 121)"  # the stylesheet applies
    assert bars["snv"] == pytest.approx(1.0, abs=0.01)  # 100 %, drawn in SVG
    assert all(share < 0.05 for code, share in bars.items() if code != "snv")  # 0 %: a sliver
    assert signed_out == [] and refused_violations == []
    assert refused_page is not None and refused_page.status == 401
    assert refused == "none" and probe == ["style-src-elem inline"]
    [complaint] = policy_complaints(console)  # the probe's own, and nothing else
    assert "inline style violates" in complaint


@contextlib.asynccontextmanager
async def telegram_web_context(browser: Browser, server: str, init_data: str
                               ) -> AsyncIterator[BrowserContext]:
    """A browser where Telegram's script gives `init_data`, TELEGRAM_WEB and OTHER_SITE are
    pages framing the dashboard at DASHBOARD, and DASHBOARD is forwarded to `server`."""
    context = await browser.new_context()
    async with httpx.AsyncClient(trust_env=False) as forward:

        async def dashboard(route: Route) -> None:
            asked = route.request
            answer = await forward.request(
                asked.method, asked.url.replace(DASHBOARD, server, 1),
                headers={k: v for k, v in asked.headers.items() if k not in ("host",)},
                content=asked.post_data_buffer)
            await route.fulfill(status=answer.status_code, headers=dict(answer.headers),
                                body=answer.content)

        async def framing(route: Route) -> None:
            await route.fulfill(content_type="text/html", body=(
                f'<!doctype html><iframe id="app" src="{DASHBOARD}/?year=2020" width="900"'
                ' height="700"></iframe>'))

        try:
            await context.route(lambda url: url.startswith(DASHBOARD + "/"), dashboard)
            await context.route(TELEGRAM_WEB_APP_JS, lambda route: route.fulfill(
                content_type="text/javascript", body=telegram_web_app_stand_in(init_data)))
            await context.route(TELEGRAM_WEB, framing)
            await context.route(OTHER_SITE, framing)
            yield context
        finally:
            await context.close()


def dashboard_frame(page: Page) -> Frame:
    [frame] = [frame for frame in page.frames if frame != page.main_frame]
    return frame


async def test_only_telegrams_web_client_may_frame_the_mini_app(
    browser: Browser, sqlite_url: str
) -> None:
    clock = SimulatedClock(TODAY)
    async with dashboard_bot(sqlite_url, clock) as (bot, fake, admin):
        await office_with_answers(bot, fake, admin)
        server, _path = await login_link(fake, admin)
        init_data = signed_init_data(fake.token, admin.id, clock())
        async with telegram_web_context(browser, server, init_data) as context:
            page = await context.new_page()
            console: list[ConsoleMessage] = []
            page.on("console", lambda message: console.append(message))
            await page.goto(TELEGRAM_WEB)
            inside = dashboard_frame(page)
            await inside.locator("#matrix tbody tr").nth(37).wait_for()
            framed_rows = await inside.locator("#matrix tbody tr").count()
            await inside.locator("#matrix thead a", has_text="Quý I/2020").click()
            await inside.locator("#detail tbody tr").nth(37).wait_for()
            followed = await inside.locator("#detail tbody tr").count()
            in_telegram = policy_complaints(console)
            other = await context.new_page()
            console.clear()
            other.on("console", lambda message: console.append(message))
            await other.goto(OTHER_SITE)
            await other.wait_for_function("document.querySelector('#app') !== null")
            await other.wait_for_timeout(500)  # time to show the page, were it allowed
            elsewhere = dashboard_frame(other)
            elsewhere_rows = await elsewhere.locator("#matrix tbody tr").count()
            elsewhere_complaints = policy_complaints(console)
    assert (framed_rows, followed) == (38, 38)
    assert in_telegram == []
    assert elsewhere_rows == 0 and elsewhere.url.startswith("chrome-error:")
    assert len(elsewhere_complaints) == 1
    assert 'violates the following Content Security Policy directive: "frame-ancestors ' \
           'https://web.telegram.org"' in elsewhere_complaints[0]
