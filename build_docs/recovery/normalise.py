"""Stage 2: repair line-level extraction damage, then rejoin wrapped lines into paragraphs.

The line passes are an ordered tuple of small named `str -> str` functions. None of them
touches a Han character; what each changed is counted per file for the editorial notes.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..records import Line, Paragraph, SeedFile, Source
from ..segment import word_across
from ..text import (
    CJK_PUNCT,
    CLAUSE_PUNCT_RE,
    CONTINUES_RE,
    CONTROL_RE,
    HAN,
    OPENS_ON_PAUSE_RE,
    display_width,
    ends_sentence,
    heading_shaped,
    numbered_head,
    two_part_head,
)
from .columns import split_columns

# White space that extraction leaves at line edges: ASCII, ideographic space, NBSP, stray BOM.
EDGE_SPACE = " \t\r\u3000\u00a0\ufeff"

# Chinese context: a Han character or full-width punctuation beside the ASCII mark.
_CTX = f"{HAN}{CJK_PUNCT}"
# Half-width , ; : ? ! as typed with the input method in half-width mode.
ASCII_MARK_RE = re.compile(r"[,;:?!]")
# What may sit between a mark and the Chinese text it belongs to: figures ('5.7%,11项'),
# spaces and other half-width marks ('::“').
_SKIP = set("0123456789.%  ,;:?!")
CONTEXT_RE = re.compile(f"[{_CTX}]")
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# A half-width bracket pair with no brackets inside; converted only when Chinese is in or beside it.
ASCII_PARENS_RE = re.compile(r"(?P<before>.?)\((?P<inner>[^()]*)\)(?P<after>.?)")
# A half-width full stop ending a Chinese sentence ('…兑换日. 村民们…', '…4.6万分.'): after a Han
# character or a closing mark, before the line's end, a space, Chinese or an opening quote.
# Figures ('4.6'), list numbers ('1.') and addresses ('www.gov.cn') have no Han character before it.
# A wrapped column may set the stop first on the next line ('.”村民说'): there it has Chinese after it.
ASCII_PERIOD_RE = re.compile(
    rf"(?<=[{HAN}”’）》」』%])\.(?: (?=[{HAN}“‘（《\d]))?(?=$|[{HAN}“‘（《\d”’」』）])"
    rf"|^\.(?=$|[{HAN}”’」』）]|\d{{1,4}}[年月日])"
)
# A sentence that ends on a figure written into Chinese text ('城乡收入比收窄至1.56.'); a list's
# number opens its line ('1.某某预案') and has no Chinese before it.
# At a line's end it may be a decimal point the column wrapped ('突破8.' + '53亿元'), so Chinese must follow.
FIGURE_PERIOD_RE = re.compile(rf"(?<=[{HAN}，、：；（“])(?P<figure>\d+(?:[./]\d+)?%?)\.(?=[{HAN}”’」』）])")
# The same stop ending a paragraph: nothing follows it, so it is no decimal point.
FIGURE_END_RE = re.compile(rf"(?<=[{HAN}，、：；（“])(?P<figure>\d+(?:[./]\d+)?%?)\.(?=[”’」』）]*$)")
# A paragraph's first line set in by two spaces or an ideographic space, as print and many web
# pages indent; the indent is dropped but remembered as a paragraph start.
INDENT_RE = re.compile("^(?:\u3000|[ \u00a0]{2,}|\t)")
# One justification space between a Han character and a digit, as narrow columns pad them.
# Exactly one: wider runs (as in '15:45    来源') separate fields and are kept.
# Nor before a field's label ('10:05 作者：…'), which the space sets apart from the field before it.
HAN_DIGIT_SPACE_RE = re.compile(rf"(?<=[{HAN}]) (?=[0-9])|(?<=[0-9]) (?=[{HAN}])(?![{HAN}]{{1,6}}[：:])")


def strip_edges(text: str) -> str:
    """Strip white space and stray BOMs from both ends of a line."""
    return text.strip(EDGE_SPACE)


def full_width_punctuation(text: str) -> str:
    """Turn half-width , ; : ? ! into full width where Chinese text surrounds them."""
    out = list(text)
    for match in ASCII_MARK_RE.finditer(text):
        i = match.start()
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        # Thousands separators and clock times stay as they are: 1,000 / 15:45.
        if before.isdigit() and after.isdigit():
            continue
        if _chinese_beside(text, i, -1) or _chinese_beside(text, i, +1):
            out[i] = FULL_WIDTH[match.group()]
    return "".join(out)


def _chinese_beside(text: str, i: int, step: int) -> bool:
    """Tell whether the nearest character past figures and marks, one way from i, is Chinese."""
    j = i + step
    while 0 <= j < len(text) and text[j] in _SKIP:
        j += step
    return 0 <= j < len(text) and bool(CONTEXT_RE.match(text[j]))


def full_width_brackets(text: str) -> str:
    """Turn a half-width bracket pair into full width when Chinese is inside or beside it."""

    def convert(match: re.Match[str]) -> str:
        if not CONTEXT_RE.search(match.group()):
            return match.group()
        return f"{match['before']}（{match['inner']}）{match['after']}"

    previous = None
    while previous != text:  # nested pairs convert from the inside out
        previous, text = text, ASCII_PARENS_RE.sub(convert, text)
    return text


def full_width_period(text: str) -> str:
    """Turn a half-width full stop after Chinese into '。', with the space typed after it."""
    return ASCII_PERIOD_RE.sub("。", FIGURE_PERIOD_RE.sub(r"\g<figure>。", text))


def full_width_quotes(text: str) -> str:
    """Turn half-width double quotes in Chinese text into “ and ” by turns, when they pair up."""
    marks = [i for i, ch in enumerate(text) if ch == '"']
    if not marks or len(marks) % 2 or not all(_chinese_beside(text, i, -1) or _chinese_beside(text, i, +1) for i in marks):
        return text
    out = list(text)
    for n, i in enumerate(marks):
        out[i] = "“" if n % 2 == 0 else "”"
    return "".join(out)


def drop_han_digit_spaces(text: str) -> str:
    """Remove a single justification space between a Han character and a digit."""
    return HAN_DIGIT_SPACE_RE.sub("", text)


# Markdown bold marks around a run inside a line ('**坚持一盘棋。**作为…'): extraction markup,
# not text. A line that is wholly bold is left for the block passes (a marked heading).
INLINE_BOLD_RE = re.compile(r"\*\*(?P<inner>[^*\s][^*]*?)\*\*")
WHOLE_BOLD_RE = re.compile(r"^\*\*[^*]+\*\*$")


def drop_controls(text: str) -> str:
    """Remove control characters (but the tab) and bidi controls anywhere in a line."""
    return CONTROL_RE.sub("", text)


# Zero-width spaces, word joiners and stray BOMs: WeChat and CMS editors leave them between
# characters and alone on "empty" lines; they are invisible, carry no text, and would keep a
# blank line from being blank or a title from matching. (ZWJ stays: it binds emoji.)
ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u2060\ufeff]")


def drop_zero_width(text: str) -> str:
    """Remove zero-width spaces, word joiners and BOMs anywhere in a line."""
    return ZERO_WIDTH_RE.sub("", text)


# HTML a copy of a web page or a transcript archive keeps in its text ('<p>　　…</p>', '<br/>',
# '&nbsp;'): the page's markup, not its words. Only tags that carry no text of their own.
MARKUP_TAG_RE = re.compile(
    r"</?(?:p|br|div|span|strong|b|em|i|u|font|section|article|center|h[1-6]|a|sup|sub|blockquote|li|ul|ol)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
# Entities a page's source shows for spaces, quotes and dashes.
ENTITY_RE = re.compile(r"&(?:nbsp|ensp|emsp|ldquo|rdquo|lsquo|rsquo|mdash|hellip|middot|quot|amp|lt|gt|#\d{2,6});")


def drop_markup(text: str) -> str:
    """Remove HTML tags that carry no text, and write entities as the characters they stand for."""
    text = MARKUP_TAG_RE.sub("", text)
    return ENTITY_RE.sub(lambda m: html.unescape(m.group()), text)


def drop_inline_bold(text: str) -> str:
    """Remove Markdown bold marks around runs inside a line (never around the whole line)."""
    if WHOLE_BOLD_RE.match(text):
        return text
    return INLINE_BOLD_RE.sub(lambda m: m["inner"], text)


LinePass = Callable[[str], str]

# What each line pass does, as the notes page says it.
PASS_LABELS = {
    "drop_controls": "删去控制字符与双向文字控制符",
    "drop_zero_width": "删去零宽空格",
    "drop_markup": "删去网页残留的 HTML 标记",
    "strip_edges": "删去行首行尾的空白",
    "full_width_punctuation": "半角标点改为全角",
    "full_width_brackets": "半角括号改为全角",
    "drop_han_digit_spaces": "删去汉字与数字之间的排版空格",
    "drop_inline_bold": "删去行内的粗体标记",
}

LINE_PASSES: tuple[tuple[str, LinePass], ...] = (
    ("drop_controls", drop_controls),
    ("drop_zero_width", drop_zero_width),
    ("drop_markup", drop_markup),
    ("strip_edges", strip_edges),
    ("full_width_punctuation", full_width_punctuation),
    ("full_width_brackets", full_width_brackets),
    ("full_width_quotes", full_width_quotes),
    ("full_width_period", full_width_period),
    ("drop_han_digit_spaces", drop_han_digit_spaces),
    ("drop_inline_bold", drop_inline_bold),
)


# One pass can create the context another needs ('(a),中': the comma turns full width, and
# then the brackets beside it are in Chinese context), so the passes run until nothing changes.
MAX_ROUNDS = 4


def normalise_line(text: str) -> str:
    """Apply the line passes in order, repeating until the line is stable."""
    return _normalise(text, None)


def _normalise(text: str, tally: Counter[tuple[str, str]] | None) -> str:
    for _ in range(MAX_ROUNDS):
        start = text
        for name, func in LINE_PASSES:
            new = func(text)
            if new != text and tally is not None:
                tally.update((name, change) for change in describe_change(text, new))
            text = new
        if text == start:
            break
    return text


@dataclass(frozen=True, kw_only=True)
class NormalisedSeed:
    """A seed's normalised lines plus what each pass changed (character in -> out, count)."""

    seed: SeedFile
    lines: tuple[Line, ...]
    changes: tuple[tuple[str, str, int], ...]
    layout: tuple[str, ...] = ()  # what reading the page's layout did (two columns read one after the other)


def normalise_seed(seed: SeedFile) -> NormalisedSeed:
    """Normalise every line of a seed, counting each pass's character substitutions."""
    tally: Counter[tuple[str, str]] = Counter()
    out: list[Line] = []
    # Columns set side by side are found on the raw lines: the spaces that mark the gutter and
    # a cell's indentation are what the line passes strip.
    laid, layout = split_columns([Line(file=seed.name, number=n, text=raw) for n, raw in enumerate(seed.lines, start=1)])
    for line in laid:
        text = _normalise(line.text, tally)
        # Indentation is read under the markup a page copy may wrap a paragraph in ('<p>　　…').
        raw = drop_markup(drop_zero_width(drop_controls(line.text)))
        out.append(replace(line, text=text, indent=bool(text and INDENT_RE.match(raw))))
    changes = tuple(sorted((name, change, n) for (name, change), n in tally.items()))
    return NormalisedSeed(seed=seed, lines=tuple(out), changes=changes, layout=tuple(layout))


def describe_change(before: str, after: str) -> list[str]:
    """Describe a pass's edit as 'x→y' substitutions and 'x removed' entries, one per character."""
    lost = Counter(before) - Counter(after)
    gained = Counter(after) - Counter(before)
    described: list[str] = []
    for ch, n in sorted(lost.items()):
        target = FULL_WIDTH.get(ch)
        if target and gained[target]:
            k = min(n, gained[target])
            described += [f"{ch}→{target}"] * k
            gained[target] -= k
            n -= k
        described += [f"删去{_show(ch)}"] * n
    return described


def _show(ch: str) -> str:
    """Name invisible characters; control characters by code point, never as themselves."""
    if CONTROL_RE.match(ch):
        return f"控制字符 U+{ord(ch):04X}"
    return {
        " ": "空格",
        "\u3000": "全角空格",
        "\t": "制表符",
        "\r": "回车符",
        "\ufeff": "字节序标记（BOM）",
        "\u00a0": "不换行空格",
        "\u200b": "零宽空格",
        "\u200c": "零宽非连接符",
        "\u2060": "零宽连接符",
    }.get(ch, f"“{ch}”")


# ---------------------------------------------------------------------------------------------
# Unwrapping: lines -> paragraphs


# Text wrapped wider than this is not a column: a page's own line length.
WIDEST_COLUMN = 40
# A line this narrow with no pause in it is a heading or a label, not a line of the column.
LABEL_WIDTH = 8
# Below FEW_LINES lines a file's widths say nothing; below MANY_LINES they need the lines' ends to agree.
FEW_LINES, MANY_LINES = 5, 12


def column_width(texts: Sequence[str]) -> float | None:
    """Detect a hard-wrapped narrow column and return its width in cells, else None."""
    widths = sorted(display_width(t) for t in texts if t)
    if len(widths) < FEW_LINES:
        return None
    if len(widths) < MANY_LINES and sum(not ends_sentence(t) for t in texts if t) <= len(widths) / 2:
        return None  # a few lines of similar width are wrapped only if most stop mid-sentence
    # Headings and labels (short, no pause in them) are set apart from the column's lines.
    running = sorted(display_width(t) for t in texts if t and (CLAUSE_PUNCT_RE.search(t) or display_width(t) > LABEL_WIDTH))
    if len(running) < FEW_LINES:
        return None
    median = running[len(running) // 2]
    if median > WIDEST_COLUMN:
        return None
    near = sum(1 for w in running if abs(w - median) <= 3)
    if near / len(running) >= 0.6:
        return median
    # Short paragraphs (a report's two-line points) end on as many short lines as they fill full
    # ones; the lines that stop mid-sentence are the ones the width cut, and they agree on it.
    inner = sorted(display_width(t) for t in texts if t and not ends_sentence(t) and display_width(t) > LABEL_WIDTH)
    if len(inner) < FEW_LINES:
        return None
    median = inner[len(inner) // 2]
    near = sum(1 for w in inner if abs(w - median) <= 3)
    return median if median <= WIDEST_COLUMN and near / len(inner) >= 0.6 else None


# Lines that always stand alone: Markdown-marked headings, photo captions, bylines, signatures,
# a line set wholly in bold (a heading in a WeChat copy).
STANDALONE_RE = re.compile(r"^(#{1,6}\s|[▲△■]|[（(]\s*(?:本文)?作者(?:为|系|是|单位)|\*\*[^*]+\*\*$)")
# A short line in free (unwrapped) text that ends without punctuation stands alone: a heading.
FREE_STANDALONE_MAX = 40


def unwrap(lines: Sequence[Line], width: float | None, declared: Mapping[int, bool] | None = None) -> list[Paragraph]:
    """Join wrapped lines into paragraphs, remembering blank lines that fell inside them.

    `declared` gives, by line number, an editor's decision that overrides the rules: the line
    continues the paragraph above (True) or begins one (False)."""
    declared = declared or {}
    texts = [ln for ln in lines if ln.text]
    # Indentation marks paragraph starts only where the text uses it for most paragraphs.
    indented = sum(ln.indent for ln in texts)
    uses_indent = indented >= 3 and indented < len(texts)
    alone, continued = _set_apart(texts) if uses_indent else (set(), set())
    narrow = width is not None and figures_set_narrow(texts, width)
    opening = width if width is None else opening_width(texts, width, narrow)
    paragraphs: list[Paragraph] = []
    parts: list[Line] = []
    breaks: list[int] = []
    gap = 0
    gap_before = 0
    removed = after_removed = False
    for line in lines:
        if not line.text:
            gap += 1
            removed = removed or line.removed
            continue
        if parts and line.number in declared:
            joins = declared[line.number]
        elif parts and not gap and OPENS_ON_PAUSE_RE.match(line.text):
            joins = True  # a closing mark or pause the wrap pushed down belongs to the line above
        elif uses_indent and parts and (line.indent or not gap):
            # Indented text: an indented line starts a paragraph, any other right below continues
            # it, except a line set apart between paragraphs (a heading). Across a blank line the
            # usual rule decides (a column break, or a fragment moved out of place).
            joins = line.number in continued or (not line.indent and line.number not in alone and parts[-1].number not in alone)
        else:
            joins = bool(parts) and _joins(parts, line.text, gap, width, narrow_figures=narrow, opening=opening)
        if joins:
            if gap:
                breaks.append(sum(len(p.text) for p in parts))
            parts.append(line)
        else:
            if parts:
                paragraphs.append(_paragraph(parts, breaks, gap_before, after_removed))
            parts, breaks, gap_before, after_removed = [line], [], gap, removed
        gap = 0
        removed = False
    if parts:
        paragraphs.append(_paragraph(parts, breaks, gap_before, after_removed))
    return paragraphs


# Unindented lines set between indented paragraphs: at most this many make headings.
SET_APART_MAX_LINES = 4


def _set_apart(texts: Sequence[Line]) -> tuple[set[int], set[int]]:
    """Find the unindented heading lines set between indented paragraphs, and which of them continue the line above.

    Returns (alone, continued) line numbers: a run of up to four unindented lines after a
    finished paragraph and before an indented one is headings; a line of such a run that is
    not numbered, under a numbered one it completes ('（一）确立一个重心，构建…共同' + '体'), goes on
    the same heading."""
    alone: set[int] = set()
    continued: set[int] = set()
    k = 0
    while k < len(texts):
        if texts[k].indent or (k and not ends_sentence(texts[k - 1].text)):
            k += 1
            continue
        end = k
        while end < len(texts) and not texts[end].indent and end - k < SET_APART_MAX_LINES:
            end += 1
        run = texts[k:end]
        heads: list[list[Line]] = []
        for line in run:
            if heads and not numbered_head(line.text) and numbered_head(heads[-1][0].text) and len(heads[-1]) == 1:
                heads[-1].append(line)
            else:
                heads.append([line])
        closed = end == len(texts) or texts[end].indent
        shaped = all(heading_shaped("".join(x.text for x in head)) for head in heads)
        if closed and shaped and (len(heads) <= HEADING_MAX_LINES or all(numbered_head(h[0].text) for h in heads)):
            for head in heads:
                alone.update(x.number for x in head)
                continued.update(x.number for x in head[1:])
            k = end
        else:
            k += 1
    return alone, continued


def _across_lines(text: str) -> str:
    """Convert the half-width marks whose Chinese context only the joined lines show ('APP,' + '设置…', a cut bracket pair)."""
    return full_width_period(full_width_brackets(full_width_punctuation(text)))


def _figure_stop(text: str) -> str:
    """Turn the half-width stop after a figure that ends a paragraph ('收窄至1.56.') into '。'."""
    return FIGURE_END_RE.sub(r"\g<figure>。", text)


def _paragraph(parts: list[Line], breaks: list[int], gap_before: int, after_removed: bool = False) -> Paragraph:
    return Paragraph(
        after_removed=after_removed,
        # A bracket pair cut by the wrap was out of the line pass's reach: its lines together decide.
        text=_figure_stop(_across_lines("".join(p.text for p in parts)) if len(parts) > 1 else parts[0].text),
        source=Source(file=parts[0].file, start=parts[0].number, end=parts[-1].number),
        gap_before=gap_before,
        breaks=tuple(breaks),
        joins=len(parts) - 1,
    )


# A closing quotation mark or bracket at the end of a line.
CLOSED_RE = re.compile(r"[”’」』）)》]$")
# A heading is set on one line, or two (a head and its second line).
HEADING_MAX_LINES = 2
# How much wider than the column a line may be and still be one of its wrapped lines
# (a closing quote or a figure can overhang).
OVERHANG = 1.5


# Cells a line of a laid-out column must leave empty to end its paragraph (after a full stop)
# or a heading (without one); digits and Latin letters set narrower than Han make up the slack.
SENTENCE_ROOM = 0.75
HEADING_ROOM = 3


# A line that ends a sentence runs on only if it fills its column to within this many cells,
# figures and Latin letters counted as wide as Han (a column sets as many of them on a line).
FULL_LINE_SLACK = 1
# A heading led by a short theme and a colon, then two parallel clauses: '通道筑基：织密路网，内陆变口岸'.
COLON_HEAD_RE = re.compile(rf"^[{HAN}]{{2,8}}：[^，。]{{2,12}}，[^，。]{{2,12}}$")
# A run-in lead: a short sentence with no pause in it, set at the head of a paragraph.
# After a closing quote such a sentence is the speaker ('校泽轩说。'), not a lead.
# A lead runs into its paragraph's text on the same line, and never opens on a word that needs
# a subject or a clause before it ('是做好…的必答题。' goes on from the line above).
RUN_IN_LEAD_RE = re.compile(r"^(?![是的了和与及而但并也就都还或])[^，。！？、；：,;:!?“”\d]{6,14}。(?=.)")


# An indented line's first cells are its indentation (two ideographic spaces, as print sets it).
INDENT_CELLS = 2


def _set_width(line: Line, narrow_figures: bool = False) -> float:
    """Measure the room a line takes in its column: its indentation, and figures as wide as Han unless the column sets them narrow."""
    figures = 0.0 if narrow_figures else 0.5 * sum(ch.isascii() for ch in line.text)
    return display_width(line.text) + figures + (INDENT_CELLS if line.indent else 0)


def figures_set_narrow(texts: Sequence[Line], width: float) -> bool:
    """Tell whether the column sets figures and Latin letters in half cells, as its own lines show.

    A column is set either by characters (a copy re-wrapped at N characters a line) or by cells
    (a page's layout, where '2025' takes two cells). A line that fits the column only when its
    figures are narrow, and is not a paragraph's last line, settles it for the whole column."""
    for k, line in enumerate(texts[:-1]):
        if line.indent or ends_sentence(line.text) or texts[k + 1].indent:
            continue
        if display_width(line.text) <= width + 0.5 and _set_width(line) > width + OVERHANG:
            return True
    return False


# A line that opens a paragraph and stops this many cells short of the column without a stop is a heading.
HEAD_SHORT = 2
# A line of nothing but closing marks or pauses: the end of the line above, pushed down by a wrap.
PUSHED_MARKS_RE = re.compile(r"^[，、。；：！？”’」』）》,.;:!?)]{1,3}$")


def opening_width(texts: Sequence[Line], width: float, narrow_figures: bool = False) -> float:
    """Measure how wide a paragraph's first line runs in this column: the full width, or less where an indent was lost.

    A copy that dropped the page's paragraph indentation leaves every paragraph's first line two
    cells short; a heading must then stop shorter still to tell itself apart."""
    firsts = [
        _set_width(texts[k], narrow_figures)
        for k in range(1, len(texts) - 1)
        if ends_sentence(texts[k - 1].text)
        and _set_width(texts[k - 1], narrow_figures) < width - FULL_LINE_SLACK
        and not ends_sentence(texts[k].text)
        and not texts[k].indent
    ]
    if len(firsts) < 3:
        return width
    return min(width, sorted(firsts)[len(firsts) // 2])


def _joins(
    parts: list[Line], nxt: str, gap: int, width: float | None, *, narrow_figures: bool = False, opening: float | None = None
) -> bool:
    """Decide whether the next line continues the paragraph built so far."""
    prev = parts[-1].text
    if len(parts) > 1 and PUSHED_MARKS_RE.match(prev) and ends_sentence(parts[-2].text + prev):
        return False  # a sentence's closing marks pushed onto a short line of their own ('。”'): its end
    if STANDALONE_RE.match(prev) or STANDALONE_RE.match(nxt):
        return False
    if gap == 0 and OPENS_ON_PAUSE_RE.match(nxt):
        return True  # a closing mark or pause the wrap pushed to the next line ('”', '，…') belongs above
    room = parts[-1].room
    if gap == 0 and (room >= SENTENCE_ROOM and ends_sentence(prev) or room >= HEADING_ROOM and not CONTINUES_RE.search(prev)):
        # A column read from a page's layout says where its lines stopped: a sentence ending
        # short of the edge ends its paragraph, and a line well short of it ends a heading.
        return False
    if ends_sentence(prev):
        if width is None:
            return False
        # In a narrow column a full line that ends a sentence may still run on; a short one
        # or one followed by a blank line closes the paragraph, and so does a line that opens
        # with a run-in lead ('培养锻造过硬干部队伍。…'): a paragraph's head, not a sentence inside it.
        return (
            gap == 0
            and _set_width(parts[-1], narrow_figures) >= width - FULL_LINE_SLACK
            and (prev.endswith("”") or not RUN_IN_LEAD_RE.match(nxt))
            and not two_part_head(nxt)
        )
    if gap:
        return _cut_mid_sentence(parts, nxt, width)
    if width is None:
        # Free text: one line per paragraph. A short unpunctuated line is a heading; a long
        # one cut without punctuation was broken by a page or column change: rejoin it.
        return display_width(prev) > FREE_STANDALONE_MAX
    if len(parts) == 1 and display_width(prev) <= width * 0.75 and (not CLAUSE_PUNCT_RE.search(prev) or heading_shaped(prev)):
        return False  # a short standalone line inside a column: a heading ('突出片区理念，找准发展路径')
    if (
        len(parts) == 1
        and heading_shaped(prev, width)
        and not CLAUSE_PUNCT_RE.search(prev)
        and _set_width(parts[-1]) <= (opening or width) - HEAD_SHORT
        and not word_across(prev, nxt)
    ):
        return False  # a paragraph's first line stopping short without a stop: a heading over its text
    if (
        len(parts) == 2
        and _set_width(parts[0]) >= width - FULL_LINE_SLACK
        and _set_width(parts[1]) <= width - HEADING_ROOM
        and heading_shaped(parts[0].text + prev)
        and not word_across(prev, nxt)
    ):
        return False  # a heading wrapped once, its second line stopping well short of the edge
    if len(parts) == 1 and numbered_head(prev) and heading_shaped(prev) and display_width(prev) < width - FULL_LINE_SLACK:
        return False  # a numbered heading short of the column's edge ('一、背景'), its pause the number's
    if len(parts) == 1 and two_part_head(prev) and not CONTINUES_RE.search(prev):
        return False  # a heading in two parts, even one as wide as the column (unless cut at an opening mark)
    return True


def _cut_mid_sentence(parts: list[Line], nxt: str, width: float | None) -> bool:
    """Tell whether text that stops before a blank line was cut mid-sentence (a column or page break)."""
    prev = parts[-1].text
    if width is None and prev.endswith(("：", ":")):
        return False  # a paragraph that introduces what follows
    if width is None and CLOSED_RE.search(prev) and not word_across(prev, nxt):
        return False  # a line of free text that closes a quotation or a bracket has ended
    if len(parts) > 1 and numbered_head(parts[0].text) and heading_shaped("".join(p.text for p in parts)):
        return False  # a numbered heading wrapped over its lines ('（一）确立一个重心，构建…' + '体') is whole
    if len(parts) == 2 and two_part_head(parts[0].text) and heading_shaped("".join(p.text for p in parts)):
        return False  # a two-part heading cut at an opening mark ('…让百姓“' + '菜篮子”拎出幸福感') is whole
    if len(parts) == 2 and width is not None and _wrapped_head(parts, nxt, width):
        return False
    if len(parts) > 1:
        return True
    if width is not None and display_width(prev) > width + OVERHANG:
        return False  # a line wider than the column was never wrapped: it stands alone (a heading)
    if numbered_head(prev) and heading_shaped(prev) and not word_across(prev, nxt):
        return False  # a numbered heading as wide as the column ('（四）打造“四大特色”，彰显特色小镇魅力')
    if two_part_head(prev) and not CONTINUES_RE.search(prev):
        return False  # a heading in two parts as wide as the column ('树立“大数据”理念 推动治理方式智慧化')
    if heading_shaped(prev) and COLON_HEAD_RE.match(prev):
        return False  # a head led by its theme and a colon ('经贸赋能：平台发力，物流变财流') is whole
    if heading_shaped(prev) and _couplet(prev) and not word_across(prev, nxt):
        return False  # two clauses of one length, as wide as the column ('筑牢基层党建堡垒，构建治理新格局'): a heading
    return not heading_shaped(prev, width) or word_across(prev, nxt) or _completes_couplet(prev, nxt)


# A heading's second line in a column holds the few characters its full first line left over.
WRAPPED_HEAD_TAIL = 1 / 3


def _wrapped_head(parts: list[Line], nxt: str, width: float) -> bool:
    """Tell whether two lines before a blank line are one heading wrapped in a column ('…理论的支撑' + '点')."""
    first, second = parts[0].text, parts[1].text
    return (
        display_width(first) >= width - FULL_LINE_SLACK
        and display_width(second) <= width * WRAPPED_HEAD_TAIL
        and heading_shaped(first + second)
        and not word_across(second, nxt)
    )


# The short sentence a line continues into: '带动作用。' after '…，强化红色堡垒'.
SHORT_SENTENCE_RE = re.compile(r"^(?P<rest>[^。！？，]{1,8})[。！？]")
# How far the two halves of a parallel heading may differ in length.
COUPLET_SLACK = 2


def _couplet(text: str) -> bool:
    """Tell whether a line is two clauses of (nearly) one length around a single comma."""
    if text.count("，") != 1:
        return False
    left, right = text.split("，")
    return min(len(left), len(right)) >= 4 and abs(len(left) - len(right)) <= 1


def _completes_couplet(prev: str, nxt: str) -> bool:
    """Tell whether a line is the cut first part of a parallel two-clause lead ('甲甲甲，乙乙' + '乙乙。').

    Run-in heads are set as two clauses of equal length; a column break inside the second
    clause leaves it short, and the next line finishes it with a short sentence."""
    m = SHORT_SENTENCE_RE.match(nxt)
    if not m or prev.count("，") != 1:
        return False
    left, right = prev.split("，")
    whole = right + m["rest"]
    return len(right) < len(left) and abs(len(left) - len(whole)) <= COUPLET_SLACK
