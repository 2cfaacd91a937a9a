"""The dashboard's HTML pages, rendered with Jinja2 (every value autoescaped).

Words come from the text catalogue (`web.*`, `export.*`, `unit_group.*`) as plain text; the
templates in bot/texts/templates lay them out, with the stylesheet and the Mini App's script
from bot/texts/static (files, so that the pages' Content-Security-Policy needs no inline code).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from hashlib import sha256
from importlib.resources import files
from itertools import groupby
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from bot.domain.dates import format_vn_date
from bot.domain.digests import STANDING_ORDER
from bot.domain.errors import DomainError
from bot.domain.exports import OnTimeRate, ranked_units
from bot.domain.office_actions import OfficeActionKind, line_actions
from bot.domain.onboarding import RegistrationGaps, UnitRegistration
from bot.domain.units import Unit, UnitGroup
from bot.services.charts import OnTimeChart
from bot.services.dashboard import OccurrenceDetail, UnitHistory, YearMatrix
from bot.texts import MESSAGES, Lang, error_text
from bot.texts.chart_render import bar_colour, chart_caption, rate_figure, rate_percent
from bot.texts.onboarding_render import by_group
from bot.texts.statuses_render import file_size_text

HTML_TYPE = "text/html; charset=utf-8"
# Every file under bot/texts/static the pages use, and its type.
_STATIC_TYPES = {"dashboard.css": "text/css; charset=utf-8",
                 "mini_app.js": "text/javascript; charset=utf-8"}


@dataclass(frozen=True, slots=True)
class StaticAsset:
    """A file of the pages: its content, type and version (a hash of the content)."""

    content: bytes
    media_type: str
    version: str


def static_asset(name: str) -> StaticAsset | None:
    """The pages' file called `name` (see _STATIC_TYPES), or None for any other name."""
    return _load_static(name) if name in _STATIC_TYPES else None


@cache
def _load_static(name: str) -> StaticAsset:
    content = (files("bot.texts") / "static" / name).read_bytes()
    return StaticAsset(content, _STATIC_TYPES[name], sha256(content).hexdigest()[:16])


@dataclass(frozen=True, slots=True)
class PageFrame:
    """What every page needs besides its content: where the dashboard lives, the language,
    who is reading, the CSRF token for their forms (None for nobody signed in), whether they
    came through the Mini App (no session to end) and whether they are the office or an admin
    (the workbook, the chart and the actions)."""

    prefix: str
    lang: Lang
    viewer_name: str = ""
    csrf: str | None = None
    mini_app: bool = False
    can_download: bool = False
    own_units_only: bool = False
    query: dict[str, str] = field(default_factory=dict)  # the year and language kept in links

    def url(self, path: str, **params: object) -> str:
        """`path` under the dashboard's prefix with the kept query and `params` (None: left
        out)."""
        kept = {**self.query, **{k: str(v) for k, v in params.items() if v is not None}}
        return f"{self.prefix}{path}" + (f"?{urlencode(kept)}" if kept else "")

    def asset_url(self, name: str) -> str:
        """The address of the pages' file `name`, which changes whenever the file does."""
        found = static_asset(name)
        assert found is not None, name
        return f"{self.prefix}/static/{name}?v={found.version}"


@dataclass(frozen=True, slots=True)
class Done:
    """What the office just did from the page, for its confirmation: the action, the unit's
    code and how many of the unit's chats were told."""

    kind: OfficeActionKind
    unit_code: str
    told: int


@dataclass(frozen=True, slots=True)
class ChartBar:
    """One bar of the chart: its label, its unit's code (None for a quarter), the rate."""

    label: str
    code: str | None
    rate: OnTimeRate

    @property
    def percent(self) -> int:
        return rate_percent(self.rate)

    @property
    def figure(self) -> str:
        return rate_figure(self.rate)

    @property
    def colour(self) -> str:
        return bar_colour(self.rate.rate)


def label(key: str, lang: Lang, **params: object) -> str:
    """The catalogue's text, unescaped (the templates escape it)."""
    template = MESSAGES[key][lang]
    return template.format(**params) if params else template


def unit_names(units: Sequence[Unit]) -> str:
    """'Sở Tài chính (stc), Xã Càng Long (xacl)': plain text, escaped by the template."""
    return ", ".join(f"{unit.name} ({unit.code})" for unit in units)


@cache
def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("bot.texts", "templates"),
                              autoescape=select_autoescape(default=True), trim_blocks=True,
                              lstrip_blocks=True)
    environment.globals.update(label=label, unit_names=unit_names, vn_date=format_vn_date, percent=rate_percent,
                               file_size=file_size_text)
    return environment


def _render(template: str, frame: PageFrame, **values: object) -> str:
    return _environment().get_template(template).render(frame=frame, lang=frame.lang, **values)


def matrix_page(matrix: YearMatrix, frame: PageFrame, chosen: dict[str, str]) -> str:
    """The year's units × reports, coloured by standing, with filters and paging."""
    return _render("matrix.html", frame, matrix=matrix, chosen=chosen, groups=list(UnitGroup),
                   standings=STANDING_ORDER)


def detail_page(detail: OccurrenceDetail, frame: PageFrame, done: Done | None = None) -> str:
    """One report: every visible unit's standing, dates, note, proposal and who answered, and
    the files units attached (links to download them); for the office, the units it can act on with a form each, and what it has just done."""
    names = {line.unit_code: line.unit_name for line in detail.lines}
    pending = [(line, kind) for line in detail.lines
               for kind in line_actions(line, detail.occurrence, detail.today)
               ] if frame.can_download else []
    return _render("detail.html", frame, detail=detail, pending=pending,
                   confirmation=_confirmation(done, names, frame.lang))


def _confirmation(done: Done | None, names: dict[str, str], lang: Lang) -> str | None:
    if done is None or done.unit_code not in names:
        return None
    message = label(f"web.done.{done.kind.value}", lang, unit=names[done.unit_code],
                    count=done.told)
    return message if done.told else f"{message} {label('office.done.nobody', lang)}"


def unit_page(history: UnitHistory, frame: PageFrame) -> str:
    """One unit's reports of the year, with its on-time rate as /chart counts it."""
    return _render("unit.html", frame, history=history)


def chart_page(chart: OnTimeChart, frame: PageFrame) -> str:
    """The /chart figures as bars in the page: the units (best and worst when there are many,
    as in the picture), then the quarters."""
    # By identity: ranked_units hands back the same objects, and two units may share figures.
    codes = {id(rate): code for rate, code in zip(chart.units, chart.unit_codes, strict=True)}
    best, worst = ranked_units(chart.units)
    quarter = label("chart.quarter", frame.lang)
    return _render(
        "chart.html", frame, chart=chart,
        best=[ChartBar(r.label, codes[id(r)], r) for r in best],
        worst=[ChartBar(r.label, codes[id(r)], r) for r in worst],
        quarters=[ChartBar(quarter.format(name=q.label), None, q) for q in chart.quarters],
        caption=Markup(chart_caption(chart, frame.lang)))


@dataclass(frozen=True, slots=True)
class GapSection:
    """One list of the registration page: its key (`no_officer`, `no_head`), how many units
    it names, and those units under their group's label."""

    key: str
    count: int
    groups: tuple[tuple[str, tuple[UnitRegistration, ...]], ...]


def registration_page(gaps: RegistrationGaps, frame: PageFrame) -> str:
    """The units followed that have no reporting officer, then those with no head, each list
    by group: a page that reads on a phone (lists, no wide table)."""
    sections = [GapSection(key, len(entries), _grouped(entries, frame.lang))
                for key, entries in (("no_officer", gaps.without_officer),
                                     ("no_head", gaps.without_head))]
    return _render("registration.html", frame, gaps=gaps, sections=sections)


def _grouped(entries: Sequence[UnitRegistration], lang: Lang
             ) -> tuple[tuple[str, tuple[UnitRegistration, ...]], ...]:
    return tuple((label(f"unit_group.{group.value}", lang), tuple(found))
                 for group, found in groupby(by_group(entries), key=lambda e: e.unit.group))


def message_page(frame: PageFrame, message: str) -> str:
    """A page saying one thing (signed out, refused, not found); `message` is plain text."""
    return _render("message.html", frame, message=message)


def error_page(frame: PageFrame, error: DomainError) -> str:
    """The polite explanation of a domain error, as in chat."""
    # error_text escapes every value and uses only Telegram's HTML tags, valid in a page too.
    return _render("message.html", frame, message=Markup(error_text(error, frame.lang)))
