"""The Traditional build's quotation marks: corner brackets, nested ones alternating 「『「 by depth."""

from __future__ import annotations

import pytest

from build_docs.convert import quotes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“党建“1234”引领建设“特色小镇””", "「党建『1234』引领建设『特色小镇』」"),
        ("“甲”和“乙”", "「甲」和「乙」"),
        ("‘甲’", "『甲』"),
        ("“他说‘好’”", "「他说『好』」"),
        ("“一“二“三”二”一”", "「一『二「三」二』一」"),
        ("「原有“引号”」", "「原有『引号』」"),
        ("“跨行\n“新段”", "「跨行\n「新段」"),
    ],
)
def test_nested_quotes_alternate_by_depth(text: str, expected: str):
    assert quotes(text) == expected


def test_converted_text_is_left_as_it_is():
    once = quotes("“党建“1234”引领”")
    assert quotes(once) == once == "「党建『1234』引领」"


@pytest.mark.parametrize("text", ["”’“‘", "“未闭合“内层”", "多余”的‘引号", "China’s “a”", ""])
def test_unbalanced_quotes_keep_every_character(text: str):
    out = quotes(text)
    assert len(out) == len(text)
    assert not set(out) & set("“”‘’")
    assert [c for c in out if c not in "「」『』"] == [c for c in text if c not in "“”‘’"]


def test_verbatim_blocks_and_the_keep_style_are_untouched():
    raw = '<pre class="hb-raw">“原“文”</pre>'
    assert quotes(f"“甲”{raw}“乙”") == f"「甲」{raw}「乙」"
    assert quotes("“党建“1234””", "keep") == "“党建“1234””"
