"""The dashboard's HTML pages, rendered with Jinja2 (every value autoescaped).

Words come from the text catalogue (`web.*`, `export.*`, `unit_group.*`) as plain text; the
templates in bot/texts/templates lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from bot.domain.dates import format_vn_date
from bot.domain.digests import STANDING_ORDER
from bot.domain.errors import DomainError
from bot.domain.units import UnitGroup
from bot.services.dashboard import OccurrenceDetail, YearMatrix
from bot.texts import MESSAGES, Lang, error_text

HTML_TYPE = "text/html; charset=utf-8"


@dataclass(frozen=True, slots=True)
class PageFrame:
    """What every page needs besides its content: where the dashboard lives, the language,
    who is reading, and the session's CSRF token for forms (None without a cookie session)."""

    prefix: str
    lang: Lang
    viewer_name: str = ""
    csrf: str | None = None
    can_download: bool = False
    own_units_only: bool = False
    query: dict[str, str] = field(default_factory=dict)  # the year and language kept in links

    def url(self, path: str, **params: object) -> str:
        """`path` under the dashboard's prefix with the kept query and `params` (None: left
        out)."""
        kept = {**self.query, **{k: str(v) for k, v in params.items() if v is not None}}
        return f"{self.prefix}{path}" + (f"?{urlencode(kept)}" if kept else "")


def label(key: str, lang: Lang, **params: object) -> str:
    """The catalogue's text, unescaped (the templates escape it)."""
    template = MESSAGES[key][lang]
    return template.format(**params) if params else template


@cache
def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("bot.texts", "templates"),
                              autoescape=select_autoescape(default=True), trim_blocks=True,
                              lstrip_blocks=True)
    environment.globals.update(label=label, vn_date=format_vn_date)
    return environment


def _render(template: str, frame: PageFrame, **values: object) -> str:
    return _environment().get_template(template).render(frame=frame, lang=frame.lang, **values)


def matrix_page(matrix: YearMatrix, frame: PageFrame, chosen: dict[str, str]) -> str:
    """The year's units × reports, coloured by standing, with filters and paging."""
    return _render("matrix.html", frame, matrix=matrix, chosen=chosen, groups=list(UnitGroup),
                   standings=STANDING_ORDER)


def detail_page(detail: OccurrenceDetail, frame: PageFrame) -> str:
    """One report: every visible unit's standing, dates, note, proposal and who answered."""
    return _render("detail.html", frame, detail=detail)


def message_page(frame: PageFrame, message: str) -> str:
    """A page saying one thing (signed out, refused, not found); `message` is plain text."""
    return _render("message.html", frame, message=message)


def error_page(frame: PageFrame, error: DomainError) -> str:
    """The polite explanation of a domain error, as in chat."""
    # error_text escapes every value and uses only Telegram's HTML tags, valid in a page too.
    return _render("message.html", frame, message=Markup(error_text(error, frame.lang)))
