"""A reorganisation file is read whole or refused naming the file, the entry and the field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.domain.errors import InvalidProvinceData
from bot.domain.reorganisations import PendingRule, ReorganisationKind
from bot.domain.units import UnitGroup
from config.reorganisation_file import load_reorganisations

GOOD = """\
format: 1
reorganisations:
  - effective_on: 01/07/2025
    kind: merge
    legal_basis: {document: 1687/NQ-UBTVQH15, date: 2025-06-16}
    predecessors: [canglong, cauke]
    successors: [xacl]
    create:
      - {code: xacl, name: "Xã  Càng   Long", group: commune}
    pending: close
    note: Điều 1,   khoản 120
  - effective_on: 2025-03-01
    kind: absorb
    legal_basis: {document: 45/2025/NĐ-CP}
    predecessors: [skhdt]
    successors: [stc]
"""


def write(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "reorg.yaml"
    path.write_text(content, encoding="utf-8")
    return path


def test_a_good_file_gives_its_events_in_order(tmp_path: Path) -> None:
    merge, absorb = load_reorganisations(write(tmp_path, GOOD))
    assert merge.effective_on == date(2025, 7, 1) and merge.kind is ReorganisationKind.MERGE
    assert merge.predecessors == ("canglong", "cauke") and merge.successors == ("xacl",)
    assert merge.basis.citation() == "1687/NQ-UBTVQH15 ngày 16/06/2025"
    [xacl] = merge.created
    assert (xacl.name, xacl.group, xacl.active_from) == ("Xã Càng Long", UnitGroup.COMMUNE,
                                                         date(2025, 7, 1))
    assert merge.pending is PendingRule.CLOSE and merge.note == "Điều 1, khoản 120"
    assert absorb.pending is PendingRule.CARRY and absorb.basis.issued_on is None


@pytest.mark.parametrize(("change", "where"), [
    (("kind: merge", "kind: fusion"), "reorganisations[0].kind"),
    (("effective_on: 01/07/2025", "effective_on: 31/06/2025"),
     "reorganisations[0] (31/06/2025 merge).effective_on"),
    (("date: 2025-06-16", "date: mai"), "reorganisations[0] (01/07/2025 merge).legal_basis.date"),
    (("predecessors: [canglong, cauke]", "predecessors: [canglong, Cầu-Kè]"),
     "reorganisations[0] (01/07/2025 merge).predecessors[1]"),
    (("{code: xacl,", "{code: x,"), "reorganisations[0] (01/07/2025 merge).create[0].code"),
    (('name: "Xã  Càng   Long"', 'name: "Xã\\tCàng"'),
     "reorganisations[0] (01/07/2025 merge).create[0].name"),
    (("group: commune", "group: village"), "reorganisations[0].create[0] (xacl).group"),
    (("pending: close", "pending: later"), "reorganisations[0].pending"),
    (("    note:", "    notes:"), "reorganisations[0].notes"),
    (("format: 1", "format: 2"), "format"),
])
def test_a_mistake_is_refused_with_the_file_entry_and_field(
    tmp_path: Path, change: tuple[str, str], where: str
) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(InvalidProvinceData) as refused:
        load_reorganisations(write(tmp_path, GOOD.replace(old, new, 1)))
    assert refused.value.params["file"] == "reorg.yaml"
    assert refused.value.params["where"] == where


def test_a_key_given_twice_and_broken_yaml_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidProvinceData) as twice:
        load_reorganisations(write(tmp_path, GOOD.replace("    pending: close\n",
                                                          "    pending: close\n    kind: split\n")))
    assert "given twice" in str(twice.value.params["detail"])
    with pytest.raises(InvalidProvinceData) as broken:
        load_reorganisations(write(tmp_path, "format: 1\nreorganisations: [\n"))
    assert str(broken.value.params["where"]).startswith("line ")
