"""Multi-step chat flows kept in the database: start, read, advance, finish.

A flow belongs to one person in one chat (at most one at a time: starting another abandons
the first). Its state lives in the `chat_flows` table, not in process memory, so the person's
next message may reach any worker, or a restarted bot, and still continue it. A flow left
unanswered for FLOW_LIFETIME expires. The steps and data of each kind of flow (guided
/unit_add, /unit_edit, later /deadline_add) belong to its own service; by convention a flow is
named after the command that starts it, so its role is that command's role.

Buttons name their flow by its `ref`: the row id and a random key drawn when the flow starts.
The key matters because SQLite reuses the id of a deleted last row: without it, a button of a
finished flow would match the next flow that got the same id.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.domain.errors import FlowFinished, FlowStepPassed, NotYourFlow
from db import chat_flows
from db.models import ChatFlow

FLOW_LIFETIME = timedelta(hours=2)  # of inactivity: every answer starts the count again
_KEY = "flow_key"  # kept in the row's data beside the flow's own values
KEY_BYTES = 4  # 8 hex characters in each button's data


@dataclass(frozen=True, slots=True)
class FlowOwner:
    """Whose flow: a person in a chat (the same person may have another flow in a group)."""

    chat_id: int
    telegram_user_id: int


@dataclass(frozen=True, slots=True)
class Flow:
    """A flow as read at one moment; `expired` flows have already been deleted."""

    id: int
    key: str
    owner: FlowOwner
    name: str
    step: str
    data: Mapping[str, object]
    expires_at: datetime
    expired: bool = False

    @property
    def ref(self) -> str:
        """What buttons carry to name this flow: `<id>.<key>`."""
        return f"{self.id}.{self.key}"

    def value(self, key: str) -> str:
        """A text stored by an earlier step ('' if that step has not stored it)."""
        return str(self.data.get(key, ""))


def _flow(row: ChatFlow, expired: bool = False) -> Flow:
    data = {name: value for name, value in row.data.items() if name != _KEY}
    return Flow(row.id, str(row.data.get(_KEY, "")), FlowOwner(row.chat_id, row.telegram_user_id),
                row.name, row.step, data, row.expires_at, expired)


def _with_key(data: Mapping[str, object], key: str) -> dict[str, object]:
    return {**data, _KEY: key}


def start_flow(session: Session, owner: FlowOwner, name: str, step: str,
               data: Mapping[str, object], now: datetime,
               lifetime: timedelta = FLOW_LIFETIME) -> Flow:
    """Open a flow at its first step, abandoning the one the owner had in this chat (if any)."""
    key = secrets.token_hex(KEY_BYTES)
    row = chat_flows.replace(session, owner.chat_id, owner.telegram_user_id, name, step,
                             _with_key(data, key), now, now + lifetime)
    return _flow(row)


def current_flow(session: Session, owner: FlowOwner, now: datetime) -> Flow | None:
    """The owner's open flow in this chat; an expired one is deleted and returned `expired`."""
    row = chat_flows.find(session, owner.chat_id, owner.telegram_user_id)
    if row is None:
        return None
    if row.expires_at <= now:
        chat_flows.remove(session, row.id)
        return _flow(row, expired=True)
    return _flow(row)


def flow_for_button(session: Session, owner: FlowOwner, flow_id: int, key: str,
                    now: datetime) -> Flow:
    """The open flow a tapped button (carrying `flow_id` and `key`) belongs to: the presser's.

    Raises NotYourFlow for someone else's flow and FlowFinished for one that was completed,
    cancelled or replaced; an expired flow is deleted and returned `expired` (the caller says so
    after this unit of work has committed the deletion).
    """
    flow = current_flow(session, owner, now)
    if flow is not None and (flow.id, flow.key) == (flow_id, key):
        return flow
    row = chat_flows.get(session, flow_id)
    other = None if row is None else _flow(row)
    if other is not None and other.key == key and other.owner != owner:
        raise NotYourFlow()
    raise FlowFinished()


def advance_flow(session: Session, flow: Flow, step: str, data: Mapping[str, object],
                 now: datetime, lifetime: timedelta = FLOW_LIFETIME) -> Flow:
    """Move `flow` to `step` with `data` and extend its life (the same step: a mere touch).

    Raises FlowStepPassed if the flow moved on or ended since it was read: of two concurrent
    answers to one question, only the first counts.
    """
    expires_at = now + lifetime
    if not chat_flows.move(session, flow.id, flow.step, step, _with_key(data, flow.key), now,
                           expires_at):
        raise FlowStepPassed()
    return Flow(flow.id, flow.key, flow.owner, flow.name, step, dict(data), expires_at)


def finish_flow(session: Session, flow: Flow) -> None:
    """Close `flow` (completed or cancelled); FlowStepPassed if it changed since it was read."""
    if not chat_flows.remove(session, flow.id, flow.step):
        raise FlowStepPassed()


def cancel_flow(session: Session, owner: FlowOwner, now: datetime) -> Flow | None:
    """Delete the owner's flow in this chat; the flow (`expired` if it had) or None."""
    flow = current_flow(session, owner, now)
    if flow is not None and not flow.expired:
        chat_flows.remove(session, flow.id)
    return flow


def cancel_from_button(session: Session, owner: FlowOwner, flow_id: int, key: str,
                       now: datetime) -> Flow:
    """Close the flow whose Cancel button was tapped (checked as flow_for_button checks it)."""
    flow = flow_for_button(session, owner, flow_id, key, now)
    if not flow.expired:
        finish_flow(session, flow)
    return flow
