"""The bot's send window: never more than the limit within any window, whoever asks when; a
message counts until its answer shows when it may have arrived; a fan-out's even spread."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.send_window import (
    MAX_REQUEST_SECONDS,
    RAMP_STEPS,
    EvenSpacing,
    RoundTrips,
    WindowRule,
    WindowState,
)

RULE = WindowRule()  # 30 per second, 20 ms of margin


def most_within(starts: list[float], seconds: float) -> int:
    """The most starts within any half-open window [t, t + seconds) (starts sorted)."""
    most, first = 0, 0
    for last, at in enumerate(starts):
        while at - starts[first] >= seconds:
            first += 1
        most = max(most, last - first + 1)
    return most


def serve(window: WindowState, asks: list[float], rule: WindowRule = RULE,
          round_trip: float = 0.0) -> list[float]:
    """Each ask, in order, waits as the window says until it may start, and is answered
    `round_trip` later with no excess; the start times."""
    starts: list[float] = []
    now = 0.0
    for at in asks:
        now = max(now, at)
        while (turn := window.start(rule, now)).started is None:
            now += turn.wait
        window.answered(turn.started, 0.0)
        starts.append(turn.started)
    return starts


def test_thirty_may_start_at_once_and_the_31st_when_the_first_is_a_span_old() -> None:
    window = WindowState()
    turns = [window.start(RULE, 10.0) for _ in range(30)]
    for turn in turns:
        assert turn.started is not None
        window.answered(turn.started, 0.0)
    assert window.start(RULE, 10.5).wait == pytest.approx(0.52)
    assert window.start(RULE, 11.021).started == 11.021


def test_a_steady_stream_is_held_at_the_limit_per_span() -> None:
    starts = serve(WindowState(), [0.0] * 301)
    assert most_within(starts, 1.0) == 30
    assert (len(starts) - 1) / (starts[-1] - starts[0]) == pytest.approx(30 / 1.02, rel=0.01)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=5, allow_nan=False), max_size=200),
       st.integers(min_value=1, max_value=40))
def test_no_window_of_a_span_ever_holds_more_than_the_limit(asks: list[float],
                                                              limit: int) -> None:
    rule = WindowRule(limit=limit)
    starts = serve(WindowState(), sorted(asks), rule)
    assert most_within(starts, rule.span - 1e-9) <= limit  # (- float noise)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(min_value=0, max_value=0.5), st.floats(0, 0.3)),
                min_size=1, max_size=120))
def test_messages_counted_from_their_delayed_arrival_never_crowd_one_second(
    sends: list[tuple[float, float]]
) -> None:
    """Each message reaches Telegram `delay` after its start and is answered as it arrives; a
    message starts only when the window says so, its predecessors answered or not."""
    window, trips = WindowState(), RoundTrips()
    arrivals: list[float] = []
    in_flight: list[tuple[float, float]] = []  # (answered at, started)
    now = 0.0
    for gap, delay in sends:
        now += gap
        while True:
            for answered_at, started in sorted(in_flight):
                if answered_at <= now:
                    window.answered(started, trips.excess(answered_at - started))
                    in_flight.remove((answered_at, started))
            turn = window.start(RULE, now)
            if turn.started is not None:
                break
            now += min([turn.wait] + [at - now for at, _ in in_flight if at > now])
        arrivals.append(turn.started + delay)
        in_flight.append((turn.started + delay, turn.started))
    assert most_within(sorted(arrivals), 1.0) <= RULE.limit


def test_a_message_holds_its_place_until_its_answer_tells_when_it_may_have_arrived() -> None:
    window = WindowState()
    started = [window.start(RULE, 0.0).started for _ in range(30)]
    assert window.start(RULE, 1.5).started is None  # they may not have reached Telegram yet
    for number, at in enumerate(started):
        assert at is not None
        window.answered(at, 0.6 if number == 0 else 0.0)  # the first one took 0.6 s longer
    assert [window.start(RULE, 1.5).started is not None for _ in range(30)] == [True] * 29 + [
        False]
    assert window.wait(RULE, 1.5) == pytest.approx(0.6 + RULE.span - 1.5)


def test_an_unanswered_message_is_forgotten_after_the_longest_request() -> None:
    window = WindowState()
    for _ in range(30):
        window.start(RULE, 0.0)
    assert window.start(RULE, MAX_REQUEST_SECONDS + 0.1).started is not None


def test_rates_become_whole_messages_per_second_or_one_per_so_many_seconds() -> None:
    assert WindowRule.per_second(30) == WindowRule(30, 1.0)
    assert WindowRule.per_second(29.5) == WindowRule(29, 1.0)
    assert WindowRule.per_second(0.5) == WindowRule(1, 2.0)
    assert RULE.shared_by(3) == WindowRule(10, 1.0)
    assert RULE.shared_by(40) == WindowRule(1, 40 / 30)


def test_after_a_429_nothing_starts_until_retry_after_then_the_limit_comes_back_in_steps(
) -> None:
    window = WindowState()
    serve(window, [0.0] * 30)
    window.pause(0.2, 2.0)
    assert window.wait(RULE, 1.5) == pytest.approx(0.7)
    starts = serve(window, [2.2] * 150)
    assert min(starts) >= 2.2
    # Each span's starts come together at its beginning, 2.2 + k × span.
    per_span = [sum(abs(at - (2.2 + k * RULE.span)) < RULE.span / 2 for at in starts)
                for k in range(RAMP_STEPS + 1)]
    assert per_span == [6, 12, 18, 24, 30, 30]


def test_a_second_429_during_the_pause_makes_it_longer_never_shorter() -> None:
    window = WindowState()
    window.pause(0.0, 3.0)
    window.pause(1.0, 1.0)
    assert window.wait(RULE, 2.5) == pytest.approx(0.5)


def test_a_clock_set_back_delays_at_most_one_span() -> None:
    window = WindowState()
    serve(window, [1000.0] * 30)
    assert 0 < window.wait(RULE, 10.0) <= RULE.span + 1e-9


def test_an_even_spread_starts_three_at_once_then_one_per_interval_and_catches_up() -> None:
    spacing = EvenSpacing.for_rule(RULE)
    interval = RULE.span / RULE.limit
    starts = []
    now = 0.0
    for _ in range(10):
        now += spacing.wait(now)
        spacing.start(now)
        starts.append(now)
    assert starts[:3] == [0.0, 0.0, 0.0]
    assert starts[3:] == pytest.approx([k * interval for k in range(1, 8)])
    # A start 20 ms late does not delay the next one: the schedule holds.
    late = now + spacing.wait(now) + 0.02
    spacing.start(late)
    assert late + spacing.wait(late) == pytest.approx(9 * interval)


def test_the_excess_of_a_round_trip_is_over_the_fastest_of_the_latest() -> None:
    trips = RoundTrips(keep=3, warm_up=0)
    assert [trips.excess(s) for s in (0.2, 0.25, 0.21, 0.3, 0.4)] == pytest.approx(
        [0.0, 0.05, 0.01, 0.09, 0.19])


def test_the_first_round_trips_count_whole_until_the_fastest_is_known() -> None:
    trips = RoundTrips(warm_up=2)
    assert [trips.excess(s) for s in (0.04, 0.02, 0.005, 0.006)] == pytest.approx(
        [0.04, 0.02, 0.0, 0.001])
