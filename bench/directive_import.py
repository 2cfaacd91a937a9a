"""Issue 17: how well /import finds the reporting deadlines of real documents.

    .venv/bin/python -m bench.directive_import [--corpus bench/directive_corpus] [--details]

The corpus (bench/directive_corpus/README.md) is real public documents, each clause that sets a
reporting deadline labelled by hand with its due rule in the bot's typed forms ('20/01/2020',
'05/06 hằng năm', 'ngày 10 tháng cuối quý'…, or 'ask' / 'relative' when the document gives
no day). Each document goes through the bot's own `propose_drafts` against Trà Vinh's units;
the document's labelled signing date stands in for "today" when its header has none.

Figures, per split (dev: looked at while the reader was written; held_out: not) and overall:
- clause recall: labelled clauses whose sentence the bot proposed (the proposed clause holds the
  label's anchor); clause precision: proposed clauses that hold a labelled anchor;
- exact rules: of the clauses found, those whose rules are exactly the labelled ones;
- invented: clauses proposed in documents labelled with no deadline (goal 0).
The peer is the obvious reader: every sentence with a reporting verb and a date or a periodic
word ('hằng tháng'), as a keyword search would flag them.
"""

from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from bot.domain.deadline_phrases import REPORTING, RuleStatus
from bot.domain.directive_drafts import Province, propose_drafts
from bot.domain.directive_text import clauses, fold_text
from config.province import load_province

CORPUS = Path(__file__).resolve().parent / "directive_corpus"
UNDATED_IMPORT_DAY = date(2026, 12, 3)
_PEER_DATE = re.compile(r"\d{1,2}\s*/\s*\d{1,2}|ngay\s*\d{1,2}\s*thang\s*\d{1,2}"
                        r"|\b(?:hang|moi)\s*(?:thang|quy|nam)\b|\bdinh\s*ky\b")


@dataclass(frozen=True, slots=True)
class Proposed:
    """A clause a reader proposed, and its rules ('ask' / 'relative' when it has none)."""

    text: str
    rules: tuple[str, ...]


@dataclass
class Tally:
    documents: int = 0
    labelled: int = 0
    proposed: int = 0
    found: int = 0
    correct_proposals: int = 0
    exact_rules: int = 0
    invented: int = 0
    empty_documents: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    wrong_rules: list[str] = field(default_factory=list)

    def line(self, name: str, reader: str) -> str:
        recall = self.found / self.labelled if self.labelled else 1.0
        precision = self.correct_proposals / self.proposed if self.proposed else 1.0
        exact = f"{self.exact_rules}/{self.found}" if reader == "bot" else "—"
        per_doc = f"{1000 * self.seconds / max(self.documents, 1):.1f}"
        return (f"| {name} | {reader} | {self.documents} | {self.labelled} | {self.proposed} | "
                f"{recall:.0%} ({self.found}/{self.labelled}) | {precision:.0%} "
                f"({self.correct_proposals}/{self.proposed}) | {exact} | {self.invented} "
                f"(in {self.empty_documents} docs) | {per_doc} |")


def bot_reader(text: str, province: Province, issued: date) -> list[Proposed]:
    found: dict[str, list[str]] = {}
    for draft in propose_drafts(text, province, issued).drafts:
        status = draft.phrase.status
        rule = (draft.rule if status is RuleStatus.FOUND
                else "relative" if status is RuleStatus.RELATIVE else "ask")
        found.setdefault(draft.quote, []).append(rule)
    return [Proposed(quote, tuple(rules)) for quote, rules in found.items()]


def peer_reader(text: str, province: Province, issued: date) -> list[Proposed]:
    return [Proposed(clause.text, ()) for clause in clauses(text)
            if REPORTING.search(clause.folded) and _PEER_DATE.search(clause.folded)]


def evaluate(corpus: Path, reader_name: str, first_file: int = 0) -> dict[str, Tally]:
    reader = bot_reader if reader_name == "bot" else peer_reader
    source = load_province()
    province = Province(source.units, {r.code: r.name for r in source.recipients},
                        source.office)
    tallies = {"dev": Tally(), "held_out": Tally(), "all": Tally()}
    for entry in yaml.safe_load((corpus / "labels.yaml").read_text()):
        if int(entry["file"].split("_")[0]) < first_file:
            continue
        text = (corpus / "docs" / entry["file"]).read_text()
        started = time.perf_counter()
        proposed = reader(text, province, _issued(entry["issued"]))
        elapsed = time.perf_counter() - started
        for tally in (tallies[entry["split"]], tallies["all"]):
            _score(tally, entry, proposed, elapsed)
    return tallies


def _score(tally: Tally, entry: dict[str, object], proposed: list[Proposed],
           elapsed: float) -> None:
    labels = entry["clauses"]
    assert isinstance(labels, list)
    tally.documents += 1
    tally.seconds += elapsed
    tally.labelled += len(labels)
    tally.proposed += len(proposed)
    if not labels:
        tally.empty_documents += 1
        tally.invented += len(proposed)
    matched: set[int] = set()
    for label in labels:
        anchor = _normal(label["anchor"])
        hits = [i for i, p in enumerate(proposed) if anchor in _normal(p.text)]
        if not hits:
            tally.misses.append(f"{entry['file']}: {label['anchor']!r}")
            continue
        tally.found += 1
        matched.update(hits)
        rules = {_rule_key(rule) for i in hits for rule in proposed[i].rules}
        if rules == {_rule_key(rule) for rule in label["rules"]}:
            tally.exact_rules += 1
        else:
            tally.wrong_rules.append(f"{entry['file']}: {label['anchor']!r} → {sorted(rules)}"
                                     f" (labelled {label['rules']})")
    tally.correct_proposals += len(matched)
    tally.false_alarms += [f"{entry['file']}: {p.text[:160]!r}"
                           for i, p in enumerate(proposed) if i not in matched]


def _normal(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def _rule_key(rule: str) -> str:
    """Rules compare folded, numbers without leading zeros ('05/06' = '5/6')."""
    return re.sub(r"\d+", lambda m: str(int(m[0])), " ".join(fold_text(rule).split()))


def _issued(value: object) -> date:
    """The labelled signing date: 2020-01-02, or '2020-05' / '2016' when only that is known
    (the import's day, fixed here, when nothing is)."""
    if isinstance(value, date):
        return value
    if value is None:
        return UNDATED_IMPORT_DAY
    parts = [int(part) for part in str(value).split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--first-file", type=int, default=0,
                        help="only the documents numbered from this one (e.g. 36: round 3)")
    parser.add_argument("--details", action="store_true",
                        help="list the misses, false alarms and wrong rules of the bot")
    args = parser.parse_args()
    print("| split | reader | documents | labelled clauses | proposed | clause recall | "
          "clause precision | exact rules | invented | ms per document |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    results = {reader: evaluate(args.corpus, reader, args.first_file)
               for reader in ("bot", "peer")}
    for split in ("dev", "held_out", "all"):
        for reader, tallies in results.items():
            print(tallies[split].line(split, reader))
    if args.details:
        tally = results["bot"]["all"]
        for title, lines in (("Missed", tally.misses), ("False alarms", tally.false_alarms),
                             ("Wrong rules", tally.wrong_rules)):
            print(f"\n{title} ({len(lines)}):")
            print("\n".join(f"- {line}" for line in lines) or "- none")


if __name__ == "__main__":
    main()
