"""Load a reorganisation file (YAML): the events that close units and hand their duties over.

Validated as the province file is: every mistake raises InvalidProvinceData naming the file,
the entry and the field, e.g. `vinh_long_2025.yaml: reorganisations[3] (2025-07-01 merge).
successors[0]: no unit has the code 'xa1'` — that last check against the database's units is
the service's (bot.services.reorganisations); here the file must be well formed.

    format: 1
    reorganisations:
      - effective_on: 01/07/2025          # dd/mm/yyyy or yyyy-mm-dd
        kind: merge                       # merge, absorb, split, rename, dissolve
        legal_basis: {document: 1687/NQ-UBTVQH15, date: 16/06/2025}
        predecessors: [ctcl, tvcl]
        successors: [cangl]
        create:                           # successors this event creates
          - {code: cangl, name: Xã Càng Long, group: commune}
        pending: carry                    # reports due before and unanswered: carry or close
        note: Điều 1, khoản 120
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from bot.domain.dates import parse_date_text
from bot.domain.errors import DomainError, InvalidProvinceData
from bot.domain.reorganisations import (
    LegalReference,
    PendingRule,
    Reorganisation,
    ReorganisationKind,
)
from bot.domain.units import Unit, UnitGroup, check_unit_code, clean_unit_name
from config.province import FileEntry, error_detail, error_location, read_yaml

SUPPORTED_FORMAT = 1


class _NewUnit(FileEntry):
    code: str
    name: str = Field(min_length=1)
    group: UnitGroup = Field(strict=False)


class _Basis(FileEntry):
    document: str = Field(min_length=1, max_length=128)
    date: str | None = None


class _Event(FileEntry):
    effective_on: str
    kind: ReorganisationKind = Field(strict=False)
    legal_basis: _Basis
    predecessors: list[str] = Field(min_length=1)
    successors: list[str] = Field(default_factory=list)
    create: list[_NewUnit] = Field(default_factory=list)
    pending: Literal["carry", "close"] = "carry"
    note: str = ""


class _ReorganisationFile(FileEntry):
    format: int
    reorganisations: list[_Event] = Field(min_length=1)


def load_reorganisations(path: Path) -> tuple[Reorganisation, ...]:
    """Read and validate a reorganisation file; raise InvalidProvinceData at the first mistake."""
    raw = read_yaml(path)
    try:
        data = _ReorganisationFile.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        raise InvalidProvinceData(file=path.name, where=error_location(raw, first["loc"]),
                                  detail=first["msg"]) from None
    if data.format != SUPPORTED_FORMAT:
        raise InvalidProvinceData(file=path.name, where="format",
                                  detail=f"format {data.format} is not supported (use 1)")
    return tuple(_event(path.name, index, entry)
                 for index, entry in enumerate(data.reorganisations))


def _event(file: str, index: int, entry: _Event) -> Reorganisation:
    where = f"reorganisations[{index}] ({entry.effective_on} {entry.kind.value})"

    @contextmanager
    def at(field: str) -> Iterator[None]:
        try:
            yield
        except DomainError as error:
            raise InvalidProvinceData(file=file, where=f"{where}.{field}",
                                      detail=error_detail(error)) from error

    with at("effective_on"):
        effective_on = parse_date_text(entry.effective_on)
    with at("legal_basis.date"):
        issued = parse_date_text(entry.legal_basis.date) if entry.legal_basis.date else None
    for field, codes in (("predecessors", entry.predecessors), ("successors", entry.successors)):
        for position, code in enumerate(codes):
            with at(f"{field}[{position}]"):
                check_unit_code(code)
    created: list[Unit] = []
    for position, new in enumerate(entry.create):
        with at(f"create[{position}].code"):
            check_unit_code(new.code)
        with at(f"create[{position}].name"):
            created.append(Unit(new.code, clean_unit_name(new.name), new.group, True,
                                effective_on, None))
    return Reorganisation(
        effective_on=effective_on, kind=entry.kind, predecessors=tuple(entry.predecessors),
        successors=tuple(entry.successors),
        basis=LegalReference(entry.legal_basis.document.strip(), issued),
        created=tuple(created), note=" ".join(entry.note.split()),
        pending=PendingRule(entry.pending))
