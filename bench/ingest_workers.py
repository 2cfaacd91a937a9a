"""The ingest benchmark's workers: real `python -m bot run --webhook` processes.

Each gets a port of its own, the fake Bot API's address and token, the database and the
webhook settings; every other setting is the production default. Its output goes to
`worker-N.log`. Ready once it has registered its webhook with the fake (the bot does that
after it listens and its reminders run).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.fake_server import REPOSITORY_ROOT
from bench.ingest_fake import IngestFake

READY_TIMEOUT_SECONDS = 90.0


@contextmanager
def running_workers(fake: IngestFake, url: str, count: int, logs: Path,
                    secret: str, reply_pacing: bool = True,
                    ) -> Iterator[list[tuple[int, int]]]:
    """`count` webhook processes, ready (each has registered its webhook): (port, pid) each;
    stopped on exit."""
    logs.mkdir(parents=True, exist_ok=True)
    ports = [_free_port() for _ in range(count)]
    module = "bot" if reply_pacing else "bench.unpaced_bot"
    processes = []
    for number, port in enumerate(ports):
        log = (logs / f"worker-{number}.log").open("wb")
        processes.append(subprocess.Popen(
            [sys.executable, "-m", module, "run", "--webhook"], cwd=REPOSITORY_ROOT,
            env=_worker_env(fake, url, port, secret), stdout=log, stderr=subprocess.STDOUT))
        log.close()
    try:
        _until_ready(fake, processes, logs)
        yield [(port, process.pid) for port, process in zip(ports, processes, strict=True)]
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _worker_env(fake: IngestFake, url: str, port: int, secret: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("TELEGRAM_", "BOT_", "WEBHOOK_", "DATABASE_"))}
    env.update(TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_BASE_URL=fake.base_url,
               DATABASE_URL=url, WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
               WEBHOOK_SECRET=secret, WEBHOOK_PORT=str(port))
    return env


def _until_ready(fake: IngestFake, processes: list[subprocess.Popen[bytes]],
                 logs: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while fake.call_stats().get("setWebhook 200", 0) < len(processes):
        for number, process in enumerate(processes):
            if process.poll() is not None:
                tail = (logs / f"worker-{number}.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"worker {number} exited with {process.returncode}:\n{tail}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the workers did not register their webhooks; logs in {logs}")
        time.sleep(0.2)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def worker_metrics(port: int) -> dict[str, float]:
    """The worker's Prometheus samples of interest: handler time, Telegram errors."""
    text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=30).text
    wanted = ("deadline_bot_handler_seconds_sum", "deadline_bot_handler_seconds_count",
              "deadline_bot_telegram_errors_total{")
    samples: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith(wanted):
            name, _, value = line.rpartition(" ")
            samples[name] = float(value)
    return samples


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
