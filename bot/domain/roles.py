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
    """A chat command; its description lives in bot.texts under `command.<name>`.

    `role` may use it; so may the roles in `also` (e.g. /groups for admins and the office).
    """

    name: str
    role: Role
    also: frozenset[Role] = frozenset()

    @property
    def roles(self) -> frozenset[Role]:
        return self.also | {self.role}


# Menu order is the order people see in Telegram's command list.
COMMANDS: tuple[Command, ...] = (
    Command("start", Role.EVERYONE),
    Command("help", Role.EVERYONE),
    Command("whoami", Role.EVERYONE),
    Command("leave", Role.OFFICER),
    Command("status", Role.OFFICER),
    Command("history", Role.OFFICER),
    Command("web", Role.OFFICER, also=frozenset({Role.OFFICE, Role.ADMIN})),
    Command("invite", Role.ADMIN),
    Command("invites", Role.ADMIN),
    Command("revoke_invite", Role.ADMIN),
    Command("groups", Role.ADMIN, also=frozenset({Role.OFFICE})),
    Command("digest", Role.OFFICE, also=frozenset({Role.ADMIN})),
    Command("dondoc", Role.OFFICE, also=frozenset({Role.ADMIN})),
    Command("giahan", Role.OFFICE, also=frozenset({Role.ADMIN})),
    Command("export", Role.OFFICE, also=frozenset({Role.ADMIN})),
    Command("chart", Role.OFFICE, also=frozenset({Role.ADMIN})),
    Command("units", Role.ADMIN),
    Command("unit_add", Role.ADMIN),
    Command("unit_edit", Role.ADMIN),
    Command("unit_disable", Role.ADMIN),
    Command("unit", Role.ADMIN, also=frozenset({Role.OFFICE})),
    Command("reorganize", Role.ADMIN),
    Command("people", Role.ADMIN),
    Command("remove", Role.ADMIN),
    Command("grant_admin", Role.ADMIN),
    Command("revoke_admin", Role.ADMIN),
    Command("deadlines", Role.ADMIN, also=frozenset({Role.OFFICE})),
    Command("deadline", Role.ADMIN, also=frozenset({Role.OFFICE})),
    Command("deadline_add", Role.ADMIN),
    Command("deadline_edit", Role.ADMIN),
    Command("deadline_pause", Role.ADMIN),
    Command("deadline_resume", Role.ADMIN),
    Command("deadline_delete", Role.ADMIN),
    Command("import", Role.ADMIN),
    Command("holidays", Role.ADMIN, also=frozenset({Role.OFFICE})),
    Command("dayoff", Role.ADMIN),
    Command("workday", Role.ADMIN),
    Command("day_remove", Role.ADMIN),
    Command("audit", Role.ADMIN),
    Command("reminders", Role.ADMIN),
    # Only admins have guided flows so far; cancelling one's own flow needs no role check.
    Command("cancel", Role.ADMIN),
)
_BY_NAME = {command.name: command for command in COMMANDS}


def commands_for(roles: frozenset[Role]) -> tuple[Command, ...]:
    """The commands a person holding `roles` may use (everyone's commands included)."""
    allowed = roles | {Role.EVERYONE}
    return tuple(command for command in COMMANDS if command.roles & allowed)


def require(roles: frozenset[Role], command: str) -> None:
    """Raise NotAllowed unless `roles` include a role that may use `command`."""
    needed = _BY_NAME[command]
    if Role.EVERYONE not in needed.roles and not needed.roles & roles:
        allowed = (needed.role.value, *sorted(role.value for role in needed.also))
        raise NotAllowed(command=command, roles=allowed)
