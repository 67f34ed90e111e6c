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
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

from .build import Result
from .convert import quotes
from .kinds import BlockKind, NoteKind
from .records import Article, Block
from .render import make_environment, ui_of

# Noto CJK defaults to Japanese glyph shapes unless the regional face is named explicitly.
FONTS = {"zh-Hans": "Noto Serif CJK SC", "zh-Hant": "Noto Serif CJK TC"}


BODY_RE = re.compile(r'(<p class="body">)(.*?)(</p>)', re.S)
# Tags and character references inside a paragraph are left whole.
MARKUP_RE = re.compile(r"(<[^>]*>|&#?\w+;)")
# No line may start with a closing mark or end with an opening one, so no space goes there.
NO_SPACE_BEFORE = frozenset("，。、；：？！”’）》」』〉】…—％%·")
NO_SPACE_AFTER = frozenset("“‘（《「『〈【")
# A space of a quarter em that is not a word separator: text's own spaces keep their width.
OWN_SPACE = "\u2005"

# Full-width marks with a blank half after the glyph (closing) or before it (opening): two
# side by side ('」。', '。「') print an em of blank between them unless one is set half-width.
CLOSING_MARKS = frozenset("，。、；：？！”’）》」』〉】")
OPENING_MARKS = frozenset("“‘（《「『〈【")
# Taiwan-style faces centre the points (，。、：；！？) in their em: only brackets and quotes
# there have a whole blank half after them to give up.
BLANK_AFTER = {"zh-Hans": CLOSING_MARKS, "zh-Hant": frozenset("”’）》」』〉】")}
# Inline tags do not end a run of text: marks either side of them still stand side by side.
# A link is not among them: the book's links carry generated text (page numbers) after them.
INLINE_TAG_RE = re.compile(r"</?(?:strong|em|b|i|span)\b[^>]*>")
# Only the body is typeset text: the head's title and style sheet are left alone.
BODY_START_RE = re.compile(r"<body\b[^>]*>")
# The mark of a pair that gives up its blank half, in the font's half-width form (OpenType
# halt, the template's .half rule). The pairs are found here because Noto CJK 2.001 has no
# contextual 'chws'; moving the next mark back with a negative margin instead would put lines
# off the justified edge by up to 3 pt, where halt keeps them within half a point.
HALF_WIDTH = '<span class="half">{}</span>'

# A picture credit as papers print it: '新华社记者 王五 摄', '张三、李四摄', '赵  明绘', with an
# optional '（…供图）'; or '受访者供图', '资料图片', '图片由…提供'.
_NAME = r"[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,3}"
_TAKER = rf"(?:[\u4e00-\u9fff]{{0,8}}(?:记者|通讯员)\s*)?{_NAME}(?:\s*[、，/\s]\s*{_NAME})*\s*/?\s*(?:摄影|摄|绘)"
_CREDIT = (
    rf"(?:{_TAKER}(?:[（(][^（）()]{{1,24}}供图[）)])?|[^（）()。！？\s]{{1,24}}供图|资料图片"
    r"|(?:本文|本版)?(?:图片|照片|图)均?由[^（）()]{1,40}提供)"
)
# A line that is only a credit belongs with the caption right above it, whatever the recovery
# filed it as ('新华社记者 王五 摄' is a caption of its own there, '（新华社记者 王五 摄）' may be
# taken for a heading).
CREDIT_LINE_RE = re.compile(rf"^\s*(?:[（(]\s*{_CREDIT}\s*[）)]|{_CREDIT})\s*$")
# A credit set at the end of the caption's own line ('…活动。（本报记者 李四 摄）', '…活动。王五摄')
# is printed on the caption's credit line, like one on a line of its own.
CREDIT_TAIL_RE = re.compile(rf"\s*(?:[（(]\s*{_CREDIT}\s*[）)]|(?<=[。！？])\s*{_TAKER})$")
# The source's mark before a caption ('▲…'), which the book's label replaces.
CAPTION_MARK = "▲△ "

# Wording the book adds to the interface strings of data/ui_strings.yml (Simplified ->
# Traditional in Taiwan usage), resolved the same way: never by converting the Simplified.
# A preview build's address is a local one: the book never prints it.
LOOPBACK_RE = re.compile(r"//(?:127\.0\.0\.1|localhost|\[::1\])(?=[:/]|$)")
# How many articles a one-district book may hold with no contents page: the cover gives the
# count and the PDF bookmarks the titles, so a page listing one or two titles is a page lost.
CONTENTS_MIN_ARTICLES = 3


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


def compress_punctuation(html: str, lang: str) -> str:
    """Set one of each two adjacent full-width marks half-width, so that no em of blank stands between them.

    Of a closing mark then an opening one, or two opening marks, the second gives up the blank
    before it ('，「', '「『'); of two closing marks, the first the blank after it ('」。'). The
    mark is wrapped in a span (HALF_WIDTH); the text itself is unchanged. Spaces (justify_body's
    break points) and inline tags between the marks do not part them."""
    start = BODY_START_RE.search(html)
    if not start:
        return html
    blank_after = BLANK_AFTER[lang]
    parts = MARKUP_RE.split(html[start.end() :])
    halve: set[tuple[int, int]] = set()
    previous: tuple[int, int, str] | None = None  # the last character seen, if a mark: part, position, mark
    for i, part in enumerate(parts):
        if i % 2:
            if not INLINE_TAG_RE.fullmatch(part):
                previous = None  # a block, a break or a character reference parts the marks
            continue
        for k, ch in enumerate(part):
            if ch == " ":
                continue
            if previous is not None and ch in OPENING_MARKS:
                halve.add((i, k))
            elif previous is not None and ch in CLOSING_MARKS and previous[2] in blank_after:
                halve.add(previous[:2])
            previous = (i, k, ch) if ch in CLOSING_MARKS or ch in OPENING_MARKS else None
    if not halve:
        return html
    out = [
        "".join(HALF_WIDTH.format(ch) if (i, k) in halve else ch for k, ch in enumerate(part)) if not i % 2 else part
        for i, part in enumerate(parts)
    ]
    return html[: start.end()] + "".join(out)


@dataclass(kw_only=True)
class Figure:
    """A picture the source printed, set in one box: its caption and the credits that go with it."""

    caption: str  # without the source's ▲ and a credit at its end; empty for a credit with no caption above
    credits: list[str] = field(default_factory=list)
    kind: str = "figure"  # the template tells a figure from a Block by its kind


def book_blocks(article: Article) -> list[Block | Figure]:
    """Lay out an article's body for the book: each caption in one figure with its credits.

    A credit line right after a caption joins it, whatever the recovery filed it as; a credit
    further down (the source's '（图片由…提供）' at the article's end) joins the last caption
    above it, as on the district page; a credit with no caption above keeps its place."""
    out: list[Block | Figure] = []
    last: Figure | None = None
    for block in article.blocks:
        right_after = out[-1] if out and isinstance(out[-1], Figure) else None
        if right_after is not None and CREDIT_LINE_RE.match(block.text):
            right_after.credits.append(block.text.strip())
        elif block.kind is BlockKind.CAPTION:
            caption = block.text.lstrip(CAPTION_MARK)
            tail = CREDIT_TAIL_RE.search(caption)
            if tail and tail.start() > 0:
                last = Figure(caption=caption[: tail.start()], credits=[tail.group().strip()])
            else:
                last = Figure(caption=caption)
            out.append(last)
        elif block.kind is BlockKind.CREDIT and last is not None:
            last.credits.append(block.text)
        elif block.kind is BlockKind.CREDIT:
            out.append(Figure(caption="", credits=[block.text]))
        else:
            out.append(block)
    return out


def notes_address(site_url: str, lang: str) -> str:
    """Give the published address of the 校勘记 page in this script, or "" when the site has none (or a local one)."""
    if not site_url or LOOPBACK_RE.search(site_url):
        return ""
    base = site_url.rstrip("/") + "/"
    return base + ("zh-Hant/" if lang == "zh-Hant" else "") + "notes/"


def book_html(result: Result, lang: str, districts=None, site_url: str | None = None) -> str:
    """Render the book (or one district's booklet) as HTML in the given script.

    site_url is the site's published address (default: the environment's SITE_URL, as
    mkdocs.yml reads it); the 校勘记 appendix gives the address of the notes page under it."""
    if site_url is None:
        site_url = os.environ.get("SITE_URL", "")
    env = make_environment()
    cross = result.cross
    chosen = districts or result.handbook.districts
    names = {d.slug: d.region.district for d in result.handbook.districts}
    themes = [(t, [(d, names[d], len(passages)) for d, passages in cross.theme_districts(t.slug)]) for t in cross.themes]
    articles = [a for d in chosen for a in d.articles]
    notes = result.handbook.notes
    html = env.get_template("book.html.j2").render(
        title=result.settings.title if districts is None else f"{result.settings.title} · {chosen[0].region.district}",
        compilers=result.settings.compilers,
        publisher=result.settings.publisher,
        font=FONTS[lang],
        districts=chosen,
        layout={(d.slug, a.ident): book_blocks(a) for d in chosen for a in d.articles},
        contents=len(chosen) > 1 or len(articles) >= CONTENTS_MIN_ARTICLES,
        notes_address=notes_address(site_url, lang),
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
        },
    )
    if lang == "zh-Hant":
        html = quotes(result.converter.convert(html), result.quotes).replace('lang="zh-Hans"', 'lang="zh-Hant"')
    return compress_punctuation(justify_body(ui_of(env).resolve(html, lang)), lang)


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
