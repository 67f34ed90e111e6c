"""The build cache: a warm run gives the cold run's output, and any changed input is seen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from build_docs import build, cache
from build_docs.build import BuildConfig, generate
from build_docs.recovery import parse

from .helpers import SEEDS


def _copy_seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def _config(folder: Path, cache_dir: Path, **options) -> BuildConfig:
    return BuildConfig(seeds=folder, shown_as="seeds", cache_dir=cache_dir, **options)


def _counting_recover_file(monkeypatch) -> list[str]:
    parsed: list[str] = []
    original = parse.recover_file

    def counting(seed, rules):
        parsed.append(seed.seed.name)
        return original(seed, rules)

    monkeypatch.setattr(parse, "recover_file", counting)
    return parsed


def test_warm_run_gives_the_cold_runs_files_without_parsing_anything(tmp_path, monkeypatch):
    folder, cache_dir = _copy_seeds(tmp_path), tmp_path / "cache"
    parsed = _counting_recover_file(monkeypatch)
    cold = generate(_config(folder, cache_dir))
    assert len(parsed) == len(list(folder.glob("*.txt")))
    parsed.clear()
    warm = generate(_config(folder, cache_dir))
    assert parsed == []
    assert warm.files == cold.files
    assert warm.hant_files == cold.hant_files
    assert warm.report == cold.report
    assert warm.handbook == cold.handbook


def test_converter_of_a_warm_run_converts_names_as_the_cold_one(tmp_path):
    folder = _copy_seeds(tmp_path)
    cold = generate(_config(folder, tmp_path / "cache"))
    warm = generate(_config(folder, tmp_path / "cache"))
    assert warm.converter.protected == cold.converter.protected
    sample = "".join(s for s, _ in cold.converter.protected[:20])
    assert warm.converter.convert(sample) == cold.converter.convert(sample)


def test_one_edited_seed_is_parsed_again_alone_and_its_change_is_published(tmp_path, monkeypatch):
    folder, cache_dir = _copy_seeds(tmp_path), tmp_path / "cache"
    generate(_config(folder, cache_dir))
    edited = sorted(folder.glob("*.txt"))[0]
    lines = edited.read_text(encoding="utf-8").splitlines(keepends=True)
    # Append a sentence to the last line that has text (the last paragraph of the last article).
    last = max(i for i, line in enumerate(lines) if line.strip())
    lines[last] = lines[last].rstrip("\n") + "这是编者补上的一句测试文字。\n"
    edited.write_text("".join(lines), encoding="utf-8")
    parsed = _counting_recover_file(monkeypatch)
    result = generate(_config(folder, cache_dir))
    assert parsed == [f"seeds/{edited.name}"]
    assert any("这是编者补上的一句测试文字。" in c for c in result.files.values() if isinstance(c, str))
    assert any("這是編者補上的一句測試文字。" in c for c in result.hant_files.values() if isinstance(c, str))


def test_records_key_changes_with_each_input_and_only_then(tmp_path):
    folder = _copy_seeds(tmp_path)
    base = _config(folder, tmp_path / "cache")
    key = build.records_key(base)
    assert build.records_key(base) == key
    assert build.records_key(_config(folder, tmp_path / "cache", strict=False)) != key
    corrections = tmp_path / "corrections.yml"
    corrections.write_text("corrections: []\n", encoding="utf-8")
    with_corrections = build.records_key(base)
    assert with_corrections != key
    seed = sorted(folder.glob("*.txt"))[0]
    seed.write_bytes(seed.read_bytes() + b"\n")
    assert build.records_key(base) != with_corrections
    (folder / "new.txt").write_text("福建省厦门市湖里区：标题\n\n正文。\n", encoding="utf-8")
    assert len({key, with_corrections, build.records_key(base)}) == 3


def test_data_fingerprint_follows_the_data_yaml(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(cache.DATA_DIR, data)
    monkeypatch.setattr(cache, "DATA_DIR", data)
    before = cache.data_fingerprint()
    assert cache.data_fingerprint() == before
    glossary = data / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n# 编者的注释\n", encoding="utf-8")
    assert cache.data_fingerprint() != before


def test_damaged_entries_count_as_missing_and_are_rewritten(tmp_path):
    folder, cache_dir = _copy_seeds(tmp_path), tmp_path / "cache"
    cold = generate(_config(folder, cache_dir))
    damaged = sorted(cache_dir.glob("*/*.pickle"))
    assert {p.parent.name for p in damaged} == {"records", "parsed", "pages"}
    for entry in damaged:
        entry.write_bytes(entry.read_bytes()[:40])
    assert generate(_config(folder, cache_dir)).files == cold.files
    assert generate(_config(folder, cache_dir)).hant_files == cold.hant_files


def test_each_kind_keeps_only_its_newest_entries(tmp_path):
    for n in range(5):
        cache.store(tmp_path, "kind", f"k{n}", n)
        entry = tmp_path / "kind" / f"k{n}.pickle"
        # Distinct modification times, oldest first, whatever the file system's resolution.
        os.utime(entry, ns=(n * 10**9, n * 10**9))
    cache.prune(tmp_path, "kind", 2)
    assert sorted(p.name for p in (tmp_path / "kind").glob("*.pickle")) == ["k3.pickle", "k4.pickle"]
    assert cache.load(tmp_path, "kind", "k4") == 4
    assert cache.load(tmp_path, "kind", "k0") is None


def test_pruning_passes_over_an_entry_another_build_removed_meanwhile(tmp_path, monkeypatch):
    for n in range(4):
        cache.store(tmp_path, "search", f"k{n}", n)
    vanished = tmp_path / "search" / "k0.pickle"
    real_stat = Path.stat

    def stat_after_removal(self, *args, **kwargs):
        if self == vanished:
            self.unlink(missing_ok=True)
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat_after_removal)
    cache.prune(tmp_path, "search", 2)
    monkeypatch.undo()
    assert len(list((tmp_path / "search").glob("*.pickle"))) == 2


def test_loading_an_entry_pruned_after_it_was_read_returns_its_value(tmp_path, monkeypatch):
    cache.store(tmp_path, "search", "k", {"v": 1})
    entry = tmp_path / "search" / "k.pickle"
    real_read = cache.read_sealed

    def read_then_lose(path):
        payload = real_read(path)
        entry.unlink()
        return payload

    monkeypatch.setattr(cache, "read_sealed", read_then_lose)
    assert cache.load(tmp_path, "search", "k") == {"v": 1}
