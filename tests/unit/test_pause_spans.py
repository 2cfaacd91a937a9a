"""The spans a deadline was paused, from its pauses and resumes."""

from __future__ import annotations

from datetime import date

from bot.domain.pauses import PauseSpan, pause_spans, paused_on

CREATED = date(2020, 1, 2)


def test_a_deadline_never_paused_has_no_span() -> None:
    assert pause_spans(CREATED, [], paused_now=False) == ()


def test_a_pause_then_a_resume_covers_the_days_between() -> None:
    spans = pause_spans(CREATED, [(date(2020, 3, 5), True), (date(2020, 4, 1), False)],
                        paused_now=False)
    assert spans == (PauseSpan(date(2020, 3, 5), date(2020, 4, 1)),)
    assert not paused_on(spans, date(2020, 3, 4))
    assert paused_on(spans, date(2020, 3, 5)) and paused_on(spans, date(2020, 3, 31))
    assert not paused_on(spans, date(2020, 4, 1))


def test_a_pause_not_resumed_goes_on() -> None:
    spans = pause_spans(CREATED, [(date(2020, 3, 5), True), (date(2020, 4, 1), False),
                                  (date(2020, 6, 9), True)], paused_now=True)
    assert spans[-1] == PauseSpan(date(2020, 6, 9))
    assert paused_on(spans, date(2031, 1, 1))


def test_a_deadline_created_paused_is_paused_from_its_creation() -> None:
    assert pause_spans(CREATED, [], paused_now=True) == (PauseSpan(CREATED),)
    assert pause_spans(CREATED, [(date(2020, 2, 1), False)], paused_now=False) == (
        PauseSpan(CREATED, date(2020, 2, 1)),)
