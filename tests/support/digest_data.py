"""Small factories for digest tests: status answers, people, escalations, written directly.

Each takes a session (like a service) and never commits. Answers go straight into
status_updates, as the officers' status buttons would leave them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import status_updates
from db.models import Deadline, GroupChat, Membership, OutboxMessage, Person, Unit


def ids(session: Session, deadline_code: str, unit_code: str) -> tuple[int, int]:
    deadline_id = session.scalars(select(Deadline.id).where(Deadline.code == deadline_code)).one()
    unit_id = session.scalars(select(Unit.id).where(Unit.code == unit_code)).one()
    return deadline_id, unit_id


def add_answer(session: Session, deadline_code: str, due: date, unit_code: str, status: str,
               at: datetime, *, on_time: bool | None = None, note: str = "",
               proposal: str = "", wanted: date | None = None, by: int | None = None,
               document_ref: str = "") -> None:
    """One answer of a unit about the occurrence due (nominally) on `due`; `by` is the
    Telegram id of the person who gave it, if registered."""
    deadline_id, unit_id = ids(session, deadline_code, unit_code)
    person_id = None if by is None else session.scalars(
        select(Person.id).where(Person.telegram_user_id == by)).one()
    status_updates.add(session, {
        "deadline_id": deadline_id, "due_date": due, "unit_id": unit_id, "person_id": person_id,
        "status": status, "on_time": on_time, "note": note, "proposal": proposal,
        "wanted_date": wanted, "document_ref": document_ref, "received_at": at.astimezone(UTC)})


def add_person(session: Session, telegram_id: int, name: str, now: datetime, *,
               unit: str | None = None, head: bool = False, office: bool = False) -> None:
    """A registered person: an officer (or the head) of `unit`, or of the office."""
    person = Person(telegram_user_id=telegram_id, full_name=name, is_office=office,
                    created_at=now)
    session.add(person)
    session.flush()
    if unit is not None:
        unit_id = session.scalars(select(Unit.id).where(Unit.code == unit)).one()
        session.add(Membership(person_id=person.id, unit_id=unit_id, is_head=head,
                               created_at=now))
        session.flush()


def add_office_group(session: Session, chat_id: int, title: str, now: datetime) -> None:
    session.add(GroupChat(telegram_chat_id=chat_id, title=title, is_office=True,
                          registered_at=now))
    session.flush()


def add_escalation(session: Session, deadline_code: str, due: date, unit_code: str,
                   chat_id: int, at: datetime, *, state: str = "sent",
                   slot: str = "escalation:3") -> None:
    """An escalation reminder about the unit's report, in `state`."""
    deadline_id, unit_id = ids(session, deadline_code, unit_code)
    session.add(OutboxMessage(deadline_id=deadline_id, due_date=due, effective_due_date=due,
                              unit_id=unit_id, chat_id=chat_id, slot=slot, planned_at=at,
                              send_after=at, state=state, created_at=at, updated_at=at))
    session.flush()
