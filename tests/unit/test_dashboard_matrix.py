"""The matrix reads only the answers of the units its page shows; whatever the filter, it must
show exactly the standings the year's export gives (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from bot.domain.calendar import DueDatePolicy
from bot.domain.dashboard import MatrixFilter, page_of
from bot.domain.deadlines import Deadline, LegalBasis, Recipient
from bot.domain.periods import PeriodKind, PeriodSpec
from bot.domain.recurrence import parse_rule
from bot.domain.statuses import Standing
from bot.domain.units import Unit, UnitGroup
from bot.services.dashboard import Visible, year_matrix
from bot.services.export import year_export
from bot.services.reminders import ReminderTiming
from db import deadlines
from db.models import CurrentStatus, Extension
from db.models import Deadline as DeadlineRow
from db.models import Unit as UnitRow
from db.session import Database
from tests.support.seeded_province import SEED_TIME, seed_province

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
TIMING = ReminderTiming(DueDatePolicy.NEXT_WORKING_DAY, time(8, 0), HCM)
# Mid-year: reports still to come (not sent), reports past due (overdue), and in between.
NOW = datetime(2020, 9, 1, 9, 0, tzinfo=HCM)
UNITS = 230
FEW = ("u00002", "u00007", "u00150")  # the only units of one more deadline


def _more_of_the_year(session: Session) -> str:
    """A deadline for three units only, and extensions granted: one to a unit that never
    answered the August report (its own due date then lies after NOW), whose code is returned,
    and two to units that did."""
    deadlines.add_deadline(session, Deadline(
        code="vaidonvi", title="Báo cáo của vài đơn vị",
        legal_basis=LegalBasis(document="", clause="test"),
        recipient=Recipient("office", "Văn phòng UBND tỉnh"), units=FEW,
        rule=parse_rule("DTSTART:20200805\nRRULE:FREQ=MONTHLY;BYMONTHDAY=5;COUNT=3"),
        period=PeriodSpec(PeriodKind.MONTH), unit_selector=" ".join(FEW)), SEED_TIME)
    session.flush()
    ids = {code: id_ for code, id_ in session.execute(select(DeadlineRow.code, DeadlineRow.id))}
    august = date(2020, 8, 15)
    answered = set(session.scalars(select(CurrentStatus.unit_id).where(
        CurrentStatus.deadline_id == ids["thang"], CurrentStatus.due_date == august)))
    units = [(code, id_) for code, id_
             in session.execute(select(UnitRow.code, UnitRow.id).order_by(UnitRow.id))]
    silent = next((code, id_) for code, id_ in units if id_ not in answered)
    others = [id_ for _code, id_ in units if id_ in answered][:2]
    grants = [("thang", august, silent[1], date(2020, 9, 10)),
              ("thang", august, others[0], date(2020, 8, 20)),
              ("quy", date(2020, 6, 10), others[1], date(2020, 9, 30))]
    session.execute(insert(Extension), [
        {"deadline_id": ids[code], "due_date": due, "unit_id": unit_id,
         "granted_until": until, "approved_at": datetime(2020, 8, 1, tzinfo=UTC)}
        for code, due, unit_id, until in grants])
    return silent[0]


@pytest.fixture
def province(database_url: str) -> Iterator[tuple[Database, str]]:
    """The benchmark's province, smaller, with the additions above: (database, silent unit)."""
    seed_province(database_url, UNITS, 20)
    opened = Database(database_url)
    silent = opened.run_sync(_more_of_the_year)
    yield opened, silent
    opened.dispose()


def export_grid(session: Session) -> tuple[list[Unit], list[str], dict[str, list[Standing | None]]]:
    """Every unit the year's export lists, each sheet's deadline, and each unit's standing in
    every sheet (None where the sheet has no line for it)."""
    export = year_export(session, "2020", NOW, TIMING)
    grid: dict[str, list[Standing | None]] = {u.code: [None] * len(export.sheets)
                                              for u in export.units}
    for column, sheet in enumerate(export.sheets):
        for line in sheet.lines:
            grid[line.unit_code][column] = line.standing
    return list(export.units), [s.occurrence.deadline_code for s in export.sheets], grid


def reference_matrix(export: tuple[list[Unit], list[str], dict[str, list[Standing | None]]],
                     visible: Visible, wanted: MatrixFilter
                     ) -> tuple[list[tuple[str, tuple[Standing | None, ...]]], int]:
    """The page as the export gives it: every unit's line of every sheet, then filtered."""
    units, deadline_codes, grid = export
    kept = [column for column, code in enumerate(deadline_codes)
            if wanted.deadline is None or code == wanted.deadline]
    rows = [(u.code, tuple(grid[u.code][column] for column in kept)) for u in units
            if (visible is None or u.code in visible)
            and (wanted.group is None or u.group is wanted.group)]
    if wanted.standing is not None:
        rows = [row for row in rows if wanted.standing in row[1]]
    page = page_of(len(rows), wanted.page)
    return rows[page.start:page.stop], len(rows)


FILTERS = [MatrixFilter(), MatrixFilter(page=2), MatrixFilter(page=9),
           MatrixFilter(group=UnitGroup.DISTRICT), MatrixFilter(deadline="vaidonvi"),
           MatrixFilter(group=UnitGroup.AGENCY, deadline="quy", standing=Standing.OVERDUE),
           *(MatrixFilter(standing=s) for s in Standing),
           *(MatrixFilter(deadline="thang", standing=s, page=2) for s in Standing)]


def test_every_filter_shows_the_standings_of_the_export(province: tuple[Database, str]
                                                       ) -> None:
    database, silent = province
    mine = frozenset({"u00001", "u00002", "u00004", "u00150", silent})

    def compare(session: Session) -> None:
        export = export_grid(session)
        for visible in (None, mine):
            for wanted in FILTERS:
                matrix = year_matrix(session, "2020", NOW, TIMING, visible, wanted)
                rows, matching = reference_matrix(export, visible, wanted)
                shown = [(row.unit.code, row.cells) for row in matrix.rows]
                assert (shown, matrix.matching) == (rows, matching), (visible, wanted)

    database.run_sync(compare)


def test_the_cases_the_comparison_relies_on_are_there(province: tuple[Database, str]) -> None:
    """Every standing on the first page, units a deadline does not expect, and a granted date
    that makes a silent unit's past report not sent rather than overdue."""
    database, silent = province
    matrix = database.run_sync(lambda s: year_matrix(
        s, "2020", NOW, TIMING, frozenset({"u00001", "u00002", silent}), MatrixFilter()))
    everyone = database.run_sync(lambda s: year_matrix(
        s, "2020", NOW, TIMING, None, MatrixFilter()))
    columns = [(o.deadline_code, o.due_date) for o in matrix.columns]
    cells = {row.unit.code: dict(zip(columns, row.cells, strict=True)) for row in matrix.rows}
    few = [c for c in columns if c[0] == "vaidonvi"]
    assert len(few) == 3 and len(columns) == 23
    assert [cells["u00001"][c] for c in few] == [None] * 3
    assert cells["u00002"][few[-1]] is Standing.NOT_SENT  # due 05/10/2020
    assert cells[silent][("thang", date(2020, 8, 15))] is Standing.NOT_SENT  # until 10/09
    assert {cell for row in everyone.rows for cell in row.cells} == {*Standing, None}
