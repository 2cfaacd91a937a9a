"""A digest of a big province without a database: Vĩnh Long's 140 units (and more, made up),
a share of them answered, as the digest service would hand them to the renderer.

The answers follow a fixed spread (of every 20 units that answer: 13 on time, 3 late, 2 in
progress, 1 blocked, 1 asking for more time) over every unit in turn, so a half answered
province has answers and silences in every group. Lists are capped as the service caps them
(bot.services.digests.LIST_LIMIT), counts are not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.calendar import WorkingCalendar
from bot.domain.deadlines import Occurrence, Recipient
from bot.domain.digests import (
    OccurrenceDigest,
    OccurrenceFigures,
    SilentUnit,
    StatusTally,
    UnitAnswer,
    expected_by_group,
    summarize,
)
from bot.domain.periods import Period
from bot.domain.reminder_offsets import ReminderOffsets
from bot.domain.statuses import ReportStatus
from bot.domain.units import Unit, UnitGroup
from bot.services.digests import LIST_LIMIT
from config.province import default_province_path, load_province

VINH_LONG_FILE = default_province_path().with_name("vinh_long_2025.yaml")
Q3_2025 = date(2025, 9, 10)  # a Wednesday
DAY_AFTER = date(2025, 9, 11)
TITLE = "Báo cáo quý, đánh giá tình hình thực hiện Kế hoạch hành động của UBND tỉnh"
DIFFICULTY = ("Chưa tổng hợp được số liệu của các ấp, khu phố sau khi sắp xếp đơn vị hành chính; "
              "phần mềm thống kê chưa cập nhật danh mục xã mới")
PROPOSAL = "Đề nghị Sở Tài chính hướng dẫn biểu mẫu tổng hợp theo địa bàn mới"
REASON = "Chờ số liệu quyết toán của các đơn vị trực thuộc"
# Of every 20 units that answer, in this order.
SPREAD = ((ReportStatus.SUBMITTED, True, 13), (ReportStatus.SUBMITTED, False, 3),
          (ReportStatus.IN_PROGRESS, None, 2), (ReportStatus.BLOCKED, None, 1),
          (ReportStatus.EXTENSION, None, 1))
_KINDS = [(status, on_time) for status, on_time, n in SPREAD for _ in range(n)]


def vinh_long_units(extra_communes: int = 0) -> tuple[Unit, ...]:
    """Vĩnh Long's units as its data file lists them, and `extra_communes` made-up xã."""
    units = load_province(VINH_LONG_FILE).units
    extra = tuple(Unit(f"xmoi{n:03d}", f"Xã Thử Nghiệm Số {n}", UnitGroup.COMMUNE)
                  for n in range(1, extra_communes + 1))
    return units + extra


def quarterly(units: tuple[Unit, ...], due: date = Q3_2025, code: str = "quy",
              title: str = TITLE) -> Occurrence:
    return Occurrence(deadline_code=code, title=title, period=Period("Quý III/2025"),
                      due_date=due, effective_due_date=due,
                      units=tuple(unit.code for unit in units),
                      recipient=Recipient("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh"),
                      offsets=ReminderOffsets())


@dataclass(frozen=True, slots=True)
class Answered:
    """Which units answered and how: the unit's index among the units, its kind of answer."""

    share: float  # 0.0 … 1.0

    def kind(self, index: int, total: int) -> tuple[ReportStatus, bool | None] | None:
        answered = round(self.share * total)
        # Spread the answering units evenly over the province (every group gets some).
        if answered == 0 or (index * answered) // total == ((index + 1) * answered) // total:
            return None
        return _KINDS[((index + 1) * answered // total - 1) % len(_KINDS)]


def figures(units: tuple[Unit, ...], share: float, due: date = Q3_2025, *,
            names: int = LIST_LIMIT, heads: bool = True) -> OccurrenceFigures:
    """What the service would read for the occurrence due on `due` with `share` answered."""
    answered = Answered(share)
    tallies: Counter[tuple[ReportStatus, bool | None, UnitGroup]] = Counter()
    answers: list[UnitAnswer] = []
    silent: list[SilentUnit] = []
    named: Counter[tuple[ReportStatus, bool | None]] = Counter()
    for index, unit in enumerate(units):
        kind = answered.kind(index, len(units))
        if kind is None:
            if len(silent) < names:
                silent.append(SilentUnit(unit.code, unit.name,
                                         (f"Nguyễn Văn Trưởng {index}",) if heads else ()))
            continue
        status, on_time = kind
        tallies[(status, on_time, unit.group)] += 1
        if (status, on_time) != (ReportStatus.SUBMITTED, True) and named[kind] < names:
            named[kind] += 1
            answers.append(_answer(unit, status, on_time, due))
    return OccurrenceFigures(
        tallies=tuple(StatusTally(status, on_time, count, group)
                      for (status, on_time, group), count in tallies.items()),
        answers=tuple(answers), silent=tuple(silent), escalated=len(silent) // 4,
        expected_by_group=expected_by_group((u.code for u in units),
                                            {u.code: u.group for u in units}))


def _answer(unit: Unit, status: ReportStatus, on_time: bool | None, due: date) -> UnitAnswer:
    sent = due + timedelta(days=1) if on_time is False else due - timedelta(days=2)
    return UnitAnswer(
        unit.code, unit.name, status, on_time, sent,
        note={ReportStatus.BLOCKED: DIFFICULTY, ReportStatus.EXTENSION: REASON}.get(status, ""),
        proposal=PROPOSAL if status is ReportStatus.BLOCKED else "",
        wanted_date=due + timedelta(days=10) if status is ReportStatus.EXTENSION else None)


def digest_at_scale(units: tuple[Unit, ...], share: float, today: date = DAY_AFTER,
                    due: date = Q3_2025, code: str = "quy") -> OccurrenceDigest:
    """The occurrence's digest on `today` with `share` of `units` answered."""
    occurrence = quarterly(units, due, code)
    return summarize(occurrence, figures(units, share, due), today, WorkingCalendar())
