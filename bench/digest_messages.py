"""Issue 24: how many messages the office's digest of Vĩnh Long takes, and how long they are.

    .venv/bin/python -m bench.digest_messages [--markdown]

For 0 %, 50 % and 100 % of the units answered, each in a fresh SQLite database seeded by the
bot from config/data/vinh_long_2025.yaml (14 sở, 2 agencies, 124 xã and phường), with a head
registered in every unit (their names lengthen the list of units that have not sent), the
answers spread as in tests/support/digest_scale.py (of every 20 units that answer: 13 on time,
3 late, 2 in progress, 1 blocked with a difficulty and a proposal, 1 asking for more time).
Two digests, through the bot's own service and renderer:

- the day after a due date (`/digest quy 10/09/2025` on 11/09/2025, the scheduled digest);
- the weekly digest of 13/01/2026 (`/digest`): the year-end review (10/11/2025) and the fourth
  quarter (10/12/2025) overdue, the launch documents due on 20/01/2026 (no late answer yet).

Lengths as Telegram checks them: characters of the text once its HTML is parsed (the fake Bot
API's parser), and, as the layout bounds them, UTF-16 code units of the HTML as sent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from loguru import logger
from sqlalchemy.orm import Session

from bench.machine import describe_machine
from bench.tables import format_table
from bot.domain.digests import Digest
from bot.domain.statuses import ReportStatus
from bot.lifecycle import prepare
from bot.services import digests
from bot.texts.digest_layout import telegram_length
from bot.texts.digests_render import DigestPart, digest_parts
from config.settings import load_settings
from tests.fake_telegram.html_text import parse_html_text
from tests.support.digest_data import add_answer, add_person
from tests.support.digest_scale import (
    DIFFICULTY,
    PROPOSAL,
    REASON,
    VINH_LONG_FILE,
    Answered,
    vinh_long_units,
)

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
DASHBOARD = "https://bot.example.gov.vn/dashboard"
SHARES = (0.0, 0.5, 1.0)
HEADS = ("Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Minh Tuấn", "Phạm Thị Ngọc Lan",
         "Võ Thành Trung", "Huỳnh Thị Kim Phượng", "Đặng Quốc Bảo")
AFTER_DUE = datetime(2025, 9, 11, 8, 0, tzinfo=HCM)
WEEKLY = datetime(2026, 1, 13, 8, 0, tzinfo=HCM)
REPORTS: dict[str, list[tuple[str, date]]] = {
    "after due": [("quy", date(2025, 9, 10))],
    "weekly": [("tongket", date(2025, 11, 10)), ("quy", date(2025, 12, 10)),
               ("trienkhai", date(2026, 1, 20))],
}


@dataclass(frozen=True, slots=True)
class Shape:
    """One digest as sent."""

    digest: str
    share: float
    parts: list[DigestPart]

    @property
    def plain(self) -> list[str]:
        return [parse_html_text(part.text)[0] for part in self.parts]

    def named(self) -> int:
        """Units named in the lists (bullets that are not the counts per group)."""
        return sum(line.startswith("• ") and not line.split(" (")[0].endswith(_GROUPS)
                   for text in self.plain for line in text.split("\n"))

    def cut(self) -> str:
        found = [line.strip() for text in self.plain for line in text.split("\n")
                 if line.startswith("   … ")]
        return "; ".join(found) or "—"


_GROUPS = ("Sở, ban, ngành", "Cơ quan khác", "UBND cấp xã", "UBND cấp huyện")


def answers_and_heads(share: float, reports: list[tuple[str, date]], today: date
                      ) -> Callable[[Session], None]:
    """A head in every unit; `share` of the units answered each report (late only once due)."""
    def write(session: Session) -> None:
        units = vinh_long_units()
        for number, unit in enumerate(units):
            add_person(session, 900_000 + number, HEADS[number % len(HEADS)],
                       datetime(2025, 7, 1, tzinfo=HCM), unit=unit.code, head=True)
        for code, due in reports:
            for index, unit in enumerate(units):
                kind = Answered(share).kind(index, len(units))
                if kind is not None:
                    _answer(session, code, due, unit.code, kind, late_possible=due < today)
    return write


def _answer(session: Session, code: str, due: date, unit: str,
            kind: tuple[ReportStatus, bool | None], *, late_possible: bool) -> None:
    status, on_time = kind
    late = on_time is False and late_possible
    at = datetime.combine(due + timedelta(days=1 if late else -2), datetime.min.time(), HCM)
    add_answer(session, code, due, unit, status.value, at.replace(hour=9),
               on_time=(not late) if status is ReportStatus.SUBMITTED else None,
               note={ReportStatus.BLOCKED: DIFFICULTY,
                     ReportStatus.EXTENSION: REASON}.get(status, ""),
               proposal=PROPOSAL if status is ReportStatus.BLOCKED else "",
               wanted=due + timedelta(days=10) if status is ReportStatus.EXTENSION else None)


def measure(folder: Path, name: str, share: float) -> Shape:
    now = AFTER_DUE if name == "after due" else WEEKLY
    settings = load_settings(_env_file=None, database_url=f"sqlite:///{folder}/{name}-{share}.db",
                             bot_province_file=VINH_LONG_FILE, web_base_url=DASHBOARD)
    deps = prepare(settings, clock=lambda: now)
    try:
        deps.database.run_sync(answers_and_heads(share, REPORTS[name], now.date()))

        def read(session: Session) -> Digest:
            if name == "after due":
                return digests.occurrence_digest(session, "quy", "10/09/2025", now, deps.timing)
            return digests.open_digest(session, now, deps.timing)

        digest = deps.database.run_sync(read)
    finally:
        deps.database.dispose()
    return Shape(name, share, digest_parts(digest, "vi", settings.web.base_url))


COLUMNS: tuple[tuple[str, Callable[[Shape], str]], ...] = (
    ("Digest", lambda s: {"after due": "`/digest quy 10/09/2025` (11/09/2025)",
                          "weekly": "`/digest`, weekly (13/01/2026)"}[s.digest]),
    ("answered", lambda s: f"{s.share:.0%}"),
    ("reports", lambda s: str(sum(t.count("\nKỳ báo cáo: ") for t in s.plain))),
    ("messages", lambda s: str(len(s.parts))),
    ("characters (parsed)", lambda s: " + ".join(str(len(t)) for t in s.plain)),
    ("UTF-16 units (HTML sent)", lambda s: " + ".join(str(telegram_length(p.text))
                                                      for p in s.parts)),
    ("buttons", lambda s: " + ".join(str(len(p.actions)) for p in s.parts)),
    ("units named", lambda s: str(s.named())),
    ("cut", lambda s: s.cut()),
)


def main() -> None:
    parser = argparse.ArgumentParser(description="The office's digest of Vĩnh Long: messages "
                                                 "and lengths at 0, 50 and 100 % answered.")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    parser.add_argument("--show", action="store_true", help="print the messages too")
    args = parser.parse_args()
    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    with tempfile.TemporaryDirectory() as folder:
        shapes = [measure(Path(folder), name, share) for name in REPORTS for share in SHARES]
    print(format_table(shapes, COLUMNS, markdown=args.markdown))
    if args.show:
        for shape in shapes:
            print(f"\n===== {shape.digest}, {shape.share:.0%} answered")
            print("\n----- next message\n".join(shape.plain))
    print()
    print("\n".join(f"{key}: {value}" for key, value in describe_machine(None).items()))


if __name__ == "__main__":
    main()
