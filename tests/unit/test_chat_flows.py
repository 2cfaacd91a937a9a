"""Multi-step chat flows kept in the database: start, replace, advance, expire, ownership."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.errors import FlowFinished, FlowStepPassed, NotYourFlow
from bot.services import flows
from bot.services.flows import FLOW_LIFETIME, Flow, FlowOwner
from bot.services.unit_flows import (
    PICKER_PAGE_SIZE,
    UNIT_ADD,
    UNIT_EDIT,
    UnitChoice,
    UnitFlowQuestion,
)
from db.migrate import upgrade_to_head
from db.models import ChatFlow
from db.session import Database
from handlers.flows import CALLBACK_DATA_LIMIT, parse_flow_callback
from handlers.unit_flows import keyboard

T = TypeVar("T")
NOW = datetime(2025, 3, 10, 2, 30, tzinfo=UTC)
LAN = FlowOwner(chat_id=1001, telegram_user_id=1001)
BINH = FlowOwner(chat_id=2002, telegram_user_id=2002)
LAN_IN_A_GROUP = FlowOwner(chat_id=-500, telegram_user_id=1001)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    upgrade_to_head(db)
    yield db
    db.dispose()


def run(database: Database, work: Callable[[Session], T]) -> T:
    return database.run_sync(work)


def start(database: Database, owner: FlowOwner = LAN, name: str = "unit_add",
          at: datetime = NOW) -> Flow:
    return run(database, lambda s: flows.start_flow(s, owner, name, "code", {}, at))


def current(database: Database, owner: FlowOwner = LAN, at: datetime = NOW) -> Flow | None:
    return run(database, lambda s: flows.current_flow(s, owner, at))


def stored_rows(database: Database) -> list[tuple[int, int, str, str]]:
    return run(database, lambda s: [
        (row.chat_id, row.telegram_user_id, row.name, row.step)
        for row in s.scalars(select(ChatFlow).order_by(ChatFlow.id))])


def test_a_started_flow_is_read_back_at_its_first_step_with_a_lifetime(
    database: Database
) -> None:
    started = start(database)
    found = current(database)
    assert found == started
    assert found is not None
    assert (found.name, found.step, dict(found.data), found.expired) == (
        "unit_add", "code", {}, False)
    assert found.expires_at == NOW + FLOW_LIFETIME == NOW + timedelta(hours=2)
    assert current(database, BINH) is None


def test_starting_a_flow_abandons_the_previous_one_of_that_person_in_that_chat(
    database: Database
) -> None:
    first = start(database, name="unit_add")
    run(database, lambda s: flows.advance_flow(s, first, "name", {"code": "sdl"}, NOW))
    second = start(database, name="unit_edit")
    found = current(database)
    assert found is not None and found.ref == second.ref != first.ref
    assert (found.name, found.step, dict(found.data)) == ("unit_edit", "code", {})
    assert stored_rows(database) == [(1001, 1001, "unit_edit", "code")]
    with pytest.raises(FlowFinished):
        run(database, lambda s: flows.flow_for_button(s, LAN, first.id, first.key, NOW))


def test_one_person_keeps_separate_flows_in_separate_chats(database: Database) -> None:
    private = start(database, LAN, "unit_add")
    in_group = start(database, LAN_IN_A_GROUP, "unit_edit")
    found_private, found_group = current(database, LAN), current(database, LAN_IN_A_GROUP)
    assert found_private is not None and found_private.id == private.id
    assert found_group is not None and found_group.id == in_group.id


def test_advancing_stores_the_step_and_data_and_extends_the_lifetime(database: Database) -> None:
    flow = start(database)
    later = NOW + timedelta(minutes=90)
    moved = run(database, lambda s: flows.advance_flow(s, flow, "name", {"code": "sdl"}, later))
    found = current(database, at=later)
    assert found == moved
    assert found is not None
    assert (found.step, dict(found.data), found.value("code"), found.value("name")) == (
        "name", {"code": "sdl"}, "sdl", "")
    assert found.expires_at == later + FLOW_LIFETIME


def test_a_flow_left_unanswered_for_its_lifetime_expires_and_is_deleted(
    database: Database
) -> None:
    start(database)
    just_before = current(database, at=NOW + FLOW_LIFETIME - timedelta(seconds=1))
    expired = current(database, at=NOW + FLOW_LIFETIME)
    assert just_before is not None and not just_before.expired
    assert expired is not None and expired.expired and expired.name == "unit_add"
    assert stored_rows(database) == []
    assert current(database, at=NOW + FLOW_LIFETIME) is None


def test_each_answer_starts_the_lifetime_again(database: Database) -> None:
    flow = start(database)
    answered = NOW + timedelta(hours=1, minutes=59)
    run(database, lambda s: flows.advance_flow(s, flow, flow.step, flow.data, answered))
    found = current(database, at=NOW + timedelta(hours=3))
    assert found is not None and not found.expired


def test_of_two_answers_read_at_the_same_step_only_the_first_counts(database: Database) -> None:
    flow = start(database)
    run(database, lambda s: flows.advance_flow(s, flow, "name", {"code": "sdl"}, NOW))
    with pytest.raises(FlowStepPassed):
        run(database, lambda s: flows.advance_flow(s, flow, "name", {"code": "khac"}, NOW))
    found = current(database)
    assert found is not None and dict(found.data) == {"code": "sdl"}


def test_a_flow_is_finished_once(database: Database) -> None:
    flow = start(database)
    run(database, lambda s: flows.finish_flow(s, flow))
    assert current(database) is None
    with pytest.raises(FlowStepPassed):
        run(database, lambda s: flows.finish_flow(s, flow))


def test_a_button_of_the_pressers_own_open_flow_gives_that_flow(database: Database) -> None:
    flow = start(database)
    assert run(database, lambda s: flows.flow_for_button(s, LAN, flow.id, flow.key, NOW)) == flow


def test_a_button_of_someone_elses_flow_is_refused_and_changes_nothing(
    database: Database
) -> None:
    lans = start(database, LAN)
    binhs = start(database, BINH)
    with pytest.raises(NotYourFlow):
        run(database, lambda s: flows.flow_for_button(s, BINH, lans.id, lans.key, NOW))
    with pytest.raises(NotYourFlow):
        run(database, lambda s: flows.flow_for_button(s, LAN_IN_A_GROUP, lans.id, lans.key, NOW))
    with pytest.raises(NotYourFlow):
        run(database, lambda s: flows.cancel_from_button(s, BINH, lans.id, lans.key, NOW))
    assert current(database, LAN) == lans and current(database, BINH) == binhs


def test_a_button_of_a_finished_or_unknown_flow_is_refused(database: Database) -> None:
    flow = start(database)
    run(database, lambda s: flows.finish_flow(s, flow))
    for flow_id in (flow.id, 999_999):
        with pytest.raises(FlowFinished):
            run(database, lambda s, flow_id=flow_id: flows.flow_for_button(
                s, LAN, flow_id, flow.key, NOW))


def test_a_button_of_a_finished_flow_does_not_match_a_new_flow_given_the_same_id(
    database: Database
) -> None:
    """SQLite hands the id of a deleted last row to the next one; the key tells them apart."""
    finished = start(database)
    run(database, lambda s: flows.finish_flow(s, finished))
    new = start(database)
    with pytest.raises(FlowFinished):
        run(database, lambda s: flows.flow_for_button(s, LAN, finished.id, finished.key, NOW))
    assert new.key != finished.key
    assert run(database, lambda s: flows.flow_for_button(s, LAN, new.id, new.key, NOW)) == new


def test_a_forged_button_with_someone_elses_flow_id_but_a_wrong_key_acts_on_nothing(
    database: Database
) -> None:
    lans = start(database, LAN)
    with pytest.raises(FlowFinished):
        run(database, lambda s: flows.flow_for_button(s, LAN, lans.id, "00000000", NOW))
    with pytest.raises(FlowFinished):
        run(database, lambda s: flows.flow_for_button(s, BINH, lans.id, "00000000", NOW))
    assert current(database, LAN) == lans


def test_a_button_of_an_expired_flow_reports_it_expired_and_deletes_it(
    database: Database
) -> None:
    flow = start(database)
    late = NOW + timedelta(hours=5)
    found = run(database, lambda s: flows.flow_for_button(s, LAN, flow.id, flow.key, late))
    assert found.expired and found.id == flow.id
    assert stored_rows(database) == []


def test_cancel_removes_the_open_flow_and_says_which_it_was(database: Database) -> None:
    start(database, LAN, "unit_edit")
    start(database, BINH)
    cancelled = run(database, lambda s: flows.cancel_flow(s, LAN, NOW))
    nothing = run(database, lambda s: flows.cancel_flow(s, LAN, NOW))
    assert cancelled is not None and cancelled.name == "unit_edit" and not cancelled.expired
    assert nothing is None
    assert stored_rows(database) == [(2002, 2002, "unit_add", "code")]


def test_cancel_of_an_expired_flow_says_it_had_expired(database: Database) -> None:
    start(database)
    cancelled = run(database, lambda s: flows.cancel_flow(s, LAN, NOW + timedelta(hours=3)))
    assert cancelled is not None and cancelled.expired
    assert stored_rows(database) == []


def test_the_cancel_button_closes_the_flow_it_belongs_to(database: Database) -> None:
    flow = start(database)
    cancelled = run(database, lambda s: flows.cancel_from_button(s, LAN, flow.id, flow.key, NOW))
    assert cancelled.id == flow.id and not cancelled.expired
    assert stored_rows(database) == []
    with pytest.raises(FlowFinished):
        run(database, lambda s: flows.cancel_from_button(s, LAN, flow.id, flow.key, NOW))


def test_every_flow_button_fits_telegrams_64_bytes_even_with_the_longest_values() -> None:
    longest_ref = "999999999999.ffffffff"
    choices = tuple(UnitChoice(f"{index:0>16}", "Ủy ban nhân dân " * 20, index % 2 == 0)
                    for index in range(PICKER_PAGE_SIZE))
    questions = [
        UnitFlowQuestion(longest_ref, UNIT_EDIT, "unit", "unit", {}, choices=choices, page=500,
                         pages=9999),
        UnitFlowQuestion(longest_ref, UNIT_EDIT, "field", "field", {}),
        UnitFlowQuestion(longest_ref, UNIT_ADD, "group", "group", {}),
        UnitFlowQuestion(longest_ref, UNIT_ADD, "confirm", "confirm", {}),
        UnitFlowQuestion(longest_ref, UNIT_ADD, "code", "text", {}),
    ]
    for question in questions:
        for row in keyboard(question, "vi").inline_keyboard:
            for button in row:
                data = button.callback_data
                assert isinstance(data, str) and len(data.encode()) <= CALLBACK_DATA_LIMIT == 64
                assert parse_flow_callback(data) is not None, data
                assert len(button.text) <= 42
