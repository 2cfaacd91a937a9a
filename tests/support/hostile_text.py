"""Hypothesis strategies for hostile chat input: what a careless, curious or malicious person
may type or forge. Used by tests/e2e/test_fuzz_commands.py.

Everything stays within what Telegram delivers: a message text is at most 4,096 characters and
contains no lone surrogates; callback data is forged freely (the fake Bot API lets a test press
any data), up to over-long values a real client could not send.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from hypothesis import strategies as st

TELEGRAM_TEXT_LIMIT = 4096

VIETNAMESE_WORDS = ["Sở Tư pháp", "Ủy ban nhân dân tỉnh Trà Vinh", "Đôn đốc", "gia hạn",
                    "Quý I/2020", "ngày 15 tháng cuối quý", "báo cáo tháng", "Văn phòng"]
NFC = [unicodedata.normalize("NFC", word) for word in VIETNAMESE_WORDS]
NFD = [unicodedata.normalize("NFD", word) for word in VIETNAMESE_WORDS]
INVISIBLE = ["\x00", "\t", "\n", "\r", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85",
             "\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e",
             "\u2066", "\u2069", "\u2028", "\u2029", "\ufeff", "\ufffd"]
HTML = ["<b>", "</b>", "</code>", "<code>", "<pre>", "<script>alert(1)</script>", "<br>",
        "<a href=\"tg://user?id=1\">x</a>", "&amp;", "&lt;", "&gt", "&#0;", "&#x110000;",
        "<", ">", "&", "<tg-spoiler>", "<i><b></i></b>"]
SQL = ["'; DROP TABLE units; --", "\" OR 1=1 --", "' OR '1'='1", "%", "_", "%%", "\\",
       "\\x00", "NULL", "1; DELETE FROM deadlines", "$1", "?", ":code", "E'\\\\'", "*/ /*"]
EMOJI = ["😀", "👍🏽", "🇻🇳", "👨‍👩‍👧‍👦", "🔥", "✓", "🏳️‍🌈", "\U0001f9d1\u200d\U0001f4bb", "㊙️"]
# Plausible at a glance, wrong on a closer look: impossible dates, codes with diacritics,
# digits that str.isdigit() accepts but int() does not, numbers too big for the database.
PLAUSIBLE_WRONG = ["31/02/2026", "29/02/2025", "00/00/0000", "32/13/2026", "2026-02-31",
                   "31/2", "0/0", "1/1/1", "01/01/99999", "10/03/2020x", "sởdl", "SỞTP",
                   unicodedata.normalize("NFD", "sởtp"), "stp\u200b", "S\u0301YT", "-1", "0",
                   "+5", "1e309", "NaN", "²", "³", "١٢", "٣/٤/٢٠٢٦", "１２", "#", "#²", "##1",
                   "9" * 20, "-" + "9" * 20, "Quý V/2020", "quy 2020 2021", "@", "@@",
                   "@" + "a" * 40, "all -", "all -khongco", "office head", "head group",
                   "name", "tên", "group", "han", "title"]
FRAGMENTS = [*NFC, *NFD, *INVISIBLE, *HTML, *SQL, *EMOJI, *PLAUSIBLE_WRONG]
# Single characters for st.text: ASCII, Vietnamese letters (precomposed and bare combining
# marks), controls and invisible marks, a few symbols outside the Basic Multilingual Plane.
ALPHABET = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /:#@-_.,;'\"<>&%"
            "ăâđêôơưĂÂĐÊÔƠƯáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ"
            "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
            + "".join(INVISIBLE) + "😀🇻€²١")


def _pieces() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ALPHABET, max_size=12))


def very_long_text() -> st.SearchStrategy[str]:
    """4,000 to 4,060 characters of one fragment repeated: room left for a command word."""
    return st.builds(lambda piece, size: (piece * size)[:size],
                     st.sampled_from([*FRAGMENTS, "a", "ạ", "9", " x"]),
                     st.integers(min_value=4000, max_value=4060))


def hostile_text() -> st.SearchStrategy[str]:
    """One argument string or typed answer: random characters, hostile fragments mixed with
    words, plausible-but-wrong values, whitespace only, or very long."""
    return st.one_of(
        st.text(alphabet=ALPHABET, max_size=40),
        st.lists(_pieces(), min_size=1, max_size=6).flatmap(
            lambda parts: st.sampled_from([" ".join(parts), "".join(parts)])),
        st.sampled_from(PLAUSIBLE_WRONG),
        st.sampled_from(["", " ", "   ", "\t", "\n", "\u3000", "\u00a0"]),
        very_long_text(),
    )


def hostile_arguments() -> st.SearchStrategy[str]:
    """What follows a command word: one to four hostile words (or one hostile string)."""
    return st.one_of(
        hostile_text(),
        st.lists(hostile_text(), min_size=2, max_size=4).map(" ".join),
    )


def forged_callback_data(prefixes: list[str]) -> st.SearchStrategy[str]:
    """Callback data as a forger would send it: a known prefix with a hostile suffix, a known
    prefix with plausible fields, random text, or data longer than Telegram's 64 bytes."""
    digits = st.integers(min_value=0, max_value=10**12 - 1).map(str)
    plausible = st.builds(
        lambda prefix, fields: prefix + ":".join(fields),
        st.sampled_from(prefixes),
        st.lists(st.one_of(digits, st.sampled_from(["s", "p", "b", "e", "x", "g", "d", "k", "n",
                                                    "u", "syt", "quy", "20200120", "20200231",
                                                    "99999999", "1.deadbeef", "0.00000000"])),
                 min_size=1, max_size=5))
    return st.one_of(
        st.builds(lambda prefix, suffix: prefix + suffix, st.sampled_from(prefixes),
                  st.text(alphabet=ALPHABET, max_size=60)),
        plausible,
        st.text(alphabet=ALPHABET, min_size=1, max_size=64),
        st.builds(lambda prefix, size: prefix + "9" * size, st.sampled_from(prefixes),
                  st.integers(min_value=60, max_value=300)),
    )


# Every command also gets these, whatever hypothesis draws: the inputs most likely to slip past
# a check (a digit int() refuses, a number too big for the database, a NUL, markup, RTL marks).
EXPLICIT_ARGUMENTS = ["²", "9" * 20, "a\x00b", "</code>&<b>", "\u202esyt\u200f", "x" * 4060]

HOSTILE_CLASSES: dict[str, Callable[[str], bool]] = {
    "control or invisible": lambda typed: any(char in INVISIBLE for char in typed),
    "HTML": lambda typed: "<" in typed or "&" in typed,
    "SQL fragment": lambda typed: any(piece in typed for piece in ("'", "%", "--", ";", "\\")),
    "RTL mark": lambda typed: any(mark in typed for mark in "\u200f\u202e\u2066\u202a"),
    "emoji": lambda typed: any(ord(char) >= 0x1F000 for char in typed),
    "NFD Vietnamese": lambda typed: any(unicodedata.combining(char) for char in typed),
    "NFC Vietnamese": lambda typed: any(char in "ăâđêôơưạảấầẩẫậếềểễệốồổỗộớờởỡợứừửữự"
                                        for char in typed.lower()),
    "very long": lambda typed: len(typed) >= 4000,
    "blank": lambda typed: not typed.strip(),
    "plausible but wrong": lambda typed: any(word in PLAUSIBLE_WRONG for word in typed.split()),
}


def hostile_classes(typed: str) -> list[str]:
    """Which kinds of hostile input `typed` contains, to show what a run covered."""
    return [name for name, found in HOSTILE_CLASSES.items() if found(typed)]
