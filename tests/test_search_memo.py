"""The search plugin's segmentation memo: a rebuild gives the same index without segmenting again."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import docs_project

MKDOCS = Path(sys.executable).parent / "mkdocs"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A throwaway project beside this one: its configs, theme and hooks, docs generated from the seeds."""
    work = tmp_path_factory.mktemp("memo")
    docs_project(work)
    return work


def _build(project: Path, config: str, site: str, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HANDBOOK_CACHE_DIR": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-f", config, "-d", site], cwd=project, capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr
    return run


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.zh-Hant.yml"])
def test_rebuild_reads_the_segmentation_back_and_writes_the_same_index(project: Path, config: str, tmp_path: Path):
    cold = _build(project, config, str(tmp_path / "cold"), tmp_path / "cache")
    warm = _build(project, config, str(tmp_path / "warm"), tmp_path / "cache")
    # The hook says how many texts it segmented and with what; a warm build segments none.
    assert re.search(r"search: [1-9]\d* of \d+ texts segmented by jieba-rs", cold.stderr), cold.stderr
    assert re.search(r"search: 0 of [1-9]\d* texts segmented \(no dictionary loaded\)", warm.stderr), warm.stderr
    index = (tmp_path / "cold" / "search" / "search_index.json").read_bytes()
    assert (tmp_path / "warm" / "search" / "search_index.json").read_bytes() == index
    docs = json.loads(index)["docs"]
    assert sum("<wbr/>" in d["text"] for d in docs) > len(docs) / 2  # segmented text, not whole runs


def test_changed_text_is_segmented_again_with_the_dictionaries(project: Path, tmp_path: Path):
    _build(project, "mkdocs.yml", str(tmp_path / "first"), tmp_path / "cache")
    page = project / "docs" / "glossary.md"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original + "\n网格员走访湖里社区的居民。\n", encoding="utf-8")
        rebuilt = _build(project, "mkdocs.yml", str(tmp_path / "second"), tmp_path / "cache")
    finally:
        page.write_text(original, encoding="utf-8")
    assert re.search(r"search: [1-9]\d* of \d+ texts segmented by jieba-rs", rebuilt.stderr), rebuilt.stderr
    docs = json.loads((tmp_path / "second" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = "".join(d["text"] for d in docs)
    # Segmented with the build's user dictionary (place and domain terms), loaded on the miss:
    # jieba's own dictionary alone cuts 网格/员 and 湖里/社区.
    assert "<wbr/>".join(["网格员", "走访", "湖里社区", "的", "居民"]) in text
