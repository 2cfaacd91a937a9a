"""/import: an official document's reporting deadlines proposed as drafts, added one by one.

The flow's steps: `document` (waiting for pasted text or a file), then for each draft `draft`
(shown with the deadline it would add and its next five due dates: add, edit or skip), and
while editing `field` and `value`. The drafts live in the flow's data, so nothing is stored
before the admin confirms a draft; each confirmation adds that one deadline through
/deadline_add's service (same checks, audit and schedule), in its own unit of work.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Literal

from sqlalchemy.orm import Session

from bot.domain.deadline_drafts import DEADLINE_FIELDS, parse_deadline_field
from bot.domain.directive_drafts import DirectiveDraft, Province, propose_drafts
from bot.domain.directive_text import DocumentHeader
from bot.domain.errors import AnswerWithButtons, DomainError, FlowStepPassed, StaleButton
from bot.domain.roles import require
from bot.services import deadlines
from bot.services.deadline_flows import (
    WRONG_ANSWERS,
    Choice,
    asks_for_field,
    check_answer,
    field_choices,
    fields_of,
)
from bot.services.deadlines import DeadlineChange, DeadlineDetail
from bot.services.flows import Flow, FlowOwner, advance_flow, finish_flow, start_flow
from bot.services.people import Caller
from bot.services.reminders import ReminderTiming
from db import deadlines as deadline_rows
from db.province_snapshot import province_snapshot

IMPORT = "import"
# Button actions: add the draft, edit it, skip it, choose the field to edit.
CONFIRM, EDIT, SKIP, CHOOSE = "y", "e", "s", "c"
MAX_PASTED_CHARS = 200_000
# Telegram cuts a long paste into messages of 4,096 characters: a message this long, typed
# before any draft was added or skipped, is more of the document, not a stray answer.
CONTINUATION_CHARS = 200
Asks = Literal["document", "draft", "field", "value", "done"]


@dataclass(frozen=True, slots=True)
class DraftView:
    """A draft as the admin sees it: the fields it would be added with, the deadline words
    quoted from the document, names that match no unit, what is still missing, and the
    recipient the document names when it is no known unit (the office stands in)."""

    fields: Mapping[str, str]
    words: str
    status: str
    unknown_units: tuple[str, ...]
    missing: tuple[str, ...]
    unknown_recipient: str = ""


@dataclass(frozen=True, slots=True)
class ImportStep:
    """Where the import stands: what it asks now and what to show with it."""

    flow_ref: str
    asks: Asks
    source: str = ""
    index: int = 0
    total: int = 0
    draft: DraftView | None = None
    preview: DeadlineDetail | None = None
    problem: DomainError | None = None
    added: DeadlineChange | None = None
    field: str = ""
    added_codes: tuple[str, ...] = ()
    skipped: int = 0
    found_none: bool = False
    more_found: int | None = None
    overview: tuple[tuple[str, str], ...] = ()  # (rule, title) of every draft, once read
    choices: tuple[Choice, ...] = ()


def start(session: Session, actor: Caller, owner: FlowOwner, now: datetime) -> ImportStep:
    """Open an import (replacing the owner's open flow), waiting for the document."""
    require(actor.roles, IMPORT)
    flow = start_flow(session, owner, IMPORT, "document", {}, now)
    return ImportStep(flow.ref, "document")


def take_document(session: Session, actor: Caller, flow: Flow, text: str, now: datetime,
                  timing: ReminderTiming) -> ImportStep:
    """Read the document's text: its first draft, or the same question when it sets no
    reporting deadline."""
    require(actor.roles, IMPORT)
    if flow.step != "document":
        raise AnswerWithButtons()
    today = now.astimezone(timing.tz).date()
    proposal = propose_drafts(text[:MAX_PASTED_CHARS], _province(session), today)
    if not proposal.drafts:
        advance_flow(session, flow, flow.step, flow.data, now)
        return ImportStep(flow.ref, "document", found_none=True)
    header = proposal.header
    data: dict[str, object] = {
        "kind": header.kind, "number": header.number,
        "signed": header.issued.isoformat() if header.issued else "",
        "issued": proposal.issued.isoformat(), "drafts": [_stored(d) for d in proposal.drafts],
        "index": 0, "added": [], "skipped": 0}
    moved = advance_flow(session, flow, "draft", data, now)
    overview = tuple((draft.rule, draft.title) for draft in proposal.drafts)
    return replace(_draft_step(session, actor, moved, now, timing), overview=overview)


def _continue_document(session: Session, actor: Caller, flow: Flow, text: str, now: datetime,
                       timing: ReminderTiming) -> ImportStep:
    """The next part of a long paste: its drafts join the list, under the first part's
    header."""
    proposal = propose_drafts(text[:MAX_PASTED_CHARS], _province(session),
                              date.fromisoformat(flow.value("issued")), header=_header(flow))
    drafts = [*_drafts(flow), *(_stored(d) for d in proposal.drafts)]
    moved = advance_flow(session, flow, "draft", {**flow.data, "drafts": drafts}, now)
    step = _draft_step(session, actor, moved, now, timing)
    return replace(step, more_found=len(proposal.drafts))


def _header(flow: Flow) -> DocumentHeader:
    """The document's header, as the flow keeps it."""
    signed = flow.value("signed")
    return DocumentHeader(flow.value("kind"), flow.value("number"),
                          date.fromisoformat(signed) if signed else None)


def _undecided(flow: Flow) -> bool:
    return _index(flow) == 0 and not _texts(flow.data.get("added")) and not int(
        str(flow.data.get("skipped", 0)))


def answer_text(session: Session, actor: Caller, flow: Flow, typed: str, now: datetime,
                timing: ReminderTiming) -> ImportStep:
    """A typed message: the document (first step), a field's new value, else a nudge to use
    the buttons."""
    require(actor.roles, IMPORT)
    if flow.step == "document":
        return take_document(session, actor, flow, typed, now, timing)
    if flow.step == "draft" and _undecided(flow) and len(typed) >= CONTINUATION_CHARS:
        return _continue_document(session, actor, flow, typed, now, timing)
    if flow.step != "value":
        return _again(session, actor, flow, AnswerWithButtons(), now, timing)
    field = flow.value("field")
    try:
        value = check_answer(session, field, typed, now, timing)
    except WRONG_ANSWERS as wrong:
        return _again(session, actor, flow, wrong, now, timing)
    drafts = _drafts(flow)
    drafts[_index(flow)] = {**drafts[_index(flow)], field: value}
    data = {key: value for key, value in flow.data.items() if key != "field"}
    moved = advance_flow(session, flow, "draft", {**data, "drafts": drafts}, now)
    return _draft_step(session, actor, moved, now, timing)


def press(session: Session, actor: Caller, flow: Flow, action: str, value: str, now: datetime,
          timing: ReminderTiming) -> ImportStep:
    """A tapped button: add, edit or skip the draft shown, or choose the field to edit."""
    require(actor.roles, IMPORT)
    if flow.step == "draft" and action == CONFIRM:
        return _confirm(session, actor, flow, now, timing)
    if flow.step == "draft" and action == SKIP:
        return _next(session, actor, flow, {"skipped": int(str(flow.data["skipped"])) + 1},
                     now, timing)
    if flow.step == "draft" and action == EDIT:
        moved = advance_flow(session, flow, "field", flow.data, now)
        return _step(moved, "field")
    if flow.step == "field" and action == CHOOSE:
        field = parse_deadline_field(value)
        if field is None:
            raise StaleButton()
        moved = advance_flow(session, flow, "value", {**flow.data, "field": field}, now)
        return replace(_step(moved, "value", field=field),
                       choices=field_choices(session, asks_for_field(field)))
    if flow.step == "value" and action == CHOOSE:  # a preset: checked as if typed
        if not value:
            raise StaleButton()
        return answer_text(session, actor, flow, value, now, timing)
    raise FlowStepPassed()


def _confirm(session: Session, actor: Caller, flow: Flow, now: datetime,
             timing: ReminderTiming) -> ImportStep:
    """Add the draft shown (raising, with nothing stored, if it no longer passes the checks),
    then move to the next one."""
    change = deadlines.add_deadline(session, actor, fields_of(_current(flow)), now, timing)
    added = [*_texts(flow.data.get("added")), change.detail.deadline.code]
    step = _next(session, actor, flow, {"added": added}, now, timing)
    return replace(step, added=change)


def _next(session: Session, actor: Caller, flow: Flow, update: Mapping[str, object],
          now: datetime, timing: ReminderTiming) -> ImportStep:
    """The next draft, or the end of the import once every draft was added or skipped."""
    data = {**flow.data, **update, "index": _index(flow) + 1}
    if _index(flow) + 1 >= len(_drafts(flow)):
        finish_flow(session, flow)
        return ImportStep(flow.ref, "done", source=_header(flow).citation(),
                          total=len(_drafts(flow)), added_codes=tuple(_texts(data["added"])),
                          skipped=int(str(data["skipped"])))
    moved = advance_flow(session, flow, "draft", data, now)
    return _draft_step(session, actor, moved, now, timing)


def _draft_step(session: Session, actor: Caller, flow: Flow, now: datetime,
                timing: ReminderTiming, problem: DomainError | None = None) -> ImportStep:
    """The draft at the flow's index, with the deadline it would add when it is complete."""
    stored = _current(flow)
    missing = tuple(field for field in ("rule", "units") if not stored.get(field))
    preview = None
    if not missing and problem is None:
        try:
            preview = deadlines.preview_new(session, actor, fields_of(stored), now, timing)
        except WRONG_ANSWERS as wrong:
            problem = wrong
    view = DraftView({field: stored.get(field, "") for field in DEADLINE_FIELDS},
                     stored.get("words", ""), stored.get("status", ""),
                     tuple(stored.get("unknown", "").split("\n")) if stored.get("unknown")
                     else (), missing,
                     "" if stored.get("recipient") else stored.get("named_recipient", ""))
    return ImportStep(flow.ref, "draft", _header(flow).citation(), _index(flow),
                      len(_drafts(flow)), view, preview, problem)


def _again(session: Session, actor: Caller, flow: Flow, wrong: DomainError, now: datetime,
           timing: ReminderTiming) -> ImportStep:
    """The same question, saying what was wrong with the answer."""
    touched = advance_flow(session, flow, flow.step, flow.data, now)
    if flow.step == "draft":
        return _draft_step(session, actor, touched, now, timing, problem=wrong)
    if flow.step == "value":
        field = flow.value("field")
        return replace(_step(touched, "value", field=field), problem=wrong,
                       choices=field_choices(session, asks_for_field(field)))
    return replace(_step(touched, "field"), problem=wrong)


def _step(flow: Flow, asks: Asks, field: str = "") -> ImportStep:
    return ImportStep(flow.ref, asks, _header(flow).citation(), _index(flow),
                      len(_drafts(flow)), field=field)


def _province(session: Session) -> Province:
    snapshot = province_snapshot(session)
    return Province(snapshot.units, deadline_rows.recipients_in_use(session),
                    deadlines.OFFICE_RECIPIENT)


def _stored(draft: DirectiveDraft) -> dict[str, str]:
    """A draft as kept in the flow's data: texts only."""
    return {"title": draft.title, "legal": draft.legal_basis, "rule": draft.rule,
            "units": draft.units, "recipient": draft.recipient, "offsets": "",
            "words": draft.phrase.words, "status": draft.phrase.status.value,
            "unknown": "\n".join(draft.unknown_units), "named_recipient": draft.recipient_words}


def _drafts(flow: Flow) -> list[dict[str, str]]:
    drafts = flow.data.get("drafts", [])
    assert isinstance(drafts, list)
    return [{str(k): str(v) for k, v in draft.items()} for draft in drafts]


def _current(flow: Flow) -> dict[str, str]:
    drafts = _drafts(flow)
    index = _index(flow)
    if not 0 <= index < len(drafts):
        raise FlowStepPassed()
    return drafts[index]


def _index(flow: Flow) -> int:
    return int(str(flow.data.get("index", 0)))


def _texts(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, Sequence) else []
