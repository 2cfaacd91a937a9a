"""Signing in to the office's dashboard: login links and Telegram Mini App data."""

from __future__ import annotations

from bot.domain.errors.base import DomainError
from bot.domain.errors.people import NotAllowed


class WebSignInRefused(DomainError):
    """A sign-in that cannot be accepted; `code` says why (params: none)."""

    code = "web_sign_in_refused"


class UnknownLoginLink(WebSignInRefused):
    code = "web_login_unknown"


class UsedLoginLink(WebSignInRefused):
    code = "web_login_used"


class ExpiredLoginLink(WebSignInRefused):
    code = "web_login_expired"


class InvalidInitData(WebSignInRefused):
    """Mini App data that is malformed or not signed with the bot's token (params: reason)."""

    code = "web_init_data_invalid"


class ExpiredInitData(WebSignInRefused):
    """Mini App data older than allowed (params: none)."""

    code = "web_init_data_expired"


class UnitsNoLongerFollowed(NotAllowed):
    """An officer whose every unit is disabled: no dashboard, no /web link; their units'
    history stays with the office and the admins (params: units, their names)."""

    code = "web_units_not_followed"


class WebLinkInGroup(DomainError):
    """/web sent in a group: a login link is personal (params: none)."""

    code = "web_link_in_group"


class OccurrenceNotInYear(DomainError):
    """A dashboard address naming no report of the year (params: year, deadline, due)."""

    code = "web_occurrence_not_in_year"


class InvalidDashboardFilter(DomainError):
    """A dashboard filter not offered by the page (params: name)."""

    code = "web_bad_filter"


class UnitNotVisible(DomainError):
    """An officer opening the history of a unit they do not serve (params: code)."""

    code = "web_unit_not_visible"


class UnknownStatusFile(DomainError):
    """A dashboard file address naming no attached file (params: none)."""

    code = "web_file_unknown"


class StatusFileNotVisible(DomainError):
    """An officer downloading a file of a unit they do not serve (params: none)."""

    code = "web_file_not_visible"


class OfficePageOnly(DomainError):
    """A dashboard page for the office and admins opened by someone else (params: none)."""

    code = "web_office_page_only"
