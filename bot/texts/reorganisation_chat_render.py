"""/reorganize's preview and outcome, in the officials' words (HTML)."""

from __future__ import annotations

from bot.domain.dates import format_vn_date
from bot.services.reorganisation_commands import ReorganisationPreview
from bot.services.reorganisations import ReorganisationPlan
from bot.texts import Html, Lang, text
from bot.texts.reorganisations_render import event_in_words, plan_text


def reorganisation_preview_text(preview: ReorganisationPreview, lang: Lang) -> str:
    """The plan, what becomes of the old units' unanswered reports, and how to apply it; or
    that the event was applied before."""
    event, plan = preview.event, preview.plan
    if plan.changes_nothing:
        return text("reorganize.nothing", lang, what=Html(event_in_words(event, plan.names,
                                                                           lang)))
    pending = text(f"reorganize.pending.{event.pending.value}", lang,
                   day=format_vn_date(event.effective_on))
    return f"{plan_text(plan, lang)}\n{pending}\n\n{text('reorganize.confirm', lang)}"


def reorganisation_applied_text(plan: ReorganisationPlan, lang: Lang) -> str:
    """What the applied event changed, in numbers; or that it had been applied meanwhile."""
    if plan.changes_nothing:
        event = plan.already_applied[0]
        return text("reorganize.nothing", lang, what=Html(event_in_words(event, plan.names,
                                                                           lang)))
    applied = plan.events[0]
    return text("reorganize.applied", lang,
                what=Html(event_in_words(applied.event, plan.names, lang)),
                closed=len(applied.closed), created=len(applied.created),
                moved=len(applied.people), reports=len(applied.open_reports),
                invites=len(applied.invites))
