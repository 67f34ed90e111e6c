"""Search that reads well: no ¶ or zero-width characters in either index, metadata fields apart."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_docs.mkdocs_hooks import WORD_BREAK, _splitting, index_metadata, readable

from .helpers import docs_project

MKDOCS = Path(sys.executable).parent / "mkdocs"
SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：“”‘’「」『』（）《》【】…—·]+"
# What a reader must never see in a result: the paragraph permalink's mark and invisible characters.
UNSEEN = ("¶", "\u200b", "\u2060")


@pytest.fixture(scope="module")
def indexes(tmp_path_factory) -> dict[str, list[dict]]:
    """Both scripts' search index entries, built from the seeds into a throwaway project."""
    work = tmp_path_factory.mktemp("clean")
    docs_project(work)
    env = {**os.environ, "HANDBOOK_CACHE_DIR": str(work / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    found = {}
    for config in ("mkdocs.yml", "mkdocs.zh-Hant.yml"):
        site = work / ("site-" + config.removesuffix(".yml"))
        run = subprocess.run(
            [str(MKDOCS), "build", "--strict", "-f", config, "-d", str(site)], cwd=work, capture_output=True, text=True, env=env
        )
        assert run.returncode == 0, run.stderr
        found[config] = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return found


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.zh-Hant.yml"])
def test_no_permalink_mark_or_zero_width_character_in_the_index(indexes, config: str):
    docs = indexes[config]
    assert docs
    for doc in docs:
        for field in ("title", "text"):
            assert not [c for c in UNSEEN if c in doc[field]], (doc["location"], field, doc[field][:200])
    # Still segmented: the word boundaries are there, as markup the tokenizer splits at.
    assert sum(WORD_BREAK in d["text"] for d in docs) > len(docs) / 2


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.zh-Hant.yml"])
def test_article_metadata_fields_are_separated(indexes, config: str):
    texts = [d["text"] for d in indexes[config] if "/#a" in d["location"] and re.search("日期[：:]", d["text"])]
    assert texts
    for text in texts:
        words = re.sub("<[^>]+>", "", text)
        assert re.match(r"(作者：[^；]+；)?地[区區]：[^；]+；日期：[^；]+；[来來]源：[^；<]+", words), words[:200]


def test_word_boundaries_stay_only_between_words():
    splits = _splitting(SEPARATOR)
    segmented = "\u200b本手册\u200b收录\u200b 8 \u200b个\u200b区县\u200b，\u200b按\u200b地区\u200b。</p> <p>\u200b下载\u200b(A)"
    assert readable(segmented, splits) == "本手册<wbr/>收录 8 个<wbr/>区县，按<wbr/>地区。</p> <p>下载<wbr/>(A)"
    # A character the separator does not split at keeps its boundary.
    assert readable("党建\u200b、\u200b引领", _splitting(r"\s+")) == "党建<wbr/>、<wbr/>引领"


def test_metadata_separators_are_for_the_index_only():
    html = '<dl class="hb-meta">\n<dt>作者</dt><dd>林</dd>\n<dt>地区</dt><dd>福建</dd>\n</dl>\n<p>正文</p>'
    assert (
        index_metadata(html)
        == '<dl class="hb-meta">\n<dt>作者</dt>：<dd>林</dd>；<dt>地区</dt>：<dd>福建</dd>\n</dl>\n<p>正文</p>'
    )
    assert index_metadata("<dl><dt>术语</dt><dd>解释</dd></dl>") == "<dl><dt>术语</dt><dd>解释</dd></dl>"
