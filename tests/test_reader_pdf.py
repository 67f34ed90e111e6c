"""The newspaper-PDF reader: pages typeset with WeasyPrint are read back into the lines of a clean copy."""

from __future__ import annotations

import functools
import io
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("weasyprint", reason="the PDF fixtures are typeset with WeasyPrint (pip install -e '.[pdf]')")
pytest.importorskip("pdfminer", reason="the PDF reader needs pdfminer.six (pip install -e .)")

from build_docs.errors import BuildError  # noqa: E402
from build_docs.kinds import EvidenceKind  # noqa: E402
from build_docs.readers.base import ReaderError  # noqa: E402
from build_docs.readers.pdf import load_furniture, marked_lines, read_pdf  # noqa: E402

from .helpers import assert_parses, parse_text  # noqa: E402
from .pdf_fixtures import (  # noqa: E402
    CORPUS,
    Jump,
    Layout,
    PdfArticle,
    corpus_article_pdf,
    corpus_truth,
    image_only_pdf,
    minimal_pdf,
    printed_article,
    typeset,
    variant_layout,
)

HAN_RE = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")

# --- the tests' own articles, in the shapes a county-level story takes on a newspaper page ---

BAMBOO = PdfArticle(
    kicker="浙江省安吉县——",
    title="竹林深处有新路",
    byline="本报记者  林  晓",
    date="2025-03-04",
    paragraphs=(
        "清晨的山村，竹林间薄雾未散，村党支部书记已经带着几名党员来到新修的竹材加工点，查看昨夜赶制的一批竹编订单。",
        "过去，村里的毛竹卖不上价，年轻人纷纷外出务工。如今，村里成立合作社，统一收购、统一加工、统一销售，去年村集体收入增长两成，带动八十多户村民在家门口就业。",
        "“家门口就能挣钱，谁还愿意往外跑？”返乡青年小周一边分拣竹片一边说。他把村里的竹编搬上了网络直播间，一场直播能卖出上千件。",
        "村党支部书记说，下一步将引进竹材深加工项目，让一根竹子“吃干榨净”，把绿水青山的生态优势转化为发展优势。",
    ),
)
GRID = PdfArticle(
    title="湖南省浏阳市：小网格撑起大服务",
    byline="本报记者  陈  松",
    date="2025-03-04",
    paragraphs=(
        "走进浏阳市一个老旧小区，网格员正挨家挨户登记居民需求：谁家老人需要助餐，哪栋楼的路灯坏了，一一记在本子上。",
        "全市把城乡社区划分为一千多个网格，每个网格配备专职网格员，小事不出网格、大事不出社区，去年共化解各类矛盾纠纷三千余件。",
        "“有事找网格员，比打电话还快。”一位居民笑着说。",
    ),
)
CORRIDOR = PdfArticle(
    kicker="江西省婺源县——",
    title="古村里的“议事长廊”",
    subtitle="——一个村庄的协商故事",
    byline="本报记者  程  岚",
    date="2025-05-20",
    headings=((2, "有事好商量"),),
    paragraphs=(
        "村口的廊桥下，几位老人和村干部围坐一圈，商量着修缮祠堂的事。这条长廊，村民们叫它“议事长廊”。",
        "以前村里办事，往往是村干部说了算，群众有意见也没处说。自从有了议事长廊，大事小情都摆到桌面上商量，村里的矛盾少了，办事效率高了。",
        "去年，村里要拓宽进村道路，涉及十几户人家的菜地。议事长廊连开三次会，大家算清了账、说通了理，没有一户提出异议，道路两个月就修通了。",
        "如今，议事长廊已在全县推广，成为基层协商民主的一块“金字招牌”。",
    ),
)


def head_lines(article: PdfArticle) -> list[str]:
    """Return an article's headline block as a clean copy gives it, one line each."""
    return [t for t in (article.kicker, article.title, article.subtitle, article.byline) if t]


def body_lines(article: PdfArticle) -> list[str]:
    """Return an article's body as a clean copy gives it: one line per paragraph or heading, blank-separated."""
    out: list[str] = []
    for i, text in enumerate(article.paragraphs):
        out += [h for at, h in article.headings if at == i] + [text]
    return [line for text in out for line in (text, "")][:-1]


def page_lines(head: str, *articles: PdfArticle) -> list[str]:
    """Return a page's lines as a clean copy gives them: its running head, then each article whole."""
    out = [head]
    for article in articles:
        out += ["", *head_lines(article), "", *body_lines(article)]
    return out


@functools.cache
def han(text: str) -> Counter[str]:
    """Count the Han characters of a text."""
    return Counter(HAN_RE.findall(text))


def assert_conserved(data: bytes, got) -> None:
    """Check that every Han character the PDF prints is in the lines or in what was dropped, and nothing more."""
    from pdfminer.high_level import extract_text

    printed = han(extract_text(io.BytesIO(data)))
    kept = han("".join(got.lines)) + han("".join(d.text for d in got.dropped))
    assert kept == printed, (printed - kept, kept - printed)


def pdf_of(articles: tuple[PdfArticle, ...], layout: Layout) -> bytes:
    """Typeset once per session (WeasyPrint takes a fraction of a second a page)."""
    return typeset(articles, layout=layout)


@functools.cache
def read_of(articles: tuple[PdfArticle, ...], layout: Layout):
    return read_pdf(pdf_of(articles, layout), "page.pdf")


# --- literal pages: exact lines ---


def test_two_column_page_reads_as_the_clean_copy_with_the_running_heads_date_first():
    got = read_of((BAMBOO,), Layout(columns=2))
    assert list(got.lines) == ["2025年3月4日  星期二", "", *head_lines(BAMBOO), "", *body_lines(BAMBOO)]
    assert set(got.places) == {"p1"}
    assert got.reader.startswith("pdf (pdfminer.six ")


def test_three_column_page_with_subtitle_and_section_heading_reads_in_column_order():
    got = read_of((CORRIDOR,), Layout(columns=3))
    assert list(got.lines) == ["2025年5月20日  星期二", "", *head_lines(CORRIDOR), "", *body_lines(CORRIDOR)]
    heading = got.lines.index("有事好商量")
    assert any(h.line == heading and h.kind is EvidenceKind.HEADING for h in got.hints)


def test_short_headline_set_left_over_two_columns_is_still_read_before_them():
    got = read_of((GRID,), Layout(columns=2, head_align="left"))
    assert list(got.lines) == ["2025年3月4日  星期二", "", *head_lines(GRID), "", *body_lines(GRID)]


def test_article_in_a_narrow_column_of_its_own_is_read_after_the_main_one_with_its_headline():
    got = read_of((BAMBOO,), Layout(columns=2, aside=GRID))
    assert list(got.lines) == page_lines("2025年3月4日  星期二", BAMBOO, GRID)
    assert [got.lines[h.line] for h in got.hints if h.kind is EvidenceKind.TITLE and h.detail.startswith("title")] == [
        BAMBOO.title,
        GRID.title,
    ]


def test_running_head_and_page_number_are_dropped_and_listed_with_their_page():
    got = read_of((BAMBOO,), Layout(columns=2, first_page=7, section="基层"))
    assert [(d.place, d.text, d.why) for d in got.dropped] == [
        ("p1", "新闻日报  第7版  基层", "页眉"),
        ("p1", "7", "页码"),
    ]
    assert not any("新闻日报" in line or "第7版" in line or line == "7" for line in got.lines)
    assert {(h.kind, h.detail) for h in got.hints if h.line == 0} == {
        (EvidenceKind.DATE, "running head 2025-03-04"),
        (EvidenceKind.PUBLISHER, "新闻日报"),
    }


def test_page_foot_with_the_editors_beside_the_page_number_is_dropped_piece_by_piece():
    got = read_of((GRID,), Layout(columns=3, first_page=2, foot_editors="本版责编：张  三  李  四"))
    assert list(got.lines) == ["2025年3月4日  星期二", "", *head_lines(GRID), "", *body_lines(GRID)]
    assert [(d.text, d.why) for d in got.dropped] == [
        ("新闻日报  第2版  要闻", "页眉"),
        ("本版责编：张  三  李  四", "页脚"),
        ("2", "页码"),
    ]


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("running_head", "某某日报  2025年2月11日  星期二  第4版  要闻"),
        ("running_head", "第A3版：综合新闻"),
        ("running_head", "2025年2月11日 星期二"),
        ("page_number", "- 12 -"),
        ("page_number", "第4版"),
        ("page_foot", "本版责编：王  一  刘二  本版美编：赵三"),
        ("continued_to", "（下转第4版）"),
        ("continued_to", "(转第12版)"),
        ("continued_from", "（上接第1版）"),
        ("continued_from", "（接第A2版）"),
    ],
)
def test_furniture_patterns_take_the_lines_papers_print(key, text):
    from build_docs.readers.pdf import furniture

    assert furniture()[key].pattern.match(text)


@pytest.mark.parametrize(
    "text",
    ["竹林深处有新路", "本报记者  林  晓", "2024年，全县新建农家书屋12个。", "（下转）", "第一书记带头干"],
)
def test_furniture_patterns_leave_article_lines_alone(text):
    from build_docs.readers.pdf import furniture

    assert not any(entry.pattern.match(text) for entry in furniture().values())


def test_paragraph_cut_by_a_jump_is_joined_to_its_tail_on_the_later_page():
    layout = Layout(columns=2, first_page=4, jump=Jump(article=0, paragraph=1, at=30))
    got = read_of((BAMBOO,), layout)
    assert list(got.lines) == ["2025年3月4日  星期二", "", *head_lines(BAMBOO), "", *body_lines(BAMBOO)]
    assert [(d.place, d.text, d.why) for d in got.dropped if d.why == "转版提示"] == [
        ("p1", "（下转第5版）", "转版提示"),
        ("p2", "（上接第4版）", "转版提示"),
    ]
    assert_conserved(pdf_of((BAMBOO,), layout), got)
    cut = got.lines.index(BAMBOO.paragraphs[1])
    assert got.places[cut] == "p1"  # a joined paragraph is placed where it starts
    assert got.places[got.lines.index(BAMBOO.paragraphs[2])] == "p2"


def test_jump_of_the_second_article_is_matched_by_the_printed_page_numbers():
    # The file's pages are 第2版 and 第3版: the notes name those, not the pages' places in the file.
    got = read_of((BAMBOO, GRID), Layout(columns=2, per_page=2, first_page=2, jump=Jump(article=1, paragraph=1, at=20)))
    assert list(got.lines) == page_lines("2025年3月4日  星期二", BAMBOO, GRID)
    assert [(d.place, d.text) for d in got.dropped if d.why == "转版提示"] == [("p1", "（下转第3版）"), ("p2", "（上接第2版）")]


def test_jumped_article_is_read_whole_before_the_article_beside_its_start():
    layout = Layout(columns=3, per_page=2, jump=Jump(article=0, paragraph=2))
    got = read_of((BAMBOO, GRID), layout)
    assert_conserved(pdf_of((BAMBOO, GRID), layout), got)
    assert list(got.lines) == page_lines("2025年3月4日  星期二", BAMBOO, GRID)


def test_two_articles_on_one_page_are_separated_by_their_headline_sizes():
    got = read_of((BAMBOO, GRID), Layout(columns=2, per_page=2))
    titles = [(got.lines[h.line], h.detail) for h in got.hints if h.kind is EvidenceKind.TITLE]
    assert titles == [
        ("浙江省安吉县——", "kicker, font 14.0pt"),
        ("竹林深处有新路", "title, font 24.0pt"),
        ("湖南省浏阳市：小网格撑起大服务", "title, font 24.0pt"),
    ]
    second = got.lines.index(GRID.title)
    assert got.lines[second - 1] == ""  # a blank line between the articles


def test_marked_lines_write_the_headline_hints_as_markdown_marks():
    got = read_of((BAMBOO, GRID), Layout(columns=2, per_page=2))
    marked = marked_lines(got)
    assert "## 浙江省安吉县——" in marked and "# 竹林深处有新路" in marked and "# 湖南省浏阳市：小网格撑起大服务" in marked
    assert len(marked) == len(got.lines)


# --- end to end: the lines recovered by the existing engine ---


def _fields(article: PdfArticle, region: str, authors: list[str]) -> dict:
    return {
        "region": region,
        "title": article.title.split("：")[-1],
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "authors": authors,
        "role": article.byline.partition("  ")[0],
        "date": article.date,
        "blocks": [
            ("heading" if text in dict(article.headings).values() else "paragraph", text) for text in body_lines(article) if text
        ],
    }


def test_two_articles_and_a_jump_are_recovered_exactly_by_the_engine():
    got = read_of((BAMBOO, GRID), Layout(columns=3, per_page=2, jump=Jump(article=0, paragraph=2)))
    assert_parses(
        "\n".join(marked_lines(got)),
        [_fields(BAMBOO, "浙江省/湖州市/安吉县", ["林晓"]), _fields(GRID, "湖南省/长沙市/浏阳市", ["陈松"])],
    )


def test_three_column_article_with_subtitle_is_recovered_exactly_by_the_engine():
    got = read_of((CORRIDOR,), Layout(columns=3))
    assert_parses("\n".join(marked_lines(got)), [_fields(CORRIDOR, "江西省/上饶市/婺源县", ["程岚"])])


def test_a_page_pdf_written_as_a_seed_builds_strictly_with_every_character_accounted(tmp_path: Path):
    from .helpers import articles_of, build_from

    got = read_of((BAMBOO, GRID), Layout(columns=2, per_page=2, jump=Jump(article=0, paragraph=1)))
    (tmp_path / "page.txt").write_text("\n".join(marked_lines(got)) + "\n", encoding="utf-8")
    result = build_from(tmp_path)  # strict: a Han character neither published nor listed fails the build
    assert sorted(a.title for a in articles_of(result)) == sorted([BAMBOO.title, "小网格撑起大服务"])


def test_a_bold_face_faked_by_printing_each_glyph_twice_in_place_reads_once():
    twice = b"BT /F1 12 Tf 40 100 Td (Village news 2025) Tj ET " * 2
    got = read_pdf(minimal_pdf(twice), "bold.pdf")
    assert got.lines == ("Village news 2025",) and got.places == ("p1",)


# --- files that cannot be read ---


def test_scanned_page_without_a_text_layer_is_refused_with_the_ocr_advice():
    with pytest.raises(ReaderError) as refused:
        read_pdf(image_only_pdf(), "scan.pdf")
    assert refused.value.message == "no text layer; scanned pages need OCR first"
    assert "OCR" in refused.value.fix


def test_a_scanned_page_among_text_pages_is_listed_not_passed_over():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in (pdf_of((BAMBOO,), Layout(columns=2)), image_only_pdf()):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    got = read_pdf(out.getvalue(), "mixed.pdf")
    assert got.lines == read_of((BAMBOO,), Layout(columns=2)).lines
    assert [(d.place, d.text, d.why) for d in got.dropped][-1] == ("p2", "", "扫描页：无文字层，需先做文字识别")


@pytest.mark.parametrize(
    "data",
    [b"", b"%PDF-1.7\n garbage that is not a PDF body", b"<html>saved as .pdf by mistake</html>"],
    ids=["empty", "header-only", "html-named-pdf"],
)
def test_bytes_that_are_not_a_pdf_are_refused_clearly(data):
    with pytest.raises(ReaderError) as refused:
        read_pdf(data, "bad.pdf")
    assert refused.value.message.startswith("not a readable PDF (")
    assert refused.value.fix


def test_truncated_pdf_is_refused_or_read_without_inventing_text():
    whole = pdf_of((BAMBOO,), Layout(columns=2))
    try:
        got = read_pdf(whole[: len(whole) // 2], "cut.pdf")
    except ReaderError as refused:
        assert refused.message.startswith(("not a readable PDF (", "no text layer"))
    else:
        assert set("".join(got.lines)) <= set("".join(body_lines(BAMBOO) + head_lines(BAMBOO)) + "2025年3月4日 星期二")


def test_furniture_file_missing_a_key_is_refused_naming_the_file(tmp_path: Path):
    bad = tmp_path / "pdf_furniture.yml"
    bad.write_text("running_head:\n  pattern: '^x$'\n  description: 页眉\n", encoding="utf-8")
    with pytest.raises(BuildError) as refused:
        load_furniture(bad)
    assert str(bad) in str(refused.value) and "missing page_number" in str(refused.value)


# --- property: any short article in two or three columns comes back paragraph for paragraph ---

# Clauses of Han words, as prose has them: punctuation never piles up (a run of '、' cannot be broken into lines).
# A paragraph of two printed lines at least: in a first column made only of one-line paragraphs no line shows
# the column's edge, so no indent can be seen (a limitation the README states).
CLAUSE = st.text(alphabet="村民党员干部群众服务发展产业社区治理乡镇振兴建设合作组织生态文化", min_size=6, max_size=12)
PARAGRAPH = st.lists(CLAUSE, min_size=6, max_size=10).map(lambda clauses: "基层" + "，".join(clauses) + "。")


@settings(max_examples=5, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(PARAGRAPH, min_size=2, max_size=5), columns=st.sampled_from([2, 3]))
def test_any_article_comes_back_paragraph_for_paragraph(paragraphs, columns):
    article = PdfArticle(title="村里的新变化", byline="本报记者  王  林", date="2025-01-07", paragraphs=tuple(paragraphs))
    data = typeset([article], layout=Layout(columns=columns))
    got = read_pdf(data, "p.pdf")
    assert_conserved(data, got)
    assert list(got.lines) == ["2025年1月7日  星期二", "", *head_lines(article), "", *body_lines(article)]


# --- the development corpus, read at test time ---

needs_corpus = pytest.mark.skipif(
    corpus_truth() is None,
    reason=f"development corpus not found at {CORPUS} (only present beside the project's own checkout)",
)


def _recovered(truth: dict, lines: tuple[str, ...]) -> list[str]:
    """Return what differs between a truth article and the one recovered from lines ([] when exact)."""
    from build_docs.export import article_fields

    recovered = parse_text("\n".join(lines), "seeds/page.txt")
    found = [a for a in recovered.articles if a.region.district == truth["region"]["district"]]
    if recovered.problems or len(found) != 1:
        return [f"{truth['id']}: problems {[str(p) for p in recovered.problems]}, {len(found)} articles found"]
    got = article_fields(found[0])
    blocks = {k: [b["text"] for b in got["blocks"] if b["kind"] in kinds] for k, kinds in (
        ("paragraphs", ("paragraph",)), ("headings", ("heading",)), ("captions", ("caption", "credit")))}  # fmt: skip
    want = {
        "paragraphs": truth["paragraphs"],
        "headings": truth["headings"],
        "captions": truth["captions"] + truth["credits"],
    }
    differs = [f"{truth['id']}: {k} {got[k]!r} != {truth[k]!r}" for k in ("title", "kicker", "subtitle", "authors", "role", "date")
               if (got[k] if k == "authors" else got[k].replace(" ", "")) != (truth[k] if k == "authors" else truth[k].replace(" ", ""))]  # fmt: skip
    region = got["region"]
    if (region["province"], region["city"], region["district"]) != tuple(truth["region"].values()):
        differs.append(f"{truth['id']}: region {region}")
    for k, texts in want.items():
        if [t.replace(" ", "") for t in blocks[k]] != [t.replace(" ", "") for t in texts]:
            differs.append(f"{truth['id']}: {k} differ")
    return differs


@pytest.mark.slow
@needs_corpus
def test_every_corpus_article_typeset_in_a_variant_is_recovered_exactly():
    truth = corpus_truth()
    assert truth is not None
    started = time.monotonic()
    differs = []
    for variant, article in enumerate(truth["articles"]):
        data = corpus_article_pdf(article, variant)
        got = read_pdf(data, f"{article['id']}.pdf")
        assert_conserved(data, got)
        differs += _recovered(article, marked_lines(got))
    exact = len(truth["articles"]) - len({d.split(":")[0] for d in differs})
    print(f"pdf: {exact} of {len(truth['articles'])} corpus articles exact in {time.monotonic() - started:.1f} s")
    assert not differs, differs


@pytest.mark.slow
@needs_corpus
def test_corpus_articles_of_one_date_share_a_page_and_are_each_recovered_exactly():
    truth = corpus_truth()
    assert truth is not None
    by_date: dict[str, list[dict]] = {}
    for article in truth["articles"]:
        by_date.setdefault(article["date"], []).append(article)
    pairs = [group[:2] for group in by_date.values() if len(group) >= 2]
    assert pairs, "the corpus has no two articles of one date"
    differs = []
    for variant, pair in enumerate(pairs):
        base = variant_layout(variant, 2)
        layout = Layout(columns=base.columns, per_page=2, first_page=base.first_page,
                        jump=Jump(article=0, paragraph=len(pair[0]["paragraphs"]) // 2) if base.jump else None)  # fmt: skip
        got = read_pdf(typeset([printed_article(a) for a in pair], layout=layout), "pair.pdf")
        for article in pair:
            differs += _recovered(article, marked_lines(got))
    assert not differs, differs
