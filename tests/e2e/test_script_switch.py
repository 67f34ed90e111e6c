"""The 简 / 繁 switch keeps the reader on the same page, in both directions."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .search import search

pytestmark = pytest.mark.browser

PAGES = ["", "districts/fujian-xiamen-huli/", "themes/grid-governance/", "themes/", "glossary/", "regions/", "notes/"]


def _switch(page: Page, lang: str) -> None:
    page.locator(".md-header .md-select").first.hover()
    page.locator(f'.md-header a.md-select__link[hreflang="{lang}"]').click()


@pytest.mark.parametrize("path", PAGES)
def test_switch_goes_to_the_same_page_in_the_other_script_and_back(page: Page, site_server: str, path: str):
    page.goto(site_server + path)
    assert page.get_attribute("html", "lang") == "zh-Hans"
    _switch(page, "zh-Hant")
    page.wait_for_url(site_server + "zh-Hant/" + path)
    assert page.get_attribute("html", "lang") == "zh-Hant"
    _switch(page, "zh-Hans")
    page.wait_for_url(site_server + path)
    assert page.get_attribute("html", "lang") == "zh-Hans"


def test_traditional_district_page_is_in_traditional_script(page: Page, site_server: str):
    page.goto(site_server + "zh-Hant/districts/fujian-xiamen-huli/")
    text = page.locator("article").inner_text()
    assert "湖里區" in text and "湖裏" not in text and "湖裡" not in text
    assert "社區" in text and "社区" not in text


def test_each_page_names_its_twin_with_hreflang(page: Page, site_server: str):
    page.goto(site_server + "zh-Hant/districts/fujian-xiamen-huli/")
    hrefs = {el.get_attribute("hreflang"): el.get_attribute("href") for el in page.locator('head link[rel="alternate"]').all()}
    assert hrefs == {
        "zh-Hans": "/districts/fujian-xiamen-huli/",
        "zh-Hant": "/zh-Hant/districts/fujian-xiamen-huli/",
        "x-default": "/districts/fujian-xiamen-huli/",
    }


def test_switch_links_name_the_same_page_in_both_scripts(page: Page, site_server: str):
    page.goto(site_server + "zh-Hant/districts/fujian-xiamen-huli/")
    links = {el.get_attribute("hreflang"): el.get_attribute("href") for el in page.locator(".md-header a.md-select__link").all()}
    assert links == {"zh-Hans": "/districts/fujian-xiamen-huli/", "zh-Hant": "/zh-Hant/districts/fujian-xiamen-huli/"}


@pytest.mark.parametrize(
    ("prefix", "query", "districts"),
    [
        ("", "网格", ("麒麟区", "卫东区")),
        ("zh-Hant/", "網格", ("麒麟區", "衛東區")),
        ("zh-Hant/", "网格", ("麒麟區", "衛東區")),  # typed in the other script
        ("", "網格", ("麒麟区", "卫东区")),
    ],
)
def test_search_in_each_script_finds_grid_governance_passages(page: Page, site_server: str, prefix, query, districts):
    page.goto(site_server + prefix)
    results = search(page, query)
    text = ""
    for _ in range(40):  # results render progressively; wait until both districts are listed
        text = " ".join(results.all_inner_texts()).replace("\u200b", "")
        if all(d in text for d in districts):
            break
        page.wait_for_timeout(250)
    for district in districts:
        assert district in text
