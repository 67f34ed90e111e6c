"""Book PDFs with WeasyPrint: the whole handbook per script, and one PDF per district.

Only `make pdf` needs this module (and WeasyPrint); `make site` does not import it.
The book HTML is rendered from the same records as the site, then converted with the same
OpenCC converter for the Traditional edition.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from time import perf_counter

from .build import Result
from .convert import quotes
from .kinds import NoteKind
from .render import make_environment, ui_of

# Noto CJK defaults to Japanese glyph shapes unless the regional face is named explicitly.
FONTS = {"zh-Hans": "Noto Serif CJK SC", "zh-Hant": "Noto Serif CJK TC"}
TITLE = "基层治理案例手册"


BODY_RE = re.compile(r'(<p class="body">)(.*?)(</p>)', re.S)
# Tags and character references inside a paragraph are left whole.
MARKUP_RE = re.compile(r"(<[^>]*>|&#?\w+;)")
# No line may start with a closing mark or end with an opening one, so no space goes there.
NO_SPACE_BEFORE = frozenset("，。、；：？！”’）》」』〉】…—％%·")
NO_SPACE_AFTER = frozenset("“‘（《「『〈【")
# A space of a quarter em that is not a word separator: text's own spaces keep their width.
OWN_SPACE = "\u2005"


def justifiable(text: str) -> str:
    """Put a space between characters where a line may break, so WeasyPrint can justify CJK text.

    WeasyPrint 70 stretches only spaces; Chinese has none. Runs of ASCII letters and digits
    (numbers, Latin words) stay whole; the text's own spaces become U+2005 so that the
    paragraph's negative word-spacing does not shrink them."""
    if not text:
        return text
    out: list[str] = []
    for ch, nxt in zip(text, text[1:] + "\0", strict=True):
        out.append(OWN_SPACE if ch == " " else ch)
        if nxt == "\0" or ch == " " or nxt == " " or ch in NO_SPACE_AFTER or nxt in NO_SPACE_BEFORE:
            continue
        if ch.isascii() and nxt.isascii():
            continue
        out.append(" ")
    return "".join(out)


def justify_body(html: str) -> str:
    """Make every body paragraph justifiable; run after conversion, which reads whole phrases."""

    def paragraph(m: re.Match[str]) -> str:
        parts = MARKUP_RE.split(m.group(2))
        return m.group(1) + "".join(p if i % 2 else justifiable(p) for i, p in enumerate(parts)) + m.group(3)

    return BODY_RE.sub(paragraph, html)


def book_html(result: Result, lang: str, districts=None) -> str:
    """Render the book (or one district's booklet) as HTML in the given script."""
    env = make_environment()
    cross = result.cross
    chosen = districts or result.handbook.districts
    names = {d.slug: d.region.district for d in result.handbook.districts}
    themes = [(t, [(d, names[d], len(passages)) for d, passages in cross.theme_districts(t.slug)]) for t in cross.themes]
    articles = [a for d in chosen for a in d.articles]
    notes = result.handbook.notes
    html = env.get_template("book.html.j2").render(
        title=TITLE if districts is None else f"{TITLE} · {chosen[0].region.district}",
        font=FONTS[lang],
        districts=chosen,
        themes=themes,
        glossary=cross.glossary,
        lang="zh-Hans",
        single=districts is not None,
        article_count=len(articles),
        seed_count=len({a.headline.file for a in articles}),
        latest=max((a.date_text for a in articles if a.date), default="", key=lambda t: t),
        # The cover names each source with how many articles give it, and how many give none:
        # one article's source is not the book's.
        publishers=sorted(Counter(a.publisher for a in articles if a.publisher).items()),
        unsourced=sum(1 for a in articles if not a.publisher),
        note_counts={
            "repairs": sum(1 for n in notes if n.kind not in (NoteKind.REVIEW, NoteKind.CORRECTION)),
            "corrections": sum(1 for n in notes if n.kind is NoteKind.CORRECTION),
            "review": sum(1 for n in notes if n.kind is NoteKind.REVIEW),
        },
    )
    if lang == "zh-Hant":
        html = quotes(result.converter.convert(html), result.quotes).replace('lang="zh-Hans"', 'lang="zh-Hant"')
    return justify_body(ui_of(env).resolve(html, lang))


def write_pdfs(result: Result, out_dir: Path) -> list[Path]:
    """Write handbook-<lang>.pdf and <slug>-<lang>.pdf for every district into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = []
    for lang in FONTS:
        jobs += [(book_html(result, lang), out_dir / f"handbook-{lang}.pdf")]
        jobs += [(book_html(result, lang, [d]), out_dir / f"{d.slug}-{lang}.pdf") for d in result.handbook.districts]
    # Layout is CPU-bound and every PDF is independent: spread them over the cores, largest
    # first so that the two whole books do not end up on one core.
    jobs.sort(key=lambda job: -len(job[0]))
    workers = min(len(jobs), os.cpu_count() or 1)
    done = 0

    def progress(target: Path, seconds: float) -> None:
        nonlocal done
        done += 1
        print(f"pdf {done}/{len(jobs)} {target.name} {seconds:.1f}s", flush=True)

    if workers <= 1:
        for job in jobs:
            progress(*_write_one(job))
    else:
        with ProcessPoolExecutor(workers) as pool:
            for finished in as_completed([pool.submit(_write_one, job) for job in jobs]):
                progress(*finished.result())
    return sorted(target for _, target in jobs)


def _write_one(job: tuple[str, Path]) -> tuple[Path, float]:
    """Lay out one book HTML with WeasyPrint and move the PDF into place; return it and the seconds taken."""
    from weasyprint import HTML

    html, target = job
    start = perf_counter()
    tmp = target.with_suffix(".pdf.tmp")
    HTML(string=html).write_pdf(tmp)
    tmp.replace(target)
    return target, perf_counter() - start
