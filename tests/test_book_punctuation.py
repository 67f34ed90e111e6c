"""Two full-width marks side by side print without an em of blank between them (no PDF library needed)."""

from __future__ import annotations

import re

import pytest

from build_docs.pdf import compress_punctuation, justify_body

HALF = '<span class="half">{}</span>'


def _body(text: str) -> str:
    """Wrap text as the body of a page whose head holds marks too."""
    return f"<html><head><title>“题”。</title></head><body>{text}</body></html>"


def _compressed(text: str, lang: str = "zh-Hans") -> str:
    """Compress the punctuation of text set as a page body; return the body."""
    out = compress_punctuation(_body(text), lang)
    return out[out.index("<body>") + len("<body>") : out.index("</body>")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two closing marks: the first gives up the blank after it.
        ("增长率”。", "增长率" + HALF.format("”") + "。"),
        ("说完了。”他", "说完了" + HALF.format("。") + "”他"),
        # A closing mark then an opening one, or two opening marks: the second gives up the blank before it.
        ("他说，“好”", "他说，" + HALF.format("“") + "好”"),
        ("《“两山”》", "《" + HALF.format("“") + "两山" + HALF.format("”") + "》"),
        # An opening mark then a closing one (empty quotes) has no blank between them.
        ("“”", "“”"),
        # A mark beside ordinary text is left alone.
        ("党建“1234”引领", "党建“1234”引领"),
    ],
)
def test_the_mark_holding_the_blank_between_two_adjacent_marks_is_set_half_width(text, expected):
    assert _compressed(text) == expected


def test_traditional_points_sit_centred_so_only_brackets_give_up_their_blank():
    assert _compressed("增長率」。", "zh-Hant") == "增長率" + HALF.format("」") + "。"
    assert _compressed("他說，「好」", "zh-Hant") == "他說，" + HALF.format("「") + "好」"
    assert _compressed("說完了。」他", "zh-Hant") == "說完了。」他"  # 。 is centred: no half em after it


def test_inline_tags_and_justification_spaces_do_not_part_a_pair_but_blocks_and_links_do():
    assert _compressed("<strong>好。</strong>“对”") == "<strong>好。</strong>" + HALF.format("“") + "对”"
    assert _compressed("好。 “对”") == "好。 " + HALF.format("“") + "对”"
    assert _compressed("<p>好。</p><p>“对”</p>") == "<p>好。</p><p>“对”</p>"
    # A link's generated text (a page number) stands between its last mark and the next.
    assert _compressed('<a href="#x">湖里区（4）</a>；') == '<a href="#x">湖里区（4）</a>；'


def test_the_text_is_unchanged_and_the_head_is_left_alone():
    text = '<p class="body">他说：“增长率达到百分之九十。”“好”，「对」。</p>'
    html = compress_punctuation(justify_body(_body(text)), "zh-Hans")
    assert "<title>“题”。</title>" in html
    visible = re.sub(r"<[^>]+>", "", html.split("<body>")[1]).replace(" ", "")
    assert visible == re.sub(r"<[^>]+>", "", text)
    assert html.count('class="half"') == 6  # ：“ 。” ”“ ”， ，「 」。
