"""引用本文: GB/T 7714-2015 citations, RIS / BibTeX / CSL-JSON that real parsers read, Highwire tags on the pages."""

from __future__ import annotations

import json
import re

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from hypothesis import given, settings
from hypothesis import strategies as st

from build_docs import cite
from build_docs.kinds import CiteKind
from build_docs.records import Article, Block, District, Region, Source

from .helpers import SEEDS, build_from

REGION = Region(province="浙江省", city="湖州市", district="安吉县")
PAPERS = ("日报", "时报", "报")


def _article(**fields) -> Article:
    """An article written for the test, with what a seed could give."""
    values: dict = {
        "region": REGION,
        "title": "竹林深处的议事会",
        "kicker": "",
        "headline": Source(file="seeds/t.txt", start=1, end=3),
    }
    values["blocks"] = (Block(kind="para", text="正文。", source=Source(file="seeds/t.txt", start=5, end=5), ident="a1-p1"),)  # type: ignore[arg-type]
    values["ident"] = "a1"
    values.update(fields)
    return Article(**values)


def _district(*articles: Article) -> District:
    return District(region=REGION, slug="zhejiang-huzhou-anji", articles=articles)


def _ref(address: str = "", language: str = "zh-Hans", page: str = "", **fields) -> cite.Reference:
    article = _article(**fields)
    ref = cite.reference(_district(article), article, newspaper_suffixes=PAPERS, address=address, language=language)
    return ref if not page else cite.Reference(**{**ref.__dict__, "page": page})


def _text(ref: cite.Reference, accessed: str = "") -> str:
    return cite.gbt7714(ref).replace(cite.ACCESSED, accessed)


@pytest.mark.parametrize(
    ("fields", "page", "expected"),
    [
        # A paper with its date and page: 作者. 题名[N]. 报纸名, 出版日期(版次).
        (
            {"authors": ("王晓明", "李红"), "publisher": "浙江日报", "date": "2025-03-06"},
            "5",
            "王晓明, 李红. 竹林深处的议事会[N]. 浙江日报, 2025-03-06(5).",
        ),
        # The page unknown: left out, never guessed.
        (
            {"authors": ("王晓明",), "publisher": "浙江日报", "date": "2025-03-06"},
            "",
            "王晓明. 竹林深处的议事会[N]. 浙江日报, 2025-03-06.",
        ),
        # No date: the paper alone (a page without a date is not a place in the paper).
        ({"authors": ("王晓明",), "publisher": "浙江日报"}, "5", "王晓明. 竹林深处的议事会[N]. 浙江日报."),
        # No author: the title leads (GB/T 7714 §8.1.4, numbered references).
        ({"publisher": "学习时报", "date": "2024-11-20"}, "", "竹林深处的议事会[N]. 学习时报, 2024-11-20."),
        # More than three authors: three, then 等.
        (
            {"authors": ("甲一", "乙二", "丙三", "丁四"), "publisher": "浙江日报", "date": "2025-03-06"},
            "",
            "甲一, 乙二, 丙三, 等. 竹林深处的议事会[N]. 浙江日报, 2025-03-06.",
        ),
        # A subtitle after ': ', its dashes dropped.
        (
            {"authors": ("王晓明",), "subtitle": "——安吉县余村的基层治理", "publisher": "浙江日报", "date": "2025-03-06"},
            "",
            "王晓明. 竹林深处的议事会: 安吉县余村的基层治理[N]. 浙江日报, 2025-03-06.",
        ),
    ],
)
def test_newspaper_citation_has_only_the_fields_the_source_gives(fields, page, expected):
    ref = _ref(page=page, **fields)
    assert ref.kind is CiteKind.NEWSPAPER
    assert _text(ref, "[2026-01-02]") == expected


@pytest.mark.parametrize(
    ("fields", "address", "expected"),
    [
        # A web page with its site and date, on a published handbook: [EB/OL], the address, the access date.
        (
            {"authors": ("县委组织部",), "publisher": "安吉新闻网", "date": "2025-03-06", "time": "09:30"},
            "https://example.org/hb/",
            "县委组织部. 竹林深处的议事会[EB/OL]. 安吉新闻网, 2025(2025-03-06)[2026-01-02]. "
            "https://example.org/hb/districts/zhejiang-huzhou-anji/#a1.",
        ),
        # No site, no date, no address (a local build): what is known, and the access date.
        ({"authors": ("王晓明",)}, "", "王晓明. 竹林深处的议事会[EB/OL]. [2026-01-02]."),
        # A date without a site.
        ({"date": "2025-03-06"}, "", "竹林深处的议事会[EB/OL]. (2025-03-06)[2026-01-02]."),
        # A preview's loopback address is no published address.
        ({"publisher": "某某发布"}, "http://127.0.0.1:8000/", "竹林深处的议事会[EB/OL]. 某某发布[2026-01-02]."),
    ],
)
def test_online_citation_names_the_address_only_when_the_site_has_one(fields, address, expected):
    ref = _ref(address=cite.published_address(address), **fields)
    assert ref.kind is CiteKind.WEB
    assert _text(ref, "[2026-01-02]") == expected


def test_traditional_reference_names_the_traditional_build():
    ref = _ref(address="https://example.org/hb/", language="zh-Hant", publisher="某某网")
    assert ref.url == "https://example.org/hb/zh-Hant/districts/zhejiang-huzhou-anji/#a1" and ref.language == "zh-Hant"


# Text a seed could hold in a title or a name: Han, Latin, TeX and RIS specials, quotes, white space.
TEXT = st.text(
    alphabet=st.sampled_from(list("议事会党建网格ABc12 \t\\{}%&#$_^~\"'“”《》-=@:,.")), min_size=1, max_size=30
).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None)
@given(title=TEXT, authors=st.lists(TEXT, max_size=4), publisher=TEXT, paper=st.booleans())
def test_every_format_reads_back_with_a_real_parser(title, authors, publisher, paper):
    ref = _ref(
        address="https://example.org/hb/",
        title=title,
        authors=tuple(authors),
        publisher=publisher + ("日报" if paper else "网"),
        date="2025-03-06",
    )
    (entry,) = rispy.loads(cite.ris([ref]))
    assert entry["title"] == ref.title and entry.get("authors", []) == list(ref.authors)
    assert entry["type_of_reference"] == ("NEWS" if paper else "ELEC")
    library = bibtexparser.parse_string(cite.bibtex([ref]))
    assert not library.failed_blocks
    (bib,) = library.entries
    assert bib.key == ref.key and _untex(bib["title"]) == ref.title
    (item,) = json.loads(cite.csl_json([ref]))
    assert item["title"] == ref.title and [a["literal"] for a in item.get("author", [])] == list(ref.authors)


def _untex(text: str) -> str:
    """Undo cite.tex for the comparison (bibtexparser keeps the field as written)."""
    text = text.replace(r"\textbackslash{}", "\\").replace(r"\^{}", "^").replace(r"\~{}", "~")
    return re.sub(r"\\([{}%&#$_])", r"\1", text)


def test_csl_json_renders_with_citeproc():
    refs = [
        _ref(authors=("王晓明",), publisher="浙江日报", date="2025-03-06", page="5"),
        _ref(address="https://example.org/hb/", publisher="安吉新闻网", date="2025-03-07", ident="a2"),
    ]
    items = json.loads(cite.csl_json(refs))
    assert items[0]["type"] == "article-newspaper" and items[0]["container-title"] == "浙江日报" and items[0]["page"] == "5"
    assert items[1]["type"] == "webpage" and items[1]["URL"].endswith("#a2") and "author" not in items[1]
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    newspaper, web = (str(entry) for entry in bibliography.bibliography())
    assert "王晓明" in newspaper and "竹林深处的议事会" in newspaper and "浙江日报" in newspaper and "2025" in newspaper
    assert "安吉新闻网" in web and "https://example.org/hb/districts/zhejiang-huzhou-anji/#a2" in web


@pytest.fixture(scope="module")
def result():
    return build_from(SEEDS)


def test_every_district_and_the_handbook_offer_references_in_both_scripts(result):
    slugs = [d.slug for d in result.handbook.districts]
    for name in [*slugs, "handbook"]:
        for fmt in cite.DOWNLOAD_FORMATS:
            assert f"downloads/{name}.{fmt}" in result.files and f"downloads/{name}.{fmt}" in result.hant_files
    hans = rispy.loads(result.files["downloads/handbook.ris"])
    hant = rispy.loads(result.hant_files["downloads/handbook.ris"])
    assert len(hans) == len(hant) == sum(len(d.articles) for d in result.handbook.districts)
    # The Traditional references are converted like the pages (names protected) and say so.
    huli = next(e for e in hant if e["id"] == "fujian-xiamen-huli-a1")
    assert "湖里區" in huli["authors"][0] and huli["language"] == "zh-Hant"
    assert all(e["language"] == "zh-Hans" for e in hans)
    # Each district page links its own references.
    assert "(../downloads/fujian-xiamen-huli.ris)" in result.files["districts/fujian-xiamen-huli.md"]


def test_district_page_shows_each_articles_citation_with_a_copy_button(result):
    page = result.files["districts/fujian-xiamen-huli.md"]
    assert page.count('<div class="hb-cite" data-search-exclude>') == 2
    assert "中共厦门市湖里区委员会组织部. 党建“1234”引领建设“特色小镇”[EB/OL]. 人民网-中国共产党新闻网, 2019(2019-10-12)" in page
    assert '<button type="button" class="md-button hb-cite__copy" data-copied="已复制">复制引文</button>' in page
    hant = result.hant_files["districts/fujian-xiamen-huli.md"]
    assert "[EB/OL]. 人民網-中國共產黨新聞網, 2019(2019-10-12)" in hant and ">複製引文</button>" in hant


def test_single_article_page_carries_highwire_metadata_and_a_page_of_several_does_not(result):
    front = result.files["districts/fujian-xiamen-jimei.md"].split("---")[1]
    meta = json.loads(front.split("citation: ", 1)[1])
    assert meta == {"title": "基层党建为发展超越注入强劲动能", "authors": ["何东宁"], "date": "2021/04/19"}
    hant = json.loads(result.hant_files["districts/fujian-xiamen-jimei.md"].split("---")[1].split("citation: ", 1)[1])
    assert hant["title"] == "基層黨建為發展超越注入強勁動能"
    assert "citation:" not in result.files["districts/fujian-xiamen-huli.md"].split("---")[1]


def test_bibtex_escapes_tex_specials_so_they_print_as_typed():
    assert cite.tex(r"50%的{网格}_A&B#1$~^\ ") == r"50\%的\{网格\}\_A\&B\#1\$\~{}\^{}\textbackslash{} "


# -- the page (版次) a seed prints ------------------------------------------------------------------


def _seed_article(text: str) -> Article:
    from textwrap import dedent

    from .helpers import parse_text

    (article,) = parse_text(dedent(text).strip() + "\n").articles
    return article


@pytest.mark.parametrize(
    ("text", "page", "publisher"),
    [
        # An edition note after the byline.
        (
            """
            四川郫都区：川西林盘焕新颜
            本报记者  林  立  《人民日报》（2025年03月04日第 19 版）

            郫都区的林盘院落里，村民办起了民宿。
            """,
            "19",
            "人民日报",
        ),
        # A running head over the page: date, paper, page and its name.
        (
            """
            2025年3月4日  星期二  四川日报  第A3版  党建

            四川郫都区：川西林盘焕新颜

            本报记者  林  立

            郫都区的林盘院落里，村民办起了民宿。
            """,
            "A3",
            "四川日报",
        ),
        # A web page's fields: no page, none invented.
        (
            """
            四川郫都区：川西林盘焕新颜
            发布时间：2025-03-04 09:30  来源：郫都区融媒体中心

            郫都区的林盘院落里，村民办起了民宿。
            """,
            "",
            "郫都区融媒体中心",
        ),
    ],
)
def test_the_page_is_read_from_the_seed_and_cited(text, page, publisher):
    article = _seed_article(text)
    assert (article.page, article.publisher, article.date) == (page, publisher, "2025-03-04")
    district = District(region=article.region, slug="sichuan-chengdu-pidu", articles=(article,))
    ref = cite.reference(district, article, newspaper_suffixes=PAPERS)
    expected_tail = f"2025-03-04({page})." if page else "2025(2025-03-04)"
    assert expected_tail in cite.gbt7714(ref)
