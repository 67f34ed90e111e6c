"""One literal seed per recovery rule: what the rule must make of a kind of text it has never seen.

Every text here is written for the test (no article of any corpus is copied). Each case names
the kind of line or damage it covers; the failures quoted in the corpus issue each have one.
"""

from __future__ import annotations

from textwrap import dedent

import pytest

from build_docs.kinds import NoteKind

from .helpers import assert_parses, parse_text

P = "paragraph"
H = "heading"


def seed(text: str) -> str:
    return dedent(text).lstrip("\n")


# -- headline blocks ---------------------------------------------------------------------------


def test_kicker_names_the_place_when_the_title_does_not():
    assert_parses(
        seed("""
        ## 湖北宜都市——
        # 茶园里的党员先锋队

        本报记者  田  野

        清晨，宜都市潘家湾乡的茶园里，党员们正带着村民采茶。

        合作社统一收购鲜叶，茶农每亩增收两千多元。
        """),
        [
            {
                "region": "湖北省/宜昌市/宜都市",
                "kicker": "湖北宜都市——",
                "title": "茶园里的党员先锋队",
                "authors": ["田野"],
                "role": "本报记者",
                "blocks": [
                    (P, "清晨，宜都市潘家湾乡的茶园里，党员们正带着村民采茶。"),
                    (P, "合作社统一收购鲜叶，茶农每亩增收两千多元。"),
                ],
            }
        ],
    )


def test_kicker_set_with_three_marks_and_a_place_led_kicker_sentence():
    assert_parses(
        seed("""
        ### 江苏苏州吴江区推行“网格议事会”
        # 小事不出网格

        本报记者  沈  洁

        吴江区把议事会开到了网格里，居民的事当场商量。
        """),
        [
            {
                "region": "江苏省/苏州市/吴江区",
                "kicker": "江苏苏州吴江区推行“网格议事会”",
                "title": "小事不出网格",
                "authors": ["沈洁"],
            }
        ],
    )


def test_plain_kicker_ending_in_a_dash_over_a_plain_title():
    assert_parses(
        seed("""
        河北省正定县——
        古城里的新课堂
        本报记者  张  弛

        正定县把党课搬进了古城的老街巷。
        """),
        [{"region": "河北省/石家庄市/正定县", "kicker": "河北省正定县——", "title": "古城里的新课堂", "authors": ["张弛"]}],
    )


def test_title_led_by_its_place_and_a_colon_under_a_slogan_kicker():
    assert_parses(
        seed("""
        ## 绿水青山  产业新城
        # 福建省南平市建阳区：全力推动高质量发展

        建阳区锚定发展定位，持续发力。
        """),
        [{"region": "福建省/南平市/建阳区", "kicker": "绿水青山  产业新城", "title": "全力推动高质量发展"}],
    )


def test_subtitle_between_title_and_byline_is_the_subtitle_and_the_byline_keeps_its_author():
    assert_parses(
        seed("""
        湖北省宜昌市宜都市：
        “群众的事就是头等大事”
        ——湖北宜都市党员干部奋战抗洪一线
        ■本报记者  王  丹

        洪水退去，宜都市的党员干部又忙着帮村民修复大棚。
        """),
        [
            {
                "subtitle": "——湖北宜都市党员干部奋战抗洪一线",
                "authors": ["王丹"],
                "blocks": [(P, "洪水退去，宜都市的党员干部又忙着帮村民修复大棚。")],
            }
        ],
    )


def test_web_page_date_line_keeps_the_time_apart_and_names_the_publisher():
    assert_parses(
        seed("""
        首页 > 地方 > 正文

        江苏苏州吴江区:网格议事解民忧

        2026年03月10日05:12    来源:人民网-人民日报

        吴江区把议事会开到网格里，居民的烦心事当场解决。

        (责编：王某、李某)
        """),
        [
            {
                "region": "江苏省/苏州市/吴江区",
                "title": "网格议事解民忧",
                "date": "2026-03-10",
                "time": "05:12",
                "publisher": "人民网-人民日报",
                "blocks": [(P, "吴江区把议事会开到网格里，居民的烦心事当场解决。")],
            }
        ],
    )


def test_edition_note_after_the_byline_dates_the_article():
    assert_parses(
        seed("""
        ## 四川郫都区——
        # 川西林盘焕新颜
        本报记者  林  立  《人民日报》（2025年03月04日第 19 版）

        郫都区的林盘院落里，村民办起了民宿。
        """),
        [{"region": "四川省/成都市/郫都区", "authors": ["林立"], "date": "2025-03-04", "publisher": "人民日报"}],
    )


def test_front_matter_is_metadata_not_text():
    recovered = parse_text(
        seed("""
        ---
        title: 川西林盘焕新颜
        date: 2025-03-04
        ---
        四川郫都区：川西林盘焕新颜

        郫都区的林盘院落里，村民办起了民宿。
        """)
    )
    (article,) = recovered.articles
    assert article.date == "2025-03-04"
    assert [b.text for b in article.blocks] == ["郫都区的林盘院落里，村民办起了民宿。"]
    assert any(n.kind is NoteKind.METADATA and n.text == "date: 2025-03-04" for n in recovered.notes)


def test_page_header_with_the_page_name_dates_every_article_below_it():
    assert_parses(
        seed("""
        2025年3月4日  星期二  第19版  党建

        四川郫都区：川西林盘焕新颜

        本报记者  林  立

        郫都区的林盘院落里，村民办起了民宿。
        """),
        [{"date": "2025-03-04", "authors": ["林立"]}],
    )


# -- bylines and signatures ----------------------------------------------------------------------


def test_byline_with_padding_inside_the_name_is_not_a_heading():
    assert_parses(
        seed("""
        四川郫都区：川西林盘焕新颜

        本报记者  苏  滨

        郫都区的林盘院落里，村民办起了民宿。
        """),
        [{"authors": ["苏滨"], "role": "本报记者", "blocks": [(P, "郫都区的林盘院落里，村民办起了民宿。")]}],
    )


def test_byline_with_a_role_and_two_authors_one_padded():
    assert_parses(
        seed("""
        四川郫都区：川西林盘焕新颜

        本报记者  林  立  陈小雨

        郫都区的林盘院落里，村民办起了民宿。
        """),
        [{"authors": ["林立", "陈小雨"], "role": "本报记者"}],
    )


def test_byline_of_two_names_without_a_role():
    assert_parses(
        seed("""
        ## 四川郫都区——
        # 川西林盘焕新颜
        周晓光  吴  迪

        郫都区的林盘院落里，村民办起了民宿。
        """),
        [{"authors": ["周晓光", "吴迪"], "role": ""}],
    )


def test_provincial_paper_reporter_and_a_reporter_with_a_correspondent():
    assert_parses(
        seed("""
        四川郫都区：川西林盘焕新颜

        四川日报记者  林  立  本报通讯员  陈小雨

        郫都区的林盘院落里，村民办起了民宿。
        """),
        [{"authors": ["林立", "陈小雨"], "role": "四川日报记者、本报通讯员"}],
    )


def test_signed_article_bare_name_under_a_placeless_title_and_a_closing_signature():
    recovered = parse_text(
        seed("""
        2025年2月25日 星期二

        把好事办到群众心坎上

        李  明

        群众的事再小也是大事。我们坚持把问题解决在基层。

        这些年，全县干部沉到一线，办成了一批实事。

        （作者为山东省巨野县委书记）
        """)
    )
    (article,) = recovered.articles
    assert (article.region.province, article.region.city, article.region.district) == ("山东省", "菏泽市", "巨野县")
    assert article.authors == ("李明",) and article.role == "山东省巨野县委书记"
    assert article.signature == "（作者为山东省巨野县委书记）"
    assert [b.kind.record_name for b in article.blocks] == [P, P]
    assert any(n.kind is NoteKind.SIGNATURE for n in recovered.notes)


def test_signature_naming_the_reporter_who_took_it_down_gives_only_the_role():
    assert_parses(
        seed("""
        # 严管厚爱带队伍（执纪者说）

        曾  广

        管住权力，才能护住干部。

        （作者为湖南省茶陵县委常委、县纪委书记，本报记者张某采访整理）
        """),
        [{"region": "湖南省/株洲市/茶陵县", "authors": ["曾广"], "role": "湖南省茶陵县委常委、县纪委书记"}],
    )


def test_place_of_last_resort_is_the_district_the_body_names_most():
    recovered = parse_text(
        seed("""
        # 把好事办到群众心坎上

        周晓光  吴  迪

        宜都市的茶园里，党员带头采茶。

        宜都市还办起了茶叶合作社，宜都市的茶农都入了社。
        """)
    )
    (article,) = recovered.articles
    assert article.region.district == "宜都市" and article.region_from == "body"
    assert any(n.kind is NoteKind.REVIEW and "正文提到最多" in n.message for n in recovered.notes)


# -- lines that are not headings -----------------------------------------------------------------


def test_closing_source_line_stays_text_and_a_cartoon_credit_is_a_caption():
    assert_parses(
        seed("""
        湖北宜都市：茶园里的党员先锋队

        赵  明绘（《讽刺与幽默》供图）

        宜都市的茶园里，党员带头采茶。

        合作社统一收购鲜叶。

        数据来源：中共宜都市委宣传部
        """),
        [
            {
                "blocks": [
                    ("caption", "赵  明绘（《讽刺与幽默》供图）"),
                    (P, "宜都市的茶园里，党员带头采茶。"),
                    (P, "合作社统一收购鲜叶。"),
                    (P, "数据来源：中共宜都市委宣传部"),
                ]
            }
        ],
    )


@pytest.mark.parametrize("credit", ["（新华社记者 王五 摄）", "（本报记者 李四、赵六 摄）", "（张  三 摄影）"])
def test_a_bracketed_photographers_credit_is_a_credit_not_a_heading(credit):
    assert_parses(
        seed(f"""
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。

        图为党员在茶园里采茶。

        {credit}

        合作社统一收购鲜叶。
        """),
        [
            {
                "blocks": [
                    (P, "宜都市的茶园里，党员带头采茶。"),
                    ("caption", "图为党员在茶园里采茶。"),
                    ("credit", credit),
                    (P, "合作社统一收购鲜叶。"),
                ]
            }
        ],
    )


def test_a_line_cut_by_a_column_break_is_joined_not_promoted():
    assert_parses(
        seed("""
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。

        这是今年年初，县委办公室到茶园调研的一幕。县委办


        公室随后协调资金，修好了茶园的便道。
        """),
        [
            {
                "blocks": [
                    (P, "宜都市的茶园里，党员带头采茶。"),
                    (P, "这是今年年初，县委办公室到茶园调研的一幕。县委办公室随后协调资金，修好了茶园的便道。"),
                ]
            }
        ],
    )


def test_a_paragraph_that_introduces_what_follows_is_not_glued_to_it():
    assert_parses(
        seed("""
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。合作社的负责人向记者介绍了他们的三条经验，他说：

        “第一条，是党员先干，群众跟着干。”
        """),
        [
            {
                "blocks": [
                    (P, "宜都市的茶园里，党员带头采茶。合作社的负责人向记者介绍了他们的三条经验，他说："),
                    (P, "“第一条，是党员先干，群众跟着干。”"),
                ]
            }
        ],
    )


def test_sentence_ending_in_a_full_stop_and_a_short_question_are_not_headings():
    assert_parses(
        seed("""
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。

        如何担当？

        党员们给出了自己的答案。
        """),
        [{"blocks": [(P, "宜都市的茶园里，党员带头采茶。"), (P, "如何担当？"), (P, "党员们给出了自己的答案。")]}],
    )


def test_heading_with_evidence_short_line_between_paragraphs_and_two_line_heads_merged():
    text = seed("""
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。

        组织建在茶园里
        合作社设党支部让茶农“钱袋子”鼓起来

        合作社成立了党支部，党员带头改良茶园。

        服务送到家门口

        村里开起了便民服务站。
        """)
    assert_parses(
        text,
        [
            {
                "blocks": [
                    (P, "宜都市的茶园里，党员带头采茶。"),
                    (H, "组织建在茶园里 合作社设党支部让茶农“钱袋子”鼓起来"),
                    (P, "合作社成立了党支部，党员带头改良茶园。"),
                    (H, "服务送到家门口"),
                    (P, "村里开起了便民服务站。"),
                ]
            }
        ],
    )


def test_leads_with_a_comma_are_not_promoted_to_headings_when_an_article_has_none():
    recovered = parse_text(
        seed("""
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。

        党建引领，从上推动。合作社成立了党支部，党员带头改良茶园。

        村民自主，自下发力。村里开起了便民服务站，村民轮流值守。
        """)
    )
    (article,) = recovered.articles
    assert [b.kind.record_name for b in article.blocks] == [P, P, P]
    assert article.blocks[1].lead == "党建引领，从上推动。"


def test_markdown_bold_heading_and_inline_bold_lead_lose_their_marks():
    assert_parses(
        seed("""
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。

        **组织建在茶园里**

        **党建引领。**合作社成立了党支部。
        """),
        [{"blocks": [(P, "宜都市的茶园里，党员带头采茶。"), (H, "组织建在茶园里"), (P, "党建引领。合作社成立了党支部。")]}],
    )


def test_picture_placeholder_separator_and_end_mark_are_furniture():
    recovered = parse_text(
        seed("""
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。

        ▲资料图片

        合作社统一收购鲜叶。

        * * *
        ***

        （完）
        """)
    )
    (article,) = recovered.articles
    assert [b.text for b in article.blocks] == ["宜都市的茶园里，党员带头采茶。", "合作社统一收购鲜叶。"]
    removed = {n.text for n in recovered.notes if n.kind is NoteKind.BOILERPLATE}
    assert {"▲资料图片", "***", "（完）"} <= removed


# -- joins and fragments -----------------------------------------------------------------------


def test_indented_paragraph_starts_are_paragraph_breaks_in_hard_wrapped_text():
    lines = [
        "湖北宜都市：茶园里的党员先锋队",
        "",
        "　　宜都市的茶园里，党员带头采茶，",
        "合作社统一收购鲜叶。",
        "　　村里开起了便民服务站，村民轮",
        "流值守，办事不出村。",
        "　　茶农的日子越过越红火，大家都",
        "说党员带了个好头。",
    ]
    assert_parses(
        "\n".join(lines) + "\n",
        [
            {
                "blocks": [
                    (P, "宜都市的茶园里，党员带头采茶，合作社统一收购鲜叶。"),
                    (P, "村里开起了便民服务站，村民轮流值守，办事不出村。"),
                    (P, "茶农的日子越过越红火，大家都说党员带了个好头。"),
                ]
            }
        ],
    )


FRAGMENT = seed("""
    ## 湖北宜都市——
    # 茶园里的党员先锋队

    本报记者  田  野

    清晨，潘家湾乡的茶园里一片忙碌，采茶的人们说说笑笑。

    ▲资料图片

    展厅，游客们可以现场品茶。

    “茶园就是我们的聚宝盆。”张建华说。

    带来这份忙碌的，是村党支部书记张建华牵头成立的合作社。

    合作社统一收购鲜叶，张建华还请来了技术员。

    如今，茶园旁新建了一座茶叶
    """)


def test_fragment_moved_back_is_the_orphan_run_only_chosen_by_who_is_introduced_first():
    assert_parses(
        FRAGMENT,
        [
            {
                "blocks": [
                    (P, "清晨，潘家湾乡的茶园里一片忙碌，采茶的人们说说笑笑。"),
                    (P, "带来这份忙碌的，是村党支部书记张建华牵头成立的合作社。"),
                    (P, "合作社统一收购鲜叶，张建华还请来了技术员。"),
                    (P, "如今，茶园旁新建了一座茶叶展厅，游客们可以现场品茶。"),
                    (P, "“茶园就是我们的聚宝盆。”张建华说。"),
                ]
            }
        ],
    )


# -- encodings and line ends -----------------------------------------------------------------------


def test_utf16_with_bom_and_old_mac_line_ends_decode():
    from build_docs.ingest import decode_seed

    text = "湖北宜都市：茶园里的党员先锋队\r\r宜都市的茶园里，党员带头采茶。\r"
    problems: list = []
    seed_file = decode_seed("seeds/u.txt", b"\xff\xfe" + text.encode("utf-16-le"), problems)
    assert seed_file is not None and not problems
    assert seed_file.encoding == "utf-16-le (with BOM)"
    assert seed_file.lines == ("湖北宜都市：茶园里的党员先锋队", "", "宜都市的茶园里，党员带头采茶。")


def test_signature_in_mid_article_is_never_a_heading_and_what_follows_is_reported():
    recovered = parse_text(
        seed("""
        # 把好事办到群众心坎上

        李  明

        群众的事再小也是大事。我们坚持把问题解决在基层。

        （作者为山东省巨野县委书记）

        另一篇文章的开头落在了这里，这一段没有自己的标题。
        """)
    )
    (article,) = recovered.articles
    assert article.signature == "（作者为山东省巨野县委书记）" and article.role == "山东省巨野县委书记"
    assert [b.kind.record_name for b in article.blocks] == [P, P]
    assert any(n.kind is NoteKind.REVIEW and "文末署名之后还有 1 段" in n.message for n in recovered.notes)


def test_a_web_paragraph_closing_a_quotation_without_a_full_stop_is_not_glued_to_the_next():
    assert_parses(
        seed("""
        湖北宜都市：茶园里的党员先锋队

        茶农们说，这就是他们心里的“定心丸”

        合作社的负责人向记者介绍了他们的经验。
        """),
        [{"blocks": [(P, "茶农们说，这就是他们心里的“定心丸”"), (P, "合作社的负责人向记者介绍了他们的经验。")]}],
    )


def test_a_line_that_is_one_dictionary_word_is_no_bare_name_byline_but_a_labelled_name_is():
    from build_docs.recovery.bylines import parse_byline

    from .helpers import _rules

    rules = _rules()
    assert parse_byline("支撑点", rules.vocab, rules.surnames) is None
    assert parse_byline("文 | 林海峰", rules.vocab, rules.surnames).authors == ("林海峰",)
    assert parse_byline("厦门市湖里区湖里街道湖里社区位于特区发祥地的中心", rules.vocab, rules.surnames) is None
    assert parse_byline("中共某某市某某区委员会组织部", rules.vocab, rules.surnames) is not None


def test_a_wrapped_data_source_line_closes_its_article_and_is_never_a_title():
    recovered = parse_text(
        seed("""
        ## 江西省南昌市青云谱区——
        # 青云谱区：民生实事办到群众心坎上
        本报记者  王一鸣

        青云谱区为困难群众购买“青云暖心保”，守住兜牢民生底线。

        数据来源：中共南昌市青云谱区委
        宣传部

        ## 山东省安丘市——
        # 安丘市：抱团发展  共同致富
        本报记者  李二

        安丘市实施“跨村联建、强村共富”工程，村集体收入稳步增长。
        """)
    )
    first, second = recovered.articles
    assert "".join(b.text for b in first.blocks).endswith("数据来源：中共南昌市青云谱区委宣传部")
    assert second.title == "抱团发展  共同致富"
