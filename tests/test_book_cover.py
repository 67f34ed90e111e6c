"""The book's cover names its sources as the articles give them (no PDF library needed)."""

from __future__ import annotations

import re

from build_docs.pdf import book_html

from .helpers import SEEDS, build_from


def test_cover_counts_each_source_and_the_articles_that_name_none():
    result = build_from(SEEDS)
    articles = [a for d in result.handbook.districts for a in d.articles]
    named = [a for a in articles if a.publisher]
    assert named and len(named) < len(articles)  # the seeds: one source named, the rest none
    for lang, unnamed in (("zh-Hans", "原文未注明来源"), ("zh-Hant", "原文未註明來源")):
        cover = re.search(r"<p>(?:来源|來源)：(.*?)</p>", book_html(result, lang))
        assert cover, lang
        text = re.sub(r"<[^>]+>", "", cover.group(1))  # compressed punctuation is wrapped in spans
        assert f"（{len(named)} 篇）" in text
        assert f"另 {len(articles) - len(named)} 篇{unnamed}" in text
