"""The dashboard's compliance matrix: which units and reports a page shows.

Pure: the filters as typed in the page's address, checked, and the paging of the rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from bot.domain.errors import InvalidDashboardFilter
from bot.domain.statuses import Standing
from bot.domain.units import UnitGroup

MATRIX_PAGE_SIZE = 100
_DEADLINE_CODE = re.compile(r"[a-z][a-z0-9_]{1,31}")
_PAGE = re.compile(r"[1-9][0-9]{0,5}")
_Choice = TypeVar("_Choice", UnitGroup, Standing)


@dataclass(frozen=True, slots=True)
class MatrixFilter:
    """Which rows and columns to show: a unit group, one deadline, units with a standing in
    any shown report; `page` counts from 1."""

    group: UnitGroup | None = None
    deadline: str | None = None
    standing: Standing | None = None
    page: int = 1


def parse_matrix_filter(params: Mapping[str, str]) -> MatrixFilter:
    """The filter from the page's query (`group`, `deadline`, `standing`, `page`); empty values
    mean "all". Raise InvalidDashboardFilter naming the first bad parameter."""
    group = _choice(params, "group", UnitGroup)
    standing = _choice(params, "standing", Standing)
    deadline = params.get("deadline", "").strip() or None
    if deadline is not None and not _DEADLINE_CODE.fullmatch(deadline):
        raise InvalidDashboardFilter(name="deadline")
    page = params.get("page", "").strip() or "1"
    if not _PAGE.fullmatch(page):
        raise InvalidDashboardFilter(name="page")
    return MatrixFilter(group, deadline, standing, int(page))


def _choice(params: Mapping[str, str], name: str, kind: type[_Choice]) -> _Choice | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        raise InvalidDashboardFilter(name=name) from None


def parse_due_date(value: str) -> date | None:
    """A due date as it appears in a report's address (2020-03-10), or None."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Page:
    """Rows [start, stop) of `count` shown as page `number` of `pages` (at least 1)."""

    number: int
    pages: int
    start: int
    stop: int


def page_of(count: int, wanted: int, size: int = MATRIX_PAGE_SIZE) -> Page:
    """The page to show of `count` rows: `wanted`, or the last one when there are fewer."""
    pages = max(1, -(-count // size))
    number = min(wanted, pages)
    start = (number - 1) * size
    return Page(number, pages, start, min(start + size, count))
