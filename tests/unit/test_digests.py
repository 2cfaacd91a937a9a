"""The office's digest without a database: counting standings, what is open, how it reads."""

from __future__ import annotations

from datetime import date

from bot.domain.calendar import WorkingCalendar
from bot.domain.deadlines import Occurrence, Recipient
from bot.domain.digests import (
    NAMES_SHOWN,
    Digest,
    DigestScope,
    OccurrenceFigures,
    OccurrenceState,
    SilentUnit,
    StatusTally,
    UnitAnswer,
    expected_by_group,
    is_open,
    open_candidates,
    standing_counts,
    summarize,
)
from bot.domain.periods import Period
from bot.domain.reminder_offsets import ReminderOffsets
from bot.domain.roles import Role, commands_for
from bot.domain.statuses import ReportStatus, Standing
from bot.domain.units import UnitGroup
from bot.texts import TELEGRAM_TEXT_LIMIT
from bot.texts.digests_render import digest_messages

CALENDAR = WorkingCalendar()
Q1_DUE = date(2020, 3, 10)  # a Tuesday
UNITS = ("syt", "stp", "snv", "sxd", "sct", "stc")
SUBMITTED, IN_PROGRESS = ReportStatus.SUBMITTED, ReportStatus.IN_PROGRESS
BLOCKED, EXTENSION = ReportStatus.BLOCKED, ReportStatus.EXTENSION


def quarterly(due: date = Q1_DUE, effective: date | None = None,
              units: tuple[str, ...] = UNITS) -> Occurrence:
    return Occurrence(
        deadline_code="quy",
        title="Báo cáo quý, đánh giá tình hình thực hiện Kế hoạch hành động của UBND tỉnh",
        period=Period("Quý I/2020"), due_date=due, effective_due_date=effective or due,
        units=units, recipient=Recipient("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh"),
        offsets=ReminderOffsets())


def answer(code: str, name: str, status: ReportStatus, *, on_time: bool | None = None,
           sent_on: date = Q1_DUE, note: str = "", proposal: str = "",
           wanted: date | None = None, escalated: bool = False) -> UnitAnswer:
    return UnitAnswer(code, name, status, on_time, sent_on, note, proposal, wanted, escalated)


FIGURES = OccurrenceFigures(
    tallies=(StatusTally(SUBMITTED, True, 1), StatusTally(SUBMITTED, False, 1),
             StatusTally(BLOCKED, None, 1), StatusTally(EXTENSION, None, 1)),
    answers=(
        answer("stp", "Sở Tư pháp", SUBMITTED, on_time=False, sent_on=date(2020, 3, 12)),
        answer("sxd", "Sở Xây dựng", BLOCKED, note="Thiếu số liệu\ncủa các huyện",
               proposal="Đề nghị Sở Kế hoạch và Đầu tư hỗ trợ", escalated=True),
        answer("sct", "Sở Công Thương", EXTENSION, note="Chờ số liệu quý",
               wanted=date(2020, 3, 20)),
    ),
    silent=(SilentUnit("syt", "Sở Y tế", ("Trần Văn Hùng",), escalated=True),
            SilentUnit("snv", "Sở Nội vụ")),
    escalated=2,
)


def test_units_without_an_answer_are_not_sent_before_the_due_date_and_overdue_after() -> None:
    tallies = [StatusTally(SUBMITTED, True, 2), StatusTally(IN_PROGRESS, None, 1)]
    before = standing_counts(tallies, 6, date(2020, 3, 10), Q1_DUE)
    after = standing_counts(tallies, 6, date(2020, 3, 11), Q1_DUE)
    assert (before[Standing.NOT_SENT], before[Standing.OVERDUE]) == (3, 0)
    assert (after[Standing.NOT_SENT], after[Standing.OVERDUE]) == (0, 3)
    assert after[Standing.SENT_ON_TIME] == 2 and after[Standing.IN_PROGRESS] == 1


def test_units_are_counted_per_group_in_the_order_the_province_lists_the_groups() -> None:
    group_of = {"syt": UnitGroup.DEPARTMENT, "congan": UnitGroup.AGENCY,
                "xcanglong": UnitGroup.COMMUNE, "ptravinh": UnitGroup.COMMUNE}
    units = ("syt", "congan", "xcanglong", "ptravinh")
    figures = OccurrenceFigures(
        tallies=(StatusTally(SUBMITTED, True, 1, UnitGroup.DEPARTMENT),
                 StatusTally(SUBMITTED, False, 1, UnitGroup.COMMUNE),
                 StatusTally(BLOCKED, None, 1, UnitGroup.COMMUNE)),
        expected_by_group=expected_by_group(units, group_of))
    digest = summarize(quarterly(units=units), figures, date(2020, 3, 16), CALENDAR)
    assert [(g.group, g.expected) for g in digest.groups] == [
        (UnitGroup.DEPARTMENT, 1), (UnitGroup.AGENCY, 1), (UnitGroup.COMMUNE, 2)]
    department, agency, commune = ({s: n for s, n in g.counts.items() if n}
                                   for g in digest.groups)
    assert department == {Standing.SENT_ON_TIME: 1}
    assert agency == {Standing.OVERDUE: 1}  # silent after the due date
    assert commune == {Standing.SENT_LATE: 1, Standing.BLOCKED: 1}
    assert digest.counts[Standing.OVERDUE] == 1 and digest.expected == 4


def test_a_late_report_counts_working_days_after_the_effective_due_date() -> None:
    digest = summarize(quarterly(), FIGURES, date(2020, 3, 16), CALENDAR)
    [late] = digest.late
    assert (late.unit_name, late.days_late) == ("Sở Tư pháp", 2)  # Wed 11 and Thu 12
    assert digest.counts[Standing.SENT_LATE] == 1
    assert digest.counts[Standing.OVERDUE] == 2
    assert (digest.missing, digest.not_sent, digest.expected) == (4, 2, 6)
    assert [b.unit_name for b in digest.blocked] == ["Sở Xây dựng"]
    assert [e.wanted_date for e in digest.extensions] == [date(2020, 3, 20)]
    assert digest.state is OccurrenceState.OVERDUE
    assert digest.working_days_left == -4


def test_an_occurrence_is_complete_once_every_unit_has_sent() -> None:
    everyone = OccurrenceFigures(tallies=(StatusTally(SUBMITTED, True, 6),))
    digest = summarize(quarterly(), everyone, date(2020, 3, 11), CALENDAR)
    assert digest.state is OccurrenceState.COMPLETE and digest.missing == 0
    assert not is_open(digest, date(2020, 3, 11))


def test_open_means_due_within_a_week_or_overdue_with_units_missing() -> None:
    missing = OccurrenceFigures(tallies=(StatusTally(SUBMITTED, True, 5),))
    done = OccurrenceFigures(tallies=(StatusTally(SUBMITTED, True, 6),))

    def opened(today: date, figures: OccurrenceFigures) -> bool:
        return is_open(summarize(quarterly(), figures, today, CALENDAR), today)

    assert opened(date(2020, 3, 3), missing) and opened(date(2020, 3, 3), done)
    assert not opened(date(2020, 3, 2), missing)  # 8 days ahead
    assert opened(date(2020, 3, 10), missing)
    assert opened(date(2020, 5, 29), missing) and not opened(date(2020, 3, 11), done)
    assert not opened(date(2020, 6, 11), missing)  # more than three months overdue


def test_open_candidates_are_ordered_by_effective_due_date() -> None:
    later = quarterly(date(2020, 3, 14), date(2020, 3, 16))
    stale, old = quarterly(date(2019, 12, 10)), quarterly(date(2019, 12, 13))
    found = open_candidates([later, quarterly(), stale, old], date(2020, 3, 12))
    # 10/12/2019 is 93 days back: past the window; 13/12/2019 is 90 days back.
    assert [o.due_date for o in found] == [date(2019, 12, 13), Q1_DUE, date(2020, 3, 14)]


def test_digest_reads_in_the_officials_words_line_by_line() -> None:
    digest = summarize(quarterly(), FIGURES, date(2020, 3, 16), CALENDAR)
    [message] = digest_messages(Digest(date(2020, 3, 16), DigestScope.OPEN, (digest,)), "vi")
    assert message.split("\n") == [
        "📊 <b>Tình hình thực hiện chế độ báo cáo</b>",
        "Các báo cáo đang mở, cập nhật ngày 16/03/2020",
        "",
        "<b>1. Báo cáo quý, đánh giá tình hình thực hiện Kế hoạch hành động của UBND tỉnh</b> "
        "(<code>quy</code>)",
        "Kỳ báo cáo: Quý I/2020",
        "Hạn gửi: <b>10/03/2020</b> — ⚠️ đã quá hạn 4 ngày làm việc",
        "Số đơn vị phải báo cáo: 6",
        "✅ Đã gửi – đúng hạn: 1",
        "🕘 Đã gửi – trễ hạn: 1",
        "⚠️ Có khó khăn, vướng mắc: 1",
        "📅 Đề nghị gia hạn: 1",
        "❌ Quá hạn – chưa gửi: 2",
        "🚨 Đã đôn đốc: 2 đơn vị",
        "<b>Các đơn vị chưa gửi báo cáo</b> (2):",
        "• Sở Y tế — lãnh đạo: Trần Văn Hùng (đã đôn đốc)",
        "• Sở Nội vụ",
        "<b>Đã gửi – trễ hạn</b> (1):",
        "• Sở Tư pháp — chậm 2 ngày",
        "<b>Có khó khăn, vướng mắc</b> (1):",
        "• Sở Xây dựng: Thiếu số liệu của các huyện (đã đôn đốc)",
        "   ↳ Đề xuất, kiến nghị: Đề nghị Sở Kế hoạch và Đầu tư hỗ trợ",
        "<b>Đề nghị gia hạn</b> (1):",
        "• Sở Công Thương — xin gia hạn đến 20/03/2020: Chờ số liệu quý",
    ]


def test_before_the_due_date_the_digest_says_how_many_working_days_are_left() -> None:
    figures = OccurrenceFigures(tallies=(StatusTally(IN_PROGRESS, None, 1),),
                                answers=(answer("stp", "Sở Tư pháp", IN_PROGRESS),),
                                silent=(SilentUnit("syt", "Sở Y tế"),))
    digest = summarize(quarterly(units=("stp", "syt")), figures, date(2020, 3, 5), CALENDAR)
    [message] = digest_messages(Digest(date(2020, 3, 5), DigestScope.SELECTED, (digest,)), "vi")
    lines = message.split("\n")
    assert lines[1] == "Cập nhật ngày 05/03/2020"
    assert "Hạn gửi: <b>10/03/2020</b> — còn 3 ngày làm việc" in lines
    assert "⏳ Chưa gửi: 1" in lines and "🔄 Đang thực hiện: 1" in lines
    assert lines[-2:] == ["<b>Đang thực hiện</b> (1):", "• Sở Tư pháp"]


def test_a_due_date_moved_by_a_day_off_shows_both_dates_and_english_reads_too() -> None:
    moved = quarterly(date(2020, 10, 10), date(2020, 10, 12))  # Saturday → Monday
    digest = summarize(moved, OccurrenceFigures(), date(2020, 10, 12), CALENDAR)
    [vi] = digest_messages(Digest(date(2020, 10, 12), DigestScope.OPEN, (digest,)), "vi")
    [en] = digest_messages(Digest(date(2020, 10, 12), DigestScope.OPEN, (digest,)), "en")
    assert "Hạn gửi: <b>12/10/2020</b> — hôm nay (văn bản ghi 10/10/2020, trùng ngày nghỉ)" in vi
    assert "📊 <b>Reporting compliance</b>" in en
    assert "⏳ Not sent yet: 6" in en and "<b>Units that have not sent the report</b> (6):" in en


def test_an_empty_open_digest_says_nothing_is_open() -> None:
    [message] = digest_messages(Digest(date(2020, 3, 16), DigestScope.OPEN, ()), "vi")
    assert message.endswith("Hiện không có báo cáo nào đang mở (đến hạn trong 7 ngày tới, "
                            "hoặc đã quá hạn mà còn đơn vị chưa gửi).")


def test_names_and_notes_are_escaped_and_capped_lists_say_how_many_more() -> None:
    figures = OccurrenceFigures(
        tallies=(StatusTally(BLOCKED, None, 3),),
        answers=(answer("sxd", "Sở <Xây> & dựng", BLOCKED, note="a < b & <i>c</i>",
                        proposal="  "),),
        silent=(SilentUnit("syt", "Sở Y tế"),))
    digest = summarize(quarterly(units=UNITS[:5]), figures, date(2020, 3, 16), CALENDAR)
    [message] = digest_messages(Digest(date(2020, 3, 16), DigestScope.OPEN, (digest,)), "vi")
    assert "• Sở &lt;Xây&gt; &amp; dựng: a &lt; b &amp; &lt;i&gt;c&lt;/i&gt;" in message
    assert "Đề xuất, kiến nghị" not in message
    assert "<b>Các đơn vị chưa gửi báo cáo</b> (2):\n• Sở Y tế\n   … và 1 đơn vị khác" in message
    assert "<b>Có khó khăn, vướng mắc</b> (3):" in message
    assert message.count("… và 2 đơn vị khác") == 1


def test_a_long_list_names_forty_units_says_how_many_more_and_fits_one_message() -> None:
    units = tuple(f"u{i:04d}" for i in range(400))
    silent = tuple(SilentUnit(code, f"Ủy ban nhân dân xã số {code}", ("Nguyễn Văn An",))
                   for code in units)
    digest = summarize(quarterly(units=units), OccurrenceFigures(silent=silent),
                       date(2020, 3, 16), CALENDAR)
    [message] = digest_messages(Digest(date(2020, 3, 16), DigestScope.OPEN, (digest,)), "vi")
    assert len(message) <= TELEGRAM_TEXT_LIMIT
    lines = message.split("\n")
    assert sum(line.startswith("• Ủy ban nhân dân xã số") for line in lines) == NAMES_SHOWN
    assert "   … và 360 đơn vị khác" in lines


def test_digest_is_in_the_menus_of_the_office_and_admins_only() -> None:
    def menu(*roles: Role) -> set[str]:
        return {command.name for command in commands_for(frozenset(roles))}

    assert "digest" in menu(Role.OFFICE) and "digest" in menu(Role.ADMIN)
    assert "digest" not in menu(Role.OFFICER) and "digest" not in menu(Role.EVERYONE)
