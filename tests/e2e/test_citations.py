"""引用本文 on the built site: Highwire tags a reference manager reads, the citation block and its copy button."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


class _Meta(HTMLParser):
    """Collect a page's <meta name="citation_…"> tags in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "meta" and (found.get("name") or "").startswith("citation_"):
            self.tags.append((found["name"], found.get("content") or ""))


def _citation_meta(path: Path) -> list[tuple[str, str]]:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        (
            "",
            [
                ("citation_title", "基层党建为发展超越注入强劲动能"),
                ("citation_author", "何东宁"),
                ("citation_publication_date", "2021/04/19"),
                ("citation_language", "zh-Hans"),
            ],
        ),
        (
            "zh-Hant/",
            [
                ("citation_title", "基層黨建為發展超越注入強勁動能"),
                ("citation_author", "何東寧"),
                ("citation_publication_date", "2021/04/19"),
                ("citation_language", "zh-Hant"),
            ],
        ),
    ],
)
def test_a_district_page_of_one_article_carries_its_highwire_tags(site_dir: Path, prefix: str, expected):
    assert _citation_meta(site_dir / prefix / "districts" / "fujian-xiamen-jimei" / "index.html") == expected


def test_a_page_naming_its_publisher_says_so_and_a_page_of_several_articles_carries_no_tags(site_dir: Path):
    assert _citation_meta(site_dir / "districts" / "fujian-xiamen-huli" / "index.html") == []
    for page in (site_dir / "districts").glob("*/index.html"):
        tags = dict(_citation_meta(page))
        assert not tags or (tags["citation_title"] and tags["citation_language"] == "zh-Hans"), page


def test_the_citation_shows_todays_access_date_and_its_button_copies_it(browser: Browser, site_server: str):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], service_workers="block")
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(site_server + "zh-Hant/districts/fujian-xiamen-huli/")
        block = page.locator("#a1-cite")
        text = block.inner_text()
        assert text.startswith(
            "中共廈門市湖里區委員會組織部. 黨建「1234」引領建設「特色小鎮」[EB/OL]. 人民網-中國共產黨新聞網, 2019(2019-10-12)"
        )
        assert f"[{date.today().isoformat()}]" in text
        button = page.locator(".hb-cite", has=block).locator("button.hb-cite__copy")
        assert button.inner_text() == "複製引文"
        button.click()
        page.wait_for_function("document.querySelector('.hb-cite__copy').textContent === '已複製'")
        assert page.evaluate("navigator.clipboard.readText()") == block.text_content()
        links = page.locator(".hb-cite-downloads a").all()
        assert [a.inner_text() for a in links] == ["RIS", "BibTeX", "CSL-JSON"]
    finally:
        context.close()


def test_citations_stay_out_of_the_search_index(site_dir: Path):
    # A search for a title finds the article, not its citation block as well.
    for prefix in ("", "zh-Hant/"):
        index = (site_dir / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
        assert "[EB/OL]" not in index and "hb-cite" not in index
