"""Two columns printed side by side are read left column first, then right; nothing else moves."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_docs.records import Line
from build_docs.recovery.columns import split_columns

IDEO = "\u3000"


def as_lines(texts: list[str]) -> list[Line]:
    return [Line(file="seeds/test.txt", number=i, text=text) for i, text in enumerate(texts, start=1)]


def solid(lines: list[Line]) -> Counter[str]:
    return Counter(ch for line in lines for ch in line.text if not ch.isspace())


# A page: header, headline, byline above a two-column block whose left column is longer
# (padded with ideographic spaces, gutter of six spaces), then the page number.
PAGE = [
    "2026年4月2日 星期四          青禾日报          第3版  综合",
    "",
    "青禾县：",
    "网格连着千万家",
    "",
    "青禾县委书记  林一木",
    "",
    "近年来，青禾县坚持以党建      去年以来，该县又推出“红",
    "引领基层治理，把支部建在      色代办”服务，党员干部轮",
    "网格上，服务送到家门口。      流值守便民窗口，帮助群众",
    "全县划分网格四百余个，每      办理社保、医保等事项。" + IDEO,
    "个网格配备一名专职网格员      截至目前，累计代办事项一",
    "，做到小事不出网格。" + IDEO * 2 + "      万余件，群众满意率持续提",
    "群众有了难处，一个电话就      升。",
    "有人上门。" + IDEO * 7,
    "",
    "3",
]
PAGE_EXPECTED = [
    "2026年4月2日 星期四          青禾日报          第3版  综合",
    "",
    "青禾县：",
    "网格连着千万家",
    "",
    "青禾县委书记  林一木",
    "",
    "近年来，青禾县坚持以党建",
    "引领基层治理，把支部建在",
    "网格上，服务送到家门口。",
    "全县划分网格四百余个，每",
    "个网格配备一名专职网格员",
    "，做到小事不出网格。",
    "群众有了难处，一个电话就",
    "有人上门。",
    "",
    "去年以来，该县又推出“红",
    "色代办”服务，党员干部轮",
    "流值守便民窗口，帮助群众",
    "办理社保、医保等事项。",
    "截至目前，累计代办事项一",
    "万余件，群众满意率持续提",
    "升。",
    "",
    "3",
]

# The right column is longer: its last cells stand alone after the left column's width in
# ASCII spaces. Padding counts display cells (a Han character two, a digit one).
RIGHT_LONGER = [
    "石桥镇把2025年确定为“        开展政策宣讲、矛盾调解和结",
    "服务提升年”，组织126名       对帮扶，收集群众意见建议3",
    "机关干部下沉村组，走访农户    40余条，已办结318条。",
    "两千余户，面对面了解群众生    下一步，该镇将建立问题台账",
    "产生活中的急难愁盼问题，      ，做到件件有回音、事事有着",
    "                              落，让群众的获得感成色更足",
    "                              。",
]
RIGHT_LONGER_EXPECTED = [
    "石桥镇把2025年确定为“",
    "服务提升年”，组织126名",
    "机关干部下沉村组，走访农户",
    "两千余户，面对面了解群众生",
    "产生活中的急难愁盼问题，",
    "",
    "开展政策宣讲、矛盾调解和结",
    "对帮扶，收集群众意见建议3",
    "40余条，已办结318条。",
    "下一步，该镇将建立问题台账",
    "，做到件件有回音、事事有着",
    "落，让群众的获得感成色更足",
    "。",
]

# A gutter of ideographic spaces only.
IDEOGRAPHIC_GUTTER = [
    f"柳溪街道推行“楼栋议{IDEO * 3}邻里关系更加和睦，社",
    f"事会”，居民的事居民{IDEO * 3}区面貌焕然一新。街道",
    f"商量着办。老旧小区加{IDEO * 3}还组建志愿服务队十二",
    f"装电梯、停车位改造等{IDEO * 3}支，常态开展助老助残",
    f"难题在议事会上逐一化{IDEO * 3}活动，让居民感受到身",
    f"解，{IDEO * 11}边的温暖。",
]
IDEOGRAPHIC_GUTTER_EXPECTED = [
    "柳溪街道推行“楼栋议",
    "事会”，居民的事居民",
    "商量着办。老旧小区加",
    "装电梯、停车位改造等",
    "难题在议事会上逐一化",
    "解，",
    "",
    "邻里关系更加和睦，社",
    "区面貌焕然一新。街道",
    "还组建志愿服务队十二",
    "支，常态开展助老助残",
    "活动，让居民感受到身",
    "边的温暖。",
]

# Two pages with no blank line between them: a page number, the next page's header and
# headline, then a block laid on a character grid (one space per missing character, a
# three-space gutter) with a two-line heading in its left column.
TWO_PAGES = [
    *PAGE[7:15],
    "3",
    "2026年4月2日 星期四          青禾日报          第4版  综合",
    "红星村：夜校办到家门口",
    "红星村依托党群服务中心开设“   累计培训村民一千二百余人次。",
    "农民夜校”，每月邀请农技专家   村党支部领办合作社，统一采购",
    "授课，村民学到了种植新技术。   农资、统一销售产品，去年带动",
    "夜校越办越红火 学员       村集体增收三十余万元，村民腰",
    "变身致富带头人          包越来越鼓，不少村民还当上了",
    "夜校开办三年来，已有二十余名   合作社的技术员，在家门口就能",
    "学员返乡创业，带动周边农户。   挣到工资。",
]
TWO_PAGES_EXPECTED = [
    *PAGE_EXPECTED[7:23],
    "3",
    "2026年4月2日 星期四          青禾日报          第4版  综合",
    "红星村：夜校办到家门口",
    "红星村依托党群服务中心开设“",
    "农民夜校”，每月邀请农技专家",
    "授课，村民学到了种植新技术。",
    "夜校越办越红火 学员",
    "变身致富带头人",
    "夜校开办三年来，已有二十余名",
    "学员返乡创业，带动周边农户。",
    "",
    "累计培训村民一千二百余人次。",
    "村党支部领办合作社，统一采购",
    "农资、统一销售产品，去年带动",
    "村集体增收三十余万元，村民腰",
    "包越来越鼓，不少村民还当上了",
    "合作社的技术员，在家门口就能",
    "挣到工资。",
]

# One line's gutter is crowded to two spaces by a long left cell; another's right cell starts
# with a paragraph indent of two ideographic spaces.
CROWDED = [
    "白沙镇推行“积分超市”，村民      参加志愿服务、环境整治可以",
    "参加志愿服务、环境整治可以      挣积分，积分能换日用品。",
    f"挣积分，积分能换日用品。{IDEO}      {IDEO * 2}积分制让村民从“旁观者”",
    "镇里还把积分和评先评优挂上钩，  变成“参与者”，村容村貌明",
    f"村民参与热情越来越高。{IDEO * 2}      显改善，乡风文明蔚然成风",
    "今年，全镇积分超市已覆盖所      。镇里计划年内再建三家积",
    "有行政村，兑换商品两万余件      分超市，让好风气吹进千家",
    "，村里的好人好事越来越多。      万户。",
]
CROWDED_EXPECTED = [
    "白沙镇推行“积分超市”，村民",
    "参加志愿服务、环境整治可以",
    "挣积分，积分能换日用品。",
    "镇里还把积分和评先评优挂上钩，",
    "村民参与热情越来越高。",
    "今年，全镇积分超市已覆盖所",
    "有行政村，兑换商品两万余件",
    "，村里的好人好事越来越多。",
    "",
    "参加志愿服务、环境整治可以",
    "挣积分，积分能换日用品。",
    "积分制让村民从“旁观者”",
    "变成“参与者”，村容村貌明",
    "显改善，乡风文明蔚然成风",
    "。镇里计划年内再建三家积",
    "分超市，让好风气吹进千家",
    "万户。",
]

CASES = {
    "page-left-longer": (PAGE, PAGE_EXPECTED),
    "right-longer": (RIGHT_LONGER, RIGHT_LONGER_EXPECTED),
    "ideographic-gutter": (IDEOGRAPHIC_GUTTER, IDEOGRAPHIC_GUTTER_EXPECTED),
    "two-pages": (TWO_PAGES, TWO_PAGES_EXPECTED),
    "crowded-gutter-and-indent": (CROWDED, CROWDED_EXPECTED),
}

# Lines that hold two or three spaces or a short aligned stretch, but are no page's columns.
NOT_COLUMNS = {
    "prose-double-space": [
        "青禾县坚持把群众满意作为工作标准，  推动各项政策落地落实。",
        "全县上下凝心聚力，干部作风明显转变，群众获得感不断增强。",
        "今年以来，该县又推出一批便民举措，  受到群众普遍欢迎。",
    ],
    "byline": ["本报记者  张三  李四"],
    "place-and-headline": ["山东龙口  蹚出党建引领乡村治理新路子"],
    "two-space-heading": ["强化统筹思维  在明标定向中突出系统化", "坚持问题导向  在攻坚克难中彰显担当"],
    "table-rows-in-prose": [
        "全县各乡镇网格划分情况如下。",
        "乡镇名称      网格数量      专职网格员",
        "青禾镇        四十二个      四十二名",
        "石桥镇        三十六个      三十六名",
        "其余乡镇的情况与此相近，不再一一列举。",
    ],
    "long-table": [
        "乡镇名称      网格数量      专职网格员",
        "青禾镇        四十二个      四十二名",
        "石桥镇        三十六个      三十六名",
        "柳溪街道      二十九个      二十九名",
        "红星乡        十八个        十八名",
        "白沙镇        二十四个      二十四名",
        "东岭乡        十五个        十五名",
    ],
    "name-list": [
        "组  长      林一木",
        "副组长      王二河",
        "成  员      张三山",
        "成  员      李四水",
        "成  员      赵五田",
        "成  员      钱六林",
        "联络员      孙七星",
    ],
    "too-few-lines": [
        "红星村依托党群服务中心开设“   村党支部领办合作社，统一采购",
        "农民夜校”，每月邀请农技专家   农资、统一销售产品，去年带动",
        "授课，村民在家门口学到了种植   村集体增收三十余万元，村民腰",
        "养殖新技术，还学会了用手机直   包越来越鼓，日子越过越红火。",
        "播卖货。",
    ],
}


@pytest.mark.parametrize("name", CASES)
def test_columns_read_left_then_right(name):
    given_texts, expected = CASES[name]
    lines = as_lines(given_texts)
    out, notes = split_columns(lines)
    assert [line.text for line in out] == expected
    assert solid(out) == solid(lines)
    assert len(notes) == (2 if name == "two-pages" else 1)


@pytest.mark.parametrize("name", CASES)
def test_splitting_again_changes_nothing(name):
    once, _ = split_columns(as_lines(CASES[name][0]))
    twice, notes = split_columns(once)
    assert twice == once
    assert notes == []


@pytest.mark.parametrize("name", NOT_COLUMNS)
def test_spaced_lines_that_are_not_columns_stay(name):
    lines = as_lines(NOT_COLUMNS[name])
    assert split_columns(lines) == (lines, [])


def test_cells_keep_their_line_numbers_and_the_note_names_the_run():
    lines = as_lines(PAGE)
    out, notes = split_columns(lines)
    numbers = [(line.number, line.text) for line in out[7:23]]
    assert numbers[:2] == [(8, "近年来，青禾县坚持以党建"), (9, "引领基层治理，把支部建在")]
    assert numbers[7:10] == [(15, "有人上门。"), (15, ""), (8, "去年以来，该县又推出“红")]
    assert numbers[-1] == (14, "升。")
    assert all(line.file == "seeds/test.txt" for line in out)
    assert notes == ["双栏并排（第 8–15 行，栏间约在第 25 列）：先读左栏，再读右栏"]


def test_lines_outside_runs_are_the_same_objects():
    lines = as_lines(PAGE)
    out, _ = split_columns(lines)
    assert all(a is b for a, b in zip(out[:7], lines[:7], strict=True))
    assert out[-1] is lines[-1]


# Common Han characters and the punctuation running text uses.
ALPHABET = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严，。、“”"
cell_text = st.text(alphabet=ALPHABET, min_size=4, max_size=14)


@st.composite
def side_by_side(draw):
    """Draw two columns of cells and lay them out on shared lines as a PDF page's text does."""
    common = draw(st.integers(min_value=6, max_value=12))
    extra = draw(st.integers(min_value=0, max_value=common * 3 // 7))
    left_longer = draw(st.booleans())
    left = draw(
        st.lists(cell_text, min_size=common + (extra if left_longer else 0), max_size=common + (extra if left_longer else 0))
    )
    right = draw(
        st.lists(cell_text, min_size=common + (0 if left_longer else extra), max_size=common + (0 if left_longer else extra))
    )
    width = max(len(cell) for cell in left)
    pad = draw(st.sampled_from(["ideographic", "space per character", "space per cell"]))
    gutter = " " * draw(st.integers(min_value=3, max_value=8))
    rows = []
    for i in range(max(len(left), len(right))):
        cell = left[i] if i < len(left) else ""
        missing = width - len(cell)
        padding = {"ideographic": IDEO * missing, "space per character": " " * missing, "space per cell": "  " * missing}[pad]
        rows.append(cell + padding + gutter + right[i] if i < len(right) else cell + padding)
    return left, right, rows


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(side_by_side())
def test_any_two_columns_come_back_as_left_then_right(drawn):
    left, right, rows = drawn
    lines = as_lines(rows)
    out, notes = split_columns(lines)
    assert [line.text for line in out] == [*left, "", *right]
    assert solid(out) == solid(lines)
    assert len(notes) == 1
    assert split_columns(out) == (out, [])
