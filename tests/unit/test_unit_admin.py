"""The admin's unit use cases (list, add, edit, disable, enable) and /audit, on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.audit_actions import AuditAction
from bot.domain.errors import (
    DomainError,
    DuplicateCode,
    EmptyUnitName,
    InactiveUnit,
    InvalidUnitCode,
    InvalidUnitGroup,
    NotAllowed,
    UnitAlreadyActive,
    UnitAlreadyDisabled,
    UnitNameControlCharacters,
    UnitNameTooLong,
    UnknownUnit,
)
from bot.domain.units import UnitGroup
from bot.services import audit, units
from bot.services.people import Caller, TelegramUser, bootstrap_admins, record_contact
from bot.services.province import seed_province
from config.province import load_province
from db.migrate import upgrade_to_head
from db.models import AuditEntry, Membership, Person, Unit
from db.session import Database

NOW = datetime(2025, 3, 10, 2, 30, tzinfo=UTC)
PROVINCE = load_province()
ADMIN_ID, OFFICER_ID = 1001, 2002


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    upgrade_to_head(db)
    db.run_sync(lambda s: seed_province(s, PROVINCE, NOW))
    yield db
    db.dispose()


def admin(database: Database) -> Caller:
    def work(session: Session) -> Caller:
        bootstrap_admins(session, [ADMIN_ID], NOW)
        return record_contact(session, TelegramUser(ADMIN_ID, "Quản trị"), NOW)
    return database.run_sync(work)


def person_serving(database: Database, name: str, code: str, *, head: bool = False,
                   telegram_id: int = OFFICER_ID) -> Caller:
    """A person registered for the unit `code` (as its head if `head`)."""
    def work(session: Session) -> Caller:
        caller = record_contact(session, TelegramUser(telegram_id, name), NOW)
        unit_id = session.scalars(select(Unit.id).where(Unit.code == code)).one()
        session.add(Membership(person_id=caller.person_id, unit_id=unit_id, is_head=head,
                               created_at=NOW))
        session.flush()
        return record_contact(session, TelegramUser(telegram_id, name), NOW)
    return database.run_sync(work)


def stored_units(database: Database) -> list[tuple[str, str, str, bool]]:
    return database.run_sync(lambda s: [
        (u.code, u.name, u.unit_group, u.active)
        for u in s.scalars(select(Unit).order_by(Unit.id))])


def audit_entries(database: Database) -> list[tuple[str, str, object, object]]:
    return database.run_sync(lambda s: [
        (e.action, e.subject, e.before, e.after)
        for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))])


def test_the_list_has_every_unit_by_group_with_officers_heads_and_the_never_registered(
    database: Database
) -> None:
    actor = admin(database)
    person_serving(database, "Lan", "syt", telegram_id=11)
    person_serving(database, "Hùng", "syt", head=True, telegram_id=12)
    lines = database.run_sync(lambda s: units.list_units(s, actor))
    by_code = {line.code: line for line in lines}
    assert len(lines) == 38
    assert [line.group for line in lines] == sorted(
        (line.group for line in lines), key=list(UnitGroup).index)
    assert (by_code["syt"].officers, by_code["syt"].heads) == (2, ("Hùng",))
    assert not by_code["syt"].never_registered
    assert by_code["bdt"].never_registered and by_code["bdt"].officers == 0


def test_adding_a_unit_stores_it_active_and_writes_the_audit_trail(database: Database) -> None:
    actor = admin(database)
    line = database.run_sync(lambda s: units.add_unit(
        s, actor, "sdl", "department", "Sở Du lịch", NOW))
    assert (line.code, line.name, line.group, line.active) == (
        "sdl", "Sở Du lịch", UnitGroup.DEPARTMENT, True)
    assert stored_units(database)[-1] == ("sdl", "Sở Du lịch", "department", True)
    assert audit_entries(database) == [
        ("unit.add", "sdl", None, {"name": "Sở Du lịch", "group": "department"})]


@pytest.mark.parametrize(("typed", "group"), [
    ("so", UnitGroup.DEPARTMENT), ("Sở", UnitGroup.DEPARTMENT), ("huyện", UnitGroup.DISTRICT),
    ("DISTRICT", UnitGroup.DISTRICT), ("co-quan", UnitGroup.AGENCY), ("cơ-quan", UnitGroup.AGENCY),
])
def test_groups_may_be_typed_in_vietnamese(database: Database, typed: str,
                                           group: UnitGroup) -> None:
    actor = admin(database)
    line = database.run_sync(lambda s: units.add_unit(s, actor, "moi", typed, "Đơn vị mới", NOW))
    assert line.group is group


def test_names_are_stored_in_nfc_with_single_spaces_and_upper_case_codes_lowered(
    database: Database
) -> None:
    actor = admin(database)
    decomposed = "So\u031b\u0309   Du li\u0323ch"  # "Sở   Du lịch" typed with combining marks
    line = database.run_sync(lambda s: units.add_unit(s, actor, "SDL", "so", decomposed, NOW))
    assert (line.code, line.name) == ("sdl", "Sở Du lịch")


@pytest.mark.parametrize(("code", "group", "name", "error"), [
    ("syt", "department", "Sở Y tế mới", DuplicateCode),
    ("sởyt", "department", "Sở Y tế", InvalidUnitCode),
    ("all", "department", "Tất cả", InvalidUnitCode),
    ("s", "department", "Một chữ", InvalidUnitCode),
    ("sdl", "phong", "Sở Du lịch", InvalidUnitGroup),
    ("sdl", "department", "   ", EmptyUnitName),
    ("sdl", "department", "Sở " + "Du lịch " * 40, UnitNameTooLong),
    ("sdl", "department", "Sở Du\nlịch", UnitNameControlCharacters),
    ("sdl", "department", "Sở Du lịch\u202e", UnitNameControlCharacters),
    ("sdl", "department", "Sở\u200bDu lịch", UnitNameControlCharacters),
])
def test_bad_input_for_a_new_unit_is_refused_and_nothing_is_stored(
    database: Database, code: str, group: str, name: str, error: type[DomainError]
) -> None:
    actor = admin(database)
    before = stored_units(database)
    with pytest.raises(error):
        database.run_sync(lambda s: units.add_unit(s, actor, code, group, name, NOW))
    assert stored_units(database) == before
    assert audit_entries(database) == []


def test_a_code_of_a_disabled_unit_cannot_be_reused(database: Database) -> None:
    actor = admin(database)
    database.run_sync(lambda s: units.disable_unit(s, actor, "bdt", NOW))
    with pytest.raises(DuplicateCode):
        database.run_sync(lambda s: units.add_unit(s, actor, "bdt", "department", "Ban mới", NOW))


def test_editing_the_name_or_group_records_before_and_after(database: Database) -> None:
    actor = admin(database)
    later = NOW + timedelta(hours=1)
    name_edit = database.run_sync(lambda s: units.edit_unit(
        s, actor, "SYT", "name", "Sở Y tế tỉnh Trà Vinh", later))
    group_edit = database.run_sync(lambda s: units.edit_unit(
        s, actor, "bqlkkt", "group", "agency", later))
    assert (name_edit.before, name_edit.after, name_edit.changed) == (
        "Sở Y tế", "Sở Y tế tỉnh Trà Vinh", True)
    assert (group_edit.before, group_edit.after) == ("department", "agency")
    rows = {row[0]: row for row in stored_units(database)}
    assert rows["syt"][1] == "Sở Y tế tỉnh Trà Vinh"
    assert rows["bqlkkt"][2] == "agency"
    assert audit_entries(database) == [
        ("unit.edit", "syt", {"name": "Sở Y tế"}, {"name": "Sở Y tế tỉnh Trà Vinh"}),
        ("unit.edit", "bqlkkt", {"group": "department"}, {"group": "agency"}),
    ]


def test_an_edit_to_the_same_value_changes_nothing_and_is_not_audited(database: Database) -> None:
    actor = admin(database)
    edit = database.run_sync(lambda s: units.edit_unit(s, actor, "syt", "name", "Sở  Y tế", NOW))
    assert not edit.changed
    assert audit_entries(database) == []


def test_editing_an_unknown_code_suggests_close_codes(database: Database) -> None:
    actor = admin(database)
    with pytest.raises(UnknownUnit) as raised:
        database.run_sync(lambda s: units.edit_unit(s, actor, "sytt", "name", "X", NOW))
    assert "syt" in raised.value.params["suggestions"]  # type: ignore[operator]


def test_disabling_keeps_the_people_and_makes_the_unit_unselectable(database: Database) -> None:
    actor = admin(database)
    person_serving(database, "Lan", "syt")
    line = database.run_sync(lambda s: units.disable_unit(s, actor, "syt", NOW))
    memberships = database.run_sync(lambda s: s.scalar(select(func.count(Membership.id))))
    assert (line.active, line.officers) == (False, 1)
    assert memberships == 1
    with pytest.raises(InactiveUnit):
        database.run_sync(lambda s: units.active_unit(s, "syt"))
    assert ("syt", "Sở Y tế") not in database.run_sync(units.active_units)
    assert audit_entries(database) == [("unit.disable", "syt", {"active": True},
                                        {"active": False})]


def test_disabling_twice_is_a_clear_error_and_enabling_undoes_it(database: Database) -> None:
    actor = admin(database)
    database.run_sync(lambda s: units.disable_unit(s, actor, "syt", NOW))
    with pytest.raises(UnitAlreadyDisabled):
        database.run_sync(lambda s: units.unit_to_disable(s, actor, "syt"))
    with pytest.raises(UnitAlreadyDisabled):
        database.run_sync(lambda s: units.disable_unit(s, actor, "syt", NOW))
    line = database.run_sync(lambda s: units.enable_unit(s, actor, "syt", NOW))
    assert line.active
    with pytest.raises(UnitAlreadyActive):
        database.run_sync(lambda s: units.enable_unit(s, actor, "syt", NOW))
    assert [entry[0] for entry in audit_entries(database)] == ["unit.disable", "unit.enable"]


def test_people_who_are_not_admins_may_do_none_of_it(database: Database) -> None:
    officer = person_serving(database, "Lan", "syt", head=True)
    before = stored_units(database)
    attempts = [
        lambda s: units.list_units(s, officer),
        lambda s: units.add_unit(s, officer, "sdl", "department", "Sở Du lịch", NOW),
        lambda s: units.edit_unit(s, officer, "syt", "name", "Sở Y tế mới", NOW),
        lambda s: units.unit_to_disable(s, officer, "syt"),
        lambda s: units.disable_unit(s, officer, "syt", NOW),
        lambda s: units.enable_unit(s, officer, "syt", NOW),
        lambda s: audit.audit_log(s, officer, 20),
    ]
    for attempt in attempts:
        with pytest.raises(NotAllowed):
            database.run_sync(attempt)
    assert stored_units(database) == before
    assert audit_entries(database) == []


def test_the_audit_log_is_newest_first_with_the_actors_name_and_at_most_100_lines(
    database: Database
) -> None:
    actor = admin(database)
    def edits(session: Session) -> None:
        for index in range(105):
            audit.record_change(session, actor.person_id, AuditAction.UNIT_EDIT, f"u{index}",
                                NOW + timedelta(minutes=index))
    database.run_sync(edits)
    database.run_sync(lambda s: audit.record_change(s, None, AuditAction.UNIT_ADD, "auto", NOW))
    lines = database.run_sync(lambda s: audit.audit_log(s, actor, 500))
    three = database.run_sync(lambda s: audit.audit_log(s, actor, 3))
    assert len(lines) == 100
    assert [(line.actor, line.subject) for line in three] == [
        ("system", "auto"), ("Quản trị", "u104"), ("Quản trị", "u103")]
    persons = database.run_sync(lambda s: s.scalar(select(func.count(Person.id))))
    assert persons == 1
