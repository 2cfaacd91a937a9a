"""Issue 8: webhook ingest of officers' answers, from the HTTP post to the committed row.

    .venv/bin/python -m bench.ingest [--database sqlite postgresql] [--workers 1 3]
        [--updates 800] [--warmup 80] [--concurrency 16] [--officers 2000] [--markdown]

Steps, for each configuration (SQLite: one process; PostgreSQL: each number of `--workers`):

1. a fresh database, migrated and seeded with the province by `bot.lifecycle.prepare`, the
   officers added and the `trienkhai` reminder slot planned for them by the real planner
   (`bench/reminder_slot.py`, as the fan-out benchmark does); every reminder is then marked
   sent as message 1 of its officer's chat, and every deadline is paused, so the workers' own
   planner has nothing to send while the load runs (answers about a paused deadline are
   still taken);
2. the ceiling: the machine's bare commit rate on that database, single-row INSERT + COMMIT
   through SQLAlchemy with the bot's engine settings (SQLite WAL + synchronous=NORMAL; the
   PostgreSQL server as it runs);
3. a fresh fake Bot API process, flood limits off (`bench/ingest_fake.py`), holding each
   officer's reminder with its answer buttons; it makes the updates (taps and replies, unique
   update ids), which the load generator posts itself;
4. the workers: real `python -m bot run --webhook` processes on ports of their own, with the
   production defaults (`BOT_LEADER_PERIOD` and all), started once the database is ready;
5. the load (`bench/ingest_load.py`): updates posted round robin over the workers by
   `--concurrency` posters, each waiting until its update's row is committed before posting
   the next; the warm-up's updates are not counted.

Figures: sustained updates/s (committed rows / (last commit - first post)), p50/p99/max
latency from the post to the committed row, beside the ceiling and the targets (at least
1,000 updates/s on one SQLite process with p99 under 50 ms; more with 3 PostgreSQL workers
than with 1).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from loguru import logger

from bench.fake_server import REPOSITORY_ROOT
from bench.ingest_db import (
    Seeded,
    commit_ceiling,
    postgresql_activity,
    postgresql_server,
    seed_answerable_reminders,
)
from bench.ingest_fake import IngestFake, ingest_fake_process
from bench.ingest_load import CommitWatcher, Load, LoadOutcome, percentile, plan_rounds, run_load
from bench.ingest_workers import cpu_seconds, running_workers, worker_metrics
from bench.machine import describe_machine, postgresql_version
from bench.tables import format_table
from db.session import Database
from tests.support.postgres_server import find_postgres_bindir

TARGET_PER_SECOND, TARGET_P99 = 1000.0, 0.050
SECRET = "bench-ingest-Secret_8"
RESULTS_DIR = REPOSITORY_ROOT / "bench" / "results"
# AIORateLimiter's overall limit, per process, on every call naming a chat (bot.app).
REPLY_PACING_PER_SECOND = 30.0
PACED_METHODS = frozenset({"sendMessage", "editMessageReplyMarkup", "editMessageText",
                           "sendDocument", "sendPhoto", "sendChatAction"})
REPLY_TEXT = "Đã tổng hợp được 80% số liệu (cập nhật {})"


@dataclass(frozen=True)
class RunOptions:
    """What to run (see `main` for the command-line options)."""

    databases: tuple[str, ...] = ("sqlite", "postgresql")
    workers: tuple[int, ...] = (1, 3)  # PostgreSQL only; SQLite always runs one process
    updates: int = 800  # counted, after the warm-up
    warmup: int = 80
    concurrency: int = 16
    officers: int = 2000
    poll_interval: float = 0.005
    reply_pacing: bool = True  # False: the bot's overall reply limiter off (not production)
    logs: Path | None = None  # keep the workers' logs (and SQLite files) here


@dataclass
class IngestRow:
    """One configuration's figures."""

    database: str
    workers: int
    posted: int
    committed: int
    updates_per_second: float
    p50: float
    p99: float
    slowest: float
    lost: int
    refused: dict[int, int]
    ceiling_commits_per_second: float
    durability: str
    handler_ms_mean: float | None  # the workers' own time per update (their /metrics)
    telegram_errors: dict[str, float]
    fake_calls: dict[str, int]
    database_work: dict[str, float] = field(default_factory=dict)  # PostgreSQL, per update
    cpu_ms_per_update: dict[str, float] = field(default_factory=dict)  # by process group
    target: str = "—"
    meets: bool | None = None


def configurations(options: RunOptions) -> Iterator[tuple[str, int]]:
    for database in options.databases:
        for workers in ((1,) if database == "sqlite" else options.workers):
            yield database, workers


def run_benchmark(options: RunOptions) -> tuple[list[IngestRow], dict[str, str]]:
    """Every configuration on a fresh database; the targets judged at the end."""
    rows: list[IngestRow] = []
    postgresql: str | None = None
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp, \
            postgresql_server("postgresql" in options.databases) as server:
        workdir = options.logs or Path(tmp)
        for database, workers in configurations(options):
            if database == "postgresql":
                assert server is not None
                name = f"bench_ingest_{uuid.uuid4().hex[:8]}"
                server.execute(f"CREATE DATABASE {name}")
                url = server.url(name)
            else:
                url = f"sqlite:///{workdir}/ingest-{workers}.sqlite3"
            row = measure(database, workers, url, workdir, options)
            rows.append(row)
            if database == "postgresql":
                assert server is not None
                postgresql = row.durability.split(",")[0].removeprefix("PostgreSQL ")
                server.execute(f"DROP DATABASE {name} WITH (FORCE)")
    return judge(rows), describe_machine(postgresql or _installed_postgresql())


def measure(database: str, workers: int, url: str, workdir: Path,
            options: RunOptions) -> IngestRow:
    """Seed, measure the ceiling, start the fake and the workers, run the load."""
    print(f"… {database}, {workers} worker(s): seeding {options.officers} officers",
          file=sys.stderr)
    seeded = seed_answerable_reminders(url, options.officers)
    ceiling, durability = commit_ceiling(url)
    print(f"  ceiling {ceiling:.0f} commits/s ({durability})", file=sys.stderr)
    with ingest_fake_process() as fake:
        fake.post("/bench/reminders", seeded.reminders)
        load = build_load(fake, seeded, options)
        with running_workers(fake, url, workers, workdir / f"{database}-{workers}", SECRET,
                             options.reply_pacing) as started:
            before = postgresql_activity(url)  # the workers' start-up left out
            ports = [port for port, _ in started]
            load = replace(load, webhook_urls=[f"http://127.0.0.1:{p}/telegram" for p in ports])
            pids = {"workers": [pid for _, pid in started], "fake": [fake.pid]}
            cpu_before = {name: sum(map(cpu_seconds, group)) for name, group in pids.items()}
            generator_before = time.process_time()
            outcome = _run(load, url, options)
            cpu = {name: sum(map(cpu_seconds, group)) - cpu_before[name]
                   for name, group in pids.items()}
            cpu["load generator"] = time.process_time() - generator_before
            metrics = [worker_metrics(port) for port in ports]
        after = postgresql_activity(url)
        fake_calls = fake.call_stats()
    row = summarize(database, workers, outcome, ceiling, durability, metrics, fake_calls,
                    _per_update(before, after, len(load.bodies), outcome.polls))
    row.cpu_ms_per_update = {name: round(1000 * seconds / len(load.bodies), 1)
                             for name, seconds in cpu.items()}
    return row


def build_load(fake: IngestFake, seeded: Seeded, options: RunOptions) -> Load:
    """The plan's updates, made by the fake, serialized once."""
    total = options.warmup + options.updates
    plan: list[list[Any]] = []
    authors: list[int] = []
    for number, (officer, action) in enumerate(plan_rounds(len(seeded.officers), total)):
        chat_id, person_id, callbacks = seeded.officers[officer]
        if action == "reply":
            plan.append([chat_id, "reply", REPLY_TEXT.format(number)])
        else:
            plan.append([chat_id, "tap", callbacks[action.removeprefix("tap:")]])
        authors.append(person_id)
    updates = fake.post("/bench/updates", plan)
    bodies = [json.dumps(update, ensure_ascii=False).encode() for update in updates]
    return Load([], SECRET, bodies, authors, options.warmup, options.concurrency)


def _run(load: Load, url: str, options: RunOptions) -> LoadOutcome:
    database = Database(url)
    try:
        watcher = CommitWatcher(database.engine, options.poll_interval)
        return asyncio.run(run_load(load, watcher))
    finally:
        database.dispose()


def _per_update(before: dict[str, float] | None, after: dict[str, float] | None,
                updates: int, polls: int) -> dict[str, float]:
    """PostgreSQL's counters over the run, per update posted, the watcher's polls taken out.

    `pool_pre_ping` runs its `SELECT 1` in autocommit, one committed transaction per checkout;
    a poll's read is rolled back when its connection goes back to the pool."""
    if before is None or after is None or not updates:
        return {}
    change = {key: after[key] - before[key] for key in after}
    for key in ("xact_commit", "xact_rollback"):  # each poll: a pre-ping, a rolled-back read
        change[key] -= polls
    return {key: round(value / updates, 2) for key, value in change.items()}


def summarize(database: str, workers: int, outcome: LoadOutcome, ceiling: float,
              durability: str, metrics: list[dict[str, float]], fake_calls: dict[str, int],
              database_work: dict[str, float]) -> IngestRow:
    latencies = outcome.latencies
    handled = sum(m.get("deadline_bot_handler_seconds_count", 0.0) for m in metrics)
    handler_total = sum(m.get("deadline_bot_handler_seconds_sum", 0.0) for m in metrics)
    errors: dict[str, float] = {}
    for sample in metrics:
        for name, value in sample.items():
            if name.startswith("deadline_bot_telegram_errors_total") and value:
                code = name.partition("{")[2].rstrip("}")
                errors[code] = errors.get(code, 0.0) + value
    return IngestRow(
        database=database, workers=workers,
        posted=len(latencies) + outcome.lost + sum(outcome.refused.values()),
        committed=len(latencies), updates_per_second=outcome.updates_per_second,
        p50=percentile(latencies, 0.50), p99=percentile(latencies, 0.99),
        slowest=latencies[-1] if latencies else float("nan"), lost=outcome.lost,
        refused=dict(outcome.refused), ceiling_commits_per_second=ceiling,
        durability=durability,
        handler_ms_mean=1000 * handler_total / handled if handled else None,
        telegram_errors=errors, fake_calls=fake_calls, database_work=database_work)


def judge(rows: list[IngestRow]) -> list[IngestRow]:
    """Set each row's target and whether it meets it."""
    single = next((r for r in rows if r.database == "postgresql" and r.workers == 1), None)
    for row in rows:
        if row.database == "sqlite":
            row.target = f"≥ {TARGET_PER_SECOND:,.0f}/s, p99 < {TARGET_P99 * 1000:.0f} ms"
            row.meets = (row.updates_per_second >= TARGET_PER_SECOND and row.p99 < TARGET_P99
                         and row.lost == 0)
        elif row.workers > 1 and single is not None:
            row.target = f"> 1 worker ({single.updates_per_second:.1f}/s)"
            row.meets = row.updates_per_second > single.updates_per_second and row.lost == 0
    return rows


def _installed_postgresql() -> str | None:
    version = postgresql_version(find_postgres_bindir())
    return f"{version} (installed, not used in this run)" if version else None


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


COLUMNS = (
    ("Database", lambda r: {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[r.database]),
    ("workers", lambda r: str(r.workers)),
    ("updates/s", lambda r: f"{r.updates_per_second:.1f}"),
    ("p50", lambda r: _ms(r.p50)),
    ("p99", lambda r: _ms(r.p99)),
    ("max", lambda r: _ms(r.slowest)),
    ("committed", lambda r: f"{r.committed}/{r.posted}"),
    ("ceiling commits/s", lambda r: f"{r.ceiling_commits_per_second:,.0f}"),
    ("target", lambda r: r.target),
    ("meets", lambda r: {None: "—", True: "yes", False: "**NO**"}[r.meets]),
)


def format_notes(rows: list[IngestRow], options: RunOptions, machine: dict[str, str]) -> str:
    lines = [f"{options.updates} updates counted after {options.warmup} of warm-up, "
             f"{options.concurrency} in flight, {options.officers} officers; latency = post "
             f"→ the watcher's first sight of the row (polled every "
             f"{options.poll_interval * 1000:g} ms, so at most one poll late)."]
    if not options.reply_pacing:
        lines.append("Reply pacing OFF: the workers ran with AIORateLimiter(overall_max_rate=0)"
                     " (bench/unpaced_bot.py), not as shipped.")
    for row in rows:
        paced = sum(count for call, count in row.fake_calls.items()
                    if call.split()[0] in PACED_METHODS) / (options.updates + options.warmup)
        if options.reply_pacing and paced:
            lines.append(f"- {COLUMNS[0][1](row)} × {row.workers}: {paced:.2f} paced Bot API "
                         f"calls per update, so the reply pacing caps ingest at "
                         f"{row.workers} × {REPLY_PACING_PER_SECOND:g} / {paced:.2f} = "
                         f"{row.workers * REPLY_PACING_PER_SECOND / paced:.1f} updates/s")
        handler = f"{row.handler_ms_mean:.1f} ms" if row.handler_ms_mean is not None else "?"
        extra = f"; per update: {row.database_work}" if row.database_work else ""
        problems = {k: v for k, v in row.fake_calls.items() if not k.endswith(" 200")}
        lines.append(f"- {COLUMNS[0][1](row)} × {row.workers}: handlers {handler} per update "
                     f"(mean); CPU ms per update {row.cpu_ms_per_update}; ceiling measured "
                     f"with {row.durability}{extra}; lost {row.lost}, "
                     f"refused {row.refused or 0}; Telegram errors {row.telegram_errors or 0}; "
                     f"Bot API calls not 200: {problems or 0}")
    lines.append("")
    lines += [f"{name}: {value}" for name, value in machine.items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Webhook ingest of status answers: updates/s and latency to commit (issue 8).")
    parser.add_argument("--database", nargs="+", choices=("sqlite", "postgresql"),
                        default=["sqlite", "postgresql"])
    parser.add_argument("--workers", nargs="+", type=int, default=[1, 3],
                        help="PostgreSQL worker processes to try (SQLite runs one)")
    parser.add_argument("--updates", type=int, default=800, help="updates counted")
    parser.add_argument("--warmup", type=int, default=80, help="updates posted first, uncounted")
    parser.add_argument("--concurrency", type=int, default=16,
                        help="updates in flight (posted, row not yet committed)")
    parser.add_argument("--officers", type=int, default=2000)
    parser.add_argument("--poll-ms", type=float, default=5.0,
                        help="how often the watcher looks for committed rows")
    parser.add_argument("--no-reply-pacing", action="store_true",
                        help="run the workers with the bot's overall reply limiter off "
                             "(NOT the shipped bot; shows what the pacing costs)")
    parser.add_argument("--logs", type=Path, help="keep the workers' logs in this directory")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    args = parser.parse_args()
    if args.officers <= args.concurrency:
        parser.error("--officers must exceed --concurrency: a row is matched to its update by "
                     "its author, who must have one update in flight at a time")
    options = RunOptions(tuple(args.database), tuple(args.workers), args.updates, args.warmup,
                         args.concurrency, args.officers, args.poll_ms / 1000,
                         not args.no_reply_pacing, args.logs)
    logger.remove()  # the bot's start-up lines (migrations, province loaded) are noise here
    logger.add(sys.stderr, level="WARNING")
    started = time.strftime("%Y%m%d-%H%M%S")
    rows, machine = run_benchmark(options)
    print(format_table(rows, COLUMNS, markdown=args.markdown))
    print()
    print(format_notes(rows, options, machine))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    result_file = RESULTS_DIR / f"ingest-{started}.json"
    result_file.write_text(json.dumps(
        {"options": asdict(options), "machine": machine, "rows": [asdict(r) for r in rows]},
        ensure_ascii=False, indent=2, default=str))
    print(f"\nSaved {result_file.relative_to(REPOSITORY_ROOT)}")


if __name__ == "__main__":
    main()
