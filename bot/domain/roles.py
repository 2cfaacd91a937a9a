"""Who may do what: roles and the chat commands each role may use."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    EVERYONE = "everyone"
    OFFICER = "officer"
    OFFICE = "office"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Command:
    """A chat command; its description lives in bot.texts under `command.<name>`."""

    name: str
    role: Role


# Menu order is the order people see in Telegram's command list.
COMMANDS: tuple[Command, ...] = (
    Command("start", Role.EVERYONE),
    Command("help", Role.EVERYONE),
)


def commands_for(roles: frozenset[Role]) -> tuple[Command, ...]:
    """The commands a person holding `roles` may use (everyone's commands included)."""
    allowed = roles | {Role.EVERYONE}
    return tuple(command for command in COMMANDS if command.role in allowed)
