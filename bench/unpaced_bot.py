"""`python -m bench.unpaced_bot run --webhook`: the bot with its overall reply limiter off.

NOT the shipped bot. `bot.app` paces every reply at 30 requests/s per process
(`AIORateLimiter`'s default overall limit, Telegram's broadcast ceiling); the ingest benchmark
runs this variant with `--no-reply-pacing` to show how much of the ingest rate that pacing
decides. Per-group limits and retries after a 429 stay as shipped.
"""

import sys
from functools import partial

from telegram.ext import AIORateLimiter

import bot.app
from bot.cli import main

bot.app.AIORateLimiter = partial(AIORateLimiter, overall_max_rate=0)  # type: ignore[misc]
sys.exit(main())
