"""The Traditional-script build: OpenCC with protected proper nouns, script only."""

from __future__ import annotations

import re

import pytest

from build_docs.convert import VERBATIM_RE, Converter, load_protected
from build_docs.errors import BuildError
from build_docs.kinds import BlockKind
from build_docs.records import Block

from .helpers import SEEDS, build_from


@pytest.fixture(scope="module")
def result():
    return build_from(SEEDS)


GOLDEN_CONVERSIONS = [
    ("湖里区", "湖里區"),
    ("湖里街道", "湖里街道"),
    ("湖里社区", "湖里社區"),
    ("干部", "幹部"),
    ("发展", "發展"),
    ("后备干部", "後備幹部"),
    ("1400余个", "1400餘個"),
    ("联系", "聯繫"),
    ("社区", "社區"),
    ("头发", "頭髮"),
    ("皇后", "皇后"),
    ("公里", "公里"),
    ("里程", "里程"),
    ("邻里", "鄰里"),
    ("小区里", "小區裡"),
    ("湖里区委书记", "湖里區委書記"),
    ("首签协议", "首簽協議"),
    ("书记带头发动自家兄弟", "書記帶頭發動自家兄弟"),
    ("培养考察干部", "培養考察幹部"),
    ("鼓岩社区", "鼓岩社區"),
    ("实现湖里大跨越", "實現湖里大跨越"),
    ("厦门市", "廈門市"),
]


@pytest.mark.parametrize(("simplified", "traditional"), GOLDEN_CONVERSIONS)
def test_golden_conversion_under_s2tw(result, simplified, traditional):
    assert result.converter.convert(simplified) == traditional


def test_every_region_name_converts_to_its_protected_form(result):
    protected = dict(result.converter.protected)
    for district in result.handbook.districts:
        for article in district.articles:
            r = article.region
            for name in (r.province, r.city, r.district, *r.subunits):
                assert result.converter.convert(name) == protected[name]
                assert "裏" not in protected[name] and "裡" not in protected[name]
    assert protected["红河哈尼族彝族自治州"] == "紅河哈尼族彝族自治州"
    assert protected["元阳县"] == "元陽縣"


def test_traditional_site_never_writes_hu_li_with_the_wrong_li(result):
    for path, content in result.hant_files.items():
        if isinstance(content, str) and path.endswith(".md"):
            assert "湖裏" not in content and "湖裡" not in content, path


def test_no_simplified_only_character_is_left_in_the_traditional_pages(result):
    """A Han character OpenCC would change on its own (a Simplified form) appears only where
    OpenCC itself emits it in context (公里, 鄰里) or inside a protected name (湖里)."""
    import opencc

    single = opencc.OpenCC("s2t.json")
    protected_chars = {ch for _, t in result.converter.protected for ch in t}
    for path, content in result.hant_files.items():
        if not (isinstance(content, str) and path.endswith(".md")):
            continue
        emitted = set(result.converter.plain(result.files[path]))
        for ch in set(re.findall(r"[\u4e00-\u9fff]", VERBATIM_RE.sub("", content))):
            if single.convert(ch) != ch:
                assert ch in emitted or ch in protected_chars, f"{path}: Simplified-only character {ch!r}"


def test_urls_ids_and_front_matter_keys_are_untouched(result):
    for path, content in result.files.items():
        if isinstance(content, str) and path.endswith(".md"):
            ascii_runs = re.findall(r"[\x21-\x7e]{3,}", content)
            assert re.findall(r"[\x21-\x7e]{3,}", result.hant_files[path]) == ascii_runs, path


def test_vocabulary_rewriting_configs_are_refused(tmp_path):
    terms = load_protected()
    for config in ("s2twp", "s2hkp"):
        with pytest.raises(BuildError, match="rewrites vocabulary"):
            Converter(config, [], terms, tmp_path)


@pytest.mark.parametrize("config", ["s2t", "s2hk"])
def test_other_script_only_configs_keep_the_protected_names(tmp_path, config):
    terms = load_protected()
    converter = Converter(config, ["湖里区", "湖里"], terms, tmp_path)
    assert converter.convert("湖里区的社区").startswith("湖里區")
    assert "社群" not in converter.convert("社区")


def test_review_report_lists_every_disagreement_with_its_reason_and_counts_them(result):
    report = result.report
    assert "| 湖里区 | 湖里區 |" in report
    rows = [
        line
        for line in report.split("## 三种读法不一致之处", 1)[1].split("## 看似专名", 1)[0].splitlines()
        if line.startswith("| `")
    ]
    counted = int(re.search(r"三种读法不一致的位置：(\d+) 处", report)[1])
    assert rows and len(rows) == counted  # every position listed, none grouped away
    assert all(line.rstrip(" |").split("|")[-1].strip() for line in rows)  # each with its reason
    fields = {line.split("|")[2].strip() for line in rows}
    assert {"正文", "界面文字"} <= fields
    for fixed_error in ("首籤", "帶頭髮動", "鼓巖", "新徵程"):
        assert fixed_error not in report.split("## 三种读法不一致之处", 1)[1]


def test_review_flags_a_name_like_run_that_breaks_the_keep_rule(tmp_path):
    from build_docs import names
    from build_docs.records import Article, District, Handbook, Region, Source
    from build_docs.review import conversion_report

    terms = load_protected()
    table = names.NameTable(places={}, ordinary=frozenset({"示范"}))
    block = Block(kind=BlockKind.PARAGRAPH, text="虚构的锦斗村和示范村都在这里。", source=Source(file="t", start=1, end=1))
    region = Region(province="福建省", city="厦门市", district="湖里区")
    article = Article(region=region, title="标题", kicker="", headline=Source(file="t", start=1, end=1), blocks=(block,))
    handbook = Handbook(districts=(District(region=region, slug="x", articles=(article,)),), notes=(), seeds=())
    report = conversion_report(handbook, Converter("s2tw", [], terms, tmp_path), {}, terms.keep, table.ordinary)
    flagged = [
        line for line in report.split("## 看似专名", 1)[1].split("## 受保护的专名", 1)[0].splitlines() if line.startswith("| `")
    ]
    assert any("锦斗村" in line for line in flagged) and not any("示范村" in line for line in flagged)


def test_taiwan_quotes_nest_and_can_be_kept():
    from build_docs.convert import quotes

    text = "他说：“大家都叫它‘聚宝盆’，真好。”"
    assert quotes(text) == "他说：「大家都叫它『聚宝盆』，真好。」"
    assert quotes(text, "keep") == text


def test_traditional_pages_use_corner_quotes_and_declared_interface_wording(result):
    hant = {path: c for path, c in result.hant_files.items() if isinstance(c, str) and path.endswith(".md")}
    assert not any(q in VERBATIM_RE.sub("", c) for c in hant.values() for q in "“”‘’")
    assert any("「" in c for c in hant.values())
    assert "將游標停在上面" in hant["glossary.md"] and "鼠標" not in hant["glossary.md"]
    assert "列印" in hant["index.md"] and "打印" not in hant["index.md"]
    assert "點選數字" in hant["themes/index.md"]
    assert "指向它即可看到解释" in result.files["glossary.md"]  # the Simplified site keeps its own wording


def test_an_interface_string_without_a_traditional_form_fails_naming_the_table():
    from build_docs.ui import UiStrings

    ui = UiStrings({"作者": "作者"})
    text = ui("作者") + ui("未登记的说明")
    with pytest.raises(BuildError, match="ui_strings.yml: no zh-Hant form for the interface string '未登记的说明'"):
        ui.resolve(text, "zh-Hant")
    ui = UiStrings({"共 {n} 篇": "共 {n} 篇"})
    assert ui.resolve(ui("共 {n} 篇", n=3), "zh-Hant") == "共 3 篇"


def test_notes_quote_seed_lines_and_suggested_entries_verbatim_in_the_traditional_build(result):
    hans, hant = result.files["notes.md"], result.hant_files["notes.md"]
    quoted = VERBATIM_RE.findall(hans)
    assert len(quoted) > 10
    assert VERBATIM_RE.findall(hant) == quoted
    assert VERBATIM_RE.sub("", hant) != VERBATIM_RE.sub("", hans)  # the rest of the page is converted


def test_converted_jieba_dictionary_is_cached_on_disk_by_what_it_depends_on(tmp_path):
    from build_docs import cache, convert

    terms = load_protected()
    first = Converter("s2tw", ["湖里区"], terms, tmp_path)
    made = convert.jieba_dictionary(first)
    convert._JIEBA_CACHE.clear()
    (cached,) = tmp_path.glob("jieba-s2tw-*.txt")
    assert cache.read_sealed(cached) == made.encode("utf-8")  # sealed with its digest
    assert convert.jieba_dictionary(Converter("s2tw", ["湖里区"], terms, tmp_path)) == made
    convert._JIEBA_CACHE.clear()
    other = Converter("s2tw", ["湖里区", "只里乡"], terms, tmp_path)
    convert.jieba_dictionary(other)
    (replaced,) = tmp_path.glob("jieba-s2tw-*.txt")
    assert replaced != cached
