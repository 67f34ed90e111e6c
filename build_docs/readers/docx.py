"""A Word document (.docx): its paragraphs in order, numbered as places (¶12), styles as hints.

python-docx reads the document body in order. Every body paragraph is one line and one place,
`¶n` (n counts the body's paragraphs from 1, empty ones too, as Word's paragraph marks do); an
empty paragraph is a blank line. A table's rows are lines too, each at `表t.r`, its cells joined
by '｜' (a full-width bar: a tab would be taken for layout white space, and a Chinese cell
rarely holds the bar). A paragraph that holds a picture is the place `图k` (a blank line: the
picture has no text); its caption is the paragraph after it, in Word's Caption style. Styles
give hints: Title -> TITLE, Heading n -> HEADING, Caption -> CAPTION, a bold opening run -> LEAD.
"""

from __future__ import annotations

import io
import re
import zipfile
from importlib.metadata import version

from ..kinds import EvidenceKind
from .base import Extracted, Hint, ReaderError

# The cell separator of a table row's line (see the module docstring).
CELL_SEPARATOR = "｜"
# Word writes line ends inside a paragraph (Shift+Enter) as \n in python-docx's text, tabs as \t.
SOFT_BREAK_RE = re.compile(r"[\n\r\v]")
HEADING_STYLE_RE = re.compile(r"^(?:Heading|标题)\s*(?P<level>\d)$")
# A kicker is one short line; a sentence (ending 。！？) or a date over the title is not one.
KICKER_MAX = 40
SENTENCE_END_RE = re.compile(r"[。！？!?]$")
DATE_LINE_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
CORRUPT_FIX = "open it in Word (or WPS) and save it again as .docx; or save the text as .txt"


def read_docx(data: bytes, name: str) -> Extracted:
    """Read a Word document's paragraphs and tables as lines with their ¶ places and style hints."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        doc = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise ReaderError(f"not a readable Word document (.docx): {err or type(err).__name__}", fix=CORRUPT_FIX) from err
    except Exception as err:  # a damaged part inside the package (bad XML) raises the parser's own errors
        raise ReaderError(f"damaged Word document: {type(err).__name__}: {err}", fix=CORRUPT_FIX) from err
    lines: list[str] = []
    places: list[str] = []
    hints: list[Hint] = []
    paragraphs = tables = pictures = 0
    for item in doc.iter_inner_content():
        if isinstance(item, Table):
            tables += 1
            for r, row in enumerate(item.rows, start=1):
                cells = _unique_cells(row)
                lines.append(CELL_SEPARATOR.join(SOFT_BREAK_RE.sub(" ", c).strip() for c in cells))
                places.append(f"表{tables}.{r}")
            continue
        paragraphs += 1
        text = SOFT_BREAK_RE.sub(" ", item.text)
        if not text.strip() and _has_picture(item):
            pictures += 1
            lines.append("")
            places.append(f"图{pictures}")
            continue
        n = len(lines)
        lines.append(text)
        places.append(f"¶{paragraphs}")
        style = item.style.name if item.style is not None else ""
        if style == "Title":
            hints.append(Hint(line=n, kind=EvidenceKind.TITLE, detail="Title style"))
        elif m := HEADING_STYLE_RE.match(style or ""):
            hints.append(Hint(line=n, kind=EvidenceKind.HEADING, detail=f"Heading {m['level']} style"))
        elif style == "Caption":
            hints.append(Hint(line=n, kind=EvidenceKind.CAPTION, detail="Caption style"))
        elif lead := _bold_lead(item):
            hints.append(Hint(line=n, kind=EvidenceKind.LEAD, detail=lead))
    _mark_kicker(lines, places, hints)
    props = doc.core_properties
    if props.title:
        hints.append(Hint(line=0, kind=EvidenceKind.TITLE, detail=f"title: {props.title}"))
    if props.author:
        hints.append(Hint(line=0, kind=EvidenceKind.AUTHOR, detail=f"author: {props.author}"))
    return Extracted(
        lines=tuple(lines), places=tuple(places), hints=tuple(hints), reader=f"docx (python-docx {version('python-docx')})"
    )


def _mark_kicker(lines: list[str], places: list[str], hints: list[Hint]) -> None:
    """State a kicker typed over the Title-styled paragraph in the Markdown marks the recovery engine reads.

    The paragraph right above the title, short and not a sentence, is its kicker (引题): the
    reader writes '## 引题' over '# 标题', the headline block the engine knows, since a plain
    line over a title reads as the title's first line."""
    titles = [h.line for h in hints if h.kind is EvidenceKind.TITLE]
    if not titles:
        return
    t = titles[0]
    above = lines[t - 1].strip() if t > 0 and places[t - 1].startswith("¶") else ""
    if above and len(above) <= KICKER_MAX and not SENTENCE_END_RE.search(above) and not DATE_LINE_RE.match(above):
        lines[t - 1] = "## " + lines[t - 1]
        lines[t] = "# " + lines[t]


def _unique_cells(row) -> list[str]:
    """A row's cells' text, a merged cell once (python-docx repeats it for every grid column it spans)."""
    out: list[str] = []
    seen: list[object] = []
    for cell in row.cells:
        if any(cell._tc is s for s in seen):
            continue
        seen.append(cell._tc)
        out.append(cell.text)
    return out


def _has_picture(paragraph) -> bool:
    """Tell whether a paragraph holds a picture (an inline or floating drawing, or an old VML picture)."""
    xml = paragraph._p.xml
    return "<w:drawing" in xml or "<w:pict" in xml


def _bold_lead(paragraph) -> str:
    """The bold runs a paragraph opens with, when the rest is not bold (a lead sentence)."""
    runs = [r for r in paragraph.runs if r.text]
    lead = ""
    for i, run in enumerate(runs):
        if not run.bold:
            return lead if i and lead.strip() else ""
        lead += run.text
    return ""
