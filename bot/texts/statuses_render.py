"""Renderers for status replies: confirmations, the questions, /status and /history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from bot.domain.dates import format_vn_date
from bot.domain.status_files import megabytes
from bot.domain.statuses import ReportStatus, Standing
from bot.services.status_files import ArchiveFailure, FileReceipt
from bot.services.status_flows import StatusQuestion
from bot.services.statuses import ReportView, StatusHistoryLine, StatusReceipt
from bot.texts import Lang, split_message, text


def receipt_text(receipt: StatusReceipt, lang: Lang) -> str:
    """The one short confirmation of what was recorded."""
    view = receipt.report
    lines = [text("status.recorded", lang, unit=view.unit_name,
                  status=text(f"status.name.{receipt.status.value}", lang), title=view.title,
                  period=view.period_label or "—", due=format_vn_date(view.effective_due_date))]
    if receipt.status is ReportStatus.SUBMITTED and not receipt.document_ref:
        lines.append(text("status.recorded.late", lang, days=receipt.days_late)
                     if receipt.days_late else text("status.recorded.on_time", lang))
    details = (("note", receipt.note), ("proposal", receipt.proposal),
               ("document", receipt.document_ref),
               ("wanted", format_vn_date(receipt.wanted_date) if receipt.wanted_date else ""))
    lines += [text(f"status.recorded.{name}", lang, **{name: value})
              for name, value in details if value]
    return "\n".join(lines)


def note_attached_text(receipt: StatusReceipt, lang: Lang) -> str:
    view = receipt.report
    return text("status.note_attached", lang, unit=view.unit_name, title=view.title,
                due=format_vn_date(view.effective_due_date))


def file_attached_text(receipt: FileReceipt, lang: Lang) -> str:
    """The confirmation naming the file attached and the report it went to."""
    view = receipt.status.report
    return text("status.file_attached", lang, name=receipt.file.name,
                size=file_size_text(receipt.file.size, lang), unit=view.unit_name,
                title=view.title, due=format_vn_date(view.effective_due_date))


def archive_failure_text(failure: ArchiveFailure, lang: Lang) -> str:
    """The office's and the admins' notice of a copy the archive could not keep."""
    receipt = failure.receipt
    view = receipt.status.report
    return text("status.archive_failed", lang, name=receipt.file.name, unit=view.unit_name,
                title=view.title, due=format_vn_date(view.effective_due_date),
                reason=failure.reason)


def file_size_text(size: int | None, lang: Lang) -> str:
    """120 KB, 1,5 MB."""
    if size is None:
        return text("status.file_size.unknown", lang)
    if size < 1024 * 1024:
        return text("status.file_size.kb", lang, size=max(1, -(-size // 1024)))
    return text("status.file_size.mb", lang, size=megabytes(size))


def question_text(question: StatusQuestion, lang: Lang) -> str:
    return text(f"status.ask.{question.asks}", lang, due=question.due)


def open_report_text(view: ReportView, lang: Lang) -> str:
    """/status: the unit, the report, its due date and where the unit stands (an overdue
    report with how many working days late)."""
    return text("status.open_item", lang, unit=view.unit_name, title=view.title,
                period=view.period_label or "—", due=format_vn_date(view.effective_due_date),
                standing=_standing_text(view, lang))


def _standing_text(view: ReportView, lang: Lang) -> str:
    # A due date on Friday is overdue on Saturday, yet no working day late until Monday.
    if view.standing is Standing.OVERDUE and view.days_overdue > 0:
        return text("standing.overdue_days", lang, days=view.days_overdue)
    return text(f"standing.{view.standing.value}", lang)


def history_text(lines: Sequence[StatusHistoryLine], tz: tzinfo, lang: Lang) -> str:
    """/history: the units' updates, newest first, each with on-time or late when sent."""
    if not lines:
        return text("history.none", lang)
    body = [text("history.header", lang)]
    for line in lines:
        late = ("" if line.on_time is None
                else text("history.on_time" if line.on_time else "history.late", lang))
        late += text("history.file", lang) if line.has_file else ""
        body.append(text(
            "history.line", lang, at=f"{line.received_at.astimezone(tz):%d/%m/%Y %H:%M}",
            unit=line.unit_code, deadline=line.deadline_code, due=format_vn_date(line.due_date),
            status=text(f"status.name.{line.status.value}", lang), late=late,
            by=f" · {line.person_name}" if line.person_name else ""))
    return split_message("\n".join(body))[0]
