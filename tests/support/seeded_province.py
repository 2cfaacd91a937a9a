"""A province of N units and their answers for M report occurrences: what the digest, export and
dashboard benchmarks read, and the dashboard matrix tests seed (smaller). Benchmarks import it
from here; tests never import benchmark code.

The schema comes from the migrations; nothing of the shipped province is loaded. Units, people,
the deadlines and every answer are bulk-inserted (SQLAlchemy Core `insert()` with a list of rows:
executemany / insertmanyvalues), never ORM objects one by one. The deadlines are Decree 09's
periods in 2020, in this order, until M occurrences are reached: monthly on the 15th (12),
quarterly on the 10th of the quarter's last month (4), half-yearly (2), nine months (1) and
yearly (1) — 20 in all, every one for every unit, so one `/export 2020` holds all of them.

Answers follow a fixed random spread per unit and occurrence (seeded, so runs repeat): silent
10 %, sent on time 62 % (a third of them after an "in progress" answer), sent late 14 % (1-10
days after the due date), in progress 7 %, blocked 4 % (with the difficulty and a proposal),
asking for more time 3 % (with a date and a reason); half of the silent or late units had an
escalation reminder sent.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from bot.domain.calendar import DueDatePolicy
from bot.domain.deadlines import Deadline, LegalBasis, Occurrence, Recipient, occurrences
from bot.domain.periods import PeriodKind, PeriodSpec
from bot.domain.recurrence import parse_rule
from db import calendar_days, deadlines, status_updates
from db.migrate import upgrade_to_head
from db.models import Base, Membership, OutboxMessage, Person, StatusUpdate, Unit
from db.models import Deadline as DeadlineRow
from db.session import Database

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
YEAR = 2020
SEED_TIME = datetime(2019, 12, 1, tzinfo=UTC)
FIRST_PERSON_ID = 800_000_000
CHUNK = 5_000  # rows per INSERT batch
MAX_OCCURRENCES = 20
# (code, title, first due date, RRULE body, period kind, occurrences in 2020)
DEADLINE_MIX: tuple[tuple[str, str, date, str, PeriodKind, int], ...] = (
    ("thang", "Báo cáo tình hình thực hiện nhiệm vụ hằng tháng", date(YEAR, 1, 15),
     "FREQ=MONTHLY;BYMONTHDAY=15", PeriodKind.MONTH, 12),
    ("quy", "Báo cáo quý", date(YEAR, 3, 10), "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=10",
     PeriodKind.QUARTER, 4),
    ("sau_thang", "Báo cáo 6 tháng", date(YEAR, 6, 20), "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=20",
     PeriodKind.HALF_YEAR, 2),
    ("chin_thang", "Báo cáo 9 tháng", date(YEAR, 9, 25), "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=25",
     PeriodKind.NINE_MONTHS, 1),
    ("nam", "Báo cáo năm", date(YEAR, 12, 15), "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15",
     PeriodKind.YEAR, 1),
)
# (what the unit answered, share of (unit, occurrence) pairs); the rest are silent.
SPREAD: tuple[tuple[str, float], ...] = (
    ("on_time", 0.62), ("late", 0.14), ("in_progress", 0.07), ("blocked", 0.04),
    ("extension", 0.03),
)


@dataclass(frozen=True)
class SeededProvince:
    """What was inserted, and how long it took."""

    units: int
    occurrences: tuple[Occurrence, ...]
    status_rows: int
    escalations: int
    seconds: float


def seed_province(database_url: str, units: int, occurrence_count: int) -> SeededProvince:
    """Migrate an empty database and fill it (see the module's docstring)."""
    if not 1 <= occurrence_count <= MAX_OCCURRENCES:
        raise SystemExit(f"--occurrences must be between 1 and {MAX_OCCURRENCES}")
    started = time.perf_counter()
    database = Database(database_url)
    try:
        upgrade_to_head(database)
        seeded = database.run_sync(lambda s: _fill(s, units, occurrence_count))
        if database.engine.dialect.name == "postgresql":
            # A database in service has planner statistics (autovacuum); right after a bulk
            # load it has none yet, and the first digest then took 20 s instead of 0.2 s.
            with database.engine.begin() as connection:  # committed: a rollback drops them
                connection.execute(text("ANALYZE"))
    finally:
        database.dispose()
    return SeededProvince(units, seeded[0], seeded[1], seeded[2], time.perf_counter() - started)


def _fill(session: Session, unit_count: int, occurrence_count: int
          ) -> tuple[tuple[Occurrence, ...], int, int]:
    """Steps: units and people; the deadlines; then, one occurrence at a time (to keep the
    rows in memory small), every unit's answers and the escalations."""
    officers = _add_units_and_people(session, unit_count)
    chosen = _add_deadlines(session, occurrence_count)
    deadline_ids = {code: id_ for code, id_
                    in session.execute(select(DeadlineRow.code, DeadlineRow.id))}
    rnd, rows, escalated = random.Random(6), 0, 0
    for occurrence in chosen:
        answers, escalations = _answers(occurrence, deadline_ids, officers, rnd)
        rows += insert_rows(session, StatusUpdate, answers)
        escalated += insert_rows(session, OutboxMessage, escalations)
    status_updates.fill_current(session)
    return chosen, rows, escalated


def _add_units_and_people(session: Session, count: int) -> dict[int, int]:
    """`count` units (u00001…), each with an officer and a head; return officer id by unit id."""
    groups = ("department", "district", "agency")
    insert_rows(session, Unit, [
        {"code": f"u{n:05d}", "name": f"Ủy ban nhân dân xã thử nghiệm số {n}",
         "unit_group": groups[n % 3], "active": True, "created_at": SEED_TIME,
         "updated_at": SEED_TIME} for n in range(1, count + 1)])
    unit_ids = list(session.scalars(select(Unit.id).order_by(Unit.id)))
    insert_rows(session, Person, [
        {"telegram_user_id": FIRST_PERSON_ID + n, "full_name": f"Cán bộ {n}",
         "language_code": "vi", "created_at": SEED_TIME} for n in range(2 * count)])
    people = list(session.scalars(select(Person.id).order_by(Person.telegram_user_id)))
    insert_rows(session, Membership, [
        {"person_id": people[2 * i + head], "unit_id": unit_id, "is_head": bool(head),
         "created_at": SEED_TIME} for i, unit_id in enumerate(unit_ids) for head in (0, 1)])
    return {unit_id: people[2 * i] for i, unit_id in enumerate(unit_ids)}


def _add_deadlines(session: Session, wanted: int) -> tuple[Occurrence, ...]:
    """The mix's deadlines, each cut (COUNT) so that `wanted` occurrences fall in the year."""
    calendar = calendar_days.working_calendar(session)
    found: list[Occurrence] = []
    for code, title, first, rule, period, count in DEADLINE_MIX:
        take = min(count, wanted - len(found))
        if take <= 0:
            break
        deadline = Deadline(
            code=code, title=title, legal_basis=LegalBasis(document="", clause="benchmark"),
            recipient=Recipient("office", "Văn phòng UBND tỉnh"), units=("all",),
            rule=parse_rule(f"DTSTART:{first:%Y%m%d}\nRRULE:{rule};COUNT={take}"),
            period=PeriodSpec(period), unit_selector="all")
        deadlines.add_deadline(session, deadline, SEED_TIME)
        found += occurrences(deadline, date(YEAR, 1, 1), date(YEAR, 12, 31), calendar,
                             DueDatePolicy.NEXT_WORKING_DAY)
    session.flush()
    return tuple(sorted(found, key=lambda o: (o.effective_due_date, o.deadline_code)))


def _answers(occurrence: Occurrence, deadline_ids: dict[str, int], officers: dict[int, int],
             rnd: random.Random) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Status rows and escalation outbox rows of every unit for the occurrence."""
    answers: list[dict[str, object]] = []
    escalations: list[dict[str, object]] = []
    deadline_id = deadline_ids[occurrence.deadline_code]
    for unit_id, officer in officers.items():
        kind = pick_answer(rnd)
        key = {"deadline_id": deadline_id, "due_date": occurrence.due_date, "unit_id": unit_id}
        answers += answer_rows(kind, key, officer, occurrence.effective_due_date, rnd)
        if kind in ("silent", "late") and rnd.random() < 0.5:
            escalations.append(escalation_row(key, occurrence.effective_due_date, officer))
    return answers, escalations


def pick_answer(rnd: random.Random) -> str:
    """One answer kind drawn from SPREAD ('silent' for the rest)."""
    draw = rnd.random()
    for kind, share in SPREAD:
        if draw < share:
            return kind
        draw -= share
    return "silent"


def answer_rows(kind: str, key: dict[str, object], officer: int, due: date,
                rnd: random.Random) -> Iterator[dict[str, object]]:
    """The status_updates rows a unit of that kind leaves for the report `key`."""
    def row(status: str, day: date, **extra: object) -> dict[str, object]:
        at = datetime.combine(day, clock_time(9 + rnd.randrange(8)), TZ).astimezone(UTC)
        return {**key, "person_id": officer, "status": status, "received_at": at,
                "note": "", "proposal": "", "document_ref": "", "on_time": None, **extra}

    if kind == "on_time" and rnd.random() < 1 / 3:
        yield row("in_progress", due - timedelta(days=6))
    if kind == "on_time":
        yield row("submitted", due - timedelta(days=rnd.randrange(5)), on_time=True,
                  document_ref=f"{rnd.randrange(1, 999)}/BC-UBND")
    elif kind == "late":
        yield row("submitted", due + timedelta(days=rnd.randrange(1, 11)), on_time=False)
    elif kind == "in_progress":
        yield row("in_progress", due - timedelta(days=2))
    elif kind == "blocked":
        yield row("blocked", due - timedelta(days=3),
                  note="Chưa tổng hợp được số liệu của các phòng, ban chuyên môn",
                  proposal="Đề nghị Văn phòng UBND tỉnh cho lùi thời hạn 05 ngày làm việc")
    elif kind == "extension":
        yield row("extension", due - timedelta(days=1), note="Chờ số liệu thống kê chính thức",
                  wanted_date=due + timedelta(days=7))


def escalation_row(key: dict[str, object], due: date, chat_id: int) -> dict[str, object]:
    """A sent escalation's outbox row, four days after the due date."""
    at = datetime.combine(due + timedelta(days=4), clock_time(8), TZ).astimezone(UTC)
    return {**key, "effective_due_date": due, "chat_id": chat_id, "slot": "escalation:3",
            "planned_at": at, "send_after": at, "state": "sent", "sent_at": at,
            "created_at": at, "updated_at": at}


def insert_rows(session: Session, model: type[Base], rows: list[dict[str, object]]) -> int:
    """Bulk-insert `rows` in batches of CHUNK; return how many."""
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(model), rows[start:start + CHUNK])
    return len(rows)
