"""Shared fixtures for the handbook's tests.

The site under test is the one `make site` builds into site/.  It is never
built here: a missing site/ is a failure (run `make test`, which builds it
first), not a skip.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config: pytest.Config) -> None:
    # Also declared in pyproject.toml; repeated so the marker is known even
    # when pytest is pointed at this directory with another rootdir.
    config.addinivalue_line(
        "markers",
        "browser: end-to-end tests that drive headless Chromium against the built site/",
    )


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The repository root (the folder holding pyproject.toml)."""
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def site_dir(project_root: Path) -> Path:
    """The built site/ folder; fails (never skips) when it has not been built."""
    site = project_root / "site"
    if not (site / "index.html").is_file():
        pytest.fail(
            f"{site / 'index.html'} is missing: the site has not been built. "
            "Run `make test` (which runs `make site` first) or `make site`.",
            pytrace=False,
        )
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site_server(site_dir: Path) -> Iterator[str]:
    """Serve site/ on 127.0.0.1 at a free port; yields the base URL (with a trailing /)."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium driven by Playwright (no browser download ever)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's chromium (`make test-deps`).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # Plain launch: Playwright gives every launch a fresh, empty profile
        # (user data dir) and removes it on close.
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
        )
        try:
            yield browser
        finally:
            browser.close()


# The name-protection tests (test_names.py, test_taiwan_names.py) share these two.
@pytest.fixture(scope="module")
def terms():
    """Return the declared protected names and surnames."""
    from build_docs import convert

    return convert.load_protected()


@pytest.fixture(scope="module")
def table(terms):
    """Return the place-name table for s2tw, cached in the project's .cache."""
    from build_docs import convert, names

    root = Path(__file__).resolve().parent.parent
    return names.load_table(terms.keep, terms.surnames, convert.plain_converter("s2tw"), "s2tw", root / ".cache")
