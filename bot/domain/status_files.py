"""Files a unit attaches to its report: which are accepted, their names, where a copy is kept.

The formal report still goes through the official document system; a file here is the unit's
copy for the office, so only document, spreadsheet, image and archive types are taken.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bot.domain.errors import FileTooLarge, FileTypeNotAllowed

# Extensions taken, in the order the refusal names them.
ALLOWED_EXTENSIONS: tuple[str, ...] = (
    "pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png", "zip")
# For files sent without a usable name (a photo, a document named without an extension).
_EXTENSION_OF_TYPE = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/zip": "zip",
    "application/x-zip-compressed": "zip",
}
# A file name in the archive is at most 255 bytes (ext4, XFS, Btrfs; UTF-8 on Linux): a long
# Vietnamese title takes up to 3 bytes a letter, so characters are no measure of it.
MAX_NAME_BYTES = 255
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


@dataclass(frozen=True, slots=True)
class IncomingFile:
    """A file as Telegram describes it (a document, or the largest size of a photo)."""

    file_id: str
    file_unique_id: str
    file_name: str  # "" when Telegram gives none (photos)
    mime_type: str
    size: int | None  # bytes; None when Telegram omits it
    caption: str = ""


@dataclass(frozen=True, slots=True)
class AcceptedFile:
    """A file that passed the checks, with the name it is stored and archived under."""

    name: str
    extension: str
    mime_type: str
    size: int | None


def check_file(file: IncomingFile, max_bytes: int) -> AcceptedFile:
    """The file if its type is allowed and it is at most `max_bytes`; else raise
    FileTypeNotAllowed or FileTooLarge (type first: a wrong type is refused whatever its size)."""
    extension = file_extension(file.file_name, file.mime_type)
    shown = file.file_name or file.mime_type or "?"
    if extension not in ALLOWED_EXTENSIONS:
        raise FileTypeNotAllowed(name=shown, allowed=allowed_types(),
                                 reason=f"extension {extension!r} is not allowed")
    if file.size is not None and file.size > max_bytes:
        raise FileTooLarge(name=shown, size=megabytes(file.size), maximum=megabytes(max_bytes),
                           reason=f"{file.size} bytes > {max_bytes}")
    return AcceptedFile(clean_file_name(file.file_name, extension, file.file_unique_id),
                        extension, file.mime_type, file.size)


def file_extension(file_name: str, mime_type: str) -> str:
    """The lower-case extension of the name, else the one its type implies ('' if neither)."""
    suffix = PurePosixPath(file_name.replace("\\", "/")).suffix.lower().lstrip(".")
    return suffix or _EXTENSION_OF_TYPE.get(mime_type.lower(), "")


def clean_file_name(file_name: str, extension: str, fallback_stem: str) -> str:
    """A name safe to store and to use as a file in the archive: NFC, no folders, no control
    or reserved characters, no leading dots, at most MAX_NAME_BYTES bytes in UTF-8 (cut at a
    whole character), ending in `.extension`."""
    base = PurePosixPath(unicodedata.normalize("NFC", file_name).replace("\\", "/")).name
    stem = base[: -len(PurePosixPath(base).suffix)] if PurePosixPath(base).suffix else base
    stem = " ".join(_UNSAFE.sub(" ", stem).split()).lstrip(".") or f"tep_{fallback_stem}"
    return fitted_name(stem, f".{extension}")


def fitted_name(stem: str, ending: str) -> str:
    """`stem + ending`, the stem shortened so that the name is at most MAX_NAME_BYTES bytes in
    UTF-8; it is cut before a whole character, never inside one or between a letter and its
    marks."""
    room = MAX_NAME_BYTES - len(ending.encode())
    size, cut = 0, 0
    for index, char in enumerate(stem):
        if not unicodedata.combining(char):
            cut = index  # cutting here leaves every mark with its letter
        size += len(char.encode())
        if size > room:
            return stem[:cut].rstrip() + ending
    return stem + ending


def archive_path(root: Path, year: int, deadline_code: str, unit_code: str,
                 file_name: str) -> Path:
    """Where the archive keeps a file: <root>/<year>/<deadline code>/<unit code>/<file name>.

    Codes are ASCII letters, digits and '_', and the name went through clean_file_name, so
    the path never leaves `root`.
    """
    return root / str(year) / deadline_code / unit_code / file_name


def numbered(path: Path, number: int) -> Path:
    """The `number`-th alternative to a taken name: 'bao-cao (2).pdf', within MAX_NAME_BYTES."""
    return path.with_name(fitted_name(path.stem, f" ({number}){path.suffix}"))


def allowed_types() -> str:
    """The allowed extensions as people read them: 'PDF, DOC, DOCX, …'."""
    return ", ".join(ext.upper() for ext in ALLOWED_EXTENSIONS if ext != "jpeg")


def megabytes(size: int) -> str:
    """A size in MB the Vietnamese way, one decimal: 1,5."""
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0").replace(".", ",")
