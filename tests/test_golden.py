"""The generated docs/ tree matches the reviewed golden copy (regenerate with `make golden`)."""
from __future__ import annotations

import difflib
from pathlib import Path

from .helpers import ROOT, SEEDS, build_from

GOLDEN = ROOT / "tests" / "golden" / "docs"


def _golden_files() -> dict[str, bytes]:
    return {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in sorted(GOLDEN.rglob("*")) if p.is_file()}


def test_generated_tree_equals_the_golden_tree():
    assert GOLDEN.is_dir(), "tests/golden/docs is missing: run `make golden` and review the diff"
    generated = {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in build_from(SEEDS).files.items()}
    golden = _golden_files()
    assert sorted(generated) == sorted(golden), "file lists differ; run `make golden` and review"
    for name in sorted(golden):
        if generated[name] != golden[name]:
            diff = "\n".join(difflib.unified_diff(
                golden[name].decode("utf-8", "replace").splitlines(),
                generated[name].decode("utf-8", "replace").splitlines(),
                f"golden/{name}", f"generated/{name}", lineterm="", n=1))
            raise AssertionError(f"{name} differs from its golden copy:\n{diff[:4000]}")


def test_two_builds_give_byte_identical_trees(tmp_path: Path):
    from build_docs.build import build

    build(SEEDS, tmp_path / "one", "seeds")
    build(SEEDS, tmp_path / "two", "seeds")
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert one == two and one
