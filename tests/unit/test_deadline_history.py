"""Deadlines keep their history: a deleted one's rule is cut at the deletion, and a replaced
rule is kept (ended) beside the new one, so the occurrences already due stay in the export."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from bot.domain.deadlines import Deadline as Deadline_
from bot.domain.deadlines import LegalBasis, Recipient
from bot.domain.recurrence import ended_rule, one_off_rule, parse_rule, quarterly_rule
from bot.services import deadlines, export
from bot.services.people import Caller
from db.models import Deadline
from db.session import Database
from tests.unit.test_schedule_changes import TIMING, admin, database  # noqa: F401 (fixtures)

QUARTERLY = quarterly_rule(date(2020, 3, 10))
DELETED_AT = datetime(2020, 7, 1, 2, tzinfo=UTC)  # 01/07/2020, 09:00 in Trà Vinh


def test_an_ended_rule_keeps_its_dates_up_to_the_last_day() -> None:
    ended = ended_rule(QUARTERLY, date(2020, 6, 30))
    assert ended is not None
    assert ended.dates_between(date(2020, 1, 1), date(2030, 1, 1)) == (
        date(2020, 3, 10), date(2020, 6, 10))


def test_an_ended_rule_replaces_a_count_and_drops_later_extra_dates() -> None:
    rule = parse_rule("DTSTART:20200120\nRRULE:FREQ=YEARLY;COUNT=5\nRDATE:20200701,20210701")
    ended = ended_rule(rule, date(2020, 12, 31))
    assert ended is not None
    assert ended.dates_between(date(2020, 1, 1), date(2030, 1, 1)) == (
        date(2020, 1, 20), date(2020, 7, 1))


def test_a_rule_without_a_date_by_then_has_no_history() -> None:
    assert ended_rule(one_off_rule(date(2020, 7, 10)), date(2020, 6, 30)) is None


def test_a_deleted_deadline_stays_in_the_export_up_to_its_deletion(
    database: Database, admin: Caller  # noqa: F811 (fixtures)
) -> None:
    database.run_sync(lambda s: deadlines.delete_deadline(s, admin, "quy", DELETED_AT, TIMING))
    rule = database.run_sync(lambda s: s.scalar(select(Deadline.rule)
                                                .where(Deadline.code == "quy")))
    assert rule == ("DTSTART:20200310\nRRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=10;"
                    "UNTIL=20200610")
    year_end = datetime(2020, 12, 31, 2, tzinfo=UTC)
    sheets = database.run_sync(lambda s: [
        sheet.name for sheet in export.year_export(s, "2020", year_end, TIMING).sheets])
    assert [name for name in sheets if name.startswith("quy")] == ["quy 10.03.2020",
                                                                 "quy 10.06.2020"]


def test_a_new_rule_keeps_the_occurrences_the_old_one_already_had(
    database: Database, admin: Caller  # noqa: F811 (fixtures)
) -> None:
    database.run_sync(lambda s: deadlines.edit_deadline(
        s, admin, "quy", "rule", "ngày 15 tháng cuối quý", DELETED_AT, TIMING))
    year_end = datetime(2020, 12, 31, 2, tzinfo=UTC)
    sheets = database.run_sync(lambda s: [
        sheet.name for sheet in export.year_export(s, "2020", year_end, TIMING).sheets])
    assert [name for name in sheets if name.startswith("quy")] == [
        "quy 10.03.2020", "quy 10.06.2020", "quy 15.09.2020", "quy 15.12.2020"]


def test_a_deadline_merges_the_dates_of_its_earlier_rules() -> None:
    ended = ended_rule(QUARTERLY, date(2020, 6, 30))
    assert ended is not None
    deadline = Deadline_(code="quy", title="Báo cáo quý", legal_basis=LegalBasis("", ""),
                        recipient=Recipient("vpubnd", "Văn phòng"), units=("snv",),
                        rule=quarterly_rule(date(2020, 9, 15)), earlier_rules=(ended,))
    assert deadline.due_dates_between(date(2020, 1, 1), date(2020, 12, 31)) == (
        date(2020, 3, 10), date(2020, 6, 10), date(2020, 9, 15), date(2020, 12, 15))
    assert deadline.previous_due_date(date(2020, 9, 1)) == date(2020, 6, 10)
    assert deadline.next_due_date(date(2020, 6, 10)) == date(2020, 9, 15)
