"""Issue 5: fan-out of one reminder slot to thousands of chats through the fake Bot API.

    .venv/bin/python -m bench.fanout [--recipients 3000] [--database sqlite postgresql]
        [--contenders outbox ptb-aioratelimiter naive] [--latencies 0 [50 200 400]]
        [--flood-models bucket window] [--send-max-in-flight 16]

Steps: for each database, migrate and seed it, add the officers, plan the slot with the real
planner and let deadline-bot's outbox sender send it; then python-telegram-bot's AIORateLimiter
with its defaults and a naive loop send the same messages; all of it again at each round trip
the fake adds (`--latencies`). Each contender runs in a process of
its own against a fresh fake Bot API process enforcing Telegram's limits (30 messages/s per
bot, 1/s per private chat, 20/min per group), the bot-wide one as a bucket (burst 30) or as a
strict sliding window (at most 30 in any one second), once per model asked for
(`--flood-models`). What each chat received is read back from the
fake; the figures are printed side by side with the machine, and saved as JSON under
bench/results/.

Measured: sustained messages/s ((delivered - 1) / (last delivery - first delivery), on the
fake's clock) and its share of the 30/s ceiling, the sender's total time, 429s given by the
fake, lost recipients (no message), duplicates (messages beyond the first in a chat), the
busiest second, and the peak memory (maximum RSS) of the sending process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from loguru import logger
from sqlalchemy import text

from bench.contenders import CONTENDERS, SenderOutcome, outcome_from_json
from bench.fake_server import FLOOD_MODELS, REPOSITORY_ROOT, fake_server_process
from bench.machine import describe_machine, postgresql_version
from bench.reminder_slot import FIRST_CHAT_ID, plan_one_slot
from bench.tables import format_table
from db.session import Database
from scheduler.sender import Pacing
from tests.support.postgres_server import (
    PostgresServer,
    find_postgres_bindir,
    postgres_server_from_environment,
    start_postgres_server,
)

CEILING_PER_SECOND = 30.0
TARGET_SHARE = 0.95
RESULTS_DIR = REPOSITORY_ROOT / "bench" / "results"
LABELS = {"outbox": "deadline-bot outbox sender", "ptb-aioratelimiter": "PTB AIORateLimiter()",
          "naive": "naive loop"}
MODEL_LABELS = {"bucket": "bucket (burst 30)", "window": "strict 1 s window"}


@dataclass
class FanoutRow:
    """One contender's figures, from its own side and from what the fake received."""

    contender: str
    database: str | None
    flood_model: str  # the fake's bot-wide limit: "bucket" or "window"
    latency_ms: float
    max_in_flight: int
    most_in_flight: int
    recipients: int
    delivered: int
    messages_per_second: float
    share_of_ceiling: float
    total_seconds: float
    delivery_span_seconds: float
    busiest_second: int
    rate_limited: int
    rate_limited_by_scope: dict[str, int]
    rate_limited_between: tuple[float, float] | None  # seconds after the first delivery
    lost: int
    duplicates: int
    peak_rss_mb: float
    rss_growth_mb: float
    tracemalloc_peak_mb: float | None
    errors: dict[str, int] = field(default_factory=dict)
    outbox_states: dict[str, int] = field(default_factory=dict)

    @property
    def meets_target(self) -> bool:
        return (self.share_of_ceiling >= TARGET_SHARE and self.lost == 0
                and self.duplicates == 0)


def busiest_second(times: list[float]) -> int:
    """The most deliveries in any one-second window (times sorted)."""
    most, first = 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


def summarize(name: str, database: str | None, expected: list[int], outcome: SenderOutcome,
              stats: dict[str, Any], options: RunOptions) -> FanoutRow:
    received = {int(chat): count for chat, count in stats["messages_per_chat"].items()}
    counts = [received.get(chat, 0) for chat in expected]
    times: list[float] = stats["delivery_times"]
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    rate = (len(times) - 1) / span if span > 0 else 0.0
    limited: list[float] = stats["rate_limit_times"]
    start = min(times[:1] + limited[:1], default=0.0)
    return FanoutRow(
        contender=LABELS[name], database=database, flood_model=options.flood_model,
        latency_ms=options.latency * 1000,
        max_in_flight=options.send_max_in_flight, most_in_flight=outcome.most_in_flight,
        recipients=len(expected),
        delivered=sum(counts), messages_per_second=rate,
        share_of_ceiling=rate / CEILING_PER_SECOND, total_seconds=outcome.seconds,
        delivery_span_seconds=span, busiest_second=busiest_second(times),
        rate_limited=stats["rate_limited"],
        rate_limited_by_scope=stats["rate_limited_by_scope"],
        rate_limited_between=(limited[0] - start, limited[-1] - start) if limited else None,
        lost=counts.count(0),
        duplicates=sum(count - 1 for count in counts if count > 1),
        peak_rss_mb=outcome.peak_rss_mb, rss_growth_mb=outcome.rss_growth_mb,
        tracemalloc_peak_mb=outcome.tracemalloc_peak_mb, errors=outcome.errors,
        outbox_states=outcome.outbox_states)


@dataclass(frozen=True)
class RunOptions:
    """What to run, and the conditions (see `main` for the command-line options)."""

    recipients: int = 3000
    databases: tuple[str, ...] = ("sqlite",)
    contenders: tuple[str, ...] = CONTENDERS
    trace_memory: bool = False
    latency: float = 0.0  # seconds the fake adds to every call
    flood_model: str = "bucket"  # the fake's bot-wide limit: "bucket" or "window"
    send_max_in_flight: int = Pacing().max_in_flight  # the outbox sender's cap


def run_contender(name: str, messages_file: Path, expected: list[int], options: RunOptions,
                  *, database: str | None = None, database_url: str | None = None) -> FanoutRow:
    """One contender in a fresh process, against a fresh fake server process."""
    print(f"… {LABELS[name]}" + (f" ({database})" if database else ""), file=sys.stderr)
    with fake_server_process(FIRST_CHAT_ID, len(expected), options.latency,
                             options.flood_model) as server:
        command = [sys.executable, "-m", "bench.contenders", name, "--base-url",
                   server.base_url, "--token", server.token, "--messages", str(messages_file),
                   "--send-max-in-flight", str(options.send_max_in_flight)]
        if database_url:
            command += ["--database-url", database_url]
        if options.trace_memory:
            command.append("--tracemalloc")
        completed = subprocess.run(command, cwd=REPOSITORY_ROOT, stdout=subprocess.PIPE,
                                   text=True, check=True)
        outcome = outcome_from_json(completed.stdout.strip().splitlines()[-1])
        stats = server.stats()
    return summarize(name, database, expected, outcome, stats, options)


@contextmanager
def postgresql_database() -> Iterator[tuple[str, str]]:
    """An empty database on TEST_POSTGRESQL_URL's server or on a throw-away one: (URL, version)."""
    server: PostgresServer | None = postgres_server_from_environment()
    started = server is None
    if server is None:
        bindir = find_postgres_bindir()
        if bindir is None:
            raise SystemExit("PostgreSQL is not installed (apt-get install postgresql), "
                             "or set TEST_POSTGRESQL_URL")
        server = start_postgres_server(bindir)
    name = f"bench_fanout_{uuid.uuid4().hex[:8]}"
    try:
        server.execute(f"CREATE DATABASE {name}")
        database = Database(server.url(name))
        version = str(database.run_sync(lambda s: s.scalar(text("SHOW server_version"))))
        database.dispose()
        yield server.url(name), version
        server.execute(f"DROP DATABASE {name} WITH (FORCE)")
    finally:
        if started:
            server.stop()


def planned_messages(database_url: str, recipients: int, workdir: Path,
                     database: str) -> tuple[Path, list[int]]:
    """Plan the slot; write the messages the sender will send for the peers to send too."""
    planned = plan_one_slot(database_url, recipients)
    print(f"… {database}: {planned.outbox_rows} outbox rows planned in "
          f"{planned.seconds_to_plan:.1f} s: {planned.slots}", file=sys.stderr)
    path = workdir / f"messages-{database}.json"
    path.write_text(json.dumps(planned.messages, ensure_ascii=False))
    return path, [chat for chat, _ in planned.messages]


def run_benchmark(options: RunOptions) -> tuple[list[FanoutRow], dict[str, str]]:
    """Every contender, the outbox sender once per database; return the rows and the machine.

    The peers send the messages planned on the last database (the texts do not depend on it).
    """
    rows: list[FanoutRow] = []
    postgresql: str | None = None
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
        workdir = Path(tmp)
        messages: tuple[Path, list[int]] | None = None
        for database in options.databases:
            with _database_url(database, workdir) as (url, version):
                postgresql = version or postgresql
                messages = planned_messages(url, options.recipients, workdir, database)
                if "outbox" in options.contenders:
                    rows.append(run_contender("outbox", *messages, options, database=database,
                                              database_url=url))
        assert messages is not None, "at least one database"
        for name in options.contenders:
            if name != "outbox":
                rows.append(run_contender(name, *messages, options))
    return rows, describe_machine(postgresql or _installed_postgresql())


@contextmanager
def _database_url(database: str, workdir: Path) -> Iterator[tuple[str, str | None]]:
    if database == "postgresql":
        with postgresql_database() as (url, version):
            yield url, version
    else:
        yield f"sqlite:///{workdir}/deadline-bot.sqlite3", None


def _installed_postgresql() -> str | None:
    version = postgresql_version(find_postgres_bindir())
    return f"{version} (installed, not used in this run)" if version else None


COLUMNS = (
    ("Contender", lambda r: r.contender + (f" ({r.database})" if r.database else "")),
    ("Telegram's limit", lambda r: MODEL_LABELS[r.flood_model]),
    ("round trip", lambda r: f"{r.latency_ms:g} ms"),
    ("in flight: most (cap)",
     lambda r: f"{r.most_in_flight} ({r.max_in_flight})" if r.most_in_flight else "—"),
    ("msgs/s", lambda r: f"{r.messages_per_second:.2f}"),
    ("% of 30/s", lambda r: f"{100 * r.share_of_ceiling:.1f} %"),
    ("total s", lambda r: f"{r.total_seconds:.1f}"),
    ("delivered", lambda r: f"{r.delivered}/{r.recipients}"),
    ("429s", lambda r: str(r.rate_limited)),
    ("lost", lambda r: str(r.lost)),
    ("duplicates", lambda r: str(r.duplicates)),
    ("busiest 1 s", lambda r: str(r.busiest_second)),
    ("peak RSS MB (growth)", lambda r: f"{r.peak_rss_mb:.0f} (+{r.rss_growth_mb:.0f})"),
)


def format_notes(rows: list[FanoutRow], machine: dict[str, str]) -> str:
    lines = []
    for row in rows:
        verdict = "meets" if row.meets_target else "misses"
        extra = f"; outbox end state {row.outbox_states}" if row.outbox_states else ""
        if row.rate_limited_between is not None:
            first, last = row.rate_limited_between
            extra += (f"; 429s {row.rate_limited_by_scope} from {first:.1f} s to {last:.1f} s "
                      "after the first delivery")
        errors = f"; errors {row.errors}" if row.errors else ""
        traced = (f"; tracemalloc peak {row.tracemalloc_peak_mb:.1f} MB"
                  if row.tracemalloc_peak_mb is not None else "")
        lines.append(f"- {COLUMNS[0][1](row)}, {MODEL_LABELS[row.flood_model]}, "
                     f"{row.latency_ms:g} ms: {verdict} the target "
                     f"(≥ 95 % of 30/s, none lost, none duplicated){extra}{errors}{traced}")
    lines.append("")
    lines += [f"{name}: {value}" for name, value in machine.items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Fan-out of one reminder slot through the fake Bot API (issue 5).")
    parser.add_argument("--recipients", type=int, default=3000)
    parser.add_argument("--database", nargs="+", choices=("sqlite", "postgresql"),
                        default=["sqlite"], help="run the outbox sender on each")
    parser.add_argument("--contenders", nargs="+", choices=CONTENDERS, default=list(CONTENDERS))
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also trace Python allocations (slows the senders down)")
    parser.add_argument("--latencies", "--latency-ms", type=float, nargs="+", default=[0.0],
                        metavar="MS", help="run everything once per round trip to Telegram "
                        "(ms added to every call to the fake)")
    parser.add_argument("--flood-models", nargs="+", choices=FLOOD_MODELS,
                        default=list(FLOOD_MODELS), help="the fake's bot-wide limit: a bucket "
                        "(burst 30), a strict one-second window, or each in turn")
    parser.add_argument("--send-max-in-flight", type=int, default=Pacing().max_in_flight,
                        help="the outbox sender's most sends in flight (BOT_SEND_MAX_IN_FLIGHT)")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    args = parser.parse_args()
    options = RunOptions(args.recipients, tuple(args.database), tuple(args.contenders),
                         args.tracemalloc, send_max_in_flight=args.send_max_in_flight)
    logger.remove()  # the bot's start-up lines (migrations, province loaded) are noise here
    logger.add(sys.stderr, level="WARNING")
    started = time.strftime("%Y%m%d-%H%M%S")
    rows: list[FanoutRow] = []
    for flood_model in args.flood_models:
        for latency_ms in args.latencies:
            rows_now, machine = run_benchmark(
                replace(options, latency=latency_ms / 1000, flood_model=flood_model))
            rows += rows_now
    print(format_table(rows, COLUMNS, markdown=args.markdown))
    print()
    print(format_notes(rows, machine))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    result_file = RESULTS_DIR / f"fanout-{started}.json"
    result_file.write_text(json.dumps(
        {"options": asdict(options), "latencies_ms": args.latencies,
         "flood_models": args.flood_models, "machine": machine,
         "rows": [asdict(r) for r in rows]},
        ensure_ascii=False, indent=2))
    print(f"\nSaved {result_file.relative_to(REPOSITORY_ROOT)}")


if __name__ == "__main__":
    main()
