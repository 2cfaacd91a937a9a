"""The province as every digest, export and chart starts from: its units, the ids by code and
the deadlines in force with their unit selectors resolved, kept per process and database
until db.revisions says units or deadlines changed.

With 10,000 units, reading and resolving these took most of a digest's 200 ms budget
(docs/BENCHMARKS.md); checking the revision is one primary-key read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from threading import Lock
from types import MappingProxyType
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.domain.deadlines import Deadline
from bot.domain.digests import expected_by_group
from bot.domain.reorganisations import Lineage
from bot.domain.units import Unit, UnitGroup
from db import deadlines, reorganisations, revisions, units
from db.digests import UnitScope, unit_scope
from db.models import Deadline as DeadlineRow
from db.models import Unit as UnitRow


@dataclass(frozen=True, slots=True)
class ProvinceSnapshot:
    """Read-only: shared by every request of the process until the revision moves."""

    revision: int
    units: tuple[Unit, ...]  # every unit, active or not, in the order they were added
    unit_ids: Mapping[str, int]
    deadline_ids: Mapping[str, int]  # every deadline ever stored, deleted ones included
    deadlines: tuple[Deadline, ...]  # not deleted (paused ones included), selectors resolved
    ended: tuple[Deadline, ...]  # deleted: inactive, their rules cut at the deletion (history)
    lineage: Lineage = field(default_factory=Lineage)  # the reorganisations applied

    # The digest queries' scope per deadline's units, filled on first use: 10,000 ids need not
    # be looked up again for every digest while the province is unchanged.
    _scopes: dict[tuple[str, ...], UnitScope] = field(default_factory=dict, compare=False,
                                                     repr=False)
    # And how many of those units each group has (the digest's counts per group).
    _groups: dict[tuple[str, ...], tuple[tuple[UnitGroup, int], ...]] = field(
        default_factory=dict, compare=False, repr=False)

    def scope_of(self, codes: tuple[str, ...]) -> UnitScope:
        """The units `codes` as the digest queries take them (a deadline's `units`)."""
        scope = self._scopes.get(codes)
        if scope is None:
            scope = unit_scope([self.unit_ids[code] for code in codes], self.unit_ids.values())
            self._scopes[codes] = scope
        return scope

    def groups_of(self, codes: tuple[str, ...]) -> tuple[tuple[UnitGroup, int], ...]:
        """How many of the units `codes` (a deadline's `units`) each group has, in the
        province's order."""
        groups = self._groups.get(codes)
        if groups is None:
            groups = expected_by_group(codes, {unit.code: unit.group for unit in self.units})
            self._groups[codes] = groups
        return groups

    def live_deadline(self, deadline_id: int) -> Deadline | None:
        """The deadline (not deleted) stored with this id."""
        return next((d for d in self.deadlines if self.deadline_ids[d.code] == deadline_id),
                    None)


_snapshots: WeakKeyDictionary[Engine, ProvinceSnapshot] = WeakKeyDictionary()
_lock = Lock()


def province_snapshot(session: Session) -> ProvinceSnapshot:
    """The snapshot as of this transaction: the kept one if the revision has not moved."""
    revision = revisions.province_revision(session)  # before the rows: never newer than them
    if revisions.changed_in_this_transaction(session):
        return _read(session, revision)
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    with _lock:
        kept = _snapshots.get(engine)
    if kept is not None and kept.revision == revision:
        return kept
    snapshot = _read(session, revision)
    with _lock:
        current = _snapshots.get(engine)
        if current is None or current.revision <= revision:
            _snapshots[engine] = snapshot
    return snapshot


def _read(session: Session, revision: int) -> ProvinceSnapshot:
    every_unit = units.all_units(session)
    unit_ids = {code: id_ for code, id_ in session.execute(select(UnitRow.code, UnitRow.id))}
    deadline_ids = {code: id_ for code, id_
                    in session.execute(select(DeadlineRow.code, DeadlineRow.id))}
    codes = {id_: code for code, id_ in unit_ids.items()}
    lineage = reorganisations.lineage(session, codes)
    history = deadlines.UnitHistory(
        every_unit, lineage, reorganisations.handovers_by_deadline(session, lineage, codes))
    return ProvinceSnapshot(revision, every_unit, MappingProxyType(unit_ids),
                            MappingProxyType(deadline_ids),
                            deadlines.current_deadlines(session, history),
                            deadlines.ended_deadlines(session, history), lineage)
