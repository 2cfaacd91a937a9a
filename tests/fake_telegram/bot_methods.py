"""Bot-level methods: identity, updates (long polling, webhook), commands, chats, files,
chat actions and callback answers."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from tests.fake_telegram.models import CallbackAnswer, JSONDict
from tests.fake_telegram.params import ApiError, Params, bad_request
from tests.fake_telegram.registry import api_method
from tests.fake_telegram.state import TelegramState, WebhookConfig

MAX_UPDATES_PER_CALL = 100
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
CONFLICT_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
CHAT_ACTIONS = frozenset({
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note",
    "upload_video_note",
})
SCOPES_WITHOUT_CHAT = frozenset(
    {"default", "all_private_chats", "all_group_chats", "all_chat_administrators"}
)
CommandScopeKey = tuple[Any, ...]


@api_method("getMe")
async def get_me(state: TelegramState, params: Params) -> JSONDict:
    """The bot's ``User`` with the bot-only fields."""
    return {
        **state.bot.to_api(),
        "can_join_groups": True,
        "can_read_all_group_messages": not state.privacy_mode,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@api_method("getUpdates", long_poll=True)
async def get_updates(state: TelegramState, params: Params) -> list[JSONDict]:
    """Confirm updates below ``offset``, then answer at once or wait up to ``timeout`` s.

    A newer ``getUpdates`` ends a waiting one with 409 Conflict, like Telegram does when two
    bot instances poll. ``timeout`` may be fractional here so tests can poll quickly.
    """
    if state.webhook is not None:
        raise ApiError(409, CONFLICT_WEBHOOK)
    offset = params.integer("offset")
    limit = min(max(params.integer("limit", MAX_UPDATES_PER_CALL) or 1, 1), MAX_UPDATES_PER_CALL)
    timeout = max(params.number("timeout", 0.0), 0.0)
    allowed = params.json("allowed_updates")
    if allowed is not None:
        state.allowed_updates = [str(kind) for kind in allowed]
    state.poll_generation += 1
    generation, epoch = state.poll_generation, state.release_epoch
    state.updates_signal.notify()  # an older waiting poll learns it was superseded
    state.confirm_updates(offset)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        updates = state.deliverable_updates(limit)
        remaining = deadline - loop.time()
        if updates or remaining <= 0 or state.release_epoch != epoch:
            return updates
        await state.updates_signal.wait(remaining)
        if state.poll_generation != generation:
            raise ApiError(409, CONFLICT_OTHER_POLL)
        if state.webhook is not None:
            raise ApiError(409, CONFLICT_WEBHOOK)


@api_method("setWebhook")
async def set_webhook(state: TelegramState, params: Params) -> bool:
    """Store the webhook (an empty url removes it). http:// is accepted for local tests."""
    url = params.text("url") or ""
    if params.flag("drop_pending_updates"):
        state.drop_pending_updates()
    if not url:
        state.webhook = None
        return True
    if not url.startswith(("https://", "http://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.text("secret_token")
    if secret is not None and not SECRET_TOKEN.fullmatch(secret):
        raise bad_request("bad webhook: secret token contains unallowed characters")
    allowed = params.json("allowed_updates")
    state.webhook = WebhookConfig(
        url=url,
        secret_token=secret,
        max_connections=params.integer("max_connections", 40) or 40,
        allowed_updates=[str(kind) for kind in allowed] if allowed is not None else None,
    )
    state.updates_signal.notify()
    return True


@api_method("deleteWebhook")
async def delete_webhook(state: TelegramState, params: Params) -> bool:
    """Remove the webhook; ``drop_pending_updates`` forgets the queue."""
    state.webhook = None
    if params.flag("drop_pending_updates"):
        state.drop_pending_updates()
    return True


@api_method("getWebhookInfo")
async def get_webhook_info(state: TelegramState, params: Params) -> JSONDict:
    """``WebhookInfo``: the url ("" when polling) and the pending update count."""
    info: JSONDict = {
        "url": state.webhook.url if state.webhook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(state.updates),
    }
    if state.webhook is not None:
        info["max_connections"] = state.webhook.max_connections
        if state.webhook.allowed_updates is not None:
            info["allowed_updates"] = state.webhook.allowed_updates
    return info


def command_scope_key(state: TelegramState, scope: Any) -> CommandScopeKey:
    """A hashable key for a ``BotCommandScope`` (chat references resolved to ids)."""
    if scope is None:
        return ("default",)
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    kind = scope["type"]
    if kind in SCOPES_WITHOUT_CHAT:
        return (kind,)
    if kind not in ("chat", "chat_administrators", "chat_member"):
        raise bad_request("wrong bot command scope type specified")
    chat = state.chat(Params(scope).chat_id())
    if kind == "chat_member":
        return (kind, chat.id, Params(scope).required_int("user_id"))
    return (kind, chat.id)


def _commands_key(state: TelegramState, params: Params) -> tuple[CommandScopeKey, str]:
    return command_scope_key(state, params.json("scope")), params.text("language_code") or ""


@api_method("setMyCommands")
async def set_my_commands(state: TelegramState, params: Params) -> bool:
    """Store the command list for a scope and language (an empty list deletes it)."""
    commands = params.json("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("too many commands specified")
    cleaned: list[JSONDict] = []
    for command in commands:
        name = str(command.get("command", "")) if isinstance(command, dict) else ""
        description = str(command.get("description", "")) if isinstance(command, dict) else ""
        if not COMMAND_NAME.fullmatch(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        cleaned.append({"command": name, "description": description})
    key = _commands_key(state, params)
    if cleaned:
        state.commands[key] = cleaned
    else:
        state.commands.pop(key, None)
    return True


@api_method("getMyCommands")
async def get_my_commands(state: TelegramState, params: Params) -> list[JSONDict]:
    """The list stored for exactly this scope and language (no fallback, like Telegram)."""
    return list(state.commands.get(_commands_key(state, params), []))


@api_method("deleteMyCommands")
async def delete_my_commands(state: TelegramState, params: Params) -> bool:
    """Delete the list of this scope and language; users fall back to broader scopes."""
    state.commands.pop(_commands_key(state, params), None)
    return True


def visible_commands(
    state: TelegramState, chat_id: int, user_id: int, language_code: str = "",
    *, is_admin: bool = False,
) -> list[JSONDict]:
    """The commands a Telegram client shows this user in this chat (documented fallback order)."""
    chat = state.chat(chat_id)
    if chat.is_private:
        order: list[CommandScopeKey] = [("chat", chat.id), ("all_private_chats",), ("default",)]
    else:
        order = [("chat_member", chat.id, user_id)]
        order += [("chat_administrators", chat.id)] if is_admin else []
        order += [("chat", chat.id)]
        order += [("all_chat_administrators",)] if is_admin else []
        order += [("all_group_chats",), ("default",)]
    for scope in order:
        for language in ([language_code] if language_code else []) + [""]:
            if (scope, language) in state.commands:
                return list(state.commands[(scope, language)])
    return []


MENU_BUTTON_TYPES = frozenset({"commands", "web_app", "default"})
MENU_BUTTON_TEXT_LIMIT = 64  # as for inline keyboard buttons


def _menu_button_chat(state: TelegramState, params: Params) -> int | None:
    """The private chat named by ``chat_id``, or None (the bot's default button)."""
    if not params.has("chat_id") or params.text("chat_id") in (None, ""):
        return None
    chat = state.chat(params.chat_id())
    if not chat.is_private:
        raise bad_request("chat must be a private chat")
    return chat.id


def _checked_menu_button(button: Any) -> JSONDict:
    """``MenuButton`` as Telegram validates it: a known type; a Web App needs its text and an
    https ``web_app.url`` (Telegram opens Web Apps over https only)."""
    if button is None:
        return {"type": "default"}
    if not isinstance(button, dict) or button.get("type") not in MENU_BUTTON_TYPES:
        raise bad_request("can't parse menu button JSON object")
    if button["type"] != "web_app":
        return {"type": button["type"]}
    text, web_app = button.get("text"), button.get("web_app")
    if not isinstance(text, str) or not 1 <= len(text) <= MENU_BUTTON_TEXT_LIMIT:
        raise bad_request("BUTTON_TEXT_INVALID")
    url = web_app.get("url") if isinstance(web_app, dict) else None
    if not isinstance(url, str) or not url.startswith("https://"):
        raise bad_request("BUTTON_URL_INVALID")
    return {"type": "web_app", "text": text, "web_app": {"url": url}}


@api_method("setChatMenuButton")
async def set_chat_menu_button(state: TelegramState, params: Params) -> bool:
    """Store a private chat's menu button (without ``chat_id``: the bot's default one)."""
    chat_id = _menu_button_chat(state, params)
    state.menu_buttons[chat_id] = _checked_menu_button(params.json("menu_button"))
    state.notify_changed()
    return True


@api_method("getChatMenuButton")
async def get_chat_menu_button(state: TelegramState, params: Params) -> JSONDict:
    """The chat's button, else the bot's default one, else ``{"type": "default"}``."""
    chat_id = _menu_button_chat(state, params)
    found = state.menu_buttons.get(chat_id) or state.menu_buttons.get(None)
    return dict(found or {"type": "default"})


@api_method("getChat")
async def get_chat(state: TelegramState, params: Params) -> JSONDict:
    """``ChatFullInfo`` of a known chat."""
    return state.chat(params.chat_id()).to_full_info()


@api_method("getFile")
async def get_file(state: TelegramState, params: Params) -> JSONDict:
    """``File`` with the relative ``file_path`` served under ``/file/bot<token>/``."""
    stored = state.files.get(params.text("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    return stored.to_file()


@api_method("sendChatAction")
async def send_chat_action(state: TelegramState, params: Params) -> bool:
    """Accept a documented action in a chat the bot may write to."""
    state.writable_chat(params.chat_id())
    if params.text("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


@api_method("answerCallbackQuery")
async def answer_callback_query(state: TelegramState, params: Params) -> bool:
    """Record the answer; a query can be answered once."""
    query_id = params.text("callback_query_id") or ""
    if state.open_callback_queries.pop(query_id, None) is None:
        raise bad_request(
            "query is too old and response timeout expired or query ID is invalid"
        )
    state.callback_answers.append(
        CallbackAnswer(
            callback_query_id=query_id,
            text=params.text("text"),
            show_alert=params.flag("show_alert"),
            url=params.text("url"),
            cache_time=params.integer("cache_time", 0) or 0,
            at=state.clock(),
        )
    )
    state.notify_changed()
    return True
