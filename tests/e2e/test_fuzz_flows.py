"""Guided flows, status answers and replies take hostile answers and forged flow buttons, and
cancel cleanly (tests/e2e/fuzz_harness.py says how; one real bot per test, on both databases)."""

from __future__ import annotations

import asyncio
import re

import pytest
from hypothesis import strategies as st

from tests.e2e.fuzz_harness import ADMIN_UNIT, fuzzed_bot, status_buttons
from tests.fake_telegram import FakeTelegram, FakeUser
from tests.support.hostile_text import EXPLICIT_ARGUMENTS, HOSTILE_CLASSES, hostile_text

EXAMPLES_PER_FLOW = 8
ANSWERS_PER_FLOW = 3
FLOW_COMMANDS = ["unit_add", "unit_edit", "deadline_add", "deadline_edit"]
# Answers that a flow step may accept, so that hostile answers also reach its later steps.
PLAUSIBLE_ANSWERS = ["sdl", "Sở Du lịch", "syt", "quy", "bckt", "Báo cáo kiểm thử",
                     "ngày 15 tháng cuối quý", "hằng tháng ngày 5", "all", "all -bdt", "7 3 1",
                     "Quyết định 99/QĐ-UBND", "20/01/2020", "31/01/2020"]


def flow_taps() -> st.SearchStrategy[list[str]]:
    """`<action>[:<value>]` of a flow button: any action letter, a value that may be right."""
    values = st.one_of(st.just(""), st.from_regex(r"[a-z0-9_]{1,32}", fullmatch=True),
                       st.sampled_from(["department", "district", "agency", "name", "group",
                                        ADMIN_UNIT, "sdl", "title", "rule", "2", "0", "9999"]))
    return st.lists(st.builds(lambda action, value: f"{action}:{value}" if value else action,
                              st.sampled_from("abcdefghijklmnopqrstuvwxyz"), values),
                    max_size=3)


def _flow_question(fake: FakeTelegram, admin: FakeUser) -> tuple[int, str] | None:
    """(message id, flow reference) of the latest bot message with flow buttons."""
    for message in reversed(fake.bot_messages(admin)):
        for data in message.callback_data:
            if match := re.match(r"fl:([0-9]+\.[0-9a-f]{8}):", data):
                return message.message_id, match[1]
    return None



async def test_guided_flows_and_replies_take_hostile_answers_and_cancel_cleanly(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = st.lists(st.one_of(hostile_text(), st.sampled_from(PLAUSIBLE_ANSWERS)),
                       min_size=1, max_size=ANSWERS_PER_FLOW)
    async with fuzzed_bot(database_url, monkeypatch) as fuzzed:
        reminder = status_buttons(fuzzed.fake, fuzzed.admin)
        assert reminder is not None
        for command in FLOW_COMMANDS:
            async def flow(drawn: tuple[list[str], list[str]], name: str = command) -> None:
                typed, taps = drawn
                await fuzzed.command(f"/{name}")
                for answer in typed:
                    await fuzzed.typed(answer)
                for tap in taps:  # the open flow's own reference, a forged action and value
                    question = _flow_question(fuzzed.fake, fuzzed.admin)
                    if question is not None:
                        await fuzzed.press(question[0], f"fl:{question[1]}:{tap}")
                await fuzzed.close_flow()

            await asyncio.to_thread(fuzzed.replay, st.tuples(answers, flow_taps()), flow,
                                    EXAMPLES_PER_FLOW, f"flow {command}")

        async def status_flow(choice: tuple[str, list[str]]) -> None:
            button, typed = choice
            await fuzzed.press(reminder.message_id, button)
            for answer in typed:
                await fuzzed.typed(answer)
            await fuzzed.close_flow()

        buttons = st.sampled_from([data for data in reminder.callback_data
                                   if not data.endswith(":s")])
        await asyncio.to_thread(fuzzed.replay, st.tuples(buttons, answers), status_flow,
                                EXAMPLES_PER_FLOW, "status flow")

        async def reply_and_stray(typed: str) -> None:
            await fuzzed.reply(reminder.message_id, typed)
            await fuzzed.typed(typed)

        await asyncio.to_thread(fuzzed.replay, hostile_text(), reply_and_stray,
                                EXAMPLES_PER_FLOW, "replies", EXPLICIT_ARGUMENTS)
        examples, accepted, covered = fuzzed.examples, list(fuzzed.accepted), fuzzed.covered
    print(f"\n{fuzzed.kinds}; accepted (and on record): {accepted}; covered: {covered}")
    assert examples >= (len(FLOW_COMMANDS) + 1) * EXAMPLES_PER_FLOW * 3
    assert set(covered) == set(HOSTILE_CLASSES)
