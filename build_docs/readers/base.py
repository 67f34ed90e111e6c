"""The contract every format reader fulfils."""

from __future__ import annotations

from dataclasses import dataclass

from ..kinds import EvidenceKind


@dataclass(frozen=True, kw_only=True)
class Dropped:
    """A piece of the file a reader left out as furniture (site navigation, a running head)."""

    place: str  # where in the file, in the format's terms: '#nav3', 'p2', '¶4'
    text: str  # verbatim
    why: str  # short reason shown on 校勘记, e.g. '网页导航', '页眉', '页码'


@dataclass(frozen=True, kw_only=True)
class Hint:
    """Something the format knows for sure about one output line (0-based index into `lines`)."""

    line: int
    kind: EvidenceKind
    detail: str = ""  # e.g. 'h1', 'Title style', 'font 22pt'


@dataclass(frozen=True, kw_only=True)
class Extracted:
    """What a reader made of one file: seed lines plus where each came from."""

    lines: tuple[str, ...]
    places: tuple[str, ...]  # one per line: its locator in the format ('¶12', '#p7', 'p3')
    dropped: tuple[Dropped, ...] = ()
    hints: tuple[Hint, ...] = ()
    reader: str = ""  # e.g. "html (trafilatura 2.0.0)": the reader and library that made it, for 校勘记

    def __post_init__(self) -> None:
        if len(self.places) != len(self.lines):
            raise ValueError("an Extracted needs exactly one place per line")


class ReaderError(Exception):
    """A file the reader cannot turn into text; the message says what to do ('no text layer; …')."""

    def __init__(self, message: str, *, place: str = "", fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.place = place
        self.fix = fix
