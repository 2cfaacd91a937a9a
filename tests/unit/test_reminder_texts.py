"""Reminder and office texts around an approved extension and chats that did not get a notice."""

from __future__ import annotations

from datetime import date

from bot.domain.delivery import ReminderNotice
from bot.domain.office_actions import OfficeActionKind
from bot.domain.reminders import ReminderKind
from bot.services.office_actions import OfficeNotice
from bot.services.statuses import ReportRef
from bot.texts.office_actions_render import office_confirmation
from bot.texts.reminders_render import reminder_text, slot_text


def notice(granted_until: date | None, effective: date, days_left: int,
           kind: ReminderKind = ReminderKind.BEFORE) -> ReminderNotice:
    return ReminderNotice(
        row_id=1, chat_id=101, kind=kind, deadline_id=1, unit_id=2, unit_name="Sở Y tế",
        title="Báo cáo quý", period_label="Quý I/2020", legal_basis="01/QĐ-UBND",
        recipient_name="Văn phòng UBND tỉnh", due_date=date(2020, 3, 8),
        effective_due_date=effective, working_days_left=days_left, granted_until=granted_until)


def test_a_reminder_after_an_approved_extension_shows_the_date_granted_and_why() -> None:
    extended = notice(date(2020, 3, 20), date(2020, 3, 20), 3)
    vi, en = reminder_text(extended, "vi"), reminder_text(extended, "en")
    assert "Hạn gửi: <b>20/03/2020</b> (còn 3 ngày làm việc)" in vi
    assert ("<i>Hạn đã được gia hạn đến 20/03/2020: Văn phòng UBND tỉnh đã duyệt đề nghị gia hạn "
            "của đơn vị (hạn ghi trong văn bản: 08/03/2020).</i>") in vi
    assert "The due date was extended to 20/03/2020" in en
    assert "(the document says 08/03/2020)" in en
    assert "trùng ngày nghỉ" not in vi  # the day-off note is about the old date: left out


def test_a_reminder_without_extension_keeps_the_day_off_note() -> None:
    moved = reminder_text(notice(None, date(2020, 3, 9), 1), "vi")
    assert "Hạn ghi trong văn bản là 08/03/2020, trùng ngày nghỉ nên tính đến 09/03/2020." in moved
    assert "gia hạn" not in moved


def test_the_outbox_listing_names_the_date_an_extended_slot_counts_from() -> None:
    assert slot_text("before:3", "vi") == "trước hạn 3 ngày làm việc"
    assert slot_text("escalation:3@2020-03-20", "vi") == (
        "đôn đốc, quá hạn 3 ngày làm việc, theo hạn đã gia hạn đến 20/03/2020")
    assert slot_text("due:0@2020-03-20", "en") == "due day, against the extended date 20/03/2020"


def office_notice() -> OfficeNotice:
    return OfficeNotice(OfficeActionKind.FOLLOW_UP, ReportRef(1, date(2020, 1, 20), 2),
                        "trienkhai", "Ban hành văn bản", "Năm 2020", "stp", "Sở Tư pháp",
                        date(2020, 1, 20), None, 2, None, (101, 102, 103))


def test_the_office_confirmation_counts_who_got_it_and_who_did_not() -> None:
    lines = office_confirmation(office_notice(), 1, "vi", refused=1, failed=1).split("\n")
    assert lines[0].endswith("Đã nhắn 1 người/nhóm của đơn vị.")
    assert lines[1].startswith("⚠️ 1 người/nhóm của đơn vị không nhận được vì Telegram từ chối")
    assert lines[2] == ("⚠️ 1 người/nhóm của đơn vị chưa nhận được do lỗi khi gửi qua "
                        "Telegram.")
    assert len(lines) == 3  # somebody got it: no "nobody" warning
    english = office_confirmation(office_notice(), 0, "en", failed=3).split("\n")
    assert english[1] == ("⚠️ 3 of the unit's people/groups did not get it because sending "
                          "through Telegram failed.")
    assert english[2].startswith("⚠️ Nobody of the unit could be messaged")
    assert office_confirmation(office_notice(), 3, "vi").count("\n") == 0
