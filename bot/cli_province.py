"""`deadline-bot province reorganize FILE [--apply]`: print a reorganisation's plan, or apply
it in one transaction (audited; a second apply changes nothing and says so)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.domain.errors import DomainError, InvalidProvinceData
from bot.lifecycle import prepare
from bot.services.reorganisations import apply_reorganisations, plan_reorganisations
from bot.texts import error_text, text
from bot.texts.reorganisations_render import plain, plan_text
from config.reorganisation_file import load_reorganisations
from config.settings import Settings

EXIT_REFUSED = 1
EXIT_BAD_FILE = 2


def add_province_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    province = commands.add_parser("province", help="the province's units over time",
                                   description="The province's units over time.")
    province_commands = province.add_subparsers(dest="province_command", required=True,
                                                metavar="PROVINCE_COMMAND")
    reorganize = province_commands.add_parser(
        "reorganize", help="merge, absorb, split, rename or dissolve units from a file",
        description="Print what a reorganisation file would change (the default), or apply it "
        "with --apply: in one transaction, audited; events applied before are skipped.")
    reorganize.add_argument("file", type=Path, help="the reorganisation file (YAML)")
    reorganize.add_argument("--apply", action="store_true", help="carry the plan out")
    reorganize.set_defaults(handler=reorganize_units)


def reorganize_units(settings: Settings, args: argparse.Namespace) -> int:
    lang = settings.bot_language
    try:
        events = load_reorganisations(args.file)
    except InvalidProvinceData as error:
        print(f"deadline-bot: reorganisation file: {error.params['file']}: "
              f"{error.params['where']}: {error.params['detail']}", file=sys.stderr)
        return EXIT_BAD_FILE
    deps = prepare(settings)
    now, tz = deps.clock(), settings.bot_timezone
    try:
        if args.apply:
            plan = deps.database.run_sync(
                lambda session: apply_reorganisations(session, events, now, tz))
        else:
            plan = deps.database.run_sync(
                lambda session: plan_reorganisations(session, events, now, tz))
    except DomainError as error:
        print(f"deadline-bot: {plain(error_text(error, lang))}", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        deps.database.dispose()
    print(plain(plan_text(plan, lang)))
    if args.apply and not plan.changes_nothing:
        print(plain(text("reorg.applied", lang, count=len(plan.events))))
    return 0
