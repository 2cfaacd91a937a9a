"""`python -m bot` is the same as `deadline-bot`."""

from bot.process import run

run()
