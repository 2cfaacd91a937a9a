"""Texts: both languages for every key, escaped values, safe splitting under 4096 characters."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import DomainError, NotAllowed
from bot.domain.roles import Role, require
from bot.texts import MESSAGES, TELEGRAM_TEXT_LIMIT, error_text, split_message, text
from bot.texts.errors import ERROR_MESSAGES


def test_every_message_exists_in_vietnamese_and_english_with_the_same_placeholders() -> None:
    for catalog in (MESSAGES, ERROR_MESSAGES):
        for key, variants in catalog.items():
            assert set(variants) == {"vi", "en"}, key
            placeholders = {lang: set(re.findall(r"{(\w+)}", s)) for lang, s in variants.items()}
            assert placeholders["vi"] == placeholders["en"], key


def test_interpolated_values_are_escaped_for_html() -> None:
    rendered = text("start.greeting", "vi", name="<b>Bình</b> & co", province="Trà Vinh")
    assert "&lt;b&gt;Bình&lt;/b&gt; &amp; co" in rendered
    assert "<b>Bình</b>" not in rendered


def test_an_unknown_error_code_falls_back_to_the_generic_polite_message() -> None:
    class Strange(DomainError):
        code = "no_such_code"

    assert error_text(Strange(), "vi") == ERROR_MESSAGES["invalid_input"]["vi"]


def test_a_refusal_names_the_roles_in_the_readers_language() -> None:
    """Issue 15: 'chỉ dành cho admin, office' named the roles by their English codes."""
    def refusal(command: str) -> NotAllowed:
        try:
            require(frozenset({Role.EVERYONE}), command)
        except NotAllowed as refused:
            return refused
        raise AssertionError(command)
    assert error_text(refusal("deadlines"), "vi") == (
        "Xin lỗi, lệnh /deadlines chỉ dành cho quản trị viên hoặc Văn phòng UBND tỉnh. "
        "Không có gì bị thay đổi.")
    assert error_text(refusal("digest"), "vi").startswith(
        "Xin lỗi, lệnh /digest chỉ dành cho Văn phòng UBND tỉnh hoặc quản trị viên.")
    assert error_text(refusal("status"), "vi").startswith(
        "Xin lỗi, lệnh /status chỉ dành cho cán bộ phụ trách báo cáo.")
    assert error_text(refusal("deadlines"), "en") == (
        "Sorry, /deadlines is only for admins or the Provincial Office. Nothing was changed.")
    assert error_text(refusal("web"), "vi").startswith(
        "Xin lỗi, lệnh /web chỉ dành cho cán bộ phụ trách báo cáo, quản trị viên hoặc Văn phòng "
        "UBND tỉnh.")
    for role in Role:
        assert {"vi", "en"} == set(MESSAGES[f"role_name.{role.value}"])


def test_a_short_message_is_not_split() -> None:
    assert split_message("Xin chào") == ["Xin chào"]


def test_a_long_message_is_split_at_line_breaks() -> None:
    lines = [f"<b>Đơn vị {i}</b>: chưa gửi báo cáo" for i in range(400)]
    parts = split_message("\n".join(lines))
    assert len(parts) > 1
    assert all(len(part) <= TELEGRAM_TEXT_LIMIT for part in parts)
    assert "\n".join(parts).split("\n") == lines


def test_a_single_enormous_line_is_cut_without_breaking_an_entity() -> None:
    line = "a&amp;" * 2000
    parts = split_message(line)
    assert "".join(parts) == line
    assert all(len(p) <= TELEGRAM_TEXT_LIMIT and not re.search(r"&[a-z]*$", p) for p in parts)


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=5000),
                min_size=1, max_size=12))
def test_splitting_never_exceeds_the_limit_and_loses_no_text(lines: list[str]) -> None:
    message = "\n".join(lines)
    parts = split_message(message)
    assert all(len(part) <= TELEGRAM_TEXT_LIMIT for part in parts)
    assert re.sub(r"\s", "", "".join(parts)) == re.sub(r"\s", "", message)
