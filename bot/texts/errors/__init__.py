"""Polite explanations of domain errors (bot.domain.errors), by error code.

Each message uses only the params its error carries (see the error classes); the `reason` param
is an English note for logs and is shown only where the problem is technical (rule syntax).
Kept by area, one module each; ERROR_MESSAGES is all of them (a code given two messages is
refused at import).
"""

from __future__ import annotations

from bot.texts.errors import (
    deadlines,
    directives,
    flows,
    people,
    reorganisations,
    reports,
    units,
    web,
    working_days,
)


def _merged(*catalogues: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for catalogue in catalogues:
        repeated = merged.keys() & catalogue.keys()
        if repeated:
            raise ValueError(f"error codes with two messages: {sorted(repeated)}")
        merged.update(catalogue)
    return merged


ERROR_MESSAGES = _merged(deadlines.MESSAGES, directives.MESSAGES, people.MESSAGES,
                         units.MESSAGES, flows.MESSAGES, reports.MESSAGES, working_days.MESSAGES,
                         web.MESSAGES, reorganisations.MESSAGES)
