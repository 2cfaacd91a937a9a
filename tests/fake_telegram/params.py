"""Reading a Bot API request the way Telegram does, and the error it answers.

Telegram takes parameters from the query string, a form-encoded body, a JSON body or a
multipart body. PTB sends form data where every non-string value is JSON-encoded
(``telegram/request/_requestparameter.py``), so typed accessors accept both the native value
(JSON body) and its string form (query or form).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from starlette.datastructures import UploadFile
from starlette.requests import Request

MAX_MULTIPART_FILES = 50


class ApiError(Exception):
    """A Bot API error answer: ``{"ok": false, "error_code": status, "description": ...}``."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def to_payload(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        payload: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            payload["parameters"] = self.parameters
        return payload


def bad_request(reason: str, parameters: dict[str, Any] | None = None) -> ApiError:
    """A 400 answer: ``Bad Request: <reason>``."""
    return ApiError(400, f"Bad Request: {reason}", parameters)


def forbidden(reason: str) -> ApiError:
    """A 403 answer: ``Forbidden: <reason>``."""
    return ApiError(403, f"Forbidden: {reason}")


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    file_name: str | None
    content: bytes
    mime_type: str | None

    def __repr__(self) -> str:
        return f"UploadedFile({self.file_name!r}, {len(self.content)} bytes, {self.mime_type!r})"


def decode_json_value(value: Any) -> Any:
    """``'{"a": 1}'`` → ``{"a": 1}``; values that are not JSON text come back unchanged."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


async def read_request_params(request: Request) -> dict[str, Any]:
    """Every parameter of the request: query string first, then the body (body wins)."""
    query = request.scope.get("query_string", b"")
    params: dict[str, Any] = dict(parse_qsl(query.decode("latin-1"), keep_blank_values=True))
    if request.method != "POST":
        return params
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        body = await request.body()
        # parse_qsl is several times faster than Starlette's multipart-based form parser.
        params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    elif content_type.startswith("application/json"):
        body = await request.body()
        if body:
            try:
                decoded = json.loads(body)
            except ValueError as error:
                raise bad_request("can't parse JSON object") from error
            if isinstance(decoded, dict):
                params.update(decoded)
    elif content_type.startswith("multipart/form-data"):
        async with request.form(max_files=MAX_MULTIPART_FILES) as form:
            for name, value in form.multi_items():
                if isinstance(value, UploadFile):
                    params[name] = UploadedFile(
                        value.filename, await value.read(), value.content_type
                    )
                else:
                    params[name] = value
    return params


class Params:
    """Typed, Telegram-like access to one request's parameters."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def has(self, name: str) -> bool:
        """True when the parameter was sent and is not empty."""
        return self.raw.get(name) not in (None, "")

    def text(self, name: str, default: str | None = None) -> str | None:
        """A string parameter (numbers are accepted and turned into text)."""
        value = self.raw.get(name)
        if value is None:
            return default
        return value if isinstance(value, str) else str(value)

    def integer(self, name: str, default: int | None = None) -> int | None:
        """An integer parameter; a malformed one answers ``Bad Request: <name> is invalid``."""
        value = self.raw.get(name)
        if value in (None, ""):
            return default
        if isinstance(value, bool):
            raise bad_request(f"{name} is invalid")
        try:
            return int(value)
        except (TypeError, ValueError) as error:
            raise bad_request(f"{name} is invalid") from error

    def required_int(self, name: str) -> int:
        """An integer that must be present: ``Bad Request: <name> is empty`` otherwise."""
        value = self.integer(name)
        if value is None:
            raise bad_request(f"{name} is empty")
        return value

    def number(self, name: str, default: float) -> float:
        """A float parameter (``getUpdates`` accepts fractional timeouts here, for tests)."""
        value = self.raw.get(name)
        if value in (None, ""):
            return default
        try:
            return float(value)
        except (TypeError, ValueError) as error:
            raise bad_request(f"{name} is invalid") from error

    def flag(self, name: str) -> bool:
        """A boolean parameter: ``true``/``True``/``1`` are true."""
        value = self.raw.get(name)
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1")
        return bool(value)

    def json(self, name: str) -> Any:
        """A JSON parameter (object or array), decoded from its string form when needed."""
        value = self.raw.get(name)
        if value in (None, ""):
            return None
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError as error:
                raise bad_request(f"can't parse {name} JSON object") from error
        return value

    def chat_id(self, name: str = "chat_id") -> int | str:
        """A chat id: an integer, or ``@username`` for public chats."""
        value = self.raw.get(name)
        if value in (None, ""):
            raise bad_request("chat_id is empty")
        if isinstance(value, str) and value.startswith("@"):
            return value
        try:
            return int(value)
        except (TypeError, ValueError) as error:
            raise bad_request("chat not found") from error

    def upload_or_id(self, name: str) -> UploadedFile | str | None:
        """A file parameter: an upload (directly or via ``attach://<part>``) or a file_id/URL."""
        value = self.raw.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            value = self.raw.get(value.removeprefix("attach://"))
        if isinstance(value, UploadedFile | str):
            return value or None
        return None
