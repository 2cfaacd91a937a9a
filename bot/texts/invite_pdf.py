"""The bulk invite's printable PDF: one card per unit (six to an A4 page, with dashed cut
lines): the unit's name, the role, a QR code of its link, the link as text, the expiry.

QR codes are made by segno (PNG, 8 pixels a module: crisp when printed at 5 cm), the page by
fpdf2 with DejaVu Sans, a TrueType font with every Vietnamese letter, taken from the copy
matplotlib (a dependency already) ships, so the machine needs no font package.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from functools import cache
from io import BytesIO
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.enums import Align, WrapMode
from matplotlib import get_data_path

from bot.services.bulk_invites import BulkInvites, UnitInvite
from bot.texts import Lang
from bot.texts.onboarding_render import (
    PDF_TYPE,
    InviteFile,
    bulk_role_label,
    file_caption,
    file_name,
    invite_link,
    local_time,
    selection_label,
)
from bot.texts.units_render import label, shorten

FONT = "DejaVu"
MONO = "DejaVuMono"
_FONT_FILES = {(FONT, ""): "DejaVuSans.ttf", (FONT, "B"): "DejaVuSans-Bold.ttf",
               (MONO, ""): "DejaVuSansMono.ttf"}
# A4 in millimetres: two columns and three rows of cards under a two-line page header.
MARGIN, HEADER_HEIGHT = 10.0, 10.0
CARD_WIDTH, CARD_HEIGHT = 95.0, 90.0
COLUMNS, ROWS = 2, 3
CARDS_PER_PAGE = COLUMNS * ROWS
QR_SIZE = 50.0
NAME_SHOWN = 110  # about three lines of the card at 10 pt
QR_SCALE, QR_BORDER = 8, 4  # pixels per module; modules of quiet zone (the standard's 4)


@dataclass(frozen=True, slots=True)
class _Card:
    """What one card prints, in the reader's language."""

    name: str
    role: str
    link_base: str
    token: str
    link: str
    expires: str


@cache
def font_folder() -> Path:
    """matplotlib's bundled TrueType fonts (DejaVu)."""
    return Path(get_data_path()) / "fonts" / "ttf"


def invite_pdf(batch: BulkInvites, bot_username: str, tz: tzinfo, lang: Lang) -> InviteFile:
    """The printable cards of a bulk invite, six to a page."""
    pdf = _document(batch, lang)
    cards = [_card(invite, batch, bot_username, tz, lang) for invite in batch.invites]
    for index, card in enumerate(cards):
        if index % CARDS_PER_PAGE == 0:
            pdf.add_page()
        column, row = index % COLUMNS, (index // COLUMNS) % ROWS
        _draw_card(pdf, card, MARGIN + column * CARD_WIDTH,
                   MARGIN + HEADER_HEIGHT + row * CARD_HEIGHT)
    return InviteFile(file_name(batch, "pdf", tz, lang), bytes(pdf.output()),
                      file_caption("bulk_invite.pdf_caption", batch, lang), PDF_TYPE)


class _CardsDocument(FPDF):
    """An A4 document whose every page starts with what the cards are and how to use them,
    and ends with its number."""

    def __init__(self, title: str, howto: str, page_words: str) -> None:
        super().__init__(format="A4", unit="mm")
        self.title_line, self.howto, self.page_words = title, howto, page_words

    def header(self) -> None:
        self.set_xy(MARGIN, MARGIN - 4)
        self.set_font(FONT, "B", 9)
        self.multi_cell(190, 4.5, self.title_line, align=Align.L)
        self.set_xy(MARGIN, MARGIN + 1)
        self.set_font(FONT, "", 8)
        self.multi_cell(190, 4, self.howto, align=Align.L)

    def footer(self) -> None:
        self.set_xy(MARGIN, -5.5)
        self.set_font(FONT, "", 7.5)
        self.cell(190, 3.5, self.page_words.format(page=self.page_no(), pages="{nb}"),
                  align=Align.R)


def _document(batch: BulkInvites, lang: Lang) -> FPDF:
    """The document with its fonts and page header, no page yet."""
    title = label("invite_pdf.title", lang).format(
        role=bulk_role_label(batch.role, lang), selection=selection_label(batch.selection, lang))
    pdf = _CardsDocument(title, label("invite_pdf.howto", lang), label("invite_pdf.page", lang))
    pdf.set_auto_page_break(False)
    pdf.set_title(title)
    pdf.set_creation_date(batch.created_at)
    for (family, style), file in _FONT_FILES.items():
        pdf.add_font(family, style, str(font_folder() / file))
    return pdf


def _card(invite: UnitInvite, batch: BulkInvites, bot_username: str, tz: tzinfo,
          lang: Lang) -> _Card:
    link = invite_link(bot_username, invite.token)
    return _Card(
        name=shorten(invite.unit_name, NAME_SHOWN),
        role=label("invite_pdf.role", lang).format(role=bulk_role_label(batch.role, lang)),
        link_base=link.removesuffix(invite.token), token=invite.token, link=link,
        expires=label("invite_pdf.expires", lang).format(
            expires=local_time(batch.expires_at, tz)))


def _draw_card(pdf: FPDF, card: _Card, x: float, y: float) -> None:
    """Steps: the dashed cut line around the card; the unit's name (up to three lines); the
    role; the QR code; the link (its base, then the token in a fixed-width font, where 0/O and
    1/l differ); the expiry."""
    inner = CARD_WIDTH - 6
    with pdf.local_context(dash_pattern={"dash": 1.5, "gap": 1.5}, draw_color=(150, 150, 150)):
        pdf.rect(x, y, CARD_WIDTH, CARD_HEIGHT)
    pdf.set_xy(x + 3, y + 3)
    pdf.set_font(FONT, "B", 10)
    pdf.multi_cell(inner, 4.5, card.name, align=Align.C, max_line_height=4.5)
    pdf.set_xy(x + 3, y + 17.5)
    pdf.set_font(FONT, "", 9)
    pdf.cell(inner, 4.5, card.role, align=Align.C)
    pdf.image(_qr_png(card.link), x=x + (CARD_WIDTH - QR_SIZE) / 2, y=y + 22.5, w=QR_SIZE,
              h=QR_SIZE)
    pdf.set_xy(x + 3, y + 73.5)
    pdf.set_font(FONT, "", 7)
    pdf.multi_cell(inner, 3.3, card.link_base, align=Align.C, wrapmode=WrapMode.CHAR)
    pdf.set_xy(x + 3, pdf.get_y() + 0.3)
    pdf.set_font(MONO, "", 8.5)
    pdf.multi_cell(inner, 3.8, card.token, align=Align.C, wrapmode=WrapMode.CHAR)
    pdf.set_xy(x + 3, y + CARD_HEIGHT - 5.5)
    pdf.set_font(FONT, "", 7.5)
    pdf.cell(inner, 3.5, card.expires, align=Align.C)


def _qr_png(link: str) -> BytesIO:
    """The QR code of `link` as a PNG (error correction M: readable with 15 % damaged)."""
    buffer = BytesIO()
    segno.make(link, error="m", micro=False).save(buffer, kind="png", scale=QR_SCALE,
                                                   border=QR_BORDER)
    buffer.seek(0)
    return buffer
