"""The search segmenter gives jieba's words (computed by jieba-rs), dictionary quirks included."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import jieba
import pytest
from backrefs import bre

from build_docs import wordcut

from .helpers import ROOT

GOLDEN = ROOT / "tests" / "golden"
# The runs Material's search plugin hands to jieba: every run of Han-script characters.
HAN_RUN = bre.compile(r"\p{script: Han}+")


def _jieba(user: Path | None = None, main: Path | None = None) -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer(str(main) if main else jieba.DEFAULT_DICT)
    if user is not None:
        tokenizer.load_userdict(str(user))
    return tokenizer


def _runs(folder: Path) -> list[str]:
    return sorted({run for page in folder.rglob("*.md") for run in HAN_RUN.findall(page.read_text(encoding="utf-8"))})


def test_every_han_run_of_the_simplified_pages_is_cut_as_jieba_cuts_it():
    user = GOLDEN / "docs" / ".jieba_user.txt"
    ours, theirs = wordcut.Segmenter(None, user), _jieba(user)
    runs = _runs(GOLDEN / "docs")
    assert len(runs) > 2000
    assert [ours.cut(r) for r in runs] == [list(theirs.cut(r)) for r in runs]
    assert ours.engine == "jieba-rs"


def test_every_han_run_of_the_traditional_pages_is_cut_as_jieba_cuts_it_with_the_converted_dictionary(tmp_path):
    from build_docs.convert import Converter, jieba_dictionary, load_protected

    # jieba's dictionary converted as the build converts it for the Traditional index; the
    # user dictionary is the Simplified one (any dictionary will do to compare the two cutters).
    converter = Converter("s2tw", [], load_protected(), tmp_path)
    main = tmp_path / "dict.txt"
    main.write_text(jieba_dictionary(converter), encoding="utf-8")
    user = GOLDEN / "docs" / ".jieba_user.txt"
    ours, theirs = wordcut.Segmenter(main, user), _jieba(user, main)
    runs = sorted({run for text in _runs(GOLDEN / "docs") for run in HAN_RUN.findall(converter.convert(text))})
    assert len(runs) > 2000
    assert [ours.cut(r) for r in runs] == [list(theirs.cut(r)) for r in runs]


def test_user_words_that_override_common_words_keep_jiebas_total(tmp_path):
    # jieba adds an overriding word's count to its total without taking the old one off;
    # jieba-rs replaces it. With 了, 是 and 在 (about 2.4 million between them) lowered to 50,
    # jieba-rs alone would cut 生命/至/上 and 相/结合: the total decides between routes.
    user = tmp_path / "user.txt"
    user.write_text("了 50\n是 50\n在 50\n", encoding="utf-8")
    ours, theirs = wordcut.Segmenter(None, user), _jieba(user)
    for text, words in [
        ("生命至上", ["生命", "至上"]),
        ("相结合的方式推进电商发展", ["相结合", "的", "方式", "推进", "电商", "发展"]),
        ("立足台商投资区优势", ["立足", "台商", "投资区", "优势"]),
    ]:
        assert list(theirs.cut(text)) == words
        assert ours.cut(text) == words
        assert ours.cut(text.encode("utf-8")) == words  # Material hands jieba UTF-8 bytes


def _small_dictionary(folder: Path) -> Path:
    """A main dictionary of a few words: quick for jieba to load, enough to cut the cases below."""
    main = folder / "dict.txt"
    main.write_text("网格 300 n\n走访 200 v\n社区 400 n\n平台 300 n\n上线 100 v\n年 900 m\n", encoding="utf-8")
    return main


def test_text_outside_jiebas_han_range_goes_to_jieba_itself(tmp_path):
    main, user = _small_dictionary(tmp_path), tmp_path / "user.txt"
    user.write_text("网格员 50\n", encoding="utf-8")
    ours, theirs = wordcut.Segmenter(main, user), _jieba(user, main)
    # 㐀 (CJK extension A) and 鿫 (past U+9FD5) are Han script but not in jieba's run pattern;
    # the Latin word and digits make runs of their own there.
    for text in ["网格员㐀走访", "社区鿫网格员", "APP平台2023年上线", "网格员"]:
        assert ours.cut(text) == list(theirs.cut(text))


def test_a_user_dictionary_line_without_a_count_is_left_to_jieba(tmp_path):
    user = tmp_path / "user.txt"
    main, user = _small_dictionary(tmp_path), tmp_path / "user.txt"
    user.write_text("网格员\n湖里社区 50\n", encoding="utf-8")
    ours = wordcut.Segmenter(main, user)
    assert ours.cut("网格员走访湖里社区") == list(_jieba(user, main).cut("网格员走访湖里社区"))
    assert ours.engine == "jieba"


def test_segmenters_are_shared_while_their_dictionary_files_are_unchanged(tmp_path):
    user = tmp_path / "user.txt"
    user.write_text("网格员 50\n", encoding="utf-8")
    first = wordcut.segmenter(None, user)
    assert wordcut.segmenter(None, tmp_path / "." / "user.txt") is first
    user.write_text("网格员 50\n湖里社区 50\n", encoding="utf-8")
    os.utime(user, ns=(1, 1))
    second = wordcut.segmenter(None, user)
    assert second is not first
    assert second.cut("湖里社区") == ["湖里社区"]


def test_a_forced_split_is_left_to_jieba(tmp_path):
    # A count of 0 makes jieba split the word by force, which jieba-rs does not do.
    main, user = _small_dictionary(tmp_path), tmp_path / "user.txt"
    user.write_text("网格员 0\n", encoding="utf-8")
    ours = wordcut.Segmenter(main, user)
    assert ours.cut("网格员走访") == list(_jieba(user, main).cut("网格员走访"))
    assert ours.engine == "jieba"


@pytest.mark.parametrize(
    "user_lines",
    [
        "网格员  5000\n",  # two spaces: jieba's word keeps one of them
        "网格员 5000\u3000\n社区 30\n",  # an ideographic space jieba does not strip: no count for it
        "\ufeff网格员 5000\r\n走访社区 40 v\n",  # a byte-order mark, CRLF, a tag
        "\u3000\n网格员 5000\n",  # a line of one ideographic space is a word to jieba
    ],
)
def test_user_dictionary_lines_are_read_as_jieba_reads_them(tmp_path, user_lines: str):
    main, user = _small_dictionary(tmp_path), tmp_path / "user.txt"
    main.write_text(main.read_text(encoding="utf-8") + "员 50 n\n", encoding="utf-8")
    user.write_bytes(user_lines.encode("utf-8"))
    ours, theirs = wordcut.Segmenter(main, user), _jieba(user, main)
    for text in ["网格员走访社区", "社区网格员", "走访社区网格"]:
        assert ours.cut(text) == list(theirs.cut(text)), (user_lines, text)
