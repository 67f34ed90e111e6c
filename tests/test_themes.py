"""The theme cross-index: taxonomy validation, paragraph matching, matrix and page consistency."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_docs.crossref import build_cross_index, excerpt, figures_in
from build_docs.data import GlossaryTerm, Theme, load_boilerplate, load_glossary, load_themes, load_vocabulary
from build_docs.errors import BuildError
from build_docs.kinds import BlockKind
from build_docs.records import Article, Block, District, Region, Source
from build_docs.render import link, mark_terms_html

from .helpers import SEEDS, build_from


@pytest.fixture(scope="module")
def result():
    return build_from(SEEDS)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "themes.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("themes:\n  - {slug: grid, name: 网格, description: 说明。, terms: [网格], colour: red}\n", "unknown key 'colour'"),
        (
            "themes:\n  - {slug: grid, name: 网格, description: 说明。, terms: [网格]}\n"
            "  - {slug: grid, name: 网格二, description: 说明。, terms: [网格员]}\n",
            "duplicate slug 'grid'",
        ),
        ("themes:\n  - {slug: Grid Theme, name: 网格, description: 说明。, terms: [网格]}\n", "'slug' must be lower-case ASCII"),
        ("themes:\n  - {slug: grid, name: 网格, terms: [网格]}\n", "missing key 'description'"),
        ("themes:\n  - {slug: grid, name: 网格, description: 说明。, terms: []}\n", "must list at least one term"),
        ("topics: []\n", "expected exactly one key 'themes'"),
    ],
)
def test_taxonomy_validation_names_file_and_key(tmp_path, yaml_text, message):
    path = _write(tmp_path, yaml_text)
    with pytest.raises(BuildError) as caught:
        load_themes(path)
    text = str(caught.value)
    assert text.startswith(str(path)) and message in text


def test_glossary_validation_rejects_unknown_keys(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text("terms:\n  - {term: 双报到, definition: 解释。, source: x}\n", encoding="utf-8")
    with pytest.raises(BuildError, match="unknown key 'source'"):
        load_glossary(path)


@pytest.mark.parametrize(
    ("loader", "yaml_text", "messages"),
    [
        (
            load_boilerplate,
            "share:\n  pattern: 分享\n  description: 分享按钮\n  colour: red\n",
            ["key 'share': unknown key 'colour'"],
        ),
        (load_vocabulary, "role_suffixes: [书记]\nextra: [x]\n", ["unknown key 'extra'", "missing key 'admin_suffixes'"]),
    ],
)
def test_other_data_files_name_unknown_and_missing_keys(tmp_path, loader, yaml_text, messages):
    path = tmp_path / "data.yml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        loader(path)
    assert all(m in str(caught.value) for m in messages)
    assert str(caught.value).startswith(str(path))


def test_shipped_taxonomy_is_large_enough():
    themes = load_themes()
    assert len(themes) >= 12
    assert len(load_glossary()) >= 12


def _district(slug: str, name: str, blocks: list[Block]) -> District:
    region = Region(province="福建省", city="厦门市", district=name)
    article = Article(
        region=region, title="标题", kicker="", headline=Source(file="t", start=1, end=1), blocks=tuple(blocks), ident="a1"
    )
    return District(region=region, slug=slug, articles=(article,))


def _block(kind: str, text: str, ident: str, level: int = 0) -> Block:
    return Block(kind=BlockKind(kind), text=text, source=Source(file="t", start=1, end=1), ident=ident, level=level)


GRID = Theme(slug="grid", name="网格化治理", description="说明。", terms=("网格员", "网格"))
ECO = Theme(slug="eco", name="生态", description="说明。", terms=("两山",))


def test_matching_counts_paragraphs_and_section_headings_but_never_captions():
    blocks = [
        _block("para", "开头一段，没有术语。", "a1-p1"),
        _block("caption", "▲网格员走访居民。", "a1-f1"),
        _block("heading", "践行“两山”理论", "a1-s1", 3),
        _block("para", "这一段本身不提主题词。", "a1-p2"),
        _block("para", "配备网格员3688名，划分网格390个。另一句。", "a1-p3"),
    ]
    index, _ = build_cross_index([_district("d1", "甲区", blocks)], [GRID, ECO], [], "themes.yml")
    grid = [(p.block, p.terms) for p in index.passages if p.theme == "grid"]
    eco = [(p.block, p.terms) for p in index.passages if p.theme == "eco"]
    assert grid == [("a1-p3", ("网格员", "网格"))]  # the caption's 网格员 does not count
    assert eco == [("a1-p2", ("两山",)), ("a1-p3", ("两山",))]  # the section heading counts for its paragraphs


def test_related_districts_are_the_three_sharing_most_themes_ties_by_slug():
    import random

    rng = random.Random(7)
    themes = [Theme(slug=f"t{i}", name=f"主题{i}", description="说明。", terms=(f"词{i}",)) for i in range(6)]
    districts = []
    for n in range(40):
        words = [f"词{i}" for i in range(6) if rng.random() < 0.4]
        districts.append(_district(f"d{n:02d}", f"区{n}", [_block("para", "、".join(words) + "。", "a1-p1")]))
    index, _ = build_cross_index(districts, themes, [], "themes.yml")
    themes_of = {d.slug: {t for t, _ in index.district_themes(d.slug)} for d in districts}
    slugs_of = {d: {t.slug for t in ts} for d, ts in themes_of.items()}
    for slug, related in index.related:
        # Brute force over every pair: what the grouped computation must reproduce.
        others = sorted((o for o in slugs_of if o != slug), key=lambda o: (-len(slugs_of[o] & slugs_of[slug]), o))
        assert related == tuple(o for o in others[:3] if slugs_of[o] & slugs_of[slug]), slug
    assert any(len(r) == 3 for _, r in index.related)


def test_excerpt_keeps_the_sentences_that_fire_and_marks_gaps():
    text = "第一句没有。第二句有网格。第三句没有。第四句也有网格员；第五句没有。"
    assert excerpt(text, ["网格"]) == "第二句有网格。……第四句也有网格员；"


def test_unmatched_theme_and_thin_district_are_warned_about():
    blocks = [_block("para", "配备网格员。", "a1-p1")]
    _, warnings = build_cross_index(
        [_district("d1", "甲区", blocks)],
        [GRID, ECO],
        [GlossaryTerm(term="一肩挑", aliases=(), definition="解释。", slug="yijiantiao")],
        "themes.yml",
    )
    assert "themes.yml: theme 'eco' matches no paragraph" in warnings
    assert "themes.yml: theme 'grid' matches only one district" in warnings
    assert "glossary term '一肩挑' occurs in no paragraph" in warnings
    assert "district 'd1' appears under fewer than three themes" in warnings


@pytest.mark.parametrize(
    "paragraph",
    [
        "翔安区计划三年内投入2.1亿元用于老旧小区改造，每年人均增加2.8万元。",
        "全区开展村居干部专题培训160多场，130名大学生村居党建助理走进社区。",
        "成立项目临时党支部23个，组建党员志愿服务队205支，审结恶性案件庭审宣判9批。",
        "社区总人口906户12569人，80%的小区把议事会开到楼下。",
        "带动4户及合作社6个发展产业，户均年收入达100%以上增长。",
    ],
)
def test_key_figure_labels_are_whole_words_with_their_number_and_unit(paragraph):
    from build_docs.crossref import FIGURE_RE
    from build_docs.segment import words

    for clause in re.split(r"[，。；：、！？（）“”]", paragraph):
        for label in figures_in(clause):
            bounds, position = {0}, 0
            for word in words(clause):
                position += len(word)
                bounds.add(position)
            start = clause.index(label)
            assert start in bounds and start + len(label) in bounds, (label, clause)
            assert FIGURE_RE.search(label), label


def test_key_figures_keep_number_unit_and_what_they_count():
    figures = figures_in("386个小区党支部，1089个楼栋党小组全部实体化运行；配备网格员3688名；GDP增长5.7%；2021年上半年通车")
    assert "386个小区党支部" in figures
    assert any(f.endswith("网格员3688名") for f in figures)
    assert "GDP增长5.7%" in figures
    assert not any("2021年" in f for f in figures)


def test_every_theme_has_two_districts_and_every_district_three_themes(result):
    cross = result.cross
    for theme in cross.themes:
        assert len({p.district for p in cross.passages if p.theme == theme.slug}) >= 2, theme.slug
    for district in result.handbook.districts:
        assert len(cross.district_themes(district.slug)) >= 3, district.slug
    assert not result.warnings


def test_matrix_counts_equal_theme_page_passage_counts(result):
    matrix = result.files["themes/index.md"]
    cells = re.findall(r'<td class="hb-heat-\d"><a href="([\w-]+)/#([\w-]+)">(\d+)</a></td>', matrix)
    cells = [(count, theme, district) for theme, district, count in cells]
    assert cells
    for count, theme, district in cells:
        page = result.files[f"themes/{theme}.md"]
        section = page.split(f"{{ #{district} data-search-exclude }}", 1)[1].split("\n## ", 1)[0]
        assert section.count('<div class="hb-passage" data-search-exclude>') == int(count), (theme, district)
    total_cells = sum(int(c) for c, _, _ in cells)
    total_pages = sum(
        result.files[f"themes/{t.slug}.md"].count('<div class="hb-passage" data-search-exclude>') for t in result.cross.themes
    )
    assert total_cells == total_pages == len(result.cross.passages)


def test_passages_link_to_existing_paragraph_ids(result):
    ids = {(d.slug, b.ident) for d in result.handbook.districts for a in d.articles for b in a.blocks}
    for passage in result.cross.passages:
        assert (passage.district, passage.block) in ids


def test_district_pages_show_theme_tags_related_districts_and_figures(result):
    page = result.files["districts/yunnan-qujing-qilin.md"]
    assert '<a class="hb-tag" href="../../themes/grid-governance/#yunnan-qujing-qilin">' in page
    assert '<span class="hb-label">相关地区</span>' in page
    assert "数据一览" in page and "网格员3688名" in page


def test_glossary_terms_are_marked_once_per_article_and_link_to_their_entry(result):
    page = result.files["districts/henan-pingdingshan-weidong.md"]
    marks = re.findall(r'<a class="hb-term" data-definition="[^"]+" href="\.\./\.\./glossary/#wanggeyuan">网格员</a>', page)
    assert len(marks) == 1 and page.count("网格员") > 1
    assert "## 双报到 { #shuangbaodao }" in result.files["glossary.md"]
    glossary = result.files["glossary.md"]
    entry = glossary.split("## 网格员", 1)[1].split("\n## ", 1)[0]
    linked = re.findall(r"\]\(districts/([a-z-]+)\.md#(a\d+)-", entry)
    assert len(linked) == len(set(linked))  # one entry per article, with a count


def test_raw_html_links_are_the_addresses_mkdocs_writes_for_the_same_pages():
    from mkdocs.structure.files import File
    from mkdocs.utils import get_relative_url

    pages = ["index.md", "notes.md", "glossary.md", "themes/index.md", "themes/grid-governance.md", "districts/a-b-c.md"]
    for target in pages:
        for page in pages:
            mkdocs = get_relative_url(File(target, "docs", "site", True).url, File(page, "docs", "site", True).url)
            assert link(target, page) == mkdocs, (target, page)


def test_passage_text_in_raw_html_is_escaped_for_html_and_its_terms_marked():
    assert mark_terms_html("a<b & 网格(1) *x*", ["网格"]) == "a&lt;b &amp; <mark>网格</mark>(1) *x*"
    assert mark_terms_html("网格员与网格", ["网格", "网格员"]) == "<mark>网格员</mark>与<mark>网格</mark>"
