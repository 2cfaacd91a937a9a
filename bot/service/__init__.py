"""Service mode (`deadline-bot run --webhook`): Telegram's webhook, health and metrics over HTTP."""
