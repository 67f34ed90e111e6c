"""Key figures (数据一览): each row is a whole clause that reads alone, or no row at all."""

from __future__ import annotations

import re

import pytest

from build_docs.crossref import HAN_RE, NOT_A_SUBJECT_WORDS, figures_in
from build_docs.segment import words

# Fragments the old extraction showed as rows (the issue's examples): none may be a row.
FRAGMENTS = [
    "的湖里地区划出2.5平方公里",
    "6个招商项目组成立党员",
    "严格落实570批次13.19万件进口冷链食品的批批",
    "2个居民小区外",
    "曾经享受30多年",
    "40多年",
    "环保等17个",
    "96.3%",
    "11项",
    "1个百分点",
    "黑涉恶案庭审宣判9批960多人次",
    "镇店头庄村刷新了45天",
]

# Short texts written for these tests, in the manner of the articles.
PARAGRAPHS = [
    "1980年，国务院批复同意在厦门岛西北部的湖里地区划出2.5平方公里设置经济特区。",
    "11个重点项目指挥部全部成立党支部，6个招商项目组成立党员突击队。",
    "严格落实570批次13.19万件进口冷链食品的批批检测、件件消毒，完成辖区238个冷库排查监管。",
    "除恒丰花园、兴隆阁2个居民小区外，辖区内共有455栋居民自建房。",
    "曾经享受30多年过特区发祥地、40多年改革开放发展红利的湖里村，面临下行压力。",
    "横向划分390个社区网格，组织城管、综治、环保等17个职能部门下沉网格。",
    "54家市级重点企业已全面复工、405家规上工业企业复工率达96.3%。",
    "全区GDP增长5.7%，11项对标指标中10项指标增幅超过全省平均水平。",
    "城镇居民人均可支配收入1.66万元，同比增3.3%，高于全省增速1个百分点。",
    "组织旁听涉黑涉恶案庭审宣判9批960多人次。",
    "天马项目涉及的马巷镇店头庄村刷新了45天整村搬迁的纪录。",
]


def _bounds(text: str) -> set[int]:
    """Offsets where jieba puts a word boundary in a text."""
    bounds, position = {0}, 0
    for word in words(text):
        position += len(word)
        bounds.add(position)
    return bounds


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_fragments_from_the_issue_are_never_rows(fragment):
    rows = [row for paragraph in PARAGRAPHS for row in figures_in(paragraph)]
    assert fragment not in rows


# Those of them that cannot stand even as a text of their own: a bare number, the tail of a
# list, a clause opening or closing on a function word, a span of years.
CANNOT_STAND = [
    "的湖里地区划出2.5平方公里",
    "2个居民小区外",
    "曾经享受30多年",
    "40多年",
    "环保等17个",
    "96.3%",
    "11项",
    "1个百分点",
]


@pytest.mark.parametrize("fragment", CANNOT_STAND)
def test_fragments_that_cannot_stand_alone_give_no_row_even_alone(fragment):
    assert figures_in(fragment) == []


@pytest.mark.parametrize("paragraph", PARAGRAPHS)
def test_rows_are_whole_clauses_on_word_boundaries_with_a_subject(paragraph):
    for row in figures_in(paragraph):
        # A whole clause: clause punctuation (or the text's edge) on both sides.
        at = paragraph.index(row)
        assert at == 0 or paragraph[at - 1] in "，。；：！？", (row, paragraph)
        assert paragraph[at + len(row)] in "，。；：！？", (row, paragraph)
        bounds = _bounds(paragraph)
        assert at in bounds and at + len(row) in bounds, row
        # A subject before the number, or a clause opening on the number and what it counts.
        number = re.search(r"\d", row)
        assert number, row
        before = "".join(w for w in words(row[: number.start()]) if w not in NOT_A_SUBJECT_WORDS)
        after = row[number.end() :]
        assert len(HAN_RE.findall(before)) >= 2 or "GDP" in before or (not before and HAN_RE.search(after)), row


def test_whole_clauses_that_read_alone_are_rows():
    assert figures_in("湖里社区位于中心地带，总面积约0.7平方公里，总人口906户12569人。") == [
        "总面积约0.7平方公里",
        "总人口906户12569人",
    ]
    assert figures_in("湖里社区总人口：906户12569人。") == ["湖里社区总人口：906户12569人"]
    assert figures_in("近年来，累计举办各类专题培训班37期。") == ["累计举办各类专题培训班37期"]
    assert figures_in("11个重点项目指挥部全部成立党支部，6个招商项目组成立党员突击队。") == [
        "11个重点项目指挥部全部成立党支部",
        "6个招商项目组成立党员突击队",
    ]
    assert figures_in("全区GDP增长5.7%。") == ["全区GDP增长5.7%"]


def test_numbers_are_not_cut_and_asides_are_left_out():
    assert figures_in("全区总人口12,569人，增长明显。") == ["全区总人口12,569人"]
    assert figures_in("严格落实570批次13.19万件进口冷链食品检测。") == ["严格落实570批次13.19万件进口冷链食品检测"]
    assert figures_in("按照“1+5+N”（“1”为网格长，“N”为动态网格员）模式配备网格员3688名。") == ["按照“1+5+N”模式配备网格员3688名"]


def test_bare_numbers_relations_durations_and_open_quotes_are_no_rows():
    assert figures_in("复工率，96.3%，11项，40多年，增幅45.2%，同比增3.3%，占比达95.3%。") == []
    assert figures_in("做到“哪里任务重、哪里有需要500名党员，哪里就有党员。”") == []
    assert figures_in("2021年上半年，第3批。") == []


def test_duplicates_are_merged():
    assert figures_in("辖区共有店面306家；街两边，辖区共有店面306家。") == ["辖区共有店面306家"]


def test_district_page_shows_the_box_open_with_a_neutral_icon():
    from .helpers import SEEDS, build_from

    page = build_from(SEEDS).files["districts/fujian-xiamen-huli.md"]
    assert '<details class="hb-figures abstract" open>' in page
    rows = re.findall(r"<tr>\n<td>(.*?)</td>", page)
    assert "总人口906户12569人" in rows
    for fragment in FRAGMENTS:
        assert fragment not in rows
