"""Issue 24: the dashboard's 2025 matrix and the office's digest of the new Vĩnh Long, in a
database that ran Trà Vinh from 2020 and was reorganised into Vĩnh Long on 01/07/2025.

    .venv/bin/python -m bench.vinh_long_2025 [--database sqlite postgresql]
        [--only dashboard|digest] [--runs 7] [--markdown]

For each database, two databases are built by bench/province_history.py: Trà Vinh's 38 units
with their answers from 2020 to 30/06/2025, tra_vinh_to_vinh_long_2025.yaml applied on
30/06/2025, the bot restarted on vinh_long_2025.yaml (the 83 xã and phường of former Bến Tre
and Vĩnh Long added), an officer and a head in every unit, and the answers to what fell due
from 01/07/2025 up to 15/12/2025 09:00 (the time of every measurement). One keeps the shipped
deadlines (the 2025 matrix has 6 columns); the other adds a monthly report on the 15th (18).
The 2025 columns are owed by 164 units (the 16 closed on 30/06/2025 for the first half,
the 140 units of vinh_long_2025.yaml and the 8 agencies of Trà Vinh the file does not close).

- **The dashboard**: the office signs in as a browser does and asks for the 2025 matrix and the
  page the digest links to, through the dashboard's own routes (bench/dashboard.py's client).
  Target: under 300 ms.
- **The digest**, as the office gets it: the bot's service in its unit of work and the
  messages rendered (`digest_parts`, with the dashboard's links): `/digest quy 10/12/2025` (the
  scheduled digest after the due date) and `/digest` (everything open). Target: under 200 ms.

Each figure is the median of `--runs` runs, the first (cold) among them.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime

from loguru import logger
from sqlalchemy.orm import Session

from bench.dashboard import measure as measure_page
from bench.dashboard import signed_in_client
from bench.databases import DatabaseSource, database_source
from bench.digest import measure as measure_digest
from bench.digest import report_and_save
from bench.machine import describe_machine
from bench.province_history import (
    TZ,
    VINH_LONG_FILE,
    become_vinh_long,
    seed_tra_vinh_history,
)
from bench.reminder_slot import bench_settings
from bench.tables import format_table
from bot.dependencies import Dependencies, reminder_timing
from bot.domain.digests import Digest
from bot.services import digests
from bot.texts.digest_layout import telegram_length
from bot.texts.digests_render import digest_parts
from config.province import load_province
from db.session import Database

NOW = datetime(2025, 12, 15, 9, 0, tzinfo=TZ)  # a Monday: Q4 due 10/12, the review 10/11
DASHBOARD_TARGET, DIGEST_TARGET = 0.3, 0.2
DASHBOARD = "https://bot.example.gov.vn/dashboard"
PAGES: tuple[tuple[str, str], ...] = (
    ("matrix 2025, first page", "/?year=2025"),
    ("matrix 2025, page 2", "/?year=2025&page=2"),
    ("matrix 2025, xã and phường", "/?year=2025&group=commune"),
    ("matrix 2025, units with an overdue report", "/?year=2025&standing=overdue"),
    ("the page the digest links (`quy` 10/12/2025)", "/report/quy/2025-12-10?year=2025"),
)
TIMING = reminder_timing(bench_settings("sqlite://"))


@dataclass
class Row:
    """One page or digest, on one database, for one set of deadlines."""

    database: str
    deadlines: str
    operation: str
    target_seconds: float
    runs: list[float]
    result: str

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def _messages(digest: Digest) -> str:
    parts = digest_parts(digest, "vi", DASHBOARD)
    units = max((len(o.occurrence.units) for o in digest.occurrences), default=0)
    sizes = " + ".join(str(telegram_length(part.text)) for part in parts)
    return (f"{len(digest.occurrences)} report(s), up to {units} units; {len(parts)} message(s) "
            f"of {sizes} UTF-16 units (HTML as sent)")


def _one_report(session: Session) -> str:
    return _messages(digests.occurrence_digest(session, "quy", "10/12/2025", NOW, TIMING))


def _open(session: Session) -> str:
    return _messages(digests.open_digest(session, NOW, TIMING))


DIGESTS: tuple[tuple[str, Callable[[Session], str]], ...] = (
    ("digest `/digest quy 10/12/2025`, data + messages", _one_report),
    ("digest `/digest` (all open), data + messages", _open),
)


async def _pages(url: str, name: str, units: int, runs: int) -> list[tuple[str, list[float], str]]:
    settings = bench_settings(url).model_copy(update={"bot_province_file": VINH_LONG_FILE})
    deps = Dependencies(settings=settings, database=Database(url), clock=lambda: NOW,
                        province=load_province(VINH_LONG_FILE))
    try:
        async with signed_in_client(deps, NOW) as client:
            found = [await measure_page(client, name, units, page, address, DASHBOARD_TARGET,
                                             runs)
                     for page, address in PAGES]
        return [(f"{m.page} (`{m.address}`)", m.runs, m.result) for m in found]
    finally:
        deps.database.dispose()


def measure_database(source: DatabaseSource, name: str, monthly: bool,
                     args: argparse.Namespace) -> list[Row]:
    label = "shipped + monthly" if monthly else "shipped (5)"
    url = source.new("monthly" if monthly else "shipped")
    history = seed_tra_vinh_history(url, monthly=monthly)
    after = become_vinh_long(url, NOW)
    print(f"… {name}, {label}: {history} then {after}", file=sys.stderr)
    rows: list[Row] = []
    if args.only in (None, "dashboard"):
        rows += [Row(name, label, page, DASHBOARD_TARGET, runs, shown)
                 for page, runs, shown in asyncio.run(_pages(url, name, after.units, args.runs))]
    if args.only in (None, "digest"):
        database = Database(url)
        try:
            for operation, work in DIGESTS:
                m = measure_digest(database, name, operation, DIGEST_TARGET, work, args.runs)
                rows.append(Row(name, label, operation, DIGEST_TARGET, m.runs, m.result))
        finally:
            database.dispose()
    return rows


def run_benchmark(args: argparse.Namespace) -> tuple[list[Row], dict[str, object]]:
    rows: list[Row] = []
    postgresql: str | None = None
    for name in args.database:
        with database_source(name) as source:
            postgresql = source.version() or postgresql
            for monthly in (False, True):
                rows += measure_database(source, name, monthly, args)
    return rows, {"machine": describe_machine(postgresql)}


def _ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


COLUMNS: tuple[tuple[str, Callable[[Row], str]], ...] = (
    ("Database", lambda r: r.database),
    ("Deadlines", lambda r: r.deadlines),
    ("Page or digest", lambda r: r.operation),
    ("median", lambda r: _ms(r.median)),
    ("min – max", lambda r: f"{_ms(min(r.runs))} – {_ms(max(r.runs))}"),
    ("target", lambda r: f"< {_ms(r.target_seconds)}"),
    ("meets", lambda r: "yes" if r.median < r.target_seconds else "**NO**"),
    ("shown", lambda r: r.result),
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Vĩnh Long's 2025 dashboard matrix and digest after the reorganisation.")
    parser.add_argument("--database", nargs="+", choices=("sqlite", "postgresql"),
                        default=["sqlite", "postgresql"])
    parser.add_argument("--only", choices=("dashboard", "digest"))
    parser.add_argument("--runs", type=int, default=7, help="requests of each page or digest")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    args = parser.parse_args()
    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    started = time.strftime("%Y%m%d-%H%M%S")
    rows, seeded = run_benchmark(args)
    report_and_save("vinh-long-2025", started, args,
                    format_table(rows, COLUMNS, markdown=args.markdown),
                    [asdict(row) | {"median": row.median} for row in rows], seeded)


if __name__ == "__main__":
    main()
