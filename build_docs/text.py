"""Character classes and small text predicates shared by the stages."""

from __future__ import annotations

import re

from zhon import hanzi

# Han ideographs as a regex class body (zhon knows the CJK blocks and extensions).
HAN = hanzi.characters
# Chinese (full-width) punctuation as a regex class body.
CJK_PUNCT = re.escape(hanzi.punctuation)

HAN_RE = re.compile(f"[{HAN}]")

# Sentence-final punctuation, optionally closed by quotes or brackets: the end of a sentence.
SENTENCE_END_RE = re.compile(r"[。！？!?…]+[”’」』）)》]*$")
# Any punctuation inside a line that marks it as running text rather than a heading.
CLAUSE_PUNCT_RE = re.compile(r"[。，、；：！？,;:!?]")

# C0 and C1 control characters (all but the tab, which marks a layout's cells) and the bidi
# embeddings, overrides, isolates and marks: invisible, never text, yet they reach the page as
# raw bytes (a NUL) or reorder what readers see of a title or a link (U+202E).
CONTROL_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def han_chars(text: str) -> list[str]:
    """Return the Han characters of a text, in order."""
    return HAN_RE.findall(text)


def ends_sentence(text: str) -> bool:
    """Tell whether a text ends with sentence-final punctuation."""
    return bool(SENTENCE_END_RE.search(text))


def display_width(text: str) -> float:
    """Measure width in full-width cells (ASCII counts half), as a column is set."""
    return sum(1.0 if ord(ch) >= 0x2E80 or ch in FULL_CELL else 0.5 for ch in text)


# Punctuation below U+2E80 that Chinese type sets in a full cell: curly quotes, dashes, ellipsis.
FULL_CELL = frozenset("“”‘’—…")


# Sentence punctuation anywhere in a line: a heading holds no full sentence.
SENTENCE_PUNCT_RE = re.compile(r"[。！？!?]")
# A line ending in one of these is cut off: a heading never ends on a pause or an opening mark.
CONTINUES_RE = re.compile(r"[，、；：,;:（(“‘《—]$")
HEADING_MAX_WIDTH = 40
# A line that opens with a pause or a closing mark continues the line above it (a wrap pushed it down).
OPENS_ON_PAUSE_RE = re.compile(r"^[，、。；：！？”’」』）》,.;:!?)]")


def heading_shaped(text: str, width: float | None = None) -> bool:
    """Tell whether a line could be a heading: short, no sentence in it, not cut off mid-clause.

    In a hard-wrapped column of `width` cells a heading is also shorter than a full line."""
    if not text or SENTENCE_PUNCT_RE.search(text) or CONTINUES_RE.search(text) or ends_sentence(text):
        return False
    limit = HEADING_MAX_WIDTH if width is None else min(HEADING_MAX_WIDTH, width - 1)
    return display_width(text) <= limit


# A numbered section head: '一、' (a section), '（一）' (a subsection).
NUMBERED_SECTION_RE = re.compile(r"^[一二三四五六七八九十]+、")
NUMBERED_SUBSECTION_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def numbered_head(text: str) -> bool:
    """Tell whether a line opens with a section number ('一、', '（一）')."""
    return bool(NUMBERED_SECTION_RE.match(text) or NUMBERED_SUBSECTION_RE.match(text))


# A heading set in two parts with a space between ('在一线发挥先锋作用 以担当作为实现'): running
# text in a column never holds a space between Han characters.
TWO_PART_HEAD_RE = re.compile(rf"[{HAN}]{{2,}}[”’）》]?[ \u3000]+[“‘（《]?[{HAN}]{{2,}}")


def two_part_head(text: str) -> bool:
    """Tell whether a line is a two-part heading: phrases apart by a space, no pause or stop."""
    return bool(TWO_PART_HEAD_RE.search(text)) and not CLAUSE_PUNCT_RE.search(text)
