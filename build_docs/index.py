"""Stage 4: group articles into district pages, give stable ids, check nothing was lost."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from .data import Vocabulary
from .errors import Problem
from .kinds import NoteKind
from .records import Article, Block, District, Note, Region, SeedFile, Source
from .recovery.blocks import DOUBT
from .regions import pinyin_slug, region_slug, short_name
from .text import han_chars


def group_districts(articles: Sequence[Article], vocab: Vocabulary) -> tuple[District, ...]:
    """Make one district page per district, articles ordered by date then source position."""
    by_key: dict[tuple[str, str, str], list[Article]] = defaultdict(list)
    for article in articles:
        by_key[article.region.district_key].append(article)
    districts = []
    slugs = unique_slugs([replace(group[0].region, subunits=()) for group in by_key.values()], vocab)
    for group in by_key.values():
        group.sort(key=lambda a: (a.date or "9999", a.headline.file, a.headline.start))
        numbered = tuple(_with_ids(a, n) for n, a in enumerate(group, start=1))
        region = replace(group[0].region, subunits=())
        districts.append(District(region=region, slug=slugs[region.district_key], articles=numbered))
    districts.sort(key=lambda d: d.slug)
    return tuple(districts)


def unique_slugs(regions: Sequence[Region], vocab: Vocabulary) -> dict[tuple[str, str, str], str]:
    """Give each district its page slug, telling apart those whose short names read alike.

    伊宁县 and 伊宁市 both shorten to 'yining': each of a colliding set is told by its suffix
    (…-yining-xian, …-yining-shi), else by its full name with tones, else by its rank among
    them in gazetteer order; the result never depends on which seed came first."""
    keys = sorted({r.district_key: r for r in regions}.items())
    slugs = {key: region_slug(region, vocab) for key, region in keys}
    taken = Counter(slugs.values())
    for tell in (_suffix_slug, _toned_slug):
        clashing = [(key, region) for key, region in keys if taken[slugs[key]] > 1]
        if not clashing:
            return slugs
        for key, region in clashing:
            slugs[key] = f"{slugs[key]}-{tell(region.district, vocab)}"
        taken = Counter(slugs.values())
    ranks: Counter[str] = Counter()
    for key, _ in keys:
        if taken[slugs[key]] > 1:
            ranks[slugs[key]] += 1
            slugs[key] = f"{slugs[key]}-{ranks[slugs[key]]}"
    return slugs


def _suffix_slug(name: str, vocab: Vocabulary) -> str:
    """Romanise what a district's short name leaves off (县 -> xian, 自治县 -> zizhixian)."""
    short = short_name(name, vocab)
    rest = name[len(short) :] if name.startswith(short) and name != short else name
    return pinyin_slug(rest)


def _toned_slug(name: str, vocab: Vocabulary) -> str:
    """Romanise a district's full name with tone numbers (同音 names differ by their tones)."""
    return pinyin_slug(name, tones=True)


def drop_duplicates(
    files: Sequence[tuple[str, Sequence[Article]]], texts: Mapping[str, Sequence[str]]
) -> tuple[set[tuple[str, int]], list[Note]]:
    """Find articles another file already gave whole (same title, same body), with the notes that say so.

    Files come in sorted order and the first copy stays. A copy of the same file (the same
    text under another name, in any encoding or line ends) is dropped: a review note names both
    copies and a note quotes its text, so every character is still accounted for. The same
    article in a differently laid-out file (another channel's copy) is published again, with a
    review note naming both: its layout is evidence an editor may want to weigh."""
    first: dict[tuple[str, tuple[str, ...]], Article] = {}
    dropped: set[tuple[str, int]] = set()
    notes: list[Note] = []
    for file, articles in files:
        for article in articles:
            key = (article.title, tuple(b.text for b in article.blocks))
            kept = first.setdefault(key, article)
            if kept is article or kept.headline.file == file:
                continue
            if tuple(texts.get(file, ())) != tuple(texts.get(kept.headline.file, ())):
                notes.append(Note(
                    kind=NoteKind.REVIEW, source=article.headline, text=article.title, doubt=DOUBT["duplicate"],
                    message=f"与 {kept.headline} 的文章标题、正文完全相同，两份底本版式不同，都已发表；如是同一篇，请删去一份底本",
                ))  # fmt: skip
                continue
            dropped.add((file, article.headline.start))
            notes.append(Note(
                kind=NoteKind.REVIEW, source=article.headline, text=article.title, doubt=DOUBT["duplicate"],
                message=f"与 {kept.headline} 的文章标题、正文完全相同，只发表了那一份；如是两篇不同的文章，请核对原文",
            ))  # fmt: skip
            ranges = [(b.source.start, b.source.end) for b in article.blocks]
            notes.append(Note(
                kind=NoteKind.UNPUBLISHED,
                source=Source(file=file, start=min(a for a, _ in ranges), end=max(b for _, b in ranges)) if ranges else article.headline,
                message=f"与 {kept.headline} 重复的正文，未再次发表",
                text="\n".join(b.text for b in article.blocks),
            ))  # fmt: skip
    return dropped, notes


def check_pages(districts: Sequence[District], pages: Sequence[tuple[str, str]], marker) -> list[Problem]:
    """Check that no page path is made twice and each article is on exactly one district page.

    `marker(article)` is what a page holds of an article and of no other (its source line)."""
    problems = []
    made = Counter(path for path, _ in pages)
    for path, n in sorted(made.items()):
        if n > 1:
            problems.append(Problem(file=path, line=0, message=f"page made {n} times: one overwrote the other"))
    for district in districts:
        for article in district.articles:
            mark = marker(article)
            on = [path for path, text in pages if mark in text]
            if len(on) != 1:
                problems.append(Problem(
                    file=article.headline.file, line=article.headline.start,
                    message=f"article '{article.title}' is on {len(on)} pages ({', '.join(on) or 'none'}), not one",
                ))  # fmt: skip
    return problems


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
        # A reader's dropped furniture is the file's text too: listed on 校勘记, it is accounted there.
        raw = Counter(han_chars("\n".join([*seed.lines, *(d.text for d in seed.dropped)])))
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
                    fix=LOST_FIX,
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


# No entry settles lost text: it is the rules' fault, and only a lenient build publishes the rest meanwhile.
LOST_FIX = "the rules lost this text: build with --lenient to publish the other files meanwhile, and report this file"


def _first_line_with(seed: SeedFile, chars: Counter[str]) -> int:
    for number, line in enumerate(seed.lines, start=1):
        if any(ch in chars for ch in line):
            return number
    return 0
