"""Links the generator writes as raw HTML (theme passages) reach their paragraph in the built site."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

PASSAGE_LINK_RE = re.compile(r'<a class="hb-passage-link" href="([^"#]+)#([^"]+)"')


@pytest.mark.parametrize("script", ["", "zh-Hant"])
def test_every_theme_passage_link_reaches_an_existing_paragraph(site_dir: Path, script: str):
    root = site_dir / script if script else site_dir
    checked = 0
    for page in sorted((root / "themes").glob("*/index.html")):
        base = page.parent.relative_to(root).as_posix()
        for href, anchor in PASSAGE_LINK_RE.findall(page.read_text(encoding="utf-8")):
            target = root / posixpath.normpath(posixpath.join(base, href)) / "index.html"
            assert target.is_file(), (page, href)
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (page, href, anchor)
            checked += 1
    assert checked > 50


# A page's own content (not the theme's navigation), where the generator's raw HTML lands.
CONTENT_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
HREF_RE = re.compile(r'<a [^>]*href="([^"]+)"')
ID_RE = re.compile(r'\bid="([^"]+)"')


@pytest.mark.parametrize("script", ["", "zh-Hant"])
def test_every_link_in_page_content_reaches_an_existing_page_and_anchor(site_dir: Path, script: str):
    # MkDocs checks the links written in Markdown; chips, related districts, the figures
    # table, the theme matrix and passages are raw HTML, which it does not read.
    root = site_dir / script if script else site_dir
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = set(ID_RE.findall(page.read_text(encoding="utf-8")))
        return ids[page]

    checked = 0
    for page in sorted(root.rglob("index.html")):
        if script == "" and page.is_relative_to(site_dir / "zh-Hant"):
            continue
        content = CONTENT_RE.search(page.read_text(encoding="utf-8"))
        if not content:
            continue
        for href in HREF_RE.findall(content.group(1)):
            if re.match(r"[a-z]+:", href):
                continue  # another scheme (none is expected to leave the site; tested in the browser)
            path, _, anchor = href.partition("#")
            target = page
            if path:
                resolved = (page.parent / path).resolve()
                target = resolved / "index.html" if path.endswith("/") else resolved
            assert target.is_file(), (page.relative_to(root), href)
            if anchor and target.suffix == ".html":
                assert anchor in ids_of(target), (page.relative_to(root), href)
            checked += 1
    assert checked > 500
