"""The text of a document sent to /import: Word (tables included, in order), PDF with a text
layer, plain text in UTF-8 or UTF-16; every file that cannot be read is refused by name."""

from __future__ import annotations

import io

import docx
import pytest

from bot.domain.errors import DocumentWithoutText, UnreadableDocument, UnsupportedDocument
from bot.services.document_text import document_kind, document_text
from tests.support.documents import pdf_of

CLAUSE = "1.3. Hằng quý báo cáo, gửi Văn phòng UBND tỉnh trước ngày 10 tháng cuối quý."


def test_a_word_file_gives_its_paragraphs_and_table_rows_in_document_order() -> None:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Nhiệm vụ", "Thời hạn"
    merged = table.rows[1].cells[0].merge(table.rows[1].cells[1])
    merged.text = "Báo cáo quý"
    document.add_paragraph(CLAUSE)
    buffer = io.BytesIO()
    document.save(buffer)
    assert document_text("kh.docx", "", buffer.getvalue()) == (
        f"KẾ HOẠCH\nNhiệm vụ | Thời hạn\nBáo cáo quý\n{CLAUSE}")


def test_a_pdf_gives_the_text_of_its_text_layer() -> None:
    assert document_text("kh.pdf", "application/pdf", pdf_of([CLAUSE])).strip() == CLAUSE


@pytest.mark.parametrize("encoded", [CLAUSE.encode(), CLAUSE.encode("utf-8-sig"),
                                     CLAUSE.encode("utf-16")])
def test_plain_text_is_read_in_utf8_or_utf16(encoded: bytes) -> None:
    assert document_text("kh.txt", "text/plain", encoded) == CLAUSE


def test_the_kind_comes_from_the_name_else_from_the_mime_type() -> None:
    assert document_kind("KH.PDF", "") == ".pdf"
    assert document_kind("", "text/plain") == ".txt"
    with pytest.raises(UnsupportedDocument):
        document_kind("kh.doc", "application/msword")


@pytest.mark.parametrize(("name", "content", "error"), [
    ("kh.docx", b"PK\x03\x04 not a zip", UnreadableDocument),
    ("kh.pdf", b"%PDF-1.4 nothing", UnreadableDocument),
    ("kh.txt", b"\xff\xfe\x00\xd8 broken", UnreadableDocument),
    ("kh.txt", b"  \n ", DocumentWithoutText),
    ("scan.pdf", pdf_of([""]), DocumentWithoutText),
])
def test_files_that_cannot_be_read_are_refused_by_name(name: str, content: bytes,
                                                       error: type[Exception]) -> None:
    with pytest.raises(error) as raised:
        document_text(name, "", content)
    assert getattr(raised.value, "params", {}).get("name") == name
