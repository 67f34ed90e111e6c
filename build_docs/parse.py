"""Stage 3: recover articles from normalised seeds.

Headline blocks are found first (dateline / Markdown / web title forms), the text between
them is unwrapped into paragraphs, bodies are matched to headlines by the district they talk
about, and each body is given its structure (headings, captions, credits, run-in leads).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .data import Boilerplate, Vocabulary
from .errors import Problem
from .normalise import NormalisedSeed, column_width, unwrap
from .records import Article, Block, Line, Note, Paragraph, Region, Source
from .regions import count_mentions, parse_place, region_prefix, short_name
from .text import HAN, display_width, ends_sentence

# A newspaper page header: '2021年4月19日 星期一'. Dates the articles below it.
PAGE_DATE_RE = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*(?:星期[一二三四五六日天])?$")
# A web article's date/time and source line: '2019年10月12日15:45    来源：人民网-…'.
DATE_SOURCE_RE = re.compile(
    r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*(?:\d{1,2}[:：]\d{2})?\s*来源[:：]\s*(?P<publisher>\S.*)$"
)
# A dateline: a place name then a colon, the title either after it or on the next line.
DATELINE_RE = re.compile(rf"^(?P<place>[{HAN}]{{2,40}}?)[:：]\s*(?P<title>.*)$")
# Markdown-marked kicker (引题) and title, as some extractions write them.
MD_KICKER_RE = re.compile(r"^##\s+(?P<text>\S.*)$")
MD_TITLE_RE = re.compile(r"^#\s+(?P<text>\S.*)$")
# Markdown-marked section heading inside a body.
MD_HEADING_RE = re.compile(r"^(?P<marks>#{3,6})\s+(?P<text>\S.*)$")
# A byline: role, white space, then a name of two to four Han characters, which narrow
# columns pad with a space ('李 维').
BYLINE_RE = re.compile(rf"^(?P<role>[^\s■].*?)\s+(?P<name>[{HAN}](?:\s?[{HAN}]){{1,3}})$")
BYLINE_MARK = "■"
# A title is one short unpunctuated-at-the-end line.
TITLE_MAX_WIDTH = 50
# Photo captions are marked with a triangle in the print edition.
CAPTION_MARK_RE = re.compile(r"^[▲△]")
# A photo credit, alone or appended to the last paragraph: '（图片由…提供）'.
CREDIT_RE = re.compile(r"[（(](?:图片|照片|图)由[^（）()]{1,40}提供[）)]$")
# Numbered headings: '一、背景' (section) and '（一）…' (subsection).
NUMBERED_SECTION_RE = re.compile(r"^[一二三四五六七八九十]+、")
NUMBERED_SUBSECTION_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
# A run-in lead: the paragraph's first sentence, short, followed by more text.
LEAD_RE = re.compile(r"^(?P<lead>[^。！？：；]{2,23}[。！？])(?=\S)")
HEADING_MAX_WIDTH = 40
CAPTION_MAX_WIDTH = 60


@dataclass(frozen=True, kw_only=True)
class Headline:
    """A headline block: where an article starts and what it says about itself."""

    region: Region
    title: str
    kicker: str
    author: str
    role: str
    date: str
    date_text: str
    publisher: str
    source: Source
    byline_region: Region | None


@dataclass(frozen=True, kw_only=True)
class Body:
    """The paragraphs found under one headline position (or before the first)."""

    paragraphs: tuple[Paragraph, ...]
    after: int  # index of the headline it follows in its file, -1 if before any

    @property
    def source(self) -> Source:
        return Source(file=self.paragraphs[0].source.file, start=self.paragraphs[0].source.start,
                      end=self.paragraphs[-1].source.end)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.paragraphs)


@dataclass(frozen=True, kw_only=True)
class FileParse:
    """What one seed holds: headlines in order, bodies, and lines consumed as metadata."""

    file: str
    headlines: tuple[Headline, ...]
    bodies: tuple[Body, ...]


class Parser:
    """Recover articles from normalised seeds, collecting notes and problems."""

    def __init__(self, vocab: Vocabulary, boilerplate: Sequence[Boilerplate]):
        self.vocab = vocab
        self.boilerplate = tuple(boilerplate)
        self.notes: list[Note] = []
        self.problems: list[Problem] = []

    # -- headline blocks --------------------------------------------------------------

    def split_file(self, seed: NormalisedSeed) -> FileParse:
        """Find headline blocks, metadata and boilerplate lines; unwrap the text between."""
        lines = list(seed.lines)
        raw = seed.seed.lines
        consumed: set[int] = set()
        page_date = ("", "")
        headlines: list[Headline] = []
        segments: list[list[Line]] = [[]]
        i = 0
        while i < len(lines):
            line = lines[i]
            text = line.text
            if not text:
                segments[-1].append(line)
                i += 1
                continue
            rule = next((b for b in self.boilerplate if b.pattern.search(text)), None)
            if rule:
                self._consume(line, raw, "boilerplate", rule.description)
                segments[-1].append(replace(line, text=""))
                i += 1
                continue
            m = PAGE_DATE_RE.match(text)
            if m:
                page_date = (_iso(m), text)
                self._consume(line, raw, "metadata", "版面日期，用作其下文章的日期")
                segments[-1].append(replace(line, text=""))
                i += 1
                continue
            found = self._headline_at(lines, i, page_date)
            if found:
                headline, used = found
                for j in used:
                    self._consume(lines[j], raw, "headline", "标题区（解析为标题、作者、日期、来源）")
                consumed.update(used)
                headlines.append(headline)
                segments.append([])
                i = max(used) + 1
                continue
            segments[-1].append(line)
            i += 1
        if not headlines:
            self.problems.append(Problem(
                file=seed.seed.name, line=next((ln.number for ln in lines if ln.text), 1),
                message="no recognisable article: no headline block (dateline '省市区：标题', Markdown '# 标题' or web title) found",
            ))
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
                    self.notes.append(Note(kind="join", source=p.source,
                                           message=f"段内空行 {len(p.breaks)} 处，已接续成段"))
        if width is not None:
            joins = sum(p.joins for b in bodies for p in b.paragraphs)
            self.notes.append(Note(kind="wrap", source=Source(file=seed.seed.name, start=1, end=len(lines)),
                                   message=f"窄栏硬换行（约 {width:g} 字一行）：合并断行 {joins} 处"))
        return FileParse(file=seed.seed.name, headlines=tuple(headlines), bodies=tuple(bodies))

    def _consume(self, line: Line, raw: Sequence[str], kind: str, message: str) -> None:
        self.notes.append(Note(kind=kind, source=Source(file=line.file, start=line.number, end=line.number),
                               message=message, text=raw[line.number - 1]))

    def _next_text(self, lines: Sequence[Line], i: int) -> int | None:
        """Index of the next non-blank line after i, if any."""
        for j in range(i + 1, len(lines)):
            if lines[j].text:
                return j
        return None

    def _headline_at(self, lines: Sequence[Line], i: int, page_date: tuple[str, str]) -> tuple[Headline, list[int]] | None:
        """Parse a headline block starting at line i, or return None."""
        text = lines[i].text
        used = [i]
        kicker = ""
        region: Region | None = None
        title = ""
        m = MD_KICKER_RE.match(text)
        if m:
            j = self._next_text(lines, i)
            if j is None or not MD_TITLE_RE.match(lines[j].text):
                return None
            kicker, title = m["text"], MD_TITLE_RE.match(lines[j].text)["text"]
            used.append(j)
        elif MD_TITLE_RE.match(text):
            # A lone '# …' line is a title only when a byline follows it; otherwise it is text.
            j = self._next_text(lines, i)
            if j is None or self._byline(lines[j], quiet=True) is None:
                return None
            title = MD_TITLE_RE.match(text)["text"]
        else:
            m = DATELINE_RE.match(text)
            if not m:
                return None
            region = parse_place(m["place"], self.vocab)
            if region is None:
                return None
            title = m["title"].strip()
            if not title:
                j = self._next_text(lines, i)
                if j is None or not _looks_like_title(lines[j].text):
                    return None
                title = lines[j].text
                used.append(j)
        author = role = ""
        byline_region = None
        j = self._next_text(lines, max(used))
        if j is not None:
            parsed = self._byline(lines[j])
            if parsed:
                role, author = parsed
                byline_region = region_prefix(role) if role else region_prefix(author)
                used.append(j)
                j = self._next_text(lines, j)
        date, date_text, publisher = page_date[0], page_date[1], ""
        if j is not None:
            m = DATE_SOURCE_RE.match(lines[j].text)
            if m:
                date, publisher = _iso(m), m["publisher"].strip()
                date_text = lines[j].text[: m.start("publisher")].split("来源")[0].strip()
                used.append(j)
        source = Source(file=lines[i].file, start=lines[i].number, end=lines[max(used)].number)
        if region is None:
            region = byline_region
        if region is None:
            self.problems.append(Problem(file=source.file, line=source.start,
                                         message=f"headline without a place (no dateline, no place in the byline): '{title}'"))
            return None
        if byline_region and byline_region.district != region.district:
            self.notes.append(Note(kind="check", source=source,
                                   message=f"署名单位所在地（{byline_region.district}）与电头地区（{region.district}）不一致，以电头为准"))
        return Headline(region=region, title=title, kicker=kicker, author=author, role=role, date=date,
                        date_text=date_text, publisher=publisher, source=source,
                        byline_region=byline_region), used

    def _byline(self, line: Line, quiet: bool = False) -> tuple[str, str] | None:
        """Parse a byline into (role, name), or an organisation author into ('', name)."""
        text = line.text
        marked = text.startswith(BYLINE_MARK)
        body = text[len(BYLINE_MARK):].strip() if marked else text
        m = BYLINE_RE.match(body)
        if m and (marked or m["role"].endswith(self.vocab.role_suffixes)):
            name = m["name"]
            unpadded = re.sub(r"\s+", "", name)
            if unpadded != name and not quiet:
                self.notes.append(Note(kind="name", source=Source(file=line.file, start=line.number, end=line.number),
                                       message=f"署名姓名去除排版空格：「{name}」→「{unpadded}」"))
            return m["role"].strip(), unpadded
        if re.fullmatch(f"[{HAN}]{{4,30}}", body) and body.endswith(self.vocab.organisation_suffixes):
            return "", body
        if marked:
            return "", body
        return None

    # -- bodies to headlines ----------------------------------------------------------

    def match_bodies(self, parsed: FileParse) -> list[tuple[Headline, Body]]:
        """Give each body the headline whose district it names, position only as a fallback."""
        heads = parsed.headlines
        owner: dict[int, int] = {}  # body index -> headline index
        claims: dict[int, tuple[int, int]] = {}  # headline index -> (score, body index)
        scores = [[count_mentions(b.text, h.region, self.vocab) for h in heads] for b in parsed.bodies]
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
                self.notes.append(Note(kind="position", source=body.source,
                                       message=f"正文未点名任何标题的地区，按位置归入 {heads[body.after].source} 的标题"))
            else:
                self.problems.append(Problem(file=parsed.file, line=body.source.start,
                                             message=f"text without a headline: '{body.paragraphs[0].text[:30]}…'"))
        pairs = []
        for bi, hi in sorted(owner.items(), key=lambda item: item[1]):
            body, head = parsed.bodies[bi], heads[hi]
            if body.after != hi:
                above = heads[body.after] if body.after >= 0 else None
                above_note = (f"紧邻其上的标题（{above.region.district}）仅 {scores[bi][body.after]} 次"
                              if above else "其上没有标题")
                self.notes.append(Note(
                    kind="rematch", source=body.source,
                    message=(f"正文按内容归入 {head.source} 的标题「{head.title}」：正文提到“{short_name(head.region.district, self.vocab)}”"
                             f" {scores[bi][hi]} 次，{above_note}"),
                ))
            pairs.append((head, body))
        return pairs

    # -- structure of one article -----------------------------------------------------

    def build_article(self, head: Headline, body: Body) -> Article:
        """Turn a body's paragraphs into blocks and attach the headline's metadata."""
        blocks = self._classify(body.paragraphs)
        blocks = _merge_split_headings(blocks)
        blocks = _level_headings(blocks)
        blocks = self._rejoin_fragment(blocks, head)
        blocks = self._leads(blocks)
        return Article(region=head.region, title=head.title, kicker=head.kicker, author=head.author, role=head.role,
                       date=head.date, date_text=head.date_text, publisher=head.publisher, headline=head.source,
                       blocks=tuple(b for b, _ in blocks))

    def _classify(self, paragraphs: Sequence[Paragraph]) -> list[tuple[Block, Paragraph]]:
        """Tell headings, captions and credits from body paragraphs."""
        out: list[tuple[Block, Paragraph]] = []
        for p in paragraphs:
            text = p.text
            m = MD_HEADING_RE.match(text)
            if m:
                out.append((Block(kind="heading", text=m["text"], source=p.source, level=len(m["marks"])), p))
                continue
            if CAPTION_MARK_RE.match(text):
                out.append((Block(kind="caption", text=text, source=p.source), p))
                continue
            credit = CREDIT_RE.search(text)
            if credit:
                rest = text[: credit.start()]
                if rest:
                    out.append((Block(kind="para", text=rest, source=p.source), p))
                out.append((Block(kind="credit", text=credit.group(), source=p.source), replace(p, gap_before=0)))
                continue
            if p.joins == 0 and not ends_sentence(text) and display_width(text) <= HEADING_MAX_WIDTH:
                out.append((Block(kind="heading", text=text, source=p.source, level=3), p))
                continue
            if (p.gap_before >= 2 and p.joins == 0 and ends_sentence(text) and out and out[-1][0].kind == "para"
                    and display_width(text) <= CAPTION_MAX_WIDTH and len(re.findall("[。！？]", text)) == 1):
                out.append((Block(kind="caption", text=text, source=p.source), p))
                continue
            out.append((Block(kind="para", text=text, source=p.source), p))
        return out

    def _rejoin_fragment(self, blocks: list[tuple[Block, Paragraph]], head: Headline) -> list[tuple[Block, Paragraph]]:
        """Move a run that starts mid-sentence back to the paragraph that ends mid-sentence."""
        dangling = [i for i, (b, _) in enumerate(blocks)
                    if b.kind == "para" and not ends_sentence(b.text)
                    and (i + 1 == len(blocks) or blocks[i + 1][0].kind == "heading")]
        if not dangling:
            return blocks
        candidates = [i for i, (b, _) in enumerate(blocks)
                      if b.kind == "para" and i > 0 and i not in dangling and _prev_text_ends(blocks, i)]
        # Evidence that a paragraph starts mid-sentence: a word runs across the cut when it is
        # put after the dangling end (马銮 + 湾新城 -> 马銮湾), or it sits right after a figure,
        # where a layout break put it.
        glued = [i for i in candidates if len(dangling) == 1 and _word_across(blocks[dangling[0]][0].text, blocks[i][0].text)]
        after_figure = [i for i in candidates if blocks[i - 1][0].kind == "caption"]
        both = [i for i in glued if i in after_figure]
        orphans = both if len(both) == 1 else glued if glued else after_figure
        if len(dangling) != 1 or len(orphans) != 1 or orphans[0] > dangling[0]:
            for i in dangling:
                self.notes.append(Note(kind="fragment", source=blocks[i][0].source,
                                       message=f"段落止于句中（「…{blocks[i][0].text[-12:]}」），未找到唯一的接续片段，保持原样"))
            return blocks
        d, o = dangling[0], orphans[0]
        end = o + 1
        while end < len(blocks) and blocks[end][0].kind == "para" and end < d:
            end += 1
        run = blocks[o:end]
        first_block, _ = run[0]
        target_block, target_para = blocks[d]
        joined = replace(target_block, text=target_block.text + first_block.text,
                         source=replace(target_block.source, also=(
                             *target_block.source.also, (first_block.source.start, first_block.source.end))))
        self.notes.append(Note(
            kind="fragment", source=first_block.source,
            message=(f"错位片段（{len(run)} 段，{run[0][0].source} 起）移回 {target_block.source} 段末："
                     f"「…{target_block.text[-8:]}」+「{first_block.text[:12]}…」"),
        ))
        rest = blocks[:o] + blocks[end:]
        new_d = rest.index(blocks[d])
        moved = [(joined, replace(target_para, text=joined.text, breaks=(), joins=target_para.joins))] + run[1:]
        return rest[:new_d] + moved + rest[new_d + 1:]

    def _leads(self, blocks: list[tuple[Block, Paragraph]]) -> list[tuple[Block, Paragraph]]:
        """Mark run-in leads in bold; a lead broken by a blank line in the column is a section head."""
        out: list[tuple[Block, Paragraph]] = []
        # The article's opening paragraph never has a run-in lead. A section's first paragraph is
        # usually its introduction; it has a lead only when the next paragraph has one too
        # (a parallel series such as '党建引领，从上推动。' / '村民自主，自下发力。').
        after_heading = False
        opening = True
        for index, (block, para) in enumerate(blocks):
            if block.kind == "heading":
                after_heading, opening = True, False
                out.append((block, para))
                continue
            if block.kind != "para":
                out.append((block, para))
                continue
            lead = _lead_of(block.text)
            if after_heading:
                following = blocks[index + 1][0] if index + 1 < len(blocks) else None
                if not (following and following.kind == "para" and _lead_of(following.text)):
                    lead = ""
            if lead and not opening:
                if "，" in lead and any(0 < off < len(lead) for off in para.breaks):
                    out.append((Block(kind="heading", text=lead, source=block.source, level=3), para))
                    out.append((replace(block, text=block.text[len(lead):]), para))
                    after_heading = opening = False
                    continue
                block = replace(block, lead=lead)
            out.append((block, para))
            after_heading = opening = False
        if not any(b.kind == "heading" for b, _ in out):
            promoted = []
            for block, para in out:
                if block.kind == "para" and "，" in block.lead:
                    promoted.append((Block(kind="heading", text=block.lead, source=block.source, level=3), para))
                    promoted.append((replace(block, text=block.text[len(block.lead):], lead=""), para))
                else:
                    promoted.append((block, para))
            out = promoted
        return out


def _word_across(before: str, after: str) -> bool:
    """Tell whether a dictionary word spans the join of two texts (jieba, no guessing)."""
    left, right = before[-8:], after[:8]
    position = 0
    for word in _segment(left + right):
        if position < len(left) < position + len(word):
            return True
        position += len(word)
    return False


def _segment(text: str) -> list[str]:
    import jieba  # loaded only when an article ends mid-sentence

    jieba.setLogLevel(logging.WARNING)
    return jieba.lcut(text, HMM=False)


def _prev_text_ends(blocks: Sequence[tuple[Block, Paragraph]], i: int) -> bool:
    """Tell whether the last paragraph before i (skipping figures) ends a sentence."""
    for block, _ in reversed(blocks[:i]):
        if block.kind == "para":
            return ends_sentence(block.text)
        if block.kind == "heading":
            return True
    return True


def _merge_split_headings(blocks: list[tuple[Block, Paragraph]]) -> list[tuple[Block, Paragraph]]:
    """Join a heading set over two adjacent short lines into one ('坚持一盘棋' + '加强引领组织实施')."""
    out: list[tuple[Block, Paragraph]] = []
    for block, para in blocks:
        if (out and block.kind == "heading" and out[-1][0].kind == "heading" and para.gap_before == 0
                and out[-1][0].level == block.level and not NUMBERED_SECTION_RE.match(block.text)
                and not NUMBERED_SUBSECTION_RE.match(block.text)):
            prev, prev_para = out[-1]
            out[-1] = (replace(prev, text=f"{prev.text} {block.text}",
                               source=Source(file=prev.source.file, start=prev.source.start, end=block.source.end)),
                       prev_para)
            continue
        out.append((block, para))
    return out


def _level_headings(blocks: list[tuple[Block, Paragraph]]) -> list[tuple[Block, Paragraph]]:
    """Put '（一）' subsections one level below '一、' sections when both occur."""
    has_sections = any(b.kind == "heading" and NUMBERED_SECTION_RE.match(b.text) for b, _ in blocks)
    out = []
    for block, para in blocks:
        if block.kind == "heading" and has_sections and NUMBERED_SUBSECTION_RE.match(block.text):
            block = replace(block, level=4)
        elif block.kind == "heading":
            block = replace(block, level=min(block.level, 4) if block.level >= 3 else 3)
        out.append((block, para))
    return out


def _lead_of(text: str) -> str:
    """Return a paragraph's run-in lead sentence, or '' if it has none."""
    m = LEAD_RE.match(text)
    if m and _balanced(m["lead"]) and m["lead"].count("，") <= 1:
        return m["lead"]
    return ""


def _balanced(text: str) -> bool:
    """Tell whether quotes and brackets in a lead are closed within it."""
    return text.count("“") == text.count("”") and text.count("（") == text.count("）") and text.count("《") == text.count("》")


def _looks_like_title(text: str) -> bool:
    """Tell whether a line can be a title: short and not a sentence or a byline."""
    return (not ends_sentence(text) and display_width(text) <= TITLE_MAX_WIDTH
            and not text.startswith(BYLINE_MARK))


def _iso(m: re.Match[str]) -> str:
    return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"


def same_article(a: Headline, b: Article) -> bool:
    """Tell whether a headline repeats an article: same district and the same title."""
    strip = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    return a.region.district == b.region.district and strip(a.title) == strip(b.title)
