"""Word segmentation (jieba), loaded only when a rule needs to know where words are."""

from __future__ import annotations

import logging
from functools import lru_cache


def word_across(before: str, after: str) -> bool:
    """Tell whether a dictionary word spans the join of two texts (jieba, no guessing)."""
    left, right = before[-8:], after[:8]
    position = 0
    for word in _segment(left + right):
        if position < len(left) < position + len(word):
            return True
        position += len(word)
    return False


@lru_cache(maxsize=4096)
def _segment(text: str) -> tuple[str, ...]:
    import jieba  # about a second to load its dictionary: only when a cut has to be judged

    jieba.setLogLevel(logging.WARNING)
    return tuple(jieba.lcut(text, HMM=False))


def load() -> None:
    """Load jieba's dictionary now: before forking workers that all need it."""
    _segment("分词")


def words(text: str) -> tuple[str, ...]:
    """Segment a text into dictionary words (jieba, no HMM guessing)."""
    return _segment(text)


def is_word(text: str) -> bool:
    """Tell whether a text is one dictionary word ('支撑点'), as a bare name never is."""
    return len(text) > 1 and _segment(text) == (text,)
