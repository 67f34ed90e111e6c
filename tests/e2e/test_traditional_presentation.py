"""The Traditional site looks Traditional: TC faces, corner quotes, Taiwan interface wording."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

MAINLAND_UI_WORDS = ("鼠標", "打印", "鏈接", "點擊", "下劃線")
# Article text, quoted source lines and the declared patterns on 校勘记 (which match mainland
# web pages word for word) are content, converted by OpenCC; the check is on the words the
# handbook itself writes around them.
CONTENT = (
    "[data-source], .hb-passage, .hb-note, .hb-declared pre, .hb-figures td, .hb-term, .hb-kicker, .hb-subtitle, .hb-signature"
)


def _hant_pages(site_dir: Path) -> list[str]:
    root = site_dir / "zh-Hant"
    return sorted(
        "zh-Hant/" + p.parent.relative_to(root).as_posix().removeprefix(".") + "/" if p.parent != root else "zh-Hant/"
        for p in root.rglob("index.html")
        if "assets" not in p.parts
    )


def test_traditional_pages_are_set_in_a_tc_face_first(page: Page, site_server: str):
    for path in ("zh-Hant/", "zh-Hant/districts/fujian-xiamen-huli/", "zh-Hant/notes/"):
        page.goto(site_server + path)
        family = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
        assert family.split(",")[0].strip().strip('"') == "Noto Sans CJK TC", (path, family)
    page.goto(site_server)
    family = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
    assert family.split(",")[0].strip().strip('"') == "Noto Sans CJK SC"


def test_traditional_pages_quote_with_corner_brackets(page: Page, site_server: str):
    page.goto(site_server + "zh-Hant/districts/fujian-xiamen-huli/")
    text = page.locator("article").inner_text()
    assert "「" in text and "」" in text
    assert not any(q in text for q in "“”‘’")


def test_no_mainland_interface_word_on_any_traditional_page(page: Page, site_server: str, site_dir: Path):
    paths = _hant_pages(site_dir)
    assert len(paths) >= 20
    for path in paths:
        page.goto(site_server + path)
        chrome = page.evaluate(
            """(content) => {
                 const body = document.body.cloneNode(true);
                 body.querySelectorAll(content).forEach(el => el.remove());
                 return body.innerText + ' ' + [...document.querySelectorAll('[title],[aria-label],[placeholder]')]
                   .map(el => (el.getAttribute('title') || '') + (el.getAttribute('aria-label') || '') + (el.getAttribute('placeholder') || '')).join(' ');
               }""",
            CONTENT,
        )
        found = [w for w in MAINLAND_UI_WORDS if w in chrome]
        assert not found, f"{path}: {found}"
        assert "搜尋" in chrome and "首頁" in chrome, path  # the interface itself was read
