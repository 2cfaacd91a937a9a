"""Use cases about reporting units."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.domain.errors import InactiveUnit, UnknownUnit
from bot.domain.units import close_codes, fold_code
from db import units
from db.models import Unit


def active_unit(session: Session, typed_code: str) -> Unit:
    """The active unit a person typed the code of (any case, with or without diacritics)."""
    code = fold_code(typed_code)
    unit = units.find_row(session, code)
    if unit is None:
        suggestions = close_codes(code, units.existing_codes(session))
        raise UnknownUnit(code=typed_code, suggestions=suggestions,
                          reason=f"no unit has the code {code!r}")
    if not unit.active:
        raise InactiveUnit(code=code, reason=f"unit {code!r} is disabled")
    return unit


def active_units(session: Session) -> list[tuple[str, str]]:
    """(code, name) of every active unit, in their stored order."""
    return [(unit.code, unit.name) for unit in units.all_units(session) if unit.active]
