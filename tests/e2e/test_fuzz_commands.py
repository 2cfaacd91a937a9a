"""Every command, with hostile arguments, is answered politely and changes nothing it refuses
(tests/e2e/fuzz_harness.py says how; one real bot per test, on both databases)."""

from __future__ import annotations

import asyncio

import pytest

from bot.domain.roles import COMMANDS
from bot.domain.units import fold_code
from tests.e2e.fuzz_harness import ADMIN_UNIT, fuzzed_bot
from tests.support.hostile_text import EXPLICIT_ARGUMENTS, HOSTILE_CLASSES, hostile_arguments

EXAMPLES_PER_COMMAND = 10


def _leaves_nothing(typed: str) -> bool:
    """Whether `/leave <typed>` names no unit the admin serves (alone, it names the only one)."""
    words = typed.split()
    return bool(words) and fold_code(words[0]) != ADMIN_UNIT



async def test_every_command_with_hostile_arguments_is_answered_politely(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with fuzzed_bot(database_url, monkeypatch) as fuzzed:
        for command in COMMANDS:
            arguments, explicit = hostile_arguments(), EXPLICIT_ARGUMENTS
            if command.name == "leave":  # valid: the admin would leave their unit
                arguments = arguments.filter(_leaves_nothing)
                explicit = [typed for typed in explicit if _leaves_nothing(typed)]

            async def send(typed: str, name: str = command.name) -> None:
                await fuzzed.command(f"/{name} {typed}")
                await fuzzed.close_flow()

            await asyncio.to_thread(fuzzed.replay, arguments, send, EXAMPLES_PER_COMMAND,
                                    f"command {command.name}", explicit)
        examples, accepted, covered = fuzzed.examples, list(fuzzed.accepted), fuzzed.covered
    print(f"\n{fuzzed.kinds}; accepted (and on record): {accepted}; covered: {covered}")
    assert examples >= len(COMMANDS) * EXAMPLES_PER_COMMAND
    assert set(covered) == set(HOSTILE_CLASSES)
