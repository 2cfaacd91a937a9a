"""Renderers of /import: the document question, each draft with its preview, the end."""

from __future__ import annotations

from bot.domain.deadline_drafts import DEADLINE_FIELDS
from bot.services.directive_import import DraftView, ImportStep
from bot.texts import Lang, error_text, text
from bot.texts.deadlines_render import deadline_detail_text, effect_text
from bot.texts.units_render import label

QUOTED_WORDS_SHOWN = 200
OVERVIEW_LINES = 15  # with the first draft, well inside one message
OVERVIEW_TITLE_SHOWN = 60


def import_step_text(step: ImportStep, lang: Lang, told: int = 0) -> str:
    """What the import says now: the deadline just added first, then the question."""
    parts: list[str] = []
    if step.added is not None:
        detail = step.added.detail.deadline
        parts.append(text("import.added", lang, code=detail.code, title=detail.title))
        parts.append(effect_text(step.added.effect, told, lang))
    if step.overview:
        parts.append(_overview_text(step.overview, lang))
    if step.more_found is not None:
        parts.append(text("import.more_found", lang, count=step.more_found))
    if step.problem is not None:
        parts.append(error_text(step.problem, lang))
    parts.append(_question(step, lang))
    return "\n\n".join(part for part in parts if part)


def _question(step: ImportStep, lang: Lang) -> str:
    if step.asks == "document":
        key = "import.found_none" if step.found_none else "import.ask_document"
        return text(key, lang)
    if step.asks == "done":
        done = text("import.done", lang, total=step.total, source=_source(step, lang),
                    added=len(step.added_codes), skipped=step.skipped)
        if step.added_codes:
            done += "\n" + text("import.done_codes", lang, codes=", ".join(step.added_codes))
        return done
    if step.asks == "field":
        return text("import.ask_field", lang, number=step.index + 1, total=step.total)
    if step.asks == "value":
        field = step.field if step.field in DEADLINE_FIELDS else "title"
        return text(f"deadline_flow.ask.{field}", lang)
    assert step.draft is not None
    return _draft_text(step, step.draft, lang)


def _draft_text(step: ImportStep, draft: DraftView, lang: Lang) -> str:
    lines = [text("import.heading", lang, source=_source(step, lang), number=step.index + 1,
                  total=step.total)]
    if draft.words:
        words = draft.words[:QUOTED_WORDS_SHOWN]
        lines.append(text("import.words", lang, words=words))
    if "rule" in draft.missing and draft.status in ("ask_day", "ask_period", "relative"):
        lines.append(text(f"import.missing.{draft.status}", lang))
    if "units" in draft.missing:
        lines.append(text("import.missing.units", lang))
    if draft.unknown_units:
        lines.append(text("import.unknown_units", lang, names=", ".join(draft.unknown_units)))
    if draft.unknown_recipient:
        lines.append(text("import.unknown_recipient", lang, name=draft.unknown_recipient))
    body = (deadline_detail_text(step.preview, lang) if step.preview is not None
            else _fields_text(draft, lang))
    ask = "import.ask_confirm" if step.preview is not None else "import.ask_complete"
    return "\n".join(lines) + "\n\n" + body + "\n\n" + text(ask, lang)


def _overview_text(overview: tuple[tuple[str, str], ...], lang: Lang) -> str:
    """Every draft on one line each (the first OVERVIEW_LINES), before the first one."""
    lines = [text("import.overview", lang, count=len(overview))]
    for number, (rule, title) in enumerate(overview[:OVERVIEW_LINES], start=1):
        lines.append(text("import.overview_line", lang, number=number,
                          rule=rule or label("import.no_day", lang),
                          title=_cut_at_word(title, OVERVIEW_TITLE_SHOWN)))
    if len(overview) > OVERVIEW_LINES:
        lines.append(text("import.overview_more", lang, count=len(overview) - OVERVIEW_LINES))
    return "\n".join(lines)


def _cut_at_word(title: str, limit: int) -> str:
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(" ,;:…") + "…"


def _fields_text(draft: DraftView, lang: Lang) -> str:
    """The draft's fields as they stand, when it cannot be previewed yet."""
    none = label("import.not_given", lang)
    fields = draft.fields
    return text("import.fields", lang, title=fields.get("title") or none,
                legal=fields.get("legal") or none, rule=fields.get("rule") or none,
                units=fields.get("units") or none,
                recipient=fields.get("recipient") or label("import.office_default", lang))


def _source(step: ImportStep, lang: Lang) -> str:
    return step.source or label("import.source_unknown", lang)


def field_label(field: str, lang: Lang) -> str:
    return label(f"deadline_field.{field}", lang)
