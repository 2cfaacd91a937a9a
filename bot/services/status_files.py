"""Files a unit attaches to its report: sent as a reply to a reminder, or as the answer to the
document question after "submitted". Telegram keeps the bytes; the bot stores the file's id and
metadata, and (BOT_ARCHIVE_DIR) the path of the copy the handler downloads after the commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.domain.errors import FileWithoutReport
from bot.domain.roles import require
from bot.domain.status_files import AcceptedFile, IncomingFile, check_file
from bot.services import flows
from bot.services.flows import Flow, FlowOwner
from bot.services.people import Caller, office_and_admin_chat_ids
from bot.services.reminders import ReminderTiming
from bot.services.status_flows import DOCUMENT, STATUS_FLOW, flow_report
from bot.services.statuses import ReportRef, StatusReceipt, add_details, report_of_reminder
from db import status_files, units


@dataclass(frozen=True, slots=True)
class FileReceipt:
    """What was attached, for the confirmation and the archive copy."""

    status: StatusReceipt
    file: AcceptedFile
    file_row_id: int
    telegram_file_id: str
    unit_code: str


def attach_file(session: Session, caller: Caller, file: IncomingFile, now: datetime,
                timing: ReminderTiming, *, max_bytes: int,
                reminder: tuple[int, int] | None = None,
                owner: FlowOwner | None = None) -> FileReceipt:
    """Store `file` with the report it belongs to: the one `reminder` (chat id, message id)
    was about, else the one whose document question `owner`'s open flow asks.

    Steps: check type and size (nothing is stored for a refused file); find the report; close
    the flow it answers; append a status row repeating the current status (the caption as its
    note); store the file's metadata. Raises FileTypeNotAllowed, FileTooLarge,
    FileWithoutReport, NotYourUnit or UnknownReport.
    """
    require(caller.roles, STATUS_FLOW)
    accepted = check_file(file, max_bytes)
    ref, flow = _report_of(session, reminder, owner, now)
    if flow is not None:
        flows.finish_flow(session, flow)
    receipt = add_details(session, caller, ref, now, timing, note=file.caption, with_file=True)
    row = status_files.add(session, {
        "status_update_id": receipt.update_id, "telegram_file_id": file.file_id[:256],
        "telegram_file_unique_id": file.file_unique_id[:64], "file_name": accepted.name,
        "mime_type": accepted.mime_type[:128], "size_bytes": accepted.size,
        "received_at": now})
    unit = units.get_row(session, ref.unit_id)
    return FileReceipt(receipt, accepted, row.id, file.file_id, unit.code)


@dataclass(frozen=True, slots=True)
class ArchiveFailure:
    """A file the archive could not keep a copy of, why, and whom to tell: the office's members
    and the admins."""

    receipt: FileReceipt
    reason: str
    chat_ids: tuple[int, ...]


def record_archived(session: Session, file_row_id: int, path: str) -> None:
    """The copy of a stored file is at `path` (under BOT_ARCHIVE_DIR)."""
    status_files.set_archived_path(session, file_row_id, path)


def record_archive_failure(session: Session, receipt: FileReceipt, reason: str) -> ArchiveFailure:
    """The copy of a stored file could not be made (the file stays recorded with its report);
    counted by /metrics, and the office and the admins are to be told."""
    status_files.set_archive_error(session, receipt.file_row_id, reason)
    return ArchiveFailure(receipt, reason, tuple(office_and_admin_chat_ids(session)))


def archive_failures(session: Session) -> int:
    """How many stored files the archive could not keep a copy of (/metrics)."""
    return status_files.count_archive_errors(session)


def _report_of(session: Session, reminder: tuple[int, int] | None, owner: FlowOwner | None,
               now: datetime) -> tuple[ReportRef, Flow | None]:
    if reminder is not None:
        ref = report_of_reminder(session, *reminder)
        if ref is not None:
            return ref, None
    flow = flows.current_flow(session, owner, now) if owner is not None else None
    if flow is None or flow.expired or flow.name != STATUS_FLOW or flow.step != DOCUMENT:
        raise FileWithoutReport()
    return flow_report(flow), flow
