"""Two columns printed side by side: read the left column down, then the right one.

Text taken from a newspaper PDF page with its layout kept prints a page's two columns on the
same lines, a gutter of spaces between them. This pass finds such blocks and rewrites each as
its left column, a blank line, then its right column. It cuts lines only at white space and
drops only white space: every other character survives, in reading order.

Lines must still carry their leading white space: a right-column line whose left cell is empty
is known only by the spaces in front of it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..records import Line
from ..text import display_width

# The gutter between two columns: a run of white space holding three ASCII spaces or two
# ideographic spaces (a left cell padded with U+3000 joins the run). Two ASCII spaces are not
# a gutter: bylines ('本报记者  张三') and headlines ('山东龙口  蹚出…') set two between fields.
GUTTER_RE = re.compile("[ \u3000]*(?:   |\u3000\u3000)[ \u3000]*")
# Inside a run, a line whose left cell crowds the gutter may keep only a space or two of it.
NARROW_GUTTER_RE = re.compile("(?<=[^ \u3000])[ \u3000]+")
# A page number alone on a line ('5', '- 5 -') printed under a page's columns: never a cell.
PAGE_NUMBER_RE = re.compile(r"^[ \u3000]*(?:[-—－][ \u3000]*)?[0-9]{1,3}(?:[ \u3000]*[-—－])?[ \u3000]*$")
# White space stripped from both ends of a cell.
CELL_SPACE = " \t\u3000"

MIN_GUTTER_LINES = 6  # fewer lines split at one column is a table row or two, not a page's columns
MIN_GUTTER_SHARE = 0.7  # of a run's lines, those cut at the gutter (the rest are left cells)
MIN_CELL_CHARS = 4  # a cell this long or longer is running text, not a field or a name
MIN_FULL_SHARE = 0.7  # of the lines cut at the gutter, those with both cells that long
MAX_TABLE_SHARE = 0.3  # of the lines cut at the gutter, those with a second gutter: more means a table
TOLERANCE = 2  # how far (cells or characters) a line's gutter may stray from the block's column
RIGHT_INDENT = 4  # how much further a right cell's paragraph indent may push it

Measure = Callable[[str], int]


def _cells(text: str) -> int:
    """Measure text in display cells: a CJK character two, an ASCII character one."""
    return round(2 * display_width(text))


# Where the right column starts is constant in display cells when the page was laid out by
# width, and in characters when every character took one place on the extraction's grid
# (pdftotext's); each block is measured both ways and the more consistent one is kept.
MEASURES: tuple[Measure, ...] = (_cells, len)


@dataclass(frozen=True, kw_only=True)
class _Cut:
    """A gutter on one line: its character span and measured start and end."""

    start: int
    end: int
    left: int
    right: int


@dataclass(frozen=True, kw_only=True)
class _Run:
    """Lines [start, stop) of the input read as two columns, with each line's cut (None: left cell)."""

    start: int
    stop: int
    cuts: tuple[_Cut | None, ...]


def split_columns(lines: Sequence[Line]) -> tuple[list[Line], list[str]]:
    """Rewrite each block of side-by-side columns as its left cells, a blank line, then its right cells."""
    runs: list[_Run] = []
    for lo, hi in _blocks(lines):
        runs += _runs_in_block([ln.text for ln in lines[lo:hi]], lo)
    out: list[Line] = []
    notes: list[str] = []
    position = 0
    for run in sorted(runs, key=lambda r: r.start):
        out += lines[position : run.start]
        out += _rewrite(lines[run.start : run.stop], run.cuts)
        notes.append(_note(lines[run.start : run.stop], run.cuts))
        position = run.stop
    out += lines[position:]
    return out, notes


def _blocks(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """Find the spans of consecutive non-blank lines of one file."""
    spans: list[tuple[int, int]] = []
    start = None
    for i, line in enumerate(lines):
        blank = line.removed or not line.text.strip(CELL_SPACE)
        if start is not None and (blank or line.file != lines[start].file):
            spans.append((start, i))
            start = None
        if start is None and not blank:
            start = i
    if start is not None:
        spans.append((start, len(lines)))
    return spans


def _runs_in_block(texts: list[str], offset: int) -> list[_Run]:
    """Find the two-column runs in one block, trying the best-supported gutter column first."""
    taken = [False] * len(texts)
    runs: list[_Run] = []
    while True:
        best: tuple[int, int, Measure] | None = None  # (lines cut there, column, measure)
        for measure in MEASURES:
            cuts = [[] if taken[i] else _cuts(text, measure) for i, text in enumerate(texts)]
            hits, column = _best_column(cuts)
            if hits >= MIN_GUTTER_LINES and (best is None or hits > best[0]):
                best = (hits, column, measure)
        if best is None:
            return runs
        _, column, measure = best
        for start, stop, line_cuts in _candidates(texts, taken, column, measure):
            taken[start:stop] = [True] * (stop - start)
            if _two_columns(texts[start:stop], line_cuts, measure):
                runs.append(_Run(start=offset + start, stop=offset + stop, cuts=line_cuts))
        # Every line cut at this column is now taken, so the next round finds another column or none.
        taken = [t or _cut_at(_cuts(text, measure), column) is not None for t, text in zip(taken, texts, strict=True)]


def _cuts(text: str, measure: Measure) -> list[_Cut]:
    """List the gutter-wide runs of white space in a line (trailing white space is no gutter)."""
    text = text.rstrip(CELL_SPACE)
    return [
        _Cut(start=m.start(), end=m.end(), left=measure(text[: m.start()]), right=measure(text[: m.end()]))
        for m in GUTTER_RE.finditer(text)
    ]


def _cut_at(cuts: list[_Cut], column: int) -> _Cut | None:
    """Pick the line's gutter that ends at the column, give or take the tolerance."""
    near = [c for c in cuts if abs(c.right - column) <= TOLERANCE]
    return min(near, key=lambda c: abs(c.right - column), default=None)


def _cut_in_run(text: str, column: int, measure: Measure) -> _Cut | None:
    """Find where a run's line divides: at a gutter (a right cell's indent may follow), else at a narrow space at the column."""
    cuts = _cuts(text, measure)
    near = [c for c in cuts if column - TOLERANCE <= c.right <= column + RIGHT_INDENT + TOLERANCE]
    if near:
        return min(near, key=lambda c: abs(c.right - column))
    text = text.rstrip(CELL_SPACE)
    narrow = [
        _Cut(start=m.start(), end=m.end(), left=measure(text[: m.start()]), right=measure(text[: m.end()]))
        for m in NARROW_GUTTER_RE.finditer(text)
    ]
    return min((c for c in narrow if abs(c.right - column) <= TOLERANCE), key=lambda c: abs(c.right - column), default=None)


def _plain(text: str, cut: _Cut, measure: Measure) -> bool:
    """Tell whether a line has no gutter but the one cut (a leading indent aside), unlike a table row or page header."""
    return all(c.start == 0 or c == cut for c in _cuts(text, measure))


def _best_column(cuts: list[list[_Cut]]) -> tuple[int, int]:
    """Return how many lines have a gutter at the best column, and that column (where the right cell starts)."""
    ends = Counter(c.right for line_cuts in cuts for c in line_cuts)
    best = (0, 0, 0)  # (lines, exact ends, -column)
    for column in ends:
        hits = sum(1 for line_cuts in cuts if line_cuts and _cut_at(line_cuts, column) is not None)
        best = max(best, (hits, ends[column], -column))
    return best[0], -best[2]


def _candidates(
    texts: list[str], taken: list[bool], column: int, measure: Measure
) -> list[tuple[int, int, tuple[_Cut | None, ...]]]:
    """Group free lines into runs divided at the column, each starting at a plainly cut line; narrow lines ride along as left cells."""
    found: list[tuple[int, int, tuple[_Cut | None, ...]]] = []
    start: int | None = None
    line_cuts: list[_Cut | None] = []
    for i, text in enumerate([*texts, ""]):
        free = i < len(texts) and not taken[i]
        cut = _cut_in_run(text, column, measure) if free else None
        if start is not None and (cut is not None or (free and _fits_left(text, column, measure))):
            line_cuts.append(cut)
            continue
        if start is not None:
            found.append((start, i, tuple(line_cuts)))
            start = None
        if cut is not None and _plain(text, cut, measure):
            start, line_cuts = i, [cut]
    return found


def _fits_left(text: str, column: int, measure: Measure) -> bool:
    """Tell whether a line without a gutter can be a left cell: narrow enough and not a page number."""
    return not PAGE_NUMBER_RE.match(text) and measure(text.rstrip(CELL_SPACE)) <= column + TOLERANCE


def _two_columns(texts: list[str], cuts: tuple[_Cut | None, ...], measure: Measure) -> bool:
    """Tell whether a candidate run is a page's two columns rather than a table or spaced-out prose."""
    cut_lines = [(text, cut) for text, cut in zip(texts, cuts, strict=True) if cut is not None]
    n = len(cut_lines)
    if n < MIN_GUTTER_LINES or n < MIN_GUTTER_SHARE * len(texts):
        return False
    full = sum(
        1 for text, cut in cut_lines if _solid(text[: cut.start]) >= MIN_CELL_CHARS and _solid(text[cut.end :]) >= MIN_CELL_CHARS
    )
    tables = sum(1 for text, cut in cut_lines if any(c.start > 0 and c != cut for c in _cuts(text, measure)))
    return full >= MIN_FULL_SHARE * n and tables <= MAX_TABLE_SHARE * n


def _solid(text: str) -> int:
    """Count a cell's characters other than white space."""
    return sum(1 for ch in text if not ch.isspace())


def _rewrite(lines: Sequence[Line], cuts: tuple[_Cut | None, ...]) -> list[Line]:
    """Return a run's left cells, a blank line, then its right cells, dropping empty cells."""
    left: list[Line] = []
    right: list[Line] = []
    for line, cut in zip(lines, cuts, strict=True):
        text = line.text
        cells = (text, "") if cut is None else (text[: cut.start], text[cut.end :])
        for column, cell in zip((left, right), cells, strict=True):
            cell = cell.strip(CELL_SPACE)
            if cell:
                column.append(replace(line, text=cell))
    last = lines[-1]
    return [*_with_room(left), Line(file=last.file, number=last.number, text=""), *_with_room(right)]


def _with_room(cells: list[Line]) -> list[Line]:
    """Record how far each cell stops short of its column's widest line: where a paragraph or heading ended."""
    # Pages set digits and Latin letters narrower than Han, or as wide: the smaller of the
    # two measures (display cells, characters) is the room the line surely left.
    edge = max((display_width(c.text) for c in cells), default=0.0)
    chars = max((len(c.text) for c in cells), default=0)
    return [replace(c, room=min(edge - display_width(c.text), chars - len(c.text))) for c in cells]


def _note(lines: Sequence[Line], cuts: tuple[_Cut | None, ...]) -> str:
    """Describe a rewritten run for the editorial notes, with its line range and gutter column."""
    starts = Counter(_cells(line.text[: cut.start]) for line, cut in zip(lines, cuts, strict=True) if cut and cut.start)
    gutter = starts.most_common(1)[0][0] + 1 if starts else 1
    first, last = lines[0].number, lines[-1].number
    return f"双栏并排（第 {first}–{last} 行，栏间约在第 {gutter} 列）：先读左栏，再读右栏"
