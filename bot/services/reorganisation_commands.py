"""/reorganize in chat: the plan of one event, kept as a flow until the admin applies it.

The preview reads the typed line (bot.domain.reorganisation_commands) and plans it; when the
plan changes something, the typed line is kept in the admin's chat flow (chat_flows), so the
Apply button works after a restart or on another worker. Applying reads the stored line again
and applies it with the file's own service (bot.services.reorganisations), in the caller's unit
of work: every check runs again, and a refusal rolls back the flow's end too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy.orm import Session

from bot.domain.errors import FlowStepPassed
from bot.domain.reorganisation_commands import parse_reorganize_command
from bot.domain.reorganisations import Reorganisation
from bot.domain.roles import require
from bot.services.flows import Flow, FlowOwner, finish_flow, start_flow
from bot.services.people import Caller
from bot.services.reorganisations import (
    ReorganisationPlan,
    apply_reorganisations,
    plan_reorganisations,
)
from db import units

REORGANIZE = "reorganize"  # the flow is named after its command, whose role it needs
CONFIRM_STEP = "confirm"
APPLY = "y"  # the Apply button's action
_TYPED = "typed"


@dataclass(frozen=True, slots=True)
class ReorganisationPreview:
    """What the typed event would change; `flow_ref` names the flow its Apply button confirms
    ('' when the plan changes nothing, so there is nothing to apply)."""

    event: Reorganisation
    plan: ReorganisationPlan
    flow_ref: str = ""


def preview_reorganisation(session: Session, actor: Caller, owner: FlowOwner, typed: str,
                           now: datetime, tz: tzinfo) -> ReorganisationPreview:
    """Plan the event `typed` describes (raise a DomainError if it cannot be applied) and keep
    it in the owner's flow, replacing any other, unless it changes nothing."""
    require(actor.roles, REORGANIZE)
    event = parse_reorganize_command(typed, units.all_units(session))
    plan = plan_reorganisations(session, (event,), now, tz)
    if plan.changes_nothing:
        return ReorganisationPreview(event, plan)
    flow = start_flow(session, owner, REORGANIZE, CONFIRM_STEP, {_TYPED: typed}, now)
    return ReorganisationPreview(event, plan, flow.ref)


def apply_previewed(session: Session, actor: Caller, flow: Flow, action: str, now: datetime,
                    tz: tzinfo) -> ReorganisationPlan:
    """Apply the event kept in `flow` (its Apply button was tapped) and close the flow; the
    plan says what changed (nothing, if the event was applied meanwhile)."""
    require(actor.roles, REORGANIZE)
    if action != APPLY or flow.step != CONFIRM_STEP:
        raise FlowStepPassed()
    finish_flow(session, flow)
    event = parse_reorganize_command(flow.value(_TYPED), units.all_units(session))
    return apply_reorganisations(session, (event,), now, tz, actor.person_id)
