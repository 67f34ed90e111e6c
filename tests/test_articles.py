"""The nine seed articles come out whole, under their own headlines, with the right metadata."""

from __future__ import annotations

import pytest

from build_docs.text import ends_sentence

from .helpers import SEEDS, article_in, articles_of, body_text, build_from


@pytest.fixture(scope="module")
def result():
    return build_from(SEEDS)


EXPECTED = [
    # district, title part, province, city, author, date, publisher
    ("湖里区", "岛内大提升", "福建省", "厦门市", "龚建阳", "", ""),
    ("湖里区", "特色小镇", "福建省", "厦门市", "中共厦门市湖里区委员会组织部", "2019-10-12", "人民网-中国共产党新闻网"),
    ("集美区", "", "福建省", "厦门市", "何东宁", "2021-04-19", ""),
    ("海沧区", "", "福建省", "厦门市", "林文生", "", ""),
    ("龙口市", "", "山东省", "烟台市", "韩世军", "", ""),
    ("麒麟区", "", "云南省", "曲靖市", "解天云", "", ""),
    ("翔安区", "", "福建省", "厦门市", "胡盛", "", ""),
    ("元阳县", "", "云南省", "红河哈尼族彝族自治州", "李维", "", ""),
    ("卫东区", "", "河南省", "平顶山市", "王迎波", "", ""),
]


def test_nine_articles_on_eight_district_pages(result):
    assert len(articles_of(result)) == 9
    assert len(result.handbook.districts) == 8


@pytest.mark.parametrize(
    ("district", "title_part", "province", "city", "author", "date", "publisher"),
    EXPECTED,
    ids=[f"{e[0]}-{e[4]}" for e in EXPECTED],
)
def test_article_metadata(result, district, title_part, province, city, author, date, publisher):
    article = article_in(result, district, title_part)
    assert (article.region.province, article.region.city) == (province, city)
    assert article.author == author
    assert article.date == date
    assert article.publisher == publisher


def test_community_case_keeps_its_sub_units_and_shares_the_huli_page(result):
    article = article_in(result, "湖里区", "特色小镇")
    assert article.region.subunits == ("湖里街道", "湖里社区")
    huli = next(d for d in result.handbook.districts if d.region.district == "湖里区")
    assert len(huli.articles) == 2 and huli.slug == "fujian-xiamen-huli"


def test_jimei_has_its_kicker(result):
    assert article_in(result, "集美区").kicker == "旗帜引领 先锋续航"


@pytest.mark.parametrize("district", ["湖里区", "集美区", "海沧区", "龙口市", "麒麟区", "翔安区", "元阳县", "卫东区"])
def test_every_body_talks_about_its_own_district(result, district):
    for article in [a for a in articles_of(result) if a.region.district == district]:
        first_paras = "".join(b.text for b in article.blocks if b.kind == "para")[:600]
        assert district[:2] in first_paras, f"{district}: body starts '{first_paras[:40]}'"


def test_displaced_headlines_get_the_bodies_that_name_their_district(result):
    assert "卫东区" in body_text(article_in(result, "卫东区"))[:200]
    assert "元阳县" in body_text(article_in(result, "元阳县"))[:200]
    assert "翔安区" in body_text(article_in(result, "翔安区"))[:200]
    kinds = [n.kind for n in result.handbook.notes]
    assert kinds.count("rematch") == 3


def test_bodiless_duplicate_headline_is_dropped_and_reported(result):
    assert len([a for a in articles_of(result) if a.region.district == "麒麟区"]) == 1
    dropped = [n for n in result.handbook.notes if n.kind == "dropped"]
    assert len(dropped) == 1 and "快进键" in dropped[0].message


def test_out_of_order_fragment_is_rejoined_into_one_sentence(result):
    text = body_text(article_in(result, "集美区"))
    assert "加速推进集美新城、马銮湾新城“两大新城”建设。" in text
    assert not text.startswith("湾新城")
    fragment = [n for n in result.handbook.notes if n.kind == "fragment"]
    assert len(fragment) == 1


def test_every_paragraph_ends_a_sentence_after_repairs(result):
    for article in articles_of(result):
        for block in article.blocks:
            if block.kind == "para":
                assert ends_sentence(block.text), f"{block.source}: ends '…{block.text[-10:]}'"


def test_no_boilerplate_or_page_furniture_in_bodies(result):
    everything = "".join(body_text(a, ("para", "heading", "caption", "credit")) for a in articles_of(result))
    for furniture in ("本版责编", "扫一扫", "责编", ">>", "星期一", "来源"):
        assert furniture not in everything


def test_padded_names_are_unpadded(result):
    assert article_in(result, "元阳县").author == "李维"
    assert article_in(result, "翔安区").author == "胡盛"
    assert len([n for n in result.handbook.notes if n.kind == "name"]) == 2


def test_captions_and_credits_are_not_body_text(result):
    huli = article_in(result, "湖里区", "岛内大提升")
    kinds = {b.kind: b.text for b in huli.blocks if b.kind in ("caption", "credit")}
    assert kinds["caption"].startswith("小区医生、小区城管")
    assert kinds["credit"] == "（图片由厦门市湖里区委组织部提供）"
    jimei = article_in(result, "集美区")
    assert [b.text[:4] for b in jimei.blocks if b.kind == "caption"] == ["▲福建省"]


EXPECTED_SECTIONS = {
    "海沧区": [
        "坚持一盘棋 加强引领组织实施",
        "民情面对面 解决身边实事小事",
        "打出组合拳 力促企业发展提速",
        "注重融合力 建设一流海湾城区",
    ],
    "翔安区": ["筑牢基层党建堡垒，构建治理新格局", "项目一线高扬党旗，切实解决疑难杂症", "各战线联合统一，跨岛发展显新貌"],
    "元阳县": [
        "党建引领，找准践行“两山”理论的支撑点",
        "政府搭台，找准践行“两山”理论的着力点",
        "产业富民，找准践行“两山”理论的落脚点",
        "生态赋能，找准践行“两山”理论的突破点",
    ],
    "集美区": [
        "把思想认识凝聚在国旗下 以政治建设引领思想大提升",
        "筑牢基层战斗堡垒 以精准服务推动治理大跨越",
        "在一线发挥先锋作用 以担当作为实现发展大突破",
    ],
}


@pytest.mark.parametrize("district", sorted(EXPECTED_SECTIONS))
def test_sections_become_headings(result, district):
    article = article_in(result, district)
    assert [b.text for b in article.blocks if b.kind == "heading"] == EXPECTED_SECTIONS[district]


def test_numbered_headings_nest_in_the_web_article(result):
    article = article_in(result, "湖里区", "特色小镇")
    levels = [(b.level, b.text[:4]) for b in article.blocks if b.kind == "heading"]
    assert levels[:3] == [(3, "一、背景"), (3, "二、主要"), (4, "（一）确")]


def test_every_article_has_sections(result):
    for article in articles_of(result):
        assert sum(b.kind == "heading" for b in article.blocks) >= 3, article.title


def test_run_in_leads_are_marked_but_openings_are_not(result):
    huli = article_in(result, "湖里区", "岛内大提升")
    leads = [b.lead for b in huli.blocks if b.lead]
    assert leads[:3] == ["党旗飘扬在一线。", "理论宣讲在一线。", "干部使用在一线。"]
    assert huli.blocks[0].lead == ""


def test_every_block_records_its_source_lines(result):
    for article in articles_of(result):
        for block in article.blocks:
            assert block.source.file.startswith("seeds/") and 1 <= block.source.start <= block.source.end


def test_ids_are_unique_and_ascii(result):
    for district in result.handbook.districts:
        ids = [a.ident for a in district.articles] + [b.ident for a in district.articles for b in a.blocks]
        assert len(ids) == len(set(ids))
        assert all(i.isascii() and i for i in ids)
