"""Renderer of a stored due rule in words (bot.domain.due_rules.RuleWords)."""

from __future__ import annotations

from bot.domain.dates import format_vn_date
from bot.domain.due_rules import DueRuleKind, RuleWords, rule_in_words
from bot.domain.recurrence import Recurrence
from bot.texts import Html, Lang, text


def rule_words_text(words: RuleWords, lang: Lang) -> Html:
    """The rule as officials say it, e.g. 'ngày 10 tháng cuối quý'; HTML-safe."""
    said = _main_words(words, lang)
    if words.until is not None:
        said += text("due_rule.until", lang, until=format_vn_date(words.until))
    return Html(said)


def due_rule_text(recurrence: Recurrence, lang: Lang) -> Html:
    """A stored rule in words (rule_in_words, then rule_words_text)."""
    return rule_words_text(rule_in_words(recurrence), lang)


def _main_words(words: RuleWords, lang: Lang) -> str:
    kind = words.kind
    if kind is DueRuleKind.ONE_OFF and words.one_off_date is not None:
        return text("due_rule.one_off", lang, date=format_vn_date(words.one_off_date))
    if kind is DueRuleKind.YEARLY and words.day is not None and words.month is not None:
        return text("due_rule.yearly", lang, day_month=f"{words.day:02d}/{words.month:02d}")
    if kind is DueRuleKind.QUARTERLY and words.day is not None and words.quarter_month:
        return text(f"due_rule.quarterly.{words.quarter_month.value}", lang, day=words.day)
    if kind is DueRuleKind.MONTHLY and words.day is not None:
        return text("due_rule.monthly", lang, day=words.day)
    if kind is DueRuleKind.MONTH_END:
        return text("due_rule.month_end", lang)
    # Custom rules, and words missing the fields their kind needs, show the rule itself.
    return text("due_rule.custom", lang, rule=" ".join(words.text.split()) or "?")
