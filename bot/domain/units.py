"""Reporting units (departments, district and commune committees, agencies) and selections like
`all -bdt`, resolved as of a day."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

from bot.domain.errors import (
    EmptyUnitName,
    EmptyUnitSelection,
    InactiveUnit,
    InvalidUnitCode,
    InvalidUnitGroup,
    InvalidUnitSelector,
    UnitNameControlCharacters,
    UnitNameTooLong,
    UnknownUnit,
)

_CODE = re.compile(r"[a-z0-9]{2,16}")
MAX_UNIT_NAME_LENGTH = 256  # the column's size


class UnitGroup(StrEnum):
    """Which kind of body a unit is."""

    DEPARTMENT = "department"  # Sở, ban, ngành of the province (incl. Văn phòng UBND tỉnh)
    DISTRICT = "district"  # UBND cấp huyện: districts, towns, the provincial city (until 2025)
    AGENCY = "agency"  # central agencies in the province and other provincial bodies
    COMMUNE = "commune"  # UBND cấp xã: xã, phường, đặc khu (the local level from 1/7/2025)


# Selector words and the groups they select; they can never be unit codes.
GROUP_WORDS: dict[str, frozenset[UnitGroup]] = {
    "all": frozenset(UnitGroup),
    "departments": frozenset({UnitGroup.DEPARTMENT}),
    "districts": frozenset({UnitGroup.DISTRICT}),
    "agencies": frozenset({UnitGroup.AGENCY}),
    "communes": frozenset({UnitGroup.COMMUNE}),
}


@dataclass(frozen=True, slots=True)
class Unit:
    """A reporting unit: short ASCII code for commands, full Vietnamese name (NFC), group.

    `active` is the admin's switch; `active_from` / `active_until` (inclusive, optional) are
    the days it exists: a reorganisation (bot.domain.reorganisations) ends a unit and starts
    its successors, and history reads each day against the units valid then.
    """

    code: str
    name: str
    group: UnitGroup
    active: bool = True
    active_from: date | None = None
    active_until: date | None = None

    def __post_init__(self) -> None:
        check_unit_code(self.code)
        object.__setattr__(self, "name", unicodedata.normalize("NFC", self.name.strip()))

    def is_active_on(self, day: date | None = None) -> bool:
        """True if the unit reports: switched on and, when `day` is given, within its dates."""
        if not self.active or day is None:
            return self.active
        starts_ok = self.active_from is None or self.active_from <= day
        return starts_ok and (self.active_until is None or day <= self.active_until)


def check_unit_code(code: str) -> str:
    """`code` if it is 2-16 lowercase ASCII letters or digits and no selector word; else raise."""
    if not _CODE.fullmatch(code):
        reason = "use 2-16 lowercase letters a-z or digits, e.g. skhdt"
        raise InvalidUnitCode(code=code, reason=reason)
    if code in GROUP_WORDS:
        raise InvalidUnitCode(code=code, reason=f"{code!r} is a selector word")
    return code


# Words an admin may type for a group: the stored English value or a Vietnamese word (folded,
# so "sở", "huyện", "cơ-quan" work as well as "so", "huyen", "co-quan").
GROUP_ALIASES: dict[str, UnitGroup] = {
    "department": UnitGroup.DEPARTMENT, "so": UnitGroup.DEPARTMENT,
    "district": UnitGroup.DISTRICT, "huyen": UnitGroup.DISTRICT,
    "agency": UnitGroup.AGENCY, "co-quan": UnitGroup.AGENCY, "coquan": UnitGroup.AGENCY,
    "commune": UnitGroup.COMMUNE, "xa": UnitGroup.COMMUNE, "phuong": UnitGroup.COMMUNE,
}


def parse_unit_group(typed: str) -> UnitGroup:
    """The group an admin typed (see GROUP_ALIASES); raise InvalidUnitGroup otherwise."""
    group = GROUP_ALIASES.get(fold_code(typed))
    if group is None:
        raise InvalidUnitGroup(value=typed[:64])
    return group


UnitField = Literal["name", "group"]
_FIELD_WORDS: dict[str, UnitField] = {"name": "name", "ten": "name", "group": "group",
                                      "nhom": "group"}


def parse_unit_field(typed: str) -> UnitField | None:
    """Which field of a unit an admin named ("name"/"tên" or "group"/"nhóm"); None otherwise."""
    return _FIELD_WORDS.get(fold_code(typed))


def clean_unit_name(name: str) -> str:
    """`name` in NFC with single spaces; raise if empty, too long or holding control characters.

    Control means any Unicode "C" category: line breaks, tabs, zero-width and bidi-override
    characters, unassigned code points. They make a name look different from what it stores.
    """
    normalized = unicodedata.normalize("NFC", name)
    hidden = [char for char in normalized if unicodedata.category(char).startswith("C")]
    if hidden:
        raise UnitNameControlCharacters(reason=f"contains {hidden[0]!r}")
    cleaned = " ".join(normalized.split())
    if not cleaned:
        raise EmptyUnitName(reason="the name is empty")
    if len(cleaned) > MAX_UNIT_NAME_LENGTH:
        raise UnitNameTooLong(length=len(cleaned), maximum=MAX_UNIT_NAME_LENGTH,
                              reason=f"{len(cleaned)} characters")
    return cleaned


def fold_code(text: str) -> str:
    """Lowercase ASCII form of typed text: 'SKHĐT' -> 'skhdt' (diacritics and đ folded)."""
    decomposed = unicodedata.normalize("NFD", text.strip().lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def resolve_units(
    selector: str, units: Sequence[Unit], *, on: date | None = None, stored: bool = False,
    successors: Callable[[str, date], tuple[str, ...]] | None = None,
) -> tuple[str, ...]:
    """The codes a selection names, in the order of `units`; raise on unknown or inactive codes.

    A selection is words separated by spaces or commas: `all`, `departments`, `districts`,
    `agencies`, unit codes, and any of these prefixed with `-` to leave them out (`all -bdt`).
    Group words select active units only (on `on`, when given); naming an inactive unit raises
    InactiveUnit; a selection that leaves nothing raises EmptyUnitSelection. A `stored`
    selection (a deadline's, read back) was checked when typed: a unit disabled since then is
    left out, and it may leave nothing. With `successors` (a lineage's `successors_on`) and
    `on`, a unit a stored selection includes by name that was reorganised before `on` stands
    for the units that took it over (an excluded one does not: its successors had duties of
    their own).
    """
    included, excluded = _split_tokens(selector)
    by_code = {unit.code: unit for unit in units}
    for token in (*included, *excluded):
        if token not in GROUP_WORDS and token not in by_code:
            raise UnknownUnit(code=token, suggestions=close_codes(token, by_code),
                              reason=f"no unit has the code {token!r}")
    if stored and successors is not None and on is not None:
        included = _taken_over(included, by_code, on, successors)
    chosen = _expand(included, units, on, explicit=not stored) - _expand(excluded, units, on)
    codes = tuple(unit.code for unit in units if unit.code in chosen
                  and (not stored or by_code[unit.code].is_active_on(on)))
    if not codes and not stored:
        raise EmptyUnitSelection(selector=selector, reason="the selection leaves no unit")
    return codes


def _taken_over(tokens: Sequence[str], by_code: Mapping[str, Unit], on: date,
                successors: Callable[[str, date], tuple[str, ...]]) -> list[str]:
    """`tokens` with each unit closed before `on` replaced by the units that took it over."""
    replaced: list[str] = []
    for token in tokens:
        closed = token in by_code and not by_code[token].is_active_on(on)
        for code in (successors(token, on) if closed else (token,)):
            if code not in replaced:
                replaced.append(code)
    return replaced


def close_codes(code: str, known: Iterable[str]) -> tuple[str, ...]:
    """Up to three known codes closest to `code` (the best guesses even when none is close)."""
    candidates = sorted(known)
    close = difflib.get_close_matches(code, candidates, n=3, cutoff=0.6)
    return tuple(close or difflib.get_close_matches(code, candidates, n=3, cutoff=0.0))


def _split_tokens(selector: str) -> tuple[list[str], list[str]]:
    tokens = [fold_code(token) for token in re.split(r"[\s,;]+", selector) if token.strip()]
    if not tokens:
        raise InvalidUnitSelector(selector=selector, reason="the selection is empty")
    included = [token for token in tokens if not token.startswith("-")]
    excluded = [token.removeprefix("-").strip() for token in tokens if token.startswith("-")]
    if not included:
        raise InvalidUnitSelector(selector=selector,
                                  reason="say what to include before excluding, e.g. 'all -bdt'")
    if any(not token for token in excluded):
        raise InvalidUnitSelector(selector=selector, reason="a lone '-' names no unit")
    return included, excluded


def _expand(tokens: Sequence[str], units: Sequence[Unit], on: date | None,
            *, explicit: bool = False) -> set[str]:
    """Codes named by `tokens`; with `explicit`, a named inactive unit raises InactiveUnit."""
    codes: set[str] = set()
    for token in tokens:
        if token in GROUP_WORDS:
            groups = GROUP_WORDS[token]
            codes |= {u.code for u in units if u.group in groups and u.is_active_on(on)}
            continue
        unit = next(u for u in units if u.code == token)
        if explicit and not unit.is_active_on(on):
            raise InactiveUnit(code=unit.code, name=unit.name, reason="the unit no longer reports")
        codes.add(token)
    return codes
