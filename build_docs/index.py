"""Stage 4: group articles into district pages, give stable ids, check nothing was lost."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from .data import Vocabulary
from .errors import Problem
from .records import Article, Block, District, Note, SeedFile
from .regions import region_slug
from .text import han_chars


def group_districts(articles: Sequence[Article], vocab: Vocabulary) -> tuple[District, ...]:
    """Make one district page per district, articles ordered by date then source position."""
    by_key: dict[tuple[str, str, str], list[Article]] = defaultdict(list)
    for article in articles:
        by_key[article.region.district_key].append(article)
    districts = []
    for group in by_key.values():
        group.sort(key=lambda a: (a.date or "9999", a.headline.file, a.headline.start))
        numbered = tuple(_with_ids(a, n) for n, a in enumerate(group, start=1))
        base = group[0].region
        region = replace(base, subunits=())
        districts.append(District(region=region, slug=region_slug(region, vocab), articles=numbered))
    districts.sort(key=lambda d: d.slug)
    return tuple(districts)


def _with_ids(article: Article, number: int) -> Article:
    """Number the article and its blocks: a1, a1-s1, a1-p3, a1-f1 …"""
    prefix = f"a{number}"
    counters: Counter[str] = Counter()
    blocks: list[Block] = []
    for block in article.blocks:
        kind = block.kind.anchor_prefix
        counters[kind] += 1
        blocks.append(replace(block, ident=f"{prefix}-{kind}{counters[kind]}"))
    return replace(article, ident=prefix, blocks=tuple(blocks))


def check_conservation(seeds: Sequence[SeedFile], articles: Sequence[Article], notes: Sequence[Note]) -> list[Problem]:
    """Check every Han character of every seed is published or listed on the notes page."""
    accounted: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for block in article.blocks:
            accounted[block.source.file].update(han_chars(block.text))
    added: dict[str, Counter[str]] = defaultdict(Counter)
    for note in notes:
        if note.kind.accounted:
            accounted[note.source.file].update(han_chars(note.text))
        added[note.source.file].update(han_chars(note.added))  # text put in by a declared correction
    problems = []
    for seed in seeds:
        raw = Counter(han_chars("\n".join(seed.lines)))
        lost = raw - accounted[seed.name]
        extra = accounted[seed.name] - raw - added[seed.name]
        if lost:
            line = _first_line_with(seed, lost)
            sample = "".join(sorted(lost.elements()))[:40]
            problems.append(
                Problem(
                    file=seed.name,
                    line=line,
                    message=f"{sum(lost.values())} Han characters neither published nor listed as removed: '{sample}'",
                )
            )
        if extra:
            sample = "".join(sorted(extra.elements()))[:40]
            problems.append(
                Problem(
                    file=seed.name,
                    line=0,
                    message=f"{sum(extra.values())} Han characters published more often than the seed has them: '{sample}'",
                )
            )
    return problems


def _first_line_with(seed: SeedFile, chars: Counter[str]) -> int:
    for number, line in enumerate(seed.lines, start=1):
        if any(ch in chars for ch in line):
            return number
    return 0
