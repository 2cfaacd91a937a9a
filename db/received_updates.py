"""Queries of the webhook's received updates: each handled once, and handled even when the
process that acknowledged it died first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from db.claims import claimable
from db.dialect import insert_for
from db.models import ReceivedUpdate


@dataclass(frozen=True, slots=True)
class UnhandledUpdate:
    update_id: int
    payload: str
    replays: int  # this one included


def record(session: Session, update_id: int, payload: str, now: datetime) -> bool:
    """Record the update as received and not yet handled; False if it already was (a repeated
    delivery)."""
    insert = insert_for(session)
    stored = session.scalar(
        insert(ReceivedUpdate).values(update_id=update_id, received_at=now, payload=payload,
                                      taken_at=now)
        .on_conflict_do_nothing(index_elements=["update_id"])
        .returning(ReceivedUpdate.update_id))
    return stored is not None


def mark_handled(session: Session, update_id: int) -> None:
    """The update's handlers have run: only its id is kept (against repeated deliveries)."""
    session.execute(update(ReceivedUpdate).where(ReceivedUpdate.update_id == update_id)
                    .values(payload=None, taken_at=None))


def take_unhandled(session: Session, taken_before: datetime, now: datetime, limit: int,
                   max_replays: int) -> list[UnhandledUpdate]:
    """Take (for this process, as of `now`) up to `limit` updates not handled although they
    were taken before `taken_before`, each at most `max_replays` times. One statement: two
    processes never take the same one (db.claims)."""
    stale = (ReceivedUpdate.payload.is_not(None), ReceivedUpdate.taken_at < taken_before,
             ReceivedUpdate.replays < max_replays)
    chosen = (select(ReceivedUpdate.update_id).where(*stale).order_by(ReceivedUpdate.update_id)
              .limit(limit))
    rows = session.execute(
        update(ReceivedUpdate)
        .where(ReceivedUpdate.update_id.in_(claimable(chosen, "stale_updates")), *stale)
        .values(taken_at=now, replays=ReceivedUpdate.replays + 1)
        .returning(ReceivedUpdate.update_id, ReceivedUpdate.payload, ReceivedUpdate.replays))
    return sorted((UnhandledUpdate(update_id, payload, replays)
                   for update_id, payload, replays in rows if payload is not None),
                  key=lambda found: found.update_id)


def forget_before(session: Session, cutoff: datetime) -> int:
    """Delete the ids received before `cutoff`; return how many."""
    result = session.execute(delete(ReceivedUpdate).where(ReceivedUpdate.received_at < cutoff))
    return int(result.rowcount)  # type: ignore[attr-defined]


def count_given_up(session: Session, last_taken_before: datetime, max_replays: int) -> int:
    """Updates taken up `max_replays` times, the last before `last_taken_before`, and still
    not handled: they will not be taken up again."""
    return int(session.scalar(
        select(func.count()).select_from(ReceivedUpdate)
        .where(ReceivedUpdate.payload.is_not(None), ReceivedUpdate.replays >= max_replays,
               ReceivedUpdate.taken_at < last_taken_before)) or 0)
