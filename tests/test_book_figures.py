"""The book sets each picture's credit in its caption's box, wherever the source put it (no PDF library needed)."""

from __future__ import annotations

import re
from textwrap import dedent

from build_docs.pdf import Figure, book_blocks, book_html

from .helpers import build_from, parse_text

HEAD = """\
人民日报 2021年4月19日 星期一

# 福建省厦门市湖里区：小区治理有新招

福建省厦门市湖里区委书记 张三

湖里区坚持党建引领，推动小区治理走深走实，群众的获得感、幸福感不断提升。全区各级党组织把服务送到居民家门口，解决了一批群众的难题。

"""
BODY = "全区建立小区党支部三百余个，推行“小区吹哨、部门报到”机制。各社区依托党群服务中心，组织在职党员回社区报到，认领服务项目。"


def _layout(body: str) -> list:
    """The book's layout of the one article of a literal seed: HEAD, then body."""
    (article,) = parse_text(HEAD + dedent(body).lstrip("\n")).articles
    return book_blocks(article)


def _figures(body: str) -> list[tuple[str, list[str]]]:
    """The (caption, credits) of each figure the book sets for the literal body."""
    return [(b.caption, b.credits) for b in _layout(body) if isinstance(b, Figure)]


def test_a_credit_line_under_a_caption_joins_its_box_whatever_the_recovery_filed_it_as():
    # '新华社记者 王五 摄' is recovered as a caption of its own, '（…摄）' may pass for a heading.
    figures = _figures(f"""
        ▲湖里区殿前街道党员志愿者在小区开展义诊活动。

        新华社记者 王五 摄

        {BODY}

        ▲湖里区禾山街道居民在党群服务中心参加读书会。

        （本报记者 李四 摄）

        {BODY}

        图为湖里区居民参加读书会。
        赵六摄

        {BODY}
        """)
    assert figures == [
        ("湖里区殿前街道党员志愿者在小区开展义诊活动。", ["新华社记者 王五 摄"]),
        ("湖里区禾山街道居民在党群服务中心参加读书会。", ["（本报记者 李四 摄）"]),
        ("图为湖里区居民参加读书会。", ["赵六摄"]),
    ]


def test_a_credit_at_the_end_of_the_caption_line_is_set_as_its_credit_line():
    figures = _figures(f"""
        ▲湖里区殿前街道党员志愿者在小区开展义诊活动。（新华社记者 王五 摄）

        {BODY}

        ▲湖里区禾山街道居民参加读书会。本报记者 李四 摄

        {BODY}
        """)
    assert figures == [
        ("湖里区殿前街道党员志愿者在小区开展义诊活动。", ["（新华社记者 王五 摄）"]),
        ("湖里区禾山街道居民参加读书会。", ["本报记者 李四 摄"]),
    ]


def test_the_articles_closing_credit_joins_the_last_caption_above_it():
    layout = _layout(f"""
        ▲湖里区殿前街道党员志愿者在小区开展义诊活动。

        {BODY}

        下一步，湖里区将继续深化党建引领基层治理，让群众生活更美好。（图片由厦门市湖里区委组织部提供）
        """)
    kinds = [b.kind for b in layout]
    assert kinds == ["para", "figure", "para", "para"], kinds  # nothing after the last paragraph
    assert layout[1].credits == ["（图片由厦门市湖里区委组织部提供）"]
    assert layout[-1].text.endswith("让群众生活更美好。")


def test_a_credit_with_no_caption_above_keeps_its_place_and_body_text_stays_body_text():
    layout = _layout(f"""
        {BODY}

        （图片由厦门市湖里区委组织部提供）

        记者王五摄下了这一幕，居民们纷纷点赞。
        """)
    kinds = [b.kind for b in layout]
    assert kinds == ["para", "para", "figure", "para"], kinds
    assert (layout[2].caption, layout[2].credits) == ("", ["（图片由厦门市湖里区委组织部提供）"])


def test_the_book_prints_caption_and_credit_in_one_box_and_loses_no_text(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "t.txt").write_text(
        HEAD
        + dedent(f"""
        ▲湖里区殿前街道党员志愿者在小区开展义诊活动。

        新华社记者 王五 摄

        {BODY}

        下一步，湖里区将继续深化党建引领基层治理，让群众生活更美好。（图片由厦门市湖里区委组织部提供）
        """).lstrip("\n"),
        encoding="utf-8",
    )
    result = build_from(seeds)
    for lang in ("zh-Hans", "zh-Hant"):
        html = book_html(result, lang)
        boxes = re.findall(r"<figure>(.*?)</figure>", html, re.S)
        assert len(boxes) == 1, boxes
        text = re.sub(r"<[^>]+>", "", boxes[0])
        for credit in ("新华社记者 王五 摄", "（图片由厦门市湖里区委组织部提供）"):
            converted = result.converter.convert(credit) if lang == "zh-Hant" else credit
            assert converted in text, (lang, converted)
            assert f'<div class="credit">{converted}</div>' in boxes[0]
