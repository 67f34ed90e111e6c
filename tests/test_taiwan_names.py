"""Names below the county level keep their characters in the Traditional build, as county names do.

Towns, villages, communities and streets are found in the text by their suffix, whether or
not the gazetteer lists them; only the suffix converts. Ordinary words that end in 村 or 镇
(农村, 新农村, 示范村) are no names and convert as OpenCC writes them. The sentences are
written for this test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_docs import convert, names
from build_docs.errors import BuildError

ROOT = Path(__file__).resolve().parent.parent

# (written in the text, its Traditional form): the stem's characters kept, the suffix converted.
NAMES = [
    ("三合中里社区", "三合中里社區"),  # OpenCC alone: 三閤中里社區 (through the phrase 合中)
    ("上涌镇", "上涌鎮"),  # OpenCC alone: 上湧鎮
    ("太平里社区", "太平里社區"),
    ("古里镇", "古里鎮"),
    ("东升村", "東升村"),
]

# Sentences with names in them, and what the handbook writes.
SENTENCES = [
    ("社区书记走进三合中里社区，了解居民需求。", "社區書記走進三合中里社區，瞭解居民需求。"),
    ("游客来到上涌镇，沿着河涌散步。", "遊客來到上涌鎮，沿著河涌散步。"),  # 河涌: OpenCC knows the word
    ("只有上涌镇的村民来了。", "只有上涌鎮的村民來了。"),
]

# Ordinary text: words that end in a suffix but name nothing; the handbook writes what OpenCC writes.
ORDINARY = [
    "推进新农村建设，农村信息化水平明显提高，美丽乡村越来越多。",
    "全县建成示范村12个、特色旅游村3个，其余村组正在规划。",
    "这个村的村民说，余下村民的干劲很足，大家为建设奋斗镇而奋斗。",
    "他回到家里，村委会的干部正在开会；各乡镇和农村社区都有人参加。",
]


def _convert(text: str, terms, table, work_dir: Path) -> str:
    places = names.places_in(text, table)
    return convert.Converter("s2tw", [], terms, work_dir, places=places, prose=()).convert(text)


@pytest.mark.parametrize(("simplified", "traditional"), NAMES)
def test_a_sub_county_name_keeps_its_characters_and_converts_its_suffix(terms, table, tmp_path, simplified, traditional):
    assert _convert(simplified, terms, table, tmp_path) == traditional


@pytest.mark.parametrize(("simplified", "traditional"), SENTENCES)
def test_names_in_running_text(terms, table, tmp_path, simplified, traditional):
    assert _convert(simplified, terms, table, tmp_path) == traditional


def test_plain_opencc_writes_the_wrong_variants():
    plain = convert.plain_converter("s2tw")
    assert plain.convert("三合中里社区") == "三閤中里社區"
    assert plain.convert("上涌镇") == "上湧鎮"


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_words_ending_in_a_suffix_convert_as_opencc_writes_them(terms, table, tmp_path, text):
    assert names.subcounty_names(text, table) == {}
    assert _convert(text, terms, table, tmp_path) == convert.plain_converter("s2tw").convert(text)


def test_the_stem_stops_at_the_sentence_around_the_name(table):
    found = names.subcounty_names("我们走进三合中里社区，来到上涌镇，在湖里区金山街道开会。", table)
    assert set(found) == {"三合中里社区", "上涌镇"}  # 金山街道 needs no protection: OpenCC writes it right


def test_converting_converted_text_again_changes_no_name(terms, table, tmp_path):
    text = "".join(s for s, _ in SENTENCES)
    converter = convert.Converter("s2tw", [], terms, tmp_path, places=names.places_in(text, table), prose=())
    once = converter.convert(text)
    assert converter.convert(once) == once
    form = names.stem_form("三合中里", converter.plain, terms.keep)
    assert names.stem_form(form, converter.plain, terms.keep) == form == "三合中里"


def test_a_records_place_name_below_the_county_takes_the_same_form(terms, tmp_path):
    converter = convert.Converter("s2tw", ["三合中里社区", "上涌镇", "湖里街道"], terms, tmp_path, prose=())
    protected = dict(converter.protected)
    assert protected["三合中里社区"] == "三合中里社區"
    assert protected["上涌镇"] == "上涌鎮"
    assert converter.convert("湖里街道的三合中里社区") == "湖里街道的三合中里社區"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "subcounty_names.yml"
    path.write_text(body, encoding="utf-8")
    return path


def test_the_stop_list_is_validated_at_load(tmp_path):
    rule = names.load_subcounty()
    assert {"农村", "乡村", "新农村"} <= rule.not_names and rule.suffixes[0] in ("社区", "街道", "嘎查", "苏木")
    cases = {
        "suffixes: [村]\nnot_names: [农业]\nnot_in_stems: [的]\n": "not a word ending in a suffix: 农业",
        "suffixes: [村]\nnot_names: [村]\nnot_in_stems: [的]\n": "not a word ending in a suffix: 村",
        "suffixes: [村]\nnot_names: [农村, 农村]\nnot_in_stems: [的]\n": "'not_names': listed twice: 农村",
        "suffixes: [村]\nnot_names: [农村]\nnot_in_stems: [the]\n": "'not_in_stems': expected a list of Han words",
        "suffixes: [村]\nnot_names: [农村]\n": "expected exactly the keys not_in_stems, not_names, suffixes",
    }
    for body, message in cases.items():
        with pytest.raises(BuildError, match=f"subcounty_names.yml: .*{message}"):
            names.load_subcounty(_write(tmp_path, body))
