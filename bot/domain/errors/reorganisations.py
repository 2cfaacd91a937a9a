"""Reorganisations of units (merge, absorb, split, rename, dissolve) that cannot be applied."""

from __future__ import annotations

from bot.domain.errors.base import DomainError


class InvalidReorganisation(DomainError):
    """An event whose units do not fit its kind (params: kind, predecessors, successors,
    reason)."""

    code = "invalid_reorganisation"


class UnitReorganisedTwice(DomainError):
    """A unit closed by two events on one date (params: code, day, reason)."""

    code = "unit_reorganised_twice"


class OverlappingReorganisation(DomainError):
    """A unit closed by one event and named again as closing by another (params: code, first,
    second, reason)."""

    code = "overlapping_reorganisation"


class ReorganisationCycle(DomainError):
    """Units that would take each other over (params: codes, reason)."""

    code = "reorganisation_cycle"


class SuccessorClosed(DomainError):
    """A successor that is itself closed on the date (params: code, name, day, reason)."""

    code = "successor_closed"


class AnswersAfterReorganisation(DomainError):
    """A unit that answered on or after the date it would close (params: code, day, answered,
    reason)."""

    code = "answers_after_reorganisation"


class ReorganisationInProgress(DomainError):
    """Another worker is applying a reorganisation right now (params: none)."""

    code = "reorganisation_in_progress"


class UnitReorganised(DomainError):
    """An invite or a command for a unit closed by a reorganisation (params: code, name, day,
    successors — names of the units that took over, empty when dissolved)."""

    code = "unit_reorganised"


class UnitDissolved(UnitReorganised):
    """An invite or a command for a unit dissolved with no successor (params: code, name,
    day)."""

    code = "unit_dissolved"


class HeadNotServing(DomainError):
    """The office confirmed as head someone who no longer serves the unit (params: unit)."""

    code = "head_not_serving"


class UnknownReorganisationKind(DomainError):
    """/reorganize with a word that names no kind of event (params: value)."""

    code = "unknown_reorganisation_kind"


class SplitNeedsFile(DomainError):
    """/reorganize split: a split creates several units, so it goes through a reorganisation
    file (params: none)."""

    code = "split_needs_file"
