"""Digests that stay readable at 150 units: counts per group first, then the units to chase,
cut with "… và N đơn vị khác" and the dashboard link, never more than three messages, each
within Telegram's 4096 characters once parsed, at most eight buttons under a message."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.delivery import UnreachableChat
from bot.domain.digests import NAMES_SHOWN, Digest, DigestScope, OccurrenceDigest
from bot.domain.office_actions import MAX_BUTTONS_PER_MESSAGE
from bot.domain.units import Unit, UnitGroup
from bot.office_buttons import CALLBACK_DATA_LIMIT, office_keyboard
from bot.texts import TELEGRAM_TEXT_LIMIT, Lang
from bot.texts.digest_layout import MAX_MESSAGES, telegram_length
from bot.texts.digests_render import DigestPart, digest_parts
from tests.fake_telegram.html_text import parse_html_text
from tests.support.digest_scale import DAY_AFTER, Q3_2025, digest_at_scale, vinh_long_units

DASHBOARD = "https://bot.example.gov.vn/dashboard"
LINK = f"{DASHBOARD}/report/quy/2025-09-10?year=2025"
UNITS_150 = vinh_long_units(extra_communes=10)  # 14 sở, 2 agencies, 124 + 10 xã
MORE = re.compile(r"^   … và (\d+) đơn vị khác$")


def parts_of(*occurrences: OccurrenceDigest, lang: Lang = "vi",
             scope: DigestScope = DigestScope.SELECTED,
             unreachable: tuple[UnreachableChat, ...] = ()) -> list[DigestPart]:
    return digest_parts(Digest(DAY_AFTER, scope, occurrences, unreachable), lang, DASHBOARD)


def check_telegram_limits(parts: list[DigestPart]) -> None:
    """At most three messages, each within 4096 characters after parsing (and in UTF-16 code
    units), at most eight buttons each, every callback within 64 bytes."""
    assert 1 <= len(parts) <= MAX_MESSAGES
    for part in parts:
        plain, _entities = parse_html_text(part.text)
        assert len(plain) <= TELEGRAM_TEXT_LIMIT
        assert telegram_length(plain) <= telegram_length(part.text) <= TELEGRAM_TEXT_LIMIT
        assert len(part.actions) <= MAX_BUTTONS_PER_MESSAGE
        keyboard = office_keyboard(part.actions, "vi")
        buttons = [b for row in keyboard.inline_keyboard for b in row] if keyboard else []
        assert all(len((b.callback_data or "").encode()) <= CALLBACK_DATA_LIMIT for b in buttons)
        assert all(len(b.text) <= 64 for b in buttons)


def named(lines: list[str]) -> int:
    """Units named in the lines of the lists."""
    return sum(line.startswith("• ") for line in lines)


@pytest.mark.parametrize(("share", "overdue", "cut", "buttons"), [
    (0.0, 150, 110, 8), (0.5, 75, 52, 8), (1.0, 0, 0, 7)])
def test_a_150_unit_digest_counts_per_group_first_then_names_at_most_forty_in_one_message(
    share: float, overdue: int, cut: int, buttons: int
) -> None:
    digest = digest_at_scale(UNITS_150, share)
    parts = parts_of(digest)
    check_telegram_limits(parts)
    [part] = parts  # one report, one message
    lines = parse_html_text(part.text)[0].split("\n")
    groups = lines.index("Theo nhóm đơn vị:")
    first_list = next(i for i, line in enumerate(lines) if line.endswith("):") and i > groups)
    assert [line.split(":")[0] for line in lines[groups + 1:first_list]] == [
        "• Sở, ban, ngành (14)", "• Cơ quan khác (2)", "• UBND cấp xã (134)"]
    assert lines[:first_list].count(f"❌ Quá hạn – chưa gửi: {overdue}") == (1 if overdue else 0)
    assert named(lines[first_list:]) == NAMES_SHOWN  # the rest is on the dashboard
    silent = [int(m[1]) for line in lines if (m := MORE.match(line))][:1]
    assert silent == ([cut] if cut else []) or share == 1.0
    assert LINK in part.text  # some list is cut in each case
    assert len(part.actions) == buttons  # 100 %: the seven extension requests to approve


def test_at_half_answered_every_kind_of_unit_to_chase_is_named_and_the_rest_counted() -> None:
    lines = parse_html_text(parts_of(digest_at_scale(UNITS_150, 0.5))[0].text)[0].split("\n")
    sections = {line.split(" (")[0]: int(line.split("(")[1].split(")")[0])
                for line in lines if line.endswith("):") and not line.startswith("•")}
    assert sections == {"Các đơn vị chưa gửi báo cáo": 75, "Đã gửi – trễ hạn": 11,
                        "Có khó khăn, vướng mắc": 3, "Đề nghị gia hạn": 3}
    # In progress units are counted; the names go to those the office must act on.
    assert "🔄 Đang thực hiện: 6" in lines and "Đang thực hiện (6):" not in lines
    assert "   ↳ Đề xuất, kiến nghị: Đề nghị Sở Tài chính hướng dẫn biểu mẫu tổng hợp theo " \
           "địa bàn mới" in lines
    assert "   … và 52 đơn vị khác" in lines  # 75 silent, 23 named
    assert lines[-1].startswith("➡️ Đôn đốc 70 đơn vị khác: gõ /dondoc quy 10/09/2025")
    assert lines[-1].endswith(", …)")


def test_buttons_go_to_units_the_digest_names_extension_requests_first() -> None:
    [part] = parts_of(digest_at_scale(UNITS_150, 0.5))
    plain = parse_html_text(part.text)[0]
    assert [a.kind.value for a in part.actions] == ["giahan"] * 3 + ["dondoc"] * 5
    keyboard = office_keyboard(part.actions, "vi")
    assert keyboard is not None and [len(row) for row in keyboard.inline_keyboard] == [2] * 4
    names = {unit.code: unit.name for unit in UNITS_150}
    assert all(f"• {names[a.unit_code]}" in plain for a in part.actions)


def test_a_fully_answered_province_names_the_late_blocked_and_extensions_without_chasing(
) -> None:
    [part] = parts_of(digest_at_scale(UNITS_150, 1.0))
    lines = parse_html_text(part.text)[0].split("\n")
    assert "Các đơn vị chưa gửi báo cáo" not in part.text
    assert "Đã gửi – trễ hạn (21):" in lines and "Có khó khăn, vướng mắc (7):" in lines
    assert "Đề nghị gia hạn (7):" in lines
    assert [a.kind.value for a in part.actions] == ["giahan"] * 7
    assert not any(line.startswith("➡️") for line in lines)


def test_english_reads_the_same_shape() -> None:
    [part] = parts_of(digest_at_scale(UNITS_150, 0.5), lang="en")
    lines = parse_html_text(part.text)[0].split("\n")
    assert "By group of units:" in lines
    assert "• Departments (14): 7 on time, 7 overdue" in lines
    assert "   … and 52 more unit(s)" in lines
    assert f"🔗 Every unit on the dashboard (sign in with /web): {LINK}" in lines


def test_a_province_of_trà_vinhs_size_is_named_in_full_without_a_link() -> None:
    communes = [u for u in UNITS_150 if u.group is UnitGroup.COMMUNE]
    small = (*(u for u in UNITS_150 if u.group is not UnitGroup.COMMUNE), *communes[:22])
    [part] = parts_of(digest_at_scale(small, 0.0))  # 38 units, none answered
    lines = parse_html_text(part.text)[0].split("\n")
    heading = lines.index("Các đơn vị chưa gửi báo cáo (38):")
    assert [line.startswith("• ") for line in lines[heading + 1:]] == [True] * 38 + [False]
    assert not any(MORE.match(line) for line in lines)
    assert DASHBOARD not in part.text


def test_the_open_digest_of_five_big_reports_stays_within_three_messages() -> None:
    reports = [digest_at_scale(UNITS_150, share, due=due, code=code) for share, due, code in (
        (0.5, date(2025, 6, 10), "quy"), (0.3, date(2025, 8, 20), "thang"),
        (0.5, Q3_2025, "quy"), (0.0, date(2025, 9, 12), "tuan"),
        (0.9, date(2025, 9, 15), "thang"))]
    parts = parts_of(*reports, scope=DigestScope.OPEN)
    check_telegram_limits(parts)
    assert len(parts) == MAX_MESSAGES
    texts = [parse_html_text(part.text)[0] for part in parts]
    numbers = [[int(line.split(".")[0]) for line in text.split("\n") if re.match(r"\d\. ", line)]
               for text in texts]
    # The first two reports end a message each, with their buttons; the last message holds
    # the rest (here all of them fit, naming fewer units), its buttons under its last report.
    assert numbers == [[1], [2], [3, 4, 5]]
    assert [{a.due_date for a in part.actions} for part in parts] == [
        {date(2025, 6, 10)}, {date(2025, 8, 20)}, {date(2025, 9, 15)}]
    assert "➡️ Đôn đốc 150 đơn vị: gõ /dondoc tuan 12/09/2025" in texts[2]  # no buttons
    assert all("• Sở, ban, ngành (14)" in text for text in texts)
    assert texts[2].count("🔗 ") == 3


def test_reports_that_do_not_fit_three_messages_are_named_to_ask_for_one_by_one() -> None:
    dues = [date(2025, 6, 2) + timedelta(days=7 * n) for n in range(12)]
    parts = parts_of(*(digest_at_scale(UNITS_150, 0.5, due=due, code="tuan") for due in dues),
                     scope=DigestScope.OPEN)
    check_telegram_limits(parts)
    last = parse_html_text(parts[-1].text)[0].split("\n")
    shown = [line for part in parts for line in parse_html_text(part.text)[0].split("\n")
             if re.match(r"\d+\. ", line)]
    left = dues[len(shown):]
    assert len(parts) == MAX_MESSAGES and 3 <= len(shown) < 12
    assert last[-1] == (
        f"➕ Còn {len(left)} báo cáo không đủ chỗ trong tin nhắn: "
        + ", ".join(f"tuan {due:%d/%m/%Y}" for due in left)
        + ". Xem từng báo cáo bằng /digest <mã> <ngày hạn>.")


def test_the_longest_names_notes_titles_and_unreachable_chats_still_fit() -> None:
    long_units = tuple(Unit(u.code, ("Ủy ban nhân dân " * 20)[:255] + "x", u.group)
                       for u in UNITS_150)
    reports = []
    for n in range(4):
        digest = digest_at_scale(long_units, 0.5, due=date(2025, 9, 1 + n))
        occurrence = replace(digest.occurrence, title="Báo cáo " * 60,
                             deadline_code="k" * 32)
        blocked = tuple(replace(a, note="Khó khăn <b>&amp;</b> " * 200,
                                proposal="Đề xuất & kiến nghị " * 100) for a in digest.blocked)
        reports.append(replace(digest, occurrence=occurrence, blocked=blocked))
    unreachable = tuple(UnreachableChat("Nhóm " * 40, ("xcanglong",) * 30,
                                        datetime(2025, 9, 1, tzinfo=UTC), "blocked",
                                        is_group=n % 2 == 0) for n in range(40))
    parts = parts_of(*reports, scope=DigestScope.OPEN, unreachable=unreachable)
    check_telegram_limits(parts)
    assert "Không nhắn được (40)" in parts[-1].text
