"""A folder mixing the seeds, the development corpus and ../shared/smoke: no file left out, no character lost.

A smoke file that is a seed article in another layout is published too, with a review note."""

from __future__ import annotations

import shutil

import pytest

from build_docs.build import BuildConfig, generate
from build_docs.kinds import NoteKind
from build_docs.text import han_chars

from .helpers import ROOT, SEEDS

SHARED = ROOT.parent / "shared"
CORPUS_SEEDS = SHARED / "corpus" / "seeds"
SMOKE = SHARED / "smoke"


@pytest.mark.skipif(
    not (CORPUS_SEEDS.is_dir() and SMOKE.is_dir()),
    reason=f"{CORPUS_SEEDS} or {SMOKE} not found (they are shared beside the repo, not in it)",
)
def test_seeds_corpus_and_smoke_in_one_folder_publish_every_file_and_lose_nothing(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for source in (SEEDS, CORPUS_SEEDS, SMOKE):
        for path in source.glob("*.txt"):
            shutil.copy(path, folder / path.name)
    result = generate(
        BuildConfig(seeds=folder, shown_as="seeds", docs=tmp_path / "docs", strict=False, cache_dir=tmp_path / "cache")
    )
    handbook = result.handbook
    assert not handbook.problems, handbook.problems
    published = {a.headline.file for d in handbook.districts for a in d.articles}
    assert published == {f"seeds/{p.name}" for p in folder.glob("*.txt")}
    # A smoke file re-lays a seed article as another channel prints it: recovered exactly, it
    # is published again and named on the review queue beside the seed's copy.
    repeated = {n.source.file for n in handbook.notes if n.kind is NoteKind.REVIEW and "完全相同" in n.message}
    assert repeated and repeated <= {f"seeds/{p.name}" for p in SMOKE.glob("*.txt")}
    # Every Han character is published in a block or listed on 校勘记 (the build's own check, repeated here).
    for seed in handbook.seeds:
        listed = [n.text for n in handbook.notes if n.kind.accounted and n.source.file == seed.name]
        shown = [b.text for d in handbook.districts for a in d.articles if a.headline.file == seed.name for b in a.blocks]
        assert len(han_chars("".join(listed + shown))) >= len(han_chars("\n".join(seed.lines))), seed.name
    assert not [n for n in handbook.notes if n.kind is NoteKind.PROBLEM]
