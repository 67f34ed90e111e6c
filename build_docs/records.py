"""Frozen records passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import provenance
from .kinds import BlockKind, NoteKind

if TYPE_CHECKING:  # the readers' package imports the records: only their types are needed here
    from .readers.base import Dropped, Hint


@dataclass(frozen=True, kw_only=True)
class Source:
    """Where a piece of text came from: seed file and 1-based inclusive line range."""

    file: str
    start: int
    end: int
    also: tuple[tuple[int, int], ...] = ()  # further line ranges joined onto this text

    def __str__(self) -> str:
        ranges = [(self.start, self.end), *self.also]
        placed = provenance.label(self.file, ranges)  # a reader-made seed shows its format's places
        if placed is not None:
            return placed
        return f"{self.file}:" + "+".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)


@dataclass(frozen=True, kw_only=True)
class Line:
    """One normalised seed line with its number."""

    file: str
    number: int
    text: str
    indent: bool = False  # the raw line began with an indentation (a paragraph's first line)
    removed: bool = False  # a furniture or metadata line, blanked: it breaks paragraphs like a blank line
    room: float = 0.0  # cells left empty before its column's edge (a column read from a page's layout)


@dataclass(frozen=True, kw_only=True)
class SeedFile:
    """A decoded seed file."""

    name: str  # path as shown to readers, e.g. seeds/x.txt
    encoding: str  # for a seed a format reader made: the reader and its library ('docx (python-docx 1.2.0)')
    lines: tuple[str, ...]
    places: tuple[str, ...] = ()  # a reader-made seed: each line's place in its format ('¶12', '#p7'); () for text
    dropped: tuple[Dropped, ...] = ()  # what the reader left out as furniture, listed on 校勘记
    hints: tuple[Hint, ...] = ()  # what the format says for sure about some lines (a Title style)


@dataclass(frozen=True, kw_only=True)
class Paragraph:
    """A run of joined lines; `breaks` are text offsets where blank lines fell inside it."""

    text: str
    source: Source
    gap_before: int  # blank lines before it in the seed
    breaks: tuple[int, ...] = ()
    joins: int = 0  # line breaks removed to make it
    after_removed: bool = False  # a furniture line (a picture placeholder, say) stood just before it


@dataclass(frozen=True, kw_only=True)
class Region:
    """A place parsed with the gazetteer: province / city / district (+ sub-units)."""

    province: str
    city: str
    district: str
    subunits: tuple[str, ...] = ()

    @property
    def district_key(self) -> tuple[str, str, str]:
        return (self.province, self.city, self.district)

    @property
    def full(self) -> str:
        return self.province + self.city + self.district + "".join(self.subunits)


@dataclass(frozen=True, kw_only=True)
class Block:
    """A body element of an article: paragraph, heading, caption or credit."""

    kind: BlockKind
    text: str
    source: Source
    level: int = 0  # heading level on the page (3 or 4)
    lead: str = ""  # run-in lead sentence shown in bold (paragraphs only)
    ident: str = ""  # stable anchor id, set when the handbook is indexed

    @property
    def rest(self) -> str:
        """The paragraph text after its run-in lead."""
        return self.text[len(self.lead) :]


@dataclass(frozen=True, kw_only=True)
class Article:
    """One recovered article with its metadata and body."""

    region: Region
    title: str
    kicker: str
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    role: str = ""
    date: str = ""  # ISO yyyy-mm-dd or ""
    date_text: str = ""  # the date as printed in the seed (time kept apart), or ""
    time: str = ""  # a web page's publication time, or ""
    publisher: str = ""  # the source named in the seed, or ""
    page: str = ""  # the newspaper page (版次) an edition note or page header prints ('19', 'A3'), or ""
    printed_headline: str = ""  # the headline as printed when the place was cut off the title
    signature: str = ""  # a closing '（作者为…）' line, as printed
    region_from: str = ""  # which part of the article gave the place
    corrections: tuple[tuple[str, str, str, str], ...] = ()  # (origin, seed line, actions, note) applied to it
    headline: Source
    blocks: tuple[Block, ...]
    ident: str = ""

    @property
    def author(self) -> str:
        """The authors as one line, for display."""
        return "、".join(self.authors)


@dataclass(frozen=True, kw_only=True)
class Note:
    """One entry for the editorial notes page (校勘记)."""

    kind: NoteKind
    source: Source
    message: str
    text: str = ""  # verbatim text concerned (removed lines are quoted in full)
    suggestion: str = ""  # for review notes: what an editor could declare to settle it
    doubt: int = 0  # for review notes: how doubtful the decision is (higher first)
    added: str = ""  # for text corrections: what the correction put in place of `text`
    origin: str = ""  # for corrections: the entry that made it ('corrections.yml:LINE')


@dataclass(frozen=True, kw_only=True)
class District:
    """A district page: its region and articles."""

    region: Region
    slug: str
    articles: tuple[Article, ...]


@dataclass(frozen=True, kw_only=True)
class Handbook:
    """Everything the renderer needs."""

    districts: tuple[District, ...]
    notes: tuple[Note, ...]
    seeds: tuple[SeedFile, ...]
    problems: tuple[str, ...] = ()  # files left out of a lenient build, with why
    change_counts: tuple[tuple[str, str, str, int], ...] = field(default=())  # (file, pass, change, count)
    declared: tuple[tuple[str, str, str], ...] = field(default=())  # (data file, key, description)
