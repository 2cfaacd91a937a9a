"""Issue 16: the dashboard's matrix page for a large province, rendered by the real route.

    .venv/bin/python -m bench.dashboard [--database sqlite postgresql] [--units 10000]
        [--province-units 38] [--occurrences 20] [--runs 7] [--markdown] [--profile PAGE]

For each database: two provinces are seeded by tests/support/seeded_province.py (the digest
and export benchmark's data: Decree 09's periods in 2020 and a realistic spread of answers), one of
`--units` units and one of Trà Vinh's size (`--province-units`). The office signs in as a
browser does (a login link opened, the session cookie kept) and asks for the pages through the
dashboard's own Starlette routes (httpx's ASGI transport: no socket, everything else as served:
the session check, the service in its unit of work, the Jinja2 page). The time is 22/12/2020
09:00, after the year's last due date, so every standing appears.

Each page is asked for `--runs` times; the median (the first, cold run included) is printed
beside its target: under 500 ms for the large province, under 100 ms for Trà Vinh's size.
`--profile PAGE` runs that page's service and renderer once more under cProfile and prints
where the time went.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import httpx
from loguru import logger
from sqlalchemy.orm import Session
from starlette.applications import Starlette

from bench.digest import NOW, database_url, report_and_save
from bench.fake_server import REPOSITORY_ROOT
from bench.machine import describe_machine
from bench.reminder_slot import bench_settings
from bench.tables import format_table
from bot.app import build_application
from bot.dependencies import Dependencies
from bot.domain.dashboard import parse_matrix_filter
from bot.services import dashboard, web_access
from bot.services.people import describe
from bot.texts.dashboard_render import PageFrame, matrix_page
from bot.web.dashboard import Dashboard
from config.province import load_province
from db.models import Person
from db.session import Database
from tests.support.seeded_province import FIRST_PERSON_ID, SEED_TIME, seed_province

LARGE_TARGET, PROVINCE_TARGET = 0.5, 0.1
RESULTS_DIR = REPOSITORY_ROOT / "bench" / "results"
# (what the page shows, its address); the same pages for both provinces.
PAGES: tuple[tuple[str, str], ...] = (
    ("matrix, first page", "/?year=2020"),
    ("matrix, page 2", "/?year=2020&page=2"),
    ("matrix, districts × quarterly report", "/?year=2020&group=district&deadline=quy"),
    ("matrix, units with an overdue report", "/?year=2020&standing=overdue"),
)


@dataclass
class Measurement:
    """One page of one province on one database."""

    database: str
    units: int
    page: str
    address: str
    target_seconds: float
    runs: list[float]
    result: str  # what the page showed, e.g. "100 rows × 20 columns, 310 KB"

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def meets_target(self) -> bool:
        return self.median < self.target_seconds


def _office_login(session: Session, now: datetime) -> str:
    """A person of the provincial office and a login link for them, as /web makes one."""
    person = Person(telegram_user_id=FIRST_PERSON_ID - 1, full_name="Văn phòng UBND tỉnh",
                    language_code="vi", is_office=True, created_at=SEED_TIME)
    session.add(person)
    session.flush()
    return web_access.create_login_link(session, describe(session, person), now).token


@contextlib.asynccontextmanager
async def signed_in_client(deps: Dependencies, now: datetime = NOW
                           ) -> AsyncIterator[httpx.AsyncClient]:
    """The dashboard's routes over the database, with the office's session cookie set (signed
    in at `now`, the time of `deps.clock`)."""
    token = deps.database.run_sync(lambda session: _office_login(session, now))
    # Pages only read: the application (never started) is there for the routes that act.
    app = Starlette(routes=Dashboard(deps, build_application(deps)).routes())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://dashboard.test") as client:
        opened = await client.get(f"/login/{token}")
        assert opened.status_code == 303, opened.text
        yield client


def _shown(body: str) -> str:
    if '<table id="detail">' in body:  # a report's page: a line per unit, then the actions
        units = body.split('<table id="detail">', 1)[1].split("</table>", 1)[0]
        actions = body.split('<table id="actions">', 1)[1] if 'id="actions"' in body else ""
        return (f"{units.count('<tr data-unit=')} units, {actions.count('<tr data-unit=')} "
                f"action rows, {len(body.encode()) / 1024:.0f} KB")
    rows = body.count("<tr data-unit=")
    columns = body.split("</thead>", 1)[0].count("<th title=")
    return f"{rows} rows × {columns} columns, {len(body.encode()) / 1024:.0f} KB"


async def measure(client: httpx.AsyncClient, database: str, units: int, page: str,
                  address: str, target: float, runs: int) -> Measurement:
    times, shown = [], ""
    for _ in range(runs):
        started = time.perf_counter()
        response = await client.get(address)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{address}: {response.status_code} {response.text[:300]}")
        shown = _shown(response.text)
    print(f"  {units} units, {page}: median {statistics.median(times) * 1000:.0f} ms "
          f"({shown})", file=sys.stderr)
    return Measurement(database, units, page, address, target, times, shown)


def profile(deps: Dependencies, address: str) -> None:
    """The page's service and renderer once more, in this thread, under cProfile (the route
    runs them in a worker thread, out of the profiler's sight); the 30 costliest calls."""
    query = dict(parse_qsl(urlsplit(address).query))
    wanted = parse_matrix_filter(query)
    profiler = cProfile.Profile()
    profiler.enable()
    matrix = deps.database.run_sync(lambda s: dashboard.year_matrix(
        s, query.get("year"), NOW, deps.timing, None, wanted))
    matrix_page(matrix, PageFrame(prefix="", lang="vi"), query)
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)


async def measure_pages(url: str, database: str, units: int, target: float,
                        args: argparse.Namespace) -> list[Measurement]:
    """Every page of PAGES, signed in as the office, over a database already seeded."""
    settings = bench_settings(url)
    deps = Dependencies(settings=settings, database=Database(url), clock=lambda: NOW,
                        province=load_province(settings.bot_province_file))
    try:
        async with signed_in_client(deps) as client:
            found = [await measure(client, database, units, page, address, target, args.runs)
                     for page, address in PAGES]
        if args.profile and units == args.units:
            profile(deps, dict(PAGES)[args.profile])
        return found
    finally:
        deps.database.dispose()


def run_benchmark(args: argparse.Namespace) -> tuple[list[Measurement], dict[str, object]]:
    measurements: list[Measurement] = []
    seeded: dict[str, object] = {}
    postgresql: str | None = None
    sizes = ((args.units, LARGE_TARGET), (args.province_units, PROVINCE_TARGET))
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp:
        for name in args.database:
            for units, target in sizes:
                workdir = Path(tmp) / f"{name}-{units}"
                workdir.mkdir()
                with database_url(name, workdir) as (url, version):
                    postgresql = version or postgresql
                    province = seed_province(url, units, args.occurrences)
                    seeded[f"{name}, {units} units"] = {
                        "status_rows": province.status_rows,
                        "occurrences": len(province.occurrences),
                        "seconds_to_seed": round(province.seconds, 1)}
                    print(f"… {name}: seeded {units} units in {province.seconds:.0f} s",
                          file=sys.stderr)
                    measurements += asyncio.run(measure_pages(url, name, units, target, args))
    seeded["machine"] = describe_machine(postgresql)
    return measurements, seeded


def _ms(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


COLUMNS = (
    ("Database", lambda m: m.database),
    ("Units", lambda m: f"{m.units:,}"),
    ("Page", lambda m: f"{m.page} (`{m.address}`)"),
    ("median", lambda m: _ms(m.median)),
    ("min – max", lambda m: f"{_ms(min(m.runs))} – {_ms(max(m.runs))}"),
    ("target", lambda m: f"< {_ms(m.target_seconds)}"),
    ("meets", lambda m: "yes" if m.meets_target else "**NO**"),
    ("shown", lambda m: m.result),
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="The dashboard's matrix page for a large province (issue 16).")
    parser.add_argument("--database", nargs="+", choices=("sqlite", "postgresql"),
                        default=["sqlite", "postgresql"])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--province-units", type=int, default=38)
    parser.add_argument("--occurrences", type=int, default=20, help="1 to 20, all in 2020")
    parser.add_argument("--runs", type=int, default=7, help="requests of each page")
    parser.add_argument("--profile", choices=[page for page, _ in PAGES],
                        help="profile this page of the large province once more")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    args = parser.parse_args()
    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    started = time.strftime("%Y%m%d-%H%M%S")
    rows, seeded = run_benchmark(args)
    report_and_save("dashboard", started, args,
                    format_table(rows, COLUMNS, markdown=args.markdown),
                    [asdict(row) | {"median": row.median} for row in rows], seeded)


if __name__ == "__main__":
    main()
