"""Ports for bot processes started by tests, so none of them takes the default dashboard port."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A loopback port free right now (the system's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
