"""How many reminder sends the sender keeps in flight: as many as the measured cycle needs for
the bot-wide rate, one over a fast link, never more than the cap."""

from __future__ import annotations

import asyncio

from scheduler.in_flight import InFlightTarget, SendSlots

RATE = 29.0


def target_after(*cycles: float, max_in_flight: int = 16) -> int:
    target = InFlightTarget(RATE, max_in_flight)
    for cycle in cycles:
        target.observe(cycle)
    return target.target


def test_one_send_is_in_flight_until_a_cycle_is_measured() -> None:
    assert InFlightTarget(RATE, 16).target == 1


def test_a_fast_link_keeps_one_send_in_flight() -> None:
    assert target_after(*[0.012] * 50) == 1  # loopback: 12 ms from request to record


def test_the_target_covers_the_rate_over_the_round_trip_with_some_headroom() -> None:
    # 29/s × (round trip + 12 ms) × 1.25, rounded up
    assert target_after(*[0.062] * 50) == 3
    assert target_after(*[0.212] * 50) == 8
    assert target_after(*[0.412] * 50) == 15


def test_the_target_never_exceeds_the_cap() -> None:
    assert target_after(*[2.0] * 20, max_in_flight=16) == 16
    assert target_after(*[0.412] * 20, max_in_flight=4) == 4


def test_one_slow_cycle_on_a_fast_link_moves_the_target_little_or_not_at_all() -> None:
    assert target_after(*[0.012] * 20, 0.1) == 1  # a 100 ms stall
    assert target_after(*[0.012] * 20, 0.3) == 2


def test_the_target_follows_a_round_trip_that_shortens() -> None:
    assert target_after(*[0.412] * 20, *[0.012] * 50) == 1


async def test_slots_admit_as_many_sends_as_the_limit_says_at_each_moment() -> None:
    limit = 2
    slots = SendSlots(lambda: limit)
    await slots.take()
    await slots.take()
    third = asyncio.create_task(slots.take())
    await asyncio.sleep(0)
    assert not third.done()
    limit = 3
    await slots.give_back()  # a change is noticed when a place is given back
    await slots.take()  # two in flight, limit 3: the third and this one both fit
    await asyncio.wait_for(third, timeout=1)
    assert slots.most_taken == 3
