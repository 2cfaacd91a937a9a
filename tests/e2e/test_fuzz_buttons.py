"""Forged button data, on a reminder and on a listing, is refused on the button
(tests/e2e/fuzz_harness.py says how; one real bot per test, on both databases)."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import strategies as st

from tests.e2e.fuzz_harness import CALLBACK_PREFIXES, fuzzed_bot, status_buttons
from tests.support.hostile_text import forged_callback_data

CALLBACK_EXAMPLES = 100


async def test_forged_button_data_is_refused_on_the_button(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with fuzzed_bot(database_url, monkeypatch) as fuzzed:
        reminder = status_buttons(fuzzed.fake, fuzzed.admin)
        assert reminder is not None
        listing = (await fuzzed.command("/units")).messages[-1]
        targets = [reminder.message_id, listing.message_id]

        async def forge(pressed: tuple[int, str]) -> None:
            target, data = pressed
            await fuzzed.press(targets[target], data)
            await fuzzed.close_flow()

        forged = st.tuples(st.integers(min_value=0, max_value=1),
                           forged_callback_data(CALLBACK_PREFIXES))
        explicit = [(0, prefix + suffix) for prefix in CALLBACK_PREFIXES
                    for suffix in ("", "a\x00b", "9" * 70)]
        await asyncio.to_thread(fuzzed.replay, forged, forge, CALLBACK_EXAMPLES, "buttons",
                                explicit)
        examples, accepted, covered = fuzzed.examples, list(fuzzed.accepted), fuzzed.covered
    print(f"\n{fuzzed.kinds}; accepted (and on record): {accepted}; covered: {covered}")
    assert examples >= CALLBACK_EXAMPLES + len(explicit)
