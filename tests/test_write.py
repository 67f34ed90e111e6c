"""Writing docs/: whole generations of both scripts, made current in one step."""

from __future__ import annotations

import os

from build_docs.write import exchange, publish_docs, store_of


def _tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_first_generation_makes_both_folders_links_into_one_current_generation(tmp_path):
    docs, hant = tmp_path / "docs", tmp_path / "docs-zh-Hant"
    changed = publish_docs({"a.md": "甲", "sub/b.bin": b"\x00"}, {"a.md": "甲"}, docs, hant)
    assert changed == ["a.md", "sub/b.bin", "a.md"]
    assert docs.is_symlink() and hant.is_symlink()
    assert _tree(docs) == {"a.md": "甲".encode(), "sub/b.bin": b"\x00"}
    assert _tree(hant) == {"a.md": "甲".encode()}
    assert docs.resolve().parent == hant.resolve().parent  # one generation holds both scripts


def test_next_generation_links_unchanged_files_keeps_their_times_and_drops_stale_ones(tmp_path):
    docs, hant = tmp_path / "docs", tmp_path / "docs-zh-Hant"
    publish_docs({"same.md": "同", "edit.md": "旧", "gone/old.md": "删"}, {"same.md": "同"}, docs, hant)
    os.utime(docs / "same.md", ns=(1, 1))
    changed = publish_docs({"same.md": "同", "edit.md": "新", "new.md": "增"}, {"same.md": "同"}, docs, hant)
    assert sorted(changed) == ["edit.md", "gone/old.md", "new.md"]
    assert (docs / "same.md").stat().st_mtime_ns == 1
    assert _tree(docs) == {"edit.md": "新".encode(), "new.md": "增".encode(), "same.md": "同".encode()}
    store = store_of(docs)
    assert sorted(p.name for p in store.iterdir() if p.name.startswith("gen-")) == [docs.resolve().parent.name]


def test_an_older_real_docs_folder_is_swapped_out_whole(tmp_path):
    docs, hant = tmp_path / "docs", tmp_path / "docs-zh-Hant"
    docs.mkdir()
    (docs / "old.md").write_text("旧", encoding="utf-8")
    publish_docs({"a.md": "甲"}, {"a.md": "甲"}, docs, hant)
    assert docs.is_symlink() and _tree(docs) == {"a.md": "甲".encode()}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".docs.generations", "docs", "docs-zh-Hant"]


def test_leftovers_of_a_killed_run_are_cleared_by_the_next(tmp_path):
    docs, hant = tmp_path / "docs", tmp_path / "docs-zh-Hant"
    publish_docs({"a.md": "甲"}, {"a.md": "甲"}, docs, hant)
    store = store_of(docs)
    (store / ".gen-1-1.tmp" / "docs").mkdir(parents=True)  # a generation being written when killed
    (store / "gen-2-2").mkdir()  # written whole, never made current
    publish_docs({"a.md": "乙"}, {"a.md": "乙"}, docs, hant)
    assert sorted(p.name for p in store.iterdir()) == [".lock", "current", docs.resolve().parent.name]


def test_exchange_swaps_a_folder_and_a_link_in_one_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    (a / "x").write_text("a", encoding="utf-8")
    os.symlink("elsewhere", b)
    exchange(a, b)
    assert (b / "x").read_text(encoding="utf-8") == "a" and os.readlink(a) == "elsewhere"
