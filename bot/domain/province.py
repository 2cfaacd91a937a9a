"""A province's reporting set-up: its units, recipients, deadlines and calendar additions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from bot.domain.calendar import WorkingCalendar
from bot.domain.deadlines import Deadline, Recipient
from bot.domain.errors import DuplicateCode, UnknownDeadline, UnknownUnit
from bot.domain.reminder_offsets import ReminderOffsets
from bot.domain.units import Unit, close_codes, resolve_units


@dataclass(frozen=True, slots=True)
class Province:
    """Everything the calendar needs to know about one province, checked for consistency.

    `office` is the unit code of the provincial office (Văn phòng UBND tỉnh): it receives the
    digests and escalations. `recipients` lists who may receive reports besides units (e.g. the
    Chairman). Extra days off / working days are the ones shipped with the data; admins add more.
    """

    name: str
    office: str
    units: tuple[Unit, ...]
    deadlines: tuple[Deadline, ...]
    recipients: tuple[Recipient, ...] = ()
    default_offsets: ReminderOffsets = field(default_factory=ReminderOffsets)
    extra_days_off: tuple[tuple[date, str], ...] = ()
    extra_working_days: tuple[tuple[date, str], ...] = ()

    def __post_init__(self) -> None:
        unit_codes = [unit.code for unit in self.units]
        _no_duplicates(unit_codes + [r.code for r in self.recipients], "unit or recipient")
        _no_duplicates([deadline.code for deadline in self.deadlines], "deadline")
        self.unit(self.office)
        for deadline in self.deadlines:
            for code in deadline.units:
                self.unit(code)
            self.recipient(deadline.recipient.code)

    @property
    def office_unit(self) -> Unit:
        """The provincial office's unit."""
        return self.unit(self.office)

    def unit(self, code: str) -> Unit:
        """The unit with `code`; raise UnknownUnit with the closest codes otherwise."""
        for unit in self.units:
            if unit.code == code:
                return unit
        raise UnknownUnit(code=code, suggestions=close_codes(code, (u.code for u in self.units)),
                          reason=f"no unit has the code {code!r}")

    def recipient(self, code: str) -> Recipient:
        """The recipient `code`: a listed recipient or any unit; raise UnknownUnit otherwise."""
        for recipient in self.recipients:
            if recipient.code == code:
                return recipient
        try:
            unit = self.unit(code)
        except UnknownUnit:
            known = [u.code for u in self.units] + [r.code for r in self.recipients]
            raise UnknownUnit(code=code, suggestions=close_codes(code, known),
                              reason=f"no unit or recipient has the code {code!r}") from None
        return Recipient(unit.code, unit.name)

    def deadline(self, code: str) -> Deadline:
        """The deadline with `code`; raise UnknownDeadline with the closest codes otherwise."""
        for deadline in self.deadlines:
            if deadline.code == code:
                return deadline
        known = (d.code for d in self.deadlines)
        raise UnknownDeadline(code=code, suggestions=close_codes(code, known),
                              reason=f"no deadline has the code {code!r}")

    def resolve_units(self, selector: str, *, on: date | None = None) -> tuple[str, ...]:
        """The unit codes a selection such as `all -bdt` names (see units.resolve_units)."""
        return resolve_units(selector, self.units, on=on)

    def working_calendar(self) -> WorkingCalendar:
        """A working calendar with the days off and working days shipped in the data."""
        return WorkingCalendar(dict(self.extra_days_off), dict(self.extra_working_days))


def _no_duplicates(codes: list[str], what: str) -> None:
    repeated = sorted(code for code, count in Counter(codes).items() if count > 1)
    if repeated:
        raise DuplicateCode(code=repeated[0], reason=f"two {what}s share the code {repeated[0]!r}")
