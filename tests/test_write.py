"""Writing docs/: exact contents, and only changed files touched."""

from __future__ import annotations

import os

from build_docs.write import write_tree


def test_new_folder_gets_exactly_the_files(tmp_path):
    target = tmp_path / "docs"
    written = write_tree({"a.md": "甲", "sub/b.bin": b"\x00"}, target)
    assert written == ["a.md", "sub/b.bin"]
    assert (target / "a.md").read_text(encoding="utf-8") == "甲"
    assert (target / "sub" / "b.bin").read_bytes() == b"\x00"


def test_rewrite_touches_only_changed_files_and_removes_stale_ones(tmp_path):
    target = tmp_path / "docs"
    write_tree({"same.md": "同", "edit.md": "旧", "gone/old.md": "删"}, target)
    os.utime(target / "same.md", ns=(1, 1))
    written = write_tree({"same.md": "同", "edit.md": "新", "new.md": "增"}, target)
    assert sorted(written) == ["edit.md", "gone/old.md", "new.md"]
    assert (target / "same.md").stat().st_mtime_ns == 1
    assert (target / "edit.md").read_text(encoding="utf-8") == "新"
    assert not (target / "gone").exists()
    assert sorted(p.name for p in target.rglob("*")) == ["edit.md", "new.md", "same.md"]
    assert write_tree({"same.md": "同", "edit.md": "新", "new.md": "增"}, target) == []
