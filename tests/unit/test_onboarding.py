"""Onboarding's pure core: the bulk invite's words, which units a group word invites, who still
lacks an officer or a head, and when the office's weekly note is due (no database)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.calendar import WorkingCalendar
from bot.domain.errors import InvalidUnitCode, WrongUsage
from bot.domain.onboarding import (
    BulkInviteRequest,
    UnitRegistration,
    parse_bulk_invite,
    registration_gaps,
    registration_note_week,
    selection_word,
    units_to_invite,
)
from bot.domain.units import GROUP_WORDS, Unit, UnitGroup, check_unit_code

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
EIGHT = time(8, 0)
TODAY = date(2025, 7, 7)
UNITS = (
    Unit("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh", UnitGroup.DEPARTMENT),
    Unit("stc", "Sở Tài chính", UnitGroup.DEPARTMENT),
    Unit("xaanbinh", "Xã An Bình", UnitGroup.COMMUNE),
    Unit("canglong", "UBND huyện Càng Long", UnitGroup.DISTRICT,
         active_until=date(2025, 6, 30)),  # closed by the reorganisation of 1/7/2025
    Unit("xacl", "Xã Càng Long", UnitGroup.COMMUNE, active_from=date(2025, 7, 1)),
    Unit("xacu", "Xã Cũ", UnitGroup.COMMUNE, active=False),  # disabled by an admin
    Unit("xamoi", "Xã Mới", UnitGroup.COMMUNE, active_from=date(2025, 8, 1)),  # not yet
    Unit("phuong1", "Phường 1", UnitGroup.COMMUNE, active_until=date(2025, 12, 31)),
    Unit("bdbp", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", UnitGroup.AGENCY),
)


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=HCM)


@pytest.mark.parametrize(("words", "expected"), [
    (["communes"], BulkInviteRequest("communes", "officer")),
    (["Departments"], BulkInviteRequest("departments", "officer")),
    (["all", "--role", "officer"], BulkInviteRequest("all", "officer")),
    (["agencies", "--role", "head"], BulkInviteRequest("agencies", "head")),
    (["districts", "--ROLE=Head"], BulkInviteRequest("districts", "head")),
])
def test_a_group_word_asks_for_one_invite_per_unit_as_officer_unless_head_is_asked(
        words: list[str], expected: BulkInviteRequest) -> None:
    assert parse_bulk_invite(words) == expected


@pytest.mark.parametrize("words", [[], ["syt"], ["syt", "head"], ["office", "group"], ["sở"]])
def test_the_one_unit_forms_are_left_to_the_one_unit_parser(words: list[str]) -> None:
    assert parse_bulk_invite(words) is None


@pytest.mark.parametrize("words", [
    ["communes", "head"], ["communes", "--role"], ["communes", "--role", "office"],
    ["communes", "--role", "head", "group"], ["all", "group"], ["all", "--role=admin"],
])
def test_a_group_word_with_anything_but_a_role_flag_is_explained(words: list[str]) -> None:
    with pytest.raises(WrongUsage) as refused:
        parse_bulk_invite(words)
    assert refused.value.params["usage"] == (
        "/invite all|departments|communes|districts|agencies [--role officer|head]")


def test_no_unit_code_can_be_a_group_word_so_a_group_word_is_never_a_unit() -> None:
    for word in GROUP_WORDS:
        with pytest.raises(InvalidUnitCode) as refused:
            check_unit_code(word)
        assert "selector word" in str(refused.value.params["reason"])
    assert selection_word("COMMUNES") == "communes"
    assert selection_word("xã") is None and selection_word("3") is None


def test_a_group_word_invites_the_units_followed_today_in_the_order_they_were_added() -> None:
    codes = {word: [unit.code for unit in units_to_invite(UNITS, word, TODAY)]
             for word in GROUP_WORDS}
    assert codes == {
        "communes": ["xaanbinh", "xacl"],
        "departments": ["vpubnd", "stc"],
        "districts": [],
        "agencies": ["bdbp"],
        "all": ["vpubnd", "stc", "xaanbinh", "xacl", "bdbp"],
    }
    assert [u.code for u in units_to_invite(UNITS, "communes", date(2025, 8, 1))] == [
        "xaanbinh", "xacl", "xamoi"]
    assert [u.code for u in units_to_invite(UNITS, "districts", date(2025, 6, 30))] == []


def test_units_followed_today_lacking_an_officer_or_a_head_are_named_once_each() -> None:
    serving = {"vpubnd": (2, 1), "stc": (0, 1), "xaanbinh": (1, 0), "xacu": (0, 0),
               "canglong": (0, 0)}
    gaps = registration_gaps(
        [UnitRegistration(unit, *serving.get(unit.code, (0, 0))) for unit in UNITS], TODAY)
    assert gaps.followed == 5
    assert [g.unit.code for g in gaps.gaps] == ["stc", "xaanbinh", "xacl", "bdbp"]
    assert [g.unit.code for g in gaps.without_officer] == ["stc", "xacl", "bdbp"]
    assert [g.unit.code for g in gaps.without_head] == ["xaanbinh", "xacl", "bdbp"]


def test_everyone_registered_leaves_no_gap() -> None:
    gaps = registration_gaps([UnitRegistration(UNITS[0], 1, 1)], TODAY)
    assert (gaps.followed, gaps.gaps, gaps.without_officer) == (1, (), ())


def test_the_note_is_due_on_monday_from_the_reminder_time_until_the_day_ends() -> None:
    calendar = WorkingCalendar()
    assert registration_note_week(local(2025, 7, 7, 7, 59), EIGHT, calendar) is None
    assert registration_note_week(local(2025, 7, 7, 8), EIGHT, calendar) == date(2025, 7, 7)
    assert registration_note_week(local(2025, 7, 7, 23, 59), EIGHT, calendar) == TODAY
    assert registration_note_week(local(2025, 7, 8, 9), EIGHT, calendar) is None  # not made up
    assert registration_note_week(local(2025, 7, 12, 9), EIGHT, calendar) is None
    assert registration_note_week(local(2025, 7, 14, 9, 30), time(9, 30), calendar) == date(
        2025, 7, 14)


def test_a_monday_off_moves_the_note_to_the_next_working_day_of_its_week() -> None:
    calendar = WorkingCalendar()  # 2/9 and 3/9/2024: National Day, Monday and Tuesday
    assert registration_note_week(local(2024, 9, 2, 9), EIGHT, calendar) is None
    assert registration_note_week(local(2024, 9, 3, 9), EIGHT, calendar) is None
    assert registration_note_week(local(2024, 9, 4, 9), EIGHT, calendar) == date(2024, 9, 2)
    with_a_day_off = WorkingCalendar(extra_days_off={date(2025, 7, 7): "Nghỉ đột xuất"})
    assert registration_note_week(local(2025, 7, 7, 9), EIGHT, with_a_day_off) is None
    assert registration_note_week(local(2025, 7, 8, 9), EIGHT, with_a_day_off) == TODAY


def test_a_week_of_tet_shares_one_note_with_the_next_week() -> None:
    calendar = WorkingCalendar()  # Tết 2025: 25/1 to 2/2 off; Monday 3/2 is worked
    week_of_tet = [local(2025, 1, day, 9) for day in range(27, 32)]
    assert [registration_note_week(at, EIGHT, calendar) for at in week_of_tet] == [None] * 5
    assert registration_note_week(local(2025, 2, 3, 9), EIGHT, calendar) == date(2025, 2, 3)
    assert registration_note_week(local(2025, 2, 4, 9), EIGHT, calendar) is None
