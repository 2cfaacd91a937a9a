"""The fields an admin types for a deadline: the one-line form, titles, legal bases, offsets,
codes drawn from titles, and the next due dates a preview shows."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.calendar import DueDatePolicy, WorkingCalendar
from bot.domain.deadline_drafts import (
    MAX_LEGAL_BASIS_LENGTH,
    MAX_TITLE_LENGTH,
    OneLineDeadline,
    check_deadline,
    clean_legal_basis,
    clean_title,
    next_occurrences,
    parse_before_offsets,
    parse_deadline_field,
    split_one_line,
    suggest_code,
)
from bot.domain.deadlines import Deadline, LegalBasis, Recipient
from bot.domain.errors import (
    DeadlineTextControlCharacters,
    DeadlineTitleTooLong,
    EmptyDeadlineTitle,
    InvalidOffsets,
    LegalBasisTooLong,
    OffsetBeyondPreviousOccurrence,
    WrongUsage,
)
from bot.domain.recurrence import monthly_rule, quarterly_rule
from bot.domain.reminder_offsets import ReminderOffsets

CALENDAR = WorkingCalendar()


def deadline(rule_first: date, before: tuple[int, ...] = (7, 3, 1), *,
             monthly: bool = False) -> Deadline:
    rule = monthly_rule(rule_first) if monthly else quarterly_rule(rule_first)
    return Deadline(code="quy", title="Báo cáo quý", legal_basis=LegalBasis("", ""),
                    recipient=Recipient("vpubnd", "Văn phòng"), units=("snv",), rule=rule,
                    offsets=ReminderOffsets(before=before))


def test_the_one_line_form_splits_on_bars_and_defaults_units_and_offsets() -> None:
    assert split_one_line(" 20/01 hằng năm | Văn bản triển khai ") == OneLineDeadline(
        "20/01 hằng năm", "Văn bản triển khai", "all", "")
    assert split_one_line("cuối tháng | Báo cáo | all -bdt | 3,1") == OneLineDeadline(
        "cuối tháng", "Báo cáo", "all -bdt", "3,1")


@pytest.mark.parametrize("typed", ["20/01 hằng năm", "| Báo cáo", "a | b | c | d | e"])
def test_the_one_line_form_without_a_rule_and_a_title_shows_its_usage(typed: str) -> None:
    with pytest.raises(WrongUsage):
        split_one_line(typed)


def test_an_empty_title_part_is_left_for_the_title_check_to_explain() -> None:
    assert split_one_line("20/01 | ").title == ""
    with pytest.raises(EmptyDeadlineTitle):
        clean_title(split_one_line("20/01 | ").title)


@pytest.mark.parametrize(("typed", "field"), [
    ("han", "rule"), ("Hạn", "rule"), ("rule", "rule"), ("tên", "title"), ("căn_cứ", "legal"),
    ("CĂN CỨ", "legal"), ("nơi nhận", "recipient"), ("đơn vị", "units"), ("nhắc", "offsets"),
])
def test_fields_are_named_in_vietnamese_or_english(typed: str, field: str) -> None:
    assert parse_deadline_field(typed) == field


def test_an_unknown_field_is_none() -> None:
    assert parse_deadline_field("ngày") is None


def test_a_title_is_kept_in_nfc_with_single_spaces() -> None:
    assert clean_title("  Báo cáo\u0301   quý ") == "Báo cáó quý"


@pytest.mark.parametrize(("typed", "error"), [
    ("   ", EmptyDeadlineTitle), ("x" * (MAX_TITLE_LENGTH + 1), DeadlineTitleTooLong),
    ("Báo cáo\nquý", DeadlineTextControlCharacters),
    ("Báo\u200bcáo", DeadlineTextControlCharacters),
])
def test_bad_titles_are_refused(typed: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        clean_title(typed)


@pytest.mark.parametrize("typed", ["", "-", "không", "Bỏ qua"])
def test_a_legal_basis_can_be_left_out(typed: str) -> None:
    assert clean_legal_basis(typed) == ""


def test_a_long_legal_basis_is_refused_with_its_length() -> None:
    with pytest.raises(LegalBasisTooLong) as refused:
        clean_legal_basis("Quyết định " * 200)
    assert refused.value.params["maximum"] == MAX_LEGAL_BASIS_LENGTH


@pytest.mark.parametrize(("typed", "before"), [
    ("", (7, 3, 1)), ("7,3,1", (7, 3, 1)), ("1 3 10", (10, 3, 1)), ("5;2", (5, 2)), ("0", ()),
    ("không", ()),
])
def test_offsets_are_working_days_before_largest_first(typed: str, before: tuple[int, ...]
                                                        ) -> None:
    offsets = parse_before_offsets(typed)
    assert offsets.before == before
    assert (offsets.overdue, offsets.escalation) == (ReminderOffsets().overdue,
                                                     ReminderOffsets().escalation)


def test_new_offsets_keep_the_deadlines_overdue_and_escalation_offsets() -> None:
    kept = ReminderOffsets(before=(1,), overdue=(2, 5), escalation=(5,), on_due_day=False)
    assert parse_before_offsets("4,2", kept) == ReminderOffsets(
        before=(4, 2), overdue=(2, 5), escalation=(5,), on_due_day=False)


@pytest.mark.parametrize("typed", ["abc", "7,x", "-1", "7,7", "1000", "²"])
def test_offsets_that_are_not_distinct_whole_days_are_refused(typed: str) -> None:
    with pytest.raises(InvalidOffsets):
        parse_before_offsets(typed)


def test_a_code_is_drawn_from_the_titles_initials_and_numbered_when_taken() -> None:
    assert suggest_code("Báo cáo tình hình quý", set()) == "bcthq"
    assert suggest_code("Báo cáo tình hình quý", {"bcthq", "bcthq2"}) == "bcthq3"
    assert suggest_code("Đề án", set()) == "da"
    assert suggest_code("X", set()) == "bcx"
    assert suggest_code("2025", set()) == "bc2"


def test_offsets_reaching_the_previous_quarter_are_refused() -> None:
    with pytest.raises(OffsetBeyondPreviousOccurrence):
        check_deadline(deadline(date(2026, 12, 10), (70,)), CALENDAR,
                       DueDatePolicy.NEXT_WORKING_DAY, date(2026, 11, 23))
    check_deadline(deadline(date(2026, 12, 10), (20,)), CALENDAR,
                   DueDatePolicy.NEXT_WORKING_DAY, date(2026, 11, 23))


def test_the_preview_lists_the_next_five_effective_due_dates_from_today() -> None:
    upcoming = next_occurrences(deadline(date(2026, 12, 10)), date(2026, 11, 23), CALENDAR,
                                DueDatePolicy.NEXT_WORKING_DAY)
    assert [o.effective_due_date for o in upcoming] == [
        date(2026, 12, 10), date(2027, 3, 10), date(2027, 6, 10), date(2027, 9, 10),
        date(2027, 12, 10)]


def test_a_due_date_moved_past_a_weekend_is_still_upcoming_on_the_monday() -> None:
    # 25/10/2026 is a Sunday: due Monday 26/10, which is today.
    upcoming = next_occurrences(deadline(date(2026, 10, 25), monthly=True), date(2026, 10, 26),
                                CALENDAR, DueDatePolicy.NEXT_WORKING_DAY, count=1)
    assert [(o.due_date, o.effective_due_date) for o in upcoming] == [
        (date(2026, 10, 25), date(2026, 10, 26))]
