"""Newspaper-like page PDFs typeset with WeasyPrint, for the PDF reader's tests.

A page has a running head (paper, date, weekday, 第N版 and the page's name), a page number at
its foot, articles set in CSS columns under a headline block that spans them (kicker, title,
subtitle, byline), and optionally a paragraph cut by a jump: '（下转第N版）' at the bottom of the
cut, '（上接第M版）' over its tail on a later page.  Texts come from the tests' own literal
articles, or from the development corpus's truth at test time (`corpus_article_pdf`); nothing
of the corpus is stored here.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PAPER = "新闻日报"
WEEKDAYS = "一二三四五六日"
# White space is no difference in the corpus comparison; ASCII commas and colons are the
# damage some seed copies carry, so a heading is found in a seed with both forms folded.
FOLD_RE = re.compile(r"\s+")


@dataclass(frozen=True, kw_only=True)
class PdfArticle:
    """One article as a newspaper prints it."""

    title: str
    paragraphs: tuple[str, ...]
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""  # as printed: '本报记者  王  林'
    date: str = ""  # ISO; printed in the running head of the page the article starts on
    headings: tuple[tuple[int, str], ...] = ()  # (index of the paragraph it stands before, heading)
    captions: tuple[str, ...] = ()  # set at the top of the body, in a smaller size
    signature: str = ""  # closing '（作者为…）', indented like a paragraph


@dataclass(frozen=True, kw_only=True)
class Jump:
    """Cut one article's paragraph and continue it on a later page."""

    article: int  # index into the articles typeset
    paragraph: int  # the paragraph cut
    at: int = -1  # character offset of the cut; -1 cuts the paragraph in the middle


@dataclass(frozen=True, kw_only=True)
class Layout:
    """How the pages are set."""

    columns: int = 2
    per_page: int = 1  # articles on each page, in order
    jump: Jump | None = None  # the tail goes on a page of its own after the others
    first_page: int = 1  # the 版 number of the first page
    section: str = "要闻"  # the page's name in the running head
    page_foot: bool = True  # print the page number at the foot
    head_align: str = "center"  # the headline block's alignment: 'center' spans the columns, 'left' may not
    foot_editors: str = ""  # printed at the foot's left beside the page number: '本版责编：张  三'
    aside: PdfArticle | None = None  # a short article in one narrow column at the first page's right, its headline in it


def weekday(iso: str) -> str:
    """Return '星期二' for an ISO date."""
    return "星期" + WEEKDAYS[datetime.date.fromisoformat(iso).weekday()]


def running_head(iso: str, page: int, section: str) -> str:
    """Return a page's running head: paper, date, weekday, page and its name."""
    day = datetime.date.fromisoformat(iso)
    return f"{PAPER}  {day.year}年{day.month}月{day.day}日  {weekday(iso)}  第{page}版  {section}"


def _css(columns: int, pages: Sequence[tuple[int, str]], page_foot: bool, head_align: str, editors: str = "") -> str:
    """Return the style sheet: a newspaper page per named page, columns, head block."""
    width = {1: 180, 2: 250, 3: 340}.get(columns, 110 * columns)
    named = "\n".join(
        f'@page p{number} {{ @top-center {{ content: "{html.escape(head)}"; }}'
        + (f' @bottom-center {{ content: "{number}"; }}' if page_foot else "")
        + (f' @bottom-left {{ content: "{html.escape(editors)}"; }}' if editors else "")
        + " }"
        for number, head in pages
    )
    return f"""
@page {{ size: {width}mm 480mm; margin: 22mm 15mm 20mm 15mm;
  @top-center {{ font: 9pt "Noto Serif CJK SC"; white-space: pre; }} @bottom-center {{ font: 9pt "Noto Serif CJK SC"; }}
  @bottom-left {{ font: 9pt "Noto Serif CJK SC"; white-space: pre; }} }}
{named}
body {{ margin: 0; font: 10.5pt/1.5 "Noto Serif CJK SC"; }}
section {{ break-before: page; }}
section:first-child {{ break-before: auto; }}
article {{ columns: {columns}; column-gap: 7mm; margin-bottom: 12mm; }}
.head {{ column-span: all; margin-bottom: 6mm; }}
.head p {{ margin: 0; text-indent: 0; white-space: pre-wrap; text-align: {head_align}; }}
.kicker, .subtitle {{ font-size: 14pt; }}
.title {{ font-size: 24pt; font-weight: bold; margin: 2mm 0 !important; }}
.byline {{ margin-top: 2mm !important; }}
p, h2 {{ white-space: pre-wrap; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
p.cut, p.tail {{ text-indent: 0; }}
p.caption {{ font-size: 9pt; text-indent: 0; margin-bottom: 2mm; }}
.main {{ float: left; width: 66%; }}
.aside {{ float: right; width: 30%; }}
.aside article {{ columns: 1; }}
.aside .title {{ font-size: 16pt; }}
.aside .head p {{ text-align: center; }}
h2 {{ font-size: 10.5pt; font-weight: bold; text-align: center; margin: 3mm 0; }}
p.jump {{ text-indent: 0; text-align: right; }}
"""


def _head(article: PdfArticle) -> str:
    """Return the headline block's HTML."""
    parts = [
        ("kicker", article.kicker),
        ("title", article.title),
        ("subtitle", article.subtitle),
        ("byline", article.byline),
    ]
    inner = "".join(f'<p class="{cls}">{html.escape(text)}</p>' for cls, text in parts if text)
    return f'<div class="head">{inner}</div>'


def _body(article: PdfArticle, cut: tuple[int, int, int] | None) -> tuple[str, str]:
    """Return the body's HTML up to a cut (with its jump note) and the tail's paragraphs after it."""
    body = [f'<p class="caption">{html.escape(c)}</p>' for c in article.captions]
    tail: list[str] = []
    out = body
    for i, text in enumerate(article.paragraphs):
        for at, heading in article.headings:
            if at == i:
                out.append(f"<h2>{html.escape(heading)}</h2>")
        if cut is not None and i == cut[0]:
            at = cut[1] if cut[1] >= 0 else len(text) // 2
            head, rest = text[:at], text[at:]
            if head:
                out.append(f"<p>{html.escape(head)}</p>")
            out.append(f'<p class="jump">（下转第{cut[2]}版）</p>')
            out = tail
            if rest:
                out.append(f'<p class="{"tail" if head else ""}">{html.escape(rest)}</p>')
            continue
        out.append(f"<p>{html.escape(text)}</p>")
    if article.signature:
        out.append(f"<p>{html.escape(article.signature)}</p>")
    return "".join(body), "".join(tail)


def typeset(articles: Sequence[PdfArticle], *, layout: Layout | None = None, date: str = "") -> bytes:
    """Typeset articles into newspaper pages; fail when a page overflows (the page numbers would lie)."""
    from weasyprint import HTML

    layout = layout or Layout()
    groups = [list(range(i, min(i + layout.per_page, len(articles)))) for i in range(0, len(articles), layout.per_page)]
    numbers = [layout.first_page + k for k in range(len(groups) + (1 if layout.jump else 0))]
    day = date or next((a.date for a in articles if a.date), "2025-01-07")
    heads = []
    sections = []
    for k, group in enumerate(groups):
        page_date = next((articles[i].date for i in group if articles[i].date), day)
        heads.append((numbers[k], running_head(page_date, numbers[k], layout.section)))
        parts = []
        for i in group:
            jump = layout.jump if layout.jump and layout.jump.article == i else None
            cut = (jump.paragraph, jump.at, numbers[-1]) if jump else None
            body, tail = _body(articles[i], cut)
            parts.append(f"<article>{_head(articles[i])}{body}</article>")
            if jump:
                cut_page = numbers[k]
                tail_html = f'<article><p class="jump">（上接第{cut_page}版）</p>{tail}</article>'
        if k == 0 and layout.aside is not None:
            body, _ = _body(layout.aside, None)
            aside = f'<div class="aside"><article class="narrow">{_head(layout.aside)}{body}</article></div>'
            parts = [f'<div class="main">{"".join(parts)}</div>{aside}']
        sections.append(f'<section style="page: p{numbers[k]}">{"".join(parts)}</section>')
    if layout.jump:
        heads.append((numbers[-1], running_head(day, numbers[-1], layout.section)))
        sections.append(f'<section style="page: p{numbers[-1]}">{tail_html}</section>')
    document = HTML(
        string=f"<html><head><style>{_css(layout.columns, heads, layout.page_foot, layout.head_align, layout.foot_editors)}</style></head>"
        f"<body>{''.join(sections)}</body></html>"
    ).render()
    if len(document.pages) != len(sections):
        raise ValueError(f"{len(sections)} pages planned, {len(document.pages)} typeset: an article overflows its page")
    return document.write_pdf()


def image_only_pdf() -> bytes:
    """Return a one-page PDF holding only a picture (a scanned page): no text layer."""
    import base64
    import io

    from PIL import Image, ImageDraw
    from weasyprint import HTML

    picture = Image.new("L", (400, 300), 255)
    ImageDraw.Draw(picture).rectangle((40, 40, 360, 260), outline=0, width=6)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return HTML(string=f'<html><body><img src="data:image/png;base64,{data}" style="width: 150mm"></body></html>').write_pdf()


def minimal_pdf(content: bytes) -> bytes:
    """Return a one-page PDF drawing `content` (a content stream) with Helvetica-Bold as /F1, for text WeasyPrint never draws."""
    stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


# --- the development corpus, read at test time ---


def corpus_truth(corpus: Path = CORPUS) -> dict | None:
    """Return the corpus's truth.json, or None where the corpus is absent."""
    path = corpus / "truth.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _folded(text: str) -> str:
    return FOLD_RE.sub("", text).replace(",", "，").replace(":", "：")


def heading_places(truth: dict, corpus: Path = CORPUS) -> tuple[tuple[int, str], ...]:
    """Place each section heading before the paragraph that follows it in the article's seed file."""
    if not truth["headings"]:
        return ()
    seed_path = corpus / "seeds" / truth["file"]
    seed = _folded(seed_path.read_text(encoding="utf-8")) if seed_path.is_file() else ""
    count = len(truth["paragraphs"])
    places = []
    for n, heading in enumerate(truth["headings"]):
        found = seed.find(_folded(heading))
        if found < 0:
            found = seed.find(_folded(heading.split(" ")[0]))
        if found < 0:  # the seed does not show it: spread the headings evenly
            places.append((count * n // len(truth["headings"]), heading))
            continue
        after = [i for i, p in enumerate(truth["paragraphs"]) if seed.find(_folded(p)[:12]) > found]
        places.append((after[0] if after else count - 1, heading))
    return tuple(places)


def printed_article(truth: dict, corpus: Path = CORPUS) -> PdfArticle:
    """Return a corpus truth article as printed: its headline block, captions, headings and body."""
    names = "  ".join(truth["authors"])
    signed = bool(truth.get("signature"))
    byline = f"{truth['role']}  {names}" if truth["role"] and names and not signed else names
    return PdfArticle(
        title=truth["printed_headline"] or truth["title"],
        kicker=truth["kicker"],
        subtitle=truth["subtitle"],
        byline=byline,
        date=truth["date"],
        paragraphs=tuple(truth["paragraphs"]),
        headings=heading_places(truth, corpus),
        captions=tuple(truth["captions"]) + tuple(truth["credits"]),
        signature=truth.get("signature", ""),
    )


# An article of the tests' own, set beside a corpus article on a two-article page.
NEIGHBOUR = PdfArticle(
    kicker="浙江省安吉县——",
    title="竹林深处有新路",
    byline="本报记者  林  晓",
    paragraphs=(
        "清晨的山村，竹林间薄雾未散，村党支部书记已经带着几名党员来到新修的竹材加工点。",
        "过去，村里的毛竹卖不上价，年轻人纷纷外出务工。如今，村里成立合作社，统一收购、统一加工，去年集体收入增长两成。",
        "“家门口就能挣钱，谁还愿意往外跑？”返乡青年小周一边分拣竹片一边说。",
    ),
)


def variant_layout(variant: int, articles: int = 1) -> Layout:
    """Return the layout a variant number stands for: columns rotate 2/3; every third cuts a paragraph across pages."""
    columns = 2 + variant % 2
    jump = Jump(article=0, paragraph=-1) if variant % 3 == 2 else None
    return Layout(columns=columns, per_page=max(1, articles), jump=jump, first_page=1 + variant % 4)


def corpus_article_pdf(truth_article: dict, variant: int, corpus: Path = CORPUS) -> bytes:
    """Typeset one corpus truth article as a page PDF: variant rotates columns, cut paragraphs and a neighbour article."""
    article = printed_article(truth_article, corpus)
    layout = variant_layout(variant, 2 if variant % 4 == 3 else 1)
    if layout.jump:
        middle = len(article.paragraphs) // 2
        layout = Layout(
            columns=layout.columns, per_page=layout.per_page, jump=Jump(article=0, paragraph=middle), first_page=layout.first_page
        )
    articles = [article, NEIGHBOUR] if layout.per_page == 2 else [article]
    return typeset(articles, layout=layout, date=article.date)


def write_pdf(art, index: int = 0):
    """One clean article (tests/layouts.py CleanArticle) as a page PDF for `make corpus`'s formats row.

    The variant rotates as for the corpus pages: 2 or 3 columns, a paragraph cut across pages.
    Returns (the PDF, the article as it should come back)."""
    from dataclasses import replace as replaced

    from .layouts import DEFAULT_DATE, body_text, evident

    date = art.date or DEFAULT_DATE
    names = "  ".join(art.authors)
    byline = f"{art.role}  {names}" if art.role and names and not art.signature else names
    printed = PdfArticle(
        title=art.title if evident(art, body_text(art) + art.kicker + art.role) else f"{art.place}：{art.title}",
        kicker=art.kicker,
        subtitle=art.subtitle,
        byline=byline,
        date=date,
        paragraphs=art.paragraphs,
        headings=tuple(zip(art.heading_at, art.headings, strict=True)),
        signature=art.signature,
    )
    # One article per file (the row scores a file's one article; two to a page are tests/test_reader_pdf.py's).
    layout = variant_layout(index, 1)
    if layout.jump:
        layout = Layout(columns=layout.columns, per_page=1,
                        jump=Jump(article=0, paragraph=len(printed.paragraphs) // 2), first_page=layout.first_page)  # fmt: skip
    return typeset([printed], layout=layout, date=date), replaced(art, date=date)
