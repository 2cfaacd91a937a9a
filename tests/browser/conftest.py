"""One headless Chromium for the whole run, driven by Playwright (tests.browser.chromium).

Where Chromium is missing the browser tests are skipped, except in CI (`CI` set), where that is
a broken set-up and fails.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from playwright.async_api import Browser, async_playwright

from tests.browser.chromium import chromium_executable, launch_chromium


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser() -> AsyncIterator[Browser]:
    """Headless Chromium, launched once; each test opens its own contexts (cookies apart)."""
    executable = chromium_executable()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI; .ci/run must install it "
                        "(apt-get install chromium)")
        pytest.skip("Chromium is not installed on this machine (apt-get install chromium)")
    async with async_playwright() as playwright:
        launched = await launch_chromium(playwright, executable)
        try:
            yield launched
        finally:
            await launched.close()
