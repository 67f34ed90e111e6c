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
