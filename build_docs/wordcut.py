"""jieba's word segmentation computed by jieba-rs (rjieba): the same words, about ten times faster.

The search plugin segments every section of every page with jieba; at a thousand articles that is
a quarter of each MkDocs build. jieba-rs implements the same algorithm (dictionary DAG, maximum
route, HMM for unknown runs) with the same HMM model, so given the same dictionary it cuts the same
words. Two differences are bridged here so that the result stays jieba's, word for word:

- jieba's dictionary total (the denominator of every word's probability) counts every line it
  loaded, an overridden or repeated word included; jieba-rs replaces the word's count. The
  difference is added back as the count of a word no text can contain.
- jieba cuts with its dictionary only runs of U+4E00-U+9FD5 (and ASCII word characters); a run
  with any other character goes to jieba itself, as do dictionaries this module cannot mirror
  exactly (a line without a count, a count of zero).
"""

from __future__ import annotations

import logging
import re
from functools import cached_property
from pathlib import Path
from typing import Any

from . import cache

# The runs jieba-rs and jieba both cut with the dictionary (jieba's re_han_default, Han part).
JIEBA_RUN_RE = re.compile(r"[\u4e00-\u9fd5]+")
# A user-dictionary line as jieba reads it: word, optional count, optional tag (jieba's re_userdict).
USER_LINE_RE = re.compile(r"^(.+?)( [0-9]+)?( [a-z]+)?$")
# A word made of a private-use character: no Han run contains it, so it only carries the count
# that makes jieba-rs's total equal to jieba's.
BALLAST = "\ue000"


class Unmirrorable(ValueError):
    """A dictionary line whose effect jieba-rs would not reproduce."""


def _lines(path: Path) -> list[str]:
    """A dictionary's lines as jieba reads them: split on b'\\n', ASCII white space stripped, then decoded."""
    out = []
    for raw in path.read_bytes().split(b"\n"):
        line = raw.strip().decode("utf-8").lstrip("\ufeff")
        if line:
            out.append(line)
    return out


def _entries(main: Path | None, user: Path | None) -> list[tuple[str, int, str | None]]:
    """Read the dictionary lines in jieba's loading order, as (word, count, tag)."""
    if main is None:
        import jieba

        main = Path(jieba.__file__).resolve().parent / "dict.txt"
    out: list[tuple[str, int, str | None]] = []
    for line in _lines(main):
        word, freq, *tag = line.split(" ")
        out.append((word, int(freq), tag[0] if tag else None))
    if user is not None:
        for line in _lines(user):
            m = USER_LINE_RE.match(line)
            if m is None or m.group(2) is None:
                raise Unmirrorable(f"{user}: {line!r} has no count")
            # The word exactly as jieba's pattern captures it (not stripped: jieba does not).
            out.append((m.group(1), int(m.group(2)), m.group(3).strip() if m.group(3) else None))
    if any(freq == 0 for _, freq, _ in out):
        raise Unmirrorable("a dictionary word with count 0 is a forced split in jieba")
    return out


class Segmenter:
    """Cut text into jieba's words with one main dictionary and one user dictionary."""

    def __init__(self, main: Path | None = None, user: Path | None = None, key: str = "") -> None:
        self.main, self.user = main, user
        self.key = key  # the dictionaries' fingerprint, when made by segmenter()

    @cached_property
    def _fast(self) -> Any:
        """Return a jieba-rs segmenter holding the dictionaries, or None if it cannot mirror them."""
        try:
            import rjieba

            entries = _entries(self.main, self.user)
        except (ImportError, Unmirrorable) as why:
            logging.getLogger(__name__).info("search segmentation by jieba itself: %s", why)
            return None
        fast = rjieba.Jieba.empty()
        counts: dict[str, int] = {}
        jieba_total = 0
        for word, freq, tag in entries:
            fast.add_word(word, freq, tag)
            counts[word] = freq
            jieba_total += freq
        if jieba_total > sum(counts.values()):
            fast.add_word(BALLAST, jieba_total - sum(counts.values()), None)
        return fast

    @cached_property
    def _slow(self) -> Any:
        """Return a jieba tokenizer holding the dictionaries (for what jieba-rs does not mirror)."""
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer(str(self.main) if self.main else jieba.DEFAULT_DICT)
        if self.user is not None:
            tokenizer.load_userdict(str(self.user))
        return tokenizer

    @property
    def engine(self) -> str:
        """Name what cuts the texts: jieba-rs, jieba, or '' while the dictionaries are not loaded."""
        if "_fast" not in self.__dict__:
            return ""
        return "jieba" if self._fast is None else "jieba-rs"

    def load(self) -> None:
        """Load the dictionaries now (before forking builds that all need them)."""
        _ = self._fast

    def cut(self, text: str | bytes) -> list[str]:
        """Return jieba's words for a text (its default mode, HMM on); bytes are UTF-8, as jieba takes them."""
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        fast = self._fast
        if fast is not None and JIEBA_RUN_RE.fullmatch(text):
            return fast.cut(text, True)
        return list(self._slow.cut(text))


# Segmenters by the dictionary files' path and content: a long-running process (make serve) loads each
# pair once and its forked builds inherit it; a changed file is a new key.
_SEGMENTERS: dict[str, Segmenter] = {}


def segmenter(main: Path | None, user: Path | None) -> Segmenter:
    """Return the segmenter for these dictionaries, made once per process while the files are unchanged."""
    key = cache.digest([cache.file_fingerprint(p.resolve() if p else None) for p in (main, user)])
    if key not in _SEGMENTERS:
        if len(_SEGMENTERS) >= 4:  # both scripts' pairs, and the pairs they replace
            _SEGMENTERS.clear()
        _SEGMENTERS[key] = Segmenter(main, user, key)
    return _SEGMENTERS[key]
