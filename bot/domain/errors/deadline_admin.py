"""Deadline administration: titles and legal bases as typed, recipients, pause and resume,
fields to edit."""

from __future__ import annotations

from bot.domain.errors.base import DomainError


class InvalidDeadlineText(DomainError):
    """A deadline's title or legal basis that cannot be stored as typed (params: reason)."""

    code = "invalid_deadline_text"


class EmptyDeadlineTitle(InvalidDeadlineText):
    """A deadline without a title."""

    code = "empty_deadline_title"


class DeadlineTitleTooLong(InvalidDeadlineText):
    """A title over the limit (params: length, maximum)."""

    code = "deadline_title_too_long"


class LegalBasisTooLong(InvalidDeadlineText):
    """A legal basis over the limit (params: length, maximum)."""

    code = "legal_basis_too_long"


class DeadlineTextControlCharacters(InvalidDeadlineText):
    """A title or legal basis holding line breaks, tabs or invisible characters."""

    code = "deadline_text_control_characters"


class UnknownRecipient(DomainError):
    """A recipient code that is neither a unit nor a known recipient (params: code,
    suggestions, reason)."""

    code = "unknown_recipient"


class DeadlineAlreadyPaused(DomainError):
    """/deadline_pause of a paused deadline (params: code, title)."""

    code = "deadline_already_paused"


class DeadlineNotPaused(DomainError):
    """/deadline_resume of a deadline that runs (params: code, title)."""

    code = "deadline_not_paused"


class InvalidDeadlineField(DomainError):
    """/deadline_edit naming no field of a deadline (params: value)."""

    code = "invalid_deadline_field"
