"""Unit administration (/unit_add, /unit_edit, /unit_disable) and stale buttons."""

from __future__ import annotations

from bot.domain.errors.base import DomainError


class InvalidUnitGroup(DomainError):
    """A unit group that is none of department, district, agency (params: value)."""

    code = "invalid_unit_group"


class InvalidUnitName(DomainError):
    """A unit name that cannot be stored; subclasses say why (params: reason)."""

    code = "unit_name_empty"


class EmptyUnitName(InvalidUnitName):
    code = "unit_name_empty"


class UnitNameTooLong(InvalidUnitName):
    """Params: length, maximum, reason."""

    code = "unit_name_too_long"


class UnitNameControlCharacters(InvalidUnitName):
    """Invisible or control characters (line breaks, bidi overrides) in a name (params: reason)."""

    code = "unit_name_control_characters"


class UnitAlreadyDisabled(DomainError):
    """Disabling a unit that is already disabled (params: code, name)."""

    code = "unit_already_disabled"


class UnitAlreadyActive(DomainError):
    """Re-enabling a unit that is active (params: code, name)."""

    code = "unit_already_active"


class TextWithNul(DomainError):
    """A message, caption or button carrying a NUL character, which PostgreSQL can neither store
    nor compare (params: none)."""

    code = "text_with_nul"


class StaleButton(DomainError):
    """An inline button whose data the bot cannot read (old message or forged) (params: none)."""

    code = "stale_button"
