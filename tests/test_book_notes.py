"""The book's 校勘记 appendix says where the notes page is: its published address when the site has one,
its place in the site's navigation when not, never an invented address (no PDF library needed)."""

from __future__ import annotations

import re

import pytest

from build_docs.pdf import book_html, notes_address

from .helpers import SEEDS, build_from


@pytest.fixture(scope="module")
def result():
    return build_from(SEEDS)


def _appendix(html: str) -> str:
    """Cut the 校勘记 appendix out of the book HTML."""
    return html[html.index('<section class="back" id="notes">') :]


@pytest.mark.parametrize(
    ("site_url", "lang", "expected"),
    [
        ("https://example.org/handbook/", "zh-Hans", "https://example.org/handbook/notes/"),
        ("https://example.org/handbook", "zh-Hant", "https://example.org/handbook/zh-Hant/notes/"),
        ("", "zh-Hans", ""),
        ("http://127.0.0.1:8000/", "zh-Hans", ""),  # a preview build's address is not the book's
        ("http://localhost/", "zh-Hant", ""),
    ],
)
def test_notes_address(site_url, lang, expected):
    assert notes_address(site_url, lang) == expected


def test_the_appendix_prints_the_notes_pages_address_in_each_script(result):
    hans = _appendix(book_html(result, "zh-Hans", site_url="https://example.org/handbook/"))
    hant = _appendix(book_html(result, "zh-Hant", site_url="https://example.org/handbook/"))
    assert (
        '该页面的网址：<a class="address" href="https://example.org/handbook/notes/">https://example.org/handbook/notes/</a>'
        in hans
    )
    assert "該頁面的網址：" in hant and ">https://example.org/handbook/zh-Hant/notes/</a>" in hant


def test_without_an_address_the_appendix_names_the_page_and_invents_none(result, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    for lang, named in (("zh-Hans", "名为“校勘记”"), ("zh-Hant", "名為「校勘記」")):
        appendix = _appendix(book_html(result, lang))
        assert named in re.sub(r"<[^>]+>", "", appendix)  # marks may be wrapped to set them half-width
        assert not re.search(r"https?://|www\.|\.(?:org|com|cn)\b", appendix), appendix


def test_the_address_comes_from_site_url_as_for_the_site(result, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/")
    assert ">https://example.org/notes/</a>" in _appendix(book_html(result, "zh-Hans"))
