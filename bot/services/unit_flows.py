"""Guided /unit_add and /unit_edit: one question per step, nothing stored until confirmed.

/unit_add asks the code, the name, then the group (buttons), and shows a preview; /unit_edit
asks the unit (paged buttons or a typed code), the field (name or group: what the one-line form
may change), the new value, and shows a preview. Each answer is checked at once with the rules
of the one-line forms; a wrong one is explained and the same question asked again. The
confirmation calls the one-line forms' own services (bot.services.units), so validation, audit
and errors are the same. A tapped button counts exactly as typing its value would.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy.orm import Session

from bot.domain.errors import (
    AnswerWithButtons,
    DomainError,
    DuplicateCode,
    FlowFinished,
    FlowStepPassed,
    InvalidUnitCode,
    InvalidUnitGroup,
    InvalidUnitName,
    StaleButton,
    UnknownUnit,
)
from bot.domain.roles import require
from bot.domain.units import check_unit_code, clean_unit_name, parse_unit_field, parse_unit_group
from bot.services import units
from bot.services.flows import Flow, FlowOwner, advance_flow, finish_flow, start_flow
from bot.services.people import Caller
from bot.services.units import UnitEdit, UnitLine
from db import units as unit_rows

UNIT_ADD, UNIT_EDIT = "unit_add", "unit_edit"  # flow names are the commands that start them
PICKER_PAGE_SIZE = 10
# Button actions. Choosing a group, a unit or a field counts as typing the button's value.
CONFIRM, PAGE, CHOOSE_GROUP, CHOOSE_UNIT, CHOOSE_FIELD = "y", "p", "g", "u", "f"
_ASKED_BY = {CHOOSE_GROUP: "group", CHOOSE_UNIT: "unit", CHOOSE_FIELD: "field"}

Asks = Literal["text", "group", "field", "unit", "confirm"]
_ASKS: dict[tuple[str, str], Asks] = {
    (UNIT_ADD, "code"): "text", (UNIT_ADD, "name"): "text", (UNIT_ADD, "group"): "group",
    (UNIT_EDIT, "unit"): "unit", (UNIT_EDIT, "field"): "field",
}
# Answers that are explained, with the same question asked again; anything else is raised.
WRONG_ANSWERS = (InvalidUnitCode, DuplicateCode, InvalidUnitName, InvalidUnitGroup, UnknownUnit,
                 AnswerWithButtons)


@dataclass(frozen=True, slots=True)
class UnitChoice:
    """A unit offered on a button of the unit picker."""

    code: str
    name: str
    active: bool


@dataclass(frozen=True, slots=True)
class UnitFlowQuestion:
    """The question a unit flow asks now: its step, how it is answered, the answers so far."""

    flow_ref: str
    flow: str
    step: str
    asks: Asks
    values: Mapping[str, str]
    error: DomainError | None = None  # what was wrong with the answer just given
    choices: tuple[UnitChoice, ...] = ()
    page: int = 1
    pages: int = 1


@dataclass(frozen=True, slots=True)
class UnitFlowDone:
    """A confirmed flow: the unit added, or the edit made."""

    added: UnitLine | None = None
    edit: UnitEdit | None = None


def start_add(session: Session, actor: Caller, owner: FlowOwner,
              now: datetime) -> UnitFlowQuestion:
    """Open a guided /unit_add (replacing the owner's open flow) at its first question."""
    require(actor.roles, UNIT_ADD)
    return _question(session, actor, start_flow(session, owner, UNIT_ADD, "code", {}, now))


def start_edit(session: Session, actor: Caller, owner: FlowOwner,
               now: datetime) -> UnitFlowQuestion:
    """Open a guided /unit_edit (replacing the owner's open flow) at the unit picker."""
    require(actor.roles, UNIT_EDIT)
    return _question(session, actor, start_flow(session, owner, UNIT_EDIT, "unit", {}, now))


def answer_text(session: Session, actor: Caller, flow: Flow, typed: str,
                now: datetime) -> UnitFlowQuestion:
    """Take a typed answer: the next question, or the same one saying what was wrong."""
    require(actor.roles, flow.name)
    try:
        step, data = _answer(session, flow, typed)
    except WRONG_ANSWERS as wrong:
        touched = advance_flow(session, flow, flow.step, flow.data, now)
        return _question(session, actor, touched, error=wrong)
    return _question(session, actor, advance_flow(session, flow, step, data, now))


def press(session: Session, actor: Caller, flow: Flow, action: str, arg: str,
          now: datetime) -> UnitFlowQuestion | UnitFlowDone:
    """Take a tapped button: the next question, another page of units, or the confirmed result.

    The button only says what was chosen; the step is checked against the stored flow and the
    value goes through the same checks as typed text, so a stale or forged button does nothing.
    """
    require(actor.roles, flow.name)
    asks = _asks(flow)
    if action == CONFIRM and asks == "confirm":
        return _confirm(session, actor, flow, now)
    if action == PAGE and asks == "unit":
        if not arg.isdigit():
            raise StaleButton()
        touched = advance_flow(session, flow, flow.step, flow.data, now)
        return _question(session, actor, touched, page=int(arg))
    if _ASKED_BY.get(action) != asks:
        raise FlowStepPassed()
    step, data = _answer(session, flow, arg)
    return _question(session, actor, advance_flow(session, flow, step, data, now))


def _asks(flow: Flow) -> Asks:
    if flow.step == "confirm":
        return "confirm"
    if (flow.name, flow.step) == (UNIT_EDIT, "value"):
        return "group" if flow.value("field") == "group" else "text"
    return _ASKS.get((flow.name, flow.step), "text")


def _answer(session: Session, flow: Flow, answer: str) -> tuple[str, dict[str, object]]:
    """The next step and the data once `answer` is taken; raise if the answer is wrong."""
    data, at = dict(flow.data), (flow.name, flow.step)
    if at == (UNIT_ADD, "code"):
        return "name", {**data, "code": _new_code(session, answer)}
    if at == (UNIT_ADD, "name"):
        return "group", {**data, "name": clean_unit_name(answer)}
    if at == (UNIT_ADD, "group"):
        return "confirm", {**data, "group": parse_unit_group(answer).value}
    if at == (UNIT_EDIT, "unit"):
        row = units.stored_unit(session, answer.strip()[:64])
        return "field", {"code": row.code, "name": row.name, "group": row.unit_group}
    if at == (UNIT_EDIT, "field"):
        chosen = parse_unit_field(answer)
        if chosen is None:
            raise AnswerWithButtons()
        return "value", {**data, "field": chosen}
    if at == (UNIT_EDIT, "value"):
        value = (parse_unit_group(answer).value if flow.value("field") == "group"
                 else clean_unit_name(answer))
        return "confirm", {**data, "value": value}
    raise AnswerWithButtons()


def _new_code(session: Session, typed: str) -> str:
    """A valid code no unit has yet (disabled units included), as /unit_add would check it."""
    # Cut before checking only so that a pasted essay is not echoed back in the explanation;
    # anything longer than 16 characters is refused either way.
    code = check_unit_code(typed.strip().lower()[:64])
    if unit_rows.find_row(session, code) is not None:
        raise DuplicateCode(code=code, reason=f"a unit with the code {code!r} exists")
    return code


def _confirm(session: Session, actor: Caller, flow: Flow, now: datetime) -> UnitFlowDone:
    """Close the flow and make the change with the one-line form's service, in one unit of work.

    If the service refuses (say the code was taken meanwhile), the whole unit of work rolls
    back and the flow stays at its preview.
    """
    finish_flow(session, flow)
    if flow.name == UNIT_ADD:
        return UnitFlowDone(added=units.add_unit(
            session, actor, flow.value("code"), flow.value("group"), flow.value("name"), now))
    chosen = parse_unit_field(flow.value("field"))
    if chosen is None:
        raise FlowFinished()
    return UnitFlowDone(edit=units.edit_unit(
        session, actor, flow.value("code"), chosen, flow.value("value"), now))


def _question(session: Session, actor: Caller, flow: Flow, *, error: DomainError | None = None,
              page: int = 1) -> UnitFlowQuestion:
    asks = _asks(flow)
    values = {key: str(value) for key, value in flow.data.items()}
    if asks != "unit":
        return UnitFlowQuestion(flow.ref, flow.name, flow.step, asks, values, error)
    lines = units.list_units(session, actor)
    pages = max(1, -(-len(lines) // PICKER_PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = lines[(page - 1) * PICKER_PAGE_SIZE: page * PICKER_PAGE_SIZE]
    choices = tuple(UnitChoice(line.code, line.name, line.active) for line in shown)
    return UnitFlowQuestion(flow.ref, flow.name, flow.step, asks, values, error, choices, page,
                            pages)
