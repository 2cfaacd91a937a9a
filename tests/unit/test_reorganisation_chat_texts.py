"""/unit's page and /reorganize's answers, rendered from plain values in both languages."""

from __future__ import annotations

from datetime import date

from bot.domain.reorganisations import (
    LegalReference,
    PendingRule,
    Reorganisation,
    ReorganisationKind,
)
from bot.domain.units import Unit, UnitGroup
from bot.services.reorganisation_commands import ReorganisationPreview
from bot.services.reorganisations import EventPlan, ReorganisationPlan
from bot.services.unit_detail import UnitDetail
from bot.texts.reorganisation_chat_render import (
    reorganisation_applied_text,
    reorganisation_preview_text,
)
from bot.texts.unit_detail_render import unit_detail_text

JULY_1 = date(2025, 7, 1)
NAMES = {"sxd": "Sở Xây dựng", "sxdm": "Sở Xây dựng mới", "sxd2": "Sở Xây dựng tỉnh Vĩnh Long",
         "duyenhai": "UBND huyện Duyên Hải"}
RENAME = Reorganisation(date(2025, 3, 1), ReorganisationKind.RENAME, ("sxd",), ("sxdm",),
                        LegalReference("45/2025/NĐ-CP", date(2025, 2, 28)))
DISSOLVE = Reorganisation(JULY_1, ReorganisationKind.DISSOLVE, ("duyenhai",), (),
                          LegalReference(""), pending=PendingRule.CLOSE)


def detail(unit: Unit, today: date, *, closed_by: Reorganisation | None = None,
           took_over: tuple[Reorganisation, ...] = (), carried_by: tuple[str, ...] = (),
           heads: tuple[str, ...] = ()) -> UnitDetail:
    return UnitDetail(unit, today, len(heads), heads, took_over, closed_by, carried_by, NAMES)


def test_a_renamed_unit_names_the_event_its_basis_and_who_carries_its_duties_today() -> None:
    page = unit_detail_text(detail(
        Unit("sxd", "Sở Xây dựng", UnitGroup.DEPARTMENT, active_until=date(2025, 2, 28)),
        JULY_1, closed_by=RENAME, carried_by=("sxd2",)), "vi")
    assert page == (
        "<b>Sở Xây dựng</b> (mã <code>sxd</code>)\nNhóm: Sở, ban, ngành\n"
        "Thời gian hoạt động: đến hết 28/02/2025\n"
        "Trạng thái: đã kết thúc hoạt động từ 01/03/2025 do sắp xếp lại đơn vị\n"
        "Cán bộ đã đăng ký: 0; lãnh đạo: chưa có\n\n<b>Đơn vị kế thừa</b>:\n"
        "• Đổi tên Sở Xây dựng (sxd) thành Sở Xây dựng mới (sxdm) từ 01/03/2025 "
        "(căn cứ 45/2025/NĐ-CP ngày 28/02/2025)\n"
        "Hiện nay nhiệm vụ của đơn vị do Sở Xây dựng tỉnh Vĩnh Long (sxd2) đảm nhận.")


def test_in_english_a_unit_closing_on_a_coming_date_is_still_followed_until_then() -> None:
    page = unit_detail_text(detail(
        Unit("duyenhai", "UBND huyện Duyên Hải", UnitGroup.DISTRICT,
             active_until=date(2025, 6, 30)), date(2025, 6, 20), closed_by=DISSOLVE,
        heads=("Trần Văn B",)), "en")
    assert page.splitlines()[1:5] == [
        "Group: District committees", "Valid: until 30/06/2025",
        "State: followed; closes from 01/07/2025 by a reorganisation",
        "Registered people: 1; head: Trần Văn B"]
    assert page.endswith("<b>Taken over by</b>:\n• Dissolve UBND huyện Duyên Hải (duyenhai) "
                         "from 01/07/2025")


def test_a_new_unit_starts_on_its_date_and_a_disabled_one_says_so() -> None:
    created = Unit("sxdm", "Sở Xây dựng mới", UnitGroup.DEPARTMENT, active_from=date(2025, 3, 1))
    starting = unit_detail_text(detail(created, date(2025, 2, 20), took_over=(RENAME,)), "vi")
    assert "Thời gian hoạt động: từ 01/03/2025\nTrạng thái: bắt đầu hoạt động từ 01/03/2025" \
        in starting
    assert "<b>Tiếp nhận từ đơn vị tiền thân</b>:\n• Đổi tên Sở Xây dựng (sxd)" in starting
    disabled = unit_detail_text(detail(Unit("sxd2", "Sở X", UnitGroup.DEPARTMENT, False),
                                       JULY_1), "vi")
    assert "Thời gian hoạt động: không giới hạn\nTrạng thái: đã ngừng theo dõi" in disabled
    assert disabled.endswith("Chưa có sự kiện sắp xếp lại nào liên quan đến đơn vị này.")


def test_the_english_preview_ends_with_the_rule_for_unanswered_reports_and_how_to_apply() -> None:
    plan = ReorganisationPlan((EventPlan(DISSOLVE, (), (), (), (), (), ()),), (), NAMES)
    preview = reorganisation_preview_text(ReorganisationPreview(DISSOLVE, plan, "1.abcdef01"),
                                          "en")
    assert preview.startswith("<b>Reorganisation plan</b>: 1 event(s) to apply.\n\n"
                              "<b>1. Dissolve UBND huyện Duyên Hải (duyenhai) from 01/07/2025</b>")
    assert "Legal basis" not in preview  # none was given
    assert preview.endswith(
        "Reports due before 01/07/2025 that the old units have not sent: closed (nobody owes "
        "them, nobody is late).\n\nTap <b>Apply</b> to carry it out (at once, audited) or "
        "<b>Cancel</b>.")
    assert reorganisation_applied_text(plan, "en") == (
        "✅ Applied: Dissolve UBND huyện Duyên Hải (duyenhai) from 01/07/2025.\nUnits closed: 0; "
        "new units: 0; people moved: 0; unanswered reports handed over: 0; invites revoked: 0.")


def test_an_event_applied_before_says_nothing_changes_in_both_languages() -> None:
    plan = ReorganisationPlan((), (RENAME,), NAMES)
    assert reorganisation_applied_text(plan, "vi") == (
        "Đổi tên Sở Xây dựng (sxd) thành Sở Xây dựng mới (sxdm) từ 01/03/2025: sự kiện này đã "
        "được áp dụng trước đó; không có gì thay đổi.")
    assert reorganisation_preview_text(ReorganisationPreview(RENAME, plan), "en") == (
        "Rename Sở Xây dựng (sxd) to Sở Xây dựng mới (sxdm) from 01/03/2025: this event was "
        "applied before; nothing changes.")
