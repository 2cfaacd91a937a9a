"""People, roles and registration: invites, group chats, memberships, admins."""

from __future__ import annotations

from bot.domain.errors.base import DomainError


class NotAllowed(DomainError):
    """The person lacks the role a command needs (params: command, roles: the codes of the
    roles that may use it, named in the reader's language by bot.texts)."""

    code = "not_allowed"


class WrongUsage(DomainError):
    """A command given with missing or extra words (params: usage, example)."""

    code = "wrong_usage"


class InvalidInvite(DomainError):
    """An invite token that cannot be used; `code` says why (params: none)."""

    code = "invite_unknown"


class MalformedInvite(InvalidInvite):
    code = "invite_malformed"


class ExpiredInvite(InvalidInvite):
    code = "invite_expired"


class UsedInvite(InvalidInvite):
    code = "invite_used"


class RevokedInvite(InvalidInvite):
    code = "invite_revoked"


class PersonInviteInGroup(InvalidInvite):
    """A person's invite sent in a group chat; it is used in a private chat (params: none)."""

    code = "invite_person_in_group"


class GroupInviteInPrivateChat(InvalidInvite):
    """A group invite sent in a private chat; it is used inside the group (params: none)."""

    code = "invite_group_in_private_chat"


class GroupAlreadyRegistered(DomainError):
    """The group already serves the unit (or the office) the invite is for (params: target)."""

    code = "group_already_registered"


class GroupServesAnotherTarget(DomainError):
    """The group already serves another unit or the office (params: current, wanted)."""

    code = "group_serves_another_target"


class AlreadyRegistered(DomainError):
    """The person already holds this role (params: unit)."""

    code = "already_registered"


class NotAMember(DomainError):
    """The person does not serve that unit (params: unit)."""

    code = "not_a_member"


class UnknownPerson(DomainError):
    """No registered person matches what was typed (params: ref)."""

    code = "unknown_person"


class UnknownInvite(DomainError):
    """No open invite has that number (params: ref)."""

    code = "unknown_invite_number"


class LastAdmin(DomainError):
    """Revoking would leave the bot without any admin (params: name)."""

    code = "last_admin"


class RequestAlreadyHandled(DomainError):
    """Another admin already approved or rejected this access request (params: none)."""

    code = "request_already_handled"


class NoUnitsToInvite(DomainError):
    """A bulk invite whose group has no unit followed today (params: selection)."""

    code = "bulk_invite_no_units"


class BulkInviteInGroup(DomainError):
    """A bulk invite asked for in a group chat: its files hold every unit's link, so they go
    to a private chat only (params: none)."""

    code = "bulk_invite_in_group"


class NoOpenInvites(DomainError):
    """A bulk revoke whose group has no open invite (params: selection)."""

    code = "bulk_revoke_nothing_open"
