"""Unit names and groups as admins type them, and the /units and /audit renderers."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.errors import (
    EmptyUnitName,
    InvalidUnitGroup,
    UnitNameControlCharacters,
    UnitNameTooLong,
)
from bot.domain.units import UnitGroup, clean_unit_name, parse_unit_field, parse_unit_group
from bot.services.audit import AuditLine
from bot.services.units import UnitEdit, UnitLine
from bot.texts import TELEGRAM_TEXT_LIMIT, error_text
from bot.texts.audit_render import audit_text, describe_changes
from bot.texts.units_render import unit_edit_text, units_page
from tests.fake_telegram.html_text import parse_html_text
from tests.support.digest_scale import vinh_long_units

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def unit(code: str, officers: int = 0, *, name: str = "Sở Y tế",
         group: UnitGroup = UnitGroup.DEPARTMENT, active: bool = True,
         heads: tuple[str, ...] = ()) -> UnitLine:
    return UnitLine(code, name, group, active, officers, heads)


def test_a_name_of_exactly_256_characters_is_accepted_and_257_is_not() -> None:
    assert clean_unit_name("a" * 256) == "a" * 256
    with pytest.raises(UnitNameTooLong) as raised:
        clean_unit_name("a" * 257)
    assert raised.value.params["length"] == 257


@pytest.mark.parametrize("name", ["Sở\tY tế", "Sở Y tế\r", "Sở\u00adY tế", "\u2066Sở Y tế",
                                  "Sở Y tế\x00"])
def test_invisible_and_control_characters_in_names_are_refused(name: str) -> None:
    with pytest.raises(UnitNameControlCharacters):
        clean_unit_name(name)


def test_a_name_of_only_spaces_is_empty() -> None:
    with pytest.raises(EmptyUnitName):
        clean_unit_name(" \u00a0 \u3000 ")


def test_unknown_group_and_field_words_are_refused() -> None:
    with pytest.raises(InvalidUnitGroup):
        parse_unit_group("phong")
    assert parse_unit_group("Huyện") is UnitGroup.DISTRICT
    assert (parse_unit_field("Tên"), parse_unit_field("NHÓM"), parse_unit_field("code")) == (
        "name", "group", None)


def test_the_error_messages_for_names_are_vietnamese_and_say_nothing_changed() -> None:
    too_long = error_text(UnitNameTooLong(length=300, maximum=256, reason="x"), "vi")
    assert too_long.startswith("Tên đơn vị dài 300 ký tự, vượt quá giới hạn 256 ký tự")
    assert "chưa có gì bị thay đổi" in too_long
    assert "ký tự ẩn" in error_text(UnitNameControlCharacters(reason="x"), "vi")


def test_a_page_of_units_shows_group_headings_officers_heads_and_the_never_registered() -> None:
    units = [unit("syt", 2, heads=("Hùng",)), unit("bdt", name="Ban Dân tộc"),
             unit("cauke", 1, name="UBND huyện Cầu Kè", group=UnitGroup.DISTRICT, active=False)]
    page = units_page(units, 1, "vi")
    lines = page.text.splitlines()
    assert (page.page, page.pages) == (1, 1)
    assert lines[1] == "3 đơn vị, 2 đang theo dõi; 1 đơn vị chưa có ai đăng ký (⚠️)."
    assert "<b>Sở, ban, ngành</b>" in lines
    assert "• <code>syt</code> Sở Y tế — 2 cán bộ; lãnh đạo: Hùng" in lines
    assert "• <code>bdt</code> Ban Dân tộc — ⚠️ chưa có ai đăng ký" in lines
    assert ("• <code>cauke</code> UBND huyện Cầu Kè — 1 cán bộ <i>(đã ngừng theo dõi)</i>"
            in lines)


def test_pages_are_clamped_into_range() -> None:
    units = [unit(f"u{i:02}") for i in range(31)]
    assert [units_page(units, asked, "vi").page for asked in (-5, 0, 2, 3, 99)] == [1, 1, 2, 3, 3]
    assert units_page(units, 3, "vi").text.count("• ") == 1


def test_a_page_of_the_longest_names_and_heads_fits_one_telegram_message() -> None:
    heads = tuple(f"<b>{'Nguyễn Văn Trưởng ' * 14}</b> {i}" for i in range(5))
    units = [unit(f"u{i:02}", 999, name="&" * 256, heads=heads) for i in range(40)]
    page = units_page(units, 1, "vi")
    plain, _ = parse_html_text(page.text)  # Telegram measures the text after parsing the HTML
    assert len(plain) <= TELEGRAM_TEXT_LIMIT
    assert "<b>Nguyễn" not in page.text  # the names are escaped
    assert "+3" in page.text


def test_150_units_take_ten_pages_each_within_a_message_and_say_where_each_group_is() -> None:
    units = [UnitLine(u.code, u.name, u.group, True, 0) for u in vinh_long_units(10)]
    pages = [units_page(units, number, "vi") for number in range(1, 11)]
    assert {page.pages for page in pages} == {10}
    assert all(len(parse_html_text(page.text)[0]) <= TELEGRAM_TEXT_LIMIT for page in pages)
    assert sum(page.text.count("\n• ") for page in pages) == 150
    assert pages[0].text.splitlines()[1:3] == [
        "150 đơn vị, 150 đang theo dõi; 150 đơn vị chưa có ai đăng ký (⚠️).",
        "Theo nhóm: Sở, ban, ngành 14 (trang 1) · Cơ quan khác 2 (trang 1–2) · UBND cấp xã "
        "134 (trang 2–10). Gõ <code>/units &lt;trang&gt;</code> để mở thẳng một trang."]
    assert pages[9].text.splitlines()[2].startswith("Theo nhóm: ")
    assert "Theo nhóm" not in units_page(units[:15], 1, "vi").text  # one page says it all


def test_an_edit_of_the_group_is_shown_with_the_group_labels() -> None:
    edit = UnitEdit("bqlkkt", "Ban Quản lý", "group", "department", "agency")
    assert unit_edit_text(edit, "vi") == (
        "✅ Đã sửa nhóm của đơn vị <code>bqlkkt</code>: Sở, ban, ngành → <b>Cơ quan khác</b>.")


def test_audit_lines_show_local_time_actor_action_and_the_change_escaped() -> None:
    entries = [
        AuditLine(datetime(2025, 3, 10, 2, 30, tzinfo=UTC), "Lan <Admin>", "unit.edit", "syt",
                  {"name": "Sở Y tế"}, {"name": "Sở Y tế & Dân số"}),
        AuditLine(datetime(2025, 3, 9, 17, 5, tzinfo=UTC), "system", "some.future", "x",
                  None, None),
    ]
    lines = audit_text(entries, HANOI, "vi").splitlines()
    assert lines == [
        "<b>Nhật ký thay đổi</b> (2 mục mới nhất)",
        "10/03/2025 09:30 · <b>Lan &lt;Admin&gt;</b> · sửa đơn vị · syt: "
        "tên: Sở Y tế → Sở Y tế &amp; Dân số",
        "10/03/2025 00:05 · <b>hệ thống</b> · some.future · x",
    ]


def test_changes_are_compact_whatever_the_snapshots_hold() -> None:
    assert describe_changes({"active": True}, {"active": False}, "vi") == (
        "đang theo dõi: có → không")
    assert describe_changes(None, {"role": "officer", "unit": None}, "en") == (
        "role: officer, unit: —")
    assert describe_changes({"roles": ["admin"], "units": ["syt"]}, {"units": []}, "vi") == (
        "vai trò: quản trị viên → —, đơn vị: syt → —")
    assert describe_changes({"name": "A"}, {"name": "A"}, "vi") == ""
    assert describe_changes({"name": "x" * 300}, None, "vi") == f"tên: {'x' * 59}… → —"


def test_an_empty_audit_log_says_so() -> None:
    assert audit_text([], HANOI, "vi") == "Chưa có thay đổi nào được ghi lại."
