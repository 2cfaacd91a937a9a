"""Which units a clause of an official document binds, and to whom it reports (pure).

Reads folded text (bot.domain.directive_text). Units are named in full ('Sở Kế hoạch và Đầu
tư'), abbreviated ('Sở KH&ĐT', 'VP UBND tỉnh') or as groups ('các sở, ban, ngành tỉnh' →
departments, 'UBND các huyện, thị xã, thành phố' → districts). The unit just after 'gửi (về)',
'báo cáo' or 'trình' is the recipient, not a unit bound by the clause; units after 'phối hợp
với' only help. A 'Sở …' or 'huyện …' that matches no unit is returned as written, for the
admin to map.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.domain.directive_text import Clause, fold_text
from bot.domain.units import Unit

_GROUPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("departments", re.compile(
        r"\b(?:cac\s*)?so\s*,?\s*(?:ban\s*,?\s*)?nganh\b|\bcac\s*so\b(?!\s*(?:lieu|:))"
        r"|\bcac\s*co\s*quan\s*chuyen\s*mon\b|\bso\s*,?\s*ban\s*nganh\b")),
    ("districts", re.compile(
        r"\b(?:ubnd|uy\s*ban\s*nhan\s*dan)\s*(?:cac\s*)?(?:huyen|cap\s*huyen)\b"
        r"|\bcac\s*huyen\s*,?\s*(?:thi\s*xa|tx|thanh\s*pho|tp)\b|\bcac\s*dia\s*phuong\b"
        r"|\b(?:va|,)\s*dia\s*phuong\b|\bcap\s*huyen\b")),
)
_RECIPIENT_CUE = re.compile(r"\b(?:gui|bao\s*cao|trinh|nop|chuyen)\s*(?:ve\s*|cho\s*|den\s*|len\s*"
                            r"|toi\s*)?(?:cho\s*)?$")
_HELPING = re.compile(r"\bphoi\s*hop\s*(?:voi\s*)?(?:cac\s*)?$|\bvoi\s*$")
_PROVINCE_COMMITTEE = re.compile(r"\b(?:ubnd|uy\s*ban\s*nhan\s*dan)\s*tinh\b")
_CHAIRMAN = re.compile(r"\bchu\s*tich\s*(?:ubnd|uy\s*ban\s*nhan\s*dan)\s*tinh\b")
_UNNAMED_UNIT = re.compile(r"\b(?:Sở|UBND huyện|Ủy ban nhân dân huyện|huyện)"
                           r"(?:\s+[^\s,;.:()]+){1,6}")
# Words that end a unit's name: the verbs and links that follow it in a clause.
_NAME_ENDS = frozenset({"gui", "bao", "tong", "chu", "phoi", "co", "thuc", "xay", "trinh", "nop",
                        "theo", "tai", "trong", "truoc", "cac", "khan", "hoan", "de", "la",
                        "ve", "cho", "voi", "va"})
_SENT_TO = re.compile(
    r"\b(?:gửi|báo cáo|trình|nộp)\s+(?:về\s+|cho\s+|đến\s+|lên\s+)?((?:Bộ|Cục|Tổng cục|Ban|"
    r"Ủy ban|Thủ tướng|Văn phòng|Thanh tra|Bảo hiểm|Ngân hàng|Hội đồng)\b[^,.;:()]{0,60})")
_BODIES = frozenset({"so", "bo", "ubnd", "uy", "ban", "cuc", "huyen"})  # 'và Sở …': another body
_NOT_BOUND = ("chair", "committee")  # the Chairman and the committee receive, never report
_LOOK_BACK = 30  # characters before a mention searched for a recipient or helper cue
_ABBREVIATION = re.compile(r"\b[a-z]{1,4}(?:[-&.][a-z]{1,4})+\b")


@dataclass(frozen=True, slots=True)
class Mention:
    """A unit, group word or recipient found in a clause, and where."""

    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ClauseParties:
    """The units a clause binds (a selection such as 'departments districts' or 'skhdt'; ''
    when it names none), names that match no unit, and the recipient (a code, '' if none
    known) with, when it is no known unit, its name as written ('Bộ Kế hoạch và Đầu tư')."""

    units: str
    unknown: tuple[str, ...]
    recipient: str
    recipient_words: str


@dataclass(frozen=True, slots=True)
class UnitNames:
    """The province's units as a document may write them, read once per document: each
    folded alias → its code (longest first), and the patterns that find them in a clause
    (group words first, then the aliases, then the Chairman and the committee)."""

    aliases: Mapping[str, str]
    patterns: tuple[tuple[re.Pattern[str], str], ...]


def unit_names(units: Sequence[Unit]) -> UnitNames:
    """The folded ways of writing each unit's name, and their patterns."""
    found: dict[str, str] = {}
    for unit in units:
        for alias in _aliases_of(fold_text(unit.name)):
            found.setdefault(alias, unit.code)
    aliases = dict(sorted(found.items(), key=lambda item: -len(item[0])))
    patterns = (*((pattern, group) for group, pattern in _GROUPS),  # 'các huyện, thị xã, …'
                *((re.compile(rf"(?<![a-z]){re.escape(alias)}(?![a-z])"), code)
                  for alias, code in aliases.items()),
                (_CHAIRMAN, "chair"), (_PROVINCE_COMMITTEE, "committee"))
    return UnitNames(aliases, patterns)


def _aliases_of(name: str) -> set[str]:
    name = " ".join(name.replace("-", " ").split())
    forms = {name, re.sub(r"\buy ban nhan dan\b", "ubnd", name)}
    for form in list(forms):
        forms.add(re.sub(r"\s+tinh(?: tra vinh)?$", "", form))
    for form in list(forms):
        forms.add(form.replace("van phong", "vp"))
        head, _, rest = form.partition(" ")
        if head in ("so", "ban") and len(rest.split()) > 1:
            initials = "".join(w[0] for w in rest.split() if w not in ("va", "tinh"))
            forms.add(f"{head} {initials}")
    return {form for form in forms if len(form) > 5}


def clause_parties(clause: Clause, names: UnitNames, recipients: Mapping[str, str],
                   office: str) -> ClauseParties:
    """Who the clause binds (from its parents when it names nobody) and who receives."""
    matching = _matching_text(clause.folded)
    mentions = _mentions(matching, names)
    recipient = next((m for m in mentions
                      if _RECIPIENT_CUE.search(_before(matching, m))), None)
    bound = [m for m in mentions if m is not recipient and m.value not in _NOT_BOUND
             and not _HELPING.search(_before(matching, m))
             and not _RECIPIENT_CUE.search(_before(matching, m))]
    unknown = _unnamed(clause.text, names.aliases)
    for parent, folded_parent in zip(reversed(clause.parents), reversed(clause.folded_parents),
                                     strict=True):
        if bound:
            break
        parent_matching = _matching_text(folded_parent)
        bound = [m for m in _mentions(parent_matching, names) if m.value not in _NOT_BOUND
                 and not _HELPING.search(_before(parent_matching, m))]
        unknown = unknown or _unnamed(parent, names.aliases)
    units = " ".join(dict.fromkeys(m.value for m in bound))
    code = _recipient(recipient, recipients, office)
    return ClauseParties(units, unknown, code,
                         "" if code else _unknown_recipient(clause.text))


def _before(matching: str, mention: Mention) -> str:
    """The words just before a mention, where a recipient or helper cue would be."""
    return matching[max(0, mention.start - _LOOK_BACK):mention.start]


def _matching_text(folded: str) -> str:
    """Folded text with the marks inside abbreviations dropped ('kh&dt' → 'khdt',
    'ld-tb&xh' → 'ldtbxh')."""
    return _ABBREVIATION.sub(lambda match: re.sub(r"[-&.]", "", match[0]), folded)


def _mentions(matching: str, names: UnitNames) -> list[Mention]:
    """Units and groups named, in order, each span used once (groups first, then the
    longest name)."""
    taken = [False] * len(matching)
    found: list[Mention] = []
    for pattern, value in names.patterns:
        for match in pattern.finditer(matching):
            if not any(taken[match.start():match.end()]):
                taken[match.start():match.end()] = [True] * (match.end() - match.start())
                found.append(Mention(value, match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def _recipient(mention: Mention | None, recipients: Mapping[str, str], office: str) -> str:
    if mention is None:
        return ""
    if mention.value == "chair":
        return next((code for code, name in recipients.items()
                     if fold_text(name).startswith("chu tich")), "")
    if mention.value in ("committee", "departments", "districts"):
        return office
    return mention.value


def _unknown_recipient(text: str) -> str:
    """The body named after 'gửi (về)', 'báo cáo' or 'trình' when it is no known unit."""
    match = _SENT_TO.search(text)
    if match is None:
        return ""
    return " ".join(_name_words(match[1].split()))


def _name_words(words: list[str]) -> list[str]:
    """The words of a body's name: up to the verb or link that follows it ('và' goes on
    when a capitalised word follows: 'Kế hoạch và Đầu tư')."""
    kept = words[:1]
    for index, word in enumerate(words[1:], start=1):
        folded = fold_text(word)
        following = words[index + 1] if index + 1 < len(words) else ""
        if folded == "va" and following[:1].isupper() and fold_text(following) not in _BODIES:
            kept.append(word)
        elif folded in _NAME_ENDS:
            break
        else:
            kept.append(word)
    return kept


def _unnamed(text: str, aliases: Mapping[str, str]) -> tuple[str, ...]:
    """'Sở …' and 'huyện …' names in `text` that match no unit."""
    names: list[str] = []
    for match in _UNNAMED_UNIT.finditer(text):
        kept = _name_words(match[0].split())
        name = " ".join(kept).strip(" -")
        folded = " ".join(_matching_text(fold_text(name)).replace("-", " ").split())
        known = any(alias.startswith(folded) or folded.startswith(alias) for alias in aliases)
        group = any(pattern.search(fold_text(match[0])) for _, pattern in _GROUPS)
        if len(kept) > 1 and not known and not group and name not in names:
            names.append(name)
    return tuple(names)
