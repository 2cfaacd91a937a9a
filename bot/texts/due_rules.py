"""Due rules in words, as officials say them: 'ngày 20/01 hằng năm', 'ngày 10 tháng cuối quý'."""

from __future__ import annotations

DUE_RULE_MESSAGES: dict[str, dict[str, str]] = {
    "due_rule.one_off": {"vi": "ngày {date} (một lần)", "en": "once, on {date}"},
    "due_rule.yearly": {"vi": "ngày {day_month} hằng năm", "en": "every year on {day_month}"},
    "due_rule.quarterly.first": {
        "vi": "ngày {day} tháng đầu quý",
        "en": "on day {day} of the first month of each quarter",
    },
    "due_rule.quarterly.middle": {
        "vi": "ngày {day} tháng giữa quý",
        "en": "on day {day} of the middle month of each quarter",
    },
    "due_rule.quarterly.last": {
        "vi": "ngày {day} tháng cuối quý",
        "en": "on day {day} of the last month of each quarter",
    },
    "due_rule.monthly": {"vi": "ngày {day} hằng tháng", "en": "every month on day {day}"},
    "due_rule.month_end": {"vi": "ngày cuối tháng", "en": "on the last day of every month"},
    "due_rule.custom": {
        "vi": "theo quy tắc <code>{rule}</code>",
        "en": "by the rule <code>{rule}</code>",
    },
    # Appended to a rule that ends (UNTIL): the last day it may fall on.
    "due_rule.until": {"vi": ", đến hết ngày {until}", "en": ", until {until}"},
}
