"""Shared helpers for tests: building from seed folders and reading articles back."""

from __future__ import annotations

import re
from pathlib import Path

from build_docs.build import Result, generate
from build_docs.records import Article
from build_docs.text import han_chars

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def build_from(folder: Path) -> Result:
    """Generate the handbook from a seed folder without writing anything."""
    return generate(folder, "seeds")


def articles_of(result: Result) -> list[Article]:
    return [a for d in result.handbook.districts for a in d.articles]


def article_in(result: Result, district: str, title_part: str = "") -> Article:
    found = [a for a in articles_of(result) if a.region.district == district and title_part in a.title]
    assert len(found) == 1, f"expected one article for {district} {title_part!r}, got {[a.title for a in found]}"
    return found[0]


def body_text(article: Article, kinds=("para", "heading")) -> str:
    return "".join(b.text for b in article.blocks if b.kind in kinds)


def body_han(article: Article) -> str:
    return "".join(han_chars(body_text(article, ("para", "heading", "caption", "credit"))))


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)
