"""The corpus benchmark can only go up: scores on the development corpus never fall below bench/corpus.md."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def _bench():
    spec = importlib.util.spec_from_file_location("corpus_bench", ROOT / "bench" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not (CORPUS / "truth.json").is_file(),
    reason=f"development corpus not found at {CORPUS} (only present beside the project's own checkout)",
)
def test_corpus_scores_do_not_fall_below_the_recorded_figures():
    bench = _bench()
    _, summary = bench.run(CORPUS)
    floor = bench.recorded()
    assert summary["exact"] >= floor["exact"], summary
    assert summary["paragraphs"] >= floor["paragraphs"], summary
    assert summary["metadata"] >= floor["metadata"], summary
    assert summary["lost"] == 0 and summary["foreign"] == 0, summary


def test_recorded_figures_are_read_from_bench_corpus_md():
    floor = _bench().recorded()
    assert floor["articles"] >= 1 and 0 <= floor["exact"] <= floor["articles"]


@pytest.mark.skipif(not (CORPUS / "truth.json").is_file(), reason=f"development corpus not found at {CORPUS}")
def test_corpus_with_its_declared_corrections_is_exact_throughout():
    bench = _bench()
    _, summary = bench.run(CORPUS, ROOT / "tests" / "data" / "corpus-corrections.yml")
    assert summary["exact"] == summary["articles"], summary
