"""axe-core finds no serious or critical accessibility violation on any kind of page.

Every page kind (home, a district, a theme, the themes matrix, the regions index, the
glossary, the notes, the 404 page, and the search dialog open with results) is checked in
both scripts, on a desktop screen and on a phone.  axe-core is the copy bundled inside the
axe-playwright-python package, injected into the page: nothing is fetched, and any request
to a host other than the loopback test server is blocked and fails the test.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route

from .search import search

pytestmark = pytest.mark.browser

FAILING_IMPACTS = ("serious", "critical")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
NON_NETWORK_SCHEMES = frozenset({"data", "blob", "about"})

SCRIPTS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
# A query that finds passages in either script (the search also folds the other script in).
SEARCH_QUERY = {"zh-Hans": "网格", "zh-Hant": "網格"}
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
}
# Page kind -> path under the script's root.  "search" is the home page with the dialog open.
PAGES = {
    "home": "",
    "district": "districts/fujian-xiamen-huli/",
    "theme": "themes/grid-governance/",
    "themes-matrix": "themes/",
    "regions": "regions/",
    "glossary": "glossary/",
    "notes": "notes/",
    # The test server answers a missing page with its own error page, so MkDocs' 404 page is opened by name.
    "404": "404.html",
    "search": "",
}

SCENARIOS = [
    pytest.param(script, viewport, kind, id=f"{script}-{viewport}-{kind}")
    for script in SCRIPTS
    for viewport in VIEWPORTS
    for kind in PAGES
]

AXE = Axe()


def _on_machine(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in NON_NETWORK_SCHEMES or (parts.hostname or "") in LOOPBACK_HOSTS


def _open_search(page: Page, query: str) -> None:
    """Open Material's search dialog and type a query until results are listed."""
    toggle = page.locator('label.md-header__button[for="__search"]').first
    if toggle.is_visible():  # on a phone the search box is behind the header's magnifier button
        toggle.click()
    search(page, query)
    page.wait_for_timeout(500)  # results render progressively


def _report(url: str, violations: list[dict]) -> str:
    lines = [f"{url}: {len(violations)} serious/critical axe-core violation(s):"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v.get('helpUrl', '')}]")
        for node in v["nodes"]:
            # One selector per frame or shadow root on the way to the element.
            target = " >>> ".join(" ".join(t) if isinstance(t, list) else t for t in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {target}  ({summary[:300]})")
    return "\n".join(lines)


@pytest.mark.parametrize(("script", "viewport", "kind"), SCENARIOS)
def test_no_serious_axe_violation(browser: Browser, site_server: str, script: str, viewport: str, kind: str) -> None:
    context = browser.new_context(service_workers="block", locale="zh-CN", reduced_motion="reduce", **VIEWPORTS[viewport])
    off_machine: list[str] = []

    def keep_on_machine(route: Route) -> None:
        if _on_machine(route.request.url):
            route.continue_()
        else:
            off_machine.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", keep_on_machine)
    url = site_server + SCRIPTS[script] + PAGES[kind]
    try:
        page = context.new_page()
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, f"{url}: HTTP {response and response.status}"
        page.wait_for_load_state("networkidle")
        if kind == "search":
            _open_search(page, SEARCH_QUERY[script])
        results = AXE.run(page)
    finally:
        context.close()

    assert not off_machine, f"requests to hosts other than the test server: {off_machine}"
    failing = [v for v in results.response["violations"] if v.get("impact") in FAILING_IMPACTS]
    if failing:
        pytest.fail(_report(url, failing), pytrace=False)
