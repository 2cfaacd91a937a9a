"""Use cases about reporting units: finding them, and the admin's list, add, edit, disable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.domain.audit_actions import AuditAction
from bot.domain.errors import (
    DuplicateCode,
    InactiveUnit,
    UnitAlreadyActive,
    UnitAlreadyDisabled,
    UnitDissolved,
    UnitReorganised,
    UnknownUnit,
)
from bot.domain.roles import require
from bot.domain.units import (
    UnitField,
    UnitGroup,
    check_unit_code,
    clean_unit_name,
    close_codes,
    fold_code,
    parse_unit_group,
)
from bot.services.audit import record_change
from bot.services.people import Caller
from db import memberships, units
from db.models import Unit
from db.province_snapshot import province_snapshot

_GROUP_ORDER = {group.value: index for index, group in enumerate(UnitGroup)}


@dataclass(frozen=True, slots=True)
class UnitLine:
    """A unit as admins see it: who serves it, and whether anyone has registered at all."""

    code: str
    name: str
    group: UnitGroup
    active: bool
    officers: int
    heads: tuple[str, ...] = ()
    until: date | None = None  # its last day, once a reorganisation closed it

    @property
    def never_registered(self) -> bool:
        return self.officers == 0

    @property
    def follows(self) -> bool:
        """Still followed: not disabled, not closed by a reorganisation."""
        return self.active and self.until is None


@dataclass(frozen=True, slots=True)
class UnitEdit:
    """One field of a unit before and after an edit (equal when nothing changed)."""

    code: str
    name: str
    field: UnitField
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def stored_unit(session: Session, typed_code: str) -> Unit:
    """The unit a person typed the code of (any case, with or without diacritics), even disabled."""
    code = fold_code(typed_code)
    unit = units.find_row(session, code)
    if unit is None:
        suggestions = close_codes(code, units.existing_codes(session))
        raise UnknownUnit(code=typed_code, suggestions=suggestions,
                          reason=f"no unit has the code {code!r}")
    return unit


def active_unit(session: Session, typed_code: str) -> Unit:
    """The active unit a person typed the code of (any case, with or without diacritics); a
    unit closed by a reorganisation is refused naming the units that took over."""
    unit = stored_unit(session, typed_code)
    refuse_reorganised_unit(session, unit.code)
    if not unit.active:
        raise InactiveUnit(code=unit.code, name=unit.name, reason=f"unit {unit.code!r} is disabled")
    return unit


def refuse_reorganised_unit(session: Session, code: str) -> None:
    """Raise UnitReorganised, naming who took over, if a reorganisation closed unit `code`."""
    snapshot = province_snapshot(session)  # kept per process until units change
    event = snapshot.lineage.closing_event(code)
    if event is None:
        return
    names = {unit.code: unit.name for unit in snapshot.units}
    if not event.successors:
        raise UnitDissolved(code=code, name=names.get(code, code), day=event.effective_on)
    raise UnitReorganised(code=code, name=names.get(code, code), day=event.effective_on,
                          successors=tuple(f"{names.get(c, c)} ({c})" for c in event.successors))


def active_units(session: Session) -> list[tuple[str, str]]:
    """(code, name) of every active unit not closed by a reorganisation, in stored order."""
    return [(unit.code, unit.name) for unit in units.all_units(session)
            if unit.active and unit.active_until is None]


def _line(row: Unit, officers: int, heads: list[str]) -> UnitLine:
    return UnitLine(row.code, row.name, UnitGroup(row.unit_group), row.active, officers,
                    tuple(heads), row.active_until)


def _line_of(session: Session, row: Unit) -> UnitLine:
    serving = memberships.of_unit(session, row.id)
    return _line(row, len(serving), [person.full_name for m, person in serving if m.is_head])


def list_units(session: Session, actor: Caller) -> list[UnitLine]:
    """Every unit, disabled ones included, by group then in stored order, with officer counts."""
    require(actor.roles, "units")
    counts, heads = memberships.officer_counts(session), units.head_names(session)
    rows = sorted(units.all_rows(session), key=lambda row: (_GROUP_ORDER[row.unit_group], row.id))
    return [_line(row, counts.get(row.id, 0), heads.get(row.id, [])) for row in rows]


def add_unit(session: Session, actor: Caller, code: str, group: str, name: str,
             now: datetime) -> UnitLine:
    """Store a new active unit; the code must be new, even among disabled units."""
    require(actor.roles, "unit_add")
    code = check_unit_code(code.strip().lower())
    unit_group, clean_name = parse_unit_group(group), clean_unit_name(name)
    row = units.insert_if_absent(session, code, clean_name, unit_group.value, now)
    if row is None:
        raise DuplicateCode(code=code, reason=f"a unit with the code {code!r} exists")
    record_change(session, actor.person_id, AuditAction.UNIT_ADD, code, now,
                  after={"name": clean_name, "group": unit_group.value})
    return _line(row, 0, [])


def edit_unit(session: Session, actor: Caller, code: str, field: UnitField, value: str,
              now: datetime) -> UnitEdit:
    """Change a unit's name or group (never its code: deadlines select units by code)."""
    require(actor.roles, "unit_edit")
    row = stored_unit(session, code)
    if field == "name":
        before, after = row.name, clean_unit_name(value)
    else:
        before, after = row.unit_group, parse_unit_group(value).value
    if after != before:
        if field == "name":
            row.name = after
        else:
            row.unit_group = after
        row.updated_at = now
        record_change(session, actor.person_id, AuditAction.UNIT_EDIT, row.code, now,
                      before={field: before}, after={field: after})
    return UnitEdit(row.code, row.name, field, before, after)


def unit_to_disable(session: Session, actor: Caller, code: str) -> UnitLine:
    """The active unit that /unit_disable would switch off, shown before the admin confirms."""
    require(actor.roles, "unit_disable")
    row = stored_unit(session, code)
    if not row.active:
        raise UnitAlreadyDisabled(code=row.code, name=row.name)
    return _line_of(session, row)


def disable_unit(session: Session, actor: Caller, code: str, now: datetime) -> UnitLine:
    """Stop following a unit; its people, reports and history are kept."""
    return _switch(session, actor, code, False, now)


def enable_unit(session: Session, actor: Caller, code: str, now: datetime) -> UnitLine:
    """Follow a disabled unit again (the undo of disable_unit)."""
    return _switch(session, actor, code, True, now)


def _switch(session: Session, actor: Caller, code: str, active: bool,
            now: datetime) -> UnitLine:
    require(actor.roles, "unit_disable")
    row = stored_unit(session, code)
    if not units.switch_active(session, row.id, active, now):
        already = UnitAlreadyActive if active else UnitAlreadyDisabled
        raise already(code=row.code, name=row.name)
    action = AuditAction.UNIT_ENABLE if active else AuditAction.UNIT_DISABLE
    record_change(session, actor.person_id, action,
                  row.code, now, before={"active": not active}, after={"active": active})
    return _line_of(session, row)
