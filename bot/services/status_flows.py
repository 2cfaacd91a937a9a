"""The questions after an answer button: document number, difficulty and proposal, new date.

Nothing is recorded until the flow's last answer, except "submitted", which is recorded at once
(reminders stop) and then optionally completed with the document's number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.domain.dates import format_vn_date, parse_vn_date
from bot.domain.errors import AnswerWithButtons, WantedDateNotLater
from bot.domain.roles import require
from bot.domain.statuses import ReportStatus
from bot.services import flows
from bot.services.flows import Flow, FlowOwner
from bot.services.people import Caller
from bot.services.reminders import ReminderTiming
from bot.services.statuses import (
    ReportRef,
    StatusReceipt,
    add_details,
    clean_note,
    record_status,
    report_view,
)

STATUS_FLOW = "status"  # named after the command, so each step re-checks that role
DOCUMENT, DIFFICULTY, PROPOSAL, WANTED_DATE, REASON = (
    "document", "difficulty", "proposal", "wanted_date", "reason")
SKIPPABLE = frozenset({DOCUMENT, PROPOSAL})


@dataclass(frozen=True, slots=True)
class StatusQuestion:
    """The next question of a status flow."""

    flow_ref: str
    asks: str
    due: str  # the effective due date, dd/mm/yyyy

    @property
    def skippable(self) -> bool:
        return self.asks in SKIPPABLE


@dataclass(frozen=True, slots=True)
class StatusStep:
    """What an answer produced: something recorded, a next question, or both."""

    receipt: StatusReceipt | None = None
    question: StatusQuestion | None = None


def begin(session: Session, caller: Caller, owner: FlowOwner | None, ref: ReportRef,
          status: ReportStatus, now: datetime, timing: ReminderTiming) -> StatusStep:
    """A tapped answer. Without `owner` (a group chat, where typed answers are not seen) the
    status is recorded at once and details come as replies to the reminder."""
    require(caller.roles, STATUS_FLOW)
    view = report_view(session, caller, ref, now, timing)
    due = format_vn_date(view.effective_due_date)
    if status in (ReportStatus.SUBMITTED, ReportStatus.IN_PROGRESS) or owner is None:
        receipt = record_status(session, caller, ref, status, now, timing)
        if status is not ReportStatus.SUBMITTED or owner is None:
            return StatusStep(receipt)
        return StatusStep(receipt, _start(session, owner, ref, DOCUMENT, due, now))
    first = DIFFICULTY if status is ReportStatus.BLOCKED else WANTED_DATE
    return StatusStep(question=_start(session, owner, ref, first, due, now))


def answer_text(session: Session, caller: Caller, flow: Flow, typed: str, now: datetime,
                timing: ReminderTiming) -> StatusStep:
    """A typed answer to the open question; a wrong one raises and the question stays."""
    require(caller.roles, STATUS_FLOW)
    ref, due = flow_report(flow), flow.value("due")
    if flow.step == DOCUMENT:
        flows.finish_flow(session, flow)
        return StatusStep(add_details(session, caller, ref, now, timing,
                                      document_ref=clean_note(typed)))
    if flow.step == DIFFICULTY:
        data = {**flow.data, "note": clean_note(typed)}
        return StatusStep(question=_advance(session, flow, PROPOSAL, data, now))
    if flow.step == PROPOSAL:
        return StatusStep(_record_blocked(session, caller, flow, clean_note(typed), now, timing))
    if flow.step == WANTED_DATE:
        wanted = parse_vn_date(typed, default_year=now.year)
        if wanted <= parse_vn_date(due):
            raise WantedDateNotLater(wanted=format_vn_date(wanted), due=due)
        data = {**flow.data, "wanted": wanted.isoformat()}
        return StatusStep(question=_advance(session, flow, REASON, data, now))
    flows.finish_flow(session, flow)  # REASON, the last step of an extension
    return StatusStep(record_status(
        session, caller, ref, ReportStatus.EXTENSION, now, timing, note=clean_note(typed),
        wanted_date=date.fromisoformat(flow.value("wanted"))))


def skip(session: Session, caller: Caller, flow: Flow, now: datetime,
         timing: ReminderTiming) -> StatusStep:
    """The Skip button: no document number, or no proposal."""
    require(caller.roles, STATUS_FLOW)
    if flow.step == DOCUMENT:
        flows.finish_flow(session, flow)
        return StatusStep()
    if flow.step == PROPOSAL:
        return StatusStep(_record_blocked(session, caller, flow, "", now, timing))
    raise AnswerWithButtons()


def _record_blocked(session: Session, caller: Caller, flow: Flow, proposal: str,
                    now: datetime, timing: ReminderTiming) -> StatusReceipt:
    flows.finish_flow(session, flow)
    return record_status(session, caller, flow_report(flow), ReportStatus.BLOCKED, now, timing,
                         note=flow.value("note"), proposal=proposal)


def _start(session: Session, owner: FlowOwner, ref: ReportRef, step: str, due: str,
           now: datetime) -> StatusQuestion:
    data = {"deadline_id": ref.deadline_id, "due_date": ref.due_date.isoformat(),
            "unit_id": ref.unit_id, "due": due}
    flow = flows.start_flow(session, owner, STATUS_FLOW, step, data, now)
    return StatusQuestion(flow.ref, step, due)


def _advance(session: Session, flow: Flow, step: str, data: dict[str, object],
             now: datetime) -> StatusQuestion:
    moved = flows.advance_flow(session, flow, step, data, now)
    return StatusQuestion(moved.ref, step, flow.value("due"))


def flow_report(flow: Flow) -> ReportRef:
    """The report a status flow is about."""
    return ReportRef(int(flow.value("deadline_id")), date.fromisoformat(flow.value("due_date")),
                     int(flow.value("unit_id")))
