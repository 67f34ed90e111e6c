"""The glossary page: terms in Hanyu Pinyin order, each one's uses one article per line."""

from __future__ import annotations

import re

import pytest

from build_docs.render import USES_FOLDED, pinyin_order

from .helpers import SEEDS, build_from


@pytest.mark.parametrize(
    ("terms", "ordered"),
    [
        (["网格员", "包保", "城中村", "吹哨报到"], ["包保", "城中村", "吹哨报到", "网格员"]),
        (["两山", "雪亮工程", "一户一策"], ["两山", "雪亮工程", "一户一策"]),
        (["村改居", "城中村"], ["城中村", "村改居"]),  # cheng before cun
    ],
)
def test_terms_sort_by_pinyin(terms, ordered):
    assert sorted(terms, key=pinyin_order) == ordered


@pytest.fixture(scope="module")
def page():
    return str(build_from(SEEDS).files["glossary.md"])


def test_glossary_page_lists_its_terms_in_pinyin_order_and_says_so(page):
    headings = re.findall(r"^## (.+?) \{ #", page, re.M)
    assert len(headings) > 3
    assert headings == sorted(headings, key=pinyin_order)
    assert "按术语的汉语拼音排序" in page


def test_each_use_is_a_line_of_its_own_and_long_lists_are_folded(page):
    lists = re.findall(r'<ul class="hb-uses">(.*?)</ul>', page)
    assert lists
    for items in lists:
        assert items.count("<li>") == items.count("</li>") >= 1
        assert "；" not in re.sub(r"<[^>]+>", "", items).replace("·", "")  # no run-on separators
    for folded in re.findall(r'<details class="hb-uses-fold" data-search-exclude><summary>出现于 (\d+) 篇文章', page):
        assert int(folded) > USES_FOLDED
