"""Compare main-text extractors on Chinese article pages: which one the HTML reader uses.

Every clean article (the development corpus's truth, read at run time, and the seeds' records in
tests/golden) is written as a page of each shape of bench/formats.py (county government site,
WeChat, newspaper portal, e-paper), and each extractor installed is run on it alone. Scored per
page: the article's paragraphs found whole as lines of the extractor's text (modulo white
space), the page furniture it kept (lines of the template's own text: navigation, 打印本页,
阅读原文, 备案号 …), and whether it named the title. `python bench/extractors.py` prints the
table the README's "Why readability-lxml" records; trafilatura is installed apart (pyproject.toml).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.formats import PAGES  # noqa: E402
from tests.layouts import CleanArticle, body_text, corpus_articles, golden_articles  # noqa: E402


def _compact(text: str) -> str:
    return "".join(text.split())


def _trafilatura(page: str) -> tuple[list[str], str]:
    """trafilatura favouring recall (no paragraph of the article left out), text and title."""
    import trafilatura

    text = trafilatura.extract(page, output_format="txt", include_tables=True, deduplicate=False, favor_recall=True)
    meta = trafilatura.extract_metadata(page)
    return (text or "").splitlines(), (meta.title if meta and meta.title else "")


def _trafilatura_default(page: str) -> tuple[list[str], str]:
    """trafilatura with its default settings."""
    import trafilatura

    text = trafilatura.extract(page, output_format="txt")
    meta = trafilatura.extract_metadata(page)
    return (text or "").splitlines(), (meta.title if meta and meta.title else "")


def _readability(page: str) -> tuple[list[str], str]:
    """readability-lxml: the summary's HTML cut into its text blocks."""
    import lxml.html
    from readability import Document

    from build_docs.readers.html import text_blocks

    doc = Document(page)
    summary = doc.summary(html_partial=False)
    return [b.text for b in text_blocks(lxml.html.document_fromstring(summary))], doc.short_title() or ""


def _gne(page: str) -> tuple[list[str], str]:
    """GNE (GeneralNewsExtractor): content and title."""
    from gne import GeneralNewsExtractor

    result = GeneralNewsExtractor().extract(page)
    return (result.get("content") or "").splitlines(), result.get("title") or ""


EXTRACTORS: dict[str, tuple[str, Callable[[str], tuple[list[str], str]]]] = {
    "trafilatura 2.3.1 (favor_recall)": ("trafilatura", _trafilatura),
    "trafilatura 2.3.1 (defaults)": ("trafilatura", _trafilatura_default),
    "readability-lxml 0.9 (the reader's)": ("readability", _readability),
    "GNE 0.4.3": ("gne", _gne),
}


def furniture(page: str, art: CleanArticle) -> set[str]:
    """The template's own text lines: the page's text blocks that hold none of the article's text."""
    import lxml.html

    from build_docs.readers.html import text_blocks

    own = _compact(body_text(art) + art.kicker + art.subtitle)
    marks = [_compact(a) for a in art.authors] + [_compact(art.title)]
    blocks = text_blocks(lxml.html.document_fromstring(page))
    return {
        c
        for c in (_compact(b.text) for b in blocks)
        if c and c not in own and not any(m and m in c for m in marks)
    }


def score(lines: list[str], title: str, page: str, art: CleanArticle) -> dict:
    """Paragraphs found whole, furniture lines kept, title named."""
    got = {_compact(line) for line in lines}
    paragraphs = sum(_compact(p) in got for p in art.paragraphs)
    junk = furniture(page, art)
    kept = sum(1 for line in lines if _compact(line) in junk)
    return {
        "paragraphs": paragraphs,
        "total": len(art.paragraphs),
        "furniture": kept,
        "exact": paragraphs == len(art.paragraphs) and not kept,
        "title": bool(title) and _compact(art.title) in _compact(title),
    }


def run() -> dict:
    """Run every installed extractor on every article in every shape."""
    articles = (*corpus_articles(), *golden_articles())
    table: dict[str, dict] = {}
    for label, (module, extract) in EXTRACTORS.items():
        try:
            __import__(module)
        except ImportError:
            table[label] = {"missing": True}
            continue
        row = {"pages": 0, "exact": 0, "paragraphs": 0, "total": 0, "furniture": 0, "title": 0, "seconds": 0.0}
        by_shape: dict[str, list[int]] = {}
        for art in articles:
            for shape, write in PAGES.items():
                page, _ = write(art)
                began = time.perf_counter()
                try:
                    lines, title = extract(page)
                except Exception:  # an extractor that fails on a page scores nothing for it
                    lines, title = [], ""
                row["seconds"] += time.perf_counter() - began
                s = score(lines, title, page, art)
                row["pages"] += 1
                row["exact"] += s["exact"]
                row["paragraphs"] += s["paragraphs"]
                row["total"] += s["total"]
                row["furniture"] += s["furniture"]
                row["title"] += s["title"]
                by_shape.setdefault(shape, [0, 0])
                by_shape[shape][0] += s["exact"]
                by_shape[shape][1] += 1
        row["shapes"] = by_shape
        table[label] = row
    return {"articles": len(articles), "table": table}


def through_reader() -> dict[str, str]:
    """Each extractor in the HTML reader's place: the corpus articles' pages built and scored as `make corpus` does."""
    from bench import formats
    from build_docs.readers import html

    out = {}
    kept = html.extract_main
    for label, (module, extract) in EXTRACTORS.items():
        try:
            __import__(module)
        except ImportError:
            continue
        html.extract_main = lambda page, extract=extract: extract(page)[0]  # type: ignore[misc]
        try:
            row = formats.run(corpus_articles(), only=("html",))["rows"]["html"]
        finally:
            html.extract_main = kept  # type: ignore[misc]
        out[label] = f"{row['exact']} of {row['total']}"
    return out


def report(result: dict) -> str:
    """The comparison as a Markdown table."""
    shapes = list(PAGES)
    lines = [
        f"{result['articles']} articles × {len(shapes)} page shapes; a page is exact when every paragraph is a whole "
        "line of the extractor's text and no line of the page's furniture is.",
        "",
        "| extractor | exact pages | " + " | ".join(shapes) + " | paragraphs whole | furniture lines kept | title named | ms/page |",
        "|---" * (6 + len(shapes)) + "|",
    ]
    for label, row in result["table"].items():
        if row.get("missing"):
            lines.append(f"| {label} | not installed |" + " |" * (len(shapes) + 4))
            continue
        per = " | ".join(f"{row['shapes'][s][0]}/{row['shapes'][s][1]}" for s in shapes)
        lines.append(
            f"| {label} | {row['exact']}/{row['pages']} | {per} | {row['paragraphs']}/{row['total']} | "
            f"{row['furniture']} | {row['title']}/{row['pages']} | {1000 * row['seconds'] / row['pages']:.1f} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(report(run()), end="")
    print("\nThrough the HTML reader and the recovery engine (corpus articles as pages, rotating shapes, exact records):\n")
    for label, exact in through_reader().items():
        print(f"- {label}: {exact} exact")
