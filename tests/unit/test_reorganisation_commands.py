"""/reorganize in one line (pure): every kind it takes, its options, and every refusal."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.errors import (
    DateDoesNotExist,
    DeadlineTextControlCharacters,
    DomainError,
    InvalidDate,
    InvalidReorganisation,
    InvalidUnitCode,
    InvalidUnitGroup,
    LegalBasisTooLong,
    SplitNeedsFile,
    UnitNameControlCharacters,
    UnknownReorganisationKind,
    UnknownUnit,
    WrongUsage,
)
from bot.domain.reorganisation_commands import parse_reorganize_command
from bot.domain.reorganisations import (
    LegalReference,
    Lineage,
    PendingRule,
    Reorganisation,
    ReorganisationKind,
    check_reorganisations,
)
from bot.domain.units import Unit, UnitGroup

MARCH_1, JULY_1 = date(2025, 3, 1), date(2025, 7, 1)
UNITS = (
    Unit("skhdt", "Sở Kế hoạch và Đầu tư", UnitGroup.DEPARTMENT),
    Unit("stc", "Sở Tài chính", UnitGroup.DEPARTMENT),
    Unit("sgtvt", "Sở Giao thông vận tải", UnitGroup.DEPARTMENT),
    Unit("sxd", "Sở Xây dựng", UnitGroup.DEPARTMENT),
    Unit("canglong", "Ủy ban nhân dân huyện Càng Long", UnitGroup.DISTRICT),
    Unit("cauke", "Ủy ban nhân dân huyện Cầu Kè", UnitGroup.DISTRICT),
    Unit("duyenhai", "Ủy ban nhân dân huyện Duyên Hải", UnitGroup.DISTRICT),
)
NO_BASIS = LegalReference("")


def parse(typed: str) -> Reorganisation:
    return parse_reorganize_command(typed, UNITS)


def test_an_absorption_names_the_old_units_and_the_unit_that_goes_on() -> None:
    event = parse("absorb skhdt,sgtvt stc 01/03/2025")
    assert event == Reorganisation(MARCH_1, ReorganisationKind.ABSORB, ("skhdt", "sgtvt"),
                                   ("stc",), NO_BASIS, (), "", PendingRule.CARRY)
    check_reorganisations([event], UNITS, Lineage())


def test_a_merger_creates_the_new_unit_with_its_group_and_name_from_the_date() -> None:
    event = parse("merge canglong,cauke xacl 01/07/2025 commune Xã Càng Long")
    assert event.kind is ReorganisationKind.MERGE
    assert (event.predecessors, event.successors) == (("canglong", "cauke"), ("xacl",))
    assert event.created == (Unit("xacl", "Xã Càng Long", UnitGroup.COMMUNE, True, JULY_1),)
    check_reorganisations([event], UNITS, Lineage())


def test_a_renamed_unit_keeps_its_group_under_the_new_code_and_name() -> None:
    event = parse("rename sxd sxdm 01/07/2025 Sở Xây dựng mới")
    assert event.kind is ReorganisationKind.RENAME
    assert (event.predecessors, event.successors) == (("sxd",), ("sxdm",))
    assert event.created == (Unit("sxdm", "Sở Xây dựng mới", UnitGroup.DEPARTMENT, True,
                                  JULY_1),)


def test_a_dissolution_has_no_successor_and_closes_the_unanswered_reports() -> None:
    event = parse("dissolve duyenhai 01/07/2025")
    assert event == Reorganisation(JULY_1, ReorganisationKind.DISSOLVE, ("duyenhai",), (),
                                   NO_BASIS, (), "", PendingRule.CLOSE)


@pytest.mark.parametrize(("typed", "kind"), [
    ("sáp nhập skhdt stc 01/03/2025", ReorganisationKind.ABSORB),
    ("SAP-NHAP skhdt stc 01/03/2025", ReorganisationKind.ABSORB),
    ("hợp nhất canglong,cauke xacl 01/07/2025 xã Xã Càng Long", ReorganisationKind.MERGE),
    ("hopnhat canglong,cauke xacl 01/07/2025 commune Xã Càng Long", ReorganisationKind.MERGE),
    ("đổi tên sxd sxdm 01/07/2025 Sở Xây dựng mới", ReorganisationKind.RENAME),
    ("Giải thể duyenhai 01/07/2025", ReorganisationKind.DISSOLVE),
    ("giaithe duyenhai 2025-07-01", ReorganisationKind.DISSOLVE),
])
def test_the_kind_may_be_written_in_vietnamese_with_or_without_diacritics(
        typed: str, kind: ReorganisationKind) -> None:
    assert parse(typed).kind is kind


def test_old_codes_are_folded_as_other_commands_fold_them_and_counted_once() -> None:
    event = parse("absorb SKHĐT, sgtvt,skhdt stc 1/3/2025")
    assert event.predecessors == ("skhdt", "sgtvt")


def test_the_options_at_the_end_give_the_pending_rule_and_the_legal_basis_in_any_order() -> None:
    first = parse("absorb skhdt stc 01/03/2025 đóng theo 45/2025/NĐ-CP ngày 28/02/2025")
    second = parse("absorb skhdt stc 01/03/2025 theo 45/2025/NĐ-CP ngày 28/02/2025 close")
    assert first == second
    assert first.pending is PendingRule.CLOSE
    assert first.basis == LegalReference("45/2025/NĐ-CP", date(2025, 2, 28))
    assert parse("absorb skhdt stc 01/03/2025 chuyen").pending is PendingRule.CARRY
    assert first.key == parse("absorb skhdt stc 01/03/2025").key  # the same event


def test_the_legal_basis_ends_a_new_name_only_where_a_document_number_begins() -> None:
    event = parse("merge canglong,cauke xacl 01/07/2025 xa Xã Tân Đông theo Nghị quyết "
                  "1687/NQ-UBTVQH15 chuyển")
    assert event.created[0].name == "Xã Tân Đông"  # "Đông" is no "đóng"
    assert event.basis == LegalReference("Nghị quyết 1687/NQ-UBTVQH15")
    kept = parse("rename sxd sxdm 01/07/2025 Sở Xây dựng theo quy hoạch")
    assert kept.created[0].name == "Sở Xây dựng theo quy hoạch"
    assert kept.basis == NO_BASIS


@pytest.mark.parametrize(("typed", "error"), [
    ("", WrongUsage),
    ("chuyen skhdt stc 01/03/2025", UnknownReorganisationKind),
    ("split canglong xaa,xab 01/07/2025", SplitNeedsFile),
    ("chia tách canglong xaa,xab 01/07/2025", SplitNeedsFile),
    ("absorb skhdt stc", WrongUsage),
    ("absorb skhdt stc 01/03/2025 Sở Tài chính", WrongUsage),
    ("absorb , stc 01/03/2025", WrongUsage),
    ("absorb skhdtt stc 01/03/2025", UnknownUnit),
    ("absorb skhdt stcc 01/03/2025", UnknownUnit),
    ("absorb s stc 01/03/2025", InvalidUnitCode),
    ("absorb skhdt stc 1-3", InvalidDate),
    ("absorb skhdt stc 30/02/2025", DateDoesNotExist),
    ("absorb skhdt stc 01/03/2025 theo 45/2025/NĐ-CP ngày 31/02/2025", DateDoesNotExist),
    ("absorb skhdt stc 01/03/2025 theo 45/2025/NĐ\u200b-CP", DeadlineTextControlCharacters),
    ("absorb skhdt stc 01/03/2025 theo " + "45/2025/NĐ-CP" * 10, LegalBasisTooLong),
    ("absorb skhdt stc 01/03/2025 theo công văn", WrongUsage),
    ("merge canglong,cauke xacl 01/07/2025", WrongUsage),
    ("merge canglong,cauke xacl 01/07/2025 commune", WrongUsage),
    ("merge canglong,cauke xacl 01/07/2025 commune theo 1687/NQ-UBTVQH15", WrongUsage),
    ("merge canglong,cauke xacl 01/07/2025 phong Xã Càng Long", InvalidUnitGroup),
    ("merge canglong,cauke XãCL 01/07/2025 commune Xã Càng Long", InvalidUnitCode),
    ("merge canglong,cauke all 01/07/2025 commune Xã Càng Long", InvalidUnitCode),
    ("merge canglong,cauke xacl 01/07/2025 commune Xã Càng\nLong", UnitNameControlCharacters),
    ("rename sxd sxdm 01/07/2025", WrongUsage),
    ("rename sxd,stc sxdm 01/07/2025 Sở mới", InvalidReorganisation),
    ("dissolve duyenhai 01/07/2025 chuyển", WrongUsage),
    ("dissolve duyenhai stc 01/07/2025", WrongUsage),
], ids=["empty", "unknown-kind", "split", "split-vi", "no-date", "name-after-absorb",
        "no-old-code", "unknown-old-unit", "unknown-receiving-unit", "bad-code", "bad-date",
        "no-such-date", "bad-basis-date", "hidden-character-in-basis", "basis-too-long",
        "basis-without-number", "merge-without-group", "merge-without-name",
        "merge-with-only-options", "bad-group", "new-code-with-diacritics", "new-code-selector",
        "line-break-in-name", "rename-without-name", "rename-of-two", "dissolve-carry",
        "dissolve-with-successor"])
def test_a_command_that_does_not_fit_is_refused_with_what_to_fix(
        typed: str, error: type[DomainError]) -> None:
    with pytest.raises(error):
        parse(typed)


def test_missing_words_are_answered_with_the_form_of_that_kind() -> None:
    with pytest.raises(WrongUsage) as refused:
        parse("hợp nhất canglong,cauke xacl 01/07/2025 commune")
    assert refused.value.params["usage"] == (
        "/reorganize merge <mã cũ>,<mã cũ>[,…] <mã mới> <ngày> <nhóm> <tên đơn vị mới> "
        "[chuyển|đóng] [theo <số văn bản> [ngày <ngày>]]")


def test_an_unknown_old_unit_comes_with_the_closest_codes() -> None:
    with pytest.raises(UnknownUnit) as refused:
        parse("absorb skhd stc 01/03/2025")
    assert refused.value.params["suggestions"] == ("skhdt",)
