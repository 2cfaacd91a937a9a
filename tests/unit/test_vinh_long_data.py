"""The new Vĩnh Long province's data (vinh_long_2025.yaml) and the file that takes a Trà Vinh
database there (tra_vinh_to_vinh_long_2025.yaml): counts and names of Nghị quyết
1687/NQ-UBTVQH15, codes consistent between the two files, and on both databases the apply then
the seeding that an office moving from Trà Vinh does."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.errors import DuplicateCode
from bot.domain.province import Province
from bot.domain.reorganisations import (
    Lineage,
    Reorganisation,
    ReorganisationKind,
    check_reorganisations,
)
from bot.domain.units import Unit, UnitGroup, fold_code
from bot.services.province import seed_province
from bot.services.reorganisations import apply_reorganisations
from config.province import default_province_path, load_province
from config.reorganisation_file import load_reorganisations
from db.migrate import upgrade_to_head
from db.province_snapshot import province_snapshot
from db.session import Database

DATA = default_province_path().parent  # the packaged data files
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2025, 6, 30, 3, 0, tzinfo=UTC)
JUNE_30, JULY_1 = date(2025, 6, 30), date(2025, 7, 1)
TRA_VINH = load_province()
VINH_LONG = load_province(DATA / "vinh_long_2025.yaml")
EVENTS = load_reorganisations(DATA / "tra_vinh_to_vinh_long_2025.yaml")
# Names whose words carry no diacritic, and rightly: both datasets spell them so (see the
# header of vinh_long_2025.yaml; Xã Vinh Kim is not Đồng Tháp's Xã Vĩnh Kim).
PLAIN_NAMES = {"Xã Giao Long", "Xã Ba Tri", "Xã An Qui", "Xã Vinh Kim"}
GOING_ON = {"vpubnd", "snv", "stp", "stc", "sct", "sxd", "skhcn", "svhttdl", "sgddt", "syt",
            "thanhtra", "bqlkkt", "congan", "bchqs"}


def communes(province: Province) -> list[Unit]:
    return [unit for unit in province.units if unit.group is UnitGroup.COMMUNE]


def test_the_province_file_loads_with_its_office() -> None:
    assert VINH_LONG.name == "Vĩnh Long"
    assert VINH_LONG.office_unit.name == "Văn phòng Ủy ban nhân dân tỉnh"
    assert [d.code for d in VINH_LONG.deadlines] == [d.code for d in TRA_VINH.deadlines]


def test_124_communes_105_xa_and_19_phuong_and_no_district() -> None:
    kinds = Counter(unit.name.split(" ", 1)[0] for unit in communes(VINH_LONG))
    assert kinds == {"Xã": 105, "Phường": 19}
    assert not [unit for unit in VINH_LONG.units if unit.group is UnitGroup.DISTRICT]
    assert all(unit.active_from == JULY_1 for unit in communes(VINH_LONG))


def test_departments_of_the_2025_structure() -> None:
    departments = {u.code: u.name for u in VINH_LONG.units if u.group is UnitGroup.DEPARTMENT}
    assert departments["snnmt"] == "Sở Nông nghiệp và Môi trường"
    assert departments["sdttg"] == "Sở Dân tộc và Tôn giáo"
    assert len(departments) == 14
    gone = {"skhdt", "sgtvt", "stttt", "snnptnt", "stnmt", "sldtbxh", "bdt"}
    assert not gone & {unit.code for unit in VINH_LONG.units}


def test_names_are_nfc_with_their_diacritics() -> None:
    names = [unit.name for unit in VINH_LONG.units]
    assert all(unicodedata.is_normalized("NFC", name) for name in names)
    assert all(unit.name.startswith(("Xã ", "Phường ")) for unit in communes(VINH_LONG))
    plain = {name for name in names if name.split(" ", 1)[1].isascii()}
    assert plain == PLAIN_NAMES
    assert len(set(names)) == len(names)


def test_codes_are_unique_and_follow_the_scheme() -> None:
    codes = [unit.code for unit in VINH_LONG.units]
    assert len(set(codes)) == len(codes)
    for unit in communes(VINH_LONG):
        kind, place = unit.name.split(" ", 1)
        prefix = "x" if kind == "Xã" else "p"
        assert unit.code == prefix + "".join(fold_code(place).split())
    tra_vinh = {unit.code for unit in TRA_VINH.units}
    assert set(codes) & tra_vinh == GOING_ON


def test_the_reorganisation_file_passes_the_checks_against_tra_vinh_units() -> None:
    check_reorganisations(EVENTS, TRA_VINH.units, Lineage())
    assert {event.effective_on for event in EVENTS} == {JULY_1}
    districts = [u.code for u in TRA_VINH.units if u.group is UnitGroup.DISTRICT]
    splits = [e for e in EVENTS if e.kind is ReorganisationKind.SPLIT]
    assert sorted(code for e in splits for code in e.predecessors) == sorted(districts)


def test_what_the_file_creates_is_in_the_province_file_under_the_same_code() -> None:
    in_province = {unit.code: unit for unit in VINH_LONG.units}
    created = [unit for event in EVENTS for unit in event.created]
    for unit in created:
        there = in_province[unit.code]
        assert (unit.name, unit.group, unit.active_from) == (there.name, there.group,
                                                             there.active_from)
    assert len([u for u in created if u.group is UnitGroup.COMMUNE]) == 41
    successors = {code for event in EVENTS for code in event.successors}
    assert successors <= set(in_province)


def snapshot_units(database: Database) -> list[Unit]:
    return list(database.run_sync(province_snapshot).units)


def valid_on(units: list[Unit], day: date, group: UnitGroup) -> set[str]:
    return {unit.code for unit in units if unit.group is group and unit.is_active_on(day)}


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    upgrade_to_head(db)
    db.run_sync(lambda s: seed_province(s, TRA_VINH, NOW))
    yield db
    db.dispose()


def apply(database: Database, events: tuple[Reorganisation, ...]) -> None:
    database.run_sync(lambda s: apply_reorganisations(s, events, NOW, TZ))


def test_apply_then_seed_gives_the_124_communes_on_1_july_and_no_district(
    database: Database
) -> None:
    apply(database, EVENTS)
    added = database.run_sync(lambda s: seed_province(s, VINH_LONG, NOW))
    assert len(added.units) == 124 - 41 and not added.deadlines
    units = snapshot_units(database)
    expected = {unit.code for unit in communes(VINH_LONG)}
    assert valid_on(units, JULY_1, UnitGroup.COMMUNE) == expected
    assert valid_on(units, JULY_1, UnitGroup.DISTRICT) == set()
    assert len(valid_on(units, JUNE_30, UnitGroup.DISTRICT)) == 9
    assert valid_on(units, JUNE_30, UnitGroup.COMMUNE) == set()
    departments = valid_on(units, JULY_1, UnitGroup.DEPARTMENT)
    assert departments == {u.code for u in VINH_LONG.units if u.group is UnitGroup.DEPARTMENT}
    quy = next(d for d in database.run_sync(province_snapshot).deadlines if d.code == "quy")
    assert expected <= set(quy.units_on(date(2025, 9, 10)))
    assert "tptv" in quy.units_on(date(2025, 3, 10))  # history as it was
    june = set(quy.units_on(date(2025, 6, 10)))  # open on the date: closed, not carried
    assert "tptv" not in june and not june & expected and "snnmt" in june


def test_the_recipient_of_the_five_year_plan_follows_skhdt_to_stc(database: Database) -> None:
    apply(database, EVENTS)
    deadlines = {d.code: d for d in database.run_sync(province_snapshot).deadlines}
    assert deadlines["khnam_noidung"].recipient.code == "stc"


def test_switching_the_province_file_before_the_apply_is_refused_and_changes_nothing(
    database: Database
) -> None:
    database.run_sync(lambda s: seed_province(s, VINH_LONG, NOW))
    before = snapshot_units(database)
    with pytest.raises(DuplicateCode):
        apply(database, EVENTS)
    assert snapshot_units(database) == before
