"""The root of every error the user can fix: a message code (looked up in `bot.texts`) and
the values that fill it."""

from __future__ import annotations


class DomainError(Exception):
    """A problem with what the user asked for; nothing was changed.

    `code` selects the message in `bot.texts.errors`; `params` fill its placeholders.
    """

    code: str = "invalid_input"

    def __init__(self, **params: object) -> None:
        super().__init__(f"{self.code}: {params}")
        self.params: dict[str, object] = params
