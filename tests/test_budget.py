"""Page-weight budget: a page's own HTML, gzip-compressed, stays within what the README promises."""

from __future__ import annotations

import gzip
from pathlib import Path

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
