"""Literal files of every source family an editor pastes from (texts written for these tests)."""

from __future__ import annotations

from textwrap import dedent

from build_docs.kinds import NoteKind

from .helpers import parse_text


def _one(text: str):
    """Recover a file that holds one article, with no problem."""
    recovered = parse_text(dedent(text).lstrip("\n"))
    assert not recovered.problems, recovered.problems
    assert len(recovered.articles) == 1, [a.title for a in recovered.articles]
    return recovered, recovered.articles[0]


def _texts(article, kind="para"):
    return [b.text for b in article.blocks if b.kind == kind]


def test_government_page_copy_with_breadcrumb_fields_and_page_controls():
    recovered, article = _one("""
        当前位置：首页 > 工作动态 > 基层党建

        光山县：驻村第一书记的“三本账”

        发布时间：2026-04-02 09:15    来源：中共光山县委组织部    浏览次数：356    【字体：大 中 小】

        　　在光山县，每位驻村第一书记都随身带着三本账。

        　　光山县委组织部建立驻村干部月度例会制度。

        【打印本页】  【关闭窗口】

        扫一扫在手机打开当前页

        上一篇：全县村（社区）党组织书记示范培训班开班
        下一篇：我县召开年度基层党建工作推进会
        """)
    assert article.region.district == "光山县" and article.title == "驻村第一书记的“三本账”"
    assert article.date == "2026-04-02" and article.time == "09:15"
    assert article.authors == ("中共光山县委组织部",)  # a department's own page names its author as the source
    assert _texts(article) == ["在光山县，每位驻村第一书记都随身带着三本账。", "光山县委组织部建立驻村干部月度例会制度。"]
    removed = [n.text for n in recovered.notes if n.kind is NoteKind.BOILERPLATE]
    assert "扫一扫在手机打开当前页" in removed and "【打印本页】  【关闭窗口】" in removed


def test_wechat_copy_with_follow_prompt_bold_title_account_line_and_closing_source():
    _, article = _one("""
        点击上方蓝字关注我们
        \u200b
        **竹林深处党群议事会开到家门口**

        安吉发布  2026年04月02日 18:30

        ▼

        春分过后，浙江省湖州市安吉县天荒坪镇的竹林里新笋破土。

        近年来，安吉县推行“党群议事会”制度。

        来源 | 中共安吉县委书记 沈立

        编辑 | 陈晓  审核 | 林海

        👇👇👇
        阅读原文
        分享
        在看
        点赞
        """)
    assert article.title == "竹林深处党群议事会开到家门口" and article.region.district == "安吉县"
    assert article.date == "2026-04-02" and article.authors == ("沈立",)
    assert _texts(article) == ["春分过后，浙江省湖州市安吉县天荒坪镇的竹林里新笋破土。", "近年来，安吉县推行“党群议事会”制度。"]


def test_pdf_page_with_running_head_two_line_title_and_page_number():
    _, article = _one("""
        2026年1月15日 星期四          城乡导报          第3版  综合新闻

        驻村第一书记
        的“三本账”

        在河南省信阳市光山县，每位驻村第
        一书记都随身带着三本账：民情账、
        项目账、承诺账。

        光山县委组织部建立驻村干部月度例
        会制度，每月晾晒三本账的进度。

        3
        """)
    assert article.title == "驻村第一书记的“三本账”" and article.date == "2026-01-15"
    assert _texts(article) == [
        "在河南省信阳市光山县，每位驻村第一书记都随身带着三本账：民情账、项目账、承诺账。",
        "光山县委组织部建立驻村干部月度例会制度，每月晾晒三本账的进度。",
    ]


def test_local_page_headline_of_place_then_title_without_a_colon():
    _, article = _one("""
        江苏泗阳  小网格托起大民生

        本报记者  张  三

        泗阳县深入推进网格化治理，全县划分网格860个。

        泗阳县各乡镇建立网格服务站。
        """)
    assert article.region.district == "泗阳县" and article.title == "小网格托起大民生"
    assert article.printed_headline == "江苏泗阳  小网格托起大民生" and article.authors == ("张三",)


def test_bare_markdown_title_followed_directly_by_its_body():
    _, article = _one("""
        # 红旗渠畔党群连心

        近年来，河南省安阳市林州市把党群服务中心建到了村民家门口。

        林州市各村每月开展一次“连心日”活动。
        """)
    assert article.title == "红旗渠畔党群连心" and article.region.district == "林州市"


def test_news_dateline_names_the_reporter_and_a_column_tag_stays_in_the_title():
    _, article = _one("""
        2026年4月2日 星期四

        【党旗在基层一线高高飘扬】
        四川成都郫都区  小网格托起大民生

        本报成都4月1日电  （记者王五）近年来，四川省成都市郫都区把网格作为基层治理的基本单元。

        郫都区共划分网格1200余个。
        """)
    assert article.title == "【党旗在基层一线高高飘扬】小网格托起大民生"
    assert article.region.district == "郫都区" and article.authors == ("王五",) and article.role == "本报记者"
    assert _texts(article)[0].startswith("本报成都4月1日电")  # the dateline stays printed text


def test_transcript_page_with_html_tags_an_underlined_title_and_a_related_list():
    _, article = _one("""
        湖南浏阳：屋场会上解民忧
        ====

        发布日期：2025-09-17 08:06  来源：浏阳市融媒体中心

        <p>　　连日来，湖南省长沙市浏阳市各镇村召开屋场会。</p>
        <p>　　浏阳市今年已召开屋场会1500余场。</p>

        相关推荐
        浏阳：推进乡村振兴见实效
        浏阳召开基层党建工作会议
        """)
    assert article.title == "屋场会上解民忧" and article.date == "2025-09-17" and article.authors == ()
    assert _texts(article) == ["连日来，湖南省长沙市浏阳市各镇村召开屋场会。", "浏阳市今年已召开屋场会1500余场。"]


def test_file_of_two_items_where_one_names_no_place_keeps_the_other():
    recovered = parse_text(
        dedent("""
        # 全国春耕生产有序推进

        各地抓住农时，组织农民开展春耕生产。

        # 光山县驻村干部晾晒“三本账”

        河南省信阳市光山县每位驻村第一书记都随身带着三本账。光山县按月督办。
        """).lstrip("\n")
    )
    assert [a.title for a in recovered.articles] == ["光山县驻村干部晾晒“三本账”"]
    assert [p.whole_file for p in recovered.problems] == [False]  # only that item stays out
    assert any(n.kind is NoteKind.UNPUBLISHED and "春耕" in n.text for n in recovered.notes)


def test_page_of_short_items_each_titled_over_a_news_dateline():
    recovered = parse_text(
        dedent("""
        2026年4月2日 星期四

        光山县驻村干部晾晒“三本账”

        本报信阳4月1日电  （记者王五）河南省信阳市光山县每位驻村第一书记都随身带着三本账。

        安吉县党群议事会开到家门口

        本报讯（记者 赵六 通讯员 钱七）浙江省湖州市安吉县推行“党群议事会”制度。安吉县各村设立议事点。
        """).lstrip("\n")
    )
    assert not recovered.problems
    got = [(a.title, a.region.district, a.authors, a.date) for a in recovered.articles]
    assert got == [
        ("光山县驻村干部晾晒“三本账”", "光山县", ("王五",), "2026-04-02"),
        ("安吉县党群议事会开到家门口", "安吉县", ("赵六", "钱七"), "2026-04-02"),
    ]


def test_kicker_naming_only_a_city_gives_way_to_the_county_the_body_names():
    _, article = _one("""
        ## 湖南长沙——
        # 党员承诺践诺

        本报记者  张三

        湖南省长沙市望城区引导党员承诺践诺。望城区各社区建立承诺台账。望城区的做法得到好评。
        """)
    assert (article.region.city, article.region.district) == ("长沙市", "望城区")


def test_county_portal_page_with_a_menu_fields_one_to_a_line_and_a_site_footer():
    recovered, article = _one("""
        首页 | 新闻中心 | 政务公开 | 办事服务 | 互动交流

        您现在的位置：首页 > 新闻中心 > 乡镇动态

        仙居县：“共富工坊”让村民在家门口就业

        来源：仙居县融媒体中心
        作者：王  丽
        时间：2025-09-17 08:06
        点击：1234

        　　近日，走进浙江省台州市仙居县白塔镇的“共富工坊”，村民们正忙着加工杨梅干。

        　　仙居县已建成“共富工坊”86家。

        编辑：张  敏
        审核：陈  刚

        主办：仙居县人民政府办公室  承办：仙居县大数据发展中心
        网站标识码：3310240001  浙ICP备12345678号
        """)
    assert (article.title, article.authors, article.date, article.time) == (
        "“共富工坊”让村民在家门口就业", ("王丽",), "2025-09-17", "08:06")  # fmt: skip
    assert _texts(article) == [
        "近日，走进浙江省台州市仙居县白塔镇的“共富工坊”，村民们正忙着加工杨梅干。",
        "仙居县已建成“共富工坊”86家。",
    ]
    assert not [n for n in recovered.notes if n.kind is NoteKind.UNPUBLISHED]


def test_station_copy_with_its_account_over_a_date_and_closing_reporters():
    _, article = _one("""
        长兴发布
        2025-08-06 19:00

        长兴：党建引领“微治理”激活基层“神经末梢”

        近年来，浙江省湖州市长兴县以党建为引领，推动基层治理重心下移。

        长兴县各村社成立“微治理”小组。

        记者：张三 李四
        编辑：王五
        """)
    assert (article.region.district, article.date, article.publisher) == ("长兴县", "2025-08-06", "长兴发布")
    assert article.authors == ("张三", "李四")


def test_county_site_page_whose_article_says_only_our_county_is_placed_by_the_site_name():
    _, article = _one("""
        仙居县人民政府门户网站

        首页 > 新闻中心 > 乡镇动态

        “共富工坊”让村民在家门口就业

        发布时间：2025-09-17 08:06  来源：县融媒体中心

        近日，走进白塔镇的“共富工坊”，村民们正忙着加工杨梅干。

        我县已建成“共富工坊”86家。
        """)
    assert (article.region.district, article.region_from) == ("仙居县", "file")
    assert article.title == "“共富工坊”让村民在家门口就业" and article.date == "2025-09-17"


def test_wechat_header_with_original_mark_writer_account_and_place_posted_from():
    _, article = _one("""
        竹林深处党群议事会开到家门口

        原创 沈立 安吉发布 2026-04-02 18:30 发表于浙江

        浙江省湖州市安吉县推行“党群议事会”制度。安吉县各村设立议事点。
        """)
    assert (article.authors, article.date, article.time, article.publisher) == (("沈立",), "2026-04-02", "18:30", "安吉发布")


def test_wechat_header_whose_poster_province_follows_the_time_bare_is_metadata_not_a_paragraph():
    _, article = _one("""
        老街巷里的“睦邻议事厅”

        原创 小城故事 2026年05月12日 09:30 江苏

        江苏省苏州市姑苏区推动各社区设立“睦邻议事厅”，居民每月商量身边事。
        """)
    assert (article.date, article.time, article.publisher) == ("2026-05-12", "09:30", "小城故事")
    assert [b.text for b in article.blocks] == ["江苏省苏州市姑苏区推动各社区设立“睦邻议事厅”，居民每月商量身边事。"]


def test_newspaper_pdf_page_with_a_lead_article_over_two_lines_and_a_wrapped_closing_line_before_the_next():
    recovered = parse_text(
        dedent("""
        2026年3月17日 星期二          城乡导报          第3版  基层

        打造“冷链仓储+电商直播+物流专线”
        新链条  拓宽山区农产品出山通道

        某某冷链专线是山区农产品进城的主要
        运输方式之一，由四川省广元市旺苍县政
        府与物流企业共同牵头运营打造。

        不靠城、不靠港，旺苍县走出“专线带
        电商、电商带产业”的发展路子，把山
        区特产变成了致富产品。

        数据来源：中共四川省旺苍县委宣
        传部

        议在家门口  小
        巷换新颜

        本报记者  何  平

        “现在的小巷干净了、亮堂了，走起
        来心里也敞亮！”广东省河源市和平县
        阳明镇居民说。近年来，和平县开展
        了背街小巷整治，成效明显。
        """).lstrip("\n")
    )
    assert not recovered.problems, recovered.problems
    first, second = recovered.articles
    assert first.title == "打造“冷链仓储+电商直播+物流专线”新链条  拓宽山区农产品出山通道"
    assert first.region.district == "旺苍县" and _texts(first)[-1] == "数据来源：中共四川省旺苍县委宣传部"
    assert second.title == "议在家门口  小巷换新颜" and second.authors == ("何平",)
    assert second.region.district == "和平县"
    assert any(n.kind is NoteKind.REVIEW and "首个标题区之上" in n.message for n in recovered.notes)


def test_broadcast_digest_under_a_dated_header_gives_one_article_per_item_with_the_header_date():
    recovered = parse_text(
        dedent("""
        # 2026年3月15日新闻联播文字版

        ### 【新思想引领新征程】贵州湄潭：茶园里的基层治理新路子

        央视网消息（新闻联播）：在贵州省遵义市湄潭县，茶农们通过“茶园议事会”共同商量茶叶品牌建设。

        湄潭县已在全县推广“茶园议事会”。

        ### 甘肃临泽：戈壁滩上种出“致富果”

        央视网消息（新闻联播）：甘肃省张掖市临泽县引导村党组织领办合作社，在戈壁滩上发展日光温室。
        """).lstrip("\n")
    )
    assert not recovered.problems, recovered.problems
    first, second = sorted(recovered.articles, key=lambda a: a.headline.start)
    assert (first.title, first.region.district) == ("【新思想引领新征程】茶园里的基层治理新路子", "湄潭县")
    assert (second.title, second.region.district) == ("戈壁滩上种出“致富果”", "临泽县")
    assert {(a.date, a.publisher) for a in (first, second)} == {("2026-03-15", "新闻联播")}
    assert [b.text for b in second.blocks] == [
        "央视网消息（新闻联播）：甘肃省张掖市临泽县引导村党组织领办合作社，在戈壁滩上发展日光温室。"
    ]


def test_a_section_heading_marked_like_a_kicker_over_running_text_stays_a_heading_of_its_article():
    _, article = _one("""
        # 茶园议事会开到田间地头

        本报记者  刘  青

        安徽省六安市舒城县的茶农们把议事桌搬进了茶园。

        ## 一、议事桌搬到茶园里

        舒城县各村每月召开一次议事会，村干部和茶农围坐一起商量事情。
        """)
    assert article.title == "茶园议事会开到田间地头"
    assert [b.kind.value for b in article.blocks] == ["para", "heading", "para"]


def test_e_paper_page_label_with_a_section_letter_and_page_turners_is_furniture():
    _, article = _one("""
        第A03版：要闻                上一版  下一版

        “一张网”管好村里事

        本报记者  孙  丽

        湖南省长沙市望城区推行村级事务“一张网”管理，村务公开、矛盾调解全部上网。
        """)
    assert (article.title, article.authors) == ("“一张网”管好村里事", ("孙丽",))


def test_government_disclosure_catalogue_with_spaced_labels_is_metadata_and_dates_the_article():
    _, article = _one("""
        您当前的位置：首页 > 政务公开 > 工作动态
        索 引 号：11510822MB1234567X/2026-00012
        信息分类：政务动态
        发布机构：旺苍县民政局
        生成日期：2026-04-08
        文　　号：
        主 题 词：

        旺苍县：“养老驿站”开进山村

        　　四川省广元市旺苍县探索在村级建设“养老驿站”，为老年人提供助餐服务。
        相关附件：
        扫一扫在手机打开当前页
        """)
    assert (article.title, article.region.district, article.date) == ("“养老驿站”开进山村", "旺苍县", "2026-04-08")
    assert [b.text for b in article.blocks] == ["四川省广元市旺苍县探索在村级建设“养老驿站”，为老年人提供助餐服务。"]


def test_wechat_closing_end_mark_and_statement_and_web_share_prompts_are_furniture():
    _, article = _one("""
        山村里的“养老驿站”

        作者 | 黄  敏
        来源 | 旺苍发布

        四川省广元市旺苍县探索在村级建设“养老驿站”，为老年人提供助餐服务。

        — END —

        声明：本文为原创内容，转载请注明出处。
        小字号
        分享让更多人看到
        """)
    assert [b.text for b in article.blocks] == ["四川省广元市旺苍县探索在村级建设“养老驿站”，为老年人提供助餐服务。"]


def test_an_undated_article_takes_the_date_of_the_running_head_printed_inside_it_and_says_so():
    recovered = parse_text(
        dedent("""
        村里来了“法律明白人”

        本报记者  宋  豪

        在四川省遂宁市蓬溪县赤城镇，“法律明白人”成了村民的主心骨。蓬溪县培育

        2026年4月2日  星期四                  人民日报                     第 19 版
        “法律明白人”1200余名，实现每个村民小组至少有1名。
        """).lstrip("\n")
    )
    (article,) = recovered.articles
    assert (article.date, article.publisher) == ("2026-04-02", "人民日报")
    assert any(n.kind is NoteKind.REVIEW and "页眉的日期" in n.message for n in recovered.notes)


def test_local_news_page_with_its_title_bar_and_an_unlabelled_date_after_the_editor_field():
    _, article = _one("""
        宁海新闻网 - 宁海：“村民说事”说出和美乡村
        宁海：“村民说事”说出和美乡村
        来源：宁波日报  作者：记者 陈  敏 通讯员 王  强  编辑：周  洁  2026-03-01 09:12:33
        浙江省宁波市宁海县推行“村民说事”制度已有十余年。
        每月固定一天，村干部和村民坐在一起，说事、议事、办事。
        """)
    assert (article.title, article.region.district, article.date, article.time) == (
        "“村民说事”说出和美乡村",
        "宁海县",
        "2026-03-01",
        "09:12:33",
    )
    assert article.authors == ("陈敏", "王强") and article.publisher == "宁波日报"
    assert [b.text for b in article.blocks] == [
        "浙江省宁波市宁海县推行“村民说事”制度已有十余年。",
        "每月固定一天，村干部和村民坐在一起，说事、议事、办事。",
    ]


def test_post_with_its_account_and_date_over_the_title_and_bold_numbered_sections_under_it():
    _, article = _one("""
        德清发布
        2026-05-06 18:00

        “数字乡村”让村民办事不出村

        **一、一部手机管全村**

        在浙江省湖州市德清县，村民用手机就能查看村务、反映问题。

        **二、一块屏幕看全域**

        德清县建成数字乡村一张图，汇聚全县137个村的数据。
        """)
    assert (article.title, article.date, article.publisher) == ("“数字乡村”让村民办事不出村", "2026-05-06", "德清发布")
    assert [b.kind.value for b in article.blocks] == ["heading", "para", "heading", "para"]


def test_markdown_copy_with_a_marked_subtitle_a_trainee_in_the_byline_glued_edition_and_a_picture_link():
    _, article = _one("""
        ---
        title: 山乡巨变看小岗
        date: 2026-02-10
        ---
        ### 安徽凤阳县小岗村——
        # 山乡巨变看小岗
        ## 党建引领推动乡村全面振兴纪实
        本报记者  田先进  实习生  王  可《人民日报》（2026年02月10日第 06 版）
        ![](https://example.org/img/a.jpg)
        “过去吃不饱饭，现在住上了小洋楼。”安徽省滁州市凤阳县小岗村村民严金昌说。
        """)
    assert (article.kicker, article.title, article.subtitle) == (
        "安徽凤阳县小岗村——",
        "山乡巨变看小岗",
        "党建引领推动乡村全面振兴纪实",
    )
    assert (article.authors, article.role, article.date, article.publisher) == (
        ("田先进", "王可"),
        "本报记者、实习生",
        "2026-02-10",
        "人民日报",
    )
    assert [b.text for b in article.blocks] == ["“过去吃不饱饭，现在住上了小洋楼。”安徽省滁州市凤阳县小岗村村民严金昌说。"]


def test_a_level_two_markdown_line_under_the_title_without_a_byline_below_is_a_section_heading():
    _, article = _one("""
        # 让“小积分”激发治理“大能量”
        ## 积分兑换进超市
        在湖北省宜昌市夷陵区，村民参与村级事务可获得积分。
        """)
    assert (article.title, article.subtitle) == ("让“小积分”激发治理“大能量”", "")
    assert [b.kind.value for b in article.blocks] == ["heading", "para"]


def test_wechat_post_with_audio_button_credit_labels_end_mark_and_back_issue_links():
    _, article = _one("""
        🔥“积分超市”开进村，乡村治理有了新抓手！
        原创 融媒小编 微山发布 2026年06月03日 17:45 山东
        听全文

        ✨近日，走进山东省济宁市微山县两城镇的“积分超市”，货架上摆满了生活用品。

        目前，微山县已建成“积分超市”156个。

        - THE END -
        往期回顾
        ·微山县召开乡村振兴推进会
        ·两城镇：小荷叶撑起大产业
        微山发布
        长按二维码关注我们
        """)
    assert (article.title, article.date, article.publisher) == (
        "🔥“积分超市”开进村，乡村治理有了新抓手！",
        "2026-06-03",
        "微山发布",
    )
    assert [b.text for b in article.blocks] == [
        "✨近日，走进山东省济宁市微山县两城镇的“积分超市”，货架上摆满了生活用品。",
        "目前，微山县已建成“积分超市”156个。",
    ]


def test_county_portal_with_menu_read_count_and_bracketed_editor_line():
    _, article = _one("""
        鹤峰县人民政府门户网站
        首页 | 政务公开 | 政务服务 | 互动交流 | 走进鹤峰
        鹤峰县：“屋场会”开到群众心坎上
        发布日期：2026-04-21 09:30  来源：本网  阅读次数：1024  【大 中 小】  【打印】  【关闭】
        　　湖北省恩施土家族苗族自治州鹤峰县推行“屋场会”工作法，干部与群众面对面议事。
        【责任编辑：田  芳】
        分享到：
        网站地图 | 联系我们 | 隐私声明
        """)
    assert (article.title, article.region.district, article.date) == ("“屋场会”开到群众心坎上", "鹤峰县", "2026-04-21")
    assert [b.text for b in article.blocks] == ["湖北省恩施土家族苗族自治州鹤峰县推行“屋场会”工作法，干部与群众面对面议事。"]


def test_work_bulletin_masthead_with_issue_number_and_issuing_office_dates_its_article():
    _, article = _one("""
        乡村振兴工作简报
        第 12 期
        中共凤冈县委农村工作领导小组办公室              2026年5月20日

        凤冈县：“茶旅融合”走出致富新路
            贵州省遵义市凤冈县推动茶产业与乡村旅游融合发展。
            全县建成茶旅一体化景区12个。

                                         - 3 -
        """)
    assert (article.title, article.date, article.publisher) == ("“茶旅融合”走出致富新路", "2026-05-20", "乡村振兴工作简报")
    assert [b.text for b in article.blocks] == [
        "贵州省遵义市凤冈县推动茶产业与乡村旅游融合发展。",
        "全县建成茶旅一体化景区12个。",
    ]


def test_two_byline_lines_under_the_title_make_one_byline_with_both_roles():
    _, article = _one("""
        ### 江西井冈山市——
        # 红色村庄的新变化
        本报记者  朱  磊
        本报通讯员  刘  新
        江西省吉安市井冈山市茅坪乡神山村，游客络绎不绝。
        """)
    assert (article.authors, article.role) == (("朱磊", "刘新"), "本报记者、本报通讯员")
    assert [b.text for b in article.blocks] == ["江西省吉安市井冈山市茅坪乡神山村，游客络绎不绝。"]


def test_a_role_followed_by_a_colon_is_a_byline():
    _, article = _one("""
        # 红色村庄的新变化
        本报记者：朱磊
        江西省吉安市井冈山市茅坪乡神山村，游客络绎不绝。
        """)
    assert (article.authors, article.role) == (("朱磊",), "本报记者")


def test_a_closing_reporter_credit_in_brackets_is_the_byline_of_a_story_without_one():
    _, article = _one("""
        红色村庄的新变化

        新华社南昌5月3日电  江西省吉安市井冈山市茅坪乡神山村，游客络绎不绝。

        （记者 朱磊）
        """)
    assert (article.authors, article.role, article.signature) == (("朱磊",), "记者", "（记者 朱磊）")
    assert [b.text for b in article.blocks] == ["新华社南昌5月3日电  江西省吉安市井冈山市茅坪乡神山村，游客络绎不绝。"]


def test_a_short_wrapped_line_whose_next_line_opens_on_a_comma_is_running_text_not_a_title():
    _, article = _one("""
        四川理塘  草原上的流动党校

        本报记者  罗  兰

        四川省甘孜藏族自治州理塘县，牧场上的帐篷成了课堂。

        为了让牧民学到养殖新技术
        ，县里的农技干部，理塘县畜牧
        局副局长扎西带着讲师团，
        每月进牧场授课。
        """)
    assert article.title == "草原上的流动党校"
    assert [b.text for b in article.blocks][
        -1
    ] == "为了让牧民学到养殖新技术，县里的农技干部，理塘县畜牧局副局长扎西带着讲师团，每月进牧场授课。"


def test_an_author_field_under_a_post_header_names_the_author_instead_of_the_headers_writer():
    _, article = _one("""
        “积分超市”开进村
        原创 融媒小编 微山发布 2026年06月03日 17:45 山东

        文字 | 孔  伟  图片 | 张  强

        山东省济宁市微山县两城镇的“积分超市”，货架上摆满了生活用品。
        """)
    assert (article.authors, article.date, article.publisher) == (("孔伟",), "2026-06-03", "微山发布")


def test_a_portal_copy_closes_with_the_papers_spaced_edition_note_which_gives_the_page():
    recovered, article = _one("""
        人民网－人民日报
        江西赣州市南康区：家具产业向“智造”转身
        2026年03月18日05:41 | 来源：人民网－人民日报
        小字号

        　　本报记者　周明远

        　　清晨七点，南康区龙岭镇的家具产业园已经热闹起来。

        　　《 人民日报 》（ 2026年03月18日   第 11 版）

        (责编：陈晓、刘平)

        分享让更多人看到
        """)
    assert (article.region.district, article.title, article.authors) == ("南康区", "家具产业向“智造”转身", ("周明远",))
    assert (article.date, article.publisher, article.page) == ("2026-03-18", "人民日报", "11")
    assert _texts(article) == ["清晨七点，南康区龙岭镇的家具产业园已经热闹起来。"]
    assert not [n for n in recovered.notes if n.kind is NoteKind.UNPUBLISHED]  # the portal's name over it is metadata


def test_an_edition_note_after_a_dated_body_tells_that_article_and_not_the_next():
    recovered = parse_text(
        dedent("""
        2026年3月18日 星期三

        河北邢台信都区：“板凳会”开到村口

        本报记者  李  想

        信都区的“板凳会”，开在村口的大槐树下。

        《人民日报》（2026年03月18日第 11 版）

        山西阳高县：一张清单减负担

        本报记者  赵  明

        阳高县梳理出村级组织工作事项清单。
        """).lstrip()
    )
    first, second = recovered.articles
    assert (first.page, first.publisher) == ("11", "人民日报") and second.page == ""


def test_a_plain_kicker_right_over_a_title_led_by_its_place_is_the_kicker():
    _, article = _one("""
        县域治理探索新路径
        贵州湄潭　一片茶叶带富一方百姓
        ——来自湄潭县核桃坝村的调查
        本报记者　王　强　吴　霞
        　　初夏时节，湄潭县核桃坝村的茶园里，茶农们正忙着采摘夏茶。
        """)
    assert (article.kicker, article.title, article.region.district) == ("县域治理探索新路径", "一片茶叶带富一方百姓", "湄潭县")
    assert article.subtitle == "——来自湄潭县核桃坝村的调查" and article.authors == ("王强", "吴霞")


def test_a_kicker_over_a_dateline_title_survives_a_page_name_above_it():
    _, article = _one("""
        2026年5月12日 星期二
        党建
        江西永新创新村级事务监督机制
        江西省吉安市永新县：小微权力晒在阳光下
        本报记者  刘  芳
        在永新县，村级小微权力清单贴进了每个村的公开栏。
        """)
    assert (article.kicker, article.title, article.region.district) == (
        "江西永新创新村级事务监督机制",
        "小微权力晒在阳光下",
        "永新县",
    )


def test_a_report_title_set_over_two_lines_that_opens_on_the_county_stays_one_title():
    _, article = _one("""
        绩溪县人民政府关于2025年度
        法治政府建设情况的报告
        （2026年1月20日）
        2025年，绩溪县坚持以法治政府建设为抓手，推进依法行政。
        """)
    assert (article.title, article.kicker, article.date) == ("绩溪县人民政府关于2025年度法治政府建设情况的报告", "", "2026-01-20")


def test_a_wrapped_closing_fields_tail_over_the_next_title_is_not_its_kicker():
    recovered = parse_text(
        dedent("""
        江西南昌青云谱区：老厂房变身文创街区
        本报记者  周  舟
        青云谱区把闲置厂房改造成文创街区，吸引了一批年轻创业者。
        数据来源：中共南昌市青云
        谱区委宣传部
        浙江省湖州市安吉县：竹林深处的议事会
        本报记者  沈嘉怡
        春分过后，安吉县天荒坪镇的竹林里新笋破土。
        """).lstrip()
    )
    assert [(a.kicker, a.title) for a in recovered.articles] == [("", "老厂房变身文创街区"), ("", "竹林深处的议事会")]
    assert "谱区委宣传部" in "".join(b.text for b in recovered.articles[0].blocks)


def test_a_news_sites_source_bar_and_its_editor_among_the_buttons():
    recovered, article = _one("""
        浙江德清：数字乡村建设跑出“加速度”
        来源：新华网 | 2026-05-09 10:21:07 | 责任编辑：刘洋
        　　新华社杭州5月9日电（记者 陈静怡）走进湖州市德清县五四村，村口的数字大屏实时显示着各类数据。
        【纠错】 【责任编辑：刘洋】
        """)
    assert (article.publisher, article.date, article.authors, article.role) == ("新华网", "2026-05-09", ("陈静怡",), "新华社记者")
    assert "【纠错】 【责任编辑：刘洋】" in [n.text for n in recovered.notes if n.kind is NoteKind.BOILERPLATE]


def test_a_departments_closing_supply_credit_names_it_as_the_author():
    recovered, article = _one("""
        长兴县：“三治融合”让乡村既有活力又有秩序

        　　近年来，长兴县坚持自治、法治、德治相结合。
        　　（长兴县委政法委供稿）
        """)
    assert (article.authors, article.signature) == (("长兴县委政法委",), "（长兴县委政法委供稿）")
    assert _texts(article) == ["近年来，长兴县坚持自治、法治、德治相结合。"]


def test_a_repost_card_over_a_post_names_the_account_and_its_introduction_is_furniture():
    recovered, article = _one("""
        以下文章来源于湄潭发布 ，作者湄潭县融媒体中心

        湄潭发布.
        湄潭县人民政府官方发布平台

        茶园里的“共富工坊”

        湄潭发布 湄潭发布 2026-06-01 08:00 发表于贵州

        近日，走进湄潭县兴隆镇龙凤村的“共富工坊”，20多名村民正在分拣茶叶。

        据了解，湄潭县已建成“共富工坊”56家，带动就业3000余人。
        """)
    assert (article.title, article.region.district, article.publisher, article.date) == (
        "茶园里的“共富工坊”", "湄潭县", "湄潭发布", "2026-06-01"
    )
    assert not [n for n in recovered.notes if n.kind is NoteKind.UNPUBLISHED]
    assert "湄潭县人民政府官方发布平台" in [n.text for n in recovered.notes if n.kind is NoteKind.BOILERPLATE]


def test_a_local_sites_dateline_names_the_reporters_and_its_county_when_nothing_else_does():
    recovered, article = _one("""
        “老娘舅”工作室开到村里
        发布日期：2026-06-02　　来源：长兴新闻网　　字号：[ 大 中 小 ]

        　　长兴新闻网讯（记者 张三 通讯员 李四）近日，我县和平镇首个“老娘舅”调解工作室正式挂牌。
        　　近年来，和平镇积极探索矛盾纠纷多元化解机制。
        """)
    assert (article.region.full, article.region_from) == ("浙江省湖州市长兴县", "channel")
    assert article.authors == ("张三", "李四") and article.date == "2026-06-02"
    assert any(n.kind is NoteKind.REVIEW and "长兴新闻网" in n.message for n in recovered.notes)


def test_a_county_accounts_post_that_names_only_its_towns_is_placed_in_the_accounts_county():
    _, article = _one("""
        稻田里的“共享农机”
        德清发布  2026年06月05日 17:45 浙江

        新市镇的种粮大户老沈，今年第一次用上了“共享农机”。

        镇农业服务中心统一调度，农户扫码就能预约。
        """)
    assert (article.region.district, article.region_from, article.publisher) == ("德清县", "channel", "德清发布")


def test_a_national_paper_as_the_source_names_no_county():
    recovered = parse_text(
        dedent("""
        稻田里的“共享农机”
        来源：光明日报  2026-06-05

        新市镇的种粮大户老沈，今年第一次用上了“共享农机”。
        """).lstrip()
    )
    assert not recovered.articles and recovered.problems  # no place anywhere: the editor names it


def test_a_report_in_pdf_text_with_its_issuer_bracketed_date_points_and_page_numbers():
    _, article = _one("""
        德清县推进“数字乡村”建设的实践与启示
        中共德清县委办公室
        （2026 年 5 月 20 日）
        近年来，浙江省湖州市德清县坚持以数字化改革为牵引，探
        索形成了数字乡村建设的“德清模式”，为全国提供了可复
        制可推广的经验。
        一、主要做法
        （一）建好一张图。全县建成覆盖 137 个行政村的数
        字乡村一张图，汇集农业生产、乡村治理等数据 2.6
        亿条，实现了村情民意一图感知。
        （二）用好一张网。依托基层治理四平台，实现矛盾纠纷线
        上受理、线下处置，群众办事从“跑多次”变为“跑一次”
        。
        — 2 —
        二、几点启示
        数字乡村建设必须坚持以人民为中心，让群众成为数字化改
        革的参与者和受益者。
        """)
    assert (article.region.district, article.authors, article.date) == ("德清县", ("中共德清县委办公室",), "2026-05-20")
    assert _texts(article, "heading") == ["一、主要做法", "二、几点启示"]
    assert _texts(article) == [
        "近年来，浙江省湖州市德清县坚持以数字化改革为牵引，探索形成了数字乡村建设的“德清模式”，为全国提供了可复制可推广的经验。",
        "（一）建好一张图。全县建成覆盖137个行政村的数字乡村一张图，汇集农业生产、乡村治理等数据2.6亿条，实现了村情民意一图感知。",
        "（二）用好一张网。依托基层治理四平台，实现矛盾纠纷线上受理、线下处置，群众办事从“跑多次”变为“跑一次”。",
        "数字乡村建设必须坚持以人民为中心，让群众成为数字化改革的参与者和受益者。",
    ]


def test_a_local_papers_pdf_page_with_numbered_running_heads_page_name_and_a_continued_story():
    recovered, article = _one("""
        2026年6月12日　星期五　　　　　　　　　湖州日报　　　　　　　　　　　　　　　3
        综合新闻
        安吉余村：“两山”路上再出发
        记者　陈　静　通讯员　王　伟
        本报讯　六月的余村，竹海连绵，
        游人如织。近年来，安吉县天荒坪镇
        余村坚持生态优先、绿色发展，村集
        体经济收入连续五年增长。
        （下转第4版）
        责任编辑：沈　洁　　美术编辑：李　明
        4　　　　　　　　　　　　　　　　湖州日报　　　　　　　　2026年6月12日　星期五
        （上接第3版）
        目前，余村已引进青年创业项目四十余个，
        吸引大学生回乡创业二百余人。
        """)
    assert (article.region.district, article.title, article.authors) == ("安吉县", "“两山”路上再出发", ("陈静", "王伟"))
    assert (article.date, article.publisher, article.page) == ("2026-06-12", "湖州日报", "3")
    assert _texts(article) == [
        "本报讯　六月的余村，竹海连绵，游人如织。近年来，安吉县天荒坪镇余村坚持生态优先、绿色发展，村集体经济收入连续五年增长。",
        "目前，余村已引进青年创业项目四十余个，吸引大学生回乡创业二百余人。",
    ]
    assert not [n for n in recovered.notes if n.kind is NoteKind.UNPUBLISHED]


def test_a_jump_note_set_on_a_pdf_paragraphs_last_line_is_furniture():
    recovered, article = _one("""
        遂昌茶文化节开幕
        本报记者  郑  宇
        　　本届茶文化节在王村口镇开幕，游
        客们品香茗、赏茶艺，现场签约茶叶
        订单三百余万元。
        　　据悉，遂昌县现有茶园面积12.5万亩，
        年产值超过15亿元，茶产业已成为当地
        群众增收致富的主导产业。（下转第二版）
        """)
    assert _texts(article) == [
        "本届茶文化节在王村口镇开幕，游客们品香茗、赏茶艺，现场签约茶叶订单三百余万元。",
        "据悉，遂昌县现有茶园面积12.5万亩，年产值超过15亿元，茶产业已成为当地群众增收致富的主导产业。",
    ]
    assert "（下转第二版）" in [n.text for n in recovered.notes if n.kind is NoteKind.BOILERPLATE]


def test_a_county_outlets_dateline_names_reporters_and_a_closing_source_names_the_publisher():
    _, article = _one("""
        薛坪镇：农技专家进茶园
        南漳讯（记者 周明亮 通讯员 彭 丽 黄志刚）3月5日，南漳县薛坪镇组织农技专家走进茶园。
        专家们深入茶园，手把手指导茶农修剪茶树。
        来源：南漳县融媒体中心
        责任编辑：王芳
        """)
    assert (article.region.district, article.authors, article.role) == ("南漳县", ("周明亮", "彭丽", "黄志刚"), "记者、通讯员")
    assert article.publisher == "南漳县融媒体中心"


def test_a_post_header_over_the_title_naming_its_writer_twice_gives_author_account_and_date():
    recovered, article = _one("""
        ▲点击上方蓝字关注我们
        原创 吴小雨 吴小雨 微沙县 2025-09-10 17:42 福建
        沙县区夏茂镇：
        小吃培训班开到了家门口
        　　9月8日，沙县区夏茂镇第三期小吃技能培训班开班。
        本期编辑：陈 露
        素材来源：夏茂镇
        预览时标签不可点
        微信扫一扫
        关注该公众号
        点分享
        点在看
        喜欢就点个“在看”吧
        """)
    assert (article.title, article.region.district) == ("小吃培训班开到了家门口", "沙县区")
    assert (article.authors, article.publisher, article.date) == (("吴小雨",), "微沙县", "2025-09-10")
    assert _texts(article) == ["9月8日，沙县区夏茂镇第三期小吃技能培训班开班。"]
    removed = [n.text for n in recovered.notes if n.kind is NoteKind.BOILERPLATE]
    assert {"▲点击上方蓝字关注我们", "预览时标签不可点", "点分享", "喜欢就点个“在看”吧"} <= set(removed)


def test_a_posted_label_before_the_date_is_no_account():
    _, article = _one("""
        平阳发布
        发表于2025-12-02 07:30
        水头镇调解中心挂牌运行
        近日，平阳县水头镇矛盾纠纷调解中心正式挂牌运行。
        """)
    assert (article.publisher, article.date) == ("平阳发布", "2025-12-02")


def test_a_government_pages_attachment_lines_are_furniture():
    recovered, article = _one("""
        岳西县召开民营企业座谈会
        作者：县工商联  来源：岳西县人民政府网  发布时间：2025年11月26日
        　　11月25日，岳西县召开民营企业座谈会，听取企业家意见建议。
        附件：1.岳西县2025年惠企政策清单.docx
        相关附件：无
        """)
    assert _texts(article) == ["11月25日，岳西县召开民营企业座谈会，听取企业家意见建议。"]
    removed = [n.text for n in recovered.notes if n.kind is NoteKind.BOILERPLATE]
    assert {"附件：1.岳西县2025年惠企政策清单.docx", "相关附件：无"} <= set(removed)


def test_a_government_page_typed_in_half_width_throughout():
    _, article = _one("""
        当前位置:首页 > 镇街动态
        通许县厉庄镇:"小积分"兑出乡村文明"大变化"
        发布时间:2025-08-16 10:05 作者:张晓丽 来源:厉庄镇 浏览量: 512
        8月15日,厉庄镇"文明积分超市"迎来了第三次集中兑换日. 村民们拿着积分卡,兑换生活用品.
        据统计,全镇已建成积分超市12个,累计发放积分4.6万分.
        【打印本页】【关闭窗口】
        """)
    assert (article.region.district, article.title) == ("通许县", "“小积分”兑出乡村文明“大变化”")
    assert (article.authors, article.date, article.publisher) == (("张晓丽",), "2025-08-16", "厉庄镇")
    assert _texts(article) == [
        "8月15日，厉庄镇“文明积分超市”迎来了第三次集中兑换日。村民们拿着积分卡，兑换生活用品。",
        "据统计，全镇已建成积分超市12个，累计发放积分4.6万分。",
    ]
