"""Stage 1: find seed files and decode them, reporting the encoding used."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from . import readers
from .errors import Problem, fail
from .records import SeedFile
from .text import CONTROL_RE

# Tried in order; GB18030 is a superset of GBK/GB2312, the usual legacy encodings of Chinese pages.
ENCODINGS = ("utf-8-sig", "gb18030")
# Line ends as files from Windows, old Macs, web copies (U+2028/9, NEL) and PDF text (form feed) write them.
LINE_END_RE = re.compile("\r\n|[\r\n\u2028\u2029\x85\x0c]")
# UTF-16 is recognised by its byte-order mark (as Windows tools save "Unicode" text).
UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
# What settles a file the build cannot read: the seed is never edited, so a readable copy replaces it.
UNDECODABLE_FIX = "save the file again as UTF-8 (or GB18030) text: the copy you got is damaged or in another encoding"
REFUSED_FIX = "put a plain text file in the seeds folder instead (a copy, not a link to a file elsewhere)"


def read_seeds_leniently(seeds_dir: Path, shown_as: str | None = None) -> tuple[tuple[SeedFile, ...], list[Problem]]:
    """Read every file of a seeds folder, returning the readable seeds and the problems of the rest.

    Plain text (.txt, .md) is decoded here; a saved page, a Word document or a PDF goes to its
    format's reader (build_docs.readers), imported only when such a file is present. A file of no
    known format is listed as a problem that never stops the others (nor a strict build)."""
    prefix = shown_as if shown_as is not None else str(seeds_dir)
    problems: list[Problem] = []
    seeds: list[SeedFile] = []
    if not seeds_dir.is_dir():
        fail(Problem(file=prefix, line=0, message="seed folder not found"))
    paths = seed_paths(seeds_dir)
    if not paths:
        fail(Problem(file=prefix, line=0, message=f"no seed files ({', '.join(readers.SUFFIXES)}) in this folder"))
    for path in paths:
        name = f"{prefix.rstrip('/')}/{path.name}"
        known = readers.format_of(path) is not None
        if not known and path.is_dir() and not path.is_symlink():
            problems.append(readers.unknown(CONTROL_RE.sub("?", name), path))
            continue
        refused = refusal(path, seeds_dir)
        if refused:
            problems.append(Problem(file=CONTROL_RE.sub("?", name), line=0, message=refused, fix=REFUSED_FIX))
            continue
        if not known:
            problems.append(readers.unknown(CONTROL_RE.sub("?", name), path))
            continue
        seed = readers.read_seed(name, path, problems)
        if seed is not None:
            seeds.append(seed)
    return tuple(seeds), problems


def seed_paths(seeds_dir: Path) -> list[Path]:
    """Every entry of a seeds folder in name order, less the folders of saved pages (x_files beside x.html)."""
    entries = sorted(seeds_dir.iterdir())
    pages = {p.stem for p in entries if readers.format_of(p) == "html"}
    return [p for p in entries if not readers.page_folder(p, pages)]


def refusal(path: Path, seeds_dir: Path) -> str | None:
    """Say why a seed path must not be read (a link out of the folder, not a plain file), else None."""
    # A link may point at anything the build can read (/etc/passwd): only the folder's own
    # files are seeds. A pipe or device would block or never end; a folder cannot be read.
    if CONTROL_RE.search(path.name):
        return "file name holds control characters"
    if path.is_symlink() and not path.resolve().is_relative_to(seeds_dir.resolve()):
        return "symlink outside the seeds folder"
    try:
        mode = path.stat().st_mode
    except OSError:
        return "file not found (a broken link)"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    return None


def decode_seed(name: str, data: bytes, problems: list[Problem]) -> SeedFile | None:
    """Decode one seed's bytes, appending a located problem when that fails."""
    text = None
    encoding = ""
    for bom, codec in UTF16_BOMS.items():
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom) :].decode(codec), f"{codec} (with BOM)"
            except UnicodeDecodeError:
                pass
    for candidate in ENCODINGS if text is None else ():
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        encoding = (
            "utf-8 (with BOM)"
            if candidate == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf")
            else ("utf-8" if candidate == "utf-8-sig" else candidate)
        )
        break
    if text is None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            problems.append(
                Problem(
                    file=name,
                    line=line,
                    message=f"undecodable bytes {data[err.start : err.start + 4]!r}: not UTF-8 (with or without BOM) nor GB18030",
                    fix=UNDECODABLE_FIX,
                )
            )
        return None
    if not text.strip():
        problems.append(
            Problem(file=name, line=1, message="empty seed text", fix="put the article's text in it, or remove the file")
        )
        return None
    lines = LINE_END_RE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return SeedFile(name=name, encoding=encoding, lines=tuple(lines))
