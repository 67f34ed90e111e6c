"""Newspaper page PDFs: the text layer's characters with their positions, read back as seed lines.

The characters come from pdfminer.six without its layout analysis (which reads across columns).
A page is cut recursively at white space (an XY-cut): first at a gutter running the whole
height of a region (columns), else at a horizontal gap wider than line spacing (a headline block
over its columns, two articles stacked).  Regions under a gutter are column text, read column by
column; the others are full-width, and a full-width run holding headline-sized type is an
article's headline block (kicker, title, subtitle, byline).  In the columns a paragraph starts
where a line is indented; an unindented line at the top of a column, or under a
'（上接第M版）' note, continues the paragraph cut by the column's end or a '（下转第N版）' note.
Running heads, page numbers, page feet and jump notes are dropped and listed; a running head's
date stays in the text as the page's date line, the way a copied page starts.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..data import DATA_DIR, Boilerplate, load_boilerplate
from ..errors import Problem, fail
from ..kinds import EvidenceKind
from .base import Dropped, Extracted, Hint, ReaderError

FURNITURE_FILE = DATA_DIR / "pdf_furniture.yml"
# Listed for a page that holds a picture and no text among pages that have text.
SCANNED_PAGE = "扫描页：无文字层，需先做文字识别"
FURNITURE_KEYS = ("running_head", "page_number", "page_foot", "continued_to", "continued_from")
# PDFs carry a font's weight only in its name ('ABCDEF+Noto-Serif-CJK-SC-Bold').
BOLD_FONT_RE = re.compile(r"Bold|Black|Heavy|Semibold|Demi", re.IGNORECASE)
# The date a running head prints; it stays in the text as the page's date line.
HEAD_DATE_RE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日(?:\s*(?:星期|周)[一二三四五六日天])?")
# pdfminer's stand-in for a glyph whose font maps it to no character: '(cid:1234)'.
CID_RE = re.compile(r"^\(cid:\d+\)$")
# What such a glyph becomes: visible in the text, never a silent loss.
UNMAPPED = "\ufffd"
# The number a page prints in its running head ('第4版', '第A3版') or alone at its foot ('4', '- 4 -').
PRINTED_PAGE_RE = re.compile(r"^[-—－\s]*(?P<page>[A-Z]?\d{1,3})[-—－\s]*$|第\s*(?P<page2>[A-Z]?\d{1,3})\s*版")
# The paper's name in a running head ('人民日报', '某某晚报', '某某周刊'), kept as a hint for the source.
PAPER_RE = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:报|刊)$")
# Latin words and numbers broken across lines lost the space between them; CJK text has none.
ASCII_WORD_END_RE = re.compile(r"[A-Za-z0-9]$")
ASCII_WORD_START_RE = re.compile(r"^[A-Za-z0-9]")

HEADLINE_RATIO = 1.25  # type this much larger than the body's is a headline's
INDENT_RATIO = 0.8  # a first line indented by this many ems starts a paragraph (papers indent two)
LINE_GAP_RATIO = 0.9  # a horizontal gap taller than this many body ems is more than line spacing
GUTTER_RATIO = 1.2  # a vertical gap wider than this many ems is a gutter, not a wide space in a line
# One line with a gap this wide is two columns' lines side by side, not a title's wide space.
ONE_LINE_GUTTER_RATIO = 1.6
SPACE_RATIO = 0.6  # a gap this wide between two characters is a space the PDF did not draw
PIECE_RATIO = 2.0  # parts of a running head or foot set this many ems apart are separate pieces
BAND_RATIO = 0.12  # running heads and feet sit in this share of the page's height at its top or bottom


@dataclass(frozen=True, kw_only=True)
class Glyph:
    """One character of the text layer, in points from the page's top left."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def blank(self) -> bool:
        """Tell whether the glyph is white space (it takes no part in finding gaps)."""
        return not self.text.strip()

    @property
    def middle(self) -> float:
        """Return the glyph's vertical centre."""
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        """Return the glyph's horizontal centre."""
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, kw_only=True)
class Row:
    """One printed line: its text, box and type, and where it stands."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    wide: bool  # in a full-width region (not under a gutter)
    left: float  # the left edge of the column (or the page's text) it stands in
    right: float = 0.0  # the column's right edge, where known

    @property
    def style(self) -> tuple[float, bool]:
        """Return the type it is set in: size to half a point, and weight."""
        return (round(self.size * 2) / 2, self.bold)

    @property
    def indented(self) -> bool:
        """Tell whether the line starts right of its column's edge (a paragraph's first line)."""
        return self.x0 - self.left >= INDENT_RATIO * self.size

    @property
    def centred(self) -> bool:
        """Tell whether the line stands in the middle of its column (a byline under a column's own headline)."""
        before, after = self.x0 - self.left, self.right - self.x1
        # Room on both sides, about equal: a paragraph's first line is indented but runs to the right edge.
        return self.indented and after >= INDENT_RATIO * self.size and abs(before - after) <= 2 * self.size


@dataclass(frozen=True, kw_only=True)
class _Page:
    """One page of the file as the reader needs it."""

    number: int  # its place in the file, from 1
    glyphs: list[Glyph]
    width: float
    height: float
    pictured: bool  # it holds a picture (with no text, a scanned page)


@dataclass(kw_only=True)
class _Block:
    """A paragraph, heading or headline line being assembled from rows."""

    rows: list[Row]

    @property
    def text(self) -> str:
        """Return the rows joined: no space between CJK lines, one between Latin words."""
        out = ""
        for row in self.rows:
            piece = row.text.strip()
            if out and ASCII_WORD_END_RE.search(out) and ASCII_WORD_START_RE.search(piece):
                out += " "
            out += piece
        return out


@dataclass(kw_only=True)
class _Unit:
    """One article (or the text before the first headline): headline lines, then body blocks."""

    head: list[_Block] = field(default_factory=list)
    body: list[_Block] = field(default_factory=list)
    date: tuple[str, int] | None = None  # a date line (its text, page) that opens it
    jump_to: str = ""  # the page a '下转' note sent its text to
    cut_on: int = 0  # the page it was cut on


@lru_cache(maxsize=1)
def furniture() -> dict[str, Boilerplate]:
    """Return the project's PDF furniture patterns, loaded once."""
    return load_furniture(FURNITURE_FILE)


def load_furniture(path: Path) -> dict[str, Boilerplate]:
    """Load pdf_furniture.yml: the running-head, page-number, page-foot and jump-note patterns."""
    entries = {entry.key: entry for entry in load_boilerplate(path)}
    missing = [key for key in FURNITURE_KEYS if key not in entries]
    unknown = sorted(set(entries) - set(FURNITURE_KEYS))
    if missing or unknown:
        fail(
            Problem(
                file=str(path),
                line=0,
                message=f"expected exactly the keys {', '.join(FURNITURE_KEYS)}"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; unknown {', '.join(unknown)}" if unknown else ""),
            )
        )
    return entries


def read_pdf(data: bytes, name: str) -> Extracted:
    """Read a newspaper page PDF into seed lines, their pages, the furniture dropped and headline hints (`name` is the caller's, for messages it adds)."""
    pages = _glyphs(data)
    ink = [g for page in pages for g in page.glyphs if not g.blank]
    if not ink:
        raise ReaderError(
            "no text layer; scanned pages need OCR first",
            fix="run OCR on the PDF (for example ocrmypdf) and save the result, or copy the text into a .txt file",
        )
    if sum(g.text == UNMAPPED for g in ink) * 2 > len(ink):
        raise ReaderError(
            "the text layer maps its glyphs to no characters; such pages need OCR first",
            fix="run OCR on the PDF (for example ocrmypdf --force-ocr) and save the result",
        )
    body = Counter(round(g.size * 2) / 2 for g in ink).most_common(1)[0][0]
    reader = _Reader(body_size=body)
    for page in pages:
        reader.page(page)
    return reader.extracted()


def _glyphs(data: bytes) -> list[_Page]:
    """Return each page's glyphs, width and height; a file pdfminer.six cannot parse is a ReaderError."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTFigure, LTImage
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    pages = []
    try:
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=None)  # the characters as drawn: the reading order is ours
        interpreter = PDFPageInterpreter(resources, device)
        for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), start=1):
            interpreter.process_page(page)
            layout = device.get_result()
            seen: set[tuple[str, int, int]] = set()
            glyphs = []
            for item in layout:
                if not isinstance(item, LTChar) or not item.get_text():
                    continue
                # A bold face faked by printing a glyph twice at the same place gives one character.
                key = (item.get_text(), round(item.x0 * 4), round(item.y1 * 4))
                if key in seen:
                    continue
                seen.add(key)
                text = item.get_text()
                glyphs.append(
                    Glyph(
                        text=UNMAPPED if CID_RE.match(text) else text,
                        x0=float(item.x0),
                        x1=float(item.x1),
                        top=float(layout.y1 - item.y1),
                        bottom=float(layout.y1 - item.y0),
                        size=float(item.size),
                        bold=bool(BOLD_FONT_RE.search(item.fontname)),
                    )
                )
            pictured = any(isinstance(item, LTFigure | LTImage) for item in layout)
            pages.append(
                _Page(number=number, glyphs=glyphs, width=float(layout.x1), height=float(layout.height), pictured=pictured)
            )
    except Exception as err:  # pdfminer raises many kinds on damaged files; all mean the same to an editor
        detail = str(err).strip() or type(err).__name__
        raise ReaderError(
            f"not a readable PDF ({detail[:120]})",
            fix="download or export the PDF again; a damaged or password-protected file cannot be read",
        ) from err
    if not pages:
        raise ReaderError("not a readable PDF (no pages)", fix="download or export the PDF again")
    return pages


def _gaps(spans: Sequence[tuple[float, float]], least: float) -> list[tuple[float, float]]:
    """Return the empty stretches at least `least` wide between the spans."""
    gaps = []
    ordered = sorted(spans)
    end = ordered[0][1]
    for start, stop in ordered[1:]:
        if start - end >= least:
            gaps.append((end, start))
        end = max(end, stop)
    return gaps


def _middles(gaps: Sequence[tuple[float, float]]) -> list[float]:
    """Return where to cut each gap."""
    return [(a + b) / 2 for a, b in gaps]


def _column_lefts(parts: Sequence[Sequence[Glyph]], gutters: Sequence[tuple[float, float]], right: float) -> list[float]:
    """Return each column's left edge on the grid the first column and the right edge give, so a column of indented lines shows its indent."""
    inks = [[g for g in part if not g.blank] for part in parts]
    lefts = [min(g.x0 for g in ink) for ink in inks]
    if len(parts) != len(gutters) + 1:
        return lefts
    width = max(g.x1 for g in inks[0]) - lefts[0]
    pitch = (right - lefts[0] - width) / (len(parts) - 1)
    size = max(g.size for ink in inks for g in ink)
    grid = [lefts[0] + i * pitch for i in range(len(parts))]
    # Trust the grid only a little left of the column's own edge: the indent of a paragraph, not a stray layout.
    return [g if 0 <= left - g <= 3 * size else left for left, g in zip(lefts, grid, strict=True)]


def _split(glyphs: Sequence[Glyph], cuts: Sequence[float], key) -> list[list[Glyph]]:
    """Share glyphs between the stretches the cuts make, by their centre; drop empty stretches."""
    parts: list[list[Glyph]] = [[] for _ in range(len(cuts) + 1)]
    for g in glyphs:
        parts[sum(1 for c in cuts if key(g) > c)].append(g)
    return [p for p in parts if any(not g.blank for g in p)]


def _regions(
    glyphs: Sequence[Glyph], wide: bool, left: float, right: float, body: float
) -> Iterator[tuple[list[Glyph], bool, float, float]]:
    """Cut glyphs at gutters, else at gaps wider than line spacing; yield the leaves in reading order."""
    ink = [g for g in glyphs if not g.blank]
    if not ink:
        return
    gutters = _gutters(glyphs)
    parts = _split(glyphs, _middles(gutters), lambda g: g.centre) if gutters else []
    if parts and not _headline_beside(parts, body):
        for part, column_left in zip(parts, _column_lefts(parts, gutters, right), strict=True):
            yield from _regions(part, False, column_left, max(g.x1 for g in part if not g.blank), body)
        return
    gaps = _gaps([(g.top, g.bottom) for g in ink], LINE_GAP_RATIO * body)
    stacks = _stacks(_split(glyphs, _middles(gaps), lambda g: g.middle), body) if gaps else []
    if len(stacks) > 1:  # one stack would be this region again
        for part in stacks:
            yield from _regions(part, wide, left, right, body)
        return
    yield list(glyphs), wide, left, right


def _gutters(glyphs: Sequence[Glyph]) -> list[tuple[float, float]]:
    """Return the gutters running the whole height of a region (a single line needs a wider one)."""
    ink = [g for g in glyphs if not g.blank]
    size = max(g.size for g in ink)
    one_line = max(g.bottom for g in ink) - min(g.top for g in ink) <= 2 * size
    return _gaps([(g.x0, g.x1) for g in ink], (ONE_LINE_GUTTER_RATIO if one_line else GUTTER_RATIO) * size)


def _headline_beside(parts: Sequence[Sequence[Glyph]], body: float) -> bool:
    """Tell whether a headline in one column part stands over the others (a short, left-set headline over its columns)."""
    heads = [g for part in parts for g in part if not g.blank and g.size >= HEADLINE_RATIO * body]
    if not heads:
        return False
    first = min(heads, key=lambda g: g.top)
    for part in parts:
        ink = [g for g in part if not g.blank]
        if first not in ink and not any(g.size >= HEADLINE_RATIO * body for g in ink) and min(g.top for g in ink) > first.bottom:
            return True
    return False


def _stacks(parts: list[list[Glyph]], body: float) -> list[list[Glyph]]:
    """Rejoin stacked parts that share their columns: a gap across every column at once does not end them."""
    stacks: list[list[Glyph]] = []
    columns = 0
    for part in parts:
        headline = any(g.size >= HEADLINE_RATIO * body for g in part if not g.blank)
        if stacks and columns and not headline and len(_gutters(stacks[-1] + part)) == columns:
            stacks[-1] = stacks[-1] + part
            continue
        stacks.append(part)
        columns = len(_gutters(part))
    return stacks


def _rows(glyphs: Sequence[Glyph], page: int, wide: bool, left: float, right: float = 0.0) -> list[Row]:
    """Group a leaf's glyphs into printed lines, top to bottom."""
    lines: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        if lines and lines[-1][0].top <= g.middle <= max(x.bottom for x in lines[-1]):
            lines[-1].append(g)
        else:
            lines.append([g])
    rows = []
    for line in lines:
        line.sort(key=lambda g: g.x0)
        ink = [g for g in line if not g.blank]
        if not ink:
            continue
        text = ""
        previous: Glyph | None = None
        for g in line:
            if previous is not None and not g.blank and not previous.blank and g.x0 - previous.x1 >= SPACE_RATIO * g.size:
                text += " "
            text += " " if g.blank else g.text
            previous = g
        rows.append(
            Row(
                page=page,
                text=text.strip(),
                x0=ink[0].x0,
                x1=ink[-1].x1,
                top=min(g.top for g in ink),
                bottom=max(g.bottom for g in ink),
                size=statistics.median(g.size for g in ink),
                bold=sum(g.bold for g in ink) * 2 > len(ink),
                wide=wide,
                left=left,
                right=right,
            )
        )
    return rows


def _pieces(line: Sequence[Glyph], page: int) -> list[Row]:
    """Split one printed line where its parts stand apart (wider than PIECE_RATIO ems)."""
    pieces: list[list[Glyph]] = []
    end = None
    for g in sorted(line, key=lambda g: g.x0):
        if g.blank:
            if pieces:
                pieces[-1].append(g)
            continue
        if end is None or g.x0 - end >= PIECE_RATIO * g.size:
            pieces.append([])
        pieces[-1].append(g)
        end = g.x1
    return [row for piece in pieces for row in _rows(piece, page, True, 0.0)]


class _Reader:
    """Walks the pages' lines in reading order and assembles articles."""

    def __init__(self, *, body_size: float) -> None:
        self.body = body_size
        self.units: list[_Unit] = []
        self.current: _Unit | None = None
        self.pending: list[Row] = []  # full-width lines not yet known to be a headline block or text
        self.jumped: list[_Unit] = []
        self.dropped: list[Dropped] = []
        self.date = ""  # the last date line given
        self.paper = ""
        self.printed: dict[int, str] = {}  # the page number each page prints ('第4版', '4'), by its place in the file
        self.patterns = furniture()

    def page(self, page: _Page) -> None:
        """Read one page: drop its furniture, cut it into regions, feed their lines in order."""
        number, glyphs, width, height = page.number, page.glyphs, page.width, page.height
        ink = [g for g in glyphs if not g.blank]
        if not ink:
            if page.pictured:  # its text, if any, is in a picture: say so rather than pass over it
                self.dropped.append(Dropped(place=f"p{number}", text="", why=SCANNED_PAGE))
            return
        text_glyphs = self._furniture(number, glyphs, height)
        if not any(not g.blank for g in text_glyphs):
            return
        left = min(g.x0 for g in text_glyphs if not g.blank)
        # The text's right edge: its widest line, or the left margin mirrored when no line reaches it.
        right = max(max(g.x1 for g in text_glyphs if not g.blank), width - left)
        for region, wide, column_left, column_right in _regions(text_glyphs, True, left, right, self.body):
            for row in _rows(region, number, wide, column_left, column_right):
                self.row(row)
        self._settle_pending()

    def _furniture(self, number: int, glyphs: Sequence[Glyph], height: float) -> list[Glyph]:
        """Drop running heads, page numbers and feet standing above or below the text; return the rest."""
        keep = list(glyphs)
        ink = [g for g in glyphs if not g.blank]
        # The page's lines as a whole (columns side by side merge, which only the bands' furniture needs).
        band_rows = _rows(ink + [g for g in glyphs if g.blank], number, True, 0.0)
        top_band, bottom_band = height * BAND_RATIO, height * (1 - BAND_RATIO)
        top = [(row, True) for row in band_rows if row.bottom <= top_band]
        bottom = [(row, False) for row in reversed(band_rows) if row.top >= bottom_band and row.bottom > top_band]
        for rows in (top, bottom):
            # From the page's edge inwards, while the lines are furniture: what follows one that is not stays text.
            for row, at_top in rows:
                keys = ("running_head", "page_number") if at_top else ("page_number", "page_foot", "running_head")
                line = [g for g in glyphs if row.top <= g.middle <= row.bottom]
                # The line as a whole ('报名  日期  第4版'), else each part set apart on it ('本版责编：…' left, '4' centred).
                pieces = [row] if self._matching(row.text, keys) else _pieces(line, number)
                found = [(piece, self._matching(piece.text, keys)) for piece in pieces]
                if not all(key for _, key in found):
                    break
                keep = [g for g in keep if not (row.top <= g.middle <= row.bottom)]
                for piece, key in found:
                    self._drop(number, piece.text, key)
        return keep

    def _matching(self, text: str, keys: Sequence[str]) -> str:
        """Return the first furniture key whose pattern takes the whole text, or ''."""
        return next((k for k in keys if self.patterns[k].pattern.match(text)), "")

    def _drop(self, number: int, text: str, key: str) -> None:
        """List one piece of furniture; a running head keeps its date, a page's number is noted for jumps."""
        if key == "running_head":
            self._running_head(number, text)
        else:
            self.dropped.append(Dropped(place=f"p{number}", text=text, why=self.patterns[key].description))
        printed = PRINTED_PAGE_RE.search(text)
        if printed and key != "page_foot":
            self.printed.setdefault(number, printed.group("page") or printed.group("page2"))

    def _running_head(self, number: int, text: str) -> None:
        """Keep a running head's new date as the page's date line; drop the rest of it (all of it, the date known) as 页眉."""
        why = self.patterns["running_head"].description
        found = HEAD_DATE_RE.search(text)
        if found and found.group(0) == self.date:
            found = None  # the date line above already dates this page
        rest = "  ".join(p for p in (text[: found.start()].strip(), text[found.end() :].strip()) if p) if found else text
        if rest:
            self.dropped.append(Dropped(place=f"p{number}", text=rest, why=why))
        self.paper = self.paper or next((w for w in rest.split() if PAPER_RE.match(w)), "")
        if found:
            self.date = found.group(0)
            self._settle_pending()
            self.current = _Unit(date=(found.group(0), number))
            self.units.append(self.current)

    def row(self, row: Row) -> None:
        """Take the next line in reading order."""
        for key in ("continued_to", "continued_from"):
            jump = self.patterns[key].pattern.match(row.text)
            if jump:
                self._settle_pending()
                self.dropped.append(Dropped(place=f"p{row.page}", text=row.text, why=self.patterns[key].description))
                page = jump.groupdict().get("page", "")
                if key == "continued_to":
                    self._jump_from(row.page, page)
                else:
                    self._jump_to(row.page, page)
                return
        if row.wide or row.size >= HEADLINE_RATIO * self.body or self._under_headline(row):
            self.pending.append(row)
            return
        self._settle_pending()
        self._body_row(row)

    def _under_headline(self, row: Row) -> bool:
        """Tell whether a column line belongs to the headline set in that column just above it (a byline, a date)."""
        if not self.pending or not any(r.size >= HEADLINE_RATIO * self.body for r in self.pending):
            return False
        last = self.pending[-1]
        same_column = not last.wide and abs(last.left - row.left) < 1 and 0 <= row.top - last.bottom < 3 * self.body
        return same_column and row.size < HEADLINE_RATIO * self.body and (not row.indented or row.centred)

    def _jump_from(self, page: int, target: str) -> None:
        """Note that the current article's text goes on on page `target`."""
        if self.current is None:
            return
        self.current.jump_to = target
        self.current.cut_on = page
        self.jumped.append(self.current)
        self.current = None

    def _jump_to(self, page: int, source: str) -> None:
        """Go back to the article a '下转' note on page `source` sent here (else the earliest one waiting)."""
        here = self.printed.get(page, str(page))
        match = next((u for u in self.jumped if u.jump_to == here and self.printed.get(u.cut_on, str(u.cut_on)) == source), None)
        match = match or next(iter(self.jumped), None)
        if match is not None:
            self.jumped.remove(match)
            self.current = match
        else:
            self.current = None

    def _body_row(self, row: Row, wide: bool = False) -> None:
        """Add a line of text to the current article: a new paragraph, or the open one continued."""
        if self.current is None:
            self.current = _Unit()
            self.units.append(self.current)
        body = self.current.body
        last = body[-1] if body else None
        if last is not None and not wide and not last.rows[-1].wide and last.rows[-1].style == row.style:
            plain = row.style == (round(self.body * 2) / 2, False)
            # Body type starts a paragraph by indenting; a heading runs on only onto the line right under it.
            if plain and not row.indented or not plain and 0 <= row.top - last.rows[-1].bottom < LINE_GAP_RATIO * self.body:
                last.rows.append(row)
                return
        body.append(_Block(rows=[row]))

    def _settle_pending(self) -> None:
        """Decide what the lines held back are (full-width, or a column's headline and byline): a headline block, else text."""
        rows, self.pending = self.pending, []
        if not rows:
            return
        if not any(r.size >= HEADLINE_RATIO * self.body for r in rows):
            for row in rows:
                self._body_row(row, wide=True)
            return
        unit = _Unit()
        if self.current is not None and not self.current.head and not self.current.body and self.current.date:
            unit = self.current  # the page's date line opens the article under it
        else:
            self.units.append(unit)
        self.current = unit
        for row in rows:
            last = unit.head[-1] if unit.head else None
            # A headline wraps onto more lines in the same type; smaller lines (byline, date) stay one each.
            if last is not None and last.rows[-1].style == row.style and row.size >= HEADLINE_RATIO * self.body:
                last.rows.append(row)
            else:
                unit.head.append(_Block(rows=[row]))

    def extracted(self) -> Extracted:
        """Return the lines, places, dropped furniture and hints, articles in order and blank-separated."""
        self._settle_pending()
        lines: list[str] = []
        places: list[str] = []
        hints: list[Hint] = []

        def add(text: str, page: int) -> None:
            lines.append(text)
            places.append(f"p{page}")

        def gap() -> None:
            if lines and lines[-1]:
                add("", int(places[-1][1:]))

        for unit in self.units:
            if unit.date:
                gap()
                add(unit.date[0], unit.date[1])
                found = HEAD_DATE_RE.match(unit.date[0])
                if found:
                    iso = f"{int(found['y']):04d}-{int(found['m']):02d}-{int(found['d']):02d}"
                    hints.append(Hint(line=len(lines) - 1, kind=EvidenceKind.DATE, detail=f"running head {iso}"))
                if self.paper:
                    hints.append(Hint(line=len(lines) - 1, kind=EvidenceKind.PUBLISHER, detail=self.paper))
            if unit.head:
                gap()
                title = max(range(len(unit.head)), key=lambda i: unit.head[i].rows[0].size)
                for i, block in enumerate(unit.head):
                    add(block.text, block.rows[0].page)
                    size = block.rows[0].size
                    if i == title:
                        hints.append(Hint(line=len(lines) - 1, kind=EvidenceKind.TITLE, detail=f"title, font {size:.1f}pt"))
                    elif size >= HEADLINE_RATIO * self.body:
                        role = "kicker" if i < title else "subtitle"
                        hints.append(Hint(line=len(lines) - 1, kind=EvidenceKind.TITLE, detail=f"{role}, font {size:.1f}pt"))
            for block in unit.body:
                gap()
                add(block.text, block.rows[0].page)
                first = block.rows[0]
                if first.bold and not first.wide and first.size < HEADLINE_RATIO * self.body:
                    hints.append(Hint(line=len(lines) - 1, kind=EvidenceKind.HEADING, detail=f"bold, font {first.size:.1f}pt"))
        while lines and not lines[-1]:
            lines.pop()
            places.pop()
        from pdfminer import __version__ as pdfminer_version

        return Extracted(
            lines=tuple(lines),
            places=tuple(places),
            dropped=tuple(self.dropped),
            hints=tuple(hints),
            reader=f"pdf (pdfminer.six {pdfminer_version})",
        )


def marked_lines(extracted: Extracted) -> tuple[str, ...]:
    """Return the lines with the headline hints written as Markdown marks ('## 引题', '# 标题'), which recovery reads as sure."""
    marks = {}
    for hint in extracted.hints:
        if hint.kind is EvidenceKind.TITLE:
            marks[hint.line] = "# " if hint.detail.startswith("title") else "## " if hint.detail.startswith("kicker") else ""
    return tuple(marks.get(i, "") + line for i, line in enumerate(extracted.lines))
