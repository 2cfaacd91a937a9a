"""Who may do what: roles and the chat commands each role may use."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.errors import NotAllowed


class Role(StrEnum):
    EVERYONE = "everyone"
    OFFICER = "officer"  # reports for one or more units
    OFFICE = "office"  # provincial office: digests, escalations, every unit's status
    ADMIN = "admin"  # configures units, people, deadlines and working days


@dataclass(frozen=True, slots=True)
class Command:
    """A chat command; its description lives in bot.texts under `command.<name>`."""

    name: str
    role: Role


# Menu order is the order people see in Telegram's command list.
COMMANDS: tuple[Command, ...] = (
    Command("start", Role.EVERYONE),
    Command("help", Role.EVERYONE),
    Command("whoami", Role.EVERYONE),
    Command("leave", Role.OFFICER),
    Command("invite", Role.ADMIN),
    Command("invites", Role.ADMIN),
    Command("revoke_invite", Role.ADMIN),
    Command("units", Role.ADMIN),
    Command("unit_add", Role.ADMIN),
    Command("unit_edit", Role.ADMIN),
    Command("unit_disable", Role.ADMIN),
    Command("people", Role.ADMIN),
    Command("remove", Role.ADMIN),
    Command("grant_admin", Role.ADMIN),
    Command("revoke_admin", Role.ADMIN),
    Command("audit", Role.ADMIN),
)
_BY_NAME = {command.name: command for command in COMMANDS}


def commands_for(roles: frozenset[Role]) -> tuple[Command, ...]:
    """The commands a person holding `roles` may use (everyone's commands included)."""
    allowed = roles | {Role.EVERYONE}
    return tuple(command for command in COMMANDS if command.role in allowed)


def require(roles: frozenset[Role], command: str) -> None:
    """Raise NotAllowed unless `roles` include the role that `command` needs."""
    needed = _BY_NAME[command].role
    if needed is not Role.EVERYONE and needed not in roles:
        raise NotAllowed(command=command, role=needed.value)
