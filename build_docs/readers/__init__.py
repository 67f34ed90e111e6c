"""Stage 1b: readers that turn a saved page, a Word document or a newspaper PDF into seed lines.

Every reader returns an `Extracted`: the lines a clean plain-text copy of the article(s) would
hold, the place of each line in the format's own terms (`¶12`, `#p7`, `p3`), what the reader
dropped as furniture (listed on 校勘记 so nothing disappears unaccounted), and the evidence the
format gives for sure (a `<title>`, a Word "Title" style, a headline's font size).  Readers are
imported lazily, only when a file of their format is present, so plain-text builds pay nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem
from ..records import SeedFile
from .base import Extracted, ReaderError

if TYPE_CHECKING:
    from collections.abc import Callable

# The file name suffixes read, and the format each is: plain text is decoded by build_docs.ingest.
FORMATS = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}
SUFFIXES = tuple(FORMATS)
# A browser's "save page, complete" puts the page's pictures and scripts in NAME_files beside NAME.html.
PAGE_FOLDER_RE = re.compile(r"^(?P<stem>.+)_files$")
# What an editor does with a file the build cannot read, by suffix (the commonest cases).
UNKNOWN_FIX = {
    ".doc": "save it again in Word as .docx (Word 97–2003 documents are not read)",
    ".wps": "save it again as .docx",
    ".rtf": "save it again as .docx",
    ".mhtml": "save the page again as 'Webpage, complete' (.html)",
    ".mht": "save the page again as 'Webpage, complete' (.html)",
}
# What settles a reader's failure on one file: the others are published meanwhile.
READER_FAILED_FIX = "report this file; a lenient build publishes the others meanwhile; or save the article as .txt"
GENERIC_FIX = "save the article as .txt, .md, .html, .docx or .pdf, or move the file out of the seeds folder"


def format_of(path: Path) -> str | None:
    """The format a seed file is read as ('text', 'html', 'docx', 'pdf'), or None for one no reader takes."""
    return FORMATS.get(path.suffix.lower())


def page_folder(path: Path, pages: set[str]) -> bool:
    """Tell whether a folder holds the pictures and scripts of a saved page beside it (x_files for x.html)."""
    m = PAGE_FOLDER_RE.match(path.name)
    return bool(m and m["stem"] in pages and path.is_dir())


def unknown(name: str, path: Path) -> Problem:
    """Say that a file of the seeds folder is of no format the build reads (listed, never fatal to the rest)."""
    what = "a folder (seeds are read from the folder itself, not from sub-folders)" if path.is_dir() else "a file"
    suffix = path.suffix.lower()
    kind = f"'{suffix}'" if suffix else "no suffix"
    return Problem(
        file=name,
        line=0,
        message=f"not read: {what} of no format the build reads ({kind}; it reads {', '.join(SUFFIXES)})",
        fix=UNKNOWN_FIX.get(suffix, GENERIC_FIX),
        blocking=False,
    )


def read_seed(name: str, path: Path, problems: list[Problem]) -> SeedFile | None:
    """Read one seed file by its format, appending a located problem when it cannot be read."""
    kind = format_of(path)
    data = path.read_bytes()
    if kind == "text":
        from ..ingest import decode_seed

        return decode_seed(name, data, problems)
    try:
        reader = _reader(kind or "")
    except ImportError as err:
        problems.append(
            Problem(file=name, line=0, message=f"{(kind or '').upper()} reader not installed ({err.name or err})",
                    fix="install the project again (pip install -e .), or save the article as .txt meanwhile")
        )  # fmt: skip
        return None
    try:
        extracted = reader(data, name)
    except ReaderError as err:
        where = f" ({err.place})" if err.place else ""
        problems.append(Problem(file=name, line=0, message=f"{err.message}{where}", fix=err.fix))
        return None
    except Exception as err:  # a reader's own failure on a strange file is that file's problem, not the build's
        problems.append(Problem(file=name, line=0, message=f"the {kind} reader failed: {type(err).__name__}: {err}",
                                fix=READER_FAILED_FIX))  # fmt: skip
        return None
    return seed_of(name, extracted, problems)


def _reader(kind: str) -> Callable[[bytes, str], Extracted]:
    """Import the reader of a format (only now: a build of plain text never loads them)."""
    if kind == "html":
        from .html import read_html

        return read_html
    if kind == "docx":
        from .docx import read_docx

        return read_docx
    from .pdf import marked_lines, read_pdf

    def read_marked_pdf(data: bytes, name: str) -> Extracted:
        """Read a page PDF, its headline sizes stated as the Markdown marks the engine reads ('## 引题', '# 标题')."""
        extracted = read_pdf(data, name)
        return replace(extracted, lines=marked_lines(extracted))

    return read_marked_pdf


def seed_of(name: str, extracted: Extracted, problems: list[Problem]) -> SeedFile | None:
    """Make a seed of what a reader extracted; a file with no text is a problem, as an empty .txt is."""
    if not any(line.strip() for line in extracted.lines):
        problems.append(Problem(file=name, line=0, message="no article text found in the file",
                                fix="open the file and check that it holds the article; else save the text as .txt"))  # fmt: skip
        return None
    return SeedFile(
        name=name,
        encoding=extracted.reader,
        lines=extracted.lines,
        places=extracted.places,
        dropped=extracted.dropped,
        hints=extracted.hints,
    )
