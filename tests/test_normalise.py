"""One input/expected pair per normalisation rule, each also checked for idempotence."""

from __future__ import annotations

from textwrap import dedent

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_docs.records import Line
from build_docs.recovery.normalise import (
    column_width,
    drop_han_digit_spaces,
    figures_set_narrow,
    full_width_brackets,
    full_width_punctuation,
    normalise_line,
    opening_width,
    strip_edges,
    unwrap,
)
from build_docs.text import han_chars

LINE_CASES = [
    # (pass, input, expected)
    (strip_edges, " \u3000云南省曲靖市麒麟区：\r", "云南省曲靖市麒麟区："),
    (
        full_width_punctuation,
        "习近平总书记强调,城市工作在党和国家工作全局中举足轻重",
        "习近平总书记强调，城市工作在党和国家工作全局中举足轻重",
    ),
    (full_width_punctuation, "福建省厦门市海沧区:", "福建省厦门市海沧区："),
    (full_width_punctuation, "难题;大力推进", "难题；大力推进"),
    (full_width_punctuation, "怎么办?我们怎么做!", "怎么办？我们怎么做！"),
    (full_width_punctuation, "2019年10月12日15:45 来源:人民网", "2019年10月12日15:45 来源：人民网"),
    (full_width_punctuation, "共计1,000人,同比增长", "共计1,000人，同比增长"),
    (full_width_punctuation, "GDP增长5.7%,11项指标", "GDP增长5.7%，11项指标"),
    (full_width_punctuation, "version 1.2, see: http://x.org", "version 1.2, see: http://x.org"),
    (full_width_brackets, "重大决策(项目)参与权", "重大决策（项目）参与权"),
    (full_width_brackets, "(一)确立一个重心", "（一）确立一个重心"),
    (full_width_brackets, "推行党建“5+X”(参加1次主题党日)和", "推行党建“5+X”（参加1次主题党日）和"),
    (full_width_brackets, "f(x) = (1+7)", "f(x) = (1+7)"),
    (drop_han_digit_spaces, "区镇两级财政最高补助 750 万元", "区镇两级财政最高补助750万元"),
    (drop_han_digit_spaces, "全面摸排全区 47个物业小区", "全面摸排全区47个物业小区"),
    (drop_han_digit_spaces, "2019年10月12日15:45    来源", "2019年10月12日15:45    来源"),
    (drop_han_digit_spaces, "配备5-7名、“1+7”文件、90.9%、1.9万名", "配备5-7名、“1+7”文件、90.9%、1.9万名"),
]


@pytest.mark.parametrize(
    ("rule", "given_text", "expected"), LINE_CASES, ids=[f"{rule.__name__}-{i}" for i, (rule, _, _) in enumerate(LINE_CASES)]
)
def test_line_rule_gives_expected_and_is_idempotent(rule, given_text, expected):
    assert rule(given_text) == expected
    assert rule(expected) == expected


def test_numbers_ranges_and_latin_survive_the_whole_line_pipeline():
    text = "1.9万名党员、配备5-7名、“1+7”文件、达标率90.9%、2021年、APP、GDP增长5.7%"
    assert normalise_line(text) == text


def _lines(text: str) -> list[Line]:
    return [Line(file="t.txt", number=i, text=normalise_line(t)) for i, t in enumerate(dedent(text).strip("\n").split("\n"), 1)]


def _texts(paragraphs) -> list[str]:
    return [p.text for p in paragraphs]


COLUMN = """\
    近年来，翔安区坚持以习近平新时代
    中国特色社会主义思想为指导，主动融入
    “跨岛发展”重大战略，抢抓“岛外大发展”
    重大机遇，引导各级党组织和党员干部以
    “一刻也等不得”的责任感，朝着目标前行，
    跳起摸高、争先进位。

    筑牢基层党建堡垒，构建治理新格

    局。从昔日的“风头水尾”蜕变为如今的
    滨海新城，一路走来，翔安区在基层党建
    工作中，始终坚持“打基础、补短板、出亮
    点”的思路，把一切工作落到支部上，不
    断增强基层党组织的组织力、凝聚力。
    调解决200余项疑难事项。
    汇聚攻坚力量。翔安区委引导党员
    """


def test_hard_wrapped_column_is_rejoined_without_spaces_and_keeps_paragraph_ends():
    lines = _lines(COLUMN)
    width = column_width([ln.text for ln in lines])
    assert width is not None and 15 <= width <= 20
    assert _texts(unwrap(lines, width)) == [
        "近年来，翔安区坚持以习近平新时代中国特色社会主义思想为指导，主动融入“跨岛发展”重大战略，抢抓“岛外大发展”"
        "重大机遇，引导各级党组织和党员干部以“一刻也等不得”的责任感，朝着目标前行，跳起摸高、争先进位。",
        "筑牢基层党建堡垒，构建治理新格局。从昔日的“风头水尾”蜕变为如今的滨海新城，一路走来，翔安区在基层党建"
        "工作中，始终坚持“打基础、补短板、出亮点”的思路，把一切工作落到支部上，不断增强基层党组织的组织力、凝聚力。"
        "调解决200余项疑难事项。",
        "汇聚攻坚力量。翔安区委引导党员",
    ]


def test_blank_line_inside_a_sentence_is_recorded_as_a_break_offset():
    lines = _lines(COLUMN)
    paragraphs = unwrap(lines, column_width([ln.text for ln in lines]))
    assert paragraphs[1].breaks == (len("筑牢基层党建堡垒，构建治理新格"),)


def test_page_break_in_mid_word_is_joined_in_free_text():
    text = """\
        在“不忘初心、牢记使命”主题教育中，各党支部开展“围绕岛内大提升，我们的差距在哪里，我们做了什么、我

        们要怎么做”大讨论1481场次，研究出台了方案。

        筑牢堡垒当好先锋 始终保持“闯”的精神

        习近平总书记指出：要严格党员日常教育和管理。
        """
    assert _texts(unwrap(_lines(text), None)) == [
        "在“不忘初心、牢记使命”主题教育中，各党支部开展“围绕岛内大提升，我们的差距在哪里，我们做了什么、我们要怎么做”大讨论1481场次，研究出台了方案。",
        "筑牢堡垒当好先锋 始终保持“闯”的精神",
        "习近平总书记指出：要严格党员日常教育和管理。",
    ]


def test_line_broken_before_an_opening_quote_is_joined():
    text = """\
        2002年6月，时任福建省委副书记、
        省长的习近平同志深入厦门调研，提出了

        “跨岛发展”的战略构想。2003年10月，
        福建省厦门市翔安区正式成立，成为厦门
        市最年轻的行政区。
        """ + "\n".join(["一二三四五六七八九十一二三四五六七"] * 10)
    lines = _lines(text)
    paragraphs = unwrap(lines, column_width([ln.text for ln in lines]))
    assert (
        paragraphs[0].text
        == "2002年6月，时任福建省委副书记、省长的习近平同志深入厦门调研，提出了“跨岛发展”的战略构想。2003年10月，福建省厦门市翔安区正式成立，成为厦门市最年轻的行政区。"
    )


def test_two_short_heading_lines_stay_separate_lines_for_the_parser_to_merge():
    text = """\
        坚持一盘棋
        加强引领组织实施
        作为全国设立最早的国家级台商投资区，我区现有人口62万。
        """
    assert _texts(unwrap(_lines(text), None)) == [
        "坚持一盘棋",
        "加强引领组织实施",
        "作为全国设立最早的国家级台商投资区，我区现有人口62万。",
    ]


# Own text, set by cells as a page layout sets it: '2025' takes two cells of a 15-cell column.
NARROW_FIGURES = """\
    2025年以来，某某区开展“万名普
    通党员进党校”集中轮训，对全区
    基层一线党员进行系统性、全覆盖
    培训，强化党员身份意识，发挥先锋
    模范作用。截至目前，已举办专题
    培训班37期，培训2.4万人次。
    学用结合，学以致用，某某区开展
    “一支部一实事”实践活动，引导党
    员主动领办民生服务等项目。
    """


def test_a_column_that_sets_figures_narrow_ends_a_paragraph_on_a_line_with_figures():
    lines = _lines(NARROW_FIGURES)
    width = column_width([ln.text for ln in lines])
    assert width is not None and figures_set_narrow([ln for ln in lines if ln.text], width)
    assert [p.text[:6] for p in unwrap(lines, width)] == ["2025年以", "学用结合，学"]


def test_a_column_set_by_characters_runs_a_sentence_on_from_a_line_with_figures():
    text = NARROW_FIGURES.replace("2025年以来，某某区开展“万名普\n    通", "2025年以来，某某区开展“\n    万名普通")
    lines = _lines(text)
    width = column_width([ln.text for ln in lines])
    assert width is not None and not figures_set_narrow([ln for ln in lines if ln.text], width)


def test_two_part_heading_cut_at_an_opening_quote_is_one_heading_line():
    text = """\
        某某区强化党建引领，提升群众“家门口事”的治理水平。

        组织建在家门口 菜市场设党支部让百姓“
        菜篮子”拎出幸福感

        清晨6点，某某区某某街道菜市场已是一派繁忙。
        """
    assert _texts(unwrap(_lines(text), 19)) == [
        "某某区强化党建引领，提升群众“家门口事”的治理水平。",
        "组织建在家门口 菜市场设党支部让百姓“菜篮子”拎出幸福感",
        "清晨6点，某某区某某街道菜市场已是一派繁忙。",
    ]


def test_heading_wrapped_with_one_character_left_over_stays_apart_from_the_next_paragraph():
    text = """\
        走出了一条生态与发展互促共进的新路子。

        党建引领，找准践行“两山”理论的支撑
        点

        某某县紧紧抓住入选实践创新基地的机遇，
        将“抓实核心区党建”作为工作重点。
        """
    assert _texts(unwrap(_lines(text), 18)) == [
        "走出了一条生态与发展互促共进的新路子。",
        "党建引领，找准践行“两山”理论的支撑点",
        "某某县紧紧抓住入选实践创新基地的机遇，将“抓实核心区党建”作为工作重点。",
    ]


def test_two_part_heading_as_wide_as_the_column_is_not_joined_across_a_blank_line():
    text = """\
        实现了“一张网管住一座城”。

        树立“大数据”理念 推动治理方式智慧化

        随着大数据时代的到来，社会治理趋向于虚
        拟与现实交织交融。
        """
    assert _texts(unwrap(_lines(text), 19)) == [
        "实现了“一张网管住一座城”。",
        "树立“大数据”理念 推动治理方式智慧化",
        "随着大数据时代的到来，社会治理趋向于虚拟与现实交织交融。",
    ]


def test_short_numbered_heading_in_a_column_without_blank_lines_stands_alone():
    text = """\
        一、背景
        某某社区位于特区发祥地的中心繁华地带，总面
        积约0.7平方公里，总人口906户12569人。
        """
    assert _texts(unwrap(_lines(text), 22)) == [
        "一、背景",
        "某某社区位于特区发祥地的中心繁华地带，总面积约0.7平方公里，总人口906户12569人。",
    ]


def test_closing_quote_pushed_onto_its_own_line_ends_the_paragraph_before_a_blank_line():
    text = """\
        “健身器材是社区公共资源，你不应该独占着晒被。
        ”

        “天气这么好，晒被怎么了？你凭啥指责我？”
        """
    assert _texts(unwrap(_lines(text), 23)) == [
        "“健身器材是社区公共资源，你不应该独占着晒被。”",
        "“天气这么好，晒被怎么了？你凭啥指责我？”",
    ]


def test_short_heading_with_a_comma_between_paragraphs_of_a_column_stands_alone():
    text = """\
        某某县的探索为同等条件山区县提供了可复制推广的经验。
        突出片区理念，找准发展路径
        一体化设计布局。某某县依托“菌果药旅”产业优势，聚业成链
        、聚链成势，规划设计五大示范片区。
        """
    assert _texts(unwrap(_lines(text), 31)) == [
        "某某县的探索为同等条件山区县提供了可复制推广的经验。",
        "突出片区理念，找准发展路径",
        "一体化设计布局。某某县依托“菌果药旅”产业优势，聚业成链、聚链成势，规划设计五大示范片区。",
    ]


def test_balanced_two_clause_heading_as_wide_as_the_column_is_not_joined_across_a_blank_line():
    text = """\
        昂首阔步、砥砺前行，跳起摸高、争先
        进位。

        筑牢基层党建堡垒，构建治理新格局

        从昔日的“风头水尾”蜕变为如今的
        滨海新城。
        """
    assert _texts(unwrap(_lines(text), 16)) == [
        "昂首阔步、砥砺前行，跳起摸高、争先进位。",
        "筑牢基层党建堡垒，构建治理新格局",
        "从昔日的“风头水尾”蜕变为如今的滨海新城。",
    ]


def test_headings_in_a_column_without_blank_lines_stop_short_of_the_edge_on_one_line_or_two():
    text = """\
        奋力在建设人民城市最佳实践地中干在
        实处、走在前列。
        党的领导是建设人民城市的根本保证
        习近平总书记指出，抓城市工作要“建立
        健全党委统一领导的工作格局”。
        坚持和发展全过程人民民主是建设人民城
        市的制度依托
        习近平总书记指出：“把全过程人民民主
        融入城市治理现代化。”
        """
    assert _texts(unwrap(_lines(text), 18)) == [
        "奋力在建设人民城市最佳实践地中干在实处、走在前列。",
        "党的领导是建设人民城市的根本保证",
        "习近平总书记指出，抓城市工作要“建立健全党委统一领导的工作格局”。",
        "坚持和发展全过程人民民主是建设人民城市的制度依托",
        "习近平总书记指出：“把全过程人民民主融入城市治理现代化。”",
    ]


def test_a_copy_that_lost_its_paragraph_indent_keeps_short_first_lines_in_their_paragraphs():
    # Own text: every paragraph's first line is three characters short (its indent dropped).
    text = """\
        某某区全面加强以党的建设为
        核心的基层工作，聚焦强化基层组织
        政治功能和服务功能。
        一切工作到支部，是基层党建
        工作的基本原则。全区牢固树立大抓
        基层的鲜明导向。
        某某区坚持把服务群众作为基
        层治理的出发点和落脚点。
        城市基层治理由党建引领统筹
        推进，各方力量拧成一股绳。
        """
    lines = _lines(text)
    assert opening_width([ln for ln in lines if ln.text], 16) == 13
    assert [p.text[:4] for p in unwrap(lines, 16)] == ["某某区全", "一切工作", "某某区坚", "城市基层"]


def test_a_line_that_goes_on_from_a_full_line_above_is_no_run_in_lead():
    text = """\
        如何推动基层党建与社会治理相融合？
        是做好新时代基层党建的必答题。近年
        来，某某区全面加强基层工作。
        """
    assert _texts(unwrap(_lines(text), 17)) == [
        "如何推动基层党建与社会治理相融合？是做好新时代基层党建的必答题。近年来，某某区全面加强基层工作。"
    ]


def test_numbered_heading_wrapped_between_indented_paragraphs_is_one_heading():
    text = """\
        \u3000\u3000某某社区位于特区发祥地的中心繁华地
        带，总面积约0.7平方公里。
        \u3000\u3000曾经享受改革开放红利的某某村，面
        临着老工业区工厂外迁等不利因素。
        二、主要做法和成效
        （一）确立一个重心，构建党建命运共同
        体
        \u3000\u3000建设“特色小镇”是社区党总支和村民
        共同愿望。
        """
    assert _texts(unwrap(_lines(text), 18)) == [
        "某某社区位于特区发祥地的中心繁华地带，总面积约0.7平方公里。",
        "曾经享受改革开放红利的某某村，面临着老工业区工厂外迁等不利因素。",
        "二、主要做法和成效",
        "（一）确立一个重心，构建党建命运共同体",
        "建设“特色小镇”是社区党总支和村民共同愿望。",
    ]


def test_numbered_heading_as_wide_as_the_column_is_not_joined_across_a_blank_line():
    text = """\
        统一向社会招租。

        （四）打造“四大特色”，彰显特色小镇魅力

        打造乡土文化型。保持乡土文化的原生性是
        小镇文化的内核。
        """
    assert _texts(unwrap(_lines(text), 20)) == [
        "统一向社会招租。",
        "（四）打造“四大特色”，彰显特色小镇魅力",
        "打造乡土文化型。保持乡土文化的原生性是小镇文化的内核。",
    ]


def test_unwrap_is_idempotent_on_its_own_output():
    lines = _lines(COLUMN)
    width = column_width([ln.text for ln in lines])
    once = unwrap(lines, width)
    again = unwrap([Line(file="t", number=i, text=p.text) for i, p in enumerate(once, 1)], None)
    assert _texts(again) == _texts(once)


HAN_TEXT = st.text(
    alphabet=st.sampled_from(list("党建引领基层治理社区网格湖里区一二三"))
    | st.sampled_from(list(",.;:?!()，。；：“”（）12 -+%a\u3000")),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(HAN_TEXT)
def test_line_passes_never_drop_or_reorder_han_characters(text):
    assert han_chars(normalise_line(text)) == han_chars(text)


@settings(max_examples=300, deadline=None)
@given(HAN_TEXT)
def test_line_passes_are_idempotent(text):
    once = normalise_line(text)
    assert normalise_line(once) == once


@settings(max_examples=200, deadline=None)
@given(st.lists(HAN_TEXT, max_size=30), st.sampled_from([None, 17.0]))
def test_unwrap_keeps_every_han_character_in_order(texts, width):
    lines = [Line(file="t", number=i, text=normalise_line(t)) for i, t in enumerate(texts, 1)]
    joined = "".join(p.text for p in unwrap(lines, width))
    assert han_chars(joined) == han_chars("".join(ln.text for ln in lines))


REPORT = """\
    近年来，某某县坚持以数字化改革为牵引，探
    索形成了数字乡村建设的经验。
    （一）建好一张图。全县建成覆盖137个行
    政村的数字乡村一张图，汇集各类数据。
    （二）用好一张网。依托基层治理平台，实
    现矛盾纠纷线上受理、线下处置。
    （三）育好一批人。县里每年举办培训班，
    培养懂技术、会应用的“新农人”。
    （四）办好一件事。村里设立代办点，帮群
    众办理社保、医保等二十多项事务。
    （五）管好一本账。村级财务全部上网公开
    ，群众扫码就能查看每一笔收支。
    """


def test_a_report_of_two_line_points_is_a_column_though_half_its_lines_are_paragraph_ends():
    lines = _lines(REPORT)
    width = column_width([ln.text for ln in lines])
    assert width is not None and 18 <= width <= 21
    assert _texts(unwrap(lines, width)) == [
        "近年来，某某县坚持以数字化改革为牵引，探索形成了数字乡村建设的经验。",
        "（一）建好一张图。全县建成覆盖137个行政村的数字乡村一张图，汇集各类数据。",
        "（二）用好一张网。依托基层治理平台，实现矛盾纠纷线上受理、线下处置。",
        "（三）育好一批人。县里每年举办培训班，培养懂技术、会应用的“新农人”。",
        "（四）办好一件事。村里设立代办点，帮群众办理社保、医保等二十多项事务。",
        "（五）管好一本账。村级财务全部上网公开，群众扫码就能查看每一笔收支。",
    ]


def test_one_sentence_per_line_is_never_taken_for_a_column():
    lines = _lines("""\
        全县建成数字乡村一张图。
        依托基层治理平台处置纠纷。
        每年举办数字乡村培训班。
        培养懂技术的新农人五百余名。
        群众办事更加方便快捷了。
        """)
    assert column_width([ln.text for ln in lines]) is None


HALF_WIDTH_STOPS = [
    ("村民们拿着积分卡,兑换生活用品.", "村民们拿着积分卡，兑换生活用品。"),
    ("迎来了第三次集中兑换日. 村民们拿着积分卡.", "迎来了第三次集中兑换日。村民们拿着积分卡。"),
    ("办结率超过95%.县委组织部表示", "办结率超过95%。县委组织部表示"),
    ("占全国总产量的1/2.建成17个景区", "占全国总产量的1/2。建成17个景区"),
    (".”村民潘建国说.", "。”村民潘建国说。"),
    (".5月31日一早", "。5月31日一早"),
    # figures, list numbers, file names, addresses and Latin text keep their points
    ("累计发放积分4.6万分", "累计发放积分4.6万分"),
    ("1.潜山市防汛预案.docx", "1.潜山市防汛预案.docx"),
    ("详见www.gov.cn.", "详见www.gov.cn."),
    (".5亿元投向乡村", ".5亿元投向乡村"),
    ("突破8.", "突破8."),  # a decimal point the column wrapped: the next line has the rest
    ('He said "ok".', 'He said "ok".'),
]


@pytest.mark.parametrize(("raw", "expected"), HALF_WIDTH_STOPS)
def test_a_half_width_stop_ending_a_chinese_sentence_becomes_full_width(raw, expected):
    assert normalise_line(raw) == expected
    assert normalise_line(expected) == expected  # idempotent


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('厉庄镇:"小积分"兑出乡村文明"大变化"', "厉庄镇：“小积分”兑出乡村文明“大变化”"),
        ('"以前开会在村委会,', '"以前开会在村委会，'),  # an odd quote: its pair is on another line, left alone
    ],
)
def test_half_width_double_quotes_pair_up_as_chinese_quotes_within_a_line(raw, expected):
    assert normalise_line(raw) == expected


def test_a_paragraph_ending_on_a_figure_and_a_half_width_stop_ends_with_a_full_stop():
    lines = _lines("""\
        2025年，某某区村集体经济总收入突破8.
        53亿元，城乡收入比收窄至1.56.
        """)
    assert _texts(unwrap(lines, 18.5)) == ["2025年，某某区村集体经济总收入突破8.53亿元，城乡收入比收窄至1.56。"]
