"""Readers move between the matrix, theme pages and district paragraphs in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


def _in_viewport(page: Page, element_id: str) -> bool:
    """Tell whether the element with this id is (at least partly) inside the viewport."""
    return page.evaluate(
        """(id) => { const r = document.getElementById(id).getBoundingClientRect();
                     return r.bottom > 0 && r.top < window.innerHeight; }""",
        element_id,
    )


def test_clicking_a_matrix_cell_lands_on_that_districts_section_of_the_theme_page(page: Page, site_server: str):
    page.goto(site_server + "themes/")
    cell = page.locator("table.hb-matrix td a").nth(5)
    href = cell.get_attribute("href")
    theme, district = re.fullmatch(r"([\w-]+)/#([\w-]+)", href).groups()
    count = int(cell.inner_text())
    cell.click()
    page.wait_for_url(re.compile(rf"/themes/{theme}/#{district}$"))
    assert page.locator(f"h2#{district}").is_visible()
    assert _in_viewport(page, district)
    passages = page.evaluate(
        """(id) => { const h = document.getElementById(id), heads = [...document.querySelectorAll('h2')];
                     const next = heads[heads.indexOf(h) + 1];
                     return [...document.querySelectorAll('.hb-passage')].filter(p =>
                         (h.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING)
                         && (!next || (next.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_PRECEDING))).length; }""",
        district,
    )
    assert passages == count


def test_clicking_a_quoted_passage_shows_that_paragraph_on_the_district_page(page: Page, site_server: str):
    page.goto(site_server + "themes/grid-governance/")
    link = page.locator(".hb-passage a.hb-passage-link").nth(3)
    href = link.get_attribute("href")
    block = href.rsplit("#", 1)[1]
    link.click()
    page.wait_for_url(re.compile(rf"/districts/[\w-]+/#{block}$"))
    assert _in_viewport(page, block)
    paragraph = page.locator(f"#{block}").inner_text()
    assert "网格" in paragraph


def test_theme_tag_on_a_district_page_leads_to_its_passages(page: Page, site_server: str):
    page.goto(site_server + "districts/yunnan-qujing-qilin/")
    page.locator("a.hb-tag", has_text="网格化治理").click()
    page.wait_for_url(re.compile(r"/themes/grid-governance/#yunnan-qujing-qilin$"))
    assert _in_viewport(page, "yunnan-qujing-qilin")


@pytest.mark.parametrize("width", [1280, 1440, 1920])
@pytest.mark.parametrize("path", ["themes/", "zh-Hant/themes/"])
def test_the_matrix_fits_its_column_on_a_desktop_screen(browser: Browser, site_server: str, width: int, path: str):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(site_server + path)
        table = page.evaluate("document.querySelector('table.hb-matrix').getBoundingClientRect().width")
        column = page.evaluate("document.querySelector('.md-content__inner').getBoundingClientRect().width")
        hidden = page.evaluate("(e => e.scrollWidth - e.clientWidth)(document.querySelector('.hb-matrix-wrap'))")
        assert table <= column and hidden == 0, (table, column, hidden)
    finally:
        page.close()
