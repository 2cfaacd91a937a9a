"""/unit <code>: one unit in full, with its lineage (the units it took over, and those that took
it over)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from bot.domain.errors import UnknownUnit
from bot.domain.reorganisations import Reorganisation
from bot.domain.roles import require
from bot.domain.units import Unit, close_codes, fold_code
from bot.services.people import Caller
from db import memberships
from db.province_snapshot import province_snapshot


@dataclass(frozen=True, slots=True)
class UnitDetail:
    """A unit as of `today`: who serves it, the events in which it took other units over
    (`took_over`, oldest first) and the one that closed it (`closed_by`), with `carried_by`,
    the units that carry its duties today when later events moved them on again."""

    unit: Unit
    today: date
    officers: int
    heads: tuple[str, ...]
    took_over: tuple[Reorganisation, ...]
    closed_by: Reorganisation | None
    carried_by: tuple[str, ...]
    names: Mapping[str, str]  # code → name of every unit, for the events' units

    @property
    def closed(self) -> bool:
        """Whether a reorganisation has closed the unit by today."""
        return self.closed_by is not None and self.closed_by.effective_on <= self.today


def unit_detail(session: Session, actor: Caller, typed_code: str, today: date) -> UnitDetail:
    """The unit `typed_code` names (folded, closed and disabled units included); UnknownUnit
    with the closest codes otherwise."""
    require(actor.roles, "unit")
    province = province_snapshot(session)
    code = fold_code(typed_code)[:64]
    unit = next((unit for unit in province.units if unit.code == code), None)
    if unit is None:
        raise UnknownUnit(code=typed_code[:64], suggestions=close_codes(code, province.unit_ids),
                          reason=f"no unit has the code {code!r}")
    serving = memberships.of_unit(session, province.unit_ids[code])
    lineage = province.lineage
    closed_by = lineage.closing_event(code)
    carried_by: tuple[str, ...] = ()
    if closed_by is not None and closed_by.effective_on <= today:
        carried_by = lineage.successors_on(code, today)
        if carried_by == closed_by.successors:
            carried_by = ()  # nothing moved since: the closing event says it all
    return UnitDetail(unit, today, len(serving),
                      tuple(person.full_name for membership, person in serving
                            if membership.is_head),
                      lineage.predecessor_events(code), closed_by, carried_by,
                      {unit.code: unit.name for unit in province.units})
