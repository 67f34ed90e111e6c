"""Where a line of a seed came from, in its format's own terms: `page.html:#p7`, `file.docx:¶12`.

A plain-text seed's lines are shown by number (`x.txt:12`). A seed a format reader made keeps,
for each of its lines, the place the reader found it (`SeedFile.places`); every `Source` over
such a seed is shown by those places instead. The recovery engine keeps counting lines: only
what a reader sees (校勘记, records.json, data-source attributes, review entries, problems)
changes, so the text pipeline is the same for every format.

The places are registered once per build (and per process: the parse workers are forked after
it), keyed by the seed's shown name; a name without places shows its line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

# A place is a prefix and a number ('¶12', '#p7', 'p3'): a range of one prefix reads '¶3-5'.
PLACE_RE = re.compile(r"^(?P<prefix>.*?)(?P<number>\d+)$")

_PLACES: dict[str, tuple[str, ...]] = {}


class _Seed(Protocol):
    """A seed as the registry reads it (records.SeedFile, which imports this module)."""

    @property
    def name(self) -> str: ...

    @property
    def places(self) -> tuple[str, ...]: ...


def register(seeds: Iterable[_Seed]) -> None:
    """Remember the places of the seeds a reader made (and forget those of a name now plain text)."""
    for seed in seeds:
        if seed.places:
            _PLACES[seed.name] = seed.places
        else:
            _PLACES.pop(seed.name, None)


def places_of(file: str) -> tuple[str, ...]:
    """The registered places of a seed's lines, or () for a plain-text seed."""
    return _PLACES.get(file, ())


def label(file: str, ranges: Sequence[tuple[int, int]]) -> str | None:
    """Show line ranges of a reader-made seed by their places ('x.docx:¶3-5+¶9'); None for plain text."""
    places = _PLACES.get(file)
    if not places:
        return None
    shown = [_range(places, a, b) for a, b in ranges if a > 0]
    return f"{file}:{'+'.join(shown)}" if shown else file


def line_place(file: str, line: int) -> str | None:
    """The place of one line of a reader-made seed (None for plain text or a line it does not have)."""
    places = _PLACES.get(file)
    if not places or not 0 < line <= len(places):
        return None
    return places[line - 1]


def address(file: str, line: int) -> str:
    """The form a corrections.yml 'at' names one line by: 'x.txt:12', 'x.docx:¶12', 'x.pdf:p3/2'."""
    places = _PLACES.get(file)
    if not places or not 0 < line <= len(places):
        return f"{file}:{line}"
    place = places[line - 1]
    same = [n for n, p in enumerate(places, start=1) if p == place]
    return f"{file}:{place}" if len(same) == 1 else f"{file}:{place}/{same.index(line) + 1}"


def resolve(place: str, places: Sequence[str]) -> tuple[int, str]:
    """Find the line a place names ('¶12', or 'p3/2' for the second line of a shared place); (0, why) if none."""
    name, _, nth = place.rpartition("/") if "/" in place else (place, "", "")
    if nth and not nth.isdigit():
        name, nth = place, ""
    lines = [n for n, p in enumerate(places, start=1) if p == name]
    if not lines:
        return 0, f"no place '{name}' in this file"
    if nth:
        k = int(nth)
        if not 1 <= k <= len(lines):
            return 0, f"place '{name}' holds {len(lines)} line(s), not {k}"
        return lines[k - 1], ""
    if len(lines) > 1:
        return 0, f"place '{name}' holds {len(lines)} lines: name one as '{name}/1' … '{name}/{len(lines)}'"
    return lines[0], ""


def _range(places: Sequence[str], a: int, b: int) -> str:
    """Show one line range by its first and last places, sharing their prefix ('¶3-5', '#p7')."""
    first = places[a - 1] if a <= len(places) else str(a)
    last = places[b - 1] if 0 < b <= len(places) else str(b)
    if first == last:
        return first
    ma, mb = PLACE_RE.match(first), PLACE_RE.match(last)
    if ma and mb and ma["prefix"] == mb["prefix"]:
        return f"{first}-{mb['number']}"
    return f"{first}-{last}"
