"""The book's apparatus: a contents page only when it lists enough to earn one, and a theme index
whose entries are parted (no PDF library needed)."""

from __future__ import annotations

import re
from textwrap import dedent

import pytest

from build_docs.pdf import CONTENTS_MIN_ARTICLES, book_html

from .helpers import SEEDS, build_from

ARTICLE = """\
人民日报 2021年4月19日 星期一

# 福建省厦门市湖里区：小区治理有新招

福建省厦门市湖里区委书记 张三

湖里区坚持党建引领，推动小区治理走深走实，群众的获得感、幸福感不断提升。全区各级党组织把服务送到居民家门口，解决了一批群众的难题。

全区建立小区党支部三百余个，推行“小区吹哨、部门报到”机制。各社区依托党群服务中心，组织在职党员回社区报到，认领服务项目。
"""


@pytest.fixture(scope="module")
def seeds_result():
    return build_from(SEEDS)


def _has_contents(html: str) -> bool:
    """Tell whether the book HTML has a contents page."""
    return '<nav class="toc">' in html


def test_a_book_of_one_short_article_has_no_contents_page(tmp_path):
    (tmp_path / "t.txt").write_text(dedent(ARTICLE), encoding="utf-8")
    result = build_from(tmp_path)
    (district,) = result.handbook.districts
    assert len(district.articles) == 1
    for lang in ("zh-Hans", "zh-Hant"):
        assert not _has_contents(book_html(result, lang))  # the whole book: one district, one article
        assert not _has_contents(book_html(result, lang, [district]))


def test_contents_page_only_for_several_districts_or_enough_articles(seeds_result):
    districts = seeds_result.handbook.districts
    assert len(districts) > 1 and _has_contents(book_html(seeds_result, "zh-Hans"))
    for district in districts:
        booklet = book_html(seeds_result, "zh-Hans", [district])
        assert _has_contents(booklet) == (len(district.articles) >= CONTENTS_MIN_ARTICLES), district.slug
    assert any(len(d.articles) == 2 for d in districts)  # the seeds: a booklet of two articles has none


def test_theme_index_entries_are_parted_by_a_semicolon_outside_the_unbreakable_entry(seeds_result):
    for lang in ("zh-Hans", "zh-Hant"):
        html = book_html(seeds_result, lang)
        index = html[html.index('id="themes"') : html.index('id="glossary"')]
        rows = re.findall(r'<td class="pages">(.*?)</td>', index)
        assert rows
        for row in rows:
            entries = re.findall(r'<span class="nowrap"><a href="#[^"]+">[^<]+（\d+）</a></span>', row)
            assert entries, row
            # n entries, n - 1 separators, each right after an entry and none at the end.
            assert row == "；".join(entries), row
