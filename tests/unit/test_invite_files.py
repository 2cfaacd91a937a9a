"""The bulk invite's files, read back by independent readers: the workbook with openpyxl, the
PDF with pypdf (its text, and its QR codes decoded with zxing-cpp); and the chat texts of
onboarding, in Vietnamese with every diacritic."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import zxingcpp
from openpyxl import load_workbook
from pypdf import PdfReader

from bot.domain.onboarding import BulkRole, RegistrationGaps, UnitRegistration
from bot.domain.units import Unit, UnitGroup
from bot.services.bulk_invites import BulkInvites, OpenInvites, UnitInvite
from bot.texts.invite_pdf import invite_pdf
from bot.texts.invite_workbook import invite_workbook
from bot.texts.onboarding_render import (
    bulk_invite_summary,
    bulk_revoke_done,
    bulk_revoke_question,
    registration_note_text,
    unregistered_page,
)

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
CREATED = datetime(2025, 7, 7, 1, 30, tzinfo=UTC)  # 08:30 in Vĩnh Long
BOT = "nhac_han_vinhlong_bot"
NAMES = ["Xã An Bình", "Phường Long Châu", "Xã Hòa Minh", "Đặc khu Côn Đảo", "Xã Tân Quới",
         "Phường Phước Hậu", "Xã Trà Ôn"]  # seven: a second PDF page


def batch(count: int = len(NAMES), role: BulkRole = "officer") -> BulkInvites:
    invites = tuple(UnitInvite(100 + i, f"xa{i:02d}", NAMES[i], UnitGroup.COMMUNE,
                               f"Tok{i}_-abcdefghijklmnopqrstuvwxyz012")
                    for i in range(count))
    return BulkInvites("communes", role, CREATED, CREATED + timedelta(days=7), invites,
                       skipped=2)


def link(i: int) -> str:
    return f"https://t.me/{BOT}?start=Tok{i}_-abcdefghijklmnopqrstuvwxyz012"


def test_the_workbook_lists_each_unit_with_its_link_and_local_expiry() -> None:
    made = invite_workbook(batch(), BOT, HCM, "vi")
    sheet = load_workbook(BytesIO(made.content))["Đường dẫn đăng ký"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert made.file_name == "duong-dan-dang-ky-communes-officer-2025-07-07.xlsx"
    assert made.caption == ("📋 Đường dẫn đăng ký (cán bộ phụ trách báo cáo) — UBND các xã, "
                            "phường, 7 đơn vị")
    assert rows[0] == ["Mã đơn vị", "Đơn vị", "Nhóm", "Vai trò", "Đường dẫn đăng ký",
                       "Hiệu lực đến", "Số (cho /revoke_invite)"]
    assert rows[1] == ["xa00", "Xã An Bình", "UBND cấp xã", "cán bộ phụ trách báo cáo", link(0),
                       datetime(2025, 7, 14, 8, 30), 100]
    assert [row[1] for row in rows[1:]] == NAMES
    assert sheet["F2"].number_format == "DD/MM/YYYY HH:MM"
    assert sheet["E2"].hyperlink is not None and sheet["E2"].hyperlink.target == link(0)
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:G8")


def test_the_workbook_in_english_names_the_head_role() -> None:
    made = invite_workbook(batch(1, "head"), BOT, HCM, "en")
    sheet = load_workbook(BytesIO(made.content))["Invites"]
    assert [cell.value for cell in sheet[2]][2:4] == ["Commune committees", "head of unit"]
    assert made.file_name == "invites-communes-head-2025-07-07.xlsx"


def test_the_pdf_has_a_card_per_unit_whose_qr_code_opens_its_link() -> None:
    made = invite_pdf(batch(), BOT, HCM, "vi")
    reader = PdfReader(BytesIO(made.content))
    assert made.file_name == "duong-dan-dang-ky-communes-officer-2025-07-07.pdf"
    assert len(reader.pages) == 2  # six cards to a page
    first = reader.pages[0].extract_text()
    assert "Đường dẫn đăng ký nhận nhắc hạn báo cáo — cán bộ phụ trách báo cáo — UBND các xã, " \
           "phường" in first
    for name in NAMES[:6]:
        assert name in first
    assert first.count("Đăng ký: cán bộ phụ trách báo cáo") == 6
    assert first.count("Hiệu lực đến 14/07/2025 08:30 · dùng một lần") == 6
    assert "Trang 1/2" in first
    flat = first.replace("\n", "")
    assert all(link(i) in flat for i in range(6))
    decoded = [[code.text for code in zxingcpp.read_barcodes(image.image)]
               for page in reader.pages for image in page.images]
    assert decoded == [[link(i)] for i in range(len(NAMES))]


def test_the_summary_counts_the_invites_and_says_how_to_revoke_them() -> None:
    summary = bulk_invite_summary(batch(), HCM, "vi")
    assert summary.startswith(
        "✅ Đã tạo <b>7</b> đường dẫn đăng ký <b>cán bộ phụ trách báo cáo</b> cho UBND các xã, "
        "phường, mỗi đơn vị một đường dẫn, dùng được một lần, hiệu lực đến 14/07/2025 08:30.")
    assert "<code>/revoke_invite communes</code>" in summary
    assert summary.endswith("(2 đơn vị của nhóm đã ngừng theo dõi hoặc đã sắp xếp lại: "
                            "không tạo đường dẫn.)")
    assert "Tok0" not in summary  # the links are in the files only


def test_the_bulk_revoke_asks_with_the_count_and_says_what_it_did() -> None:
    assert bulk_revoke_question(OpenInvites("all", 12, 140), "vi") == (
        "Thu hồi <b>12</b> đường dẫn đăng ký còn hiệu lực của mọi đơn vị?\n"
        "Các đường dẫn này sẽ không dùng được nữa; người đã đăng ký không bị ảnh hưởng.")
    assert bulk_revoke_done(3, "departments", "vi") == (
        "✅ Đã thu hồi 3 đường dẫn đăng ký của các sở, ban, ngành.")
    assert bulk_revoke_done(0, "departments", "vi").startswith("Không còn đường dẫn nào")


def gaps() -> RegistrationGaps:
    units = [UnitRegistration(Unit("xaanbinh", "Xã An Bình", UnitGroup.COMMUNE), 0, 0),
             UnitRegistration(Unit("stc", "Sở Tài chính", UnitGroup.DEPARTMENT), 1, 0),
             UnitRegistration(Unit("tra", "Xã Trà <Ôn>", UnitGroup.COMMUNE), 0, 1)]
    return RegistrationGaps(date(2025, 7, 7), 5, tuple(units))


def test_units_unregistered_lists_what_each_unit_misses_by_group() -> None:
    page = unregistered_page(gaps(), 1, "vi")
    assert page.text.split("\n") == [
        "<b>Đơn vị chưa đăng ký đủ</b> (trang 1/1)",
        "Trong 5 đơn vị đang theo dõi: 2 chưa có cán bộ phụ trách, 2 chưa có lãnh đạo.",
        "", "<b>Sở, ban, ngành</b>",
        "• <code>stc</code> Sở Tài chính — chưa có lãnh đạo",
        "", "<b>UBND cấp xã</b>",
        "• <code>xaanbinh</code> Xã An Bình — chưa có cán bộ phụ trách, chưa có lãnh đạo",
        "• <code>tra</code> Xã Trà &lt;Ôn&gt; — chưa có cán bộ phụ trách",
    ]
    assert unregistered_page(RegistrationGaps(date(2025, 7, 7), 5, ()), 3, "vi").text == (
        "✅ Cả 5 đơn vị đang theo dõi đều đã có cán bộ phụ trách và lãnh đạo đăng ký.")


def test_the_weekly_note_names_the_units_without_an_officer() -> None:
    lines = registration_note_text(gaps(), "vi").split("\n")
    assert lines[:2] == [
        "📋 <b>Đơn vị chưa có cán bộ đăng ký nhận nhắc hạn</b>",
        "Cập nhật ngày 07/07/2025: 2/5 đơn vị chưa có cán bộ phụ trách báo cáo, nên chưa ai "
        "nhận nhắc hạn báo cáo của các đơn vị này."]
    assert lines[2:6] == ["", "<b>UBND cấp xã</b>", "• Xã An Bình (xaanbinh)",
                          "• Xã Trà &lt;Ôn&gt; (tra)"]
    assert "Sở Tài chính" not in "\n".join(lines)  # it has an officer, only no head
    assert "<code>/invite communes</code>" in lines[-1]
