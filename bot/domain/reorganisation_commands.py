"""/reorganize in one line (pure): the words an admin typed, read as one Reorganisation event.

    absorb   <old>[,<old>…]  <into> <date> [options]                 sáp nhập
    merge    <old>,<old>[,…] <new>  <date> <group> <new name…> [options]   hợp nhất
    rename   <old>           <new>  <date> <new name…> [options]      đổi tên
    dissolve <old>[,<old>…]         <date> [options]                  giải thể

The kind may be written in Vietnamese, with or without diacritics, in one word or two
("sáp nhập", "sapnhap"); a split (chia tách) creates several units and goes through a
reorganisation file instead. Dates are dd/mm/yyyy (or yyyy-mm-dd); codes are folded as the other
commands fold them (SKHĐT is skhdt), except the new code, which must be typed as it will be
stored. A renamed unit keeps its group. Options come last, in any order:
- `chuyển` or `đóng` (carry / close): the old units' reports due before the date and still
  unanswered go to the successor (the default) or are closed; a dissolution always closes them.
- `theo <document…> [ngày <date>]`: the legal basis; its number holds a slash (1687/NQ-UBTVQH15),
  which is how it is told apart from the end of a new unit's name.
Here the words are checked (shape, codes, old units known, date, group, name); whether the event
fits the province then (codes taken, units already closed…) is check_reorganisations' to say.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.dates import parse_date_text
from bot.domain.errors import (
    DeadlineTextControlCharacters,
    InvalidReorganisation,
    LegalBasisTooLong,
    SplitNeedsFile,
    UnknownReorganisationKind,
    UnknownUnit,
    WrongUsage,
)
from bot.domain.reorganisations import (
    LegalReference,
    PendingRule,
    Reorganisation,
    ReorganisationKind,
)
from bot.domain.units import (
    Unit,
    check_unit_code,
    clean_unit_name,
    close_codes,
    fold_code,
    parse_unit_group,
)

MAX_DOCUMENT_LENGTH = 128  # the column's size
_KINDS: dict[str, ReorganisationKind] = {
    "absorb": ReorganisationKind.ABSORB, "sapnhap": ReorganisationKind.ABSORB,
    "merge": ReorganisationKind.MERGE, "hopnhat": ReorganisationKind.MERGE,
    "rename": ReorganisationKind.RENAME, "doiten": ReorganisationKind.RENAME,
    "dissolve": ReorganisationKind.DISSOLVE, "giaithe": ReorganisationKind.DISSOLVE,
    "split": ReorganisationKind.SPLIT, "chiatach": ReorganisationKind.SPLIT,
}
# Compared in lower case, not folded: folded, "đóng" would also be the "Đông" ending many
# commune names ("Xã Tân Đông"), and a name's last word would vanish into an option.
_PENDING_WORDS: dict[str, PendingRule] = {
    "chuyển": PendingRule.CARRY, "chuyen": PendingRule.CARRY, "carry": PendingRule.CARRY,
    "đóng": PendingRule.CLOSE, "dong": PendingRule.CLOSE, "close": PendingRule.CLOSE,
}
_DATE_LIKE = re.compile(r"[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4}")
# The old codes may be typed "skhdt, sgtvt": the spaces of that first list are dropped.
_LIST_SPACES = re.compile(r"^\s*[^\s,]+(?:\s*,\s*[^\s,]+)+")
_OPTIONS = "[chuyển|đóng] [theo <số văn bản> [ngày <ngày>]]"
USAGE = WrongUsage(usage="/reorganize absorb|merge|rename|dissolve …",
                   example="/reorganize absorb skhdt stc 01/03/2025 theo 45/2025/NĐ-CP")


@dataclass(frozen=True, slots=True)
class _Form:
    """What follows the kind: the old codes, then (successor) a code, the date, (group) a group
    word, (name) the new unit's name."""

    successor: bool
    group: bool
    name: bool
    usage: WrongUsage

    @property
    def head(self) -> int:
        """Words before the name and the options."""
        return 2 + self.successor + self.group


_FORMS: dict[ReorganisationKind, _Form] = {
    ReorganisationKind.ABSORB: _Form(True, False, False, WrongUsage(
        usage=f"/reorganize absorb <mã cũ>[,<mã cũ>…] <mã đơn vị nhận> <ngày> {_OPTIONS}",
        example="/reorganize absorb skhdt,sgtvt stc 01/03/2025 theo 45/2025/NĐ-CP")),
    ReorganisationKind.MERGE: _Form(True, True, True, WrongUsage(
        usage="/reorganize merge <mã cũ>,<mã cũ>[,…] <mã mới> <ngày> <nhóm> <tên đơn vị mới> "
              f"{_OPTIONS}",
        example="/reorganize merge canglong,cauke xacl 01/07/2025 commune Xã Càng Long")),
    ReorganisationKind.RENAME: _Form(True, False, True, WrongUsage(
        usage=f"/reorganize rename <mã cũ> <mã mới> <ngày> <tên mới> {_OPTIONS}",
        example="/reorganize rename sxd sxdm 01/07/2025 Sở Xây dựng mới")),
    ReorganisationKind.DISSOLVE: _Form(False, False, False, WrongUsage(
        usage="/reorganize dissolve <mã>[,<mã>…] <ngày> [theo <số văn bản> [ngày <ngày>]]",
        example="/reorganize dissolve duyenhai 01/07/2025 theo 1687/NQ-UBTVQH15")),
}


@dataclass(frozen=True, slots=True)
class _Options:
    pending: PendingRule | None = None
    basis: LegalReference | None = None


def parse_reorganize_command(typed: str, units: Sequence[Unit]) -> Reorganisation:
    """The event the words after /reorganize describe, against the province's `units`; raise a
    DomainError saying what to fix (WrongUsage with the kind's own form when words are missing
    or left over)."""
    kind, rest = _kind(typed)
    form = _FORMS[kind]
    words = _LIST_SPACES.sub(lambda found: re.sub(r"\s+", "", found[0]), rest, count=1).split(
        maxsplit=form.head)
    if len(words) < form.head:
        raise form.usage
    name, options = _split_options(words[form.head] if len(words) > form.head else "")
    if bool(name.strip()) != form.name:
        raise form.usage
    by_code = {unit.code: unit for unit in units}
    predecessors = _old_codes(words[0], by_code, form.usage)
    effective_on = parse_date_text(words[1 + form.successor])
    successors, created = _successors(kind, words, predecessors, name, effective_on, by_code)
    return Reorganisation(
        effective_on=effective_on, kind=kind, predecessors=predecessors, successors=successors,
        basis=options.basis or LegalReference(""), created=created,
        pending=_pending(kind, options.pending, form.usage))


def _successors(kind: ReorganisationKind, words: Sequence[str], predecessors: tuple[str, ...],
                name: str, effective_on: date, by_code: Mapping[str, Unit],
                ) -> tuple[tuple[str, ...], tuple[Unit, ...]]:
    """The successor's code (none for a dissolution), and the unit a merger or a rename creates
    (a merger names its group; a renamed unit keeps its own)."""
    if kind is ReorganisationKind.DISSOLVE:
        return (), ()
    if kind is ReorganisationKind.ABSORB:
        return (_known(fold_code(words[1]), by_code),), ()
    code = check_unit_code(words[1].strip().lower())
    group = (parse_unit_group(words[3]) if kind is ReorganisationKind.MERGE
             else by_code[_renamed(predecessors)].group)
    return (code,), (Unit(code, clean_unit_name(name), group, True, effective_on),)


def _kind(typed: str) -> tuple[ReorganisationKind, str]:
    """The kind (in one word or two) and the words after it."""
    words = typed.split(maxsplit=2)
    if not words:
        raise USAGE
    for count in (2, 1):
        kind = _KINDS.get(_kind_word("".join(words[:count]))) if len(words) >= count else None
        if kind is not None:
            break
    else:
        raise UnknownReorganisationKind(value=words[0][:32])
    if kind is ReorganisationKind.SPLIT:
        raise SplitNeedsFile()
    rest = typed.split(maxsplit=count)
    return kind, rest[count] if len(rest) > count else ""


def _kind_word(word: str) -> str:
    return re.sub(r"[-_]", "", fold_code(word))


def _old_codes(typed: str, by_code: Mapping[str, Unit], usage: WrongUsage) -> tuple[str, ...]:
    """The units before the event, comma-separated, each known (a repeated one counts once)."""
    codes = [fold_code(part) for part in typed.split(",") if part.strip()]
    if not codes:
        raise usage
    return tuple(dict.fromkeys(_known(code, by_code) for code in codes))


def _known(code: str, by_code: Mapping[str, Unit]) -> str:
    check_unit_code(code)
    if code not in by_code:
        raise UnknownUnit(code=code, suggestions=close_codes(code, by_code),
                          reason=f"no unit has the code {code!r}")
    return code


def _renamed(predecessors: tuple[str, ...]) -> str:
    """The one unit a rename takes (it gives the new unit its group)."""
    if len(predecessors) != 1:
        raise InvalidReorganisation(kind=ReorganisationKind.RENAME.value,
                                    predecessors=len(predecessors), successors=1,
                                    reason="a rename takes one unit")
    return predecessors[0]


def _pending(kind: ReorganisationKind, typed: PendingRule | None,
             usage: WrongUsage) -> PendingRule:
    """The rule typed, or the default: carried to the successor; a dissolution has none."""
    if kind is ReorganisationKind.DISSOLVE:
        if typed is PendingRule.CARRY:
            raise usage
        return PendingRule.CLOSE
    return typed or PendingRule.CARRY


def _split_options(tail: str) -> tuple[str, _Options]:
    """The words before the options (a new unit's name, as typed) and the options at the end."""
    words = tail.split()
    options, end = _Options(), len(words)
    while end:
        rule = _PENDING_WORDS.get(unicodedata.normalize("NFC", words[end - 1].lower()))
        if rule is not None and options.pending is None:
            options, end = _Options(rule, options.basis), end - 1
            continue
        found = _basis_at_end(words[:end]) if options.basis is None else None
        if found is None:
            break
        options, end = _Options(options.pending, found[0]), found[1]
    if end == len(words):
        return tail, options
    return (tail.rsplit(maxsplit=len(words) - end)[0] if end else ""), options


def _basis_at_end(words: Sequence[str]) -> tuple[LegalReference, int] | None:
    """`theo <document…> [ngày <date>]` ending `words`, and where it starts; None if the words
    do not end so (the document must hold a slash)."""
    end, issued = len(words), None
    if end >= 2 and fold_code(words[-2]) == "ngay" and _DATE_LIKE.fullmatch(words[-1]):
        end -= 2
    starts = [index for index in range(end) if fold_code(words[index]) == "theo"]
    document = words[starts[-1] + 1:end] if starts else []
    if not any("/" in word for word in document):
        return None
    if end < len(words):
        issued = parse_date_text(words[-1])
    return LegalReference(_clean_document(" ".join(document)), issued), starts[-1]


def _clean_document(document: str) -> str:
    cleaned = unicodedata.normalize("NFC", document)
    hidden = [char for char in cleaned if unicodedata.category(char).startswith("C")]
    if hidden:
        raise DeadlineTextControlCharacters(reason=f"contains {hidden[0]!r}")
    if len(cleaned) > MAX_DOCUMENT_LENGTH:
        raise LegalBasisTooLong(length=len(cleaned), maximum=MAX_DOCUMENT_LENGTH,
                                reason=f"{len(cleaned)} characters")
    return cleaned
