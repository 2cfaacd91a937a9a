"""Notes typed with a status answer (bot.services.statuses.clean_note)."""

from __future__ import annotations

import pytest

from bot.domain.errors import EmptyNote, NoteTooLong
from bot.services.statuses import MAX_NOTE_LENGTH, clean_note

INVISIBLE = ["", "   ", "\u200b", "\u200f\u200e", "\u2060 \ufeff", "\u00a0\u3000"]


@pytest.mark.parametrize("typed", INVISIBLE)
def test_a_required_note_with_nothing_visible_is_refused_as_empty(typed: str) -> None:
    with pytest.raises(EmptyNote):
        clean_note(typed)


@pytest.mark.parametrize("typed", INVISIBLE)
def test_an_optional_note_with_nothing_visible_is_stored_empty(typed: str) -> None:
    assert clean_note(typed, required=False) == ""


def test_a_note_is_stored_trimmed_in_nfc_with_its_inner_marks_kept() -> None:
    decomposed = "  Đa\u0303 gửi\u200b công văn\nsố 12  "  # "Đã" typed with a combining tilde
    assert clean_note(decomposed) == "Đã gửi\u200b công văn\nsố 12"


def test_a_note_over_the_limit_is_refused_with_its_length() -> None:
    with pytest.raises(NoteTooLong) as refused:
        clean_note("a" * (MAX_NOTE_LENGTH + 1))
    assert refused.value.params == {"length": MAX_NOTE_LENGTH + 1, "maximum": MAX_NOTE_LENGTH}
