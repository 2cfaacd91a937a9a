"""Build the Application: every handler and its filter, wired in one place."""

from __future__ import annotations

from functools import partial
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.context import DEPENDENCIES_KEY, BotContext
from bot.dependencies import Dependencies
from bot.log_context import OwnContextJobQueue
from bot.reply_limiter import SharedReplyLimiter
from bot.send_pace import SendPace
from bot.update_processor import LoggingUpdateProcessor
from handlers import (
    access_requests,
    digests,
    directive_import,
    export,
    fallback,
    office_actions,
    onboarding,
    people,
    reachability,
    registration,
    reminders,
    start,
    status,
    unit_heads,
    web,
)
from handlers.deadline_flows import DEADLINE_FLOW_ROUTES
from handlers.deadlines import register_deadline_handlers
from handlers.directive_import import IMPORT_FLOW_ROUTES
from handlers.errors import on_error
from handlers.flows import on_flow_text, register_flow_handlers
from handlers.groups import register_group_handlers
from handlers.identify import identify_caller
from handlers.reorganisations import REORGANIZE_FLOW_ROUTES, register_reorganisation_handlers
from handlers.status import STATUS_FLOW_ROUTES, register_status_handlers
from handlers.unit_flows import UNIT_FLOW_ROUTES
from handlers.units import register_unit_handlers
from handlers.working_days import register_working_day_handlers

BotApplication = Application[Any, BotContext, Any, Any, Any, Any]

IDENTIFY_GROUP = -1  # runs before every other handler
PRIVATE_MEMBERSHIP_GROUP = 1  # beside the group-chat membership handler, not instead of it
MAX_CONCURRENT_UPDATES = 8
REPLY_MAX_RETRIES = 3  # after a 429, wait retry_after and send again


def build_application(deps: Dependencies, request: BaseRequest | None = None,
                      updates_request: BaseRequest | None = None,
                      pace: SendPace | None = None) -> BotApplication:
    """The bot's Application for these dependencies, its messages paced by the process's send
    window `pace` (without one, a window of its own); `request`s let tests talk in-process."""
    settings = deps.settings
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_file_base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.bot_timezone))
        .context_types(ContextTypes(context=BotContext))
        .concurrent_updates(LoggingUpdateProcessor(MAX_CONCURRENT_UPDATES))
        .job_queue(OwnContextJobQueue())
        # Replies and notices; reminder fan-outs have their own sender, in the same window.
        .rate_limiter(SharedReplyLimiter(max_retries=REPLY_MAX_RETRIES, pace=pace))
    )
    if request is not None:
        builder = builder.request(request)
    if updates_request is not None:
        builder = builder.get_updates_request(updates_request)
    application: BotApplication = builder.build()
    application.bot_data[DEPENDENCIES_KEY] = deps
    register_handlers(application)
    return application


def register_handlers(application: BotApplication) -> None:
    application.add_handler(TypeHandler(Update, identify_caller), group=IDENTIFY_GROUP)
    commands = {
        "start": registration.start,
        "help": start.help_command,
        "whoami": people.whoami,
        "leave": people.leave,
        "invite": registration.invite,
        "invites": registration.list_invites,
        "revoke_invite": registration.revoke_invite,
        "people": people.list_people,
        "remove": people.remove,
        "grant_admin": people.grant_admin,
        "revoke_admin": people.revoke_admin,
        "reminders": reminders.show_upcoming,
        "status": status.show_open_reports,
        "history": status.show_history,
        "digest": digests.show_digest,
        "giahan": office_actions.approve_command,
        "dondoc": office_actions.follow_up_command,
        "export": export.send_export,
        "chart": export.send_chart,
        "web": web.send_login_link,
        "import": directive_import.start_import,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CallbackQueryHandler(access_requests.on_access_button,
                                                 pattern=access_requests.CALLBACK_PATTERN))
    application.add_handler(CallbackQueryHandler(office_actions.on_office_button,
                                                 pattern=office_actions.CALLBACK_PATTERN))
    application.add_handler(CallbackQueryHandler(unit_heads.on_head_button,
                                                 pattern=unit_heads.CALLBACK_PATTERN))
    application.add_handler(CallbackQueryHandler(onboarding.on_revoke_button,
                                                 pattern=onboarding.CALLBACK_PATTERN))
    register_unit_handlers(application)
    register_reorganisation_handlers(application)
    register_deadline_handlers(application)
    register_working_day_handlers(application)
    register_group_handlers(application)
    # Typed answers of an open flow (before the stray-text fallback), its buttons, /cancel.
    routes = {**UNIT_FLOW_ROUTES, **STATUS_FLOW_ROUTES, **DEADLINE_FLOW_ROUTES,
              **IMPORT_FLOW_ROUTES, **REORGANIZE_FLOW_ROUTES}
    register_status_handlers(application, partial(on_flow_text, routes=routes),
                             directive_import.on_file)
    register_flow_handlers(application, routes)
    application.add_handler(MessageHandler(filters.COMMAND, fallback.unknown_command))
    application.add_handler(CallbackQueryHandler(fallback.unknown_button))
    application.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.TEXT, fallback.stray_text)
    )
    application.add_handler(ChatMemberHandler(reachability.on_private_membership,
                                              ChatMemberHandler.MY_CHAT_MEMBER),
                            group=PRIVATE_MEMBERSHIP_GROUP)
    application.add_error_handler(on_error)
