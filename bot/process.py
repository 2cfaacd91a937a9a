"""The `deadline-bot` process from its first line to its exit (the console script and
`python -m bot` both start here).

A stop signal is handled from the first line on: importing the rest of the bot takes a second
or more on a busy machine, and SIGTERM in that time used to kill the process (-15) while Ctrl+C
printed a traceback. So this module imports the standard library only, and the command line
(bot.cli) is imported after the handlers are in place. What remains unhandled is Python's own
start, before this module runs (README, "Command line").
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
from types import FrameType
from typing import NoReturn

EXIT_INTERRUPTED = 130  # a command other than `run` stopped before it did its work


def run() -> NoReturn:
    """Handle stop signals, run the command line, exit with its code."""
    _interrupt_on_stop_signals()
    try:
        from bot.cli import main

        code = main()
    except KeyboardInterrupt:  # stopped while importing, before main() could see it
        code = 0 if sys.argv[1:2] == ["run"] else EXIT_INTERRUPTED
    _exit(code)


def _interrupt_on_stop_signals() -> None:
    """SIGTERM interrupts the process as Ctrl+C does (KeyboardInterrupt), until the running
    bot installs its own handlers: each phase of the start catches it and stops cleanly."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _exit(code: int) -> NoReturn:
    """Exit with `code` after the exit handlers, without Python's teardown of every loaded
    module: everything the bot opened is closed by now, and the teardown alone took most of a
    second of a 2-second stop on a busy machine. A further stop signal changes nothing now."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe has nothing to take
            stream.flush()
    os._exit(code)
