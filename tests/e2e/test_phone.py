"""On a 390 px phone no page of either script scrolls sideways (校勘记 included)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _pages(site_dir: Path) -> list[str]:
    paths = []
    for index in sorted(site_dir.rglob("index.html")):
        rel = index.parent.relative_to(site_dir).as_posix()
        if rel.startswith("assets"):
            continue
        paths.append("" if rel == "." else rel + "/")
    return paths


def test_no_page_of_either_script_scrolls_horizontally_on_a_phone(browser: Browser, site_server: str, site_dir: Path):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    paths = _pages(site_dir)
    assert any(p.startswith("zh-Hant/") for p in paths) and "notes/" in paths
    wide = []
    try:
        for path in paths:
            page.goto(site_server + path)
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            width = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
            if width > PHONE["width"]:
                culprit = page.evaluate(
                    """(w) => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
                         .filter(e => !e.closest('.md-sidebar, .md-search, .md-typeset__scrollwrap, .hb-matrix-wrap'))
                         .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 30))""",
                    PHONE["width"],
                )
                wide.append((path, width, culprit))
    finally:
        context.close()
    assert not wide, wide


def test_the_paragraph_link_stays_hidden_on_a_touch_screen_until_touched(browser: Browser, site_server: str):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_server + "districts/fujian-xiamen-huli/")
        assert page.evaluate("matchMedia('(hover: none)').matches")
        link = page.locator("p#a1-p4 a.hb-para-link")
        assert link.evaluate("e => getComputedStyle(e).opacity") == "0"
        assert link.bounding_box()["width"] > 10  # still a target a finger can touch
        link.focus()
        assert link.evaluate("e => getComputedStyle(e).opacity") == "1"
    finally:
        context.close()


@pytest.mark.parametrize("script", ["", "zh-Hant/"])
def test_a_tap_on_a_glossary_term_shows_its_definition_on_screen_and_a_second_tap_closes_it(
    browser: Browser, site_server: str, script: str
):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_server + script + "districts/fujian-xiamen-huli/")
        term = page.locator("a.hb-term").first
        term.scroll_into_view_if_needed()
        here = page.url
        term.tap()
        page.wait_for_timeout(200)
        assert page.url == here  # the tap stayed on the page
        assert "hb-open" in (term.get_attribute("class") or "")
        box = term.evaluate("e => { const s = getComputedStyle(e, '::after'); return [s.content, s.position, s.left, s.right]; }")
        assert box[0].strip('"') == term.get_attribute("data-definition") and box[1] == "fixed"
        term.tap()
        page.wait_for_timeout(200)
        assert "hb-open" not in (term.get_attribute("class") or "")
        term.tap()
        page.locator("h1").first.tap()  # a tap elsewhere closes it too
        page.wait_for_timeout(200)
        assert "hb-open" not in (term.get_attribute("class") or "")
    finally:
        context.close()


def test_a_districts_chips_leave_its_first_article_on_the_first_phone_screen(browser: Browser, site_server: str):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_server + "districts/fujian-xiamen-huli/")
        top = page.locator("article h2").first.bounding_box()
        assert top is not None and top["y"] < PHONE["height"], top
        assert "相关段落数" in page.locator(".hb-tags .hb-label").inner_text()
    finally:
        context.close()
