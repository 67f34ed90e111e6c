"""The seeds' own articles as other channels print them (../shared/smoke): each recovered like the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT, SEEDS, compact, parse_text

SMOKE = ROOT.parent / "shared" / "smoke"
SMOKE_FILES = sorted(SMOKE.glob("*.txt")) if SMOKE.is_dir() else []

pytestmark = pytest.mark.skipif(not SMOKE_FILES, reason=f"smoke folder not found at {SMOKE} (it is shared, not in the repo)")


def _articles(path: Path):
    """Recover one file's articles (lenient: problems are returned, not raised)."""
    return parse_text(path.read_text(encoding="utf-8"), name=f"seeds/{path.name}")


@pytest.fixture(scope="module")
def seed_articles():
    """The seeds' articles by district."""
    found = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for article in _articles(path).articles:
            found[article.region.district] = article
    return found


def _texts(article) -> list[str]:
    """Paragraph and heading texts in order, white space removed (a heading may come back as a paragraph)."""
    return [compact(b.text) for b in article.blocks if b.kind in ("para", "heading")]


@pytest.mark.parametrize("path", SMOKE_FILES, ids=[p.name for p in SMOKE_FILES])
def test_smoke_copy_is_recovered_as_its_seed_article(path, seed_articles):
    recovered = _articles(path)
    assert not recovered.problems, recovered.problems
    assert len(recovered.articles) == 1
    article = recovered.articles[0]
    seed = seed_articles[article.region.district]
    assert (article.region.province, article.region.city, article.region.district) == (
        seed.region.province,
        seed.region.city,
        seed.region.district,
    )
    assert compact(article.title) == compact(seed.title)
    if article.authors:
        assert article.authors == seed.authors
    assert _texts(article) == _texts(seed)
