"""Draft deadlines proposed from an official document's text (pure): one per due rule of each
clause that sets a reporting deadline, with the clause quoted as its legal basis.

A draft whose rule or units the document does not give says so (`rule` or `units` empty); the
admin completes it before it can be added. Nothing here is stored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.deadline_drafts import MAX_LEGAL_BASIS_LENGTH, MAX_TITLE_LENGTH
from bot.domain.deadline_phrases import (
    DeadlinePhrase,
    RuleStatus,
    deadline_phrase,
    recurs,
    sets_deadline_of_items,
)
from bot.domain.directive_text import (
    Clause,
    DocumentHeader,
    clauses,
    document_header,
)
from bot.domain.unit_mentions import clause_parties, unit_names
from bot.domain.units import Unit

TITLE_WORDS_SHOWN = 80  # characters of the clause kept as the draft's title
_LEADING_NUMBER = re.compile(r"^\s*(?:#{1,6}\s*)?(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\)|[-+•*–])\s*",
                             re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DirectiveDraft:
    """A deadline the document sets, as the bot would add it once the admin confirms.

    `rule` is in the bot's typed form ('' when the document gives no day); `units` is a
    selection ('' when the clause names none); `recipient` a code ('' for the default, the
    office). `phrase` says how the deadline was written and why a rule may be missing.
    """

    title: str
    legal_basis: str
    quote: str
    phrase: DeadlinePhrase
    rule: str
    units: str
    unknown_units: tuple[str, ...]
    recipient: str
    recipient_words: str


@dataclass(frozen=True, slots=True)
class DirectiveProposal:
    """What a document proposes: its header, the day that resolves dates without a year (its
    signing date, else the day of the import) and the drafts in document order."""

    header: DocumentHeader
    issued: date
    drafts: tuple[DirectiveDraft, ...]


@dataclass(frozen=True, slots=True)
class Province:
    """What the drafts are resolved against: the units, the named recipients (code → name)
    and the office's code."""

    units: Sequence[Unit]
    recipients: Mapping[str, str]
    office: str


def propose_drafts(text: str, province: Province, today: date, *,
                   header: DocumentHeader | None = None) -> DirectiveProposal:
    """The drafts of every clause of `text` that sets a reporting deadline; `header` is the
    document's when `text` is a later part of it (else it is read from `text`)."""
    header = header or document_header(text)
    issued = header.issued or today
    names = unit_names(province.units)
    drafts: list[DirectiveDraft] = []
    for clause in clauses(text):
        phrase = deadline_phrase(
            clause.text, clause.folded, issued,
            under_deadline_heading=bool(clause.parents)
            and sets_deadline_of_items(clause.folded_parents[-1]),
            recurring_heading=any(recurs(parent) for parent in clause.folded_parents))
        if phrase is None:
            continue
        parties = clause_parties(clause, names,
                                 province.recipients, province.office)
        title = _title(clause, phrase)
        basis = _legal_basis(header, clause)
        for rule in phrase.rules or ("",):
            drafts.append(DirectiveDraft(
                title=f"{title} ({rule})" if len(phrase.rules) > 1 else title,
                legal_basis=basis, quote=clause.text, phrase=phrase,
                rule=rule if phrase.status is RuleStatus.FOUND else "",
                units=parties.units, unknown_units=parties.unknown,
                recipient=parties.recipient, recipient_words=parties.recipient_words))
    return DirectiveProposal(header, issued, tuple(drafts))


def _title(clause: Clause, phrase: DeadlinePhrase) -> str:
    """The clause without its numbering and a leading deadline phrase, cut at a word."""
    text = _LEADING_NUMBER.sub("", clause.text)
    first_words = phrase.words.split(" … ")[0]
    if first_words and text.startswith(first_words):
        text = text[len(first_words):].lstrip(" ,:")
    text = text[:1].upper() + text[1:]
    if len(text) <= TITLE_WORDS_SHOWN:
        return text.rstrip(" .;:")[:MAX_TITLE_LENGTH]
    cut = text[:TITLE_WORDS_SHOWN].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _legal_basis(header: DocumentHeader, clause: Clause) -> str:
    """'Quyết định số 01/QĐ-UBND ngày 02/01/2020, mục 1.3: “…”' cut to the column's size."""
    source = header.citation(unnamed_kind="Văn bản")
    where = f", mục {clause.number}" if clause.number else ""
    lead = f"{source}{where}: “"
    room = MAX_LEGAL_BASIS_LENGTH - len(lead) - 1
    quote = clause.text if len(clause.text) <= room else clause.text[:room - 1] + "…"
    return f"{lead}{quote}”"
