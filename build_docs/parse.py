"""Stage 3: recover articles from normalised seeds.

Headline blocks are found first (headlines.py), the text between them is unwrapped into
paragraphs, bodies are matched to headlines by the district they talk about (bodies), and
each body is given its structure by the block passes (blocks.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .blocks import BodyRules, structure
from .bylines import Surnames, parse_signature
from .data import Boilerplate, Vocabulary
from .errors import Problem
from .headlines import Headline, HeadlineRules, PageInfo, front_matter, headline_at, page_info
from .kinds import BlockKind, NoteKind
from .normalise import NormalisedSeed, column_width, unwrap
from .records import Article, Line, Note, Paragraph, Region, Source
from .regions import count_mentions, most_named_district, region_prefix, short_name
from .text import ends_sentence


@dataclass(frozen=True, kw_only=True)
class Rules:
    """Everything the parser knows, loaded from the data files."""

    vocab: Vocabulary
    surnames: Surnames
    boilerplate: tuple[Boilerplate, ...]
    line_kinds: tuple[Boilerplate, ...]

    @property
    def headline(self) -> HeadlineRules:
        return HeadlineRules(vocab=self.vocab, surnames=self.surnames)

    @property
    def body(self) -> BodyRules:
        return BodyRules(vocab=self.vocab, surnames=self.surnames, line_kinds=self.line_kinds)


@dataclass(frozen=True, kw_only=True)
class Body:
    """The paragraphs found under one headline position (or before the first)."""

    paragraphs: tuple[Paragraph, ...]
    after: int  # index of the headline it follows in its file, -1 if before any

    @property
    def source(self) -> Source:
        return Source(
            file=self.paragraphs[0].source.file, start=self.paragraphs[0].source.start, end=self.paragraphs[-1].source.end
        )

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.paragraphs)


@dataclass(frozen=True, kw_only=True)
class FileParse:
    """What one seed holds: headlines in order, bodies, and what reading them noted."""

    file: str
    headlines: tuple[Headline, ...]
    bodies: tuple[Body, ...]
    notes: tuple[Note, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True, kw_only=True)
class Recovered:
    """The articles of one seed file, or the problems that kept them out."""

    file: str
    articles: tuple[Article, ...]
    notes: tuple[Note, ...]
    problems: tuple[Problem, ...]
    orphans: tuple[Headline, ...] = ()  # headlines no body was given to


def _line_note(kind: NoteKind, line: Line, raw: Sequence[str], message: str) -> Note:
    return Note(
        kind=kind, source=Source(file=line.file, start=line.number, end=line.number), message=message, text=raw[line.number - 1]
    )


def split_file(seed: NormalisedSeed, rules: Rules) -> FileParse:
    """Find headline blocks, page metadata and furniture lines; unwrap the text between."""
    lines = list(seed.lines)
    raw = seed.seed.lines
    notes: list[Note] = []
    page = PageInfo()
    headlines: list[Headline] = []
    segments: list[list[Line]] = [[]]
    i = 0
    if fenced := front_matter(lines):
        end, page = fenced
        for line in lines[: end + 1]:
            if line.text:
                notes.append(_line_note(NoteKind.METADATA, line, raw, "Markdown 文件头（front matter），不是正文"))
            segments[-1].append(replace(line, text="", removed=True))
        i = end + 1
    while i < len(lines):
        line = lines[i]
        text = line.text
        if not text:
            segments[-1].append(line)
            i += 1
            continue
        rule = next((b for b in rules.boilerplate if b.pattern.search(text)), None)
        info = None if rule else page_info(text)
        if rule or info:
            message = rule.description if rule else "版面日期或版次，用作其下文章的日期与来源"
            notes.append(_line_note(NoteKind.BOILERPLATE if rule else NoteKind.METADATA, line, raw, message))
            page = (
                PageInfo(date=info.date, date_text=info.date_text, publisher=info.publisher or page.publisher) if info else page
            )
            segments[-1].append(replace(line, text="", removed=True))
            i += 1
            continue
        before = next((ln.text for ln in reversed(segments[-1]) if ln.text), "")
        headline = headline_at(lines, i, page, rules.headline, after_text=not before or ends_sentence(before))
        if headline:
            for j in headline.lines:
                notes.append(_line_note(NoteKind.HEADLINE, lines[j], raw, "标题区（解析为标题、作者、日期、来源）"))
            if headline.byline and headline.byline.padded:
                notes.append(
                    Note(
                        kind=NoteKind.NAME,
                        source=headline.source,
                        message=f"署名姓名去除排版空格：{'、'.join(headline.byline.authors)}",
                    )
                )
            headlines.append(headline)
            segments.append([])
            i = max(headline.lines) + 1
            continue
        segments[-1].append(line)
        i += 1
    problems: list[Problem] = []
    if not headlines:
        problems.append(
            Problem(
                file=seed.seed.name,
                line=next((ln.number for ln in lines if ln.text), 1),
                message="no recognisable article: no headline block (dateline '省市区：标题', Markdown '# 标题', "
                "or a title line with a byline or web date line) found",
            )
        )
    body_texts = [ln.text for seg in segments for ln in seg if ln.text]
    width = column_width(body_texts)
    bodies = []
    for index, segment in enumerate(segments):
        paragraphs = unwrap(segment, width)
        if paragraphs:
            bodies.append(Body(paragraphs=tuple(paragraphs), after=index - 1))
    for body in bodies:
        for p in body.paragraphs:
            if p.breaks:
                notes.append(Note(kind=NoteKind.JOIN, source=p.source, message=f"段内空行 {len(p.breaks)} 处，已接续成段"))
    if width is not None:
        joins = sum(p.joins for b in bodies for p in b.paragraphs)
        notes.append(
            Note(
                kind=NoteKind.WRAP,
                source=Source(file=seed.seed.name, start=1, end=len(lines)),
                message=f"窄栏硬换行（约 {width:g} 字一行）：合并断行 {joins} 处",
            )
        )
    return FileParse(
        file=seed.seed.name, headlines=tuple(headlines), bodies=tuple(bodies), notes=tuple(notes), problems=tuple(problems)
    )


def match_bodies(parsed: FileParse, vocab: Vocabulary) -> tuple[list[tuple[Headline, Body]], list[Note], list[Problem]]:
    """Give each body the headline whose district it names, position only as a fallback."""
    heads = parsed.headlines
    notes: list[Note] = []
    problems: list[Problem] = []
    owner: dict[int, int] = {}  # body index -> headline index
    claims: dict[int, tuple[int, int]] = {}  # headline index -> (score, body index)
    scores = [[count_mentions(b.text, h.region, vocab) if h.region else 0 for h in heads] for b in parsed.bodies]
    for bi, row in enumerate(scores):
        if not row:
            continue
        ranked = sorted(range(len(row)), key=lambda hi: (-row[hi], hi))
        best = ranked[0]
        second = row[ranked[1]] if len(ranked) > 1 else 0
        # A clear content signal: the district is named, and at least twice as often as any other.
        if row[best] > 0 and row[best] >= 2 * second:
            if best not in claims or claims[best][0] < row[best]:
                claims[best] = (row[best], bi)
    for hi, (_, bi) in claims.items():
        owner[bi] = hi
    taken = set(owner.values())
    for bi, body in enumerate(parsed.bodies):
        if bi in owner:
            continue
        if body.after >= 0 and body.after not in taken:
            owner[bi] = body.after
            taken.add(body.after)
            head = heads[body.after]
            named = head.region is not None and len(heads) > 1
            notes.append(
                Note(
                    kind=NoteKind.REVIEW if named else NoteKind.POSITION,
                    source=body.source,
                    message=f"正文未点名任何标题的地区，按位置归入 {head.source} 的标题",
                    text=body.paragraphs[0].text[:40],
                    suggestion=f"{body.source.file}:{body.source.start}:\n  headline: {head.source.file}:{head.source.start}"
                    if named
                    else "",
                )
            )
        else:
            problems.append(
                Problem(
                    file=parsed.file,
                    line=body.source.start,
                    message=f"text without a headline: '{body.paragraphs[0].text[:30]}…'",
                )
            )
    pairs = []
    for bi, hi in sorted(owner.items(), key=lambda item: item[1]):
        body, head = parsed.bodies[bi], heads[hi]
        if body.after != hi and head.region is not None:
            above = heads[body.after] if body.after >= 0 else None
            above_note = (
                f"紧邻其上的标题（{above.region.district if above.region else above.title}）仅 {scores[bi][body.after]} 次"
                if above
                else "其上没有标题"
            )
            notes.append(
                Note(
                    kind=NoteKind.REMATCH,
                    source=body.source,
                    message=(
                        f"正文按内容归入 {head.source} 的标题「{head.title}」：正文提到“{short_name(head.region.district, vocab)}”"
                        f" {scores[bi][hi]} 次，{above_note}"
                    ),
                )
            )
        pairs.append((head, body))
    return pairs, notes, problems


REGION_FROM = {
    "dateline": "电头",
    "title": "标题",
    "kicker": "引题",
    "byline": "署名身份",
    "signature": "文末署名",
    "body": "正文",
}


def build_article(head: Headline, body: Body, rules: Rules) -> tuple[Article | None, list[Note], list[Problem]]:
    """Give a body its structure and the headline's metadata; find the place where the headline lacks it."""
    blocks, taken = structure(body.paragraphs, rules.body)
    notes = list(taken)
    signature = next((n.text for n in taken if n.kind is NoteKind.SIGNATURE), "")
    role = head.byline.role if head.byline else ""
    region, region_from = head.region, head.region_from
    if signature:
        sig = parse_signature(signature)
        role = sig.role if sig else role
        if region is None and sig:
            region = region_prefix(sig.role[2:] if sig.role.startswith("中共") else sig.role)
            region_from = "signature" if region else ""
    if region is None:
        text = "".join(b.text for b in blocks if b.kind is BlockKind.PARAGRAPH)
        found = most_named_district(text, rules.vocab)
        if found:
            region, count = found
            region_from = "body"
            notes.append(
                Note(
                    kind=NoteKind.REVIEW,
                    source=head.source,
                    message=f"标题区未写明地区，取正文提到最多的县级地区：{region.full}（{count} 次）",
                    text=head.title,
                    suggestion=f"{head.source.file}:{head.source.start}:\n  region: {region.full}",
                )
            )
    if region is None:
        return (
            None,
            notes,
            [
                Problem(
                    file=head.source.file,
                    line=head.source.start,
                    message=f"headline without a place (none in the dateline, title, kicker, byline, "
                    f"signature or body): '{head.title}'",
                )
            ],
        )
    if region_from in ("byline", "signature"):
        notes.append(Note(kind=NoteKind.REGION, source=head.source, message=f"地区取自{REGION_FROM[region_from]}：{region.full}"))
    article = Article(
        region=region,
        title=head.title,
        kicker=head.kicker,
        subtitle=head.subtitle,
        authors=head.byline.authors if head.byline else (),
        role=role,
        date=head.date,
        date_text=head.date_text,
        time=head.time,
        publisher=head.publisher,
        printed_headline=head.printed_headline,
        signature=signature,
        region_from=region_from,
        headline=head.source,
        blocks=blocks,
    )
    return article, notes, []


def recover_file(seed: NormalisedSeed, rules: Rules) -> Recovered:
    """Recover every article of one seed file, or say why it cannot be done."""
    parsed = split_file(seed, rules)
    notes = list(parsed.notes)
    problems = list(parsed.problems)
    pairs, matched_notes, match_problems = match_bodies(parsed, rules.vocab)
    notes += matched_notes
    problems += match_problems
    articles: list[Article] = []
    for head, body in pairs:
        article, built_notes, built_problems = build_article(head, body, rules)
        notes += built_notes
        problems += built_problems
        if article:
            articles.append(article)
    matched = {id(head) for head, _ in pairs}
    orphans = tuple(head for head in parsed.headlines if id(head) not in matched)
    return Recovered(file=parsed.file, articles=tuple(articles), notes=tuple(notes), problems=tuple(problems), orphans=orphans)


def settle_orphans(recovered: Sequence[Recovered]) -> list[Recovered]:
    """Drop bodiless headlines that repeat an article of any file; any other is a problem of its file."""
    articles = [a for r in recovered for a in r.articles]
    settled = []
    for r in recovered:
        notes, problems = list(r.notes), list(r.problems)
        for head in r.orphans:
            twin = next((a for a in articles if same_article(head, a)), None)
            if twin is None:
                problems.append(
                    Problem(file=head.source.file, line=head.source.start, message=f"headline without a body: '{head.title}'")
                )
            else:
                notes.append(
                    Note(
                        kind=NoteKind.DROPPED,
                        source=head.source,
                        message=f"标题「{head.title}」没有正文，与 {twin.headline} 的文章重复，删除不再重复发表",
                    )
                )
        settled.append(replace(r, notes=tuple(notes), problems=tuple(problems), orphans=()))
    return settled


def same_article(a: Headline, b: Article) -> bool:
    """Tell whether a headline repeats an article: same title, and the same district where it names one."""
    strip = "".join
    same_title = strip(a.title.split()) == strip(b.title.split())
    return same_title and (a.region is None or a.region.district == b.region.district)


__all__ = ["Rules", "Recovered", "recover_file", "split_file", "match_bodies", "build_article", "Region"]
