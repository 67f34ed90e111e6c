"""The generated docs/ tree matches the reviewed golden copy (regenerate with `make golden`)."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
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
            diff = "\n".join(
                difflib.unified_diff(
                    golden[name].decode("utf-8", "replace").splitlines(),
                    generated[name].decode("utf-8", "replace").splitlines(),
                    f"golden/{name}",
                    f"generated/{name}",
                    lineterm="",
                    n=1,
                )
            )
            raise AssertionError(f"{name} differs from its golden copy:\n{diff[:4000]}")


def _build_in_process(target: Path, seed: str) -> dict[Path, bytes]:
    """Build the docs tree in a fresh interpreter with a given hash seed; return its files."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build_docs",
            "--strict",
            "--seeds",
            str(SEEDS),
            "--docs",
            str(target),
            "--pdf-dir",
            str(target.parent / "no-pdf"),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return {p.relative_to(target): p.read_bytes() for p in target.rglob("*") if p.is_file()}


def test_builds_in_separate_processes_with_different_hash_seeds_are_byte_identical(tmp_path: Path):
    one = _build_in_process(tmp_path / "one" / "docs", "1")
    two = _build_in_process(tmp_path / "two" / "docs", "2")
    assert one and one == two
