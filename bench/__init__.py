"""Benchmarks of deadline-bot against the fake Bot API (see bench/README.md)."""
