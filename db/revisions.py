"""The province's revision: a counter raised by every transaction that changes units,
deadlines or their reorganisations, so each process can keep the province's units and resolved
deadlines between requests (db.province_snapshot) and rebuild them only when the counter has
moved.

Raised from SQLAlchemy's session events, so every write counts, whether an ORM object is
added or changed or an ORM-enabled INSERT/UPDATE/DELETE names the table; there is no call to
forget. A session whose transaction raised it reads the province fresh until it ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from db.models import Deadline, Reorganisation, ReportHandover, Revision, Unit

PROVINCE = "province"
_WATCHED: tuple[type[Any], ...] = (Unit, Deadline, Reorganisation, ReportHandover)
_CHANGED = "province_changed"


def province_revision(session: Session) -> int:
    return session.scalar(select(Revision.value).where(Revision.name == PROVINCE)) or 0


def changed_in_this_transaction(session: Session) -> bool:
    return bool(session.info.get(_CHANGED))


def _raise(session: Session) -> None:
    session.connection().execute(
        update(Revision).where(Revision.name == PROVINCE).values(value=Revision.value + 1))
    session.info[_CHANGED] = True


def _touches_province(objects: Iterable[object]) -> bool:
    return any(isinstance(item, _WATCHED) for item in objects)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    if _touches_province((*session.new, *session.dirty, *session.deleted)):
        _raise(session)


@event.listens_for(Session, "do_orm_execute")
def _before_dml(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is not None and mapper.class_ in _WATCHED:
        _raise(state.session)


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_CHANGED, None)
