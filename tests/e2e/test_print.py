"""Printing a district page from the browser gives clean A4 pages: article only, no site chrome.

Chromium's PDF text layer maps some ordinary characters to CJK radical / Kangxi code points
(门 -> ⻔, 页 -> ⻚, 干 -> ⼲ …); those code points, and only those, are mapped back with
NFKC before comparing, so the comparison is about what a reader sees.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

pytestmark = pytest.mark.browser

# CJK Radicals Supplement and Kangxi Radicals.
RADICALS = re.compile("[\u2e80-\u2fdf]")


def _unradical(text: str) -> str:
    """Map radical code points back to the ideographs they stand for (NFKC on those only)."""
    return RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def _print(page: Page, url: str) -> tuple[int, str]:
    page.goto(url)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    text = _unradical("".join(p.extract_text() for p in reader.pages))
    return len(reader.pages), re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("path", "title", "sample"),
    [
        ("districts/yunnan-qujing-qilin/", "智慧党建按下城市基层治理“快进键”", "配备网格员3688名"),
        ("zh-Hant/districts/yunnan-qujing-qilin/", "智慧黨建按下城市基層治理「快進鍵」", "配備網格員3688名"),
    ],
)
def test_printed_district_page_has_the_article_and_none_of_the_site_chrome(page: Page, site_server: str, path, title, sample):
    pages, text = _print(page, site_server + path)
    assert title in text and sample in text
    for chrome in ("搜索", "搜尋", "地区索引", "地區索引", "主题总览", "主題總覽", "简体中文", "繁體中文"):
        assert chrome not in text, f"site chrome printed: {chrome}"
    # The footer names the handbook; a preview build's loopback address is never printed.
    assert "基层治理案例手册" in text or "基層治理案例手冊" in text
    assert "127.0.0.1" not in text and "localhost" not in text
    body_chars = len(re.findall(r"[\u4e00-\u9fff]", text))
    # An A4 page of 10.5 pt CJK text holds roughly 900-1500 characters.
    assert body_chars / 1600 <= pages <= body_chars / 500 + 2, (pages, body_chars)


def test_printed_matrix_fits_the_page_width(page: Page, site_server: str):
    page.goto(site_server + "themes/")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    width = page.evaluate("document.querySelector('table.hb-matrix').getBoundingClientRect().width")
    assert width <= 794


@pytest.mark.parametrize(("path", "hints"), [("themes/", ("点击数字", "左右滑动")), ("zh-Hant/themes/", ("點選數字", "左右滑動"))])
def test_printed_matrix_page_leaves_out_the_screen_only_instructions(page: Page, site_server: str, path, hints):
    page.goto(site_server + path)
    assert all(hint in page.inner_text("article") for hint in hints)  # said on screen
    _, text = _print(page, site_server + path)
    assert "颜色越深" in text or "顏色越深" in text
    assert not any(hint in text for hint in hints), "a screen-only instruction was printed"
