"""Documents as admins send them to /import: a Word file and a PDF with a text layer."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import matplotlib
import matplotlib.pyplot as plt
from matplotlib.backends.backend_pdf import PdfPages


def docx_of(text: str) -> bytes:
    """A Word file holding `text`, one paragraph per line."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_of(lines: list[str]) -> bytes:
    """A PDF with a text layer (TrueType fonts embedded), 60 lines a page."""
    matplotlib.use("Agg")
    plt.rcParams["pdf.fonttype"] = 42
    buffer = io.BytesIO()
    with PdfPages(buffer) as pages:
        for start in range(0, len(lines), 60):
            figure = plt.figure(figsize=(8.27, 11.69))
            for row, line in enumerate(lines[start:start + 60]):
                figure.text(0.03, 0.97 - row * 0.016, line, fontsize=6)
            pages.savefig(figure)
            plt.close(figure)
    return buffer.getvalue()


# The seeds of ../shared/seeds, as the corpus keeps them (the repository's own copies).
CORPUS_DOCUMENTS = Path(__file__).resolve().parents[2] / "bench" / "directive_corpus" / "docs"
ACTION_PLAN = CORPUS_DOCUMENTS / "01_travinh_qd01_2020.txt"  # QĐ 01/QĐ-UBND, 02/01/2020
FIVE_YEAR_PLAN = CORPUS_DOCUMENTS / "02_travinh_ct_khptktxh_2021_2025.txt"
