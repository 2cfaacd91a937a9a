"""The bulk invite's workbook (.xlsx): one row per unit with its registration link.

Cells are typed: the link is a hyperlink showing the link itself, the expiry a real date and
time (local, shown dd/mm/yyyy hh:mm) so the sheet sorts and filters; names are text, never
formulas.
"""

from __future__ import annotations

from datetime import tzinfo
from io import BytesIO

from xlsxwriter import Workbook

from bot.services.bulk_invites import BulkInvites
from bot.texts import Lang
from bot.texts.onboarding_render import (
    XLSX_TYPE,
    InviteFile,
    bulk_role_label,
    file_caption,
    file_name,
    invite_link,
)
from bot.texts.units_render import group_label, label

EXPIRY_FORMAT = "DD/MM/YYYY HH:MM"
# Column key and width (in characters), in order.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("unit_code", 12), ("unit_name", 42), ("group", 20), ("role", 24), ("link", 62),
    ("expires", 17), ("invite_id", 14),
)
_HEADER_STYLE = {"bold": True, "pattern": 1, "bg_color": "#DDEBF7", "text_wrap": True,
                 "valign": "vcenter"}


def invite_workbook(batch: BulkInvites, bot_username: str, tz: tzinfo, lang: Lang) -> InviteFile:
    """The workbook of a bulk invite: headers frozen and filtered, one row per unit."""
    buffer = BytesIO()
    workbook = Workbook(buffer, {"in_memory": True})
    header = workbook.add_format(_HEADER_STYLE)
    expiry = workbook.add_format({"num_format": EXPIRY_FORMAT, "align": "left"})
    sheet = workbook.add_worksheet(label("invite_sheet.name", lang))
    for column, (key, width) in enumerate(COLUMNS):
        sheet.set_column(column, column, width)
        sheet.write_string(0, column, label(f"invite_sheet.header.{key}", lang), header)
    sheet.freeze_panes(1, 0)
    role = bulk_role_label(batch.role, lang)
    expires = batch.expires_at.astimezone(tz).replace(tzinfo=None)  # Excel has no time zones
    for row, invite in enumerate(batch.invites, start=1):
        link = invite_link(bot_username, invite.token)
        sheet.write_string(row, 0, invite.unit_code)
        sheet.write_string(row, 1, invite.unit_name)
        sheet.write_string(row, 2, group_label(invite.group, lang))
        sheet.write_string(row, 3, role)
        sheet.write_url(row, 4, link, string=link)
        sheet.write_datetime(row, 5, expires, expiry)
        sheet.write_number(row, 6, invite.invite_id)
    sheet.autofilter(0, 0, len(batch.invites), len(COLUMNS) - 1)
    workbook.close()
    return InviteFile(file_name(batch, "xlsx", tz, lang), buffer.getvalue(),
                      file_caption("bulk_invite.workbook_caption", batch, lang), XLSX_TYPE)
