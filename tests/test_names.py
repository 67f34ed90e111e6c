"""Traditional script for names the handbook has never seen: gazetteer places, people, and the ordinary words around them.

The three articles below are written for this test (they are not seed or corpus text). They
name 71 real townships, towns and streets from the gazetteer whose characters OpenCC reads
as other words, 10 people with such surnames, and 24 ordinary words made of the same
characters. Expected forms are written out by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_docs import convert, names
from build_docs.data import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent

# (simplified, Traditional): the registered character kept, the rest converted.
PLACES = [
    ("张冲乡", "張冲鄉"), ("华冲镇", "華冲鎮"), ("李冲回族乡", "李冲回族鄉"), ("石板冲乡", "石板冲鄉"),
    ("中余乡", "中余鄉"), ("余粮堡镇", "余糧堡鎮"), ("余庄乡", "余莊鄉"), ("乐余镇", "樂余鎮"), ("余积镇", "余積鎮"),
    ("只里乡", "只里鄉"), ("三只羊乡", "三只羊鄉"), ("富岩镇", "富岩鎮"), ("白岩镇", "白岩鎮"), ("瓦岩乡", "瓦岩鄉"),
    ("锦斗镇", "錦斗鎮"), ("印斗镇", "印斗鎮"), ("覃斗镇", "覃斗鎮"), ("三斗坪镇", "三斗坪鎮"), ("转斗镇", "轉斗鎮"),
    ("斗湖堤镇", "斗湖堤鎮"), ("黑里河镇", "黑里河鎮"), ("堡子里街道", "堡子里街道"), ("毛里湖镇", "毛里湖鎮"),
    ("仁里集镇", "仁里集鎮"), ("里塔镇", "里塔鎮"), ("里城道乡", "里城道鄉"), ("东升乡", "東升鄉"), ("太阳升镇", "太陽升鎮"),
    ("东升街道", "東升街道"), ("岳城镇", "岳城鎮"), ("岳张集镇", "岳張集鎮"), ("南里岳乡", "南里岳鄉"), ("岳源乡", "岳源鄉"),
    ("南岳庙镇", "南岳廟鎮"), ("南大岳镇", "南大岳鎮"), ("涌泉庄乡", "涌泉莊鄉"), ("涌宝镇", "涌寶鎮"), ("东盛涌镇", "東盛涌鎮"),
    ("铁涌镇", "鐵涌鎮"), ("碧涌镇", "碧涌鎮"), ("谷阳镇", "谷陽鎮"), ("包谷坪乡", "包谷坪鄉"), ("五谷城镇", "五谷城鎮"),
    ("兰干镇", "蘭干鎮"), ("郭干乡", "郭干鄉"), ("叉干镇", "叉干鎮"), ("采桑镇", "采桑鎮"), ("采石街道", "采石街道"),
    ("采荷街道", "采荷街道"), ("沈采街道", "沈采街道"), ("凌河镇", "凌河鎮"), ("凌水街道", "凌水街道"), ("北淮淀镇", "北淮淀鎮"),
    ("小淀镇", "小淀鎮"), ("淀山湖镇", "淀山湖鎮"), ("首占镇", "首占鎮"), ("占陇镇", "占隴鎮"), ("咸水沽镇", "咸水沽鎮"),
    ("咸祥镇", "咸祥鎮"), ("咸村镇", "咸村鎮"), ("松口镇", "松口鎮"), ("里松镇", "里松鎮"), ("范庄镇", "范莊鎮"),
    ("洪范池镇", "洪范池鎮"), ("范坑乡", "范坑鄉"), ("游河乡", "游河鄉"), ("鹤游镇", "鶴游鎮"), ("游溪镇", "游溪鎮"),
    ("游集镇", "游集鎮"), ("游仙区", "游仙區"), ("卜里坪街道", "卜里坪街道"),
]  # fmt: skip

PEOPLE = [
    ("范建国", "范建國"), ("余秀兰", "余秀蘭"), ("岳红军", "岳紅軍"), ("游丽华", "游麗華"), ("钟国强", "鍾國強"),
    ("沈志明", "沈志明"), ("范晓燕", "范曉燕"), ("余兴达", "余興達"), ("游振宇", "游振宇"), ("岳小川", "岳小川"),
]  # fmt: skip

WORDS = [
    ("余下村民", "餘下村民"), ("示范村", "示範村"), ("旅游村", "旅遊村"), ("战斗村民兵", "戰鬥村民兵"), ("剩余", "剩餘"),
    ("业余", "業餘"), ("范围", "範圍"), ("规范", "規範"), ("游客", "遊客"), ("奋斗", "奮鬥"), ("采访", "採訪"),
    ("采摘", "採摘"), ("干部", "幹部"), ("干净", "乾淨"), ("咸菜", "鹹菜"), ("汹涌", "洶湧"), ("占据", "佔據"),
    ("沉淀", "沉澱"), ("里面", "裡面"), ("家里", "家裡"), ("冲突", "衝突"), ("谷物", "穀物"), ("松动", "鬆動"),
    ("巷道里面", "巷道裡面"),
]  # fmt: skip

ARTICLES = [
    # Towns along a river valley; each sentence names places and people in ordinary prose.
    "今年春天，县里组织干部到张冲乡、华冲镇、李冲回族乡和石板冲乡采访，村党支部书记范建国说，"
    "中余乡、余粮堡镇、余庄乡、乐余镇和余积镇的余下村民也来参加。只里乡、三只羊乡的旅游村、"
    "富岩镇、白岩镇和瓦岩乡的示范村，都把规范服务放在前面。党员岳红军介绍，锦斗镇、印斗镇、"
    "覃斗镇、三斗坪镇、转斗镇和斗湖堤镇的战斗村民兵一起奋斗。居民余秀兰说，家里的咸菜吃不完。",
    # Streets and towns of a plain; a different set of characters.
    "黑里河镇、堡子里街道、毛里湖镇、仁里集镇、里塔镇和里城道乡的巷道里面干净整洁。"
    "东升乡、太阳升镇和东升街道的游客越来越多，村民游丽华说，业余时间大家都去采摘。"
    "岳城镇、岳张集镇、南里岳乡、岳源乡、南岳庙镇和南大岳镇把谷物收进仓里，社区主任钟国强表示，"
    "涌泉庄乡、涌宝镇、东盛涌镇、铁涌镇和碧涌镇的河水汹涌，防汛不能松动。书记沈志明介绍，"
    "谷阳镇、包谷坪乡和五谷城镇剩余的粮食已经入库。",
    # Western and coastal places; people introduced by a title and quoted.
    "兰干镇、郭干乡、叉干镇、采桑镇、采石街道、采荷街道和沈采街道的干部化解了冲突。"
    "凌河镇、凌水街道、北淮淀镇、小淀镇和淀山湖镇的河底沉淀了泥沙，首占镇、占陇镇不再占据河道。"
    "咸水沽镇、咸祥镇、咸村镇、松口镇、里松镇、范庄镇、洪范池镇和范坑乡的范围内，"
    "网格员范晓燕说，游河乡、鹤游镇、游溪镇、游集镇、游仙区和卜里坪街道也在里面。"
    "村民余兴达说，党员游振宇、岳小川都来了。游振宇说，岳小川说，大家一起干。",
]


def _converter(text: str, terms, table, work_dir: Path, authors=()) -> convert.Converter:
    people = names.people_in(text, authors, load_vocabulary().person_titles, terms.surnames, terms.surnames_in_text, table)
    return convert.Converter("s2tw", [], terms, work_dir, people=people, places=names.places_in(text, table))


def _wrong(pairs, converted: str) -> list[str]:
    """The expected forms that do not appear in the converted text."""
    return [f"{s} -> {t}" for s, t in pairs if t not in converted]


def test_places_people_and_ordinary_words_in_new_articles(terms, table, tmp_path):
    text = "\n".join(ARTICLES)
    assert len(PLACES) >= 60 and len(PEOPLE) >= 10 and len(WORDS) >= 20
    for simplified, _ in PLACES + PEOPLE + WORDS:
        assert simplified in text
    converted = _converter(text, terms, table, tmp_path).convert(text)
    wrong_places, wrong_people, wrong_words = _wrong(PLACES, converted), _wrong(PEOPLE, converted), _wrong(WORDS, converted)
    assert len(wrong_places) <= 1, wrong_places
    assert wrong_people == [], wrong_people
    assert wrong_words == [], wrong_words


def test_plain_opencc_gets_most_of_the_same_names_wrong(terms):
    """The comparison the README reports: the same text through plain s2tw."""
    plain = convert.plain_converter("s2tw").convert("\n".join(ARTICLES))
    assert len(_wrong(PLACES, plain)) >= 60
    assert len(_wrong(PEOPLE, plain)) >= 8


def test_byline_authors_take_the_declared_surname_form(terms, table, tmp_path):
    text = "本报记者  钟国强  于一亮"
    converter = _converter(text, terms, table, tmp_path, authors=("钟国强", "于一亮", "范小明"))
    assert converter.convert("钟国强、于一亮、范小明") == "鍾國強、于一亮、范小明"


def test_short_form_is_protected_only_where_the_text_uses_it_beside_the_full_name(terms, table, tmp_path):
    beside = "只里乡地处山区。只里的村民种茶。"
    assert _converter(beside, terms, table, tmp_path).convert(beside) == "只里鄉地處山區。只里的村民種茶。"
    alone = "锦斗的意思不明。"
    assert names.places_in(alone, table) == {}


def test_gazetteer_names_that_are_ordinary_phrases_are_not_protected(table):
    for phrase in ("示范村", "旅游村", "战斗村", "余下村", "奋斗镇"):
        assert phrase not in table.places
    assert table.places["余家村"] == "余家村"  # 余家 ends in a place element: a name, not a phrase


def _ordinary_text() -> str:
    """Over a million characters of ordinary text: jionlp's word definitions and its idioms."""
    import jionlp

    folder = Path(jionlp.__file__).resolve().parent / "dictionary"
    return "\n".join((folder / name).read_text(encoding="utf-8") for name in ("chinese_word_dictionary.txt", "chinese_idiom.txt"))


def test_the_whole_protected_dictionary_changes_nothing_in_a_million_characters_of_ordinary_text(terms, table, tmp_path):
    text = _ordinary_text()
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    assert han >= 1_000_000
    ours = convert.Converter("s2tw", [], terms, tmp_path, places=table.places).convert(text)
    plain = convert.plain_converter("s2tw").convert(text)
    assert len(ours) == len(plain)
    at = [i for i, (a, b) in enumerate(zip(plain, ours, strict=True)) if a != b]
    # Reviewed exceptions: the declared fixed phrases (征程, 周汇总 …), which correct OpenCC, and
    # two places the definitions themselves name, where the protected form is the right one:
    # 南昌市湾里区 (灣里區, a district of Nanchang) and 红岩村 (紅岩村, a village of Chongqing).
    named = ("湾里区", "红岩村", *terms.fixed)
    covered = {k for name in named for m in re.finditer(re.escape(name), text) for k in range(m.start(), m.end())}
    unexplained = [f"{plain[max(0, i - 4) : i + 5]} / {ours[max(0, i - 4) : i + 5]}" for i in at if i not in covered]
    assert unexplained == [], unexplained[:20]
    assert len(at) <= 10, f"{len(at)} differences: review them"
