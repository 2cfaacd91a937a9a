"""The bot's HTTP server: Telegram's webhook, the office's dashboard and Mini App, health and
metrics (`deadline-bot run --webhook`, or beside long polling)."""
