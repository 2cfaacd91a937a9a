"""The office's actions, pure parts: which units get a button, the callback data, the digest's
messages with at most eight buttons each, and the unit's due date once an extension is granted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.digests import Digest, DigestScope, OccurrenceFigures, SilentUnit, summarize
from bot.domain.exports import UnitLine
from bot.domain.office_actions import (
    OfficeAction,
    OfficeActionKind,
    digest_actions,
    extension_pending,
    line_actions,
)
from bot.domain.periods import Period
from bot.domain.statuses import ReportStatus, Standing, unit_due_date
from bot.office_buttons import mark_done, office_callback, office_keyboard, parse_office_callback
from bot.texts.digests_render import digest_parts
from tests.unit.test_digests import CALENDAR, EXTENSION, FIGURES, Q1_DUE, answer, quarterly

APPROVE, FOLLOW_UP = OfficeActionKind.APPROVE_EXTENSION, OfficeActionKind.FOLLOW_UP
MARCH_16 = date(2020, 3, 16)


def silent(count: int) -> tuple[SilentUnit, ...]:
    return tuple(SilentUnit(f"u{n:02d}", f"Đơn vị {n}") for n in range(count))


def test_a_granted_date_moves_the_units_due_date_only_later() -> None:
    assert unit_due_date(Q1_DUE, None) == Q1_DUE
    assert unit_due_date(Q1_DUE, date(2020, 3, 20)) == date(2020, 3, 20)
    assert unit_due_date(Q1_DUE, date(2020, 3, 2)) == Q1_DUE


def test_an_extension_waits_for_the_office_until_a_grant_reaches_the_date_asked_for() -> None:
    assert extension_pending(date(2020, 3, 20), None)
    assert not extension_pending(date(2020, 3, 20), date(2020, 3, 20))
    assert extension_pending(date(2020, 3, 27), date(2020, 3, 20))  # asked again, for more
    assert extension_pending(None, None) and not extension_pending(None, date(2020, 3, 20))


def test_pending_extensions_with_a_date_come_first_then_the_silent_units() -> None:
    figures = replace(FIGURES, answers=(
        *FIGURES.answers,
        answer("stc", "Sở Tài chính", EXTENSION),  # no date asked for: the command is needed
        replace(answer("snn", "Sở Nông nghiệp", EXTENSION, wanted=date(2020, 3, 18)),
                granted_until=date(2020, 3, 18)),  # already granted
    ))
    digest = summarize(quarterly(), figures, MARCH_16, CALENDAR)
    assert digest_actions(digest) == (
        OfficeAction(APPROVE, "quy", Q1_DUE, "sct"),
        OfficeAction(FOLLOW_UP, "quy", Q1_DUE, "syt"),
        OfficeAction(FOLLOW_UP, "quy", Q1_DUE, "snv"),
    )


def test_the_dashboard_offers_what_the_digest_buttons_offer_on_each_line() -> None:
    q1 = replace(quarterly(), period=Period("Quý I/2020", date(2020, 1, 1), date(2020, 3, 31)))
    q2 = replace(quarterly(date(2020, 6, 10)),
                 period=Period("Quý II/2020", date(2020, 4, 1), date(2020, 6, 30)))

    def line(standing: Standing, wanted: date | None = None,
             granted: date | None = None) -> UnitLine:
        return UnitLine("syt", "Sở Y tế", standing, wanted_date=wanted, granted_until=granted)

    asked = date(2020, 3, 20)
    assert line_actions(line(Standing.EXTENSION, asked), q1, MARCH_16) == (APPROVE,)
    assert line_actions(line(Standing.EXTENSION, asked, asked), q1, MARCH_16) == ()
    assert line_actions(line(Standing.EXTENSION), q1, MARCH_16) == ()  # no date: /giahan
    assert line_actions(line(Standing.OVERDUE), q1, MARCH_16) == (FOLLOW_UP,)
    assert line_actions(line(Standing.NOT_SENT), q1, MARCH_16) == (FOLLOW_UP,)
    assert line_actions(line(Standing.NOT_SENT), q2, MARCH_16) == ()  # Quý II not begun
    assert [line_actions(line(s), q1, MARCH_16) for s in (
        Standing.SENT_ON_TIME, Standing.SENT_LATE, Standing.IN_PROGRESS, Standing.BLOCKED)
    ] == [()] * 4


def test_a_late_report_counts_its_days_from_the_date_granted() -> None:
    late = replace(answer("stp", "Sở Tư pháp", ReportStatus.SUBMITTED, on_time=False,
                          sent_on=date(2020, 3, 24)), granted_until=date(2020, 3, 20))
    digest = summarize(quarterly(), OccurrenceFigures(answers=(late,)), MARCH_16, CALENDAR)
    assert [unit.days_late for unit in digest.late] == [2]  # 23 and 24/03, not from 10/03


def test_callback_data_names_the_action_within_64_bytes_and_forgeries_are_rejected() -> None:
    longest = OfficeAction(APPROVE, "k" * 32, date(2020, 12, 31), "u" * 16)
    data = office_callback(longest)
    assert len(data.encode()) == 63 and parse_office_callback(data) == longest
    follow_up = OfficeAction(FOLLOW_UP, "quy", Q1_DUE, "syt")
    assert office_callback(follow_up) == "of:d:quy:20200310:syt"
    for forged in ("of:x:quy:20200310:syt", "of:d:quy:20200231:syt", "of:d:QUY:20200310:syt",
                   "of:d:quy:20200310:syt:extra", "of:d:quy:2020031:syt", "st:1:20200310:1:s"):
        assert parse_office_callback(forged) is None, forged


def test_one_occurrence_gets_eight_buttons_and_a_command_line_for_the_other_units() -> None:
    figures = replace(FIGURES, silent=silent(12))  # four units answered, 13 did not
    units = ("stp", "sxd", "sct", "snv", *(f"u{n:02d}" for n in range(12)), "extra")
    digest = summarize(quarterly(units=units), figures, MARCH_16, CALENDAR)
    [part] = digest_parts(Digest(MARCH_16, DigestScope.SELECTED, (digest,)), "vi")
    assert [a.unit_code for a in part.actions] == ["sct", *(f"u{n:02d}" for n in range(7))]
    assert part.text.split("\n")[-1] == (
        "➡️ Đôn đốc 6 đơn vị khác: gõ <code>/dondoc quy 10/03/2020 &lt;mã đơn vị&gt;</code> "
        "(mã: u07, u08, u09, u10, u11, …)")
    keyboard = office_keyboard(part.actions, "vi")
    assert keyboard is not None
    assert [[b.text for b in row] for row in keyboard.inline_keyboard][:2] == [
        ["Duyệt gia hạn sct", "Đôn đốc u00"], ["Đôn đốc u01", "Đôn đốc u02"]]


def test_each_occurrence_with_buttons_ends_its_message_so_labels_stay_unambiguous() -> None:
    first = summarize(quarterly(), FIGURES, MARCH_16, CALENDAR)
    quiet = summarize(quarterly(date(2020, 3, 12), units=("stp",)), OccurrenceFigures(),
                      MARCH_16, CALENDAR)
    second = summarize(quarterly(date(2020, 3, 13)), FIGURES, MARCH_16, CALENDAR)
    parts = digest_parts(Digest(MARCH_16, DigestScope.OPEN, (first, quiet, second)), "en")
    assert [len(part.actions) for part in parts] == [3, 3]
    assert parts[0].text.startswith("📊") and "<b>1. " in parts[0].text
    assert "<b>2. " in parts[1].text and "<b>3. " in parts[1].text  # the quiet one rides along
    assert {a.due_date for a in parts[1].actions} == {date(2020, 3, 13)}


def test_a_tapped_button_is_ticked_once() -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Đôn đốc syt", callback_data="a"),
                                    InlineKeyboardButton("Đôn đốc snv", callback_data="b")]])
    ticked = mark_done(markup, "b")
    assert ticked is not None
    assert [b.text for b in ticked.inline_keyboard[0]] == ["Đôn đốc syt", "✓ Đôn đốc snv"]
    assert mark_done(ticked, "b") is None and mark_done(markup, "zz") is None
