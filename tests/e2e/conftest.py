"""Fixtures for browser tests that click through the site."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser


@pytest.fixture()
def page(browser: Browser):
    """A fresh page in its own context; anything not on the loopback server is refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()
