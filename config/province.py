"""Load a province's units and deadlines from its YAML data file into the domain's values.

Every mistake raises InvalidProvinceData naming the file, the entry and the field, e.g.
`tra_vinh.yaml: deadlines[2] (khnam_noidung).rrule: BYMONTHDAY must be between ±1 and ±31`.
Loading is all or nothing: nothing is returned until the whole file is valid.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.domain.calendar import DueDatePolicy
from bot.domain.dates import parse_date_text
from bot.domain.deadlines import Deadline, LegalBasis, Recipient, check_offsets_fit
from bot.domain.errors import DomainError, InvalidProvinceData
from bot.domain.periods import PeriodSpec, parse_period_kind
from bot.domain.province import Province
from bot.domain.recurrence import Recurrence, parse_rule
from bot.domain.reminder_offsets import ReminderOffsets
from bot.domain.units import Unit, UnitGroup, check_unit_code

SUPPORTED_FORMAT = 1
# Before-reminders are checked against the previous occurrence over this many years of each rule.
OFFSET_CHECK_YEARS = 4


class FileEntry(BaseModel):
    """An entry of a data file: unknown keys and loose types are mistakes."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Reminders(FileEntry):
    before: list[Any] | None = None
    on_due_day: bool | None = None
    overdue: list[Any] | None = None
    escalation: list[Any] | None = None


class _Day(FileEntry):
    date: str
    name: str = Field(min_length=1)


class _Calendar(FileEntry):
    extra_days_off: list[_Day] = []
    extra_working_days: list[_Day] = []


class _Header(FileEntry):
    name: str = Field(min_length=1)
    office: str


class _Recipient(FileEntry):
    code: str
    name: str = Field(min_length=1)


class _Unit(FileEntry):
    code: str
    name: str = Field(min_length=1)
    group: UnitGroup = Field(strict=False)
    active: bool = True
    active_from: str | None = None
    active_until: str | None = None


class _LegalBasis(FileEntry):
    type: str = ""
    document: str
    date: str | None = None
    issuer: str = ""
    title: str = ""
    clause: str = Field(min_length=1)


class _Period(FileEntry):
    kind: str = "none"
    label: str = ""
    shift: int = 0


class _Deadline(FileEntry):
    code: str
    title: str = Field(min_length=1)
    legal_basis: _LegalBasis
    recipient: str
    units: str
    rrule: str
    period: _Period = _Period()
    reminders: _Reminders | None = None
    active: bool = True


class _ProvinceFile(FileEntry):
    format: int
    province: _Header
    reminders: _Reminders = _Reminders()
    calendar: _Calendar = _Calendar()
    recipients: list[_Recipient] = []
    units: list[_Unit]
    deadlines: list[_Deadline]


def default_province_path() -> Path:
    """The packaged data file of Trà Vinh province."""
    return Path(str(resources.files("config") / "data" / "tra_vinh.yaml"))


def load_province(path: Path | None = None) -> Province:
    """Read and validate a province data file (default: Trà Vinh's); raise InvalidProvinceData."""
    path = path or default_province_path()
    raw = read_yaml(path)
    try:
        data = _ProvinceFile.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = error_location(raw, first["loc"])
        raise InvalidProvinceData(file=path.name, where=where, detail=first["msg"]) from None
    if data.format != SUPPORTED_FORMAT:
        raise InvalidProvinceData(file=path.name, where="format",
                                  detail=f"format {data.format} is not supported (use 1)")
    return _Builder(path.name, data).province()


class _StrictLoader(yaml.SafeLoader):
    """YAML's safe loader, keeping dates as text (checked later, with the entry named) and
    rejecting a key given twice in one mapping (PyYAML silently keeps the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: list[object] = []
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark)
            seen.append(key)
        return super().construct_mapping(node, deep)


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> object:
    """The parsed YAML document at `path`; raise InvalidProvinceData on unreadable or bad YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidProvinceData(file=path.name, where="file", detail=str(error)) from None
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader: builds no Python objects
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        detail = getattr(error, "problem", None) or str(error)
        raise InvalidProvinceData(file=path.name, where=where, detail=detail) from None


class _Builder:
    """Turns the validated file into domain values, naming the entry of any mistake."""

    def __init__(self, file: str, data: _ProvinceFile) -> None:
        self.file = file
        self.data = data

    def province(self) -> Province:
        data = self.data
        with self.at("reminders"):
            defaults = _offsets(data.reminders, ReminderOffsets())
        units = tuple(self._unit(i, entry) for i, entry in enumerate(data.units))
        recipients = tuple(self._recipient(i, entry) for i, entry in enumerate(data.recipients))
        self._check_unique("units", [u.code for u in units])
        self._check_unique("recipients", [r.code for r in recipients], [u.code for u in units])
        days_off = self._days("calendar.extra_days_off", data.calendar.extra_days_off)
        working = self._days("calendar.extra_working_days", data.calendar.extra_working_days)
        with self.at("province"):
            base = Province(data.province.name, data.province.office, units, (), recipients,
                            defaults, days_off, working)
            base.working_calendar()  # rejects a day that is both off and worked
        deadlines = tuple(self._deadline(i, entry, base) for i, entry in enumerate(data.deadlines))
        self._check_unique("deadlines", [d.code for d in deadlines])
        with self.at("deadlines"):
            return Province(base.name, base.office, units, deadlines, recipients, defaults,
                            days_off, working)

    @contextmanager
    def at(self, where: str) -> Iterator[None]:
        """Re-raise a DomainError inside the block as InvalidProvinceData located at `where`."""
        try:
            yield
        except DomainError as error:
            detail = error_detail(error)
            raise InvalidProvinceData(file=self.file, where=where, detail=detail) from error

    def _unit(self, index: int, entry: _Unit) -> Unit:
        where = f"units[{index}] ({entry.code})"
        with self.at(f"{where}.code"):
            check_unit_code(entry.code)
        with self.at(f"{where}.active_from"):
            active_from = parse_date_text(entry.active_from) if entry.active_from else None
        with self.at(f"{where}.active_until"):
            active_until = parse_date_text(entry.active_until) if entry.active_until else None
        return Unit(entry.code, entry.name, entry.group, entry.active, active_from, active_until)

    def _recipient(self, index: int, entry: _Recipient) -> Recipient:
        with self.at(f"recipients[{index}] ({entry.code}).code"):
            check_unit_code(entry.code)
        return Recipient(entry.code, entry.name.strip())

    def _days(self, where: str, days: list[_Day]) -> tuple[tuple[date, str], ...]:
        parsed: list[tuple[date, str]] = []
        for index, day in enumerate(days):
            with self.at(f"{where}[{index}].date"):
                parsed.append((parse_date_text(day.date), day.name.strip()))
        return tuple(parsed)

    def _deadline(self, index: int, entry: _Deadline, province: Province) -> Deadline:
        where = f"deadlines[{index}] ({entry.code})"
        with self.at(f"{where}.legal_basis.date"):
            issued = parse_date_text(entry.legal_basis.date) if entry.legal_basis.date else None
        with self.at(f"{where}.recipient"):
            recipient = province.recipient(entry.recipient)
        with self.at(f"{where}.units"):
            units = province.resolve_units(entry.units)
        with self.at(f"{where}.rrule"):
            rule = parse_rule(entry.rrule)
        with self.at(f"{where}.period"):
            kind = parse_period_kind(entry.period.kind)
            period = PeriodSpec(kind, entry.period.label.strip(), entry.period.shift)
        with self.at(f"{where}.reminders"):
            offsets = _offsets(entry.reminders, province.default_offsets)
            self._check_fit(rule, offsets, province)
        basis = entry.legal_basis
        legal_basis = LegalBasis(basis.document.strip(), basis.clause.strip(), basis.type.strip(),
                                 issued, basis.issuer.strip(), " ".join(basis.title.split()))
        with self.at(f"{where}.code"):
            return Deadline(entry.code, " ".join(entry.title.split()), legal_basis, recipient,
                            units, rule, period, offsets, " ".join(entry.units.split()),
                            entry.active)

    @staticmethod
    def _check_fit(rule: Recurrence, offsets: ReminderOffsets, province: Province) -> None:
        calendar = province.working_calendar()
        end = date(rule.start.year + OFFSET_CHECK_YEARS, 12, 31)
        for policy in DueDatePolicy:
            check_offsets_fit(rule, offsets, calendar, policy, start=rule.start, end=end)

    def _check_unique(self, where: str, codes: list[str], taken: list[str] | None = None) -> None:
        seen = set(taken or ())
        for index, code in enumerate(codes):
            if code in seen:
                raise InvalidProvinceData(file=self.file, where=f"{where}[{index}] ({code}).code",
                                          detail=f"the code {code!r} is already used")
            seen.add(code)


def _offsets(entry: _Reminders | None, defaults: ReminderOffsets) -> ReminderOffsets:
    """The entry's offsets, each missing part taken from `defaults`."""
    if entry is None:
        return defaults
    return ReminderOffsets(
        before=tuple(entry.before) if entry.before is not None else defaults.before,
        overdue=tuple(entry.overdue) if entry.overdue is not None else defaults.overdue,
        escalation=tuple(entry.escalation) if entry.escalation is not None
        else defaults.escalation,
        on_due_day=entry.on_due_day if entry.on_due_day is not None else defaults.on_due_day,
    )


def error_detail(error: DomainError) -> str:
    """What is wrong, in English, from the error's params (for operators reading a log)."""
    params = error.params
    detail = str(params.get("reason") or error)
    if params.get("kind"):
        detail = f"{params['kind']}: {detail}"
    if params.get("part"):
        detail += f" (at {params['part']!r})"
    suggestions = params.get("suggestions")
    if isinstance(suggestions, tuple) and suggestions:
        detail += f" (closest: {', '.join(map(str, suggestions))})"
    return detail


def error_location(raw: object, loc: tuple[int | str, ...]) -> str:
    """A pydantic location as a path, with each list entry's code: units[3] (skhdt).name."""
    path, node = "", raw
    for step in loc:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
            code = node.get("code") if isinstance(node, Mapping) else None
            path += f"[{step}]" + (f" ({code})" if code else "")
        else:
            node = node.get(step) if isinstance(node, Mapping) else None
            path += f".{step}" if path else step
    return path or "file"
