"""Properties of the directive reader over generated clauses: it never fails on any text, and
every rule it proposes is one /deadline_add accepts (so a draft never carries a rule the bot
would refuse on Add)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.deadline_phrases import RuleStatus, deadline_phrase
from bot.domain.directive_text import clauses, fold_text
from bot.domain.due_rules import parse_due_rule
from bot.domain.errors import LeapDayNotEveryYear

TEMPLATES = (
    "Các sở gửi báo cáo trước ngày {d}/{m}.",
    "Các sở gửi báo cáo trước ngày {d}/{m}/{y}.",
    "Định kỳ báo cáo trước ngày {d}/{m} và {d2}/{m2} hằng năm.",
    "Báo cáo chậm nhất ngày {d} tháng {m} năm {y}.",
    "Hằng quý, trước ngày {d} của tháng cuối quý, các đơn vị báo cáo.",
    "Báo cáo quý gửi chậm nhất là ngày {d} của quý tiếp theo.",
    "Gửi báo cáo trước ngày {d} hằng tháng.",
    "Báo cáo 6 tháng: gửi chậm nhất vào ngày {d} của tháng tiếp theo.",
    "Báo cáo năm: gửi chậm nhất vào ngày {d} của tháng đầu năm tiếp theo.",
    "Các đơn vị gửi báo cáo chậm nhất đến cuối tháng {m} năm {y}.",
    "Gửi báo cáo chậm nhất đến cuối tháng {m} hằng năm.",
)
ISSUED = date(2020, 1, 2)


@settings(max_examples=300, deadline=None)
@given(template=st.sampled_from(TEMPLATES), d=st.integers(0, 40), m=st.integers(0, 14),
       d2=st.integers(0, 40), m2=st.integers(0, 14), y=st.integers(1990, 2110))
def test_every_rule_the_reader_proposes_is_accepted_by_deadline_add(
    template: str, d: int, m: int, d2: int, m2: int, y: int
) -> None:
    clause = template.format(d=d, m=m, d2=d2, m2=m2, y=y)
    found = deadline_phrase(clause, fold_text(clause), ISSUED)
    if found is None or found.status is not RuleStatus.FOUND:
        return
    for rule in found.rules:
        try:
            parse_due_rule(rule, date(1901, 1, 1))  # raises when /deadline_add would refuse it
        except LeapDayNotEveryYear:
            # The document's own 29/02 every year: the draft's preview explains the refusal
            # and suggests 28/02, rather than the reader moving the day on its own.
            assert rule == "29/02 hằng năm"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_read_without_failing(text: str) -> None:
    for clause in clauses(text):
        deadline_phrase(clause.text, clause.folded, ISSUED)
