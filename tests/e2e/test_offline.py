"""The offline handbook (make offline), unzipped and opened from a folder: everything works, nothing is fetched."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .search import search

pytestmark = pytest.mark.browser

# Addresses a page read from a folder may load: its own files, and what the browser makes itself.
LOCAL_SCHEMES = ("file:", "about:", "data:", "blob:")


@pytest.fixture(scope="module")
def offline_root(project_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """handbook-offline.zip unzipped into a temporary folder; fails (never skips) when it has not been built."""
    archive = project_root / "handbook-offline.zip"
    if not archive.is_file():
        pytest.fail(f"{archive} is missing: run `make offline` (make test does)", pytrace=False)
    out = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as z:
        z.extractall(out)
    return out / "handbook-offline"


@pytest.fixture()
def reader(browser: Browser):
    """A page in a fresh context that records every request it makes: (page, requested addresses)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    # A request to any host fails at once instead of hanging; it is still recorded above.
    context.route(lambda url: not url.startswith(LOCAL_SCHEMES), lambda route: route.abort())
    page = context.new_page()
    yield page, requested
    context.close()


def _no_request_left_the_folder(requested: list[str]) -> None:
    outside = [url for url in requested if not url.startswith(LOCAL_SCHEMES)]
    assert not outside, outside
    assert any(url.startswith("file:") for url in requested)


def _switch(page: Page, lang: str) -> None:
    page.locator(".md-header .md-select").first.hover()
    page.locator(f'.md-header a.md-select__link[hreflang="{lang}"]').click()


@pytest.mark.parametrize(("prefix", "query", "district"), [("", "网格", "麒麟区"), ("zh-Hant/", "網格", "麒麟區")])
def test_search_finds_an_article_in_each_script_from_a_folder(reader, offline_root: Path, prefix: str, query: str, district: str):
    page, requested = reader
    page.goto((offline_root / prefix / "index.html").as_uri())
    found = [t.replace("\u200b", "") for t in search(page, query).all_inner_texts()]
    assert any(district in text for text in found), found[:5]
    # A result opens its page from the folder.
    page.locator(".md-search-result__item a", has_text=district).first.click()
    page.wait_for_url("file://**/districts/*.html*")
    assert district in page.locator("article h1").inner_text()
    _no_request_left_the_folder(requested)


def test_the_switch_goes_to_the_same_page_in_the_other_script_and_back(reader, offline_root: Path):
    page, requested = reader
    start = (offline_root / "districts" / "fujian-xiamen-huli.html").as_uri()
    page.goto(start)
    assert page.get_attribute("html", "lang") == "zh-Hans"
    _switch(page, "zh-Hant")
    page.wait_for_url((offline_root / "zh-Hant" / "districts" / "fujian-xiamen-huli.html").as_uri())
    assert page.get_attribute("html", "lang") == "zh-Hant" and "湖里區" in page.locator("article h1").inner_text()
    _switch(page, "zh-Hans")
    page.wait_for_url(start)
    _no_request_left_the_folder(requested)


def test_navigation_and_glossary_work_from_a_folder(reader, offline_root: Path):
    page, requested = reader
    page.goto((offline_root / "index.html").as_uri())
    page.locator(".md-content a[href$='fujian-xiamen-huli.html']").first.click()
    page.wait_for_url("file://**/districts/fujian-xiamen-huli.html")
    term = page.locator("article a.hb-term").first
    term.focus()
    popover = term.evaluate("e => getComputedStyle(e, '::after').content")
    assert len(popover) > 10 and popover.strip('"') == term.get_attribute("data-definition")
    term.click()
    page.wait_for_url("file://**/glossary.html#*")
    assert page.locator("article h1").inner_text()
    _no_request_left_the_folder(requested)


def test_every_pdf_link_and_download_is_in_the_folder(reader, offline_root: Path):
    page, requested = reader
    for prefix in ("", "zh-Hant/"):
        page.goto((offline_root / prefix / "districts" / "fujian-xiamen-huli.html").as_uri())
        links = [a.get_attribute("href") for a in page.locator("article a[href*='downloads/']").all()]
        assert any(link.endswith(".pdf") for link in links) and any(link.endswith(".ris") for link in links), links
        base = offline_root / prefix / "districts"
        for link in links:
            assert (base / link).resolve().is_file(), link
    _no_request_left_the_folder(requested)
