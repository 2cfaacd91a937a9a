"""The province snapshot is kept between requests and rebuilt as soon as a unit or deadline
changes, however the change is written (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.lifecycle import prepare
from config.settings import load_settings
from db import units
from db.models import Deadline, Unit
from db.province_snapshot import ProvinceSnapshot, province_snapshot
from db.session import Database

AT = datetime(2020, 1, 2, 2, tzinfo=UTC)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    deps = prepare(load_settings(_env_file=None, database_url=database_url), clock=lambda: AT)
    yield deps.database
    deps.database.dispose()


def name_of(snapshot: ProvinceSnapshot, code: str) -> str:
    return next(unit.name for unit in snapshot.units if unit.code == code)


def rename_stp(session: Session) -> None:
    session.scalars(select(Unit).where(Unit.code == "stp")).one().name = "Sở Tư pháp (mới)"


def test_the_snapshot_is_kept_until_a_unit_or_deadline_changes(database: Database) -> None:
    first = database.run_sync(province_snapshot)
    assert database.run_sync(province_snapshot) is first
    database.run_sync(rename_stp)  # an ORM object changed
    renamed = database.run_sync(province_snapshot)
    assert name_of(renamed, "stp") == "Sở Tư pháp (mới)" and name_of(first, "stp") == "Sở Tư pháp"

    stp_id = renamed.unit_ids["stp"]
    database.run_sync(lambda s: units.switch_active(s, stp_id, False, AT))  # an UPDATE statement
    disabled = database.run_sync(province_snapshot)
    assert not next(u for u in disabled.units if u.code == "stp").active

    database.run_sync(lambda s: s.execute(update(Deadline).where(Deadline.code == "quy")
                                          .values(paused=True)))
    paused = database.run_sync(province_snapshot)
    assert not next(d for d in paused.deadlines if d.code == "quy").active
    assert paused.revision > disabled.revision > renamed.revision > first.revision


def test_a_transaction_sees_its_own_change_and_a_rolled_back_one_is_never_kept(
        database: Database) -> None:
    before = database.run_sync(province_snapshot)

    class Undone(Exception):
        pass

    def change_then_fail(session: Session) -> None:
        rename_stp(session)
        session.flush()
        assert name_of(province_snapshot(session), "stp") == "Sở Tư pháp (mới)"
        raise Undone

    with pytest.raises(Undone):
        database.run_sync(change_then_fail)
    after = database.run_sync(province_snapshot)
    assert name_of(after, "stp") == "Sở Tư pháp" and after.revision == before.revision


def test_disabling_a_unit_a_deadline_names_leaves_it_out_instead_of_breaking_the_snapshot(
    database: Database
) -> None:
    """khnam_duthao names Sở Kế hoạch và Đầu tư alone (`units: skhdt`)."""
    skhdt_id = database.run_sync(province_snapshot).unit_ids["skhdt"]
    database.run_sync(lambda s: units.switch_active(s, skhdt_id, False, AT))
    snapshot = database.run_sync(province_snapshot)
    assert next(d for d in snapshot.deadlines if d.code == "khnam_duthao").units == ()
    assert "skhdt" not in next(d for d in snapshot.deadlines if d.code == "quy").units
