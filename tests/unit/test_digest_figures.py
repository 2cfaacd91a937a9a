"""Digest figures from the database (SQLite and PostgreSQL): the latest answer per unit, counted
in SQL, the units named, and the scheduled digests claimed once per chat and day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.domain.calendar import DueDatePolicy
from bot.domain.digest_schedule import WeeklySlot
from bot.domain.digests import Digest, OccurrenceDigest, OccurrenceState
from bot.domain.errors import UnknownDeadline
from bot.domain.statuses import Standing
from bot.lifecycle import prepare
from bot.services import digest_delivery
from bot.services.digests import occurrence_digest, open_digest
from bot.services.reminders import ReminderTiming
from config.settings import load_settings
from db.models import Deadline, Person, Unit
from db.session import Database
from tests.support.digest_data import (
    add_answer,
    add_escalation,
    add_office_group,
    add_person,
)

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
TIMING = ReminderTiming(DueDatePolicy.NEXT_WORKING_DAY, time(8, 0), HCM)
Q1 = date(2020, 3, 10)
MONDAY = WeeklySlot(0, time(8, 0))


def local(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=HCM)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    deps = prepare(load_settings(_env_file=None, database_url=database_url),
                   clock=lambda: local(2020, 1, 2))
    yield deps.database
    deps.database.dispose()


def quarter_answers(session: Session) -> None:
    """Q1 2020: one unit of each kind, with histories where the latest row must win."""
    add_answer(session, "quy", Q1, "stp", "in_progress", local(2020, 3, 5))
    add_answer(session, "quy", Q1, "stp", "submitted", local(2020, 3, 12), on_time=False)
    add_answer(session, "quy", Q1, "snv", "submitted", local(2020, 3, 9), on_time=True)
    add_answer(session, "quy", Q1, "sxd", "blocked", local(2020, 3, 9), note="Thiếu số liệu",
               proposal="Đề nghị Sở Kế hoạch và Đầu tư hỗ trợ")
    add_answer(session, "quy", Q1, "sct", "extension", local(2020, 3, 9), note="Chờ số liệu",
               wanted=date(2020, 3, 20))
    add_answer(session, "quy", Q1, "stc", "submitted", local(2020, 3, 9), on_time=True)
    add_answer(session, "quy", Q1, "stc", "in_progress", local(2020, 3, 10))  # a correction
    # Other occurrences and deadlines do not count for Q1.
    add_answer(session, "quy", date(2020, 6, 10), "syt", "submitted", local(2020, 6, 1),
               on_time=True)
    add_answer(session, "trienkhai", date(2020, 1, 20), "syt", "submitted", local(2020, 1, 15),
               on_time=True)
    add_person(session, 501, "Trần Văn Hùng", local(2020, 1, 2), unit="syt", head=True)
    add_person(session, 502, "Lê Thị Lan", local(2020, 1, 2), unit="syt")
    add_escalation(session, "quy", Q1, "syt", 501, local(2020, 3, 13, 8))
    add_escalation(session, "quy", Q1, "vpubnd", 600, local(2020, 3, 13, 8), state="pending")


def only(digest: Digest) -> OccurrenceDigest:
    [found] = digest.occurrences
    return found


def test_the_latest_answer_of_each_unit_is_counted(database: Database) -> None:
    database.run_sync(quarter_answers)
    digest = only(database.run_sync(
        lambda s: occurrence_digest(s, "quy", "10/03/2020", local(2020, 3, 16), TIMING)))
    assert {s.value: n for s, n in digest.counts.items() if n} == {
        "sent_on_time": 1, "sent_late": 1, "in_progress": 1, "blocked": 1, "extension": 1,
        "overdue": 33}
    assert digest.expected == 38 and digest.escalated == 1
    assert digest.state is OccurrenceState.OVERDUE
    assert [(u.unit_code, u.days_late) for u in digest.late] == [("stp", 2)]
    assert [a.unit_code for a in digest.in_progress] == ["stc"]
    [blocked] = digest.blocked
    assert (blocked.note, blocked.proposal) == ("Thiếu số liệu",
                                                "Đề nghị Sở Kế hoạch và Đầu tư hỗ trợ")
    assert [(e.unit_code, e.wanted_date) for e in digest.extensions] == [
        ("sct", date(2020, 3, 20))]
    silent = {u.unit_code: u for u in digest.silent}
    assert len(silent) == 33 and silent["syt"].heads == ("Trần Văn Hùng",)
    assert silent["syt"].escalated and not silent["vpubnd"].escalated
    assert digest.silent[0].unit_code == "vpubnd"  # in the order units were added


def test_units_are_counted_per_group_of_units(database: Database) -> None:
    database.run_sync(quarter_answers)
    digest = only(database.run_sync(
        lambda s: occurrence_digest(s, "quy", "10/03/2020", local(2020, 3, 16), TIMING)))
    assert [(g.group.value, g.expected, {s.value: n for s, n in g.counts.items() if n})
            for g in digest.groups] == [
        ("department", 19, {"sent_on_time": 1, "sent_late": 1, "in_progress": 1, "blocked": 1,
                            "extension": 1, "overdue": 14}),
        ("agency", 10, {"overdue": 10}),
        ("district", 9, {"overdue": 9})]


def test_lists_are_capped_but_counts_are_not(database: Database) -> None:
    database.run_sync(quarter_answers)
    digest = only(database.run_sync(lambda s: occurrence_digest(
        s, "quy", "Quý I/2020", local(2020, 3, 16), TIMING, list_limit=3)))
    assert [u.unit_code for u in digest.silent] == ["vpubnd", "skhdt", "snnptnt"]
    assert digest.counts[Standing.OVERDUE] == 33


def test_units_a_deadline_no_longer_expects_are_not_counted(database: Database) -> None:
    def setup(session: Session) -> None:
        quarter_answers(session)
        add_answer(session, "quy", Q1, "bdt", "submitted", local(2020, 3, 9), on_time=True)
        session.execute(update(Unit).where(Unit.code == "bdt").values(active=False))
        add_answer(session, "khnam_duthao", date(2020, 7, 20), "skhdt", "submitted",
                   local(2020, 7, 17), on_time=True)
        add_answer(session, "khnam_duthao", date(2020, 7, 20), "syt", "submitted",
                   local(2020, 7, 17), on_time=True)

    database.run_sync(setup)
    quarter = only(database.run_sync(
        lambda s: occurrence_digest(s, "quy", "10/03/2020", local(2020, 3, 16), TIMING)))
    draft = only(database.run_sync(
        lambda s: occurrence_digest(s, "khnam_duthao", None, local(2020, 7, 21), TIMING)))
    assert quarter.expected == 37 and quarter.counts[Standing.SENT_ON_TIME] == 1
    assert draft.expected == 1 and draft.counts[Standing.SENT_ON_TIME] == 1
    assert draft.state is OccurrenceState.COMPLETE


def test_the_open_digest_holds_what_is_due_within_a_week_or_overdue_with_units_missing(
    database: Database
) -> None:
    def everyone_sent_the_implementing_documents(session: Session) -> None:
        for (code,) in session.execute(Unit.__table__.select().with_only_columns(Unit.code)):
            add_answer(session, "trienkhai", date(2020, 1, 20), code, "submitted",
                       local(2020, 1, 17), on_time=True)

    def keys(now: datetime) -> list[tuple[str, str]]:
        digest = database.run_sync(lambda s: open_digest(s, now, TIMING))
        return [(d.occurrence.key, d.state.value) for d in digest.occurrences]

    assert keys(local(2020, 3, 2)) == [("trienkhai:2020-01-20", "overdue")]
    assert keys(local(2020, 3, 3)) == [("trienkhai:2020-01-20", "overdue"),
                                       ("quy:2020-03-10", "upcoming")]
    database.run_sync(everyone_sent_the_implementing_documents)
    assert keys(local(2020, 3, 16)) == [("quy:2020-03-10", "overdue")]


def test_an_unknown_deadline_code_suggests_the_closest(database: Database) -> None:
    with pytest.raises(UnknownDeadline) as unknown:
        database.run_sync(lambda s: occurrence_digest(s, "quyy", None, local(2020, 3, 16),
                                                      TIMING))
    assert unknown.value.params["suggestions"][0] == "quy"  # type: ignore[index]


def office(session: Session) -> None:
    """Two office people (one has blocked the bot) and the office's group."""
    add_person(session, 700, "Chánh Văn phòng", local(2020, 1, 2), office=True)
    add_person(session, 701, "Chuyên viên đã chặn bot", local(2020, 1, 2), office=True)
    add_office_group(session, -900, "Văn phòng UBND tỉnh", local(2020, 1, 2))
    session.execute(update(Person).where(Person.telegram_user_id == 701)
                    .values(unreachable_since=local(2020, 1, 3)))


def claim(database: Database, now: datetime, weekly: WeeklySlot | None = MONDAY
          ) -> list[tuple[str, int]]:
    deliveries = database.run_sync(
        lambda s: digest_delivery.claim_due_digests(s, now, TIMING, weekly))
    return [(d.subject, d.chat_id) for d in deliveries]


def test_the_after_due_digest_is_claimed_once_per_chat_on_the_next_working_day_at_eight(
    database: Database
) -> None:
    database.run_sync(office)
    assert claim(database, local(2020, 3, 10, 9)) == []  # the due day itself
    assert claim(database, local(2020, 3, 11, 7, 59)) == []
    assert claim(database, local(2020, 3, 11, 8)) == [("quy:2020-03-10", 700),
                                                      ("quy:2020-03-10", -900)]
    assert claim(database, local(2020, 3, 11, 8, 15)) == []
    assert claim(database, local(2020, 3, 12, 8)) == []  # the day after is not its day


def test_claims_of_a_dead_sender_go_back_and_sent_ones_stay(database: Database) -> None:
    database.run_sync(office)
    now = local(2020, 3, 11, 8)
    [first, _second] = database.run_sync(
        lambda s: digest_delivery.claim_due_digests(s, now, TIMING, None))
    database.run_sync(lambda s: digest_delivery.record_digest_sent(s, first.row_id, 1, now))
    later = now + timedelta(minutes=5)
    assert database.run_sync(lambda s: digest_delivery.release_interrupted_digests(
        s, later, timedelta(minutes=10))) == 0
    assert database.run_sync(lambda s: digest_delivery.release_interrupted_digests(
        s, later, timedelta(0))) == 1
    assert claim(database, later, None) == [("quy:2020-03-10", -900)]
    recorded = database.run_sync(lambda s: digest_delivery.digests_recorded(s, date(2020, 3, 11)))
    assert recorded == [("quy:2020-03-10", 700, "sent"), ("quy:2020-03-10", -900, "sending")]


def test_the_weekly_digest_goes_out_on_its_day_only_while_a_report_is_open(
    database: Database
) -> None:
    database.run_sync(office)
    monday = local(2020, 3, 16, 8)
    assert claim(database, monday, None) == []
    assert claim(database, monday) == [("weekly", 700), ("weekly", -900)]
    assert claim(database, local(2020, 3, 17, 8)) == []
    database.run_sync(lambda s: s.execute(update(Deadline).values(paused=True)))
    assert claim(database, local(2020, 3, 23, 8)) == []  # nothing open: nothing sent
