"""The Traditional build's two kinds of text: the project's own prose in Taiwan usage, the articles' words as written.

Theme names and descriptions, glossary definitions and the explanations on 校勘记 are the
handbook's sentences: a Taiwan reader expects 資訊, 影像監控, 透過. The articles quote their
sources: their 信息 stays 信息, converted character-wise as before.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_docs.convert import NOTE_TEXT_RE, Converter, load_protected, load_taiwan_wording, project_prose, quotes
from build_docs.errors import BuildError
from build_docs.ui import load_ui_strings

from .helpers import SEEDS, build_from

# Mainland words a Taiwan reader does not expect in the handbook's own words, as OpenCC's
# character-wise conversion writes them (the Taiwan forms: 資訊, 影像/影片, 透過, 預設, 滑鼠, 列印,
# 連結, 點選, 網路, 選單, 螢幕, 軟體, 攝影機, 品質), and 社群, which s2twp writes for a neighbourhood.
MAINLAND = ("信息", "視頻", "通過", "默認", "鼠標", "打印", "鏈接", "點擊", "網絡", "菜單", "屏幕", "軟件", "攝像頭", "質量", "社群")  # fmt: skip

# (project prose, its Taiwan form): s2twp where it is right, taiwan_wording.yml where it is not.
PROSE_PAIRS = [
    ("智慧治理与信息化", "智慧治理與資訊化"),
    ("借助大数据、手机应用、线上政务和视频监控等信息手段", "藉助大數據、手機應用、線上政務和影像監控等資訊手段"),
    ("街道社区与驻区单位通过联席会议互相支持", "街道社區與駐區單位透過聯席會議互相支援"),
    ("日常巡查走访、采集信息", "日常巡查走訪、採集資訊"),
    ("网页文末的附件列表（标签及其下列出的文件名）", "網頁文末的附件列表（標籤及其下列出的檔名）"),
    ("网站栏目菜单", "網站欄目選單"),
    ("网页导航路径（面包屑）", "網頁導覽路徑（麵包屑）"),
    ("经法定程序同时担任", "經法定程序同時擔任"),
    ("列为整顿对象", "列為整頓對象"),
    ("提供特色服务项目", "提供特色服務項目"),
    ("农产品质量认证", "農產品品質認證"),
]


@pytest.fixture(scope="module")
def converter(tmp_path_factory):
    return Converter("s2tw", ["湖里区", "湖里"], load_protected(), tmp_path_factory.mktemp("opencc"))


@pytest.fixture(scope="module")
def result():
    return build_from(SEEDS)


def _mainland(text: str) -> list[str]:
    return [word for word in MAINLAND if word in text]


@pytest.mark.parametrize(("simplified", "taiwan"), PROSE_PAIRS)
def test_project_prose_takes_taiwan_wording(converter, simplified, taiwan):
    assert converter.prose(simplified) == taiwan


def test_the_same_words_in_an_article_stay_as_written(converter):
    for simplified, _ in PROSE_PAIRS[:4]:
        assert _mainland(converter.article(simplified)), simplified
    assert converter.article("采集信息") == "採集信息"
    assert converter.article("通过视频监控") == "通過視頻監控"


def test_interface_strings_are_written_in_taiwan_usage():
    for key, value in load_ui_strings().items():
        assert _mainland(value) == [], key


def test_every_theme_and_glossary_sentence_reads_in_taiwan_usage(converter):
    texts = project_prose()
    assert "智慧治理与信息化" in texts and any("采集信息" in t for t in texts)
    for text in texts:
        converted = converter.convert(text)
        assert converted == converter.prose(text)  # a sentence standing whole is the project's
        assert _mainland(converted) == [], converted


def test_an_article_paragraph_keeps_its_words_around_a_theme_name(converter):
    page = (
        '<p data-source="seeds/x.txt:3" id="a1-p1">通过视频监控采集信息，推进智慧治理与信息化建设。</p>\n'
        "\n# 智慧治理与信息化\n\n"
        '<a class="hb-tag" href="../../themes/smart-governance/#x">智慧治理与信息化 <span class="hb-count">2</span></a>\n'
    )
    converted = converter.convert(page)
    assert "通過視頻監控採集信息，推進智慧治理與信息化建設。" in converted  # inside a run of Han text: the article's
    assert "\n# 智慧治理與資訊化\n" in converted and ">智慧治理與資訊化 <span" in converted  # standing whole: the theme's
    assert converted.count("資訊") == 2


def test_note_explanations_are_prose_and_their_quotations_are_not(converter):
    page = (
        '<div class="hb-note">\n<p><code>seeds/x.txt:3</code> 网页或公众号的信息行（日期、来源、编辑），不是正文</p>\n'
        '<p class="hb-quote">信息公开栏</p>\n</div>\n'
        '<div class="hb-note">\n<p><code>seeds/x.txt:9</code> 标题区读作：标题“信息化建设的视频”</p>\n</div>\n'
        '<details class="hb-declared"><summary><code>site_menu</code> 网站栏目菜单</summary>'
    )
    converted = converter.convert(page)
    assert "網頁或公眾號的資訊行" in converted
    assert '<p class="hb-quote">信息公開欄</p>' in converted  # the seed's line, quoted
    assert "標題“信息化建設的視頻”" in converted  # the seed's title, quoted inside the explanation
    assert "網站欄目選單" in converted
    assert len(NOTE_TEXT_RE.findall(page)) == 3


def test_prose_conversion_is_idempotent(converter):
    for text in project_prose():
        once = converter.prose(text)
        assert converter.prose(once) == once


def test_the_built_pages_write_project_prose_in_taiwan_usage_and_articles_as_written(result):
    hant, converter = result.hant_files, result.converter
    theme = hant["themes/smart-governance.md"]
    assert "# 智慧治理與資訊化" in theme and "影像監控等資訊手段" in theme
    assert "智慧治理與資訊化" in hant[".nav.yml"] and "智慧治理與信息化" not in hant[".nav.yml"]
    assert "採集資訊" in hant["glossary.md"] and "透過聯席會議" in hant["themes/index.md"]
    # Every theme is listed on the overview and every definition on the glossary, as prose.
    listed = hant["themes/index.md"] + hant["glossary.md"]
    for text in project_prose():
        assert quotes(converter.prose(text)) in listed, text
    for match in NOTE_TEXT_RE.finditer(hant["notes.md"]):
        quoted = re.sub(r"「[^」]*」|『[^』]*』|《[^》]*》", "", match[0])
        assert _mainland(quoted) == [], match[0]
    # An article paragraph that says 信息 still says 信息.
    paragraphs = [
        line
        for path, content in hant.items()
        if path.startswith("districts/") and isinstance(content, str)
        for line in content.splitlines()
        if line.startswith("<p data-source=")
    ]
    assert any("信息" in re.sub(r'data-definition="[^"]*"', "", p) for p in paragraphs)


def test_taiwan_wording_is_validated_at_load(tmp_path):
    good = load_taiwan_wording()
    assert good["社区"] == "社區" and good["通过"] == "透過"
    bad = tmp_path / "taiwan_wording.yml"
    bad.write_text("phrases:\n  社区: community\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"taiwan_wording\.yml: '社区': expected Simplified text mapped to its Taiwan form"):
        load_taiwan_wording(bad)
    bad.write_text("words:\n  社区: 社區\n", encoding="utf-8")
    with pytest.raises(BuildError, match="expected exactly one key 'phrases'"):
        load_taiwan_wording(bad)


def test_script_only_configs_other_than_taiwan_convert_prose_as_the_articles(tmp_path: Path):
    converter = Converter("s2hk", [], load_protected(), tmp_path, prose=["智慧治理与信息化"])
    assert converter.wording == {}
    assert converter.prose("采集信息") == converter.article("采集信息")
