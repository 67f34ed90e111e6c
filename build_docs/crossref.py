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
# A reported quantity: a number (maybe 1.9万, 5-7) and the unit that counts it (个百分点 is a
# unit of its own, not 个 counting 百分点).
FIGURE_RE = re.compile(
    r"(?<![\d.])(?P<num>\d+(?:\.\d+)?(?:[-—~]\d+(?:\.\d+)?)?)(?P<mag>[万亿千百]?)(?P<unit>%|个百分点|[多余]?(?:个|名|人次|人|家|支|项|场次|场|次|所|件|户|条|批次|批|处|亿元|万元|元|平方公里|平方米|公里|万亩|亩|班次|路|幢|栋|位|期|份|天|年))"
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
# A clause that opens on its number names its subject right after the measure word, in at
# least two Han characters (386个小区党支部, 6个招商项目组成立党员突击队).
COUNTED_NOUN_RE = re.compile(r"^[\u4e00-\u9fff]{2}")
# Numbers that are dates or ordinals, not quantities.
NOT_A_QUANTITY_RE = re.compile(r"^(?:\d{4}年|第)")
# A clause ends at full-width or ASCII clause punctuation. The enumeration comma 、 stays inside
# it (城管、综治、环保等17个职能部门 is one clause, 环保等17个 half of it), and an ASCII comma or
# colon between two digits is part of a number (12,569), never a cut.
CLAUSE_END_RE = re.compile(r"([，。；：！？;!?]+|(?<!\d)[,:]|[,:](?!\d))")
# A label before a colon belongs to the figure after it: 湖里社区总人口：906户12569人.
LABEL_COLON_RE = re.compile(r"^[：:]$")
# An aside in brackets is left out of a row: its own commas would cut the clause around it in
# half (按照“1+5+N”（“1”为……，“N”为……）模式配备网格员3688名).
ASIDE_RE = re.compile(r"（[^（）]*）|\([^()]*\)")
# Paired marks: a clause with one of a pair left open is a piece of a quotation.
PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"), ("《", "》"))
# Words that cannot open a clause that reads alone: it goes on from the one before (和…, 并…,
# 除…外, 高于全省增速1个百分点) or is a phrase whose subject is elsewhere (在…, 的湖里地区…).
LEADING_FUNCTION_WORDS = frozenset(
    "的 了 和 与 及 以及 等 并 并且 而 而且 外 也 就 还 又 才 把 被 在 将 对 从 向 于 至 到 或 或者 但 但是 除 除了 过 着 "
    "高于 低于 较 比".split()
)
# Words that cannot close one: the sentence goes on past the cut (兴隆阁2个居民小区外, 的批批).
TRAILING_FUNCTION_WORDS = frozenset("的 了 和 与 及 等 并 而 外 在 把 被 将 对 从 向 过 着 或 但".split())
# Words before a number that say how it relates or when, not what it is about: 增幅45.2%,
# 同比增3.3%, 占比达95.3% and 今年12项 name no subject, so these words do not make one.
NOT_A_SUBJECT_WORDS = frozenset(
    "同比 环比 增长 增幅 增加 增 增速 下降 降低 提高 提升 占 占比 比 达 达到 约 超 超过 近 共 累计 仅 "
    "至少 高于 低于 不低于 不少于 以上 以下 其中 较 今年 去年 明年 当年 全年 目前 近年来 年 月 日".split()
)
# A subject needs this many Han characters, or one Latin word (GDP增长5.7%).
MIN_SUBJECT_HAN = 2
LATIN_WORD_RE = re.compile(r"[A-Za-z]{2,}")
HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# Longer clauses are narrative sentences rather than rows of a figures table.
MAX_ROW_CHARS = 40


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
    """Return the clauses of a text that report a quantity and read alone, each once.

    A row is a whole clause, cut at clause punctuation: a subject, then a number with its
    measure ('湖里社区总人口906户12569人'), or a number opening on what it counts
    ('386个小区党支部'); a clause that only reads with its neighbours gives no row."""
    out: list[str] = []
    for clause in _clauses(text):
        if _stands_alone(clause) and clause not in out:
            out.append(clause)
    return out


def _clauses(text: str) -> list[str]:
    """Cut a text into clauses at clause punctuation, asides left out, colon labels kept."""
    while True:
        bare = ASIDE_RE.sub("", text)
        if bare == text:
            break
        text = bare
    parts = CLAUSE_END_RE.split(text)
    clauses: list[str] = []
    glue = False  # the clause before ended on a colon and names what this one counts
    for i in range(0, len(parts), 2):
        clause = parts[i].strip()
        if glue and clauses and clause[:1].isdigit():
            clauses[-1] += "：" + clause
        elif clause:
            clauses.append(clause)
        glue = i + 1 < len(parts) and bool(LABEL_COLON_RE.match(parts[i + 1])) and not any(c.isdigit() for c in clause)
    return clauses


def _stands_alone(clause: str) -> bool:
    """Tell whether a clause reports a quantity and reads without the text around it."""
    if len(clause) > MAX_ROW_CHARS or any(clause.count(a) != clause.count(b) for a, b in PAIRS):
        return False
    figure = next((m for m in FIGURE_RE.finditer(clause) if _is_quantity(clause, m)), None)
    if figure is None:
        return False
    from .segment import words

    said = [w for w in words(clause) if w.isalnum()]  # quotation marks are not words
    if not said or said[0] in LEADING_FUNCTION_WORDS or said[-1] in TRAILING_FUNCTION_WORDS:
        return False
    if clause[: figure.start()].endswith("等") and figure.end() == len(clause):
        return False  # 环保等17个: the tail of a list; what it counts lies past the cut
    before = [w for w in words(clause[: figure.start()]) if not _relation_word(w)]
    subject = "".join(before)
    if len(HAN_RE.findall(subject)) >= MIN_SUBJECT_HAN or LATIN_WORD_RE.search(subject):
        return True
    # No subject before the number: the clause must open on it and name what it counts.
    unit = figure["unit"].lstrip("多余")
    counted = clause[figure.end() :]
    return (
        not subject.strip()
        and unit in COUNTING_UNITS
        and bool(COUNTED_NOUN_RE.match(counted))
        and words(counted)[0] not in LEADING_FUNCTION_WORDS
    )


def _relation_word(word: str) -> bool:
    """Tell whether a word says how a number relates or when, not what it is about (占比, 比达)."""
    return word in NOT_A_SUBJECT_WORDS or all(c in NOT_A_SUBJECT_WORDS for c in word)


def _is_quantity(clause: str, figure: re.Match[str]) -> bool:
    """Tell whether a number with a unit is a quantity, not a date, an ordinal or a span of years."""
    if NOT_A_QUANTITY_RE.match(clause[figure.start() :]):
        return False
    # 30多年, 40多年: how long something lasted, not what a place reports.
    return not (figure["unit"].lstrip("多余") == "年" and not figure["mag"])


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
