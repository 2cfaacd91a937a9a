"""`python -m bot` is the same as `deadline-bot`."""

import sys

from bot.cli import main

sys.exit(main())
