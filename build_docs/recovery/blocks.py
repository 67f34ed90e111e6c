"""The structure of one article's body: an ordered tuple of named block passes.

Each pass takes the article's drafts (a block with the paragraph it came from) and returns
new drafts and the notes it took; none changes its input. `BLOCK_PASSES` is the order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .. import provenance
from ..corrections import NONE as NO_CORRECTIONS
from ..corrections import Correction, Corrections
from ..data import Boilerplate, Vocabulary
from ..kinds import BlockKind, NoteKind
from ..records import Block, Note, Paragraph, Source
from ..segment import word_across
from ..text import (
    HAN,
    NUMBERED_SECTION_RE,
    NUMBERED_SUBSECTION_RE,
    display_width,
    ends_sentence,
    heading_shaped,
    numbered_head,
)
from .bylines import Surnames, parse_signature

# Markdown-marked section heading inside a body.
MD_HEADING_RE = re.compile(r"^(?P<marks>#{2,6})\s+(?P<text>\S.*)$")
# Photo captions are marked with a triangle in the print edition.
CAPTION_MARK_RE = re.compile(r"^[▲△]")
# A photo credit, alone or appended to the last paragraph: '（图片由…提供）'.
CREDIT_RE = re.compile(r"[（(](?:本文|本版)?(?:图片|照片|图)(?:均)?由[^（）()]{1,40}提供[）)]$")
# A heading a Markdown extraction kept in bold: '**党的领导是…根本保证**'.
BOLD_HEADING_RE = re.compile(r"^\*\*(?P<text>[^*]{2,40})\*\*$")
# Numbered headings: '一、背景' (section) and '（一）…' (subsection).
# A run-in lead: the paragraph's first sentence, short, followed by more text.
LEAD_RE = re.compile(r"^(?P<lead>[^。！？：；]{2,23}[。！？])(?=\S)")
CAPTION_MAX_WIDTH = 60
KIND_LABELS = {BlockKind.HEADING: "小标题", BlockKind.PARAGRAPH: "正文段落", BlockKind.CAPTION: "图片说明",
               BlockKind.CREDIT: "图片来源"}  # fmt: skip
# A heading set on more than this many lines in a row is not a heading but a list.
HEADING_MAX_LINES = 2
# An abbreviation the article defines: '（以下简称“共富工坊”）'.
# A line that stops short with no clause punctuation at all ('扫码关注我们', '本期编辑 李四'): a
# page's furniture the declared patterns missed, which `kind: boilerplate` removes; text cut
# off mid-sentence has its commas.
FURNITURE_LIKE_RE = re.compile(r"^[^，。、；：！？,;]{1,30}$")
ABBREVIATION_RE = re.compile(r"以下(?:简称|称)[“「]?(?P<term>[^”」）)，。]{2,12})[”」]?")


@dataclass(frozen=True, kw_only=True)
class Draft:
    """A block being built, with the paragraph it came from."""

    block: Block
    para: Paragraph
    fixed: bool = False  # its kind was declared by line_kinds.yml: no rule may change it

    @property
    def kind(self) -> BlockKind:
        return self.block.kind

    @property
    def text(self) -> str:
        return self.block.text


@dataclass(frozen=True, kw_only=True)
class BodyRules:
    """What the block passes need to know."""

    vocab: Vocabulary
    surnames: Surnames
    line_kinds: tuple[Boilerplate, ...]
    corrections: Corrections = NO_CORRECTIONS


Drafts = tuple[Draft, ...]
PassResult = tuple[Drafts, tuple[Note, ...]]
BlockPass = Callable[[Drafts, BodyRules], PassResult]


def _note(kind: NoteKind, source: Source, message: str, text: str = "", suggestion: str = "", doubt: int = 0) -> Note:
    return Note(kind=kind, source=source, message=message, text=text, suggestion=suggestion, doubt=doubt)


# How doubtful each kind of weak decision is: the review queue lists the most doubtful first.
DOUBT = {
    "position": 5,  # a body given to a headline by position only
    "region_body": 4,  # a place taken from the body, none in the headline
    "fragment": 4,  # an article that stops mid-sentence with no unique fragment to rejoin
    "after_signature": 4,  # text after a closing signature
    "heading": 3,  # a heading guessed from its shape alone
    "caption": 3,  # a caption guessed without a ▲ mark
    "byline": 3,  # a byline of an unknown shape
    "fragment_length": 2,  # a fragment whose length could not be told
    "region_byline": 2,  # a place taken from a byline role or a signature, not a dateline
    "duplicate": 2,  # an article another file gave word for word, published once
    "date_below": 2,  # a date taken from a running head inside the article, none above it
    "date": 1,  # no date found
}


def suggest(source: Source, action: str) -> str:
    """The corrections.yml entry that would settle a decision at a source line."""
    return f"- at: {provenance.address(source.file, source.start)}\n  {action}"


def correction_note(correction: Correction, file: str, line: int, original: str, result: str) -> Note:
    """Record that a declared correction took effect: where (the seed as shown), what it said, before and after."""
    message = f"编者订正（{correction.describe()}）：{result}" + (f"。{correction.note}" if correction.note else "")
    return Note(kind=NoteKind.CORRECTION, source=Source(file=file, start=line, end=line), message=message,
                suggestion=original, origin=correction.origin)  # fmt: skip


def _declared(d: Draft, rules: BodyRules, action: str) -> tuple[object, Correction] | None:
    """The value an editor declared for an action on any line of a draft's paragraph."""
    s = d.para.source
    return rules.corrections.value(s.file, s.start, s.end, action)


def draft(kind: BlockKind, text: str, para: Paragraph, level: int = 0) -> Draft:
    """Make a draft block of a paragraph."""
    return Draft(block=Block(kind=kind, text=text, source=para.source, level=level), para=para)


# -- passes ----------------------------------------------------------------------------------


# A jump note set on a paragraph's last line ('…主导产业。（下转第二版）'): the page's, not the text's.
JUMP_TAIL_RE = re.compile(r"\s*[（(]\s*(?:下转|转|转至|下接)\s*第?\s*[A-Z]?[0-9一二三四五六七八九十]{1,3}\s*版\s*[）)]$")


def drop_jump_notes(drafts: Drafts, rules: BodyRules) -> PassResult:
    """Take a jump note ('（下转第4版）') off the end of a paragraph, where a PDF sets it on the last line."""
    out: list[Draft] = []
    notes: list[Note] = []
    for d in drafts:
        m = JUMP_TAIL_RE.search(d.text) if d.kind is BlockKind.PARAGRAPH else None
        if m and m.start() > 0:
            notes.append(
                _note(NoteKind.BOILERPLATE, d.block.source, "跨版转接提示（“下转第4版”），原文不在此处", text=m.group().strip())
            )
            d = replace(d, block=replace(d.block, text=d.text[: m.start()]))
        out.append(d)
    return tuple(out), tuple(notes)


def take_signature(drafts: Drafts, rules: BodyRules) -> PassResult:
    """Take a closing '（作者为…）' signature out of the body: it gives the author's role, not text.

    A signature closes an article; text after one (extraction put the next article's body
    there) is kept in place and reported for review."""
    found = [(i, s) for i, d in enumerate(drafts) if d.kind is BlockKind.PARAGRAPH and (s := parse_signature(d.text))]
    if not found:
        return drafts, ()
    i, signature = found[-1]
    d = drafts[i]
    said = (
        f"作者身份：{signature.role}"
        if signature.role
        else f"{'供稿' if '供稿' in signature.text else '记者'}：{signature.names}"
    )
    notes = [_note(NoteKind.SIGNATURE, d.block.source, f"文末署名，{said}", text=d.text)]
    after = [x for x in drafts[i + 1 :] if x.kind is BlockKind.PARAGRAPH]
    if after:
        notes.append(
            _note(
                NoteKind.REVIEW,
                d.block.source,
                f"文末署名之后还有 {len(after)} 段，可能属于另一篇文章",
                text=after[0].text[:40],
                suggestion=suggest(after[0].block.source, "kind: boilerplate"),
                doubt=DOUBT["after_signature"],
            )
        )
    return drafts[:i] + drafts[i + 1 :], tuple(notes)


def classify(drafts: Drafts, rules: BodyRules) -> PassResult:
    """Tell marked headings, declared line kinds, captions and credits from body paragraphs."""
    out: list[Draft] = []
    notes: list[Note] = []
    # A caption is set apart by more blank lines than the text puts between its paragraphs.
    gaps = sorted(d.para.gap_before for d in drafts[1:])
    usual = gaps[len(gaps) // 2] if gaps else 1
    for d in drafts:
        text, para = d.text, d.para
        if (declared := _declared(d, rules, "kind")) and declared[0] != "boilerplate":
            kind_name, correction = declared
            kind = {"heading": BlockKind.HEADING, "paragraph": BlockKind.PARAGRAPH, "caption": BlockKind.CAPTION,
                    "credit": BlockKind.CREDIT}[str(kind_name)]  # fmt: skip
            level = int(str(correction.actions.get("level", 3))) if kind is BlockKind.HEADING else 0
            out.append(replace(draft(kind, text, para, level=level), fixed=True))
            notes.append(correction_note(correction, para.source.file, correction.line, text, f"定为{KIND_LABELS[kind]}"))
            continue
        if m := MD_HEADING_RE.match(text):
            out.append(draft(BlockKind.HEADING, m["text"], para, level=len(m["marks"])))
            continue
        if (m := BOLD_HEADING_RE.match(text)) and heading_shaped(m["text"]):
            out.append(draft(BlockKind.HEADING, m["text"], para, level=3))
            continue
        line_kind = next((k for k in rules.line_kinds if k.pattern.search(text)), None)
        if line_kind:
            kind = {"paragraph": BlockKind.PARAGRAPH, "caption": BlockKind.CAPTION, "credit": BlockKind.CREDIT}[line_kind.kind]
            out.append(replace(draft(kind, text, para), fixed=True))
            continue
        if CAPTION_MARK_RE.match(text):
            out.append(draft(BlockKind.CAPTION, text, para))
            continue
        credit = CREDIT_RE.search(text)
        if credit:
            rest = text[: credit.start()]
            if rest:
                out.append(draft(BlockKind.PARAGRAPH, rest, para))
            out.append(draft(BlockKind.CREDIT, credit.group(), replace(para, gap_before=0)))
            continue
        if (
            para.gap_before >= max(2, usual + 1)
            and not para.after_removed
            and para.joins == 0
            and ends_sentence(text)
            and out
            and out[-1].kind is BlockKind.PARAGRAPH
            and display_width(text) <= CAPTION_MAX_WIDTH
            and len(re.findall("[。！？]", text)) == 1
        ):
            out.append(draft(BlockKind.CAPTION, text, para))
            notes.append(
                _note(
                    NoteKind.REVIEW,
                    para.source,
                    "无▲标记，按版面推断为图片说明（前有多个空行、仅一句）",
                    text=text,
                    suggestion=suggest(para.source, "kind: caption"),
                    doubt=DOUBT["caption"],
                )
            )
            continue
        out.append(draft(BlockKind.PARAGRAPH, text, para))
    return tuple(out), tuple(notes)


def find_headings(drafts: Drafts, rules: BodyRules) -> PassResult:
    """Make headings of short lines that stand between paragraphs, numbered or in a series.

    A heading has evidence: it is numbered, or it stands after a finished paragraph and
    before the text it heads. A sentence, a cut line or a closing line is never a heading."""

    def candidate(d: Draft) -> bool:
        # A heading may come wrapped over two lines of a narrow column: unwrapping kept such a
        # pair apart from the text around it only on a heading's evidence.
        one_line = d.para.joins <= 1
        return d.kind is BlockKind.PARAGRAPH and not d.fixed and one_line and heading_shaped(d.text)

    out = list(drafts)
    found: list[int] = []
    i = 0
    while i < len(out):
        if not candidate(out[i]):
            i += 1
            continue
        end = i + 1
        while end < len(out) and candidate(out[end]) and out[end].para.gap_before == 0 and end - i < HEADING_MAX_LINES:
            end += 1
        numbered = numbered_head(out[i].text)
        before = out[i - 1] if i else None
        after = out[end] if end < len(out) else None
        stands_between = (
            before is not None
            and after is not None
            and after.kind is BlockKind.PARAGRAPH
            and not candidate(after)
            and (before.kind is not BlockKind.PARAGRAPH or ends_sentence(before.text))
        )
        if numbered or stands_between:
            for k in range(i, end):
                out[k] = draft(BlockKind.HEADING, out[k].text, out[k].para, level=3)
            found.append(i)
        i = end
    notes: list[Note] = []
    if len(found) == 1 and not (
        NUMBERED_SECTION_RE.match(out[found[0]].text) or NUMBERED_SUBSECTION_RE.match(out[found[0]].text)
    ):
        d = out[found[0]]
        notes.append(
            _note(
                NoteKind.REVIEW,
                d.block.source,
                "仅凭行的长短与位置判为小标题（无编号，文中无并列小标题）",
                text=d.text,
                suggestion=suggest(d.block.source, "kind: heading"),
                doubt=DOUBT["heading"],
            )
        )
    return tuple(out), tuple(notes)


def merge_split_headings(drafts: Drafts, rules: BodyRules) -> PassResult:
    """Join a heading set over two adjacent short lines into one ('坚持一盘棋' + '加强引领组织实施')."""
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if (
            prev
            and d.kind is BlockKind.HEADING
            and prev.kind is BlockKind.HEADING
            and d.para.gap_before == 0
            and prev.block.level == d.block.level
            and not NUMBERED_SECTION_RE.match(d.text)
            and not NUMBERED_SUBSECTION_RE.match(d.text)
        ):
            joined = replace(
                prev.block,
                text=f"{prev.text} {d.text}",
                source=Source(file=prev.block.source.file, start=prev.block.source.start, end=d.block.source.end),
            )
            out[-1] = replace(prev, block=joined)
            continue
        out.append(d)
    return tuple(out), ()


def level_headings(drafts: Drafts, rules: BodyRules) -> PassResult:
    """Put '（一）' subsections one level below '一、' sections when both occur."""
    has_sections = any(d.kind is BlockKind.HEADING and NUMBERED_SECTION_RE.match(d.text) for d in drafts)
    out = []
    for d in drafts:
        if d.kind is BlockKind.HEADING and not d.fixed:
            level = (
                4
                if has_sections and NUMBERED_SUBSECTION_RE.match(d.text)
                else (min(d.block.level, 4) if d.block.level >= 3 else 3)
            )
            d = replace(d, block=replace(d.block, level=level))
        out.append(d)
    return tuple(out), ()


def rejoin_fragment(drafts: Drafts, rules: BodyRules) -> PassResult:
    """Move a run that starts mid-sentence back to the paragraph that ends mid-sentence.

    Extraction sometimes puts the tail of a paragraph, and the paragraphs after it, before the
    paragraphs that precede it (text read around a picture). The run's first paragraph is
    found by a word cut across the join; where the run ends is decided by the order in which
    the article introduces people and abbreviations (a news article introduces a person with
    a title before naming them bare)."""
    blocks = list(drafts)
    kept = {i for i, d in enumerate(blocks) if _declared(d, rules, "not_fragment")}
    kept_notes = tuple(
        correction_note(c, blocks[i].para.source.file, c.line, blocks[i].text, "不作错位片段处理")
        for i in sorted(kept)
        if (found := _declared(blocks[i], rules, "not_fragment")) and (c := found[1])
    )
    dangling = [
        i
        for i, d in enumerate(blocks)
        if d.kind is BlockKind.PARAGRAPH
        and not d.fixed
        and i not in kept
        and not ends_sentence(d.text)
        and (i + 1 == len(blocks) or blocks[i + 1].kind is BlockKind.HEADING)
    ]
    if not dangling:
        return drafts, kept_notes
    candidates = [
        i
        for i, d in enumerate(blocks)
        if d.kind is BlockKind.PARAGRAPH and i > 0 and i not in dangling and i not in kept and _prev_text_ends(blocks, i)
    ]
    glued = [i for i in candidates if len(dangling) == 1 and word_across(blocks[dangling[0]].text, blocks[i].text)]
    # A picture's place (its caption, or a placeholder line removed as furniture) is where
    # extraction puts text read out of order around it.
    after_figure = [i for i in candidates if blocks[i - 1].kind is BlockKind.CAPTION or blocks[i].para.after_removed]
    both = [i for i in glued if i in after_figure]
    orphans = both if len(both) == 1 else glued if glued else after_figure
    if len(dangling) != 1 or len(orphans) != 1 or orphans[0] > dangling[0]:
        notes = tuple(
            _note(
                NoteKind.REVIEW,
                blocks[i].block.source,
                f"段落止于句中（「…{blocks[i].text[-12:]}」），未找到唯一的接续片段，保持原样",
                text=blocks[i].text,
                suggestion=suggest(blocks[i].block.source, _settling(blocks[i])),
                doubt=DOUBT["fragment"],
            )
            for i in dangling
        )
        return drafts, kept_notes + notes
    d, o = dangling[0], orphans[0]
    # The run is the orphan and the paragraphs after it, up to a heading at most. Where it ends
    # is chosen by the order of introductions; failing that, at the next heading (the rest of
    # the moved section), else the orphan alone.
    ends = [e for e in range(o + 1, d + 1) if all(b.kind is not BlockKind.HEADING for b in blocks[o:e])]
    heading_at = next((e for e in ends if e < len(blocks) and blocks[e].kind is BlockKind.HEADING), None)
    scored = [(_misordered(_reordered(blocks, o, e, d), rules), e != heading_at, e - o, e) for e in ends]
    best = min(scored)
    end = best[3]
    ties = [e for s, h, _, e in scored if (s, h) == best[:2]]
    run = blocks[o:end]
    target = blocks[d]
    first = run[0]
    joined = replace(
        target.block,
        text=target.text + first.text,
        source=replace(target.block.source, also=(*target.block.source.also, (first.block.source.start, first.block.source.end))),
    )
    moved_notes = [
        _note(
            NoteKind.FRAGMENT,
            first.block.source,
            f"错位片段（{len(run)} 段，{first.block.source} 起）移回 {target.block.source} 段末："
            f"「…{target.text[-8:]}」+「{first.text[:12]}…」",
        )
    ]
    if len(ties) > 1:
        moved_notes.append(
            _note(
                NoteKind.REVIEW,
                first.block.source,
                f"错位片段的长度不能确定（{len(ties)} 种可能同样合理），取最短的 {len(run)} 段",
                text=first.text,
                suggestion=suggest(first.block.source, "not_fragment: true"),
                doubt=DOUBT["fragment_length"],
            )
        )
    moved = [replace(target, block=joined, para=replace(target.para, text=joined.text, breaks=()))] + run[1:]
    return tuple(blocks[:o] + blocks[end:d] + moved + blocks[d + 1 :]), kept_notes + tuple(moved_notes)


def _settling(draft: Draft) -> str:
    """The entry that settles a paragraph stopping mid-sentence: page furniture leaves, text stays where it is."""
    source = draft.block.source
    if source.start == source.end and FURNITURE_LIKE_RE.match(draft.text):
        return "kind: boilerplate"
    return "not_fragment: true"


def _reordered(blocks: Sequence[Draft], o: int, end: int, d: int) -> list[str]:
    """Paragraph texts in the order the move from o..end to after d would give."""
    order = list(blocks[:o]) + list(blocks[end : d + 1]) + list(blocks[o:end]) + list(blocks[d + 1 :])
    return [b.text for b in order if b.kind is BlockKind.PARAGRAPH]


def _misordered(texts: Sequence[str], rules: BodyRules) -> int:
    """Count people and abbreviations named bare before the place that introduces them."""
    full = "".join(texts)
    count = 0
    for m in ABBREVIATION_RE.finditer(full):
        if full.find(m["term"]) < m.start():
            count += 1
    titles = "|".join(map(re.escape, sorted(rules.vocab.person_titles, key=len, reverse=True)))
    introduced: dict[str, int] = {}
    for m in re.finditer(f"(?:{titles})(?P<name>[{HAN}]{{2,3}})", full):
        name = _name_at(full, m.start("name"), rules.surnames)
        if name and name not in introduced:
            introduced[name] = m.start("name")
    for name, at in introduced.items():
        if full.find(name) < at:
            count += 1
    return count


def _name_at(text: str, at: int, surnames: Surnames) -> str:
    """The person's name starting at `at`: the longest 2-3 character form the text repeats."""
    for length in (3, 2):
        name = text[at : at + length]
        if len(name) == length and surnames.starts_name(name) and text.count(name) >= 2:
            return name
    return ""


def _prev_text_ends(blocks: Sequence[Draft], i: int) -> bool:
    """Tell whether the last paragraph before i (skipping figures) ends a sentence."""
    for d in reversed(blocks[:i]):
        if d.kind is BlockKind.PARAGRAPH:
            return ends_sentence(d.text)
        if d.kind is BlockKind.HEADING:
            return True
    return True


def mark_leads(drafts: Drafts, rules: BodyRules) -> PassResult:
    """Mark run-in leads in bold; a lead broken by a blank line in the column is a section head."""
    out: list[Draft] = []
    notes: list[Note] = []
    # The article's opening paragraph never has a run-in lead. A section's first paragraph is
    # usually its introduction; it has a lead only when the next paragraph has one too
    # (a parallel series such as '党建引领，从上推动。' / '村民自主，自下发力。').
    after_heading = False
    opening = True
    for index, d in enumerate(drafts):
        if d.kind is BlockKind.HEADING:
            after_heading, opening = True, False
            out.append(d)
            continue
        if d.kind is not BlockKind.PARAGRAPH:
            out.append(d)
            continue
        lead = lead_of(d.text)
        if after_heading:
            following = drafts[index + 1] if index + 1 < len(drafts) else None
            if not (following and following.kind is BlockKind.PARAGRAPH and lead_of(following.text)):
                lead = ""
        if declared := _declared(d, rules, "lead"):
            value, correction = declared
            if value == "none" or (isinstance(value, str) and d.text.startswith(value)):
                lead = "" if value == "none" else str(value)
                notes.append(
                    correction_note(correction, d.para.source.file, correction.line, d.text, f"段首加粗句：{lead or '无'}")
                )
                out.append(replace(d, block=replace(d.block, lead=lead)))
                after_heading = opening = False
                continue
        if lead and not opening:
            if "，" in lead and any(0 < off < len(lead) for off in d.para.breaks):
                # A heading ends without the full stop the run-in sentence had (also in TOC and bookmarks).
                out.append(draft(BlockKind.HEADING, lead.rstrip("。"), d.para, level=3))
                out.append(replace(d, block=replace(d.block, text=d.text[len(lead) :])))
                after_heading = opening = False
                continue
            d = replace(d, block=replace(d.block, lead=lead))
        out.append(d)
        after_heading = opening = False
    return tuple(out), tuple(notes)


def lead_of(text: str) -> str:
    """Return a paragraph's run-in lead sentence, or '' if it has none."""
    m = LEAD_RE.match(text)
    if m and _balanced(m["lead"]) and m["lead"].count("，") <= 1:
        return m["lead"]
    return ""


def _balanced(text: str) -> bool:
    """Tell whether quotes and brackets in a lead are closed within it."""
    return text.count("“") == text.count("”") and text.count("（") == text.count("）") and text.count("《") == text.count("》")


BLOCK_PASSES: tuple[tuple[str, BlockPass], ...] = (
    ("drop_jump_notes", drop_jump_notes),
    ("take_signature", take_signature),
    ("classify", classify),
    ("find_headings", find_headings),
    ("merge_split_headings", merge_split_headings),
    ("level_headings", level_headings),
    ("rejoin_fragment", rejoin_fragment),
    ("mark_leads", mark_leads),
)


def structure(paragraphs: Sequence[Paragraph], rules: BodyRules) -> tuple[tuple[Block, ...], tuple[Note, ...]]:
    """Run the block passes in order over a body's paragraphs."""
    drafts: Drafts = tuple(draft(BlockKind.PARAGRAPH, p.text, p) for p in paragraphs)
    notes: list[Note] = []
    for _, run in BLOCK_PASSES:
        drafts, taken = run(drafts, rules)
        notes.extend(taken)
    return tuple(d.block for d in drafts), tuple(notes)
