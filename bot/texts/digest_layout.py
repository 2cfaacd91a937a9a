"""Laying a digest out in at most three Telegram messages.

Which blocks (one per report occurrence) share a message, which one carries the office's
buttons, and how many units each list names so that every message stays under Telegram's
limit. Pure: it works on lines already rendered, and measures them as Telegram may count them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bot.texts import TELEGRAM_TEXT_LIMIT

MAX_MESSAGES = 3


@dataclass(frozen=True, slots=True)
class Listing:
    """A list of units under its heading: `items` holds the lines of each unit that can be
    named, `total` how many units it counts (often more). Tier 0 lists are named first, in
    turns; tier 1 lists get what room is left."""

    heading: str
    total: int
    items: tuple[tuple[str, ...], ...]
    tier: int = 0


class Block(Protocol):
    """A part of a message whose lists the layout may cut (an occurrence, the unreachable
    chats)."""

    @property
    def listings(self) -> Sequence[Listing]: ...

    @property
    def names_cap(self) -> int:
        """Units named at most, all its lists together."""

    @property
    def has_actions(self) -> bool:
        """Whether it offers buttons (and so, when it gets them, ends its message)."""

    def lines(self, shown: Sequence[int], buttons: bool) -> list[str]:
        """Its lines with `shown[i]` units of listings[i] named, with or without buttons."""


@dataclass(slots=True)
class Placed:
    """A block in a message: how many units each of its lists names, whether it has the
    message's buttons."""

    block: Block
    buttons: bool = False
    shown: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.shown = [0] * len(self.block.listings)

    def lines(self) -> list[str]:
        return self.block.lines(self.shown, self.buttons)


@dataclass(slots=True)
class MessagePlan:
    """One message: fixed lines first (the digest's title), then blocks, then fixed lines
    (reports that did not fit)."""

    head: list[str] = field(default_factory=list)
    placed: list[Placed] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines = [*self.head, *(line for p in self.placed for line in p.lines()), *self.tail]
        return "\n".join(lines).strip("\n")

    @property
    def with_buttons(self) -> Placed | None:
        return next((p for p in self.placed if p.buttons), None)


def telegram_length(message: str) -> int:
    """An upper bound of the length Telegram checks: UTF-16 code units of the HTML as sent
    (parsing only removes tags and turns entities into one character)."""
    return len(message.encode("utf-16-le")) // 2


def lay_out(head: list[str], blocks: Sequence[Block], closing: Block | None,
            left_out: Callable[[Sequence[Block]], list[str]],
            limit: int = TELEGRAM_TEXT_LIMIT, max_messages: int = MAX_MESSAGES
            ) -> list[MessagePlan]:
    """The messages: `head` opens the first, `closing` ends the last; a block with actions
    gets buttons and ends its message while more messages are allowed; in the last message
    only its last block may have buttons. Blocks that do not fit even with empty lists are
    left out, and the last message says so with `left_out(those blocks)`. Then every list
    names as many units as fit (fill())."""
    plans = _group(head, blocks, closing, left_out, limit, max_messages)
    final = plans[-1]
    if closing is not None:
        if len(plans) < max_messages and _minimal(final, closing) > limit:
            final = MessagePlan()
            plans.append(final)
        final.placed.append(Placed(closing))
    for plan in plans:
        ending = [p for p in plan.placed if p.block.has_actions]
        if ending and plan.with_buttons is None and ending[-1] is _last_block(plan, closing):
            ending[-1].buttons = True
        fill(plan, limit)
    return plans


def _group(head: list[str], blocks: Sequence[Block], closing: Block | None,
           left_out: Callable[[Sequence[Block]], list[str]], limit: int, max_messages: int
           ) -> list[MessagePlan]:
    """Blocks into messages by their lists' minimal length; a block with actions ends its
    message (and has its buttons) until the last message, which takes the rest that fits."""
    plans = [MessagePlan(head=list(head))]
    for index, block in enumerate(blocks):
        plan = plans[-1]
        if len(plans) < max_messages and plan.placed and _minimal(plan, block) > limit:
            plan = MessagePlan()
            plans.append(plan)
        last = len(plans) == max_messages
        if last and _minimal(plan, block, closing, left_out(blocks[index + 1:])) > limit:
            plan.tail = left_out(blocks[index:])
            break
        plan.placed.append(Placed(block))
        if block.has_actions and not last and index < len(blocks) - 1:
            plan.placed[-1].buttons = True
            plans.append(MessagePlan())
    if len(plans) > 1 and not plans[-1].placed and not plans[-1].tail:
        plans.pop()
    return plans


def _last_block(plan: MessagePlan, closing: Block | None) -> Placed | None:
    """The message's last block before the closing one (the buttons sit right under it)."""
    blocks = [p for p in plan.placed if p.block is not closing]
    return blocks[-1] if blocks else None


def fill(plan: MessagePlan, limit: int = TELEGRAM_TEXT_LIMIT) -> None:
    """Name one more unit in each list in turn (tier 0 lists, then tier 1), while the
    message stays within `limit` and each block within its cap."""
    for tier in (0, 1):
        open_lists = [(p, i) for p in plan.placed for i, listing in enumerate(p.block.listings)
                      if listing.tier == tier]
        while open_lists:
            still_open = []
            for placed, i in open_lists:
                if _name_one_more(plan, placed, i, limit):
                    still_open.append((placed, i))
            open_lists = still_open


def _name_one_more(plan: MessagePlan, placed: Placed, i: int, limit: int) -> bool:
    listing = placed.block.listings[i]
    if (placed.shown[i] >= len(listing.items)
            or sum(placed.shown) >= placed.block.names_cap):
        return False
    placed.shown[i] += 1
    if telegram_length(plan.text()) > limit:
        placed.shown[i] -= 1
        return False
    return True


def _minimal(plan: MessagePlan, block: Block, closing: Block | None = None,
             tail: list[str] | None = None) -> int:
    """The length of `plan` with `block` (and `closing`, `tail`) added, every list empty."""
    trial = MessagePlan(plan.head, [*plan.placed, Placed(block)], tail or [])
    if closing is not None:
        trial.placed.append(Placed(closing))
    return telegram_length(trial.text())
