"""The shortcuts through MkDocs' and Material's per-page work leave what they find as it was."""

from __future__ import annotations

import random
from types import SimpleNamespace

import markdown
import pytest
from material.plugins.search.plugin import Parser, SearchIndex
from mkdocs.config import load_config

from build_docs import shortcuts
from build_docs.shortcuts import anchor_tags_only, without_excluded

from .helpers import ROOT


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<p>a</p>\n<div class="hb-passage" data-search-exclude><p>b <a href="#x">c</a></p></div>\n<p>d</p>',
            "<p>a</p>\n<span></span>\n<p>d</p>",
        ),
        (
            '<p class="u" data-search-exclude="">x</p><pre data-search-exclude="data-search-exclude">y</pre>z',
            "<span></span><span></span>z",
        ),
        ("<pre data-search-exclude>a</pre>b<pre data-search-exclude>c</pre>d", "<span></span>b<span></span>d"),
        ("<p data-search-excluded>x</p>", "<p data-search-excluded>x</p>"),  # another attribute
        ('<p title="a data-search-exclude b">x</p>', '<p title="a data-search-exclude b">x</p>'),  # inside a value
        ("<p>nothing left out</p>", "<p>nothing left out</p>"),
    ],
)
def test_excluded_elements_are_replaced_by_an_empty_span(html: str, expected: str):
    assert without_excluded(html) == expected
    assert without_excluded(expected) == expected  # idempotent


@pytest.mark.parametrize(
    "html",
    [
        "<div data-search-exclude><div>x</div>y</div>z",  # Material's skip ends at the inner </div>
        "<div data-search-exclude><p>x</p>",  # never closed
        "<h2 id='s' data-search-exclude>S</h2><p>x</p><h3>no id</h3><p>y</p>",  # a heading without an id ends no section
        "<div data-search-exclude><h2 id='a'>x</h2></div>",  # a heading inside opens a section
        "<div data-search-exclude><!-- </div> --></div>y",  # a comment: the parser reads no tag in it
        "<script>var a = 1 < 2;</script><div data-search-exclude>x</div>",
    ],
)
def test_pages_the_cut_cannot_be_sure_of_are_left_whole(html: str):
    assert without_excluded(html) == html


@pytest.mark.parametrize(
    "html",
    [
        "<h1 id='t'>T</h1>\n<p>a</p>\n<div class='x' data-search-exclude><p>b</p></div>\n<p>c</p>",
        "<h2 id='s'>S</h2><p>a</p>  <div data-search-exclude>x</div>b",  # spaces kept apart from the text after
        "<p>a</p>\n\n<pre data-search-exclude>raw</pre>\n\n<p>b</p><ul><li>c</li></ul>",
        "<div><p>a</p><div data-search-exclude><p>x</p></div><p>b</p></div>",  # inside another element of its name
        "<h2 id='s'>S</h2><p class='u' data-search-exclude=''>x <a href='#'>y</a></p><p>z</p>",
        "<h2 id='s'>S</h2><p>definition</p>\n<p class='u' data-search-exclude=''>uses</p>\n",  # a glossary entry
        "<h2 id='s' data-search-exclude>S</h2><p>body</p>",  # an excluded heading drops its section
        "<h1 id='t'>T</h1><p>a</p><h2 id='x' data-search-exclude>X</h2><p>b</p><h2 id='y'>Y</h2><p>c</p>",
        "<h2 id='x' data-search-exclude=''>X</h2><div><p data-search-exclude>b</p></div><h2 id='y'>Y</h2>",  # nested
    ],
)
def test_materials_parser_finds_the_same_sections_in_literal_pages_with_the_cut(html: str):
    assert without_excluded(html) != html
    assert _sections(without_excluded(html)) == _sections(html)


def _sections(html: str) -> list[tuple[str, str | None, str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.id, "".join(s.title), "".join(s.text)) for s in parser.data if not s.is_excluded()]


def test_materials_parser_finds_the_same_sections_in_every_golden_page_with_the_cut():
    config = load_config(str(ROOT / "mkdocs.yml"))
    pages = sorted((ROOT / "tests" / "golden" / "docs").rglob("*.md"))
    cut = 0
    for page in pages:
        md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
        html = md.convert(page.read_text(encoding="utf-8").split("---\n", 2)[-1])
        assert _sections(without_excluded(html)) == _sections(html), page.name
        cut += without_excluded(html) != html
    assert cut >= 20  # the theme pages, the matrix, 校勘记 and the glossary have something to cut


def _toc(rng: random.Random, depth: int = 0) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(id=f"h{rng.randrange(12)}", children=_toc(rng, depth + 1) if depth < 2 and rng.random() < 0.4 else [])
        for _ in range(rng.randrange(1, 6))
    ]


def test_table_of_contents_lookups_return_materials_item():
    shortcuts.install_search(SearchIndex)
    index, original = SearchIndex(), SearchIndex._handbook_find_toc
    rng = random.Random(7)
    for _ in range(200):
        toc = _toc(rng)  # ids repeat, at every depth: the first in depth-first order wins
        for wanted in [f"h{i}" for i in range(13)] + [None]:
            assert index._find_toc_by_id(toc, wanted) is original(index, toc, wanted)


def _anchor_ids(source: str) -> set[str]:
    from mkdocs.structure.pages import _HTMLHandler  # the parser MkDocs' scan feeds

    parser = _HTMLHandler()
    parser.feed(source)
    parser.close()
    return parser.present_anchor_ids


@pytest.mark.parametrize(
    "source",
    [
        '<p data-source="s:1" id="a1-p1">text <a class="hb-term" href="../g/#x">t</a></p>\n<div class="x"><p>no id</p></div>',
        '<!-- <a id="in-comment"> --> <p id="after">x</p>',
        '<script>var s = \'<a id="in-script">\';</script><p id="p">x</p>',
        '<style>p[id=x] { color: red }</style><P ID="upper">x</P>',
        '<p data-id="not-an-id">x</p><a name="named">y</a><span name="span-name">z</span>',
        '<a title="a>b" id="after-quoted-gt">x</a><p id=unquoted>y</p><p id="a&amp;b">z</p>',
        '# Heading { #md-id }\n\nText with <b>bold</b> and `<code id="in-code">`.',
    ],
)
def test_the_anchor_scan_finds_the_same_ids_in_the_tags_it_keeps(source: str):
    assert _anchor_ids(anchor_tags_only(source)) == _anchor_ids(source)


def test_the_anchor_scan_finds_the_same_ids_in_every_golden_page():
    found = 0
    for page in sorted((ROOT / "tests" / "golden" / "docs").rglob("*.md")):
        source = page.read_text(encoding="utf-8")
        assert _anchor_ids(anchor_tags_only(source)) == _anchor_ids(source), page.name
        found += len(_anchor_ids(source))
    assert found > 100  # paragraph, caption and credit ids in raw HTML
