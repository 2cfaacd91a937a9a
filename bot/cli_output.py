"""How the command line prints the calendar and the units for an operator's terminal."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, tzinfo

from bot.domain.dates import format_vn_date
from bot.domain.schedule import ScheduledOccurrence
from bot.domain.units import Unit
from bot.services.reminders import OutboxLine

_WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")  # Thứ hai … Chủ nhật
_GROUP_NAMES = {"department": "Sở, ban, ngành", "district": "UBND cấp huyện",
                "agency": "Cơ quan, đơn vị khác", "commune": "UBND cấp xã"}


def schedule_json(schedule: Sequence[ScheduledOccurrence]) -> str:
    return json.dumps([item.to_json() for item in schedule], ensure_ascii=False, indent=2)


def schedule_table(year: int, schedule: Sequence[ScheduledOccurrence]) -> str:
    """One block per occurrence: due dates, period, deadline, units, recipient, reminders."""
    lines = [f"Lịch báo cáo năm {year}: {len(schedule)} kỳ báo cáo", ""]
    for item in schedule:
        occurrence = item.occurrence
        due = _day(occurrence.due_date)
        if occurrence.effective_due_date != occurrence.due_date:
            due += f" → {_day(occurrence.effective_due_date)}"
        lines.append(f"{due}  {occurrence.deadline_code}  {occurrence.period.label}  "
                     f"→ {occurrence.recipient.code}  ({len(occurrence.units)} đơn vị)")
        lines.append(f"    {occurrence.title}")
        lines.append(f"    Đơn vị: {', '.join(occurrence.units)}")
        reminders = [f"{r.at:%d/%m %H:%M} {r.kind.value}" + (f" {r.offset}" if r.offset else "")
                     for r in item.reminders]
        lines.append(f"    Nhắc: {' · '.join(reminders)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def units_table(units: Sequence[Unit]) -> str:
    """Units grouped as officials group them, code first so it can be copied into commands."""
    width = max((len(unit.code) for unit in units), default=4)
    lines: list[str] = []
    for group, title in _GROUP_NAMES.items():
        members = [unit for unit in units if unit.group.value == group]
        if not members:
            continue
        lines += ["", f"{title} ({len(members)})"] if lines else [f"{title} ({len(members)})"]
        for unit in members:
            status = "" if unit.active else "  [ngừng hoạt động]"
            lines.append(f"  {unit.code:<{width}}  {unit.name}{status}")
    return "\n".join(lines) + "\n"


def outbox_table(state: str, lines: Sequence[OutboxLine], counts: dict[str, int],
                 tz: tzinfo) -> str:
    """The outbox for an operator: totals by state, then one line per send in `state`."""
    totals = ", ".join(f"{name} {counts.get(name, 0)}"
                       for name in ("pending", "sending", "sent", "failed", "skipped", "cancelled"))
    out = [f"Outbox: {totals}", f"Showing {len(lines)} {state} send(s)", ""]
    for line in lines:
        when = line.send_after.astimezone(tz).strftime("%d/%m/%Y %H:%M")
        recipient = line.recipient or "?"
        text = (f"{when}  {line.deadline_code}:{line.due_date.isoformat()}  {line.unit_code}  "
                f"→ {recipient} ({line.chat_id})  {line.slot}")
        if line.attempts:
            text += f"  attempts {line.attempts}"
        if line.last_error:
            text += f"  [{line.last_error}]"
        out.append(text)
    return "\n".join(out).rstrip() + "\n"


def _day(day: date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {format_vn_date(day)}"
