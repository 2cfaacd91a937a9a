"""An official document's text cut into clauses, with what its header says (pure).

Documents reach us with lines broken in mid-sentence (PDF text layers, web copies), as
markdown, or with OCR noise. A clause is a list item or a sentence, joined back into one line;
each clause keeps the numbered items it sits under ("1. Thủ trưởng các Sở, ngành tỉnh …" above
"1.1. Trước ngày 20/01/2020, …"), because the units a clause binds are often named only there.

Matching runs on a folded copy (lowercase ASCII, 'đ' → 'd', diacritics dropped) that keeps one
character per original character, so a span found in the folded text quotes the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from bot.domain.dates import checked_date, format_vn_date
from bot.domain.deadline_phrases import REPORTING
from bot.domain.errors import InvalidDate

# A line that starts a new item: "1.", "1.1.", "a)", "-", "+", "•", "*", "II.", "Điều 2.", "#".
_ITEM_START = re.compile(
    r"^\s*(?:#{1,6}\s*|[-+•*–]\s+|\(?[a-zđ]\)\s*|\d{1,2}(?:\.\d{1,2})*[.)]\s*"
    r"|[IVX]{1,5}\.\s*|(?:điều|dieu)\s+\d+\.?\s*|[A-Z]\.\s+)",
    re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:#{1,6}\s*)?(\d{1,2}(?:\.\d{1,2})*|[a-zđ]|[IVX]{1,5}|[A-Z])[.)]",
                        re.IGNORECASE)
# Not at ':' — 'Báo cáo định kỳ hàng tháng: Thời hạn gửi … ngày 20' is one duty.
# and ';' ends a duty whatever follows ('… trước ngày 15 tháng 01; chủ đầu tư … trước ngày 20').
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ*])|(?<=;)\s+")
_MARKUP = re.compile(r"\*{2,3}|_{2,}|`")  # a lone '*' may be a bullet
_HEADER_CHARS = 3000  # the place-and-date line sits above the title
_ISSUED = re.compile(r"[a-z)],?\s*ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})")
_NUMBER = re.compile(r"\bS[ốô]\s*:?\s*(\d{1,5}\s*/\s*[0-9A-Za-zĐđ./-]*[A-Za-zĐđ][0-9A-Za-zĐđ-]*)")
_KINDS = ("QUYẾT ĐỊNH", "CHỈ THỊ", "KẾ HOẠCH", "CÔNG VĂN", "THÔNG BÁO", "NGHỊ QUYẾT",
          "THÔNG TƯ", "NGHỊ ĐỊNH", "QUY CHẾ", "QUY ĐỊNH", "CHƯƠNG TRÌNH")


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause: its text on one line, its folded twin, its item number ('1.3', '' if
    none) and the texts of the items it sits under, nearest last (and their folded twins)."""

    text: str
    folded: str
    number: str
    parents: tuple[str, ...] = ()
    folded_parents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentHeader:
    """What the header says: kind ('Quyết định'), number ('01/QĐ-UBND'), signing date."""

    kind: str = ""
    number: str = ""
    issued: date | None = None

    def citation(self, unnamed_kind: str = "") -> str:
        """'Quyết định số 01/QĐ-UBND ngày 02/01/2020' (what the header lacks left out;
        `unnamed_kind` stands in for a kind it does not say)."""
        return " ".join(part for part in (
            self.kind or unnamed_kind,
            f"số {self.number}" if self.number else "",
            f"ngày {format_vn_date(self.issued)}" if self.issued else "") if part)


def fold_text(text: str) -> str:
    """`text` (NFC) folded to lowercase ASCII with exactly one character per character."""
    return "".join(_fold_char(char) for char in text)


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base.lower()[:1] if base else " "  # a lone combining mark keeps its place


def clean_text(raw: str) -> str:
    """NFC text without markdown emphasis, non-breaking or zero-width spaces, or CR."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00a0\u2007\u202f\t]", " ", text)
    text = re.sub(r"[\u200b-\u200d\ufeff]", "", text)
    return _MARKUP.sub("", text)


def document_header(text: str) -> DocumentHeader:
    """The kind, number and signing date found in the document's first lines (each may be
    missing)."""
    head = clean_text(text)[:_HEADER_CHARS]
    folded = " ".join(fold_text(head).split())
    issued = None
    for match in _ISSUED.finditer(folded):
        try:
            issued = checked_date(match[0], int(match[3]), int(match[2]), int(match[1]))
        except InvalidDate:  # a garbled date is no signing date
            continue
        break
    number = _NUMBER.search(head)
    one_line = " ".join(head.split()).upper()
    kinds = [(one_line.find(kind), kind) for kind in _KINDS if kind in one_line]
    kind = min(kinds)[1].capitalize() if kinds else ""
    return DocumentHeader(kind, re.sub(r"\s+", "", number[1]) if number else "", issued)


def clauses(text: str) -> tuple[Clause, ...]:
    """The document's clauses in order, each with the items it sits under."""
    found: list[Clause] = []
    stack: list[tuple[int, str, str]] = []  # (depth, text, folded) of the open items
    for paragraph in _paragraphs(clean_text(text)):
        number = _item_number(paragraph)
        depth = _depth(paragraph, number)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents = tuple(item for _, item, _ in stack)
        folded_parents = tuple(folded for _, _, folded in stack)
        for sentence in _sentences(paragraph):
            found.append(Clause(sentence, fold_text(sentence), number, parents, folded_parents))
        if depth < _PLAIN:
            stack.append((depth, paragraph, fold_text(paragraph)))
    return tuple(found)


_PLAIN = 9  # the depth of a paragraph with no numbering


def _paragraphs(text: str) -> list[str]:
    """Lines joined into paragraphs: a new one starts at an item marker, after a line that
    ends a sentence and after a blank line; table cell bars and rule lines are dropped."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw_line in text.split("\n"):
        line = " ".join(raw_line.replace("|", " ").split())
        if not line or set(line) <= set("-_=*"):
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and (_ITEM_START.match(line) or (_ends_sentence(current[-1])
                        and not _continues_after_semicolon(current[-1], line))):
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
        if line.startswith("#"):  # a markdown heading is a paragraph of its own
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences; its numbering ('1.1.') stays with the first, and a part
    after ';' with no reporting verb of its own stays with the part before it."""
    marker = _ITEM_START.match(paragraph)
    lead = paragraph[:marker.end()] if marker else ""
    sentences: list[str] = []
    for part in _SENTENCE_END.split(paragraph[len(lead):]):
        part = part.strip()
        if sentences and sentences[-1].endswith(";") and not REPORTING.search(fold_text(part)):
            sentences[-1] = f"{sentences[-1]} {part}"
        elif part:
            sentences.append(part)
    if lead and sentences:
        sentences[0] = f"{lead.strip()} {sentences[0]}"
    return sentences or [paragraph.strip()]


def _continues_after_semicolon(previous: str, line: str) -> bool:
    """A wrapped line after ';' that starts in lower case goes on with the same item
    ('… đề xuất phương án;' / 'hoàn thành trước ngày 10/12')."""
    return previous.endswith(";") and line[:1].islower()


def _ends_sentence(line: str) -> bool:
    return line.endswith((".", ";", ":", "!", "?", "./."))


def _item_number(paragraph: str) -> str:
    match = _NUMBERING.match(paragraph)
    return match[1] if match else ""


def _depth(paragraph: str, number: str) -> int:
    """How deep an item sits: headings and roman numerals first, then 1., 1.1., a), dashes."""
    stripped = paragraph.lstrip()
    if stripped.startswith("#"):
        return len(stripped) - len(stripped.lstrip("#"))
    if re.fullmatch(r"[IVX]{1,5}", number) or re.fullmatch(r"[A-Z]", number):
        return 1
    if re.match(r"(?:điều|dieu)\s+\d", stripped, re.IGNORECASE):
        return 1
    if number.replace(".", "").isdigit():
        return 2 + number.count(".")
    if number:
        return 6
    if re.match(r"\*\s", stripped):  # '* Ngày nhận báo cáo:' leads the dashes under it
        return 6
    if re.match(r"[-•–]\s", stripped):
        return 7
    if re.match(r"\+\s", stripped):
        return 8
    return _PLAIN
