"""Debian's Chromium, as the browser tests and the documentation's screenshot launch it.

Playwright drives it (`executable_path`): Playwright's own browser download cannot work on a
machine that reaches no download site, and Debian's package is what .ci/run installs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from playwright.async_api import Browser, Playwright

# Chromium tries to reach Google's services at start and on a timer; on a machine with no
# route out those connections only add noise and delay.
CHROMIUM_ARGS = ("--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage")


def chromium_executable() -> Path | None:
    """The Chromium to drive: $CHROMIUM_PATH, else Debian's, else one on the PATH."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


async def launch_chromium(playwright: Playwright, executable: Path) -> Browser:
    """Headless Chromium (as root it needs no sandbox: Playwright passes --no-sandbox)."""
    return await playwright.chromium.launch(executable_path=str(executable), headless=True,
                                            args=list(CHROMIUM_ARGS))
