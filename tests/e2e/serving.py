"""Talking to a running `serve` in the browser tests: a free port and the status address."""

from __future__ import annotations

import json
import socket
import urllib.request


def free_port() -> int:
    """Return a loopback port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(base: str) -> dict:
    """Read the server's build status (version, error) from its status address."""
    with urllib.request.urlopen(base + "__serve__/status", timeout=5) as r:
        return json.load(r)
