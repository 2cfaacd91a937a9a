"""The text of an official document sent as a file: .docx (python-docx), .pdf with a text layer
(pypdf) or plain text.

Runs in a worker thread (the handler's `asyncio.to_thread`): reading a long PDF takes a while.
Every failure of a reader becomes a domain error the admin can act on.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from bot.domain.errors import DocumentWithoutText, UnreadableDocument, UnsupportedDocument

KINDS = (".docx", ".pdf", ".txt")
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_PDF_PAGES = 300  # a directive has tens of pages; more is not one
_KIND_OF_MIME = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
}


def document_kind(name: str, mime: str) -> str:
    """'.docx', '.pdf' or '.txt' by the file's name, else its MIME type; raise
    UnsupportedDocument for anything else (.doc, images, spreadsheets…)."""
    suffix = PurePath(name.lower()).suffix
    kind = suffix if suffix in KINDS else _KIND_OF_MIME.get(mime.lower(), "")
    if not kind:
        raise UnsupportedDocument(name=name or mime, kinds=", ".join(KINDS))
    return kind


def document_text(name: str, mime: str, data: bytes) -> str:
    """The document's text, paragraphs on their own lines; raise if it cannot be read or
    holds no text."""
    kind = document_kind(name, mime)
    readers = {".docx": _docx_text, ".pdf": _pdf_text, ".txt": _plain_text}
    text = readers[kind](name, data)
    if not text.strip():
        raise DocumentWithoutText(name=name)
    return text


def _plain_text(name: str, data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise UnreadableDocument(name=name, reason="not UTF-8 or UTF-16 text")


def _docx_text(name: str, data: bytes) -> str:
    try:
        document: DocxDocument = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableDocument(name=name, reason=str(error)[:200]) from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _table_lines(table: Table) -> list[str]:
    """One line per row, its cells apart (a merged cell repeats its text: kept once)."""
    lines = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            if not cells or cell.text != cells[-1]:
                cells.append(cell.text)
        lines.append(" | ".join(" ".join(cell.split()) for cell in cells))
    return lines


def _pdf_text(name: str, data: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument(name=name, reason="encrypted")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableDocument(name=name, reason=f"over {MAX_PDF_PAGES} pages")
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise UnreadableDocument(name=name, reason=str(error)[:200]) from error
