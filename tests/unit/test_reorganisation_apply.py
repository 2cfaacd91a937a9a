"""Applying reorganisations to the Trà Vinh database, on both databases: each kind of event,
its people and open reports, idempotence, and every refusal changing nothing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.errors import (
    AnswersAfterReorganisation,
    DomainError,
    ReorganisationInProgress,
    SuccessorClosed,
    UnitReorganised,
    UnknownUnit,
)
from bot.domain.reorganisations import (
    LegalReference,
    PendingRule,
    Reorganisation,
    ReorganisationKind,
)
from bot.domain.units import Unit, UnitGroup
from bot.services.people import TelegramUser, record_contact
from bot.services.province import seed_province
from bot.services.reorganisations import APPLY_LOCK, apply_reorganisations
from bot.services.units import active_unit
from config.province import load_province
from db.advisory_lock import try_transaction_lock
from db.migrate import upgrade_to_head
from db.models import Membership, Notice, ReportHandover
from db.models import Unit as UnitRow
from db.province_snapshot import province_snapshot
from db.session import Database
from tests.support.digest_data import add_answer

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2025, 6, 30, 3, 0, tzinfo=UTC)
JULY_1 = date(2025, 7, 1)
BASIS = LegalReference("1687/NQ-UBTVQH15", date(2025, 6, 16))
PROVINCE = load_province()


def event(kind: ReorganisationKind, before: tuple[str, ...], after: tuple[str, ...] = (),
          created: tuple[Unit, ...] = (), pending: PendingRule = PendingRule.CARRY
          ) -> Reorganisation:
    return Reorganisation(JULY_1, kind, before, after, BASIS, created, "", pending)


def commune(code: str, name: str) -> Unit:
    return Unit(code, name, UnitGroup.COMMUNE, True, JULY_1)


SPLIT = event(ReorganisationKind.SPLIT, ("tieucan",), ("xatc", "xaph"),
              (commune("xatc", "Xã Tiểu Cần"), commune("xaph", "Xã Phú Cần")))
RENAME = event(ReorganisationKind.RENAME, ("sxd",), ("sxdgt",),
               (Unit("sxdgt", "Sở Xây dựng", UnitGroup.DEPARTMENT, True, JULY_1),))


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    upgrade_to_head(db)
    db.run_sync(lambda s: seed_province(s, PROVINCE, NOW))
    yield db
    db.dispose()


def serve(database: Database, telegram_id: int, name: str, code: str, head: bool = False) -> None:
    def work(session: Session) -> None:
        caller = record_contact(session, TelegramUser(telegram_id, name), NOW)
        unit_id = session.scalars(select(UnitRow.id).where(UnitRow.code == code)).one()
        session.add(Membership(person_id=caller.person_id, unit_id=unit_id, is_head=head,
                               created_at=NOW))
    database.run_sync(work)


def apply(database: Database, *events: Reorganisation) -> None:
    database.run_sync(lambda s: apply_reorganisations(s, events, NOW, TZ))


def serving(database: Database, code: str) -> list[str]:
    return database.run_sync(lambda s: sorted(
        str(p) for p in s.scalars(select(Membership.person_id).join(UnitRow)
                                  .where(UnitRow.code == code))))


def counts(database: Database) -> tuple[int, ...]:
    def read(session: Session) -> tuple[int, ...]:
        return tuple(session.scalar(select(func.count()).select_from(model)) or 0
                     for model in (UnitRow, Membership, ReportHandover, Notice))
    return database.run_sync(read)


def test_a_split_hands_the_open_report_to_every_successor_and_releases_its_people(
    database: Database
) -> None:
    serve(database, 501, "Cần", "tieucan")
    apply(database, SPLIT)
    snapshot = database.run_sync(province_snapshot)
    quy = next(d for d in snapshot.deadlines if d.code == "quy")
    assert "tieucan" not in quy.units_on(date(2025, 6, 10))
    assert {"xatc", "xaph"} <= set(quy.units_on(date(2025, 6, 10)))  # carried
    assert {"xatc", "xaph"} <= set(quy.units_on(date(2025, 9, 10)))
    assert "tieucan" in quy.units_on(date(2025, 3, 10))  # history as it was
    assert serving(database, "tieucan") == [] and serving(database, "xatc") == []
    kinds = database.run_sync(lambda s: [n.kind for n in s.scalars(select(Notice))])
    assert kinds == ["reorg_released"]


def test_a_rename_moves_people_to_the_new_code_and_keeps_the_old_code_closed(
    database: Database
) -> None:
    serve(database, 502, "Xây", "sxd")
    apply(database, RENAME)
    assert len(serving(database, "sxdgt")) == 1 and serving(database, "sxd") == []
    units = {u.code: u for u in database.run_sync(province_snapshot).units}
    assert units["sxd"].active_until == date(2025, 6, 30)
    assert units["sxdgt"].active_from == JULY_1
    with pytest.raises(UnitReorganised) as refused:
        database.run_sync(lambda s: active_unit(s, "sxd"))
    assert refused.value.params["successors"] == ("Sở Xây dựng (sxdgt)",)


def test_applying_the_same_events_twice_changes_nothing_the_second_time(
    database: Database
) -> None:
    serve(database, 503, "Cần", "tieucan")
    apply(database, SPLIT, RENAME)
    after_first = counts(database)
    plan = database.run_sync(lambda s: apply_reorganisations(s, (SPLIT, RENAME), NOW, TZ))
    assert plan.changes_nothing and len(plan.already_applied) == 2
    assert counts(database) == after_first


@pytest.mark.parametrize(("bad", "error"), [
    (event(ReorganisationKind.ABSORB, ("khongco",), ("stc",)), UnknownUnit),
    (event(ReorganisationKind.ABSORB, ("skhdt",), ("tieucan",)), SuccessorClosed),
])
def test_a_refused_plan_changes_nothing(database: Database, bad: Reorganisation,
                                        error: type[DomainError]) -> None:
    before = counts(database)
    with pytest.raises(error):
        apply(database, SPLIT, bad)  # the good first event is not applied either
    assert counts(database) == before


def test_a_date_before_answers_the_unit_already_gave_is_refused(database: Database) -> None:
    database.run_sync(lambda s: add_answer(
        s, "quy", date(2025, 9, 10), "tieucan", "in_progress",
        datetime(2025, 7, 2, 3, 0, tzinfo=UTC)))
    before = counts(database)
    with pytest.raises(AnswersAfterReorganisation):
        apply(database, SPLIT)
    assert counts(database) == before


def test_a_successor_closed_by_an_earlier_apply_is_refused(database: Database) -> None:
    apply(database, RENAME)
    with pytest.raises(SuccessorClosed):
        apply(database, event(ReorganisationKind.ABSORB, ("sgtvt",), ("sxd",)))


def test_an_apply_while_another_worker_applies_is_refused(database: Database,
                                                          database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite runs one process (db.process_lock): no other worker can apply")
    holding, release = threading.Event(), threading.Event()

    def other_worker(session: Session) -> None:
        assert try_transaction_lock(session, APPLY_LOCK)
        holding.set()
        release.wait(10)

    worker = threading.Thread(target=lambda: database.run_sync(other_worker))
    worker.start()
    try:
        assert holding.wait(10)
        before = counts(database)
        with pytest.raises(ReorganisationInProgress):
            apply(database, SPLIT)
        assert counts(database) == before
    finally:
        release.set()
        worker.join()
    apply(database, SPLIT)  # once the other apply has ended
