"""Page-weight budget: a page's own HTML, gzip-compressed, stays within what the README promises."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import pytest

# Keep in step with the README ("Reader-side budget"). The largest page today (湖里区, two
# articles) is about 19 KB gzip; the budget leaves room for longer districts.
HTML_GZIP_BUDGET = 48 * 1024


def test_every_built_page_html_is_within_the_gzip_budget(site_dir: Path):
    pages = sorted(site_dir.rglob("index.html"))
    assert len(pages) > 20
    over = [
        (p.relative_to(site_dir).as_posix(), size)
        for p in pages
        if (size := len(gzip.compress(p.read_bytes(), 9))) > HTML_GZIP_BUDGET
    ]
    assert not over, f"pages over the {HTML_GZIP_BUDGET} byte gzip budget: {over}"


def _index(site_dir: Path, script: str) -> list[dict]:
    docs = json.loads((site_dir / script / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    # jieba's word boundaries are <wbr/> marks in the indexed text (zero-width spaces before).
    return [{**d, "text": html.unescape(d["text"].replace("<wbr/>", "").replace("\u200b", ""))} for d in docs]


@pytest.mark.parametrize("script", ["", "zh-Hant"])
def test_search_index_holds_each_paragraph_once_on_its_district_page(site_dir: Path, script: str):
    docs = _index(site_dir, script)
    district_text = "".join(d["text"] for d in docs if d["location"].startswith("districts/"))
    themes = [d for d in docs if d["location"].startswith("themes/")]
    theme_pages = sorted(site_dir.glob(f"{script}/themes/*/index.html".lstrip("/")))
    assert themes and theme_pages
    # Every passage a theme page quotes is found on its district page, never on the theme page.
    quoted = [
        re.sub(r"<[^>]+>", "", m)
        for page in theme_pages
        for m in re.findall(r'<div class="hb-passage"[^>]*>\s*<p>(.*?) <a ', page.read_text(encoding="utf-8"), re.S)
    ]
    assert len(quoted) > 20
    for passage in quoted:
        assert not any(passage[:30] in d["text"] for d in themes), passage
    assert sum(passage[:20].replace("……", "") in district_text for passage in quoted) > len(quoted) * 0.9
    # The notes quote the seeds' original lines; those stay out of the index.
    notes_html = (site_dir / script / "notes" / "index.html").read_text(encoding="utf-8")
    raw = [html.unescape(m) for m in re.findall(r'<pre class="hb-raw"[^>]*>(.*?)</pre>', notes_html, re.S)]
    notes_text = "".join(d["text"] for d in docs if d["location"].startswith("notes/"))
    assert len(raw) > 20
    assert not any(line.strip() and line.strip() in notes_text for block in raw for line in block.splitlines()[:1])
