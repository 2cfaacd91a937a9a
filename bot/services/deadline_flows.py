"""Guided /deadline_add and /deadline_edit: one question per step, nothing stored until confirmed.

/deadline_add asks the title, the legal basis (may be skipped), the recipient, the due rule, the
units and the reminder offsets, then shows the deadline it would add with its next five due
dates. /deadline_edit asks the deadline, the field and the new value, then shows the deadline as
it would be. Each answer is checked at once with the one-line forms' checks (a wrong one is
explained and the same question asked again), and the confirmation calls the one-line forms'
services, so the checks, the audit and the schedule's consequences are the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy.orm import Session

from bot.domain.deadline_drafts import (
    clean_legal_basis,
    clean_title,
    parse_before_offsets,
    parse_deadline_field,
)
from bot.domain.deadlines import find_deadline
from bot.domain.due_rules import parse_due_rule
from bot.domain.errors import (
    AnswerWithButtons,
    DayMissingFromMonths,
    DomainError,
    EmptyUnitSelection,
    FlowFinished,
    FlowStepPassed,
    InactiveUnit,
    InvalidDate,
    InvalidDeadlineText,
    InvalidOffsets,
    InvalidRule,
    InvalidUnitSelector,
    LeapDayNotEveryYear,
    MonthlyDayTooLate,
    PastOneOffDate,
    RuleNeverFires,
    StaleButton,
    UnknownDeadline,
    UnknownRecipient,
    UnknownUnit,
    UnrecognisedDueRule,
)
from bot.domain.roles import require
from bot.domain.units import resolve_units
from bot.services import deadlines
from bot.services.deadlines import DeadlineChange, DeadlineDetail, DeadlineFields
from bot.services.flows import Flow, FlowOwner, advance_flow, finish_flow, start_flow
from bot.services.people import Caller
from bot.services.reminders import ReminderTiming
from db import deadlines as deadline_rows
from db.province_snapshot import province_snapshot

DEADLINE_ADD, DEADLINE_EDIT = "deadline_add", "deadline_edit"
# Button actions: confirm, skip the legal basis, or choose the value a button carries.
CONFIRM, SKIP, CHOOSE = "y", "s", "c"
OFFSET_PRESETS = ("7,3,1", "5,3,1", "3,1", "0")
UNIT_PRESETS = ("all", "departments", "districts")
ADD_STEPS = ("title", "legal", "recipient", "rule", "units", "offsets")

Asks = Literal["text", "legal", "recipient", "units", "offsets", "deadline", "field", "confirm"]
_ASKS_BY_FIELD: dict[str, Asks] = {"title": "text", "legal": "legal", "recipient": "recipient",
                                   "rule": "text", "units": "units", "offsets": "offsets"}
# Answers that are explained, with the same question asked again; anything else is raised.
WRONG_ANSWERS = (InvalidDeadlineText, UnknownRecipient, InvalidRule, RuleNeverFires, InvalidDate,
                 UnrecognisedDueRule, PastOneOffDate, DayMissingFromMonths, LeapDayNotEveryYear,
                 MonthlyDayTooLate, UnknownUnit, InactiveUnit, InvalidUnitSelector,
                 EmptyUnitSelection, InvalidOffsets, UnknownDeadline, AnswerWithButtons)


@dataclass(frozen=True, slots=True)
class Choice:
    """A value offered on a button: what it stores and what it shows."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class DeadlineFlowQuestion:
    """The question a deadline flow asks now, the answers so far and, on the last step, the
    deadline it would add or change."""

    flow_ref: str
    flow: str
    step: str
    asks: Asks
    values: Mapping[str, str]
    error: DomainError | None = None
    choices: tuple[Choice, ...] = ()
    preview: DeadlineDetail | None = None


def start_add(session: Session, actor: Caller, owner: FlowOwner, now: datetime,
              timing: ReminderTiming) -> DeadlineFlowQuestion:
    """Open a guided /deadline_add (replacing the owner's open flow) at the title."""
    require(actor.roles, DEADLINE_ADD)
    flow = start_flow(session, owner, DEADLINE_ADD, ADD_STEPS[0], {}, now)
    return _question(session, actor, flow, now, timing)


def start_edit(session: Session, actor: Caller, owner: FlowOwner, now: datetime,
               timing: ReminderTiming) -> DeadlineFlowQuestion:
    """Open a guided /deadline_edit at the choice of the deadline."""
    require(actor.roles, DEADLINE_EDIT)
    flow = start_flow(session, owner, DEADLINE_EDIT, "deadline", {}, now)
    return _question(session, actor, flow, now, timing)


def answer_text(session: Session, actor: Caller, flow: Flow, typed: str, now: datetime,
                timing: ReminderTiming) -> DeadlineFlowQuestion:
    """Take a typed answer: the next question, or the same one saying what was wrong."""
    require(actor.roles, flow.name)
    if _asks(flow) == "confirm":
        return _again(session, actor, flow, AnswerWithButtons(), now, timing)
    return _take(session, actor, flow, typed, now, timing)


def press(session: Session, actor: Caller, flow: Flow, action: str, value: str, now: datetime,
          timing: ReminderTiming) -> DeadlineFlowQuestion | DeadlineChange:
    """Take a tapped button: the next question, or the change made on Confirm. The step is
    checked against the stored flow and the value goes through the checks of typed text."""
    require(actor.roles, flow.name)
    asks = _asks(flow)
    if action == CONFIRM and asks == "confirm":
        return _confirm(session, actor, flow, now, timing)
    if action == SKIP and asks == "legal":
        value = ""
    elif action != CHOOSE or asks in ("text", "legal", "confirm"):
        raise FlowStepPassed()
    if not value and action == CHOOSE:
        raise StaleButton()
    return _take(session, actor, flow, value, now, timing)


def _take(session: Session, actor: Caller, flow: Flow, answer: str, now: datetime,
          timing: ReminderTiming) -> DeadlineFlowQuestion:
    """Check the answer, and before the preview the whole deadline it completes (offsets may
    not fit the rule), then move on; a wrong answer asks the same question again."""
    try:
        step, data = _answer(session, flow, answer, now, timing)
        preview = (_preview(session, actor, flow.name, data, now, timing)
                   if step == "confirm" else None)
    except WRONG_ANSWERS as wrong:
        return _again(session, actor, flow, wrong, now, timing)
    moved = advance_flow(session, flow, step, data, now)
    return _question(session, actor, moved, now, timing, preview=preview)


def _preview(session: Session, actor: Caller, flow_name: str, data: Mapping[str, object],
             now: datetime, timing: ReminderTiming) -> DeadlineDetail:
    values = {key: str(value) for key, value in data.items()}
    if flow_name == DEADLINE_ADD:
        return deadlines.preview_new(session, actor, fields_of(values), now, timing)
    return deadlines.preview_edit(session, actor, values["code"], values["field"],
                                  values["value"], now, timing)


def asks_for_field(field: str) -> Asks:
    """What a question about `field` (title, legal, recipient, rule, units, offsets) asks."""
    return _ASKS_BY_FIELD[field]


def _asks(flow: Flow) -> Asks:
    if flow.step == "confirm":
        return "confirm"
    if flow.name == DEADLINE_EDIT:
        if flow.step in ("deadline", "field"):
            return "deadline" if flow.step == "deadline" else "field"
        return _ASKS_BY_FIELD[flow.value("field")]
    return _ASKS_BY_FIELD[flow.step]


def _answer(session: Session, flow: Flow, answer: str, now: datetime,
            timing: ReminderTiming) -> tuple[str, dict[str, object]]:
    """The next step and the data once `answer` is taken; raise if the answer is wrong."""
    data = dict(flow.data)
    if flow.name == DEADLINE_ADD:
        data[flow.step] = check_answer(session, flow.step, answer, now, timing)
        following = ADD_STEPS.index(flow.step) + 1
        return (ADD_STEPS[following] if following < len(ADD_STEPS) else "confirm"), data
    if flow.step == "deadline":
        known = province_snapshot(session).deadlines
        return "field", {"code": find_deadline(known, answer.strip()[:64]).code}
    if flow.step == "field":
        field = parse_deadline_field(answer)
        if field is None:
            raise AnswerWithButtons()
        return "value", {**data, "field": field}
    return "confirm", {**data, "value": check_answer(session, flow.value("field"), answer, now,
                                                  timing)}


def check_answer(session: Session, field: str, answer: str, now: datetime,
             timing: ReminderTiming) -> str:
    """`answer` for `field` as the one-line forms check it, in the form kept in the flow."""
    today = now.astimezone(timing.tz).date()
    typed = answer.strip()[:2000]
    if field == "title":
        return clean_title(typed)
    if field == "legal":
        return clean_legal_basis(typed)
    if field == "rule":
        parse_due_rule(typed, today)
        return " ".join(typed.split())
    if field == "units":
        resolve_units(typed, province_snapshot(session).units, on=today)
        return " ".join(typed.split())
    if field == "offsets":
        offsets = typed.replace("_", ",")  # as the preset buttons carry them
        parse_before_offsets(offsets)
        return offsets
    return deadlines.resolve_recipient(session, typed, today).code


def _confirm(session: Session, actor: Caller, flow: Flow, now: datetime,
             timing: ReminderTiming) -> DeadlineChange:
    """Close the flow and make the change with the one-line form's service, in one unit of
    work: if the service refuses, everything rolls back and the flow stays at its preview."""
    finish_flow(session, flow)
    if flow.name == DEADLINE_ADD:
        values = {key: str(value) for key, value in flow.data.items()}
        return deadlines.add_deadline(session, actor, fields_of(values), now, timing)
    field = parse_deadline_field(flow.value("field"))
    if field is None:
        raise FlowFinished()
    return deadlines.edit_deadline(session, actor, flow.value("code"), field,
                                   flow.value("value"), now, timing)


def fields_of(values: Mapping[str, str]) -> DeadlineFields:
    """A new deadline's fields from a flow's texts (missing ones empty: their defaults)."""
    return DeadlineFields(rule=values.get("rule", ""), title=values.get("title", ""),
                          legal=values.get("legal", ""), recipient=values.get("recipient", ""),
                          units=values.get("units", ""), offsets=values.get("offsets", ""))


def _again(session: Session, actor: Caller, flow: Flow, wrong: DomainError, now: datetime,
           timing: ReminderTiming) -> DeadlineFlowQuestion:
    touched = advance_flow(session, flow, flow.step, flow.data, now)
    return _question(session, actor, touched, now, timing, error=wrong)


def _question(session: Session, actor: Caller, flow: Flow, now: datetime,
              timing: ReminderTiming, *, error: DomainError | None = None,
              preview: DeadlineDetail | None = None) -> DeadlineFlowQuestion:
    asks = _asks(flow)
    values = {key: str(value) for key, value in flow.data.items()}
    if asks == "confirm" and preview is None:
        preview = _preview(session, actor, flow.name, values, now, timing)
    return DeadlineFlowQuestion(flow.ref, flow.name, flow.step, asks, values, error,
                                field_choices(session, asks), preview)


def field_choices(session: Session, asks: Asks) -> tuple[Choice, ...]:
    """The values offered on buttons for a question (recipients, unit presets, offsets…)."""
    if asks == "recipient":
        named = {deadlines.OFFICE_RECIPIENT: "", **deadline_rows.recipients_in_use(session)}
        units = {u.code: u.name for u in province_snapshot(session).units}
        return tuple(Choice(code, name or units.get(code, code))
                     for code, name in named.items() if name or code in units)
    if asks == "units":
        return tuple(Choice(value, value) for value in UNIT_PRESETS)
    if asks == "offsets":
        return tuple(Choice(value.replace(",", "_"), value) for value in OFFSET_PRESETS)
    if asks == "deadline":
        return tuple(Choice(d.code, d.title) for d in province_snapshot(session).deadlines)
    return ()
