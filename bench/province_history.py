"""Issue 24: a Trà Vinh database with five and a half years behind it, as the office would have
it on 30/06/2025, and the same database once it has become Vĩnh Long's.

What the reorganisation, dashboard and digest benchmarks of Vĩnh Long read
(bench/reorganisation.py, bench/vinh_long_2025.py). Built through the bot's own start-up
(`bot.lifecycle.prepare`: migrations, then the province file), then bulk-inserted with Core
`insert()` and lists of rows:

- `seed_tra_vinh_history`: config/data/tra_vinh.yaml (38 units, the five deadlines; on request
  a monthly report too), `copies` times over (copy k > 1: every unit again, its code ending in
  k, e.g. `canglong2`), an officer and a head in every unit, a person of the office, and the
  answers to every report due from 01/01/2020 to 30/06/2025 (the deadlines' own units as of
  each due date), in the spread of
  tests/support/seeded_province.py: silent 10 %, on time 62 % (a third after an "in progress"
  answer), late 14 %, in progress 7 %, blocked 4 %, asking for more time 3 %; half of the
  silent or late units escalated (an `outbox` row, sent). An open invite for every district.
- `reorganisation_events`: tra_vinh_to_vinh_long_2025.yaml, and for each copy the same events
  over the copy's codes.
- `become_vinh_long`: apply the file on 30/06/2025, restart on vinh_long_2025.yaml (which adds
  the 83 xã and phường of former Bến Tre and Vĩnh Long), an officer and a head in every new
  unit, then the answers to the reports due from 01/07/2025 up to `now` in the same spread
  (only those given by `now`).
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bench.reminder_slot import bench_settings
from bot.clock import Clock
from bot.dependencies import reminder_timing
from bot.domain.deadlines import Deadline, LegalBasis, Occurrence, Recipient, occurrences
from bot.domain.periods import PeriodKind, PeriodSpec
from bot.domain.recurrence import parse_rule
from bot.domain.reorganisations import Reorganisation
from bot.domain.units import Unit as DomainUnit
from bot.lifecycle import prepare
from bot.services.reorganisations import apply_reorganisations
from config.province import default_province_path
from config.reorganisation_file import load_reorganisations
from db import calendar_days, deadlines, status_updates
from db.models import Invite, Membership, OutboxMessage, Person, StatusUpdate, Unit
from db.province_snapshot import province_snapshot
from db.session import Database
from tests.support.seeded_province import answer_rows, escalation_row, insert_rows, pick_answer

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DATA = default_province_path().parent
TRA_VINH_FILE = DATA / "tra_vinh.yaml"
VINH_LONG_FILE = DATA / "vinh_long_2025.yaml"
REORGANISATION_FILE = DATA / "tra_vinh_to_vinh_long_2025.yaml"
HISTORY_FROM = date(2020, 1, 1)
LAST_DAY = date(2025, 6, 30)  # Trà Vinh's last day; the file is applied on it
APPLIED_AT = datetime(2025, 6, 30, 16, 0, tzinfo=TZ)
SEED_TIME = datetime(2019, 12, 1, tzinfo=UTC)
# Decree 09's monthly report, which many offices add (15th of every month, every unit).
MONTHLY_REPORT = Deadline(
    code="thang", title="Báo cáo tình hình thực hiện nhiệm vụ hằng tháng",
    legal_basis=LegalBasis(document="09/2019/NĐ-CP", clause="Điều 12"),
    recipient=Recipient("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh"), units=("all",),
    rule=parse_rule("DTSTART:20200115\nRRULE:FREQ=MONTHLY;BYMONTHDAY=15"),
    period=PeriodSpec(PeriodKind.MONTH), unit_selector="all")
FIRST_PERSON_ID = 700_000_000


@dataclass(frozen=True, slots=True)
class Seeded:
    """What a seeding step inserted, and how long the whole build took."""

    units: int
    people: int
    reports: int  # (report occurrence, unit) pairs owed
    answers: int  # status_updates rows
    escalations: int


def _clock(at: datetime) -> Clock:
    return lambda: at


def seed_tra_vinh_history(url: str, copies: int = 1, *, monthly: bool = False) -> Seeded:
    """Migrate an empty database, load Trà Vinh and fill in its history (module docstring);
    `monthly`: with a monthly report too (MONTHLY_REPORT)."""
    settings = bench_settings(url).model_copy(update={"bot_province_file": TRA_VINH_FILE})
    deps = prepare(settings, _clock(SEED_TIME))
    try:
        if copies > 1:
            deps.database.run_sync(lambda s: _copy_units(s, copies))
        if monthly:
            deps.database.run_sync(lambda s: deadlines.add_deadline(s, MONTHLY_REPORT, SEED_TIME))
        people = deps.database.run_sync(lambda s: _add_people(s, with_office=True))
        deps.database.run_sync(_invite_districts)
        seeded = deps.database.run_sync(
            lambda s: _add_answers(s, HISTORY_FROM, LAST_DAY, None, random.Random(24)))
        _analyse(deps.database)
    finally:
        deps.database.dispose()
    return dataclasses.replace(seeded, people=people)


def reorganisation_events(copies: int = 1) -> tuple[Reorganisation, ...]:
    """The file's events, then the same events over each copy's codes."""
    events = load_reorganisations(REORGANISATION_FILE)
    return tuple(events) + tuple(_copied(event, k) for k in range(2, copies + 1)
                                 for event in events)


def become_vinh_long(url: str, now: datetime) -> Seeded:
    """Apply the file on 30/06/2025, restart on vinh_long_2025.yaml, register the new units
    and answer what fell due from 01/07/2025 up to `now`."""
    database = Database(url)
    events = reorganisation_events()
    try:
        database.run_sync(lambda s: apply_reorganisations(s, events, APPLIED_AT, TZ))
    finally:
        database.dispose()
    settings = bench_settings(url).model_copy(update={"bot_province_file": VINH_LONG_FILE})
    deps = prepare(settings, _clock(APPLIED_AT))
    try:
        people = deps.database.run_sync(lambda s: _add_people(s, with_office=False))
        seeded = deps.database.run_sync(lambda s: _add_answers(
            s, LAST_DAY + timedelta(days=1), now.date(), now, random.Random(2025)))
        _analyse(deps.database)
    finally:
        deps.database.dispose()
    return dataclasses.replace(seeded, people=people)


def _copy_units(session: Session, copies: int) -> None:
    """Every unit of the file again for copies 2…N, after the originals."""
    originals = session.execute(select(Unit.code, Unit.name, Unit.unit_group)
                                .order_by(Unit.id)).all()
    insert_rows(session, Unit, [
        {"code": f"{code}{k}", "name": f"{name} ({k})", "unit_group": group, "active": True,
         "created_at": SEED_TIME, "updated_at": SEED_TIME}
        for k in range(2, copies + 1) for code, name, group in originals])


def _copied(event: Reorganisation, k: int) -> Reorganisation:
    def code(c: str) -> str:
        return f"{c}{k}"

    return dataclasses.replace(
        event, predecessors=tuple(map(code, event.predecessors)),
        successors=tuple(map(code, event.successors)),
        created=tuple(DomainUnit(code(u.code), f"{u.name} ({k})", u.group, u.active,
                                 u.active_from, u.active_until) for u in event.created))


def _add_people(session: Session, *, with_office: bool) -> int:
    """An officer and a head in every open unit that has nobody (and the office's person)."""
    staffed = set(session.scalars(select(Membership.unit_id)))
    unit_ids = [id_ for id_ in session.scalars(
        select(Unit.id).where(Unit.active, Unit.active_until.is_(None)).order_by(Unit.id))
        if id_ not in staffed]
    first = max(session.scalar(select(func.max(Person.telegram_user_id))) or 0,
                FIRST_PERSON_ID) + 2
    rows = [{"telegram_user_id": first + n, "full_name": f"Cán bộ {n + 1}",
             "language_code": "vi", "created_at": SEED_TIME} for n in range(2 * len(unit_ids))]
    if with_office:
        rows.append({"telegram_user_id": first - 1, "full_name": "Văn phòng UBND tỉnh",
                     "language_code": "vi", "is_office": True, "created_at": SEED_TIME})
    insert_rows(session, Person, rows)
    people = list(session.scalars(select(Person.id).where(Person.telegram_user_id >= first)
                                  .order_by(Person.telegram_user_id)))
    insert_rows(session, Membership, [
        {"person_id": people[2 * i + head], "unit_id": unit_id, "is_head": bool(head),
         "created_at": SEED_TIME} for i, unit_id in enumerate(unit_ids) for head in (0, 1)])
    return len(rows)


def _invite_districts(session: Session) -> None:
    """An officer invite still open for every district (the apply revokes them)."""
    office = session.scalar(select(Person.id).where(Person.is_office))
    made = datetime(2025, 6, 25, tzinfo=UTC)
    insert_rows(session, Invite, [
        {"token_hash": f"{unit_id:064d}", "unit_id": unit_id, "role": "officer",
         "created_by": office, "created_at": made, "expires_at": made + timedelta(days=30)}
        for unit_id in session.scalars(select(Unit.id).where(Unit.unit_group == "district"))])


def _add_answers(session: Session, first: date, last: date, given_by: datetime | None,
                 rnd: random.Random) -> Seeded:
    """Every unit's answers to the reports due from `first` to `last` (given by `given_by`)."""
    snapshot = province_snapshot(session)
    calendar = calendar_days.working_calendar(session)
    officers = {unit_id: person_id for unit_id, person_id in session.execute(
        select(Membership.unit_id, Membership.person_id).where(~Membership.is_head))}
    policy = reminder_timing(bench_settings("sqlite://")).policy
    due = [occurrence for deadline in snapshot.deadlines
           for occurrence in occurrences(deadline, first, last, calendar, policy)]
    reports = answers = escalations = 0
    for occurrence in due:
        rows, escalated = _answers(occurrence, snapshot.deadline_ids[occurrence.deadline_code],
                                   [snapshot.unit_ids[c] for c in occurrence.units], officers,
                                   rnd)
        if given_by is not None:
            rows = [row for row in rows if _by(row, "received_at", given_by)]
            escalated = [row for row in escalated if _by(row, "sent_at", given_by)]
        reports += len(occurrence.units)
        answers += insert_rows(session, StatusUpdate, rows)
        escalations += insert_rows(session, OutboxMessage, escalated)
    status_updates.fill_current(session)
    units = session.scalar(select(func.count()).select_from(Unit)) or 0
    return Seeded(units, 0, reports, answers, escalations)


def _by(row: dict[str, object], column: str, moment: datetime) -> bool:
    at = row[column]
    assert isinstance(at, datetime)
    return at <= moment


def _answers(occurrence: Occurrence, deadline_id: int, unit_ids: Sequence[int],
             officers: dict[int, int], rnd: random.Random
             ) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    answers: list[dict[str, object]] = []
    escalations: list[dict[str, object]] = []
    for unit_id in unit_ids:
        kind, officer = pick_answer(rnd), officers[unit_id]
        key = {"deadline_id": deadline_id, "due_date": occurrence.due_date, "unit_id": unit_id}
        answers += answer_rows(kind, key, officer, occurrence.effective_due_date, rnd)
        if kind in ("silent", "late") and rnd.random() < 0.5:
            escalations.append(escalation_row(key, occurrence.effective_due_date, officer))
    return answers, escalations


def _analyse(database: Database) -> None:
    """PostgreSQL: planner statistics right after the bulk load (a database in service has
    them from autovacuum)."""
    if database.engine.dialect.name == "postgresql":
        with database.engine.begin() as connection:
            connection.execute(text("ANALYZE"))

