"""A saved web page (.html/.htm): the article's lines from the page's own text, the rest listed.

The page's visible text is cut into its text blocks (a paragraph, a heading, a list item, a
line ended by <br>), numbered in page order: block 7 is the place `#p7`. readability-lxml (chosen
by measurement, see the README's "Why readability-lxml") says which blocks are the main text; the
article is the run of blocks from its title (the page's <h1>, a WeChat page's title, else the
block that repeats og:title or <title>) to the last block of the main text. The blocks inside
that run are kept verbatim, even those the extractor dropped (a 发布时间 line, a follow prompt):
the recovery engine's furniture rules read them as they read a page copied as text, and list
what they remove. Blocks before and after (navigation, breadcrumb, footer, 备案号) are the
reader's Dropped furniture, listed on 校勘记. The page's <title>, <h1> and meta (og:title,
article:published_time, author, og:site_name) are kept as hints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import version

from ..kinds import EvidenceKind
from .base import Dropped, Extracted, Hint, ReaderError

# Elements that start and end a text block; the text of inline elements runs on inside one.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table tbody tfoot thead "
    "td th tr ul".split()
)
# Elements whose text a reader never sees on the page.
HIDDEN_TAGS = frozenset("script style noscript template head svg object".split())
# HTML collapses runs of ASCII white space to one space; &nbsp; and U+3000 (indentation) stay.
HTML_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
# The charset a page declares in its first bytes (<meta charset=…>, http-equiv content=…charset=…).
CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# A <title> often appends the site after a separator ('标题_某某县人民政府', '标题 - 人民网').
TITLE_SITE_RE = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s).*$")
# The ids and classes WeChat and most CMS give an article's title element.
TITLE_ID_RE = re.compile(r"(^|[\s_-])(activity-name|rich_media_title|article-title|arti_title|news_title)($|[\s_-])")
HEADING_TAGS = {"h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Meta elements and the hint each gives (WeChat's account and time are page elements, not meta).
META_HINTS = {
    "og:title": EvidenceKind.TITLE,
    "article:published_time": EvidenceKind.DATE,
    "pubdate": EvidenceKind.DATE,
    "publishdate": EvidenceKind.DATE,
    "author": EvidenceKind.AUTHOR,
    "article:author": EvidenceKind.AUTHOR,
    "og:site_name": EvidenceKind.PUBLISHER,
    "publisher": EvidenceKind.PUBLISHER,
    "source": EvidenceKind.PUBLISHER,
}
SCANNED_FIX = "open the page in a browser and save it again ('Webpage, complete'), or copy its text into a .txt file"


@dataclass(frozen=True, kw_only=True)
class Block:
    """One text block of the page: its text as shown, the element that holds it, and its tag."""

    text: str
    tag: str
    title_like: bool  # the element is marked as the article's title (id/class), or is an <h1>
    lead: str = ""  # a bold run opening it
    element: object = None  # the lxml element that holds it


def read_html(data: bytes, name: str) -> Extracted:
    """Read a saved page: the article's text blocks as lines, the page's other text as dropped furniture."""
    import lxml.html

    text = decode(data)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as err:  # lxml raises ParserError, ValueError … for a file that is no page at all
        raise ReaderError(f"not a web page: {err}", fix=SCANNED_FIX) from err
    meta = page_meta(root)
    blocks = text_blocks(root)
    if not blocks:
        raise ReaderError("no text in the page", fix=SCANNED_FIX)
    kept = aligned(blocks, extract_main(text))
    title = title_block(blocks, meta)
    start, end = article_span(blocks, kept, title)
    lines: list[str] = []
    places: list[str] = []
    hints: list[Hint] = []
    # A kicker set over the title in its own heading element: the reader states both in the
    # Markdown marks the recovery engine reads as a headline block ('## 引题' over '# 标题').
    kicker = title is not None and start < title
    for i in range(start, end + 1):
        block = blocks[i]
        n = len(lines)
        mark = ("## " if i < title else "# " if i == title else "") if kicker and title is not None else ""
        lines.append(mark + block.text)
        places.append(f"#p{i + 1}")
        if i == title:
            hints.append(Hint(line=n, kind=EvidenceKind.TITLE, detail=block.tag))
        elif block.tag in HEADING_TAGS:
            hints.append(Hint(line=n, kind=EvidenceKind.HEADING, detail=block.tag))
        elif block.tag == "figcaption":
            hints.append(Hint(line=n, kind=EvidenceKind.CAPTION, detail=block.tag))
        elif block.lead:
            hints.append(Hint(line=n, kind=EvidenceKind.LEAD, detail=block.lead))
    hints += [Hint(line=0, kind=kind, detail=f"{key}: {value}") for key, value, kind in meta]
    dropped = [
        Dropped(place=f"#p{i + 1}", text=b.text, why="网页页头、导航" if i < start else "网页页尾、相关链接")
        for i, b in enumerate(blocks)
        if not start <= i <= end
    ]
    return Extracted(
        lines=tuple(lines),
        places=tuple(places),
        dropped=tuple(dropped),
        hints=tuple(hints),
        reader=f"html (readability-lxml {version('readability-lxml')})",
    )


def extract_main(page: str) -> list[str]:
    """The page's main text as readability-lxml finds it, one line per text block of its summary."""
    import lxml.html
    from readability import Document

    summary = Document(page).summary(html_partial=False)
    return [b.text for b in text_blocks(lxml.html.document_fromstring(summary))]


def decode(data: bytes) -> str:
    """Decode a page by its byte-order mark, its declared charset, else UTF-8 or GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    declared = CHARSET_RE.search(data[:4096])
    tried = [declared.group(1).decode("ascii").lower()] if declared else []
    # GB2312 and GBK pages are read as GB18030, their superset (a page declares the older name).
    tried = ["gb18030" if c in ("gb2312", "gbk", "x-gbk") else c for c in tried] + ["utf-8", "gb18030"]
    for codec in tried:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReaderError("undecodable page: not UTF-8 nor GB18030", fix=SCANNED_FIX)


def page_meta(root) -> list[tuple[str, str, EvidenceKind]]:
    """The page's meta elements that say what the article is, as (name, value, hint kind)."""
    out = []
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = HTML_SPACE_RE.sub(" ", el.get("content") or "").strip()
        if key in META_HINTS and value:
            out.append((key, value, META_HINTS[key]))
    title = root.find(".//title")
    if title is not None and (title.text or "").strip():
        out.append(("title", HTML_SPACE_RE.sub(" ", title.text).strip(), EvidenceKind.TITLE))
    return out


def text_blocks(root) -> list[Block]:
    """Cut the page's visible text into its blocks, in page order."""
    blocks: list[Block] = []
    buffer: list[str] = []
    leads: list[str] = []

    def flush(el) -> None:
        text = HTML_SPACE_RE.sub(" ", "".join(buffer)).strip(" ")
        buffer.clear()
        lead = leads[0] if leads else ""
        leads.clear()
        if text.strip():
            tag = el.tag if el is not None and isinstance(el.tag, str) else ""
            marked = bool(TITLE_ID_RE.search(f"{el.get('id', '')} {el.get('class', '')}")) if el is not None else False
            blocks.append(Block(text=text, tag=tag, title_like=tag == "h1" or marked, element=el,
                                lead=lead if lead and text.startswith(lead) and lead != text else ""))  # fmt: skip

    def walk(el, stack: list) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in HIDDEN_TAGS:
            return
        if tag == "br":
            flush(stack[-1] if stack else None)
            return
        block = tag in BLOCK_TAGS
        if block:
            flush(stack[-1] if stack else None)
            stack.append(el)
        if tag in ("strong", "b") and not "".join(buffer).strip():
            leads.append(HTML_SPACE_RE.sub(" ", el.text_content()).strip(" "))
        if el.text:
            buffer.append(el.text)
        for child in el:
            walk(child, stack)
            if child.tail:
                buffer.append(child.tail)
        if block:
            flush(el)
            stack.pop()

    body = root.find("body")
    walk(body if body is not None else root, [])
    return blocks


def _compact(text: str) -> str:
    return "".join(text.split())


def aligned(blocks: list[Block], extracted: list[str]) -> set[int]:
    """The blocks the extractor kept: each of its lines matched, in order, to one block or a run of them."""
    wanted = [c for c in (_compact(line) for line in extracted) if c]
    texts = [_compact(b.text) for b in blocks]
    kept: set[int] = set()
    cursor = 0
    for line in wanted:
        for i in range(cursor, len(texts)):
            if not texts[i] or not line.startswith(texts[i]):
                continue
            joined, j = texts[i], i
            while joined != line and j + 1 < len(texts) and line.startswith(joined + texts[j + 1]):
                j += 1
                joined += texts[j]
            if joined == line:
                kept.update(range(i, j + 1))
                cursor = j + 1
                break
    return kept


def article_span(blocks: list[Block], kept: set[int], title: int | None) -> tuple[int, int]:
    """The first and last block of the article: from its title (and a kicker over it) to the main text's end.

    The main text's end is the last block the extractor kept inside the title's container, the
    smallest element around the title that holds most of the kept text: an extractor may keep a
    footer's line ('微信扫一扫') far from the article, and that line is the page's furniture."""
    if title is None:
        return (min(kept), max(kept)) if kept else (0, len(blocks) - 1)
    start = title
    while start > 0 and blocks[start - 1].tag in HEADING_TAGS and blocks[start - 1].tag != "h2":
        start -= 1  # a kicker set over the title (an <h2> there is the page's section name)
    weight = {i: len(_compact(blocks[i].text)) for i in kept if i > title}
    total = sum(weight.values())
    container = blocks[title].element
    while container is not None and total:
        inside = {i for i in weight if _within(blocks[i].element, container)}
        if sum(weight[i] for i in inside) * 5 >= total * 4:
            return start, max(inside)
        container = container.getparent()  # type: ignore[attr-defined]
    return start, max(weight) if weight else len(blocks) - 1


def _within(element, container) -> bool:
    """Tell whether an element is the container or inside it."""
    while element is not None:
        if element is container:
            return True
        element = element.getparent()
    return False


def title_block(blocks: list[Block], meta: list[tuple[str, str, EvidenceKind]]) -> int | None:
    """The block holding the article's title: the one marked as such, else the one repeating og:title or <title>."""
    named = [_compact(TITLE_SITE_RE.sub("", v)) for k, v, _ in meta if k in ("og:title", "title")]
    marked = [i for i, b in enumerate(blocks) if b.title_like]
    for i in marked:
        if any(n and (n in _compact(blocks[i].text) or _compact(blocks[i].text) in n) for n in named):
            return i
    if marked:
        return marked[0]
    for i, b in enumerate(blocks):
        if any(n and _compact(b.text) == n for n in named):
            return i
    return None
