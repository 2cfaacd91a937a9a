"""Reorganisation events (pure core): their shapes, the lineage they leave, and every refusal."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.deadlines import Deadline, Handover, LegalBasis, Recipient, UnitSpan
from bot.domain.errors import (
    AnswersAfterReorganisation,
    DuplicateCode,
    InvalidReorganisation,
    OverlappingReorganisation,
    ReorganisationCycle,
    SuccessorClosed,
    UnitReorganisedTwice,
    UnknownUnit,
)
from bot.domain.recurrence import quarterly_rule
from bot.domain.reorganisations import (
    LegalReference,
    Lineage,
    PendingRule,
    Reorganisation,
    ReorganisationKind,
    check_reorganisations,
)
from bot.domain.units import Unit, UnitGroup, resolve_units

JULY_1 = date(2025, 7, 1)
BASIS = LegalReference("1687/NQ-UBTVQH15", date(2025, 6, 16))
UNITS = (
    Unit("skhdt", "Sở Kế hoạch và Đầu tư", UnitGroup.DEPARTMENT),
    Unit("stc", "Sở Tài chính", UnitGroup.DEPARTMENT),
    Unit("sgtvt", "Sở Giao thông vận tải", UnitGroup.DEPARTMENT),
    Unit("sxd", "Sở Xây dựng", UnitGroup.DEPARTMENT),
    Unit("ctcl", "UBND huyện Càng Long", UnitGroup.DISTRICT),
    Unit("ctck", "UBND huyện Cầu Kè", UnitGroup.DISTRICT),
)


def event(kind: ReorganisationKind, before: tuple[str, ...], after: tuple[str, ...] = (),
          created: tuple[Unit, ...] = (), on: date = JULY_1,
          pending: PendingRule = PendingRule.CARRY) -> Reorganisation:
    return Reorganisation(on, kind, before, after, BASIS, created, "", pending)


def commune(code: str, name: str) -> Unit:
    return Unit(code, name, UnitGroup.COMMUNE, True, JULY_1)


MERGE = event(ReorganisationKind.MERGE, ("ctcl", "ctck"), ("xacl",),
              (commune("xacl", "Xã Càng Long"),))
ABSORB = event(ReorganisationKind.ABSORB, ("skhdt",), ("stc",), on=date(2025, 3, 1))
SPLIT = event(ReorganisationKind.SPLIT, ("ctcl",), ("xaan", "xabinh"),
              (commune("xaan", "Xã An Trường"), commune("xabinh", "Xã Bình Phú")))
RENAME = event(ReorganisationKind.RENAME, ("sxd",), ("sxdm",),
               (Unit("sxdm", "Sở Xây dựng (mới)", UnitGroup.DEPARTMENT, True, JULY_1),))
DISSOLVE = event(ReorganisationKind.DISSOLVE, ("ctck",), pending=PendingRule.CLOSE)


@pytest.mark.parametrize("valid", [MERGE, ABSORB, SPLIT, RENAME, DISSOLVE],
                         ids=lambda e: e.kind.value)
def test_each_kind_of_event_is_accepted_in_its_own_shape(valid: Reorganisation) -> None:
    check_reorganisations([valid], UNITS, Lineage())


def test_a_merge_hands_both_predecessors_to_the_new_unit_from_the_date_only() -> None:
    lineage = Lineage((MERGE,))
    assert lineage.successors_on("ctcl", date(2025, 6, 30)) == ("ctcl",)
    assert lineage.successors_on("ctcl", JULY_1) == ("xacl",)
    assert lineage.successors_on("ctck", date(2026, 1, 1)) == ("xacl",)
    assert lineage.predecessor_events("xacl") == (MERGE,)


def test_a_split_hands_a_unit_to_every_successor_and_a_dissolution_to_nobody() -> None:
    assert Lineage((SPLIT,)).successors_on("ctcl", JULY_1) == ("xaan", "xabinh")
    assert Lineage((DISSOLVE,)).successors_on("ctck", JULY_1) == ()


def test_successors_are_followed_through_later_events() -> None:
    later = event(ReorganisationKind.ABSORB, ("xacl",), ("stc",), on=date(2026, 1, 1))
    lineage = Lineage((MERGE, later))
    assert lineage.successors_on("ctcl", date(2025, 12, 31)) == ("xacl",)
    assert lineage.successors_on("ctcl", date(2026, 1, 1)) == ("stc",)


def test_a_stored_selection_names_the_successors_of_a_unit_it_names_after_the_date() -> None:
    units = (*UNITS[:4], Unit("ctcl", "UBND huyện Càng Long", UnitGroup.DISTRICT,
                               active_until=date(2025, 6, 30)),
             Unit("ctck", "UBND huyện Cầu Kè", UnitGroup.DISTRICT,
                  active_until=date(2025, 6, 30)),
             commune("xacl", "Xã Càng Long"))
    lineage = Lineage((MERGE,))
    june = resolve_units("ctcl stc", units, on=date(2025, 6, 30), stored=True,
                         successors=lineage.successors_on)
    july = resolve_units("ctcl stc", units, on=JULY_1, stored=True,
                         successors=lineage.successors_on)
    assert june == ("stc", "ctcl")
    assert july == ("stc", "xacl")
    assert resolve_units("districts", units, on=JULY_1, stored=True) == ()
    assert resolve_units("communes", units, on=JULY_1, stored=True) == ("xacl",)
    assert resolve_units("all", units, on=date(2025, 6, 30), stored=True) == (
        "skhdt", "stc", "sgtvt", "sxd", "ctcl", "ctck")


def test_a_deadline_owes_each_report_to_the_units_valid_on_its_due_date() -> None:
    deadline = Deadline(
        "quy", "Báo cáo quý", LegalBasis("01/QĐ-UBND", "1.3"), Recipient("vp", "VP"),
        ("stc", "xacl"), quarterly_rule(date(2025, 3, 10)),
        unit_spans=(UnitSpan(date.min, ("stc", "ctcl", "ctck")),
                    UnitSpan(JULY_1, ("stc", "xacl"))),
        handovers=(Handover(date(2025, 6, 10), "ctcl", ("xacl",)),
                   Handover(date(2025, 6, 10), "ctck", ())))
    assert deadline.units_on(date(2025, 3, 10)) == ("stc", "ctcl", "ctck")
    assert deadline.units_on(date(2025, 6, 10)) == ("stc", "xacl")
    assert deadline.units_on(date(2025, 9, 10)) == ("stc", "xacl")


@pytest.mark.parametrize(("bad", "error"), [
    (event(ReorganisationKind.MERGE, ("ctcl",), ("xacl",), (commune("xacl", "Xã A"),)),
     InvalidReorganisation),
    (event(ReorganisationKind.SPLIT, ("ctcl",), ("stc",)), InvalidReorganisation),
    (event(ReorganisationKind.DISSOLVE, ("ctcl",), ("stc",)), InvalidReorganisation),
    (event(ReorganisationKind.ABSORB, ("ctcl",), ("xacl",), (commune("xacl", "Xã A"),)),
     InvalidReorganisation),
    (event(ReorganisationKind.RENAME, ("sxd",), ("stc",)), InvalidReorganisation),
    (event(ReorganisationKind.RENAME, ("sxd", "sgtvt"), ("sxdm",),
           (Unit("sxdm", "Sở Xây dựng", UnitGroup.DEPARTMENT, True, JULY_1),)),
     InvalidReorganisation),
    (event(ReorganisationKind.SPLIT, ("ctcl", "ctck"), ("xaan", "xabinh"),
           (commune("xaan", "Xã An"), commune("xabinh", "Xã Bình"))), InvalidReorganisation),
    (event(ReorganisationKind.ABSORB, ("khongco",), ("stc",)), UnknownUnit),
    (event(ReorganisationKind.ABSORB, ("skhdt",), ("khongco",)), UnknownUnit),
    (event(ReorganisationKind.ABSORB, ("stc",), ("stc",)), ReorganisationCycle),
    (event(ReorganisationKind.MERGE, ("ctcl", "ctck"), ("stc",), (commune("stc", "Xã A"),)),
     DuplicateCode),
], ids=["merge-of-one", "split-into-one", "dissolve-with-successor", "absorb-into-new",
        "rename-to-existing", "rename-of-two", "split-of-two", "unknown-predecessor",
        "unknown-successor", "self", "code-reused"])
def test_an_event_that_does_not_fit_is_refused(bad: Reorganisation,
                                                error: type[Exception]) -> None:
    with pytest.raises(error):
        check_reorganisations([bad], UNITS, Lineage())


def test_a_unit_merged_twice_on_one_date_is_refused() -> None:
    second = event(ReorganisationKind.ABSORB, ("ctcl",), ("stc",))
    with pytest.raises(UnitReorganisedTwice) as refused:
        check_reorganisations([MERGE, second], UNITS, Lineage())
    assert refused.value.params["code"] == "ctcl"


def test_a_unit_closed_already_is_an_overlapping_event() -> None:
    later = event(ReorganisationKind.ABSORB, ("ctcl",), ("stc",), on=date(2025, 9, 1))
    with pytest.raises(OverlappingReorganisation):
        check_reorganisations([later], UNITS, Lineage((MERGE,)))


def test_units_that_would_take_each_other_over_are_a_cycle() -> None:
    there = event(ReorganisationKind.ABSORB, ("skhdt",), ("stc",))
    back = event(ReorganisationKind.ABSORB, ("stc",), ("skhdt",))
    with pytest.raises(ReorganisationCycle) as refused:
        check_reorganisations([there, back], UNITS, Lineage())
    assert set(refused.value.params["codes"]) == {"skhdt", "stc"}  # type: ignore[arg-type]


def test_a_successor_closed_on_the_date_is_refused() -> None:
    closes_stc = event(ReorganisationKind.ABSORB, ("stc",), ("sxd",), on=date(2025, 3, 1))
    into_stc = event(ReorganisationKind.ABSORB, ("skhdt",), ("stc",))
    with pytest.raises(SuccessorClosed):
        check_reorganisations([closes_stc, into_stc], UNITS, Lineage())
    ended = (*UNITS, Unit("cu", "Sở cũ", UnitGroup.DEPARTMENT, active_until=date(2024, 12, 31)))
    with pytest.raises(SuccessorClosed):
        check_reorganisations([event(ReorganisationKind.ABSORB, ("skhdt",), ("cu",))], ended,
                              Lineage())


def test_a_date_before_answers_the_unit_already_gave_is_refused() -> None:
    with pytest.raises(AnswersAfterReorganisation) as refused:
        check_reorganisations([MERGE], UNITS, Lineage(), {"ctck": date(2025, 7, 3)})
    assert refused.value.params["answered"] == date(2025, 7, 3)
    check_reorganisations([MERGE], UNITS, Lineage(), {"ctck": date(2025, 6, 30)})


def test_the_key_names_the_event_whatever_the_order_of_its_units() -> None:
    swapped = event(ReorganisationKind.MERGE, ("ctck", "ctcl"), ("xacl",),
                    (commune("xacl", "Xã Càng Long"),))
    assert MERGE.key == swapped.key == "2025-07-01:merge:ctck+ctcl>xacl"
