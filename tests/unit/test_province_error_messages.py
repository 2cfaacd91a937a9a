"""Every calendar and province error reaches the user as its own polite message, vi and en."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date

import pytest

from bot.domain import errors
from bot.domain.calendar import DueDatePolicy, WorkingCalendar
from bot.domain.dates import parse_vn_date
from bot.domain.deadlines import check_deadline_code, check_offsets_fit
from bot.domain.errors import DomainError
from bot.domain.periods import PeriodKind, PeriodSpec, parse_period_kind
from bot.domain.province import Province
from bot.domain.recurrence import parse_rule
from bot.domain.reminder_offsets import ReminderOffsets
from bot.domain.units import Unit, UnitGroup, resolve_units
from bot.texts import error_text
from bot.texts.errors import ERROR_MESSAGES

UNITS = (Unit("skhdt", "Sở Kế hoạch và Đầu tư", UnitGroup.DEPARTMENT),
         Unit("sgtvt", "Sở Giao thông vận tải", UnitGroup.DEPARTMENT, active=False))
QUARTERLY = parse_rule("DTSTART:20200310\nRRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=10")


def _offsets_too_long() -> None:
    check_offsets_fit(QUARTERLY, ReminderOffsets(before=(80,)), WorkingCalendar(),
                      DueDatePolicy.NEXT_WORKING_DAY,
                      start=date(2020, 1, 1), end=date(2021, 12, 31))


TRIGGERS: dict[str, Callable[[], object]] = {
    "invalid_date": lambda: parse_vn_date("hôm qua"),
    "date_does_not_exist": lambda: parse_vn_date("31/02/2021"),
    "invalid_rule": lambda: parse_rule("DTSTART:20200120\nRRULE:FREQ=YEARLY;BYMONTHDAY=32"),
    "rule_never_fires": lambda: parse_rule("DTSTART:20200101\nRRULE:FREQ=YEARLY;BYMONTH=2;"
                                           "BYMONTHDAY=30"),
    "invalid_period": lambda: parse_period_kind("quý"),
    "invalid_offsets": lambda: ReminderOffsets(before=(3, -1)),
    "invalid_escalation_offsets": lambda: ReminderOffsets(overdue=(1,), escalation=(3,)),
    "offset_beyond_previous_occurrence": _offsets_too_long,
    "conflicting_calendar_day": lambda: WorkingCalendar({date(2030, 5, 4): "a"},
                                                        {date(2030, 5, 4): "b"}),
    "unknown_unit": lambda: resolve_units("skhdtt", UNITS),
    "inactive_unit": lambda: resolve_units("sgtvt", UNITS),
    "invalid_unit_code": lambda: Unit("SỞ", "Sở", UnitGroup.DEPARTMENT),
    "duplicate_code": lambda: Province("X", "skhdt", UNITS + UNITS[:1], ()),
    "invalid_unit_selector": lambda: resolve_units("-skhdt", UNITS),
    "empty_unit_selection": lambda: resolve_units("skhdt -skhdt", UNITS),
    "invalid_deadline_code": lambda: check_deadline_code("Quý"),
    "unknown_deadline": lambda: Province("X", "skhdt", UNITS, ()).deadline("quy"),
    "invalid_province_data": lambda: _raise(errors.InvalidProvinceData(
        file="x.yaml", where="units[0].code", detail="bad")),
    "invalid_period_shift": lambda: PeriodSpec(PeriodKind.NONE, "x", 1),
}


def _raise(error: DomainError) -> None:
    raise error


def test_every_domain_error_has_a_message_in_both_languages() -> None:
    codes = {cls.code for _, cls in inspect.getmembers(errors, inspect.isclass)
             if issubclass(cls, DomainError)}
    missing = codes - ERROR_MESSAGES.keys()
    assert not missing


@pytest.mark.parametrize("expected", sorted(TRIGGERS))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_error_renders_its_own_message_with_its_values(expected: str, lang: str) -> None:
    with pytest.raises(DomainError) as raised:
        TRIGGERS[expected]()
    code = "invalid_period" if expected == "invalid_period_shift" else expected
    assert raised.value.code == code
    rendered = error_text(raised.value, lang)  # type: ignore[arg-type]
    assert rendered != ERROR_MESSAGES["invalid_input"][lang]
    assert "{" not in rendered
