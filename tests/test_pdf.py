"""The book PDFs made by `make pdf`: fonts, text layer, outline, table of contents, no blank pages."""

from __future__ import annotations

import re
import subprocess
from collections import Counter

import pytest
from pypdf import PdfReader

from build_docs.build import BuildConfig, generate
from build_docs.convert import quotes
from build_docs.pdf import CONTENTS_MIN_ARTICLES, book_html

from .helpers import ROOT, SEEDS, build_from

PDF_DIR = ROOT / "pdf"
RADICALS = re.compile("[\u2e80-\u2fdf]")
SCRIPTS = {"zh-Hans": "SC", "zh-Hant": "TC"}


@pytest.fixture(scope="module")
def result():
    return build_from(SEEDS)


def _book(lang: str) -> PdfReader:
    path = PDF_DIR / f"handbook-{lang}.pdf"
    assert path.is_file(), f"{path} missing: run `make pdf` (make test does)"
    return PdfReader(path)


def _district_names(result, lang):
    names = [d.region.district for d in result.handbook.districts]
    return [result.converter.convert(n) for n in names] if lang == "zh-Hant" else names


@pytest.mark.parametrize("lang", SCRIPTS)
def test_every_font_is_embedded_and_of_the_scripts_regional_face(lang):
    out = subprocess.run(["pdffonts", str(PDF_DIR / f"handbook-{lang}.pdf")], capture_output=True, text=True, check=True).stdout
    rows = [line for line in out.splitlines()[2:] if line.strip()]
    assert rows
    for row in rows:
        emb = row.split()[-5]
        assert emb == "yes", f"font not embedded: {row}"
        assert f"CJK-{SCRIPTS[lang]}" in row, f"{lang} book uses another face: {row}"


@pytest.mark.parametrize("lang", SCRIPTS)
def test_text_layer_has_every_title_and_body_in_the_right_script(result, lang):
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in _book(lang).pages))
    assert not RADICALS.search(text), "radical code points stand in for ordinary characters"
    for district in result.handbook.districts:
        for article in district.articles:
            title = re.sub(r"\s+", "", article.title)
            sample = next(b.text for b in article.blocks if b.kind == "para")[:20]
            if lang == "zh-Hant":
                title, sample = quotes(result.converter.convert(title)), quotes(result.converter.convert(sample))
            assert title in text and re.sub(r"\s+", "", sample) in text, (lang, title)
    if lang == "zh-Hant":
        assert "湖里區" in text and "湖裏" not in text and "湖裡" not in text
        assert "第2頁/共" in text  # the cover has no footer
    else:
        assert "第2页/共" in text


@pytest.mark.parametrize("lang", SCRIPTS)
def test_outline_has_one_entry_per_district_and_the_toc_numbers_match(result, lang):
    reader = _book(lang)
    top = [item for item in reader.outline if not isinstance(item, list)]
    names = _district_names(result, lang)
    titles = [item.title for item in top]
    assert [t for t in titles if t in names] == names
    starts = {item.title: reader.get_destination_page_number(item) + 1 for item in top}
    toc = re.sub(r"[ \t]+", "", reader.pages[1].extract_text())
    for name in names:
        listed = re.search(rf"{re.escape(name)}（[^）]*）\.*(\d+)", toc)
        assert listed, f"{name} missing from the table of contents"
        assert int(listed.group(1)) == starts[name], (name, listed.group(1), starts[name])


@pytest.mark.parametrize("lang", SCRIPTS)
def test_no_blank_pages(lang):
    for number, page in enumerate(_book(lang).pages, start=1):
        assert len(re.findall(r"[\u4e00-\u9fff]", page.extract_text())) > 5, f"page {number} is blank"


def test_one_pdf_per_district_in_each_script(result):
    for district in result.handbook.districts:
        for lang in SCRIPTS:
            assert (PDF_DIR / f"{district.slug}-{lang}.pdf").is_file()


def _pages(lang: str) -> list[str]:
    return [re.sub(r"\s+", "", page.extract_text()) for page in _book(lang).pages]


@pytest.mark.parametrize("lang", SCRIPTS)
def test_table_of_contents_lists_every_article(result, lang):
    pages = _pages(lang)
    contents = next(p for p in pages if p.startswith(("目录", "目錄")))
    for district in result.handbook.districts:
        for article in district.articles:
            title = re.sub(r"\s+", "", article.title)
            if lang == "zh-Hant":
                title = quotes(result.converter.convert(title))
            assert title in contents, title


@pytest.mark.parametrize("lang", SCRIPTS)
def test_theme_index_gives_page_numbers(lang):
    index = next(p for p in _pages(lang) if p.startswith(("主题索引", "主題索引")))
    assert len(re.findall(r"（\d+）第\d+[页頁]", index)) >= 10
    # Entries are parted: each but a theme's last is followed by a semicolon.
    assert len(re.findall(r"（\d+）第\d+[页頁]；", index)) >= 10


def _first_lines(lang: str) -> list[list[str]]:
    """The first two lines of each page as laid out (pdftotext -layout), white space removed."""
    text = subprocess.run(["pdftotext", "-layout", str(PDF_DIR / f"handbook-{lang}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    return [[re.sub(r"\s+", "", line) for line in page.splitlines() if line.strip()][:2] for page in text.split("\f")]


def test_chapter_openers_carry_no_running_head_and_later_pages_do(result):
    firsts, pages = _first_lines("zh-Hans"), _pages("zh-Hans")
    for district in result.handbook.districts:
        name = district.region.district
        first_title = re.sub(r"\s+", "", district.articles[0].title)
        opener = next(i for i, p in enumerate(pages) if p.startswith(name) and first_title in p[: len(name) + 80])
        # On the opener the first line is the chapter title itself, then the article; no head above.
        assert firsts[opener][0] == name and firsts[opener][1] != name, (name, firsts[opener])
        assert firsts[opener + 1][0] == name, f"no running head on the page after the opener of {name}"


@pytest.mark.parametrize("target", ["pdf", "test"])
def test_make_pdf_and_make_test_run_the_generator_once(target):
    plan = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    runs = [line for line in plan.splitlines() if "-m build_docs " in line]  # not build_docs.publish (MkDocs)
    assert len(runs) == 1, runs
    assert "--make-pdf" in runs[0]


def test_pdfs_made_in_the_run_are_offered_by_the_pages_of_that_run(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    first = sorted(SEEDS.glob("*.txt"))[0]
    (seeds / first.name).write_bytes(first.read_bytes())
    result = generate(BuildConfig(seeds=seeds, shown_as="seeds", make_pdf=True, pdf_dir=tmp_path / "pdf"))
    slugs = [d.slug for d in result.handbook.districts]
    for name in ["handbook", *slugs]:
        for lang in SCRIPTS:
            assert (tmp_path / "pdf" / f"{name}-{lang}.pdf").is_file()
        assert result.files[f"downloads/{name}.pdf"] == (tmp_path / "pdf" / f"{name}-zh-Hans.pdf").read_bytes()
        assert result.hant_files[f"downloads/{name}.pdf"] == (tmp_path / "pdf" / f"{name}-zh-Hant.pdf").read_bytes()
    assert f"../downloads/{slugs[0]}.pdf" in result.files[f"districts/{slugs[0]}.md"]


def _body_lines(path) -> list[list[tuple[float, float, float, float]]]:
    """Per chapter page, the (x0, y0, x1, height) of lines in the body text's size and margin, top to bottom."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    raw = re.findall(r"<page .*?</page>", layout, re.S)
    # The back matter (theme index, glossary) starts on the second page naming the index: the
    # contents name it first, and its own pages carry it as running head.
    hits = [i for i, page in enumerate(raw) if re.search(r">主[题題]索引</word>", page)]
    back = hits[1] if len(hits) > 1 else len(raw)
    for page in raw[:back]:
        found = re.findall(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', page)
        # A mark set half-width (pdf.compress_punctuation) keeps its full-width box, which
        # overlaps the next one, and pdftotext may cut the line there: pieces on one baseline
        # are one line.
        pieces: dict[tuple[float, float], list[float]] = {}
        for a, b, c, d in found:
            key = (round(float(b), 1), round(float(d) - float(b), 1))
            left, right = pieces.get(key, [float(a), float(c)])
            pieces[key] = [min(left, float(a)), max(right, float(c))]
        pages.append(sorted((left, y, right, height) for (y, height), (left, right) in pieces.items()))
    every = [line for page in pages for line in page]
    height = Counter(line[3] for line in every).most_common(1)[0][0]
    left = Counter(round(line[0], 1) for line in every if line[3] == height).most_common(1)[0][0]
    return [
        sorted((line for line in page if line[3] == height and round(line[0], 1) == left), key=lambda x: x[1]) for page in pages
    ]


@pytest.mark.parametrize("lang", SCRIPTS)
def test_body_lines_are_justified_to_one_right_edge(lang):
    pages = _body_lines(PDF_DIR / f"handbook-{lang}.pdf")
    steps = Counter(round(b[1] - a[1], 1) for page in pages for a, b in zip(page, page[1:], strict=False))
    pitch = steps.most_common(1)[0][0]
    # A line followed at the ordinary line pitch is not the last of its paragraph (paragraphs
    # are set apart by a margin).
    inner = [a for page in pages for a, b in zip(page, page[1:], strict=False) if abs(b[1] - a[1] - pitch) < 0.5]
    assert len(inner) > 100
    right = [line[2] for line in inner]
    assert max(right) - min(right) <= 1.0, sorted(right)[:5]


# -- the book's typesetting, rendered from literal seeds -------------------------------------------

LITERAL_SEED = """\
人民日报 2021年4月19日 星期一

# 福建省厦门市湖里区：小区治理有新招

福建省厦门市湖里区委书记 张三

湖里区坚持党建引领，推动小区治理走深走实，群众的获得感、幸福感不断提升。全区各级党组织把服务送到居民家门口，解决了一批群众的难题。

▲湖里区殿前街道党员志愿者在小区开展义诊活动。

新华社记者 王五 摄

他说：“增长率达到百分之九十。”大家都说“好”，“对”。

全区建立小区党支部三百余个，推行“小区吹哨、部门报到”机制。各社区依托党群服务中心，组织在职党员回社区报到，认领服务项目。

下一步，湖里区将继续深化党建引领基层治理，让群众生活更美好。（图片由厦门市湖里区委组织部提供）
"""
HALF_RE = re.compile(r'<span class="half">(.)</span>')
BODY_SIZE = 10.5  # pt, the book's body text


@pytest.fixture(scope="module")
def literal(tmp_path_factory):
    """Build the handbook of LITERAL_SEED alone."""
    seeds = tmp_path_factory.mktemp("literal")
    (seeds / "t.txt").write_text(LITERAL_SEED, encoding="utf-8")
    return build_from(seeds)


def _render(html: str, path) -> str:
    """Lay out html with WeasyPrint into path; return pdftotext's -bbox-layout of it."""
    from weasyprint import HTML

    HTML(string=html).write_pdf(path)
    return subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _line_width(layout: str, needle: str) -> float:
    """The width of the laid-out line that holds needle (its pieces on one baseline put together)."""
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', layout)
    lines: dict[float, list[tuple[float, float, str]]] = {}
    for x0, y0, x1, text in words:
        lines.setdefault(round(float(y0)), []).append((float(x0), float(x1), text))
    for pieces in lines.values():
        if needle in "".join(text for _, _, text in sorted(pieces)):
            return max(x1 for _, x1, _ in pieces) - min(x0 for x0, _, _ in pieces)
    raise AssertionError(f"{needle} not laid out on one line")


@pytest.mark.parametrize(("lang", "needle"), [("zh-Hans", "增长率"), ("zh-Hant", "增長率")])
def test_adjacent_marks_print_half_an_em_closer_and_the_text_keeps_every_character(literal, lang, needle, tmp_path):
    html = book_html(literal, lang)
    paragraph = next(p for p in re.findall(r'<p class="body">(.*?)</p>', html) if needle in p.replace(" ", ""))
    pairs = len(HALF_RE.findall(paragraph))
    assert pairs >= 4, paragraph  # ：“ (or ：「), ”“ …: most of the paragraph's pairs
    compressed = _line_width(_render(html, tmp_path / "compressed.pdf"), needle)
    solid = _line_width(_render(HALF_RE.sub(r"\1", html), tmp_path / "solid.pdf"), needle)
    # Each mark set half-width takes half an em out of the line.
    assert abs((solid - compressed) - pairs * BODY_SIZE / 2) < 0.5, (solid, compressed, pairs)
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(tmp_path / "compressed.pdf").pages))
    assert re.sub(r"<[^>]+>|\s", "", paragraph) in text


def test_a_pictures_credits_print_in_its_captions_box(literal, tmp_path):
    layout = _render(book_html(literal, "zh-Hans"), tmp_path / "book.pdf")
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(tmp_path / "book.pdf").pages))
    caption = "湖里区殿前街道党员志愿者在小区开展义诊活动。"
    assert f"{caption}新华社记者王五摄（图片由厦门市湖里区委组织部提供）" in text
    assert text.count("图片由厦门市湖里区委组织部提供") == 1
    assert "原文所附图片的来源" not in text  # no box of a credit on its own at the article's end
    # The credits are set right, on lines of their own under the caption.
    credit = re.search(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>\s*<word[^>]*>（图片由', layout)
    body = re.search(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>\s*<word[^>]*>湖', layout)
    assert credit and body and float(credit.group(1)) > 500, layout[:200]


def test_small_booklets_have_no_contents_page(result):
    for district in result.handbook.districts:
        reader = PdfReader(PDF_DIR / f"{district.slug}-zh-Hans.pdf")
        second = re.sub(r"\s+", "", reader.pages[1].extract_text())
        assert second.startswith("目录") == (len(district.articles) >= CONTENTS_MIN_ARTICLES), district.slug
