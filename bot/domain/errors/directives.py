"""Official documents sent to /import."""

from __future__ import annotations

from bot.domain.errors.base import DomainError


class UnsupportedDocument(DomainError):
    """A file /import cannot read (params: name, kinds — the accepted extensions)."""

    code = "unsupported_document"


class DocumentTooLarge(DomainError):
    """A file over the size /import reads (params: name, megabytes — the limit)."""

    code = "document_too_large"


class UnreadableDocument(DomainError):
    """A file whose content is damaged, encrypted or not what its name says (params: name,
    reason)."""

    code = "unreadable_document"


class DocumentWithoutText(DomainError):
    """A file with no text to read: a scanned PDF without a text layer, an empty file
    (params: name)."""

    code = "document_without_text"
