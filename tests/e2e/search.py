"""Typing a query into Material's search box, in the browser tests."""

from __future__ import annotations

from playwright.sync_api import Locator, Page


def search(page: Page, query: str) -> Locator:
    """Type a query into the open page's search box; return the result items once there are some.

    Material's search worker answers nothing to a query typed before it has its index, so the
    query is retyped until results appear."""
    box = page.locator("input.md-search__input").first
    box.click()
    box.fill(query)
    results = page.locator(".md-search-result__item")
    for _ in range(40):
        if results.count():
            break
        page.wait_for_timeout(250)
        box.press("End")
        box.press_sequentially(" ")
        box.press("Backspace")
    results.first.wait_for(timeout=15000)
    return results
