"""The dashboard's filters and paging (pure), and its pages when something goes wrong."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.dependencies import Dependencies
from bot.domain.dashboard import MatrixFilter, Page, page_of, parse_due_date, parse_matrix_filter
from bot.domain.errors import InvalidDashboardFilter
from bot.domain.statuses import Standing
from bot.domain.units import UnitGroup
from bot.web.dashboard import Dashboard
from config.settings import load_settings


def test_the_filter_is_read_from_the_query_and_empty_values_mean_all() -> None:
    assert parse_matrix_filter({}) == MatrixFilter()
    assert parse_matrix_filter({"group": "district", "deadline": "quy", "standing": "overdue",
                                "page": "3"}) == MatrixFilter(
        UnitGroup.DISTRICT, "quy", Standing.OVERDUE, 3)
    assert parse_matrix_filter({"group": "", "standing": " ", "page": ""}) == MatrixFilter()


@pytest.mark.parametrize(("name", "value"), [
    ("group", "province"), ("standing", "late"), ("deadline", "QUY"), ("deadline", "q'--"),
    ("page", "0"), ("page", "-1"), ("page", "1e3"), ("page", "9999999"),
])
def test_a_filter_the_page_does_not_offer_is_refused_by_name(name: str, value: str) -> None:
    with pytest.raises(InvalidDashboardFilter) as refused:
        parse_matrix_filter({name: value})
    assert refused.value.params == {"name": name}


def test_pages_hold_a_hundred_units_and_a_page_past_the_end_shows_the_last() -> None:
    assert page_of(0, 1) == Page(1, 1, 0, 0)
    assert page_of(250, 2) == Page(2, 3, 100, 200)
    assert page_of(250, 7) == Page(3, 3, 200, 250)


def test_due_dates_in_addresses_are_iso_dates() -> None:
    assert parse_due_date("2020-03-10") is not None
    assert [parse_due_date(v) for v in ("2020-02-30", "10/03/2020", "2020-3-10")] == [None] * 3


async def test_an_unexpected_failure_gives_a_polite_page_and_no_traceback() -> None:
    deps = Dependencies(settings=load_settings(_env_file=None), database=cast(Any, None),
                        clock=lambda: datetime(2020, 3, 16, tzinfo=UTC),
                        province=cast(Any, None))
    dashboard = Dashboard(deps, cast(Any, None))

    async def broken(_request: Request) -> Response:
        raise RuntimeError("secret detail of the failure")

    app = Starlette(routes=[Route("/", dashboard._page(broken))])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://dashboard") as client:
        page = await client.get("/")
    assert page.status_code == 500
    assert "Xin lỗi, đã có lỗi khi mở trang" in page.text
    assert "secret detail" not in page.text and "Traceback" not in page.text
