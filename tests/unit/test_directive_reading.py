"""Reading an official document's deadlines (pure): the wordings officials use, with or without
diacritics and with OCR noise, the dates that are not deadlines, the header, the units and the
recipient of each clause, and the drafts proposed from the province's 2020 action plan."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.deadline_drafts import MAX_LEGAL_BASIS_LENGTH
from bot.domain.deadline_phrases import RuleStatus, deadline_phrase
from bot.domain.directive_drafts import Province, propose_drafts
from bot.domain.directive_text import clauses, document_header, fold_text
from bot.domain.units import Unit, UnitGroup
from tests.support.documents import ACTION_PLAN

ISSUED = date(2020, 1, 2)
UNITS = (
    Unit("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh", UnitGroup.DEPARTMENT),
    Unit("skhdt", "Sở Kế hoạch và Đầu tư", UnitGroup.DEPARTMENT),
    Unit("stp", "Sở Tư pháp", UnitGroup.DEPARTMENT),
    Unit("sldtbxh", "Sở Lao động - Thương binh và Xã hội", UnitGroup.DEPARTMENT),
    Unit("tptv", "Thành phố Trà Vinh", UnitGroup.DISTRICT),
    Unit("hcangl", "Huyện Càng Long", UnitGroup.DISTRICT),
)
PROVINCE = Province(UNITS, {"chutich": "Chủ tịch Ủy ban nhân dân tỉnh"}, "vpubnd")


def phrase(text: str, issued: date = ISSUED) -> tuple[RuleStatus, tuple[str, ...]] | None:
    found = deadline_phrase(text, fold_text(text), issued)
    return None if found is None else (found.status, found.rules)


@pytest.mark.parametrize(("clause", "rules"), [
    ("Các sở gửi báo cáo về Sở Nội vụ trước ngày 20/01.", ("20/01/2020",)),
    ("Cac so gui bao cao ve So Noi vu truoc ngay 20/01.", ("20/01/2020",)),
    ("Định kỳ báo cáo kết quả trước ngày 05/6 và 05/12 hàng năm.",
     ("05/06 hằng năm", "05/12 hằng năm")),
    ("Báo cáo định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12) gửi Sở Tư pháp.",
     ("15/06 hằng năm", "15/12 hằng năm")),
    ("Hằng quý, trước ngày 10 của tháng cuối quý, các đơn vị báo cáo UBND tỉnh.",
     ("ngày 10 tháng cuối quý",)),
    ("hang quy, truoc ngay 10 cua thang cuoi quy, cac don vi bao cao UBND tinh.",
     ("ngày 10 tháng cuối quý",)),
    ("Báo cáo quý gửi Sở Tư pháp trước ngày 05 của tháng đầu quý sau.",
     ("ngày 5 tháng đầu quý",)),
    ("Các đơn vị gửi báo cáo chậm nhất đến cuối tháng 02 năm 2020.", ("29/02/2020",)),
    ("Gửi báo cáo về Sở Kế hoạch và Đầu tư trước ngày 20 hằng tháng.", ("ngày 20 hằng tháng",)),
    ("Gửi báo cáo về Văn phòng UBND tỉnh trước 14 giờ, ngày 15/3/2020.", ("15/03/2020",)),
    ("1.1. Trước ngày 20 tháng 01 năm 2020, xây dựng, ban hành văn bản, gửi Văn phòng UBND tỉnh.",
     ("20/01/2020",)),
    ("trư ớc ngày 20/01/2020 gửi báo cáo", ("20/01/2020",)),  # OCR split a word
    ("gửi báo cáo trướcngày 20 / 01 / 2020", ("20/01/2020",)),  # a web copy joined two
    ("Gửi báo cáo trước ngày 10/01.", ("10/01/2021",)),  # 10/01/2020 is before the signing
    ("Gửi báo cáo chậm nhất 10h00' ngày 27/4/2020.", ("27/04/2020",)),
    ("Định kỳ hằng năm trước ngày 15/12, các sở gửi báo cáo về Sở Nội vụ.", ("15/12 hằng năm",)),
    ("Thời hạn nộp hồ sơ chậm nhất là ngày thứ hai mươi của tháng tiếp theo.",
     ("ngày 20 hằng tháng",)),
    ("Báo cáo quý gửi chậm nhất là ngày thứ ba mươi của quý tiếp theo.",
     ("ngày 30 tháng đầu quý",)),
    ("Báo cáo gửi chậm nhất ngày 06 (sáu) tháng 06 (sáu) hằng năm.", ("06/06 hằng năm",)),
    ("Báo cáo tháng: gửi báo cáo chậm nhất vào ngày 12 của tháng tiếp theo ngay sau kỳ báo cáo.",
     ("ngày 12 hằng tháng",)),
    ("Thời hạn gửi báo cáo chậm nhất vào ngày 20 của tháng báo cáo.", ("ngày 20 hằng tháng",)),
    ("Báo cáo quý: gửi báo cáo chậm nhất vào ngày 18 của tháng đầu quý tiếp theo.",
     ("ngày 18 tháng đầu quý",)),
    ("Báo cáo 6 tháng: gửi báo cáo chậm nhất vào ngày 20 của tháng tiếp theo ngay sau kỳ báo cáo.",
     ("20/07 hằng năm", "20/01 hằng năm")),
    ("Báo cáo năm: gửi báo cáo chậm nhất vào ngày 20 của tháng đầu năm tiếp theo.",
     ("20/01 hằng năm",)),
])
def test_each_wording_of_a_deadline_reads_into_the_bots_rule(clause: str,
                                                             rules: tuple[str, ...]) -> None:
    issued = date(2020, 1, 11) if clause.endswith("10/01.") else ISSUED
    assert phrase(clause, issued) == (RuleStatus.FOUND, rules)


@pytest.mark.parametrize(("clause", "status"), [
    ("Định kỳ hằng tháng, các đơn vị báo cáo kết quả về Văn phòng UBND tỉnh.",
     RuleStatus.ASK_DAY),
    ("Sở Kế hoạch và Đầu tư tổng hợp báo cáo tình hình kinh tế-xã hội hàng tháng.",
     RuleStatus.ASK_DAY),
    ("Các đơn vị báo cáo kết quả trong quý I/2020.", RuleStatus.ASK_PERIOD),
    ("Trong vòng 5 ngày làm việc sau khi kết thúc hội nghị, các đơn vị gửi báo cáo.",
     RuleStatus.RELATIVE),
    ("Chậm nhất là 15 ngày, kể từ ngày kết thúc cuộc thanh tra, Trưởng đoàn báo cáo kết quả.",
     RuleStatus.RELATIVE),
])
def test_a_deadline_without_a_day_is_kept_for_the_admin_to_complete(clause: str,
                                                                    status: RuleStatus) -> None:
    assert phrase(clause) == (status, ())


@pytest.mark.parametrize("clause", [
    "Căn cứ Nghị định số 09/2019/NĐ-CP ngày 24 tháng 01 năm 2019 của Chính phủ về chế độ báo cáo;",
    "Quyết định này có hiệu lực kể từ ngày 01/02/2020 và gửi các sở thực hiện.",
    "Số liệu báo cáo tính từ ngày 15/12/2019 đến hết ngày 14/12/2020.",
    "Trà Vinh, ngày 02 tháng 01 năm 2020",
    "Hội nghị tổng kết tổ chức vào ngày 15/01/2020 tại Văn phòng UBND tỉnh.",
    "Hoàn thành xây dựng trụ sở trước ngày 30/6/2020.",  # a task, no report
    "Báo cáo Quý I: từ ngày 15 của tháng 12 năm trước đến ngày 14 tháng 3 của năm báo cáo.",
    "Báo cáo quý: từ ngày 15 của tháng cuối quý trước đến ngày 14 của tháng cuối quý báo cáo.",
    "Thực hiện Công văn số 2070/BHXH-KHTC về báo cáo thống kê hàng tháng của các tỉnh.",
    "Báo cáo UBND tỉnh trước ngày 30/02/2020.",  # no such day: no rule is invented
    "Báo cáo UBND tỉnh trước ngày 29/02.",  # 2020 is a leap year, but 29/02/2020 has passed
])
def test_dates_that_are_not_deadlines_propose_nothing(clause: str) -> None:
    assert phrase(clause, date(2020, 3, 1)) is None


def test_a_cut_off_day_is_not_taken_for_the_deadline_in_the_same_sentence() -> None:
    clause = ("Báo cáo tháng, thời gian chốt số liệu ngày 25 tháng báo cáo, gửi về Bảo hiểm xã "
              "hội Việt Nam trước ngày 28 hàng tháng.")
    assert phrase(clause) == (RuleStatus.FOUND, ("ngày 28 hằng tháng",))


def test_dates_under_a_deadline_heading_and_duties_after_a_semicolon_are_each_proposed() -> None:
    text = ("2. Báo cáo 6 tháng và báo cáo năm\n"
            "* Ngày nhận báo cáo:\n"
            "- Ước 06 tháng: ngày 10/6 hàng năm\n"
            "- Ước cả năm: ngày 10/11 hàng năm\n"
            "3. Chủ dự án báo cáo Sở Tài nguyên định kỳ hằng năm trước ngày 15 tháng 01 của năm "
            "tiếp theo; chủ đầu tư hạ tầng khu công nghiệp báo cáo trước ngày 20 tháng 01 của "
            "năm tiếp theo.\n"
            "4. Sở Tư pháp đề xuất phương án;\nhoàn thành trước ngày 10/12/2020.\n")
    drafts = propose_drafts(text, PROVINCE, today=ISSUED).drafts
    assert [d.rule for d in drafts] == ["10/06 hằng năm", "10/11 hằng năm", "15/01 hằng năm",
                                        "20/01 hằng năm", "10/12/2020"]


def test_the_header_gives_the_kind_number_and_signing_date_of_the_action_plan() -> None:
    header = document_header(ACTION_PLAN.read_text())
    assert (header.kind, header.number, header.issued) == ("Quyết định", "01/QĐ-UBND", ISSUED)


def test_a_clause_keeps_the_numbered_items_it_sits_under_across_broken_lines() -> None:
    text = ("1. Thủ trưởng các Sở, ngành tỉnh, Chủ tịch Ủy ban nhân dân các huyện\n"
            "thực hiện các nội dung sau\n"
            "1.1. Hằng quý báo cáo, gửi Văn phòng UBND tỉnh trước ngày 10 tháng cuối\n"
            "quý để tổng hợp.\n"
            "2. Sở Tư pháp theo dõi.\n")
    found = clauses(text)
    assert [c.number for c in found] == ["1", "1.1", "2"]
    assert found[1].text == ("1.1. Hằng quý báo cáo, gửi Văn phòng UBND tỉnh trước ngày 10 "
                             "tháng cuối quý để tổng hợp.")
    assert found[1].parents == (found[0].text,)
    assert found[2].parents == ()


def test_the_action_plan_proposes_its_four_deadlines_with_units_and_recipients() -> None:
    proposal = propose_drafts(ACTION_PLAN.read_text(), PROVINCE,
                              today=date(2026, 12, 3))
    assert proposal.issued == ISSUED
    assert [(d.rule, d.phrase.status, d.units, d.recipient) for d in proposal.drafts] == [
        ("20/01/2020", RuleStatus.FOUND, "departments districts", "vpubnd"),
        ("ngày 10 tháng cuối quý", RuleStatus.FOUND, "departments districts", "vpubnd"),
        ("10/11/2020", RuleStatus.FOUND, "departments districts", "vpubnd"),
        ("", RuleStatus.ASK_DAY, "skhdt", "vpubnd"),
    ]
    assert proposal.drafts[1].legal_basis.startswith(
        "Quyết định số 01/QĐ-UBND ngày 02/01/2020, mục 1.3: “1.3. Hằng quý báo cáo")


def test_units_are_found_by_abbreviation_and_group_and_unknown_names_are_returned() -> None:
    text = ("Sở KH&ĐT, Sở LĐ-TB&XH, UBND các huyện, thị xã, thành phố và Sở Du lịch gửi báo cáo "
            "Chủ tịch UBND tỉnh trước ngày 15/12/2020.")
    [draft] = propose_drafts(text, PROVINCE, today=ISSUED).drafts
    assert (draft.units, draft.unknown_units, draft.recipient) == (
        "skhdt sldtbxh districts", ("Sở Du lịch",), "chutich")


def test_a_recipient_outside_the_province_is_named_as_written() -> None:
    text = "Sở Du lịch và Sở Tư pháp gửi báo cáo về Bộ Kế hoạch và Đầu tư trước ngày 10/7/2020."
    [draft] = propose_drafts(text, PROVINCE, today=ISSUED).drafts
    assert (draft.units, draft.unknown_units) == ("stp", ("Sở Du lịch",))
    assert (draft.recipient, draft.recipient_words) == ("", "Bộ Kế hoạch và Đầu tư")


def test_a_long_clause_is_quoted_within_the_legal_basis_limit() -> None:
    text = "Các sở gửi báo cáo về Sở Tư pháp trước ngày 20/01/2020, " + "nội dung gồm " * 200
    [draft] = propose_drafts(text, PROVINCE, today=ISSUED).drafts
    assert len(draft.legal_basis) == MAX_LEGAL_BASIS_LENGTH
    assert draft.legal_basis.endswith("…”") and draft.units == "departments"
    assert draft.recipient == "stp"
