"""The book PDFs made by `make pdf`: fonts, text layer, outline, table of contents, no blank pages."""

from __future__ import annotations

import re
import subprocess
from collections import Counter

import pytest
from pypdf import PdfReader

from build_docs.build import BuildConfig, generate
from build_docs.convert import quotes

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
        pages.append(sorted((float(a), float(b), float(c), round(float(d) - float(b), 1)) for a, b, c, d in found))
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
