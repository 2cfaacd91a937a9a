"""The office's dashboard over HTTP: sign-in, the year's matrix, a report's detail and the
office's actions on it, the files units attached (fetched through the bot), a unit's history,
the on-time chart, the workbook.

Thin: each route finds who is reading (session cookie or Mini App data), calls one service
in a unit of work and renders a page. Domain errors become polite pages with a fitting status.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import cast
from urllib.parse import quote

from loguru import logger
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import Scope

from bot.app import BotApplication
from bot.context import REMINDERS_KEY
from bot.dependencies import Dependencies
from bot.domain.dashboard import parse_due_date, parse_matrix_filter
from bot.domain.dates import format_vn_date
from bot.domain.errors import (
    DomainError,
    ExpiredLoginLink,
    NotAllowed,
    OccurrenceNotInYear,
    OfficePageOnly,
    StatusFileNotVisible,
    UnitNotVisible,
    UnknownLoginLink,
    UnknownStatusFile,
    UnknownUnit,
    UsedLoginLink,
    WebSignInRefused,
)
from bot.domain.office_actions import OfficeActionKind
from bot.domain.roles import Role, require
from bot.domain.web_auth import SESSION_LIFETIME, csrf_matches, csrf_token
from bot.file_archive import download_into_memory
from bot.notices import NoticeDelivery
from bot.office_notices import tell_unit
from bot.services import charts, dashboard, export, office_actions, onboarding, web_access
from bot.services.office_actions import OfficeNotice, ReportTarget
from bot.services.people import Caller
from bot.texts import Lang
from bot.texts.dashboard_render import (
    HTML_TYPE,
    Done,
    PageFrame,
    chart_page,
    detail_page,
    error_page,
    label,
    matrix_page,
    message_page,
    registration_page,
    static_asset,
    unit_page,
)
from bot.texts.export_render import export_workbook
from bot.web.request_limits import MAX_BODY_BYTES, BodySizeLimit, BodyTooLarge
from bot.web.security_headers import NO_CACHE, SECURITY_HEADERS, SecurityHeaders
from scheduler.runner import ReminderRunner

SESSION_COOKIE = "deadline_bot_session"
# A Mini App sends Telegram.WebApp.initData in this header with every request.
INIT_DATA_HEADER = "X-Telegram-Init-Data"
_FILTERS = ("group", "deadline", "standing")
_PAGE_HEADERS = {**SECURITY_HEADERS, **NO_CACHE}
# The stylesheet and the script are named with their content's hash (`?v=`): kept for good.
_ASSET_HEADERS = {**SECURITY_HEADERS, "Cache-Control": "public, max-age=31536000, immutable"}
# The dashboard's forms have two fields (csrf, unit) of at most 64 characters, and no file.
MAX_FORM_FIELDS = 8
MAX_FORM_FIELD_BYTES = 1024
_STATUS: tuple[tuple[type[DomainError], int], ...] = (
    (UnknownLoginLink, 404), (UsedLoginLink, 410), (ExpiredLoginLink, 410),
    (WebSignInRefused, 401), (NotAllowed, 403), (OfficePageOnly, 403), (OccurrenceNotInYear, 404),
    (UnitNotVisible, 403), (UnknownUnit, 404), (UnknownStatusFile, 404),
    (StatusFileNotVisible, 403),
)

Handler = Callable[[Request], Awaitable[Response]]


class _Unauthenticated(Exception):
    """Nobody is signed in (no cookie, or one that expired)."""


class _ForgedForm(Exception):
    """A post without the CSRF token of the reader's session."""


class _MalformedForm(Exception):
    """A post whose body is not a form the dashboard sends: not parsable, a file, too many
    fields or too long a field."""


@dataclass(frozen=True, slots=True)
class _Reader:
    """Who reads the page, their session cookie (None when signed in by the Mini App), and
    the secret their forms' CSRF token derives from (the cookie, or the Mini App's data)."""

    caller: Caller
    cookie: str | None
    secret: str


@dataclass
class Dashboard:
    """The dashboard's routes over the process's dependencies; `application` is the running
    bot, which tells units what the office did from the page."""

    deps: Dependencies
    application: BotApplication

    def routes(self) -> list[BaseRoute]:
        """Every route, under the path of WEB_BASE_URL."""
        routes: list[BaseRoute] = [
            Route("/", self._page(self.matrix), methods=["GET"]),
            Route("/report/{deadline}/{due}", self._page(self.detail), methods=["GET"]),
            Route("/report/{deadline}/{due}/{action}", self._page(self.act), methods=["POST"]),
            Route("/file/{file_id}", self._page(self.file), methods=["GET"]),
            Route("/unit/{code}", self._page(self.unit), methods=["GET"]),
            Route("/chart", self._page(self.chart), methods=["GET"]),
            Route("/registration", self._page(self.registration), methods=["GET"]),
            Route("/xlsx", self._page(self.workbook), methods=["GET"]),
            Route("/login/{token}", self._page(self.login), methods=["GET"]),
            Route("/logout", self._page(self.logout), methods=["POST"]),
            Route("/static/{name}", self._page(self.asset), methods=["GET"]),
        ]
        prefix = self.deps.settings.web.path_prefix
        return [Mount(prefix, routes=routes)] if prefix else routes

    def middleware(self) -> list[Middleware]:
        """What wraps the server's routes: the security headers on every answer (Starlette's
        own 404 and 405 included), then the bound on a request's body."""
        return [Middleware(SecurityHeaders),
                Middleware(BodySizeLimit, limit=MAX_BODY_BYTES, refusal=self._too_large)]

    async def matrix(self, request: Request) -> Response:
        """GET /?year=&group=&deadline=&standing=&page=: the year's units × reports."""
        reader = await self._reader(request)
        visible = web_access.visible_units(reader.caller)
        wanted = parse_matrix_filter(request.query_params)
        typed, now, timing = request.query_params.get("year"), self.deps.clock(), self.deps.timing
        matrix = await self.deps.database.run(lambda s: dashboard.year_matrix(
            s, typed, now, timing, visible, wanted))
        chosen = {name: request.query_params[name] for name in _FILTERS
                  if request.query_params.get(name)}
        return _html(matrix_page(matrix, self._frame(request, reader), chosen))

    async def detail(self, request: Request) -> Response:
        """GET /report/<deadline>/<due date>?year=: one report, unit by unit."""
        reader = await self._reader(request)
        visible = web_access.visible_units(reader.caller)
        deadline, due = request.path_params["deadline"], request.path_params["due"]
        typed, now, timing = request.query_params.get("year"), self.deps.clock(), self.deps.timing
        detail = await self.deps.database.run(lambda s: dashboard.occurrence_detail(
            s, typed, deadline, due, now, timing, visible))
        return _html(detail_page(detail, self._frame(request, reader), _done(request)))

    async def act(self, request: Request) -> Response:
        """POST /report/<deadline>/<due>/<giahan|dondoc> (unit, csrf): what the digest's button
        does, through the same service, then back to the report with a confirmation."""
        reader = await self._reader(request)
        form = await _checked_form(request, reader)
        action, due = request.path_params["action"], parse_due_date(request.path_params["due"])
        if action not in set(OfficeActionKind) or due is None:
            return self._refuse(request, 404, "web.error.not_found")
        unit = form.get("unit")
        target = ReportTarget(request.path_params["deadline"][:32], format_vn_date(due),
                              unit[:32] if isinstance(unit, str) else "", from_button=True)
        caller, kind, now, timing = (reader.caller, OfficeActionKind(action), self.deps.clock(),
                                     self.deps.timing)
        notice = await self.deps.database.run(
            lambda s: office_actions.perform(s, caller, kind, target, now, timing))
        sent = await self._tell_unit(notice)
        back = self._frame(request, reader).url(
            f"/report/{notice.deadline_code}/{due.isoformat()}", done=kind.value,
            unit=notice.unit_code, told=sent.delivered)
        return RedirectResponse(back, status_code=303, headers=_PAGE_HEADERS)

    async def file(self, request: Request) -> Response:
        """GET /file/<id>: a file a unit attached, fetched through the bot (no transaction
        open meanwhile) and handed over as a download."""
        reader = await self._reader(request)
        visible = web_access.visible_units(reader.caller)
        typed = request.path_params["file_id"]
        found = await self.deps.database.run(
            lambda s: dashboard.file_to_download(s, typed, visible))
        content = await download_into_memory(self.application.bot, found.telegram_file_id)
        if content is None:
            return self._refuse(request, 502, "web.error.file_unavailable")
        return Response(content, media_type=found.mime_type, headers={
            **_PAGE_HEADERS, "Content-Disposition": _attachment(found.file_name)})

    async def unit(self, request: Request) -> Response:
        """GET /unit/<code>?year=: the unit's reports of the year and its on-time rate."""
        reader = await self._reader(request)
        visible = web_access.visible_units(reader.caller)
        code = request.path_params["code"]
        typed, now, timing = request.query_params.get("year"), self.deps.clock(), self.deps.timing
        history = await self.deps.database.run(lambda s: dashboard.unit_history(
            s, typed, code, now, timing, visible))
        return _html(unit_page(history, self._frame(request, reader)))

    async def chart(self, request: Request) -> Response:
        """GET /chart?year=: the /chart figures drawn in the page (the office and admins)."""
        reader = await self._reader(request)
        require(reader.caller.roles, "chart")
        typed, now, timing = request.query_params.get("year"), self.deps.clock(), self.deps.timing
        chart = await self.deps.database.run(
            lambda s: charts.on_time_chart(s, typed, now, timing))
        return _html(chart_page(chart, self._frame(request, reader)))

    async def registration(self, request: Request) -> Response:
        """GET /registration: the units without an officer or a head (the office, admins)."""
        reader = await self._reader(request)
        caller, now, timing = reader.caller, self.deps.clock(), self.deps.timing
        gaps = await self.deps.database.run(
            lambda s: onboarding.registration_overview(s, caller, now, timing))
        return _html(registration_page(gaps, self._frame(request, reader)))

    async def workbook(self, request: Request) -> Response:
        """GET /xlsx?year=: the /export workbook (the office and admins, as /export)."""
        reader = await self._reader(request)
        require(reader.caller.roles, "export")
        typed, now, timing = request.query_params.get("year"), self.deps.clock(), self.deps.timing
        lang = self._lang(request)
        made = await self.deps.database.run(
            lambda s: export_workbook(export.year_export(s, typed, now, timing), lang))
        return Response(made.content, media_type=made.mime_type, headers={
            **_PAGE_HEADERS, "Content-Disposition": _attachment(made.file_name)})

    async def login(self, request: Request) -> Response:
        """GET /login/<token>: use the link up, set the session cookie, go to the matrix."""
        token, now = request.path_params["token"], self.deps.clock()
        issued = await self.deps.database.run(
            lambda s: web_access.open_login_link(s, token, now))
        web = self.deps.settings.web
        response = RedirectResponse(f"{web.path_prefix}/", status_code=303, headers=_PAGE_HEADERS)
        response.set_cookie(SESSION_COOKIE, issued.token,
                            max_age=int(SESSION_LIFETIME.total_seconds()),
                            path=f"{web.path_prefix}/", secure=web.secure, httponly=True,
                            samesite="lax")
        return response

    async def logout(self, request: Request) -> Response:
        """POST /logout (with the session's CSRF token): end the session."""
        reader = await self._reader(request)
        await _checked_form(request, reader)
        cookie = reader.cookie
        if cookie is None:  # a Mini App has no session to end
            return self._refuse(request, 404, "web.error.not_found")
        await self.deps.database.run(lambda s: web_access.end_session(s, cookie))
        lang = self._lang(request)
        response = _html(message_page(self._bare_frame(request), label("web.signed_out", lang)))
        response.delete_cookie(SESSION_COOKIE, path=f"{self.deps.settings.web.path_prefix}/")
        return response

    async def asset(self, request: Request) -> Response:
        """GET /static/<name>: the pages' stylesheet or script (no sign-in: nothing private)."""
        found = static_asset(request.path_params["name"])
        if found is None:
            return self._refuse(request, 404, "web.error.not_found")
        return Response(found.content, media_type=found.media_type, headers=_ASSET_HEADERS)

    async def _reader(self, request: Request) -> _Reader:
        """The Mini App's user (its data checked on every request) or the session's owner.

        Raise InvalidInitData / ExpiredInitData for bad Mini App data, _Unauthenticated when
        nobody is signed in."""
        now = self.deps.clock()
        init_data = request.headers.get(INIT_DATA_HEADER)
        if init_data is not None:
            token = self.deps.settings.token
            caller = await self.deps.database.run(
                lambda s: web_access.mini_app_viewer(s, init_data, token, now))
            return _Reader(caller, None, init_data)
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie is None:
            raise _Unauthenticated()
        viewer = await self.deps.database.run(lambda s: web_access.session_viewer(s, cookie, now))
        if viewer is None:
            raise _Unauthenticated()
        return _Reader(viewer, cookie, cookie)

    def _page(self, handler: Handler) -> Handler:
        """`handler` with its refusals and failures turned into polite pages."""
        async def page(request: Request) -> Response:
            try:
                return await handler(request)
            except _Unauthenticated:
                return self._refuse(request, 401, "web.error.sign_in")
            except _ForgedForm:
                return self._refuse(request, 403, "web.error.csrf")
            except NotAllowed as error:
                if error.params.get("command") == "web":  # no role at all: who may come in
                    return self._refuse(request, 403, "web.error.forbidden")
                return _html(error_page(self._bare_frame(request), error), 403)
            except DomainError as error:
                status = next((code for kind, code in _STATUS if isinstance(error, kind)), 400)
                return _html(error_page(self._bare_frame(request), error), status)
            except _MalformedForm as error:
                logger.warning("Dashboard post to {} refused: {}", request.url.path, error)
                return self._refuse(request, 400, "web.error.bad_form")
            except BodyTooLarge:
                raise  # BodySizeLimit answers it
            except ClientDisconnect:
                logger.info("Dashboard post to {}: the client left before sending it all",
                            request.url.path)
                return Response(status_code=400)
            except Exception:
                logger.exception("Dashboard page {} failed", request.url.path)
                return self._refuse(request, 500, "web.error.unexpected")
        return page

    def _too_large(self, scope: Scope) -> Response:
        return self._refuse(Request(scope), 413, "web.error.too_large")

    def _refuse(self, request: Request, status: int, key: str) -> Response:
        frame = self._bare_frame(request)
        return _html(message_page(frame, label(key, frame.lang)), status)

    def _frame(self, request: Request, reader: _Reader) -> PageFrame:
        roles = reader.caller.roles
        query = {name: request.query_params[name] for name in ("year", "lang")
                 if request.query_params.get(name)}
        return PageFrame(
            prefix=self.deps.settings.web.path_prefix, lang=self._lang(request),
            viewer_name=reader.caller.full_name,
            csrf=csrf_token(reader.secret), mini_app=reader.cookie is None,
            can_download=bool(roles & {Role.OFFICE, Role.ADMIN}),
            own_units_only=not roles & {Role.OFFICE, Role.ADMIN}, query=query)

    async def _tell_unit(self, notice: OfficeNotice) -> NoticeDelivery:
        reminders = cast(ReminderRunner, self.application.bot_data[REMINDERS_KEY])
        return await tell_unit(self.application.bot, self.deps, reminders, notice)

    def _bare_frame(self, request: Request) -> PageFrame:
        return PageFrame(prefix=self.deps.settings.web.path_prefix, lang=self._lang(request),
                         mini_app=INIT_DATA_HEADER in request.headers)

    def _lang(self, request: Request) -> Lang:
        asked = request.query_params.get("lang")
        return cast(Lang, asked) if asked in ("vi", "en") else self.deps.settings.bot_language


async def _checked_form(request: Request, reader: _Reader) -> FormData:
    """The posted form; raise _MalformedForm if it is not one the dashboard sends, _ForgedForm
    unless it carries the reader's CSRF token."""
    try:
        form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS,
                                  max_part_size=MAX_FORM_FIELD_BYTES)
    except HTTPException as error:  # how Starlette refuses a form its parser cannot take
        raise _MalformedForm(error.detail) from None
    given = form.get("csrf")
    if not isinstance(given, str) or not csrf_matches(reader.secret, given):
        raise _ForgedForm()
    return form


def _done(request: Request) -> Done | None:
    """What the office just did, named by the address the action redirected to (shown only;
    a made-up address changes nothing)."""
    kind, unit, told = (request.query_params.get(name) for name in ("done", "unit", "told"))
    if kind not in set(OfficeActionKind) or not unit or not (told or "").isdigit():
        return None
    return Done(OfficeActionKind(kind), unit, int(told or 0))


def _attachment(file_name: str) -> str:
    """A download named `file_name`, Vietnamese letters and all (RFC 5987 / RFC 6266)."""
    return f"attachment; filename*=UTF-8''{quote(file_name, safe='')}"


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=_PAGE_HEADERS, media_type=HTML_TYPE)
