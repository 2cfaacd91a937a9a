"""The dashboard after a unit is disabled: its officers, if they serve no other unit, lose the
page at their next request (cookie or Mini App data alike) and /web gives them no link; the
office and the admins keep the unit's history."""

from __future__ import annotations

from tests.e2e.test_dashboard import browser, dashboard_bot
from tests.e2e.test_export import TODAY, ask, office_with_answers
from tests.e2e.test_reminders import register
from tests.e2e.test_units_admin import edited_to
from tests.support.clock import SimulatedClock
from tests.support.html_table import page_text, table_rows
from tests.support.mini_app import signed_init_data

CLOSED = ("Đơn vị anh/chị phụ trách (Sở Y tế) đã ngừng theo dõi trên hệ thống, nên anh/chị "
          "không còn xem được trang theo dõi báo cáo. Nếu cần xem lại các báo cáo trước đây "
          "của đơn vị, xin liên hệ Văn phòng UBND tỉnh.")


async def test_officers_of_a_disabled_unit_lose_the_dashboard_and_the_office_keeps_its_history(
    database_url: str
) -> None:
    clock = SimulatedClock(TODAY)
    async with dashboard_bot(database_url, clock) as (bot, fake, admin):
        hanh, lan = await office_with_answers(bot, fake, admin)
        async with browser(fake, lan) as client:
            before = await client.get("/", params={"year": "2020"})
            question = await ask(fake, admin, "unit_disable", "syt")
            fake.press_button(admin, question.message_id, button_text="Có, ngừng theo dõi")
            await edited_to(fake, admin, question, "Đã ngừng theo dõi")
            matrix = await client.get("/", params={"year": "2020"})
            history = await client.get("/unit/syt", params={"year": "2020"})
            as_mini_app = await client.get("/unit/syt", params={"year": "2020"}, headers={
                "X-Telegram-Init-Data": signed_init_data(fake.token, lan.id, clock())})
            as_office = await client.get("/unit/syt", params={"year": "2020"}, headers={
                "X-Telegram-Init-Data": signed_init_data(fake.token, hanh.id, clock())})
        web = await ask(fake, lan, "web")
    assert list(table_rows(before.text, "matrix")[1]) == ["syt"]
    for refused in (matrix, history, as_mini_app):
        assert refused.status_code == 403
        assert CLOSED in page_text(refused.text)
    assert web.text == CLOSED and "/login/" not in web.text
    assert as_office.status_code == 200
    assert "Sở Y tế" in page_text(as_office.text)


async def test_an_officer_still_serving_another_unit_sees_only_that_one(
    database_url: str
) -> None:
    async with dashboard_bot(database_url, SimulatedClock(TODAY)) as (bot, fake, admin):
        _hanh, lan = await office_with_answers(bot, fake, admin)
        await register(bot, fake, admin, lan, "sxd")
        question = await ask(fake, admin, "unit_disable", "syt")
        fake.press_button(admin, question.message_id, button_text="Có, ngừng theo dõi")
        await edited_to(fake, admin, question, "Đã ngừng theo dõi")
        async with browser(fake, lan) as client:
            matrix = await client.get("/", params={"year": "2020"})
            closed = await client.get("/unit/syt", params={"year": "2020"})
    assert list(table_rows(matrix.text, "matrix")[1]) == ["sxd"]
    assert closed.status_code == 403
