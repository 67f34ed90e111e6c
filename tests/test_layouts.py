"""Any clean article, printed in any layout of the families in tests/layouts.py, is recovered exactly.

The property test draws layouts with hypothesis (a fixed budget here; `python -m bench.layouts`
runs thousands) and shrinks a failure to the minimal failing layout. The literal examples
render one fixed layout per family, named for the scenario.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings

from build_docs.kinds import BlockKind
from build_docs.records import Article, Block, Region, Source

from .layouts import (
    CORPUS,
    GOLDEN_RECORDS,
    ITEMS,
    RandomChooser,
    Rendered,
    ReplayChooser,
    ScriptChooser,
    compare,
    corpus_articles,
    evident,
    golden_articles,
    layouts,
    recover,
    render_layout,
)


def differences(rendered: Rendered) -> list[str]:
    return compare(rendered.expected, recover(rendered))


def render(**choices) -> Rendered:
    return render_layout(ScriptChooser(**choices))


# --------------------------------------------------------------------------- the model and the tools


def test_own_items_are_short_realistic_articles_naming_their_district():
    assert len(ITEMS) >= 8
    assert any(len(item.headings) >= 2 for item in ITEMS)
    for item in ITEMS:
        assert 3 <= len(item.paragraphs) <= 6, item.id
        assert all(40 <= len(p) <= 120 for p in item.paragraphs), [(item.id, len(p)) for p in item.paragraphs]
        assert "".join(item.paragraphs).count(item.district) >= 2, item.id
        assert len(item.headings) == len(item.heading_at), item.id
        assert evident(item, "".join(item.paragraphs)), item.id


def test_the_same_seed_draws_the_same_layout_and_its_choices_replay_it():
    first = render_layout(RandomChooser(random.Random("7:3")))
    again = render_layout(RandomChooser(random.Random("7:3")))
    assert first.text == again.text and first.data() == again.data()
    replayed = render_layout(ReplayChooser(first.indices))
    assert replayed.text == first.text and replayed.expected == first.expected


def _as_recovered(item) -> Article:
    src = Source(file="seeds/t.txt", start=1, end=1)
    blocks = tuple(
        Block(kind=BlockKind.HEADING if kind == "heading" else BlockKind.PARAGRAPH, text=text, source=src)
        for kind, text in item.body()
    )
    region = Region(province=item.province, city=item.city or item.province, district=item.district)
    return Article(
        region=region,
        title=item.title,
        kicker=item.kicker,
        subtitle=item.subtitle,
        authors=item.authors,
        role=item.role,
        date=item.date,
        headline=src,
        blocks=blocks,
    )


def test_compare_is_empty_for_the_same_article_and_names_each_field_that_differs():
    item = ITEMS[1]
    same = _as_recovered(item)
    assert compare([item], [same]) == []
    from dataclasses import replace

    wrong = replace(same, title="别的标题", authors=("刘  晓宇",), blocks=same.blocks[1:])
    fields = [d.split(":")[0] for d in compare([item], [wrong])]
    assert fields == ["title", "paragraphs"]  # authors are compared without padding spaces
    assert [d.split(":")[0] for d in compare([item], [])] == ["articles", "articles"]


# --------------------------------------------------------------------------- the property


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(layouts())
def test_any_layout_of_a_clean_article_is_recovered_exactly(rendered):
    assert differences(rendered) == []


# --------------------------------------------------------------------------- one literal example per family


def test_peoples_daily_page_with_markdown_kicker_dateline_and_place_alone_headlines():
    rendered = render(
        family="peoples_daily",
        articles=3,
        article1="own_anji",
        article2="own_pidu",
        article3="own_siyang",
        **{"a1.kicker": "markdown", "a2.place": "dateline", "a3.place": "place alone", "a3.byline.mark": "■"},
    )
    assert "## 浙江省安吉县——" in rendered.text and "江苏省宿迁市泗阳县：\n把党支部建在产业链上" in rendered.text
    assert differences(rendered) == [], rendered.describe(max_lines=40)


def test_peoples_daily_page_with_dash_kicker_padded_two_character_names_and_furniture_below():
    rendered = render(
        family="peoples_daily",
        articles=1,
        article1="own_yiling",
        furniture_at="bottom",
        **{"a1.kicker": "plain", "a1.place": "none", "a1.byline.padded": True},
    )
    assert "本报记者  程  亮  吴  静" in rendered.text
    assert differences(rendered) == [], rendered.describe(max_lines=40)


def test_peoples_daily_page_with_short_dateline_and_no_byline():
    rendered = render(
        family="peoples_daily", article1="own_guangshan", **{"a1.kicker": "not printed", "a1.place": "short dateline"}
    )
    assert "河南光山：驻村第一书记" in rendered.text
    assert differences(rendered) == [], rendered.describe(max_lines=40)


def test_government_site_page_copy_with_place_title_and_indented_body():
    rendered = render(family="gov_page", article1="own_pidu", title_form="place：title", editor_line="【打印本页】  【关闭窗口】")
    assert "发布时间：2026-03-18 09:15" in rendered.text and "【打印本页】" in rendered.text
    assert differences(rendered) == [], rendered.describe(max_lines=40)


def test_government_site_page_copy_with_title_alone():
    rendered = render(family="gov_page", article1="own_weiyuan")
    assert differences(rendered) == [], rendered.describe(max_lines=40)


def test_wechat_copy_with_bold_title_bold_headings_and_end_furniture():
    rendered = render(family="wechat", article1="own_weiyuan", zero_width_tail="\u200b")
    assert "**建强组织  育好种薯**" in rendered.text and "\n在看\n" in rendered.text
    assert differences(rendered) == [], rendered.describe(max_lines=40)


def test_pdf_text_with_running_header_two_line_title_and_body_wrapped_at_17():
    rendered = render(family="pdf", article1="own_fuding", width=17)
    assert "白茶飘\n香富山乡" in rendered.text
    assert differences(rendered) == [], rendered.describe(max_lines=40)


def test_pdf_text_with_two_articles_wrapped_at_20_without_blank_lines():
    rendered = render(family="pdf", articles=2, article1="own_yiling", article2="own_pidu", width=20, blank_lines=0)
    assert differences(rendered) == [], rendered.describe(max_lines=40)


def test_local_page_with_short_place_two_spaces_and_title():
    rendered = render(family="local_page", article1="own_siyang")
    assert rendered.text.startswith("江苏泗阳  把党支部建在产业链上\n")
    assert differences(rendered) == [], rendered.describe(max_lines=40)


def test_local_page_with_title_over_two_lines_and_square_byline():
    rendered = render(
        family="local_page", article1="own_siyang", **{"a1.headline": "title over ■ byline", "a1.title_two_lines": True}
    )
    assert "■江苏省宿迁市泗阳县委书记  周明远" in rendered.text
    assert differences(rendered) == [], rendered.describe(max_lines=40)


def test_bare_markdown_title_followed_directly_by_the_body():
    rendered = render(family="bare_markdown", article1="own_weiyuan", blank_lines=0)
    assert rendered.text.startswith("# 马铃薯产业链上党旗红\n甘肃省定西市渭源县")
    assert differences(rendered) == [], rendered.describe(max_lines=40)


def test_signed_article_in_bare_markdown_keeps_its_closing_signature_out_of_the_body():
    rendered = render(family="bare_markdown", article1="own_yubei")
    assert differences(rendered) == [], rendered.describe(max_lines=40)


def test_gb18030_crlf_narrow_column_with_half_width_punctuation_and_no_blank_lines():
    rendered = render(
        family="peoples_daily",
        article1="own_pidu",
        wrapped=True,
        width=16,
        blank_lines=0,
        line_ends="\r\n",
        encoding="gb18030",
        half_width="all",
        indent="\u3000\u3000",
        split_headings=True,
    )
    assert rendered.data().startswith("2026年3月18日".encode("gb18030"))
    assert differences(rendered) == [], rendered.describe(max_lines=40)


def test_utf8_bom_and_indented_paragraphs_with_two_line_headings():
    rendered = render(family="peoples_daily", article1="own_weiyuan", encoding="utf-8-sig", indent="  ", split_headings=True)
    assert rendered.data().startswith(b"\xef\xbb\xbf")
    assert differences(rendered) == [], rendered.describe(max_lines=40)


# --------------------------------------------------------------------------- the corpus's truth and the seeds' articles


def _plain_page_failures(articles) -> list[str]:
    failures = []
    for article in articles:
        rendered = render(family="peoples_daily", article1=article.id)
        failures += [f"{article.id}: {d}" for d in compare(rendered.expected, recover(rendered))]
    return failures


def test_development_corpus_articles_each_on_a_plain_page_are_recovered_exactly():
    articles = corpus_articles()
    if not articles:
        pytest.skip(f"development corpus not found ({CORPUS / 'truth.json'} is absent): its articles are not rendered")
    assert _plain_page_failures(articles) == []


def test_seed_articles_each_on_a_plain_page_are_recovered_exactly():
    articles = golden_articles()
    if not articles:
        pytest.skip(f"no seed records ({GOLDEN_RECORDS} is absent): the seeds' articles are not rendered")
    assert _plain_page_failures(articles) == []
