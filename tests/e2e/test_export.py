"""/export and /chart end to end: the office downloads the year's workbook and opens it with
openpyxl, and gets the on-time chart as a photo; officers and bad years get a clear answer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from io import BytesIO

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_digests import office_and_officers
from tests.fake_telegram import FakeTelegram, FakeUser, LoggedMessage, RateLimits
from tests.support.clock import SimulatedClock, local
from tests.support.digest_data import add_answer
from tests.support.reminder_data import pause_deadlines_except

Q1, Q2, LAUNCH = date(2020, 3, 10), date(2020, 6, 10), date(2020, 1, 20)
TODAY = local(2020, 3, 16, 9)  # Monday after Quý I/2020 was due (Tuesday 10/03)
SHEETS = ["Tổng hợp", "trienkhai 20.01.2020", "quy 10.03.2020", "quy 10.06.2020",
          "quy 10.09.2020", "quy 10.12.2020"]
HEADERS = ["Mã đơn vị", "Đơn vị", "Tình hình", "Ngày gửi", "Chậm (ngày làm việc)", "Nội dung",
           "Đề xuất, kiến nghị", "Ngày đề nghị gia hạn", "Được gia hạn đến", "Người cập nhật"]


def answers_of_2020(lan: FakeUser) -> Callable[[Session], None]:
    """Quý I/2020 answered every way (Sở Y tế by its officer Lan, late); the launch documents
    (trienkhai, now paused: its past occurrence stays in the export) sent by Sở Nội vụ."""
    def write(session: Session) -> None:
        pause_deadlines_except(session, "quy")
        add_answer(session, "trienkhai", LAUNCH, "snv", "submitted", local(2020, 1, 15),
                   on_time=True)
        add_answer(session, "quy", Q1, "snv", "submitted", local(2020, 3, 9), on_time=True,
                   document_ref="15/BC-SNV")
        add_answer(session, "quy", Q1, "syt", "in_progress", local(2020, 3, 5), by=lan.id)
        add_answer(session, "quy", Q1, "syt", "submitted", local(2020, 3, 12), on_time=False,
                   by=lan.id)
        add_answer(session, "quy", Q1, "stc", "in_progress", local(2020, 3, 9))
        add_answer(session, "quy", Q1, "sxd", "blocked", local(2020, 3, 9),
                   note="Thiếu số liệu của các huyện",
                   proposal="Đề nghị Sở Kế hoạch và Đầu tư hỗ trợ")
        add_answer(session, "quy", Q1, "sct", "extension", local(2020, 3, 9),
                   note="Chờ số liệu quý", wanted=date(2020, 3, 20))
    return write


async def office_with_answers(bot: RunningBot, fake: FakeTelegram, admin: FakeUser
                              ) -> tuple[FakeUser, FakeUser]:
    hanh, lan, _hung = await office_and_officers(bot, fake, admin)
    await bot.deps.database.run(answers_of_2020(lan))
    return hanh, lan


async def ask(fake: FakeTelegram, user: FakeUser, command: str, *args: str) -> LoggedMessage:
    fake.send_command(user, command, *args)
    [answer] = await fake.wait_for_bot_messages(user, timeout=30)
    return answer


def rows(sheet: Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def row_of(sheet: Worksheet, unit_code: str) -> list[object]:
    return next(row for row in rows(sheet) if row[0] == unit_code)


def check_quarter_sheet(sheet: Worksheet) -> None:
    assert rows(sheet)[0] == HEADERS
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:J39")  # 38 units
    assert sheet.column_dimensions["B"].width > 30
    assert row_of(sheet, "snv")[:6] == ["snv", "Sở Nội vụ", "Đã gửi – đúng hạn",
                                        datetime(2020, 3, 9), None,
                                        "Văn bản số 15/BC-SNV"]
    assert sheet["D3"].number_format == "DD/MM/YYYY"
    assert row_of(sheet, "syt")[2:] == [
        "Đã gửi – trễ hạn", datetime(2020, 3, 12), 2, None, None, None, None,
        "Lan"]
    assert row_of(sheet, "sxd")[2:7] == ["Có khó khăn, vướng mắc", None, None,
                                         "Thiếu số liệu của các huyện",
                                         "Đề nghị Sở Kế hoạch và Đầu tư hỗ trợ"]
    assert row_of(sheet, "sct")[2:8] == ["Đề nghị gia hạn", None, None, "Chờ số liệu quý", None,
                                         datetime(2020, 3, 20)]
    assert row_of(sheet, "stc")[2] == "Đang thực hiện"
    assert row_of(sheet, "skhdt")[2:] == ["Quá hạn – chưa gửi", *[None] * 7]


def check_summary(sheet: Worksheet) -> None:
    table = rows(sheet)
    assert table[0] == ["Mã đơn vị", "Đơn vị", *SHEETS[1:]]
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("C2", "A1:G39")
    assert row_of(sheet, "snv") == ["snv", "Sở Nội vụ", "Đúng hạn", "Đúng hạn", "Chưa gửi",
                                    "Chưa gửi", "Chưa gửi"]
    assert row_of(sheet, "syt")[2:4] == ["Quá hạn", "Trễ hạn"]
    assert row_of(sheet, "sxd")[3] == "Vướng mắc"
    assert row_of(sheet, "sct")[3] == "Xin gia hạn"
    assert row_of(sheet, "stc")[3] == "Đang làm"
    assert table[39] == [None] * 7
    block = {row[1]: row[2:] for row in table[40:]}
    assert block["Báo cáo"][1].startswith("Báo cáo quý, đánh giá tình hình")
    assert block["Kỳ báo cáo"] == ["Năm 2020", "Quý I/2020", "Quý II/2020", "Quý III/2020",
                                   "Quý IV/2020"]
    assert block["Hạn gửi"][:2] == [datetime(2020, 1, 20), datetime(2020, 3, 10)]
    assert block["Số đơn vị phải báo cáo"] == [38] * 5
    assert block["Đã gửi – đúng hạn"] == [1, 1, 0, 0, 0]
    assert block["Đã gửi – trễ hạn"] == [0, 1, 0, 0, 0]
    assert block["Đang thực hiện"][1] == block["Có khó khăn, vướng mắc"][1] == 1
    assert block["Quá hạn – chưa gửi"] == [37, 33, 0, 0, 0]
    assert block["Chưa gửi"] == [0, 0, 38, 38, 38]
    assert [round(rate, 4) for rate in block["Tỷ lệ gửi đúng hạn"][:3]] == [0.0263] * 2 + [0]


async def test_the_office_downloads_the_year_and_opens_it_with_openpyxl(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    async with running_bot(fake, database_url, admin_ids=(admin.id,),
                           clock=SimulatedClock(TODAY)) as bot:
        hanh, _lan = await office_with_answers(bot, fake, admin)
        sent = await ask(fake, hanh, "export", "2020")
        this_year = await ask(fake, admin, "export")
    document = sent.message["document"]
    assert document["file_name"] == "tinh-hinh-bao-cao-2020.xlsx"
    assert sent.message["caption"] == ("📊 Tình hình thực hiện chế độ báo cáo năm 2020: 5 kỳ báo "
                                       "cáo, 38 đơn vị. Cập nhật ngày 16/03/2020.")
    assert this_year.message["document"]["file_name"] == document["file_name"]
    workbook = load_workbook(BytesIO(fake.file_content(document["file_id"])))
    assert workbook.sheetnames == SHEETS
    check_summary(workbook["Tổng hợp"])
    check_quarter_sheet(workbook["quy 10.03.2020"])
    assert row_of(workbook["quy 10.06.2020"], "snv")[2] == "Chưa gửi"
    assert row_of(workbook["trienkhai 20.01.2020"], "snv")[2] == "Đã gửi – đúng hạn"


async def test_the_office_gets_the_on_time_chart_as_a_photo(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    async with running_bot(fake, database_url, admin_ids=(admin.id,),
                           clock=SimulatedClock(TODAY)) as bot:
        hanh, _lan = await office_with_answers(bot, fake, admin)
        sent = await ask(fake, hanh, "chart", "2020")
    [photo] = sent.message["photo"]
    picture = fake.file_content(photo["file_id"])
    assert picture.startswith(b"\x89PNG\r\n\x1a\n")
    assert 20_000 < len(picture) < 1_000_000
    assert photo["width"] == 1040 and 1_000 < photo["height"] < 3_000  # a phone's portrait
    assert sent.message["caption"] == (
        "📈 Tỷ lệ gửi báo cáo đúng hạn năm 2020: 3% (2/76 báo cáo), tính trên 2 kỳ báo cáo đã "
        "hết hạn đến ngày 16/03/2020.")


async def test_officers_are_refused_and_bad_years_are_explained(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    async with running_bot(fake, database_url, admin_ids=(admin.id,),
                           clock=SimulatedClock(TODAY)) as bot:
        hanh, lan, _hung = await office_and_officers(bot, fake, admin)
        refused = [(await ask(fake, lan, command)).text for command in ("export", "chart")]
        not_a_year = await ask(fake, hanh, "export", "abc")
        too_early = await ask(fake, hanh, "export", "1800")
        nothing = await ask(fake, hanh, "export", "2019")
        not_yet = await ask(fake, hanh, "chart", "2021")
    assert refused == [
        "Xin lỗi, lệnh /export chỉ dành cho Văn phòng UBND tỉnh hoặc quản trị viên. "
        "Không có gì bị thay đổi.",
        "Xin lỗi, lệnh /chart chỉ dành cho Văn phòng UBND tỉnh hoặc quản trị viên. "
        "Không có gì bị thay đổi."]
    assert not_a_year.text == ("“abc” không phải là một năm. Anh/chị vui lòng nhập năm gồm 4 "
                               "chữ số, ví dụ: /export 2020")
    assert too_early.text == ("Năm 1800 nằm ngoài khoảng bot theo dõi (1901–2100). Anh/chị "
                              "vui lòng nhập năm khác, ví dụ: /export 2020")
    assert nothing.text == ("Năm 2019 không có kỳ báo cáo nào. Anh/chị vui lòng chọn năm "
                            "khác, ví dụ: /export 2020")
    assert not_yet.text == ("Đến ngày 16/03/2020, năm 2021 chưa có kỳ báo cáo nào hết hạn, "
                            "nên chưa tính được tỷ lệ gửi đúng hạn.")
    assert not [m for m in fake.bot_messages(hanh) if "document" in m.message]


async def test_a_report_due_while_its_deadline_was_paused_is_not_in_the_export(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    clock = SimulatedClock(local(2020, 3, 2, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        hanh, _lan, _hung = await office_and_officers(bot, fake, admin)
        await ask(fake, admin, "deadline_pause", "quy")
        clock.set(TODAY)  # Quý I/2020 fell due on 10/03, while paused
        await ask(fake, admin, "deadline_resume", "quy")
        sent = await ask(fake, hanh, "export", "2020")
    workbook = load_workbook(BytesIO(fake.file_content(sent.message["document"]["file_id"])))
    summary = {row[1]: row[2:] for row in rows(workbook["Tổng hợp"])[40:]}
    assert "quy 10.03.2020" not in workbook.sheetnames
    assert {"trienkhai 20.01.2020", "quy 10.06.2020"} <= set(workbook.sheetnames)
    assert "Quý I/2020" not in summary["Kỳ báo cáo"]
    assert row_of(workbook["quy 10.06.2020"], "syt")[2] == "Chưa gửi"
