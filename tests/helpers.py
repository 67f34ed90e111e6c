"""Shared helpers for tests: building from seed folders and reading articles back."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from build_docs.build import BuildConfig, Result, generate
from build_docs.records import Article
from build_docs.text import han_chars

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def docs_project(work: Path) -> Path:
    """Make a throwaway project in work: this one's configs, theme and hooks, docs generated from the seeds."""
    for name in ("mkdocs.yml", "mkdocs.zh-Hant.yml"):
        shutil.copy(ROOT / name, work / name)
    for name in ("overrides", "build_docs"):
        (work / name).symlink_to(ROOT / name)
    run = subprocess.run(
        [sys.executable, "-m", "build_docs", "--seeds", str(SEEDS), "--docs", "docs", "--pdf-dir", "no-pdf"],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return work


def build_from(folder: Path) -> Result:
    """Generate the handbook from a seed folder without writing anything."""
    return generate(BuildConfig(seeds=folder, shown_as="seeds"))


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


def parse_text(text: str, name: str = "seeds/t.txt"):
    """Recover the articles of one literal seed text (no rendering, no conversion)."""
    from build_docs.ingest import decode_seed
    from build_docs.recovery import normalise, parse

    problems: list = []
    seed = decode_seed(name, text.encode("utf-8"), problems)
    assert seed is not None, problems
    rules = _rules()
    return parse.settle_orphans([parse.recover_file(normalise.normalise_seed(seed), rules)])[0]


_RULES: list = []


def _rules():
    from build_docs import data
    from build_docs.recovery import parse

    if not _RULES:
        _RULES.append(
            parse.Rules(
                vocab=data.load_vocabulary(),
                surnames=data.load_surnames(),
                boilerplate=data.load_boilerplate(),
                line_kinds=data.load_line_kinds(),
            )
        )
    return _RULES[0]


def assert_parses(seed_text: str, expected: list[dict]) -> None:
    """Check the articles recovered from a literal seed text, field by field.

    Each expected article names only the fields it checks: region ('省/市/区'), title, kicker,
    subtitle, authors, role, date, time, publisher, signature, and blocks as (kind, text) pairs
    with kind one of heading, paragraph, caption, credit."""
    recovered = parse_text(seed_text)
    assert not recovered.problems, [str(p) for p in recovered.problems]
    assert len(recovered.articles) == len(expected), [a.title for a in recovered.articles]
    from build_docs.export import article_fields

    for article, want in zip(recovered.articles, expected, strict=True):
        record = article_fields(article)
        region = record["region"]
        got = {
            **record,
            "region": f"{region['province']}/{region['city']}/{region['district']}",
            "blocks": [(b["kind"], b["text"]) for b in record["blocks"]],
        }
        for key, value in want.items():
            assert got[key] == value, f"{key}: expected {value!r}, got {got[key]!r}"
