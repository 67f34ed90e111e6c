"""The Traditional-script build: OpenCC with protected proper nouns, script only."""

from __future__ import annotations

import re

import pytest

from build_docs.convert import Converter, load_protected
from build_docs.errors import BuildError

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
        for ch in set(re.findall(r"[\u4e00-\u9fff]", content)):
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


def test_review_report_lists_protected_names_and_second_opinion(result):
    report = result.report
    assert "| 湖里区 | 湖里區 |" in report
    assert "两个转换器不一致之处" in report
    for fixed_error in ("首籤", "帶頭髮動", "鼓巖"):
        assert fixed_error not in report.split("不一致之处", 1)[1]
