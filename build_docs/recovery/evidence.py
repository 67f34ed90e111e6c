"""Evidence for decisions no declared shape settles: which line of a file is its title.

A file whose lines match no headline shape is still an article (or several). Every text line
near the top is scored on features a reader uses — its width, closing punctuation, marks,
what stands around it (blank lines, a byline or date line under it, body text after it),
a place at its start, how early it comes — and the best-scoring line is read as the title.
The margin over the runner-up is the decision's doubt: a close call goes to the review queue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..records import Line
from ..regions import region_prefix
from ..text import HAN_RE, SENTENCE_PUNCT_RE, display_width, ends_sentence
from .bylines import parse_byline
from .headlines import (
    COLUMN_TAG_RE,
    MD_KICKER_RE,
    MD_TITLE_RE,
    PLAIN_KICKER_RE,
    STATEMENT_END_RE,
    SUBTITLE_RE,
    HeadlineRules,
    read_meta,
    second_title_line,
    unbold,
)

# Only the top of a file is searched: a title stands before most of the text it heads.
SEARCH_LINES = 40
# A title is at most this wide; body lines are usually wider.
TITLE_MAX_WIDTH = 40
# A line opening a numbered section ('一是', '（一）', '1.', '第一') is a heading, not a title.
HEADING_START_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[是、]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.、．]|第[一二三四五六七八九十]+)"
)
# A line ending on a pause or an opening mark is cut off mid-clause, never a whole title.
CUT_OFF_RE = re.compile(r"[，、；：,;:（(“‘《]$")


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """A line scored as a title: where it is, its score, and what counted."""

    index: int
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class TitleChoice:
    """The line chosen as a title, the runner-up's score, and the evidence."""

    best: Candidate
    margin: float  # best score minus the runner-up's (large when there is no runner-up)

    @property
    def doubt(self) -> int:
        """Doubt of the choice on the review queue's scale (1–5): high when the runner-up came close."""
        return 5 if self.margin < 1 else 4 if self.margin < 2 else 3 if self.margin < 3 else 2


def score_line(lines: Sequence[Line], i: int, rank: int, rules: HeadlineRules) -> Candidate | None:
    """Score line i as a title, or return None when it cannot be one."""
    raw = lines[i].text
    text = unbold(raw)
    marked = MD_TITLE_RE.match(text)
    if marked:
        text = marked["text"]
    han = len(HAN_RE.findall(text))
    if (
        han < 4
        or display_width(text) > TITLE_MAX_WIDTH
        or SENTENCE_PUNCT_RE.search(text[:-1])
        or CUT_OFF_RE.search(text)
        or STATEMENT_END_RE.search(text)
    ):
        return None
    if parse_byline(text, rules.vocab, rules.surnames) or read_meta(text, rules.vocab):
        return None
    score, reasons = 0.0, []

    def count(points: float, why: str) -> None:
        nonlocal score
        score += points
        reasons.append(f"{why}（{points:+g}）")

    if marked or raw != text:
        count(3, "标记为标题或粗体")
    if ends_sentence(text):
        count(-3, "以句末标点结束")
    if HEADING_START_RE.match(text):
        count(-2, "像编号小标题")
    before = lines[i - 1].text if i > 0 else ""
    if not before:
        count(1, "上方空行或文件开头")
    after = [j for j in range(i + 1, min(len(lines), i + 4)) if lines[j].text]
    nxt = lines[after[0]].text if after else ""
    if i + 1 < len(lines) and not lines[i + 1].text:
        count(1, "下方空行")
    if nxt and (parse_byline(nxt, rules.vocab, rules.surnames) or read_meta(nxt, rules.vocab) or SUBTITLE_RE.match(nxt)):
        count(3, "下接署名、日期或副题")
    elif nxt and display_width(nxt) >= 1.5 * display_width(text) and display_width(nxt) > 20:
        count(1, "下接较长的正文")
    if region_prefix(text):
        count(0.5, "以地名开头")
    count(-0.3 * rank, f"前面有 {rank} 行文字")
    return Candidate(index=i, score=score, reasons=tuple(reasons))


def best_title(lines: Sequence[Line], usable: Sequence[int], rules: HeadlineRules) -> TitleChoice | None:
    """Choose the line most likely to be the title among the usable text lines at the top of a file."""
    scored = [c for rank, i in enumerate(usable[:SEARCH_LINES]) if (c := score_line(lines, i, rank, rules))]
    if not scored:
        return None
    ranked = sorted(scored, key=lambda c: (-c.score, c.index))
    margin = ranked[0].score - ranked[1].score if len(ranked) > 1 else 6.0
    best = ranked[0]
    if best.index - 1 in usable and second_title_line(lines, best.index - 1, rules) == best.index:
        # The line right above is the title's first half (a title set over two lines).
        best = replace(best, index=best.index - 1, reasons=(*best.reasons, "与上一行合为两行标题"))
    above = [k for k in usable if best.index - 2 <= k < best.index]
    if above and COLUMN_TAG_RE.fullmatch(lines[above[-1]].text):
        # A column tag alone over the title belongs to its headline: the headline starts there.
        best = replace(best, index=above[-1], reasons=(*best.reasons, "上方是栏目标签"))
    elif above and (MD_KICKER_RE.match(lines[above[-1]].text) or PLAIN_KICKER_RE.match(lines[above[-1]].text)):
        best = replace(best, index=above[-1], reasons=(*best.reasons, "上方是引题"))
    return TitleChoice(best=best, margin=margin)
