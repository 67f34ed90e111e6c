"""What surrounds the article reads like a published handbook: Chinese controls, kept anchors, paragraph links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .search import search

pytestmark = pytest.mark.browser

ENGLISH_UI = re.compile(r"Permanent link|Not found|Made with|Material for MkDocs|Table of contents|Back to top|Skip to")


def _pages(site_dir: Path) -> list[str]:
    return sorted(
        ("" if (rel := p.parent.relative_to(site_dir).as_posix()) == "." else rel + "/")
        for p in site_dir.rglob("index.html")
        if not p.parent.relative_to(site_dir).as_posix().startswith("assets")
    )


def test_no_english_interface_string_on_any_page(page: Page, site_server: str, site_dir: Path):
    for path in [*_pages(site_dir), "no-such-page/"]:
        page.goto(site_server + path)
        shown = page.evaluate(
            "document.body.innerText + ' ' + [...document.querySelectorAll('[title],[aria-label]')]"
            ".map(e => (e.getAttribute('title') || '') + ' ' + (e.getAttribute('aria-label') || '')).join(' ')"
        )
        found = ENGLISH_UI.findall(shown)
        assert not found, (path, found)


def test_switch_keeps_the_paragraph_anchor(page: Page, site_server: str):
    page.goto(site_server + "districts/fujian-xiamen-huli/#a1-p4")
    label = page.locator(".md-header .hb-switch__label").first.inner_text()
    assert label == "繁體中文"
    page.locator(".md-header .md-select").first.hover()
    page.locator('.md-header a.md-select__link[hreflang="zh-Hant"]').click()
    page.wait_for_url(site_server + "zh-Hant/districts/fujian-xiamen-huli/#a1-p4")
    assert page.evaluate("location.hash") == "#a1-p4"


def test_paragraph_link_copies_the_address_and_the_paragraph_reached_is_marked(browser: Browser, site_server: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.rstrip("/"))
    page = context.new_page()
    try:
        page.goto(site_server + "districts/fujian-xiamen-huli/")
        paragraph = page.locator("p#a1-p4")
        paragraph.hover()
        link = paragraph.locator("a.hb-para-link")
        assert link.evaluate("e => getComputedStyle(e).opacity") == "1"
        link.click()
        assert page.evaluate("navigator.clipboard.readText()") == site_server + "districts/fujian-xiamen-huli/#a1-p4"
        marked = paragraph.evaluate("e => getComputedStyle(e).backgroundColor")
        other = page.locator("p#a1-p5").evaluate("e => getComputedStyle(e).backgroundColor")
        assert marked != other
    finally:
        context.close()


def test_articles_say_plainly_when_the_source_gives_no_date(page: Page, site_server: str):
    page.goto(site_server + "districts/fujian-xiamen-haicang/")
    meta = page.locator("dl.hb-meta").first.inner_text()
    assert "日期" in meta and "原文未注明" in meta


def test_a_glossary_term_is_marked_once_per_article_and_explains_itself_on_focus(page: Page, site_server: str):
    page.goto(site_server + "districts/henan-pingdingshan-weidong/")
    terms = page.locator("article a.hb-term")
    texts = terms.all_inner_texts()
    assert texts and len(texts) == len(set(texts))  # one article on this page: each term once
    first = terms.first
    first.focus()
    popover = first.evaluate("e => getComputedStyle(e, '::after').content")
    assert len(popover) > 10 and popover.strip('"') == first.get_attribute("data-definition")
    assert "/glossary/#" in first.get_attribute("href")


def _search(page: Page, site_server: str, query: str, path: str = "") -> list[str]:
    page.goto(site_server + path)
    return [t.replace("\u200b", "") for t in search(page, query).all_inner_texts()]


def test_numbers_are_searchable_and_articles_rank_before_the_notes_and_glossary(page: Page, site_server: str):
    found = _search(page, site_server, "1234")
    assert found and "湖里区" in found[0]
    ranked = _search(page, site_server, "网格")
    article = next(i for i, text in enumerate(ranked) if "区" in text.split()[0])
    apart = [i for i, text in enumerate(ranked) if text.startswith(("校勘记", "术语表"))]
    assert not apart or article < min(apart), ranked[:6]
    assert "湖里區" in _search(page, site_server, "1234", "zh-Hant/")[0]


@pytest.mark.parametrize(
    ("path", "query", "words"), [("", "党建引领", ("党建", "引领")), ("zh-Hant/", "黨建引領", ("黨建", "引領"))]
)
def test_a_two_word_query_ranks_entries_with_both_words_first_and_marks_each(page: Page, site_server: str, path, query, words):
    page.goto(site_server + path)
    items = search(page, query)
    first = [items.nth(i) for i in range(min(4, items.count()))]
    assert len(first) == 4
    for item in first:
        text = item.inner_text().replace("\u200b", "")
        assert all(w in text for w in words), text[:80]
        assert set(words) <= set(item.locator("mark").all_inner_texts()), text[:80]


def test_a_number_query_finds_articles_not_bare_theme_sections(page: Page, site_server: str):
    page.goto(site_server)
    items = search(page, "1234")
    links = [items.nth(i).locator("a").first.get_attribute("href") or "" for i in range(items.count())]
    assert links and not [href for href in links if "themes/" in href], links
