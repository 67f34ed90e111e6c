"""Stage 4b: cross-indexes built from the district records: themes, glossary, key figures."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from .data import GlossaryTerm, Theme
from .records import Block, District

# A sentence ends at full-width 。！？；, closing quotes staying with it.
SENTENCE_RE = re.compile(r"[^。！？；]*[。！？；]+[”’）」]*|[^。！？；]+$")
# A reported quantity: a number (maybe 1.9万, 5-7) and the unit that counts it.
FIGURE_RE = re.compile(
    r"(?<![\d.])(?P<num>\d+(?:\.\d+)?(?:[-—~]\d+(?:\.\d+)?)?)(?P<mag>[万亿千百]?)(?P<unit>%|[多余]?(?:个|名|人次|人|家|支|项|场次|场|次|所|件|户|条|批次|批|处|亿元|万元|元|平方公里|平方米|公里|万亩|亩|班次|路|幢|栋|位|期|份|天|年))"
)
# Units that count things: the noun after them says what (386个小区党支部); amounts and shares
# (元, %, 亩) belong to the words before them (投入2.1亿元).
COUNTING_UNITS = (
    "个",
    "名",
    "家",
    "支",
    "项",
    "所",
    "件",
    "户",
    "条",
    "处",
    "幢",
    "栋",
    "位",
    "期",
    "份",
    "批",
    "批次",
    "路",
    "班次",
)
# What a figure counts, when the noun follows the unit: 386个小区党支部, 80%的小区. A function
# word ends it (把, 在, 和 …).
FUNCTION_CHARS = "把被在和与了是将为对从向等及并也都就还已又才可能会要让使给由于以至到达共每全均正逐"
FOLLOWING_NOUN_RE = re.compile(rf"^的?[^\W\d_{FUNCTION_CHARS}]{{1,10}}")
# What a figure counts, when the noun comes first: 网格员3688名, GDP同比增长3.9%.
PRECEDING_NOUN_RE = re.compile(r"(?:[A-Za-z]+)?[\u4e00-\u9fff]{1,8}$")
# Numbers that are dates or ordinals, not quantities.
NOT_A_QUANTITY_RE = re.compile(r"^(?:\d{4}年|第)")


@dataclass(frozen=True, kw_only=True)
class Passage:
    """A paragraph that matches a theme, with the terms that fired and the quoted excerpt."""

    theme: str
    district: str  # district slug
    district_name: str
    article: str
    article_title: str
    block: str
    section: str
    terms: tuple[str, ...]
    excerpt: str


@dataclass(frozen=True, kw_only=True)
class Figure:
    """A quantity an article reports, linked to its paragraph."""

    district: str
    article: str
    block: str
    text: str


@dataclass(frozen=True, kw_only=True)
class CrossIndex:
    """Everything the theme, glossary and figure pages need."""

    themes: tuple[Theme, ...]
    passages: tuple[Passage, ...]
    glossary: tuple[GlossaryTerm, ...]
    glossary_uses: tuple[tuple[str, tuple[tuple[str, str, str, str], ...]], ...]  # term -> (district, name, block, title)
    figures: tuple[Figure, ...]
    related: tuple[tuple[str, tuple[str, ...]], ...]  # district slug -> related district slugs

    # Lookups are built once and cached: scanning every passage per district or per matrix
    # cell made rendering quadratic in the number of districts.
    @cached_property
    def _cells(self) -> dict[str, dict[str, list[Passage]]]:
        """Passages by theme, then by district, in document order."""
        out: dict[str, dict[str, list[Passage]]] = {}
        for p in self.passages:
            out.setdefault(p.theme, {}).setdefault(p.district, []).append(p)
        return out  # plain dicts: the index is pickled into the build cache

    @cached_property
    def _by_district(self) -> dict[str, Counter]:
        out: dict[str, Counter] = defaultdict(Counter)
        for p in self.passages:
            out[p.district][p.theme] += 1
        return out

    @cached_property
    def _figures_by_article(self) -> dict[tuple[str, str], list[Figure]]:
        out: dict[tuple[str, str], list[Figure]] = defaultdict(list)
        for f in self.figures:
            out[f.district, f.article].append(f)
        return out

    def district_themes(self, slug: str) -> list[tuple[Theme, int]]:
        """Themes of one district with its passage count, strongest first."""
        by_slug = {t.slug: t for t in self.themes}
        counts = self._by_district.get(slug, Counter())
        return [(by_slug[s], n) for s, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def count(self, theme: str, district: str) -> int:
        """Count the passages of one theme in one district."""
        return self._by_district.get(district, Counter())[theme]

    def theme_districts(self, theme: str) -> list[tuple[str, list[Passage]]]:
        """Districts with passages of one theme and those passages, most passages first."""
        cells = self._cells.get(theme, {})
        return [(d, list(cells[d])) for d in sorted(cells, key=lambda d: (-len(cells[d]), d))]

    def article_figures(self, district: str, article: str) -> list[Figure]:
        """Key figures of one article."""
        return list(self._figures_by_article.get((district, article), ()))


def match_terms(text: str, terms: Sequence[str]) -> tuple[str, ...]:
    """Return the terms that occur in a text, in the taxonomy's order."""
    return tuple(t for t in terms if t in text)


def excerpt(text: str, terms: Sequence[str]) -> str:
    """Trim a paragraph to the sentences in which a term fires ('……' marks the gaps)."""
    sentences = [s for s in SENTENCE_RE.findall(text) if s]
    keep = [i for i, s in enumerate(sentences) if any(t in s for t in terms)]
    if not keep:
        keep = [0]
    parts, last = [], None
    for i in keep:
        if last is not None and i != last + 1:
            parts.append("……")
        parts.append(sentences[i])
        last = i
    return "".join(parts)


def build_cross_index(
    districts: Sequence[District], themes: Sequence[Theme], glossary: Sequence[GlossaryTerm], themes_file: str
) -> tuple[CrossIndex, list[str]]:
    """Match paragraphs to themes and glossary terms, extract figures, relate districts."""
    passages: list[Passage] = []
    figures: list[Figure] = []
    uses: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for district in districts:
        for article in district.articles:
            section: Block | None = None
            # Each theme's terms in the current section heading, found once per heading.
            section_terms: list[tuple[str, ...]] = [() for _ in themes]
            seen: set[str] = set()  # figures of this article so far: one row per figure, at its first paragraph
            for block in article.blocks:
                if block.kind == "heading":
                    section = block
                    section_terms = [match_terms(block.text, theme.terms) for theme in themes]
                    continue
                if block.kind != "para":
                    continue  # captions and credits are not matched
                for theme, in_section in zip(themes, section_terms, strict=True):
                    in_text = match_terms(block.text, theme.terms)
                    fired = tuple(dict.fromkeys(in_text + in_section))
                    if fired:
                        passages.append(
                            Passage(
                                theme=theme.slug,
                                district=district.slug,
                                district_name=district.region.district,
                                article=article.ident,
                                article_title=article.title,
                                block=block.ident,
                                section=section.text if section else "",
                                terms=fired,
                                excerpt=excerpt(block.text, in_text or fired),
                            )
                        )
                for term in glossary:
                    if any(form in block.text for form in term.forms):
                        uses[term.term].append((district.slug, district.region.district, block.ident, article.title))
                for t in figures_in(block.text):
                    if t not in seen:
                        seen.add(t)
                        figures.append(Figure(district=district.slug, article=article.ident, block=block.ident, text=t))
    index = CrossIndex(
        themes=tuple(themes),
        passages=tuple(passages),
        glossary=tuple(glossary),
        glossary_uses=tuple((t.term, tuple(uses[t.term])) for t in glossary),
        figures=tuple(figures),
        related=_related(districts, passages),
    )
    warnings: list[str] = []
    for theme in themes:
        places = index.theme_districts(theme.slug)
        if not places:
            # A warning, not an error: the generator must also run on small or unusual seed folders.
            warnings.append(f"{themes_file}: theme '{theme.slug}' matches no paragraph")
        elif len(places) < 2:
            warnings.append(f"{themes_file}: theme '{theme.slug}' matches only one district")
    for term in glossary:
        if not uses[term.term]:
            warnings.append(f"glossary term '{term.term}' occurs in no paragraph")
    for district in districts:
        if len(index.district_themes(district.slug)) < 3:
            warnings.append(f"district '{district.slug}' appears under fewer than three themes")
    return index, warnings


def figures_in(text: str) -> list[str]:
    """Extract reported quantities with what they count, cut on word boundaries (jieba).

    '村居干部专题培训160多场', '386个小区党支部', '网格员3688名': the measure word with the noun
    it counts after it, else the words before the number; never half a word."""
    out: list[str] = []
    for clause in re.split(r"[，。；：、！？（）“”]", text):
        matches = [m for m in FIGURE_RE.finditer(clause)
                   if not (NOT_A_QUANTITY_RE.match(clause[m.start():]) or (m["unit"] == "年" and not m["mag"]))]  # fmt: skip
        if not matches:
            continue
        bounds = _word_bounds(clause)
        previous_end = -1
        for m in matches:
            unit = m["unit"].lstrip("多余")
            after = FOLLOWING_NOUN_RE.findall(clause[m.end() :]) if unit in COUNTING_UNITS or unit == "%" else []
            if after and after[0].startswith("的") and unit != "%":
                after = []
            end = m.end() + _whole(after[0] if after else "", m.end(), bounds, forward=True)
            start = m.start()
            if m.start() == previous_end and out:
                # 906户12569人: a second figure right after the first belongs to the same label.
                merged = out.pop()
                out.append(merged + clause[m.start() : end])
                previous_end = end
                continue
            if end == m.end():
                # Words before the number, not reaching back into the figure before it.
                floor = max(previous_end, 0)
                before = PRECEDING_NOUN_RE.findall(clause[floor : m.start()])
                run = (before[0] if before else "").lstrip(FUNCTION_CHARS)
                start = m.start() - _whole(run, m.start(), bounds, forward=False)
            label = clause[start:end]
            previous_end = m.end() if end == m.end() else end
            if label not in out:
                out.append(label)
    return out


def _word_bounds(text: str) -> set[int]:
    """Offsets where jieba puts a word boundary in a text."""
    from .segment import words

    bounds, position = {0}, 0
    for word in words(text):
        position += len(word)
        bounds.add(position)
    return bounds


def _whole(run: str, at: int, bounds: set[int], forward: bool) -> int:
    """The longest part of a run next to a number that ends (or starts) on a word boundary."""
    for k in range(len(run), 0, -1):
        if (at + k if forward else at - k) in bounds:
            return k
    return 0


def _related(districts: Sequence[District], passages: Sequence[Passage]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Relate each district to the three sharing most themes with it (ties by slug)."""
    bit = {slug: 1 << i for i, slug in enumerate(dict.fromkeys(p.theme for p in passages))}
    mask_of = {d.slug: 0 for d in districts}
    for p in passages:
        mask_of[p.district] |= bit[p.theme]
    # Districts with the same theme set are interchangeable here, so compare sets, not districts:
    # the pairwise work grows with the number of distinct sets (bounded by the taxonomy), and
    # only the first three slugs of each set can ever be chosen.
    groups: dict[int, list[str]] = defaultdict(list)
    for slug in sorted(mask_of):
        groups[mask_of[slug]].append(slug)
    related = []
    for d in districts:
        mine = mask_of[d.slug]
        candidates = []
        for mask, slugs in groups.items():
            shared = (mask & mine).bit_count()
            if shared:
                candidates += [(-shared, s) for s in [s for s in slugs if s != d.slug][:3]]
        related.append((d.slug, tuple(s for _, s in sorted(candidates)[:3])))
    return tuple(related)
