"""The guided unit flows' service: what a button may do at each step, and nothing stored early."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.errors import FlowStepPassed, InvalidUnitGroup, StaleButton, UnknownUnit
from bot.services import unit_flows
from bot.services.flows import Flow, FlowOwner, current_flow
from bot.services.people import Caller
from bot.services.province import seed_province
from bot.services.unit_flows import UnitFlowDone, UnitFlowQuestion
from db.migrate import upgrade_to_head
from db.models import Unit
from db.session import Database
from tests.unit.test_unit_admin import NOW, PROVINCE, admin

OWNER = FlowOwner(1001, 1001)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    upgrade_to_head(db)
    db.run_sync(lambda s: seed_province(s, PROVINCE, NOW))
    yield db
    db.dispose()


@pytest.fixture
def caller(database: Database) -> Iterator[Caller]:
    yield admin(database)


def flow_now(database: Database) -> Flow:
    flow = database.run_sync(lambda s: current_flow(s, OWNER, NOW))
    assert flow is not None
    return flow


def press(database: Database, caller: Caller, action: str, value: str = ""
          ) -> UnitFlowQuestion | UnitFlowDone:
    flow = flow_now(database)
    return database.run_sync(lambda s: unit_flows.press(s, caller, flow, action, value, NOW))


def typed(database: Database, caller: Caller, answer: str) -> UnitFlowQuestion:
    flow = flow_now(database)
    return database.run_sync(lambda s: unit_flows.answer_text(s, caller, flow, answer, NOW))


def unit_count(session: Session) -> int:
    return session.scalar(select(func.count(Unit.id))) or 0


def test_a_button_of_another_step_is_refused_and_the_flow_stays_where_it_was(
    database: Database, caller: Caller
) -> None:
    database.run_sync(lambda s: unit_flows.start_add(s, caller, OWNER, NOW))
    for action, value in [("g", "department"), ("y", ""), ("u", "syt"), ("f", "name"),
                          ("p", "2")]:
        with pytest.raises(FlowStepPassed):
            press(database, caller, action, value)
    assert flow_now(database).step == "code"


def test_a_forged_value_on_a_button_is_checked_like_typed_text(
    database: Database, caller: Caller
) -> None:
    database.run_sync(lambda s: unit_flows.start_add(s, caller, OWNER, NOW))
    typed(database, caller, "sdl")
    typed(database, caller, "Sở Du lịch")
    with pytest.raises(InvalidUnitGroup):
        press(database, caller, "g", "zzz")
    database.run_sync(lambda s: unit_flows.start_edit(s, caller, OWNER, NOW))
    with pytest.raises(UnknownUnit):
        press(database, caller, "u", "khongco")
    with pytest.raises(StaleButton):
        press(database, caller, "p", "x")


def test_nothing_is_stored_until_the_preview_is_confirmed(
    database: Database, caller: Caller
) -> None:
    before = database.run_sync(unit_count)
    first = database.run_sync(lambda s: unit_flows.start_add(s, caller, OWNER, NOW))
    typed(database, caller, "sdl")
    typed(database, caller, "Sở Du lịch")
    preview = press(database, caller, "g", "agency")
    assert first.asks == "text" and isinstance(preview, UnitFlowQuestion)
    assert (preview.step, preview.asks, dict(preview.values)) == (
        "confirm", "confirm", {"code": "sdl", "name": "Sở Du lịch", "group": "agency"})
    assert database.run_sync(unit_count) == before
    done = press(database, caller, "y")
    assert isinstance(done, UnitFlowDone) and done.added is not None
    assert (done.added.code, done.added.name, done.added.group) == ("sdl", "Sở Du lịch", "agency")
    assert database.run_sync(unit_count) == before + 1
    assert database.run_sync(lambda s: current_flow(s, OWNER, NOW)) is None


def test_the_unit_picker_pages_through_every_unit(database: Database, caller: Caller) -> None:
    first = database.run_sync(lambda s: unit_flows.start_edit(s, caller, OWNER, NOW))
    pages = [first, *(press(database, caller, "p", str(page)) for page in (2, 3, 4, 99))]
    assert all(isinstance(page, UnitFlowQuestion) for page in pages)
    shown = [choice.code for page in pages[:4] if isinstance(page, UnitFlowQuestion)
             for choice in page.choices]
    assert len(shown) == len(set(shown)) == 38
    last = pages[4]
    assert isinstance(last, UnitFlowQuestion) and (last.page, last.pages) == (4, 4)
