"""The shipped data of Trà Vinh province, and its 2020 calendar exactly as the seeds give it."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from datetime import date

import pytest

from bot.domain.province import Province
from bot.domain.schedule import schedule_for_year
from bot.domain.units import UnitGroup
from config.province import load_province


@pytest.fixture(scope="module")
def province() -> Province:
    return load_province()


def test_the_default_province_is_tra_vinh_with_its_office(province: Province) -> None:
    assert province.name == "Trà Vinh"
    assert province.office_unit.name == "Văn phòng Ủy ban nhân dân tỉnh"


def test_every_unit_of_the_domain_notes_is_there_with_a_short_code(province: Province) -> None:
    codes: dict[UnitGroup, list[str]] = defaultdict(list)
    for unit in province.units:
        codes[unit.group].append(unit.code)
    assert codes[UnitGroup.DEPARTMENT] == [
        "vpubnd", "snv", "stp", "skhdt", "stc", "sct", "snnptnt", "sgtvt", "sxd", "stnmt",
        "stttt", "sldtbxh", "svhttdl", "skhcn", "sgddt", "syt", "thanhtra", "bdt", "bqlkkt"]
    assert codes[UnitGroup.AGENCY] == [
        "nhnn", "thongke", "lmhtx", "dhtv", "congan", "bchqs", "bdbp", "ptth", "baotv", "qltt"]
    assert codes[UnitGroup.DISTRICT] == [
        "tptv", "txdh", "canglong", "chauthanh", "cauke", "tieucan", "caungang", "tracu",
        "duyenhai"]


def test_unit_names_are_full_vietnamese_in_nfc(province: Province) -> None:
    names = {unit.code: unit.name for unit in province.units}
    assert names["sldtbxh"] == "Sở Lao động - Thương binh và Xã hội"
    assert names["txdh"] == "Ủy ban nhân dân thị xã Duyên Hải"
    assert names["duyenhai"] == "Ủy ban nhân dân huyện Duyên Hải"
    assert all(unicodedata.is_normalized("NFC", name) for name in names.values())


def test_the_five_deadlines_of_the_mission_have_their_legal_basis(province: Province) -> None:
    clauses = {d.code: (d.legal_basis.document, d.legal_basis.issued_on, d.legal_basis.clause)
               for d in province.deadlines}
    decision = ("01/QĐ-UBND", date(2020, 1, 2))
    assert clauses["trienkhai"][:2] == decision and clauses["trienkhai"][2].endswith("mục 1.1")
    assert clauses["quy"][:2] == decision and clauses["quy"][2].endswith("mục 1.3")
    assert clauses["tongket"][:2] == decision and clauses["tongket"][2].endswith("mục 1.4")
    for code in ("khnam_noidung", "khnam_duthao"):
        assert clauses[code][2].startswith("C. Tổ chức thực hiện, mục 5")
        assert province.deadline(code).legal_basis.kind == "Chỉ thị"


def test_who_reports_to_whom(province: Province) -> None:
    everyone = province.resolve_units("all")
    assert province.deadline("quy").units == everyone
    assert province.deadline("quy").recipient.code == "vpubnd"
    assert province.deadline("khnam_noidung").units == tuple(c for c in everyone if c != "skhdt")
    assert province.deadline("khnam_noidung").recipient.code == "skhdt"
    assert province.deadline("khnam_duthao").units == ("skhdt",)
    assert province.deadline("khnam_duthao").recipient.name == "Chủ tịch Ủy ban nhân dân tỉnh"


def test_the_2020_calendar_is_exactly_the_one_in_the_seed_documents(province: Province) -> None:
    schedule = schedule_for_year(province.deadlines, 2020, province.working_calendar())
    assert [(s.occurrence.deadline_code, s.occurrence.due_date, s.occurrence.effective_due_date,
             s.occurrence.period.label) for s in schedule] == [
        ("trienkhai", date(2020, 1, 20), date(2020, 1, 20), "Năm 2020"),  # a Monday
        ("quy", date(2020, 3, 10), date(2020, 3, 10), "Quý I/2020"),
        ("quy", date(2020, 6, 10), date(2020, 6, 10), "Quý II/2020"),
        ("khnam_noidung", date(2020, 7, 10), date(2020, 7, 10), "5 năm 2021-2025"),
        ("khnam_duthao", date(2020, 7, 20), date(2020, 7, 20), "5 năm 2021-2025"),
        ("quy", date(2020, 9, 10), date(2020, 9, 10), "Quý III/2020"),
        ("tongket", date(2020, 11, 10), date(2020, 11, 10), "Năm 2020"),
        ("quy", date(2020, 12, 10), date(2020, 12, 10), "Quý IV/2020"),
    ]


def test_the_action_plan_deadlines_recur_and_the_five_year_ones_do_not(province: Province) -> None:
    schedule = schedule_for_year(province.deadlines, 2021, province.working_calendar())
    assert [s.occurrence.deadline_code for s in schedule] == [
        "trienkhai", "quy", "quy", "quy", "tongket", "quy"]


def test_the_2023_implementing_documents_fall_in_tet_and_are_due_after_it(
    province: Province,
) -> None:
    (first, *_) = schedule_for_year(province.deadlines, 2023, province.working_calendar())
    assert first.occurrence.due_date == date(2023, 1, 20)
    assert first.occurrence.effective_due_date == date(2023, 1, 27)
    assert first.occurrence.period.label == "Năm 2023"


def test_the_schedule_export_has_exactly_the_fields_the_cli_prints(province: Province) -> None:
    (entry, *_) = schedule_for_year(province.deadlines, 2020, province.working_calendar())
    exported = entry.to_json()
    assert list(exported) == ["deadline_code", "title", "period", "due_date",
                              "effective_due_date", "units", "recipient", "reminders"]
    assert exported["due_date"] == "2020-01-20"
    assert exported["recipient"] == "vpubnd"
    assert exported["reminders"][:1] == [  # type: ignore[index]
        {"at": "2020-01-09T08:00:00+07:00", "kind": "before"}]
    assert {r["kind"] for r in exported["reminders"]} == {  # type: ignore[attr-defined]
        "before", "due", "overdue", "escalation"}


def test_default_reminder_offsets_apply_to_every_shipped_deadline(province: Province) -> None:
    assert all(d.offsets == province.default_offsets for d in province.deadlines)
    assert province.default_offsets.before == (7, 3, 1)
    assert province.default_offsets.escalation == (3, 7)
