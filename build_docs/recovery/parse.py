"""Stage 3: recover articles from normalised seeds.

Furniture is blanked first, then headline blocks are found (headlines.py; where no line has a
headline's shape, the evidence stage chooses the title), the text between them is unwrapped
into paragraphs, bodies are matched to headlines by the district they talk about, text no
headline claims becomes an article of its own or is listed, and each body is given its
structure by the block passes (blocks.py). Nothing readable is refused: only an article that
no line of its file places stays out, alone, its text listed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .. import provenance
from ..corrections import METADATA, Corrections
from ..corrections import NONE as NO_CORRECTIONS
from ..data import Boilerplate, Vocabulary
from ..errors import Problem
from ..kinds import BlockKind, EvidenceKind, NoteKind
from ..records import Article, Line, Note, Paragraph, Region, SeedFile, Source
from ..regions import channel_place, count_mentions, most_named_district, outlet_place, parse_place, region_prefix, short_name
from ..text import CLAUSE_PUNCT_RE, ends_sentence, han_chars
from .blocks import DOUBT, BodyRules, correction_note, structure, suggest
from .bylines import Byline, Surnames, parse_byline, parse_signature
from .columns import PAGE_NUMBER_RE
from .evidence import best_title
from .headlines import (
    CHANNEL_JOIN_RE,
    EDITION_RE,
    MD_TITLE_RE,
    PAGE_NAME_RE,
    Headline,
    HeadlineRules,
    PageInfo,
    dateline_outlet,
    front_matter,
    headline_at,
    is_channel_name,
    looks_like_title,
    meta_byline,
    names_its_page,
    news_dateline,
    next_text,
    page_info,
    read_meta,
    read_tail,
    second_title_line,
)
from .normalise import NormalisedSeed, column_width, normalise_line, unwrap

# A browser's title bar copied over the page: the site's name and the article's title joined by a
# dash, bar or underscore ('宁海新闻网 - 宁海：…', '…_某某县人民政府'), the title repeated below.
WINDOW_TITLE_SEP_RE = re.compile(r"\s*(?:\s[-–—]\s|[_|｜]|\s?[-–]{1,2}\s?(?=[\u4e00-\u9fff]))\s*")
WINDOW_PART_MAX = 30
# The bullet or number a page sets before each link of a list ('·某某县召开…', '1. …').
LIST_BULLET_RE = re.compile(r"^(?:[·•●○◆◇▪▫■□>＞\-—*]|\d{1,2}[.、．)）])\s*")


@dataclass(frozen=True, kw_only=True)
class Rules:
    """Everything the parser knows, loaded from the data files."""

    vocab: Vocabulary
    surnames: Surnames
    boilerplate: tuple[Boilerplate, ...]
    line_kinds: tuple[Boilerplate, ...]
    corrections: Corrections = NO_CORRECTIONS

    @property
    def headline(self) -> HeadlineRules:
        return HeadlineRules(vocab=self.vocab, surnames=self.surnames)

    @property
    def body(self) -> BodyRules:
        return BodyRules(vocab=self.vocab, surnames=self.surnames, line_kinds=self.line_kinds, corrections=self.corrections)


@dataclass(frozen=True, kw_only=True)
class Body:
    """The paragraphs found under one headline position (or before the first)."""

    paragraphs: tuple[Paragraph, ...]
    after: int  # index of the headline it follows in its file, -1 if before any
    page: PageInfo = PageInfo()  # what the page header last read above it says (date, paper)

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


@dataclass(frozen=True, kw_only=True)
class Scan:
    """One pass over a file's lines: headline blocks, the stretches between them, and notes."""

    headlines: list[Headline]
    segments: list[list[Line]]
    notes: list[Note]
    problems: list[Problem]
    lines: list[Line]  # the lines read, furniture blanked
    pages: list[PageInfo]  # for each segment, the page header in force where it ends


def _choose_title(scan: Scan, rules: Rules, segments: Sequence[Sequence[Line]] | None = None):
    """Choose a title by evidence among the text lines a scan left as text (in the given segments, else all)."""
    kept = {id(x) for seg in (scan.segments if segments is None else segments) for x in seg if x.text}
    # A line of a declared kind ('数据来源：…', a picture credit) is never a title, even cut short.
    usable = [
        k for k, ln in enumerate(scan.lines)
        if id(ln) in kept and not any(kind.pattern.search(ln.text) for kind in rules.line_kinds)
    ]  # fmt: skip
    return best_title(scan.lines, usable, rules.headline)


# A title chosen for the text above a file's first headline stands among its first lines and
# has at least this much evidence (a blank line on each side, say).
LEAD_TITLE_LINES, LEAD_TITLE_SCORE = 3, 2


def _lead_title(scan: Scan, rules: Rules):
    """Choose by evidence the title of an article's worth of text standing above the first headline, if any."""
    lead = [ln for ln in scan.segments[0] if ln.text]
    if len(han_chars("".join(ln.text for ln in lead))) < HEADLESS_ARTICLE_MIN_HAN:
        return None
    choice = _choose_title(scan, rules, [lead[:LEAD_TITLE_LINES]])
    if choice is None:
        return None
    first = choice.best.index
    last = second_title_line(scan.lines, first, rules.headline) or first
    # A title set over two lines has its blank lines around the pair, not around each line.
    above = first == 0 or not scan.lines[first - 1].text
    below = last + 1 < len(scan.lines) and not scan.lines[last + 1].text
    return choice if choice.best.score + (last > first) * (above + below) >= LEAD_TITLE_SCORE else None


# A WeChat repost's card over the piece: '以下文章来源于某某发布 ，作者某某县融媒体中心'.
REPOSTED_FROM_RE = re.compile(r"^以下文章来源于\s*(?P<account>[^\s，,]+)\s*(?:[，,]\s*)?(?:作者\s*\S.*)?$")
# A line this short with no pause in it is a label (a page name, a column), not an article's text.
LABEL_MAX = 8


def _stands_alone(lines: Sequence[Line], i: int) -> bool:
    """Tell whether line i has a blank line (or the file's edge) both above and below, or ends the file's text."""
    last = all(not ln.text for ln in lines[i + 1 :])
    return last or (i == 0 or not lines[i - 1].text) and (i + 1 == len(lines) or not lines[i + 1].text)


def _without_furniture(lines: list[Line], raw: Sequence[str], rules: Rules) -> tuple[list[Line], list[Note]]:
    """Blank out furniture lines (declared by the editor or matching boilerplate.yml), listing each.

    Done before headlines are read, so a rule line or a control between a title and its byline
    does not hide the byline. A list label takes the link titles under it."""
    file = lines[0].file if lines else ""
    notes: list[Note] = []
    out = list(lines)
    listing: Boilerplate | None = None
    for k, line in enumerate(lines):
        text = line.text
        if not text:
            listing = listing if k + 1 < len(lines) and lines[k + 1].text else None
            continue
        declared = [c for c in rules.corrections.at(file, line.number, "kind") if c.actions["kind"] == "boilerplate"]
        # A list label wins over a plain furniture rule that also matches it: the links under it go too.
        matching = [] if declared else [b for b in rules.boilerplate if b.pattern.search(text)]
        rule = next((b for b in matching if b.takes_list), matching[0] if matching else None)
        item = LIST_BULLET_RE.sub("", text)
        if not (declared or rule) and listing and item and looks_like_title(item) and not read_meta(text, rules.vocab):
            rule = listing
        elif not (declared or rule):
            listing = None
            continue
        if declared:
            notes.append(_line_note(NoteKind.BOILERPLATE, line, raw, "编者声明为样板文字（不是正文）"))
            notes.append(correction_note(declared[0], file, line.number, raw[line.number - 1], "删去，列入校勘记"))
        elif rule:
            notes.append(_line_note(NoteKind.BOILERPLATE, line, raw, rule.description))
            listing = rule if rule.takes_list else listing
        out[k] = replace(line, text="", removed=True)
    return out, notes


def _closes_article(
    info: PageInfo, text: str, lines: Sequence[Line], i: int, headlines: Sequence[Headline], segment: Sequence[Line]
) -> bool:
    """Tell whether an edition note closes the article above (after its body, last or of its date)."""
    return (
        bool(headlines)
        and bool(info.publisher)
        and EDITION_RE.match(text) is not None
        and any(ln.text for ln in segment)
        and (next_text(lines, i) is None or headlines[-1].date == info.date)
    )


def _finished(text: str, rules: Rules) -> bool:
    """Tell whether text ends where a new article may start: nothing, a full stop, a closing line or signature."""
    return (
        not text
        or ends_sentence(text)
        or bool(parse_signature(text))
        or any(kind.pattern.search(text) for kind in rules.line_kinds)  # '数据来源：…', a picture credit
    )


# A closing line ('数据来源：…', a signature) wrapped in a column takes at most this many lines.
CLOSING_MAX_LINES = 3


def _last_lines(segment: Sequence[Line]) -> list[str]:
    """Give the last text line before a line, then it joined to the one or two above ('数据来源：…宣' + '传部')."""
    run: list[str] = []
    for ln in reversed(segment):
        if not ln.text:
            if run:
                break
            continue
        run.insert(0, ln.text)
        if len(run) == CLOSING_MAX_LINES:
            break
    return ["".join(run[k:]) for k in range(len(run) - 1, -1, -1)] or [""]


def _scan(lines: list[Line], raw: Sequence[str], rules: Rules, force: int | None = None) -> Scan:
    """Read lines in order: furniture and page metadata out, headline blocks found, text kept between."""
    corrections = rules.corrections
    problems: list[Problem] = []
    page = PageInfo()
    head_at = -2  # index of the last running head read
    headlines: list[Headline] = []
    segments: list[list[Line]] = [[]]
    pages: list[PageInfo] = []
    marks_titles = False
    i = 0
    notes: list[Note] = []
    if fenced := front_matter(lines):
        end, page = fenced
        for line in lines[: end + 1]:
            if line.text:
                notes.append(_line_note(NoteKind.METADATA, line, raw, "Markdown 文件头（front matter），不是正文"))
            segments[-1].append(replace(line, text="", removed=True))
        i = end + 1
    rest, furniture = _without_furniture(lines[i:], raw, rules)
    lines, notes = [*lines[:i], *rest], notes + furniture
    while i < len(lines):
        line = lines[i]
        text = line.text
        if not text:
            segments[-1].append(line)
            i += 1
            continue
        if (info := page_info(text, rules.vocab)) and _closes_article(info, text, lines, i, headlines, segments[-1]):
            # A portal's copy ends with the paper's edition note ('《人民日报》（…第 11 版）'): it tells
            # the paper, date and page of the article above, not of anything below.
            above = headlines[-1]
            headlines[-1] = replace(
                above,
                page=above.page or info.page,
                publisher=info.publisher if not above.publisher or info.publisher in above.publisher else above.publisher,
                date=above.date or info.date,
                date_text=above.date_text or info.date_text,
            )
            notes.append(_line_note(NoteKind.METADATA, line, raw, "文末的版次说明，给出上文所载的报纸、日期与版次"))
            if above.date and above.date != info.date:
                notes.append(
                    Note(kind=NoteKind.REVIEW, source=above.source, text=raw[line.number - 1],
                         message=f"文末版次说明的日期（{info.date_text}）与文章上方的日期（{above.date_text}）不同，保留上方的日期",
                         doubt=DOUBT["date_below"], suggestion=suggest(above.source, "date: YYYY-MM-DD"))
                )  # fmt: skip
            segments[-1].append(replace(line, text="", removed=True))
            i += 1
            continue
        if info:
            notes.append(_line_note(NoteKind.METADATA, line, raw, "版面日期或版次，用作其下文章的日期与来源"))
            if info.date and headlines and not headlines[-1].date:
                # A page's running head inside an undated article (a PDF's next page): the same
                # issue's date, most likely; on the review queue, since a file may join issues.
                headlines[-1] = replace(headlines[-1], date=info.date, date_text=info.date_text,
                                        publisher=headlines[-1].publisher or info.publisher)  # fmt: skip
                notes.append(
                    Note(kind=NoteKind.REVIEW, source=headlines[-1].source, text=raw[line.number - 1],
                         message=f"文章上方没有日期，取文中第 {line.number} 行页眉的日期：{info.date_text}",
                         doubt=DOUBT["date_below"], suggestion=suggest(headlines[-1].source, "date: YYYY-MM-DD"))
                )  # fmt: skip
            page = PageInfo(date=info.date, date_text=info.date_text, publisher=info.publisher or page.publisher, page=info.page)
            head_at = i
            segments[-1].append(replace(line, text="", removed=True))
            i += 1
            continue
        if _window_title(text, lines, i):
            notes.append(_line_note(NoteKind.METADATA, line, raw, "网页标题栏（网站名与文章标题），标题见下一行"))
            segments[-1].append(replace(line, text="", removed=True))
            i += 1
            continue
        tails = _last_lines(segments[-1])
        # Nothing but labels above: a page name ('党建') or a column label is no article's text.
        at_top = all(len(ln.text) <= LABEL_MAX and not CLAUSE_PUNCT_RE.search(ln.text) for ln in segments[-1] if ln.text)
        finished = at_top or any(_finished(t, rules) for t in tails)
        # A line of a declared kind ('数据来源：…', a picture credit) is the text it is declared as, never a title.
        declared = any(kind.pattern.search(text) for kind in rules.line_kinds)
        headline = None if declared and i != force else headline_at(
            lines, i, page, rules.headline, after_text=finished, force=i == force, at_top=at_top or marks_titles
        )  # fmt: skip
        if headline:
            headline, corrected, bad = _correct_headline(headline, lines, raw, corrections, rules.headline)
            notes += corrected
            problems += bad
            notes.append(
                Note(kind=NoteKind.HEADLINE, source=headline.source, message=_headline_summary(headline),
                     text="\n".join(raw[lines[j].number - 1] for j in sorted(headline.lines)))
            )  # fmt: skip
            if headline.byline and not headline.byline.known:
                notes.append(
                    Note(kind=NoteKind.REVIEW, source=headline.source, message="署名的格式无法识别，整行作为作者",
                         text=headline.byline.authors[0], doubt=DOUBT["byline"],
                         suggestion=suggest(headline.source, "authors: [姓名]\n  role: 职务"))
                )  # fmt: skip
            if headline.byline and headline.byline.padded:
                notes.append(
                    Note(
                        kind=NoteKind.NAME,
                        source=headline.source,
                        message=f"署名姓名去除排版空格：{'、'.join(headline.byline.authors)}",
                    )
                )
            # A file whose first title is a Markdown '# ' line marks every title so: its other
            # '# ' lines start articles even after text.
            marks_titles = marks_titles or (not headlines and bool(MD_TITLE_RE.match(lines[i].text)))
            headlines.append(headline)
            segments.append([])
            pages.append(page)
            page = replace(page, web=False, authors="")  # the post's own lines over its title told of that title only
            i = max(headline.lines) + 1
            continue
        if meta := read_meta(text, rules.vocab):
            # A line of page metadata fields away from a title: above one, it dates what follows;
            # after a body, it may name who wrote it ('来源 | 某某区委书记 张三').
            notes.append(
                _line_note(NoteKind.METADATA, line, raw, "网页或公众号的信息行（日期、来源、编辑、浏览次数等），不是正文")
            )
            after_body = bool(headlines) and any(ln.text for ln in segments[-1])
            closing = meta_byline(meta, rules.headline) if after_body else None
            if after_body and meta.publisher and not headlines[-1].publisher and not closing:
                headlines[-1] = replace(headlines[-1], publisher=meta.publisher)  # '来源：某某县融媒体中心' closing a post
            if closing and headlines[-1].byline is None:
                headlines[-1] = replace(headlines[-1], byline=closing)
                notes.append(_line_note(NoteKind.REVIEW, line, raw, f"文末信息行给出作者：{'、'.join(closing.authors)}"))
            elif meta.date and at_top:
                # A post's header over its title: the account it ran in, and its writer ('原创 某某 某某发布 …').
                page = PageInfo(date=meta.date, date_text=meta.date_text, web=True,
                                publisher=meta.publisher or meta.account or page.publisher,
                                authors=meta.authors if meta.writer else "")  # fmt: skip
            segments[-1].append(replace(line, text="", removed=True))
            i += 1
            continue
        channel = (repost["account"] if (repost := REPOSTED_FROM_RE.match(text)) else text.rstrip(".。")) if at_top else ""
        # Under a paper's running head, a short name ('综合新闻') is the page's name, not a channel.
        page_name = bool(page.publisher) and not page.web and len(channel) <= LABEL_MAX
        if (
            page_name
            and i == head_at + 1
            and PAGE_NAME_RE.match(channel)  # a page's name right under the head: a few characters ('综合新闻')
            and not names_its_page(lines[head_at].text)
            and second_title_line(lines, i, rules.headline) is None
        ):
            notes.append(_line_note(NoteKind.METADATA, line, raw, "报纸版面的名称（版名）"))
            segments[-1].append(replace(line, text="", removed=True))
            i += 1
            continue
        if channel and (repost or (is_channel_name(channel, rules.vocab) and not page_name)):
            # The account, paper or station a copy names over a piece: where it ran ('某某发布',
            # a repost's card '以下文章来源于某某发布 ，作者…' and the card's '某某发布.').
            notes.append(_line_note(NoteKind.METADATA, line, raw, "转载的公众号、报纸或电台名称，用作其下文章的来源"))
            page = replace(
                page, publisher=channel, page="", web=True
            )  # another paper or account: the page header's page is not its
            segments[-1].append(replace(line, text="", removed=True))
            i += 1
            continue
        if PAGE_NUMBER_RE.match(text) and _stands_alone(lines, i):
            notes.append(_line_note(NoteKind.BOILERPLATE, line, raw, "单独一行的页码"))
            segments[-1].append(replace(line, text="", removed=True))
            i += 1
            continue
        segments[-1].append(line)
        i += 1
    pages.append(page)
    return Scan(headlines=headlines, segments=segments, notes=notes, problems=problems, lines=lines, pages=pages)


def _window_title(text: str, lines: Sequence[Line], i: int) -> bool:
    """Tell whether line i is a title bar: the next line's text, and a short name, joined by a separator."""
    j = next_text(lines, i)
    if j is None:
        return False
    below = lines[j].text.strip("*# ")
    parts = [p for p in WINDOW_TITLE_SEP_RE.split(text) if p.strip()]
    return (
        len(parts) >= 2
        and below in parts
        and all(len(p) <= WINDOW_PART_MAX and not CLAUSE_PUNCT_RE.search(p) for p in parts if p != below)
    )


def _rescan_with_title(lines: list[Line], raw: Sequence[str], rules: Rules, choice, why: str) -> Scan:
    """Scan again with the evidence's choice read as a title, and put the choice on the review queue."""
    scan = _scan(lines, raw, rules, force=choice.best.index)
    if scan.headlines:
        head = next((h for h in scan.headlines if choice.best.index in h.lines), scan.headlines[0])
        scan.notes.append(
            Note(kind=NoteKind.REVIEW, source=head.source, message=f"{why}：{'；'.join(choice.best.reasons)}",
                 text=head.title, doubt=choice.doubt, suggestion=suggest(head.source, f"title: {head.title}"))
        )  # fmt: skip
    return scan


def split_file(seed: NormalisedSeed, rules: Rules) -> FileParse:
    """Find headline blocks, page metadata and furniture lines; unwrap the text between."""
    corrections = rules.corrections
    file = seed.seed.name
    raw = seed.seed.lines
    lines, notes = _correct_text(list(seed.lines), corrections)
    whole = Source(file=file, start=1, end=max(len(raw), 1))
    notes += [Note(kind=NoteKind.COLUMNS, source=whole, message=said) for said in seed.layout]
    scan = _scan(lines, raw, rules)
    if not scan.headlines and (choice := _choose_title(scan, rules)):
        # No line has a headline's declared shape: the evidence chose the title.
        scan = _rescan_with_title(lines, raw, rules, choice, "没有哪一行具有标题的版式，按证据取此行为标题")
    elif scan.headlines and (choice := _lead_title(scan, rules)):
        # Text of an article's length stands above the first headline: its title, if it has
        # one, is the best candidate among its first lines.
        scan = _rescan_with_title(lines, raw, rules, choice, "首个标题区之上的文字按证据取此行为标题")
    notes += scan.notes
    problems, headlines, segments, pages = scan.problems, scan.headlines, scan.segments, scan.pages
    body_texts = [ln.text for seg in segments for ln in seg if ln.text]
    width = column_width(body_texts)
    bodies = []
    joins = {c.line: bool(c.actions["join"]) for c in corrections.entries if c.file == Path(file).name and "join" in c.actions}
    for index, segment in enumerate(segments):
        paragraphs = unwrap(segment, width, joins)
        if paragraphs:
            bodies.append(Body(paragraphs=tuple(paragraphs), after=index - 1, page=pages[index]))
    for body in bodies:
        for p in body.paragraphs:
            if p.breaks:
                notes.append(Note(kind=NoteKind.JOIN, source=p.source, message=f"段内空行 {len(p.breaks)} 处，已接续成段"))
    notes += _join_notes(bodies, corrections, file, raw)
    if width is not None:
        joins_made = sum(p.joins for b in bodies for p in b.paragraphs)
        notes.append(
            Note(
                kind=NoteKind.WRAP,
                source=Source(file=seed.seed.name, start=1, end=len(lines)),
                message=f"窄栏硬换行（约 {width:g} 字一行）：合并断行 {joins_made} 处",
            )
        )
    return FileParse(
        file=seed.seed.name, headlines=tuple(headlines), bodies=tuple(bodies), notes=tuple(notes), problems=tuple(problems)
    )


def _headline_summary(head: Headline) -> str:
    """Say what a headline block was read as: title, kicker, subtitle, authors, date, source."""
    parts = [f"标题「{head.title}」"]
    if head.kicker:
        parts.append(f"引题「{head.kicker}」")
    if head.subtitle:
        parts.append(f"副题「{head.subtitle}」")
    if head.byline:
        parts.append("作者" + "、".join(head.byline.authors) + (f"（{head.byline.role}）" if head.byline.role else ""))
    if head.date:
        parts.append(f"日期 {head.date}")
    if head.publisher:
        parts.append(f"来源 {head.publisher}")
    return "标题区读作：" + "；".join(parts)


def _correct_text(lines: list[Line], corrections: Corrections) -> tuple[list[Line], list[Note]]:
    """Apply declared `text` corrections (real misprints) to the lines they name."""
    notes: list[Note] = []
    out = []
    for line in lines:
        for c in corrections.at(line.file, line.number, "text"):
            change = c.actions["text"]
            assert isinstance(change, dict)
            old, new = change["from"], change["to"]
            if old not in line.text and normalise_line(old) in line.text:
                old, new = normalise_line(old), normalise_line(new)
            if old in line.text:
                notes.append(
                    replace(
                        correction_note(c, line.file, line.number, line.text, f"「{old}」改为「{new}」：{c.reason}"),
                        text=old,
                        added=new,
                    )
                )
                line = replace(line, text=line.text.replace(old, new, 1))
        out.append(line)
    return out, notes


def _correct_headline(head: Headline, lines: Sequence[Line], raw: Sequence[str], corrections: Corrections, rules: HeadlineRules):
    """Apply declared metadata to a headline block.

    A body line right below the block that carries declared metadata joins it (a byline or
    subtitle the rules did not know), and the lines under it are read again as its tail."""
    vocab = rules.vocab
    used = list(head.lines)
    j = next_text(lines, max(used))
    absorbed = False
    while j is not None and any(k in METADATA for c in corrections.at(lines[j].file, lines[j].number) for k in c.actions):
        used.append(j)
        absorbed = True
        j = next_text(lines, j)
    if absorbed:
        tail = read_tail(lines, max(used), rules)
        used += list(tail.used)
        head = replace(head, byline=head.byline or tail.byline, subtitle=head.subtitle or tail.subtitle,
                       date=tail.date or head.date, date_text=tail.date_text or head.date_text,
                       time=tail.time or head.time, publisher=tail.publisher or head.publisher, page=tail.page or head.page)  # fmt: skip
    notes: list[Note] = []
    problems: list[Problem] = []
    changes: dict[str, object] = {}
    for k in used:
        for c in corrections.at(lines[k].file, lines[k].number):
            actions = {a: v for a, v in c.actions.items() if a in METADATA}
            if not actions:
                continue
            for action, value in actions.items():
                if action == "region":
                    region = parse_place(str(value), vocab) or region_prefix(str(value))
                    if region is None:
                        line = int(c.origin.rsplit(":", 1)[1])
                        problems.append(Problem(file=c.origin.rsplit(":", 1)[0], line=line,
                                                message=f"'{c.at}': region '{value}' is not a place the gazetteer resolves"))  # fmt: skip
                        continue
                    changes["region"], changes["region_from"] = region, "correction"
                elif action == "authors":
                    assert isinstance(value, list)
                    role = str(actions.get("role", head.byline.role if head.byline else ""))
                    changes["byline"] = Byline(role=role, authors=tuple(value), padded=False)
                elif action == "role":
                    byline = changes.get("byline") or head.byline or Byline(role="", authors=(), padded=False)
                    assert isinstance(byline, Byline)
                    changes["byline"] = replace(byline, role=str(value))
                elif action == "date":
                    changes["date"] = str(value)
                    y, m, d = str(value).split("-")
                    changes["date_text"] = f"{int(y)}年{int(m)}月{int(d)}日"
                else:
                    changes[action] = value
            notes.append(correction_note(c, lines[k].file, lines[k].number, raw[lines[k].number - 1], c.describe()))
    if changes or len(used) != len(head.lines):
        end = lines[max(used)].number
        head = replace(head, lines=tuple(used), source=replace(head.source, end=end), **changes)  # type: ignore[arg-type]
    return head, notes, problems


def _join_notes(bodies: Sequence[Body], corrections: Corrections, file: str, raw: Sequence[str]) -> list[Note]:
    """Say which declared joins and breaks took effect (a line joined on, or a paragraph begun there)."""
    notes = []
    for c in corrections.entries:
        if c.file != Path(file).name or "join" not in c.actions:
            continue
        for body in bodies:
            for p in body.paragraphs:
                inside = p.source.start < c.line <= p.source.end
                starts = p.source.start == c.line
                if (c.actions["join"] and inside) or (not c.actions["join"] and starts):
                    result = "与上一行接续成段" if c.actions["join"] else "从此行另起一段"
                    notes.append(correction_note(c, file, c.line, raw[c.line - 1], result))
    return notes


def match_bodies(
    parsed: FileParse, vocab: Vocabulary, corrections: Corrections = NO_CORRECTIONS, raw: Sequence[str] = ()
) -> tuple[list[tuple[Headline, Body]], list[Note], list[Problem]]:
    """Give each body the headline whose district it names, position only as a fallback.

    A body an editor gave to a headline (`headline:` in corrections.yml) goes there first."""
    heads = parsed.headlines
    notes: list[Note] = []
    problems: list[Problem] = []
    owner: dict[int, int] = {}  # body index -> headline index
    claims: dict[int, tuple[int, int]] = {}  # headline index -> (score, body index)
    for bi, body in enumerate(parsed.bodies):
        given = corrections.value(parsed.file, body.source.start, body.source.end, "headline")
        if not given:
            continue
        target, correction = given
        number = int(str(target).rsplit(":", 1)[1])
        hi = next((k for k, h in enumerate(heads) if Path(str(target).rsplit(":", 1)[0]).name == Path(h.source.file).name
                   and h.source.start <= number <= h.source.end), None)  # fmt: skip
        if hi is not None and hi not in owner.values():
            owner[bi] = hi
            notes.append(correction_note(correction, parsed.file, correction.line, raw[correction.line - 1] if raw else "",
                                         f"正文归入 {heads[hi].source} 的标题「{heads[hi].title}」"))  # fmt: skip
    scores = [[count_mentions(b.text, h.region, vocab) if h.region else 0 for h in heads] for b in parsed.bodies]
    for bi, row in enumerate(scores):
        if not row or bi in owner:
            continue
        own = parsed.bodies[bi].after
        if own >= 0 and heads[own].region is None:
            continue  # its own headline names no place to weigh against: the text stays where it stands
        ranked = sorted(range(len(row)), key=lambda hi: (-row[hi], hi))
        best = ranked[0]
        second = row[ranked[1]] if len(ranked) > 1 else 0
        # A clear content signal: the district is named, and at least twice as often as any other.
        if row[best] > 0 and row[best] >= 2 * second:
            if best not in claims or claims[best][0] < row[best]:
                claims[best] = (row[best], bi)
    for hi, (_, bi) in claims.items():
        if hi not in owner.values():
            owner[bi] = hi
    taken = set(owner.values())
    headless: list[int] = []
    # Text under a headline claims it before text above every headline does.
    for bi, body in sorted(enumerate(parsed.bodies), key=lambda item: item[1].after < 0):
        if bi in owner:
            continue
        free = [hi for hi in range(len(heads)) if hi not in taken]
        # By position: the headline above, or else the one headline still without a body.
        place = body.after if body.after >= 0 and body.after not in taken else (free[0] if len(free) == 1 else None)
        if place is not None:
            owner[bi] = place
            taken.add(place)
            head = heads[place]
            named = head.region is not None and len(heads) > 1
            notes.append(
                Note(
                    kind=NoteKind.REVIEW if named else NoteKind.POSITION,
                    source=body.source,
                    message=f"正文未点名任何标题的地区，按位置归入 {head.source} 的标题",
                    text=body.paragraphs[0].text[:40],
                    suggestion=suggest(body.source, f"headline: {provenance.address(head.source.file, head.source.start)}")
                    if named
                    else "",
                    doubt=DOUBT["position"] if named else 0,
                )
            )
        else:
            headless.append(bi)
    pairs = []
    for bi, hi in sorted(owner.items(), key=lambda item: item[1]):
        body, head = parsed.bodies[bi], heads[hi]
        if body.after != hi and head.region is not None:
            above = heads[body.after] if body.after >= 0 else None
            mentions = scores[bi][body.after] if above else 0
            above_note = (
                "其上没有标题"
                if above is None
                else f"紧邻其上的标题（{above.region.district if above.region else above.title}）"
                + (f"只提到 {mentions} 次" if mentions else "一次也没有提到")
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
    for bi in headless:
        found, said = headless_body(parsed.bodies[bi], raw, alone=not heads)
        notes += said
        if found:
            pairs.append(found)
    return pairs, notes, problems


# Text no headline claims is an article of its own when it is this long; shorter, it is
# most likely site or page furniture no rule knows (a menu, a caption left alone).
HEADLESS_ARTICLE_MIN_HAN = 80
# A title made up from a body's first words is at most this long.
MADE_TITLE_MAX = 24


def headless_body(body: Body, raw: Sequence[str], alone: bool) -> tuple[tuple[Headline, Body] | None, list[Note]]:
    """Publish text no headline claims: an article titled by its first line, or listed as unplaced lines.

    `alone` says the file has no headline at all: then its text is an article whatever its length."""
    text = "".join(p.text for p in body.paragraphs)
    first = body.paragraphs[0]
    quoted = "\n".join(raw[n - 1] for n in range(body.source.start, body.source.end + 1) if n <= len(raw) and raw[n - 1].strip())
    if not alone and len(han_chars(text)) < HEADLESS_ARTICLE_MIN_HAN:
        return None, [
            Note(kind=NoteKind.UNPUBLISHED, source=body.source, message="不属于任何文章的零散行，未发表（可能是网页或版面杂项）",
                 text=quoted),
            Note(kind=NoteKind.REVIEW, source=body.source, message="零散行未能归入文章，按杂项列出", text=first.text[:40],
                 doubt=DOUBT["position"], suggestion=suggest(body.source, "kind: boilerplate")),
        ]  # fmt: skip
    # A first paragraph of one or two short lines that reads as a title is one (set over two lines).
    second = body.paragraphs[1] if len(body.paragraphs) > 2 else None
    if second and not first.joins and not second.joins and not second.gap_before and looks_like_title(first.text + second.text):
        # Two short lines set right under each other at the top: one title over two lines.
        first = replace(first, text=first.text + second.text, source=replace(first.source, end=second.source.end), joins=1)
        body = replace(body, paragraphs=(first, *body.paragraphs[2:]))
    titled = len(body.paragraphs) > 1 and first.joins <= 1 and looks_like_title(first.text)
    if titled:
        title, paragraphs = first.text, body.paragraphs[1:]
        shown = "\n".join(raw[n - 1] for n in range(first.source.start, first.source.end + 1))
        notes = [Note(kind=NoteKind.HEADLINE, source=first.source, message=f"标题区读作：标题「{title}」", text=shown)]
    else:
        title, paragraphs = re.split(r"[，。；：！？]", first.text, maxsplit=1)[0][:MADE_TITLE_MAX], body.paragraphs
        notes = []
    source = first.source if titled else Source(file=first.source.file, start=first.source.start, end=first.source.start)
    page = body.page
    head = Headline(region=None, region_from="", title=title, kicker="", subtitle="", printed_headline="", byline=None,
                    date=page.date, date_text=page.date_text, time="", publisher=page.publisher, source=source, lines=(),
                    page=page.page)  # fmt: skip
    notes.append(
        Note(kind=NoteKind.REVIEW, source=source,
             message="这段文字没有可认的标题区，" + ("取其首行为标题" if titled else "以首句开头暂作标题（原文无标题行）"),
             text=title, doubt=DOUBT["position"], suggestion=suggest(source, f"title: {title}"))
    )  # fmt: skip
    return (head, replace(body, paragraphs=tuple(paragraphs))), notes


REGION_FROM = {
    "dateline": "电头",
    "title": "标题",
    "kicker": "引题",
    "byline": "署名身份",
    "signature": "文末署名",
    "body": "正文",
    "file": "文件其他行",
    "channel": "发布账号或网站",
}


def _channel_region(head: Headline, blocks: Sequence, rules: Rules) -> tuple[Region, str] | None:
    """Find the county a local channel carrying the piece is named after: its dateline's outlet, or its source."""
    first = next((b.text for b in blocks if b.kind is BlockKind.PARAGRAPH), "")
    if (outlet := dateline_outlet(first)) and (region := outlet_place(outlet, rules.vocab)):
        return region, outlet
    for name in CHANNEL_JOIN_RE.split(head.publisher):
        if name and (region := channel_place(name, rules.vocab)):
            return region, name
    return None


def dateline_byline(blocks: Sequence, rules: Rules) -> Byline | None:
    """Read the reporters a news dateline names at the head of the first paragraph."""
    first = next((b for b in blocks if b.kind is BlockKind.PARAGRAPH), None)
    return news_dateline(first.text, rules.headline) if first else None


def build_article(
    head: Headline, body: Body, rules: Rules, file_text: str = ""
) -> tuple[Article | None, list[Note], list[Problem]]:
    """Give a body its structure and the headline's metadata; find the place where the headline lacks it."""
    blocks, taken = structure(body.paragraphs, rules.body)
    notes = list(taken)
    signature = next((n.text for n in taken if n.kind is NoteKind.SIGNATURE), "")
    if head.byline is None and (byline := dateline_byline(blocks, rules)):
        head = replace(head, byline=byline)
        notes.append(Note(kind=NoteKind.REVIEW, source=head.source, message=f"作者取自正文开头的电头：{'、'.join(byline.authors)}",
                          text=head.title, doubt=DOUBT["byline"],
                          suggestion=suggest(head.source, f"authors: [{', '.join(byline.authors)}]")))  # fmt: skip
    sig = parse_signature(signature) if signature else None
    if head.byline is None and sig and sig.names and (credited := parse_byline(sig.names, rules.vocab, rules.surnames)):
        head = replace(head, byline=credited)  # a closing '（记者 朱磊）' credits the story's reporter
    role = head.byline.role if head.byline else ""
    region, region_from = head.region, head.region_from
    if signature:
        role = sig.role if sig and sig.role else role
        if region is None and sig:
            region = region_prefix(sig.role[2:] if sig.role.startswith("中共") else sig.role)
            region_from = "signature" if region else ""
    text = "".join(b.text for b in blocks if b.kind is BlockKind.PARAGRAPH)
    if (
        region is not None
        and region_from in ("dateline", "title", "kicker")
        and (named := most_named_district(text, rules.vocab))
    ):
        # A short place is a city's name as well as a county's ('湖南长沙' is 长沙市 or 长沙县): when the
        # body names another county of that city most, the headline named the city, and the body the county.
        other = named[0]
        ambiguous = short_name(region.district, rules.vocab) == short_name(region.city, rules.vocab)
        if ambiguous and other.district != region.district and (other.province, other.city) == (region.province, region.city):
            notes.append(Note(kind=NoteKind.REVIEW, source=head.source,
                              message=f"标题区的“{short_name(region.city, rules.vocab)}”既是市名也是县名，取正文提到最多的{other.full}",
                              text=head.title, suggestion=suggest(head.source, f"region: {other.full}"), doubt=DOUBT["region_body"]))  # fmt: skip
            region, region_from = other, "body"
    if region is None:
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
                    suggestion=suggest(head.source, f"region: {region.full}"),
                    doubt=DOUBT["region_body"],
                )
            )
    if region is None and (channel := _channel_region(head, blocks, rules)):
        # A county's own account or site ('长兴发布', '长兴新闻网讯（…）') reports on that county.
        (region, name), region_from = channel, "channel"
        notes.append(
            Note(kind=NoteKind.REVIEW, source=head.source,
                 message=f"文章本身未写明地区，取发布账号或网站“{name}”所属的县级地区：{region.full}",
                 text=head.title, suggestion=suggest(head.source, f"region: {region.full}"), doubt=DOUBT["region_body"])
        )  # fmt: skip
    if region is None and (anywhere := most_named_district(file_text, rules.vocab, least=1)):
        # Nowhere in the article, but the file names a county elsewhere: a site's name over the
        # page, a breadcrumb, a source line. The weakest evidence there is, so it goes to review.
        region, region_from = anywhere[0], "file"
        notes.append(
            Note(kind=NoteKind.REVIEW, source=head.source,
                 message=f"文章本身未写明地区，取文件其他行（网站名称、导航、来源等）提到的县级地区：{region.full}",
                 text=head.title, suggestion=suggest(head.source, f"region: {region.full}"), doubt=DOUBT["region_body"] + 1)
        )  # fmt: skip
    if region is None:
        # The article alone stays out (its text listed, so nothing is lost); the file's other articles publish.
        text = "\n".join(b.text for b in blocks)
        notes.append(Note(kind=NoteKind.UNPUBLISHED, source=head.source, message="没有地区可归的文章，未发表", text=text))
        return (
            None,
            notes,
            [
                Problem(
                    file=head.source.file,
                    line=head.source.start,
                    message=f"headline without a place (none in the dateline, title, kicker, byline, "
                    f"signature or body): '{head.title}'",
                    whole_file=False,
                    fix="name the article's county in corrections.yml:\n"
                    + suggest(head.source, "region: ____  # 区县全称，如 某某省某某市某某区"),
                )
            ],
        )
    if region_from in ("byline", "signature"):
        notes.append(
            Note(kind=NoteKind.REVIEW, source=head.source, message=f"地区取自{REGION_FROM[region_from]}，不是电头：{region.full}",
                 text=head.title, suggestion=suggest(head.source, f"region: {region.full}"), doubt=DOUBT["region_byline"])
        )  # fmt: skip
    if not head.date:
        notes.append(
            Note(kind=NoteKind.REVIEW, source=head.source, message="原文没有日期（无版面日期、网页日期或版次）",
                 text=head.title, suggestion=suggest(head.source, "date: YYYY-MM-DD"), doubt=DOUBT["date"])
        )  # fmt: skip
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
        page=head.page,
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
    notes = [*_reader_notes(seed.seed), *parsed.notes]
    problems = list(parsed.problems)
    pairs, matched_notes, match_problems = match_bodies(parsed, rules.vocab, rules.corrections, seed.seed.lines)
    notes += matched_notes
    problems += match_problems
    articles: list[Article] = []
    for head, body in pairs:
        # The file's other lines (a site's name, a breadcrumb) speak for an article only when it is the file's one article.
        whole = "\n".join(seed.seed.lines) if len(pairs) == 1 else ""
        article, built_notes, built_problems = build_article(head, body, rules, whole)
        notes += built_notes
        problems += built_problems
        if article:
            articles.append(article)
    matched = {id(head) for head, _ in pairs}
    orphans = tuple(head for head in parsed.headlines if id(head) not in matched)
    corrected = [n for n in notes if n.kind is NoteKind.CORRECTION]
    articles = [_with_provenance(_with_evidence(a, seed.seed, rules.corrections), corrected, rules.corrections) for a in articles]
    return Recovered(file=parsed.file, articles=tuple(articles), notes=tuple(notes), problems=tuple(problems), orphans=orphans)


def _with_evidence(article: Article, seed: SeedFile, corrections: Corrections) -> Article:
    """Apply what the format says for sure: a Caption-styled line is a caption, a bold opening run is a lead.

    Only a one-line paragraph the rules read as a plain paragraph is changed, and never one a
    corrections.yml entry settles: the format's evidence fills a gap, it overrules nothing."""
    captions = {h.line + 1 for h in seed.hints if h.kind is EvidenceKind.CAPTION}
    leads = {h.line + 1: h.detail for h in seed.hints if h.kind is EvidenceKind.LEAD}
    if not captions and not leads:
        return article
    blocks = []
    for b in article.blocks:
        line = b.source.start
        if b.kind is BlockKind.PARAGRAPH and b.source.start == b.source.end and not b.source.also:
            if line in captions and not corrections.at(seed.name, line, "kind"):
                b = replace(b, kind=BlockKind.CAPTION, lead="")
            elif (lead := leads.get(line)) and not b.lead and b.text.startswith(lead) and b.text != lead:
                b = b if corrections.at(seed.name, line, "lead") else replace(b, lead=lead)
        blocks.append(b)
    return replace(article, blocks=tuple(blocks))


def _reader_notes(seed: SeedFile) -> list[Note]:
    """List what a format reader left out of a seed (a page's navigation, a running head) as removed furniture."""
    # Line 0: the text is not among the seed's lines; its place in the file is in the message.
    whole = Source(file=seed.name, start=0, end=0)
    return [Note(kind=NoteKind.BOILERPLATE, source=whole, message=f"{d.why}（{d.place}）", text=d.text) for d in seed.dropped]


def _with_provenance(article: Article, corrected: Sequence[Note], corrections: Corrections) -> Article:
    """Record on an article the declared corrections that took effect in its lines."""
    spans = [(article.headline.start, article.headline.end)]
    for block in article.blocks:
        spans += [(block.source.start, block.source.end), *block.source.also]
    by_origin = {c.origin: c for c in corrections.entries}
    applied: list[tuple[str, str, str, str]] = []
    for note in corrected:
        c = by_origin.get(note.origin)
        if c and any(a <= note.source.start <= b for a, b in spans) and note.origin not in (x[0] for x in applied):
            applied.append((c.origin, c.at, c.describe(), c.note))
    return replace(article, corrections=tuple(applied)) if applied else article


def settle_orphans(recovered: Sequence[Recovered]) -> list[Recovered]:
    """Drop bodiless headlines that repeat an article of any file; any other is a problem of its file."""
    articles = [a for r in recovered for a in r.articles]
    settled = []
    for r in recovered:
        notes, problems = list(r.notes), list(r.problems)
        for head in r.orphans:
            twin = next((a for a in articles if same_article(head, a)), None)
            if twin is None:
                # A headline with no text under it loses nothing: its lines are listed where it stood.
                notes.append(
                    Note(kind=NoteKind.REVIEW, source=head.source, message=f"标题「{head.title}」下没有正文，未作为文章发表",
                         text=head.title, doubt=DOUBT["position"], suggestion=suggest(head.source, "kind: boilerplate"))
                )  # fmt: skip
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
