"""The `deadline-bot` command line: run the bot and look after its database."""

from __future__ import annotations

import argparse
import asyncio
import signal
import socket
import sys
from collections.abc import Callable, Sequence

from loguru import logger
from sqlalchemy.orm import Session
from telegram.error import InvalidToken

from bot.cli_output import outbox_table, schedule_json, schedule_table, units_table
from bot.cli_province import add_province_commands
from bot.dependencies import Dependencies
from bot.domain.delivery import SendOutcome
from bot.domain.errors import InvalidProvinceData
from bot.lifecycle import prepare, run_until_stopped
from bot.logging_setup import configure_logging
from bot.services.reminders import OutboxLine, outbox_counts, outbox_lines, plan_reminders
from bot.services.schedule import unit_list, year_schedule
from bot.web.polling_mode import dashboard_socket, with_dashboard
from bot.web.webhook_mode import listening_socket, run_webhook_until_stopped
from config.settings import Settings, SettingsError, load_settings, unused_settings
from db.migrate import upgrade_to_head
from db.process_lock import DatabaseInUse, lock_database_file
from db.session import Database, DatabaseUnavailable

EXIT_CONFIG_ERROR = 2


class ConfigurationProblem(Exception):
    """Ends the program with exit code 2 and one line on stderr."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deadline-bot",
        description="Telegram bot for the reporting deadlines of the province. "
        "Settings come from environment variables or a .env file (see README).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="run the bot (long polling, or --webhook)",
                              description="Migrate the database, then long-poll Telegram "
                              "(or serve its webhook) until stopped with Ctrl+C or SIGTERM.")
    run.add_argument("--webhook", action="store_true",
                     help="take updates on WEBHOOK_URL (served at WEBHOOK_LISTEN:WEBHOOK_PORT, "
                     "with /healthz, /readyz and /metrics) instead of long polling")
    run.set_defaults(handler=_run)
    database = commands.add_parser("db", help="database maintenance",
                                   description="Database maintenance.")
    database_commands = database.add_subparsers(dest="db_command", required=True,
                                                metavar="DB_COMMAND")
    upgrade = database_commands.add_parser("upgrade", help="apply pending migrations",
                                           description="Apply every pending Alembic migration "
                                           "to DATABASE_URL.")
    upgrade.set_defaults(handler=_db_upgrade)
    schedule = commands.add_parser(
        "schedule", help="print a year's reporting calendar",
        description="Print every report due in a year with its effective due date, units, "
        "recipient and reminders, as stored in the database (loaded with the province's "
        "defaults on first use).")
    schedule.add_argument("--year", type=int, required=True, help="calendar year, e.g. 2020")
    schedule.add_argument("--format", choices=("table", "json"), default="table",
                          help="table for people (default) or json for tools")
    schedule.set_defaults(handler=_schedule)
    departments = commands.add_parser(
        "departments", help="list the reporting units and their codes",
        description="List every reporting unit with the code used in chat commands.")
    departments.set_defaults(handler=_departments)
    reminders = commands.add_parser(
        "reminders", help="show the reminder outbox",
        description="Show planned reminder sends (default), or those sent or failed, with the "
        "totals by state. Plans the outbox first, as the running bot does.")
    which = reminders.add_mutually_exclusive_group()
    for state in ("pending", "sent", "failed"):
        which.add_argument(f"--{state}", dest="state", action="store_const", const=state,
                           help=f"show {state} sends")
    reminders.add_argument("--limit", type=int, default=50, help="how many lines (default 50)")
    reminders.set_defaults(handler=_reminders, state="pending")
    add_province_commands(commands)
    return parser


def _open_database(settings: Settings) -> Database:
    database = Database(settings.database_url)
    database.check_connection()
    return database


def _db_upgrade(settings: Settings, _args: argparse.Namespace) -> int:
    database = _open_database(settings)
    before, after = upgrade_to_head(database)
    change = "" if before == after else f" (was {before or 'empty'})"
    print(f"Database at revision {after}{change}")
    database.dispose()
    return 0


def _schedule(settings: Settings, args: argparse.Namespace) -> int:
    if not 1900 < args.year < 2200:
        raise ConfigurationProblem(f"--year: {args.year} is outside 1901-2199")
    deps = prepare(settings)
    schedule = deps.database.run_sync(lambda session: year_schedule(
        session, args.year, policy=settings.bot_due_date_policy,
        at=settings.bot_reminder_time, tz=settings.bot_timezone))
    deps.database.dispose()
    print(schedule_json(schedule) if args.format == "json" else schedule_table(args.year, schedule),
          end="" if args.format == "table" else "\n")
    return 0


def _departments(settings: Settings, _args: argparse.Namespace) -> int:
    deps = prepare(settings)
    print(units_table(deps.database.run_sync(unit_list)), end="")
    deps.database.dispose()
    return 0


def _reminders(settings: Settings, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise ConfigurationProblem(f"--limit: {args.limit} is not a positive number")
    deps = prepare(settings)
    state = SendOutcome(args.state)

    def read(session: Session) -> tuple[list[OutboxLine], dict[str, int]]:
        plan_reminders(session, deps.clock(), deps.timing)
        return outbox_lines(session, state, args.limit), outbox_counts(session)

    lines, counts = deps.database.run_sync(read)
    deps.database.dispose()
    print(outbox_table(state.value, lines, counts, settings.bot_timezone), end="")
    return 0


def _run(settings: Settings, args: argparse.Namespace) -> int:
    settings.token  # noqa: B018 - fail early, with one line, if the token is missing
    # Before anything else, even the migration: one process per SQLite file.
    try:
        process_lock = lock_database_file(settings.database_url)
    except DatabaseInUse as error:
        raise ConfigurationProblem(str(error)) from None
    try:
        return _run_locked(settings, args)
    finally:
        if process_lock is not None:
            process_lock.release()


def _run_locked(settings: Settings, args: argparse.Namespace) -> int:
    sock = _webhook_socket(settings) if args.webhook else _dashboard_socket(settings)
    try:
        deps = _prepare_unless_stopped(settings)
    except BaseException:
        deps = None
        raise
    finally:
        if deps is None:
            sock.close()  # not served: the port is given back
    if deps is None:
        return 0
    try:
        asyncio.run(_run_with_signals(
            (lambda stop: run_webhook_until_stopped(deps, stop, sock)) if args.webhook
            else (lambda stop: run_until_stopped(deps, stop,
                                                 intake=with_dashboard(deps, sock)))))
    except InvalidToken:
        raise ConfigurationProblem("TELEGRAM_BOT_TOKEN: Telegram rejected this token") from None
    finally:
        deps.database.dispose()
    return 0


def _webhook_socket(settings: Settings) -> socket.socket:
    """Check the webhook settings and take the port before anything starts."""
    endpoint = settings.webhook
    return _taken_port("WEBHOOK_PORT", endpoint.listen, endpoint.port,
                       lambda: listening_socket(endpoint))


def _dashboard_socket(settings: Settings) -> socket.socket:
    """Take the dashboard's port (polling mode) before anything starts."""
    web = settings.web
    return _taken_port("WEB_PORT", web.listen, web.port, lambda: dashboard_socket(web))


def _taken_port(setting: str, listen: str, port: int,
                bind: Callable[[], socket.socket]) -> socket.socket:
    try:
        return bind()
    except OSError as error:
        raise ConfigurationProblem(f"{setting}: cannot listen on {listen}:{port} "
                                   f"({error.strerror or error})") from None


def _prepare_unless_stopped(settings: Settings) -> Dependencies | None:
    """`prepare`, or None if SIGTERM or Ctrl+C came meanwhile (it may wait for another
    worker's migration)."""

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        return prepare(settings)
    except KeyboardInterrupt:
        logger.info("Stopped while starting")
        return None
    finally:
        signal.signal(signal.SIGTERM, previous)


async def _run_with_signals(main: Callable[[asyncio.Event], object]) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {signum: signal.getsignal(signum) for signum in signals}
    for signum in signals:
        loop.add_signal_handler(signum, stop.set)
    try:
        await main(stop)  # type: ignore[misc]
    finally:
        # Closing the loop would reset SIGTERM to its default, which kills the process while
        # it closes the database: the earlier handlers (bot.process) take the signals again.
        for signum in signals:
            loop.remove_signal_handler(signum)
            if previous[signum] is not None:
                signal.signal(signum, previous[signum])


def _warn_of_unused_settings() -> None:
    """One WARNING per variable set for the bot that no setting reads (retired or mistyped)."""
    for unused in unused_settings():
        if unused.hint:
            logger.warning("{} (set in the {}) is no longer used and is ignored: {}",
                           unused.name, unused.source, unused.hint)
        else:
            logger.warning("{} (set in the {}) is not a setting of deadline-bot and is ignored; "
                           "see README, Settings", unused.name, unused.source)


def _configuration_error(line: str) -> int:
    print(f"deadline-bot: configuration error: {line}", file=sys.stderr)
    return EXIT_CONFIG_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """The command line of `deadline-bot` and `python -m bot` (bot.process runs it); returns
    the exit code."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        secrets = [value.get_secret_value() for value in (settings.telegram_bot_token,
                                                           settings.webhook_secret) if value]
        configure_logging(settings.bot_log_level, settings.bot_log_json_file, secrets=secrets)
        _warn_of_unused_settings()
        return int(args.handler(settings, args))
    except (SettingsError, ConfigurationProblem) as error:
        return _configuration_error(str(error))
    except DatabaseUnavailable as error:
        return _configuration_error(f"DATABASE_URL: cannot open the database ({error})")
    except InvalidProvinceData as error:
        return _configuration_error(f"BOT_PROVINCE_FILE: {error}")
    except KeyboardInterrupt:  # SIGTERM too (bot.process), where the bot has no handler
        if args.command == "run":  # stopping is how the bot ends: nothing went wrong
            logger.info("Stopped")
            return 0
        logger.info("Interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
