"""docs/dashboard.png: the 2020 matrix of the end-to-end tests' scenario, as the office sees it.

    .venv/bin/python -m tests.browser.screenshot [PATH]

The bot runs with the fake Bot API on a throw-away SQLite database (tests.e2e.harness); the
office's Hạnh asks for /web, headless Chromium opens the link and photographs the page.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from playwright.async_api import async_playwright

from tests.browser.chromium import chromium_executable, launch_chromium
from tests.e2e.test_dashboard import dashboard_bot, login_link
from tests.e2e.test_export import TODAY, office_with_answers
from tests.support.clock import SimulatedClock

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "docs" / "dashboard.png"


async def take_screenshot(path: Path) -> None:
    executable = chromium_executable()
    if executable is None:
        raise SystemExit("Chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="dashboard-screenshot-") as tmp:
        database_url = f"sqlite:///{tmp}/deadline-bot.sqlite3"
        async with dashboard_bot(database_url, SimulatedClock(TODAY)) as (bot, fake, admin), \
                async_playwright() as playwright:
            hanh, _lan = await office_with_answers(bot, fake, admin)
            server, link = await login_link(fake, hanh)
            browser = await launch_chromium(playwright, executable)
            context = await browser.new_context(base_url=server,
                                                viewport={"width": 1100, "height": 760})
            page = await context.new_page()
            await page.goto(link)
            await page.goto("/?year=2020")
            await page.screenshot(path=str(path))
            await browser.close()
    print(f"Saved {path}")


if __name__ == "__main__":
    asyncio.run(take_screenshot(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH))
