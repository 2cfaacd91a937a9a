"""Units and unit selections such as `all -bdt`."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from bot.domain.errors import (
    EmptyUnitSelection,
    InactiveUnit,
    InvalidUnitCode,
    InvalidUnitSelector,
    UnknownUnit,
)
from bot.domain.units import Unit, UnitGroup, fold_code, resolve_units

D, H, A = UnitGroup.DEPARTMENT, UnitGroup.DISTRICT, UnitGroup.AGENCY


def units(*extra: Unit) -> tuple[Unit, ...]:
    return (
        Unit("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh", D),
        Unit("skhdt", "Sở Kế hoạch và Đầu tư", D),
        Unit("bdt", "Ban Dân tộc tỉnh", D),
        Unit("thongke", "Cục Thống kê tỉnh Trà Vinh", A),
        Unit("txdh", "Ủy ban nhân dân thị xã Duyên Hải", H),
        Unit("duyenhai", "Ủy ban nhân dân huyện Duyên Hải", H),
        *extra,
    )


def test_all_selects_every_active_unit_in_list_order() -> None:
    assert resolve_units("all", units()) == (
        "vpubnd", "skhdt", "bdt", "thongke", "txdh", "duyenhai")


def test_group_words_select_their_group() -> None:
    assert resolve_units("departments", units()) == ("vpubnd", "skhdt", "bdt")
    assert resolve_units("districts", units()) == ("txdh", "duyenhai")
    assert resolve_units("agencies", units()) == ("thongke",)


def test_exclusions_leave_units_or_groups_out() -> None:
    assert resolve_units("all -bdt", units()) == ("vpubnd", "skhdt", "thongke", "txdh", "duyenhai")
    assert resolve_units("all -districts, -agencies", units()) == ("vpubnd", "skhdt", "bdt")


def test_explicit_codes_are_selected_and_typed_codes_are_folded_to_ascii() -> None:
    assert resolve_units("SKHĐT, txdh", units()) == ("skhdt", "txdh")
    assert fold_code(" Sở ") == "so"


def test_an_unknown_code_is_rejected_with_the_closest_codes() -> None:
    with pytest.raises(UnknownUnit) as raised:
        resolve_units("all -bdtt", units())
    assert raised.value.params["code"] == "bdtt"
    assert raised.value.params["suggestions"][0] == "bdt"  # type: ignore[index]


def test_an_unknown_code_far_from_any_still_gets_suggestions() -> None:
    with pytest.raises(UnknownUnit) as raised:
        resolve_units("zzzz", units())
    assert len(raised.value.params["suggestions"]) == 3  # type: ignore[arg-type]


def test_inactive_units_are_left_out_of_groups_and_refused_by_name() -> None:
    merged = Unit("sgtvt", "Sở Giao thông vận tải", D, active=False)
    assert "sgtvt" not in resolve_units("all", units(merged))
    with pytest.raises(InactiveUnit):
        resolve_units("sgtvt", units(merged))
    assert resolve_units("all -sgtvt", units(merged)) == resolve_units("all", units())


def test_active_dates_apply_on_the_given_day() -> None:
    ended = Unit("snnptnt", "Sở Nông nghiệp và Phát triển nông thôn", D,
                 active_until=date(2025, 2, 28))
    assert "snnptnt" in resolve_units("departments", units(ended), on=date(2025, 2, 28))
    assert "snnptnt" not in resolve_units("departments", units(ended), on=date(2025, 3, 1))
    assert "snnptnt" in resolve_units("departments", units(ended))


@pytest.mark.parametrize("selector", ["", "  ,  ", "-bdt", "all -"])
def test_a_selection_that_cannot_be_read_is_rejected(selector: str) -> None:
    with pytest.raises(InvalidUnitSelector):
        resolve_units(selector, units())


def test_a_selection_that_leaves_nothing_is_rejected() -> None:
    with pytest.raises(EmptyUnitSelection):
        resolve_units("districts -txdh -duyenhai", units())


@pytest.mark.parametrize("code", ["a", "skhđt", "SKHDT", "s-khdt", "x" * 17, "all", "districts"])
def test_unit_codes_are_short_lowercase_ascii_and_not_selector_words(code: str) -> None:
    with pytest.raises(InvalidUnitCode):
        Unit(code, "Tên", D)


def test_unit_names_are_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Sở Y tế")
    assert Unit("syt", decomposed, D).name == unicodedata.normalize("NFC", "Sở Y tế")


def test_a_stored_selection_leaves_out_a_unit_disabled_since_it_was_typed() -> None:
    merged = Unit("skhdt", "Sở Kế hoạch và Đầu tư", D, active=False)
    others = tuple(unit for unit in units() if unit.code != "skhdt")
    assert resolve_units("skhdt, bdt", (*others, merged), stored=True) == ("bdt",)
    assert resolve_units("skhdt", (*others, merged), stored=True) == ()
    with pytest.raises(InactiveUnit):
        resolve_units("skhdt, bdt", (*others, merged))
