"""Issue 6: digest data, the year's .xlsx export and the chart for 10,000 units × 20 occurrences.

    .venv/bin/python -m bench.digest [--database sqlite postgresql] [--units 10000]
        [--occurrences 20] [--runs 5] [--export-runs 3] [--markdown]

Steps, for each database: migrate an empty one and bulk-insert the province
(tests/support/seeded_province.py: units, officers and heads, Decree 09's periods in 2020 and
a realistic spread of answers); then time, with the bot's own services and renderers, each in
its own unit of work, at 22/12/2020 09:00 (the day after the year's last due date):

- the digest data of one occurrence (`/digest quy 10/12/2020`), of everything open (`/digest`:
  the occurrences due within 7 days or overdue with units missing, for up to 92 days) and of
  all the year's occurrences at once (what the digest engineer measured);
- the .xlsx export of 2020 (`/export 2020`, every occurrence, every unit), bytes in memory;
- the chart (`/chart 2020`): its data and the PNG.

Each figure is the median of several runs (the first run, with cold caches, is one of them),
printed beside its target (digest data under 200 ms, export under 10 s; the issue sets none for
the chart) with the peak memory:
the process's highest resident memory during the runs (VmHWM, reset before them) and its growth
over the memory just before, and the peak of Python allocations (tracemalloc, in one more run of
its own, since tracing slows everything down).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from loguru import logger
from sqlalchemy.orm import Session

from bench.fake_server import REPOSITORY_ROOT
from bench.fanout import postgresql_database
from bench.machine import describe_machine, postgresql_version
from bench.reminder_slot import bench_settings
from bench.tables import format_table
from bot.dependencies import reminder_timing
from bot.services import charts, digests, export
from bot.texts.chart_render import chart_png
from bot.texts.export_render import export_workbook
from db.session import Database
from tests.support.postgres_server import find_postgres_bindir
from tests.support.seeded_province import seed_province

NOW = datetime(2020, 12, 22, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
DIGEST_TARGET, EXPORT_TARGET = 0.2, 10.0
RESULTS_DIR = REPOSITORY_ROOT / "bench" / "results"
TIMING = reminder_timing(bench_settings("sqlite://"))  # the production defaults


@dataclass
class Measurement:
    """One operation on one database."""

    database: str
    operation: str
    target_seconds: float | None  # None: the issue sets none (the chart)
    runs: list[float]
    peak_rss_mb: float
    rss_growth_mb: float
    tracemalloc_peak_mb: float
    result: str  # what it produced, e.g. "7 occurrences" or "3.1 MB"

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def meets_target(self) -> bool | None:
        return None if self.target_seconds is None else self.median < self.target_seconds


def _one_occurrence(session: Session) -> str:
    digest = digests.occurrence_digest(session, "quy", "10/12/2020", NOW, TIMING)
    return f"{len(digest.occurrences)} occurrence"


def _all_open(session: Session) -> str:
    digest = digests.open_digest(session, NOW, TIMING)
    return f"{len(digest.occurrences)} occurrences"


def _whole_year(session: Session) -> str:
    context = digests.digest_context(session, NOW, TIMING)
    chosen = export.year_occurrences(NOW.year, context, TIMING.policy,
                                     export.deadline_pauses(session, context.tz))
    return f"{len(digests.digests_of(session, chosen, context))} occurrences"


def _export(session: Session) -> str:
    workbook = export_workbook(export.year_export(session, "2020", NOW, TIMING), "vi")
    return f"{len(workbook.content) / 2**20:.1f} MB .xlsx"


def _chart(session: Session) -> str:
    picture = chart_png(charts.on_time_chart(session, "2020", NOW, TIMING), "vi")
    return f"{len(picture) / 1024:.0f} KB PNG"


OPERATIONS: tuple[tuple[str, float | None, Callable[[Session], str]], ...] = (
    ("digest data, one occurrence", DIGEST_TARGET, _one_occurrence),
    ("digest data, all open", DIGEST_TARGET, _all_open),
    ("digest data, all occurrences of 2020", DIGEST_TARGET, _whole_year),
    ("export .xlsx, 2020", EXPORT_TARGET, _export),
    ("chart data + PNG, 2020", None, _chart),
)


def _status_mb(name: str) -> float:
    """A memory line of /proc/self/status ("VmRSS", "VmHWM") in MiB (0 off Linux)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(database: Database, name: str, operation: str, target: float | None,
            work: Callable[[Session], str], runs: int) -> Measurement:
    """`runs` timed runs (VmHWM reset before them), then one traced run."""
    before = _status_mb("VmRSS")
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # VmHWM starts again from VmRSS
    times, result = [], ""
    for _ in range(runs):
        started = time.perf_counter()
        result = database.run_sync(work)
        times.append(time.perf_counter() - started)
    peak = _status_mb("VmHWM")
    tracemalloc.start()
    database.run_sync(work)
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"  {operation}: median {statistics.median(times) * 1000:.0f} ms ({result})",
          file=sys.stderr)
    return Measurement(name, operation, target, times, peak, peak - before, traced, result)


@contextlib.contextmanager
def database_url(name: str, workdir: Path) -> Iterator[tuple[str, str | None]]:
    if name == "postgresql":
        with postgresql_database() as (url, version):
            yield url, version
    else:
        yield f"sqlite:///{workdir}/digest-bench.sqlite3", None


def run_benchmark(args: argparse.Namespace) -> tuple[list[Measurement], dict[str, Any]]:
    """Seed and measure each database; return the measurements and what was seeded."""
    measurements: list[Measurement] = []
    seeded: dict[str, Any] = {}
    postgresql: str | None = None
    with tempfile.TemporaryDirectory(prefix="bench-digest-") as tmp:
        for name in args.database:
            with database_url(name, Path(tmp)) as (url, version):
                postgresql = version or postgresql
                province = seed_province(url, args.units, args.occurrences)
                seeded[name] = {"units": province.units, "status_rows": province.status_rows,
                                "occurrences": len(province.occurrences),
                                "escalations": province.escalations,
                                "seconds_to_seed": round(province.seconds, 1)}
                print(f"… {name}: seeded {seeded[name]}", file=sys.stderr)
                database = Database(url)
                try:
                    for operation, target, work in OPERATIONS:
                        runs = args.runs if target == DIGEST_TARGET else args.export_runs
                        measurements.append(measure(database, name, operation, target, work,
                                                    runs))
                finally:
                    database.dispose()
    seeded["machine"] = describe_machine(postgresql or _installed_postgresql())
    return measurements, seeded


def _installed_postgresql() -> str | None:
    version = postgresql_version(find_postgres_bindir())
    return f"{version} (installed, not used in this run)" if version else None


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


COLUMNS: tuple[tuple[str, Callable[[Measurement], str]], ...] = (
    ("Database", lambda m: m.database),
    ("Operation", lambda m: m.operation),
    ("median", lambda m: _seconds(m.median)),
    ("min – max", lambda m: f"{_seconds(min(m.runs))} – {_seconds(max(m.runs))}"),
    ("target", lambda m: "—" if m.target_seconds is None else f"< {_seconds(m.target_seconds)}"),
    ("meets", lambda m: {None: "—", True: "yes", False: "**NO**"}[m.meets_target]),
    ("peak RSS MB (growth)", lambda m: f"{m.peak_rss_mb:.0f} (+{m.rss_growth_mb:.0f})"),
    ("tracemalloc peak MB", lambda m: f"{m.tracemalloc_peak_mb:.1f}"),
    ("result", lambda m: m.result),
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Digest data, .xlsx export and chart for a large province (issue 6).")
    parser.add_argument("--database", nargs="+", choices=("sqlite", "postgresql"),
                        default=["sqlite"])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--occurrences", type=int, default=20, help="1 to 20, all in 2020")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each digest")
    parser.add_argument("--export-runs", type=int, default=3,
                        help="timed runs of the export and of the chart")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    args = parser.parse_args()
    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    started = time.strftime("%Y%m%d-%H%M%S")
    rows, seeded = run_benchmark(args)
    report_and_save("digest", started, args, format_table(rows, COLUMNS, markdown=args.markdown),
                    [asdict(row) | {"median": row.median} for row in rows], seeded)


def report_and_save(kind: str, started: str, args: argparse.Namespace, table: str,
                    rows: list[dict[str, object]], seeded: Mapping[str, object]) -> None:
    """Print the table, the seeded figures and the machine, and save them all as JSON under
    bench/results/ (shared by bench.digest and bench.dashboard)."""
    print(table)
    print()
    for name, figures in seeded.items():
        if name != "machine":
            print(f"{name}: {figures}")
    print()
    machine = seeded["machine"]
    assert isinstance(machine, dict)
    print("\n".join(f"{key}: {value}" for key, value in machine.items()))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    result_file = RESULTS_DIR / f"{kind}-{started}.json"
    result_file.write_text(json.dumps({"options": vars(args), "seeded": seeded, "rows": rows},
                                      ensure_ascii=False, indent=2))
    print(f"\nSaved {result_file.relative_to(REPOSITORY_ROOT)}")


if __name__ == "__main__":
    main()
