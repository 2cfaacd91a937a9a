"""The office's dashboard in a real browser (headless Chromium): signing in with the link /web
sends, the 2020 matrix as a person sees it, the filters' form, a report's detail, the Mini App's
signed data, and what is refused.

The bot runs in this event loop with the fake Bot API (tests.e2e.harness) and serves the
dashboard on a loopback port, as `deadline-bot run` does; the browser talks real HTTP to it.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect

from tests.e2e.test_dashboard import QUARTERS, dashboard_bot, login_link
from tests.e2e.test_dashboard_actions import APPROVED_TO_LAN, REPORT, sent_reminders
from tests.e2e.test_export import TODAY, office_with_answers
from tests.fake_telegram import FakeTelegram, FakeUser
from tests.support.clock import SimulatedClock, local
from tests.support.mini_app import signed_init_data

pytestmark = pytest.mark.asyncio(loop_scope="session")

INIT_DATA_HEADER = "X-Telegram-Init-Data"
# The short word in a matrix cell and the legend's full name of the same standing.
CELL_TO_LEGEND = {"Đúng hạn": "Đã gửi – đúng hạn", "Trễ hạn": "Đã gửi – trễ hạn",
                  "Đang làm": "Đang thực hiện", "Vướng mắc": "Có khó khăn, vướng mắc",
                  "Xin gia hạn": "Đề nghị gia hạn", "Chưa gửi": "Chưa gửi",
                  "Quá hạn": "Quá hạn – chưa gửi"}
DISTRICTS = ["tptv", "txdh", "canglong", "chauthanh", "cauke", "tieucan", "caungang", "tracu",
             "duyenhai"]


@contextlib.asynccontextmanager
async def signed_in(browser: Browser, fake: FakeTelegram, user: FakeUser
                    ) -> AsyncIterator[tuple[Page, str]]:
    """A browser tab signed in by opening the link /web sent to `user`: (tab, server)."""
    server, path = await login_link(fake, user)
    context = await browser.new_context(base_url=server)
    try:
        page = await context.new_page()
        opened = await page.goto(path)
        assert opened is not None and opened.ok, await page.content()
        yield page, server
    finally:
        await context.close()


@contextlib.asynccontextmanager
async def mini_app(browser: Browser, server: str, init_data: str
                   ) -> AsyncIterator[tuple[BrowserContext, Page]]:
    """A tab that sends `init_data` with every request, as the Mini App will."""
    context = await browser.new_context(base_url=server,
                                        extra_http_headers={INIT_DATA_HEADER: init_data})
    try:
        yield context, await context.new_page()
    finally:
        await context.close()


async def matrix_header(page: Page) -> list[str]:
    texts = await page.locator("#matrix thead th").all_inner_texts()
    return [" ".join(text.split()) for text in texts]


async def matrix_rows(page: Page) -> dict[str, list[str]]:
    """By unit code, each row's cells as the browser renders them."""
    rows: dict[str, list[str]] = await page.eval_on_selector_all(
        "#matrix tbody tr",
        "rows => Object.fromEntries(rows.map(row => [row.dataset.unit,"
        " [...row.cells].map(cell => cell.innerText.trim())]))")
    return rows


async def detail_rows(page: Page) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = await page.eval_on_selector_all(
        "#detail tbody tr",
        "rows => Object.fromEntries(rows.map(row => [row.dataset.unit,"
        " [...row.cells].map(cell => cell.innerText.trim())]))")
    return rows


async def background(page: Page, selector: str) -> str:
    colour: str = await page.eval_on_selector(
        selector, "element => getComputedStyle(element).backgroundColor")
    return colour


async def visible_text(page: Page) -> str:
    return " ".join((await page.locator("body").inner_text()).split())


async def test_the_admin_signs_in_with_the_chat_link_and_sees_the_standings_of_2020(
    browser: Browser, database_url: str
) -> None:
    async with dashboard_bot(database_url, SimulatedClock(TODAY)) as (bot, fake, admin):
        await office_with_answers(bot, fake, admin)
        server, path = await login_link(fake, admin)
        context = await browser.new_context(base_url=server)
        page = await context.new_page()
        before = await page.goto("/?year=2020")
        before_text = await visible_text(page)
        opened = await page.goto(path)
        landed_on = page.url
        await page.goto("/?year=2020")
        header, rows = await matrix_header(page), await matrix_rows(page)
        legend = {text: await background(page, f".legend span:text-is('{text}')")
                  for text in CELL_TO_LEGEND.values()}
        syt_launch = await background(page, "#matrix tr[data-unit=syt] td >> nth=0")
        cell_colours = await page.eval_on_selector_all(
            "#matrix tbody td",
            "cells => cells.map(c => [c.innerText.trim(), getComputedStyle(c).backgroundColor])")
        cookies = await context.cookies()
        script_sees = await page.evaluate("document.cookie")
        await expect(page.locator("#matrix tr[data-unit=sxd] td").nth(1)).to_be_visible()
        title = await page.title()
        again = await page.goto(path)
        again_text = await visible_text(page)
        await context.close()
    assert before is not None and before.status == 401
    assert "gửi lệnh /web cho bot" in before_text
    assert opened is not None and opened.status == 200 and landed_on == f"{server}/"
    assert title == "Tình hình thực hiện chế độ báo cáo năm 2020"
    assert header == ["Đơn vị", "trienkhai Năm 2020 20/01/2020", *QUARTERS]
    assert len(rows) == 38
    assert rows["snv"] == ["Sở Nội vụ", "Đúng hạn", "Đúng hạn", "Chưa gửi", "Chưa gửi",
                           "Chưa gửi"]
    assert rows["syt"][1:3] == ["Quá hạn", "Trễ hạn"]
    assert [rows[code][2] for code in ("sxd", "sct", "stc", "skhdt")] == [
        "Vướng mắc", "Xin gia hạn", "Đang làm", "Quá hạn"]
    # Each standing has a colour of its own, and every cell wears its standing's colour.
    assert len(set(legend.values())) == len(CELL_TO_LEGEND)
    assert "rgba(0, 0, 0, 0)" not in legend.values()
    assert syt_launch == legend["Quá hạn – chưa gửi"]
    assert {text for text, _ in cell_colours} == set(CELL_TO_LEGEND)
    assert all(colour == legend[CELL_TO_LEGEND[text]] for text, colour in cell_colours)
    [session] = [c for c in cookies if c["name"] == "deadline_bot_session"]
    assert session["httpOnly"] and session["sameSite"] == "Lax"
    assert "deadline_bot_session" not in script_sees  # no script of the page can read it
    assert again is not None and again.status == 410
    assert "đã được sử dụng" in again_text


async def test_the_office_filters_the_matrix_and_opens_a_report(
    browser: Browser, database_url: str
) -> None:
    async with dashboard_bot(database_url, SimulatedClock(TODAY)) as (bot, fake, admin):
        hanh, _lan = await office_with_answers(bot, fake, admin)
        async with signed_in(browser, fake, hanh) as (page, server):
            await page.goto("/?year=2020")
            await page.select_option("select[name=group]", "district")
            await page.get_by_role("button", name="Lọc").click()
            await page.wait_for_url(re.compile(r"group=district"))
            districts = await matrix_rows(page)
            kept = await page.locator("select[name=group]").input_value()
            await page.select_option("select[name=group]", "")
            await page.select_option("select[name=deadline]", "quy")
            await page.select_option("select[name=standing]", "blocked")
            await page.get_by_role("button", name="Lọc").click()
            await page.wait_for_url(re.compile(r"standing=blocked"))
            filtered_url = page.url
            header, blocked = await matrix_header(page), await matrix_rows(page)
            count = await page.locator("#count").inner_text()
            await page.locator("#matrix thead a", has_text="Quý I/2020").click()
            await page.wait_for_url(re.compile(r"/report/quy/2020-03-10"))
            detail_url = page.url
            heading = await page.locator("h1").inner_text()
            lines = await detail_rows(page)
            await page.get_by_role("link", name="← Về bảng tổng hợp").click()
            await page.wait_for_url(re.compile(r"/\?year=2020$"))
            back = await matrix_rows(page)
    assert list(districts) == DISTRICTS and kept == "district"
    assert filtered_url == f"{server}/?year=2020&group=&deadline=quy&standing=blocked"
    assert header == ["Đơn vị", *QUARTERS]
    assert blocked == {"sxd": ["Sở Xây dựng", "Vướng mắc", "Chưa gửi", "Chưa gửi", "Chưa gửi"]}
    assert count == "1 / 1 đơn vị"
    assert detail_url == f"{server}/report/quy/2020-03-10?year=2020"
    assert heading.endswith("— Quý I/2020")
    assert lines["syt"] == ["Sở Y tế", "Đã gửi – trễ hạn", "12/03/2020", "2", "", "", "", "",
                            "Lan"]
    assert lines["sxd"][1:6] == ["Có khó khăn, vướng mắc", "", "",
                                 "Thiếu số liệu của các huyện",
                                 "Đề nghị Sở Kế hoạch và Đầu tư hỗ trợ"]
    assert lines["sct"][6] == "20/03/2020"
    assert len(lines) == 38 and len(back) == 38


async def test_a_mini_app_is_let_in_by_telegrams_signed_data_and_bad_data_is_refused(
    browser: Browser, database_url: str
) -> None:
    clock = SimulatedClock(TODAY)
    async with dashboard_bot(database_url, clock) as (bot, fake, admin):
        _hanh, lan = await office_with_answers(bot, fake, admin)
        server, _path = await login_link(fake, admin)
        now, token = clock(), fake.token
        async with mini_app(browser, server, signed_init_data(token, admin.id, now)) as (
                context, page):
            as_admin = await page.goto("/?year=2020")
            admin_rows = await matrix_rows(page)
            sign_out_buttons = await page.get_by_role("button", name="Đăng xuất").count()
            await page.locator("#matrix thead a", has_text="Quý I/2020").click()
            await page.wait_for_url(re.compile(r"/report/quy/2020-03-10"))
            followed = await detail_rows(page)
            cookies = await context.cookies()
        async with mini_app(browser, server, signed_init_data(token, lan.id, now)) as (_, page):
            await page.goto("/?year=2020")
            lan_rows = await matrix_rows(page)
        forged_data = signed_init_data("1:" + "x" * 35, admin.id, now)
        async with mini_app(browser, server, forged_data) as (_, page):
            forged = await page.goto("/?year=2020")
            forged_text = await visible_text(page)
        stale_data = signed_init_data(token, admin.id, now - timedelta(hours=1, minutes=1))
        async with mini_app(browser, server, stale_data) as (_, page):
            stale = await page.goto("/?year=2020")
            stale_text = await visible_text(page)
    assert as_admin is not None and as_admin.status == 200
    assert len(admin_rows) == 38 and len(followed) == 38
    assert sign_out_buttons == 0 and cookies == []  # nothing to sign out of: no session
    assert list(lan_rows) == ["syt"]
    assert forged is not None and forged.status == 401
    assert "Không xác thực được thông tin đăng nhập từ Telegram" in forged_text
    assert stale is not None and stale.status == 401
    assert "quá 1 giờ" in stale_text


async def test_the_mini_app_script_signs_in_with_telegrams_data_and_keeps_it_on_every_click(
    browser: Browser, database_url: str
) -> None:
    """No header added by the test: the page's own script reads Telegram.WebApp.initData (from
    a stand-in for telegram-web-app.js) and sends it with each request."""
    clock = SimulatedClock(TODAY)
    async with dashboard_bot(database_url, clock) as (bot, fake, admin):
        await office_with_answers(bot, fake, admin)
        server, _path = await login_link(fake, admin)
        init_data = signed_init_data(fake.token, admin.id, clock())
        context = await browser.new_context(base_url=server)
        try:
            await context.route(TELEGRAM_WEB_APP_JS, lambda route: route.fulfill(
                content_type="text/javascript", body=telegram_web_app_stand_in(init_data)))
            page = await context.new_page()
            first = await page.goto("/?year=2020")  # as Telegram opens it: no header
            await expect(page.locator("#matrix tbody tr")).to_have_count(38)
            await page.locator("#matrix thead a", has_text="Quý I/2020").click()
            await expect(page.locator("#detail tbody tr")).to_have_count(38)
            followed_url = page.url
            cookies = await context.cookies()
        finally:
            await context.close()
    assert first is not None and first.status == 401  # before the script asked again
    assert "/report/quy/2020-03-10" in followed_url
    assert cookies == []


TELEGRAM_WEB_APP_JS = "https://telegram.org/js/telegram-web-app.js"


def telegram_web_app_stand_in(init_data: str) -> str:
    """What telegram-web-app.js gives a page inside Telegram, as far as the dashboard uses it."""
    return ("window.Telegram = {WebApp: {initData: " + json.dumps(init_data)
            + ", ready: function () {}}};")

async def test_a_login_link_opens_one_browser_only(browser: Browser, database_url: str) -> None:
    clock = SimulatedClock(TODAY)
    async with dashboard_bot(database_url, clock) as (_bot, fake, admin):
        server, path = await login_link(fake, admin)
        _late_server, late_path = await login_link(fake, admin)
        first = await browser.new_context(base_url=server)
        second = await browser.new_context(base_url=server)
        opened = await (await first.new_page()).goto(path)
        other = await second.new_page()
        reused = await other.goto(path)
        reused_text = await visible_text(other)
        still_out = await other.goto("/")
        clock.advance(timedelta(minutes=10))
        late = await other.goto(late_path)
        late_text = await visible_text(other)
        await first.close()
        await second.close()
    assert opened is not None and opened.status == 200
    assert reused is not None and reused.status == 410
    assert "đã được sử dụng" in reused_text
    assert still_out is not None and still_out.status == 401
    assert late is not None and late.status == 410 and "đã hết hạn" in late_text


async def test_the_office_approves_an_extension_from_the_report_page_and_the_unit_is_told(
    browser: Browser, database_url: str
) -> None:
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with dashboard_bot(database_url, clock) as (bot, fake, admin):
        hanh, lan, _hung, _mai = await sent_reminders(bot, fake, clock, admin)
        clock.set(local(2020, 1, 21, 9))
        async with signed_in(browser, fake, hanh) as (page, _server):
            await page.goto(f"{REPORT}?year=2020")
            before = await detail_rows(page)
            row = page.locator("#actions tr[data-unit=syt]")
            await row.get_by_role("button", name="Duyệt gia hạn").click()
            await expect(page.get_by_text("Đã duyệt gia hạn cho Sở Y tế.")).to_be_visible()
            [told] = await fake.wait_for_bot_messages(lan)
            after = await detail_rows(page)
            buttons_left = await page.locator("#actions tr[data-unit=syt] button").count()
    assert before["syt"][7] == ""  # "Được gia hạn đến"
    assert after["syt"][7] == "31/01/2020"
    assert buttons_left == 0
    assert told.text == APPROVED_TO_LAN
