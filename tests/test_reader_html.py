"""Saved web pages: text blocks, the article's run of them, the furniture listed, every shape recovered exactly."""

from __future__ import annotations

import json

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import formats
from build_docs.build import BuildConfig, generate
from build_docs.kinds import EvidenceKind, NoteKind
from build_docs.readers.base import ReaderError
from build_docs.readers.html import decode, read_html, text_blocks

from .layouts import ITEMS, compare, corpus_articles

GOOD = ITEMS[0]


@pytest.mark.parametrize(
    ("page", "blocks"),
    [
        (
            '<html><head><title>议事会_某县人民政府</title><script>var a = "不显示";</script></head><body>'
            '<div class="nav">首页 <a href="#">新闻中心</a></div><h1>竹林深处议事会</h1>'
            "<div>发布时间：2026-04-02<br>来源：某县融媒体中心</div>"
            "<p>　　第一段<b>加粗</b>文字。\n  接着写。</p><!-- 注释 --><ul><li>上一篇</li><li>下一篇</li></ul></body></html>",
            ["首页 新闻中心", "竹林深处议事会", "发布时间：2026-04-02", "来源：某县融媒体中心", "　　第一段加粗文字。 接着写。", "上一篇", "下一篇"],
        ),
        ("<html><body><div>甲<div>乙</div>丙</div></body></html>", ["甲", "乙", "丙"]),
        ("<html><body><p>&nbsp;&nbsp;缩进&lt;b&gt;</p><noscript>开启脚本</noscript></body></html>", ["\xa0\xa0缩进<b>"]),
    ],
)
def test_a_page_is_cut_into_its_visible_text_blocks_in_page_order(page, blocks):
    assert [b.text for b in text_blocks(lxml.html.document_fromstring(page))] == blocks


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ('<meta charset="gb2312"><p>党群议事会</p>'.encode("gb18030"), '<meta charset="gb2312"><p>党群议事会</p>'),
        ("<p>党群议事会</p>".encode("gb18030"), "<p>党群议事会</p>"),
        (b"\xef\xbb\xbf<p>\xe8\xae\xae</p>", "<p>议</p>"),
    ],
)
def test_a_page_is_decoded_by_its_declared_charset_else_utf8_or_gb18030(data, text):
    assert decode(data) == text


def test_a_government_page_gives_the_article_from_its_title_and_drops_the_sites_furniture():
    page, _ = formats.gov_page(GOOD)
    got = read_html(page.encode("utf-8"), "seeds/gov.html")
    assert got.lines[0] == GOOD.title
    assert got.lines[1].startswith("发布时间：2026-04-02 09:15")
    assert GOOD.paragraphs[-1] in got.lines[-1]
    assert all(p.startswith("#p") for p in got.places)
    dropped = {d.text: d.why for d in got.dropped}
    assert dropped["当前位置：首页 > 新闻中心 > 乡镇动态"] == "网页页头、导航"
    assert dropped["备案号：某ICP备12345678号-1\u3000网站标识码：5100000001"] == "网页页尾、相关链接"
    assert "【打印本页】\xa0\xa0【关闭窗口】" in dropped
    hints = {(h.line, h.kind) for h in got.hints}
    assert (0, EvidenceKind.TITLE) in hints and (0, EvidenceKind.DATE) in hints


def test_a_kicker_over_the_title_is_stated_as_the_headline_block_the_engine_reads():
    page, _ = formats.portal_page(GOOD)
    got = read_html(page.encode("utf-8"), "seeds/portal.html")
    assert got.lines[:2] == (f"## {GOOD.kicker}", f"# {GOOD.title}")


def test_a_page_without_text_is_a_clear_error():
    with pytest.raises(ReaderError, match="no text in the page"):
        read_html(b"<html><body><img src='scan.png'></body></html>", "seeds/x.html")


@pytest.fixture(scope="module")
def own_pages(tmp_path_factory):
    """Every own article in every page shape, built as one lenient seeds folder."""
    files, expected = [], {}
    for art in ITEMS:
        for shape, write in formats.PAGES.items():
            page, want = write(art)
            name = f"{art.id}-{shape}.html"
            files.append((name, page.encode("utf-8")))
            expected[name] = want
    by_file, records = formats.build(tmp_path_factory.mktemp("pages"), files)
    return expected, by_file, records


def test_every_own_article_in_every_page_shape_is_recovered_exactly(own_pages):
    expected, by_file, records = own_pages
    failures = {name: compare([want], by_file.get(name, [])) for name, want in expected.items()}
    assert {k: v for k, v in failures.items() if v} == {}
    assert records.handbook.problems == ()


def test_the_furniture_of_every_page_is_listed_as_removed_boilerplate(own_pages):
    _, _, records = own_pages
    listed = [n for n in records.handbook.notes if n.kind is NoteKind.BOILERPLATE and n.source.file.endswith("-gov.html")]
    texts = {n.text for n in listed}
    assert "网站地图 | 联系我们 | 隐私声明" in texts
    assert any(n.message == "网页页头、导航（#p1）" for n in listed)


@pytest.mark.slow
def test_every_corpus_article_as_a_page_is_recovered_exactly():
    articles = corpus_articles()
    if not articles:
        pytest.skip("development corpus not found at ../shared/corpus (truth.json): nothing to recover")
    rows = formats.run(articles, only=("html",))["rows"]["html"]
    assert rows["failures"] == []
    assert rows["exact"] == len(articles)


def test_a_pages_places_reach_the_records_and_the_pages_data_source(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    page, _ = formats.gov_page(GOOD)
    (seeds / "gov.html").write_text(page, encoding="utf-8")
    result = generate(BuildConfig(seeds=seeds, shown_as="seeds", cache_dir=tmp_path / "cache", corrections=tmp_path / "no.yml"))
    records = json.loads(result.files["records.json"])
    (article,) = records["articles"]
    assert article["blocks"][0]["source"] == "seeds/gov.html:#p10"
    district = next(text for path, text in result.files.items() if path.startswith("districts/"))
    assert 'data-source="seeds/gov.html:#p10"' in str(district)
    assert "备案号：某ICP备12345678号-1" in str(result.files["notes.md"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="党群议事会村民竹林，。“”、0123456789", min_size=1, max_size=30), min_size=1, max_size=6))
def test_paragraphs_set_in_a_page_come_back_as_its_blocks(paragraphs):
    stripped = [p for p in paragraphs if p.strip()]
    page = "<html><body><div id='zoom'>" + "".join(f"<p>{p}</p>" for p in stripped) + "</div></body></html>"
    assert [b.text for b in text_blocks(lxml.html.document_fromstring(page))] == stripped
