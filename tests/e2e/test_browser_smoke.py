"""Smoke tests: the built site opens in a real browser, cleanly and offline.

Every page is loaded through the local test server in headless Chromium.
Requests to any host other than the loopback server are recorded and blocked
(nothing leaves the machine), and each of these counts as a failure, as do
console errors, uncaught page errors, a non-200 response and an <html lang>
that is not Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Request, Route

pytestmark = pytest.mark.browser

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# URLs that are not network requests at all.
NON_NETWORK_SCHEMES = frozenset({"data", "blob", "about"})
PAGE_TIMEOUT_MS = 30_000


def is_on_machine(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in NON_NETWORK_SCHEMES:
        return True
    return (parts.hostname or "") in LOOPBACK_HOSTS


@dataclass
class PageVisit:
    url: str
    status: int | None = None
    html_lang: str = ""
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def __repr__(self) -> str:  # keep assertion rewrites short
        return f"PageVisit({self.url!r})"

    def problems(self) -> list[str]:
        found = []
        if self.status != 200:
            found.append(f"HTTP status {self.status} (expected 200)")
        if not self.html_lang.lower().startswith("zh"):
            found.append(f'<html lang="{self.html_lang}"> does not start with "zh"')
        off_machine = [u for u in self.requests if not is_on_machine(u)]
        for u in dict.fromkeys(off_machine + self.blocked):
            found.append(f"request to a non-loopback host (blocked): {u}")
        found += [f"console error: {m}" for m in self.console_errors]
        found += [f"page error: {m}" for m in self.page_errors]
        return found


def visit(browser: Browser, url: str) -> PageVisit:
    """Open url in a fresh browser context and record what happened."""
    result = PageVisit(url=url)
    context = browser.new_context(service_workers="block", locale="zh-CN")
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:

        def keep_on_machine(route: Route) -> None:
            if is_on_machine(route.request.url):
                route.continue_()
            else:
                result.blocked.append(route.request.url)
                route.abort("blockedbyclient")

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                where = message.location.get("url", "")
                result.console_errors.append(f"{message.text} [{where}]")

        def on_request(request: Request) -> None:
            result.requests.append(request.url)

        def on_page_error(error: Error) -> None:
            result.page_errors.append(f"{error.name}: {error.message}")

        context.route("**/*", keep_on_machine)
        context.on("request", on_request)
        page = context.new_page()
        page.on("console", on_console)
        page.on("pageerror", on_page_error)

        response = page.goto(url, wait_until="load")
        result.status = response.status if response is not None else None
        # Let late requests (search worker, search index, fonts) happen too.
        page.wait_for_load_state("networkidle")
        result.html_lang = page.evaluate("document.documentElement.lang") or ""
    finally:
        context.close()
    return result


def district_page_urls(site_dir: Path, base_url: str) -> list[str]:
    pages = sorted(site_dir.glob("districts/*/index.html"))
    return [urljoin(base_url, page.parent.relative_to(site_dir).as_posix() + "/") for page in pages]


def format_problems(visits: list[PageVisit]) -> str:
    lines = []
    for v in visits:
        for problem in v.problems():
            lines.append(f"{v.url}: {problem}")
    return "\n".join(lines)


def test_home_page_opens_in_chinese_without_errors_or_off_machine_requests(browser: Browser, site_server: str) -> None:
    home = visit(browser, site_server)

    assert home.requests, "the browser recorded no requests at all"
    assert not home.problems(), "home page problems:\n" + format_problems([home])


def test_built_site_has_at_least_one_district_page(site_dir: Path) -> None:
    pages = sorted(site_dir.glob("districts/*/index.html"))

    assert pages, f"no district pages found: {site_dir}/districts/*/index.html matched nothing"


def test_every_district_page_opens_in_chinese_without_errors_or_off_machine_requests(
    browser: Browser, site_server: str, site_dir: Path
) -> None:
    urls = district_page_urls(site_dir, site_server)
    assert urls, f"no district pages found: {site_dir}/districts/*/index.html matched nothing"

    visits = [visit(browser, url) for url in urls]

    failing = [v for v in visits if v.problems()]
    assert not failing, f"{len(failing)} of {len(visits)} district pages have problems:\n" + format_problems(failing)
