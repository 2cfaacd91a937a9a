"""Files units attached, on the dashboard: a report's page lists each unit's files, and a link
fetches the file through the bot (getFile, then the download) and hands it over as an
attachment; officers get only their own units' files, and a Telegram failure is a polite 502."""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import AsyncIterator

import httpx

from tests.e2e.harness import RunningBot
from tests.e2e.test_dashboard import browser
from tests.e2e.test_dashboard_actions import REPORT, office_bot
from tests.e2e.test_office_actions import people
from tests.e2e.test_status_files import PDF
from tests.e2e.test_status_replies import first_reminder
from tests.fake_telegram import FakeTelegram, FakeUser
from tests.support.clock import SimulatedClock, local
from tests.support.html_table import page_text, table_rows

FILE_NAME = "Báo cáo triển khai.pdf"
FILE_LINK = re.compile(r'href="(/file/\d+)[^"]*"')


@contextlib.asynccontextmanager
async def sent_file(database_url: str, mime_type: str = "application/pdf"
                    ) -> AsyncIterator[tuple[RunningBot, FakeTelegram, FakeUser, FakeUser,
                                             FakeUser]]:
    """Lan (Sở Y tế) replies to her reminder with a PDF (sent as `mime_type`); Hạnh is the
    office, Mai the officer of Sở Tư pháp."""
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with office_bot(database_url, clock) as (bot, fake, admin):
        hanh, lan, _hung, mai = await people(bot, fake, admin)
        reminder = await first_reminder(bot, fake, clock, lan)
        await fake.wait_for_bot_messages(mai)  # her own reminder
        fake.send_document(lan, PDF, FILE_NAME, mime_type, reply_to=reminder.message_id)
        [attached] = await fake.wait_for_bot_messages(lan)
        assert attached.text.startswith(f"📎 Đã đính kèm tệp «{FILE_NAME}»"), attached.text
        yield bot, fake, hanh, lan, mai


async def file_link(client: httpx.AsyncClient) -> str:
    """The address of the one file listed on the report's page."""
    page = await client.get(REPORT, params={"year": "2020"})
    [link] = FILE_LINK.findall(page.text)
    return html.unescape(link)


async def test_the_office_sees_the_units_file_on_the_report_and_downloads_exactly_it(
    database_url: str
) -> None:
    async with sent_file(database_url) as (_bot, fake, hanh, lan, _mai):
        async with browser(fake, hanh) as client:
            page = await client.get(REPORT, params={"year": "2020"})
            link = await file_link(client)
            download = await client.get(link)
            unknown = await client.get("/file/999999")
            not_a_number = await client.get("/file/1%3Cscript%3E")
        async with browser(fake, lan) as client:
            own = await client.get(link)
        async with httpx.AsyncClient(base_url=str(client.base_url), trust_env=False) as nobody:
            unsigned = await nobody.get(link)
    _, files = table_rows(page.text, "files")
    assert files == {"syt": ["Sở Y tế", f"{FILE_NAME} (3 KB)"]}
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"] == (
        "attachment; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20tri%E1%BB%83n%20khai.pdf")
    assert download.headers["cache-control"] == "no-store"
    assert download.headers["x-content-type-options"] == "nosniff"
    assert len(fake.calls("getFile")) == 2  # Hạnh's download and Lan's
    assert own.status_code == 200 and own.content == PDF
    assert (unknown.status_code, not_a_number.status_code) == (404, 404)
    assert "Không tìm thấy tệp này" in page_text(unknown.text)
    assert unsigned.status_code == 401 and unsigned.content != PDF


async def test_an_officer_of_another_unit_is_refused_the_file(database_url: str) -> None:
    async with sent_file(database_url) as (_bot, fake, hanh, _lan, mai):
        async with browser(fake, hanh) as client:
            link = await file_link(client)
        async with browser(fake, mai) as client:
            page = await client.get(REPORT, params={"year": "2020"})
            refused = await client.get(link)
    assert list(table_rows(page.text, "detail")[1]) == ["stp"]
    assert FILE_LINK.search(page.text) is None
    assert refused.status_code == 403
    assert "chỉ tải được tệp của các đơn vị mình phụ trách" in page_text(refused.text)
    assert refused.content != PDF
    assert fake.calls("getFile") == []  # refused before asking Telegram


async def test_when_telegram_fails_the_reader_gets_a_polite_502_and_may_try_again(
        database_url: str) -> None:
    async with sent_file(database_url) as (_bot, fake, hanh, _lan, _mai), \
            browser(fake, hanh) as client:
        link = await file_link(client)
        fake.inject_failure("getFile", 500, times=1)
        failed = await client.get(link)
        again = await client.get(link)
    assert failed.status_code == 502
    assert failed.headers["content-type"].startswith("text/html")
    assert "chưa tải được tệp này từ Telegram" in page_text(failed.text)
    assert again.status_code == 200 and again.content == PDF


async def test_a_file_sent_as_a_web_page_is_handed_over_as_plain_bytes(database_url: str) -> None:
    async with sent_file(database_url, mime_type="text/html") as (_bot, fake, hanh, _, _), \
            browser(fake, hanh) as client:
        download = await client.get(await file_link(client))
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/octet-stream"
    assert download.headers["content-disposition"].startswith("attachment; ")
