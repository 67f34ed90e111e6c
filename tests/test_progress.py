"""Progress reporting: one plain line per stage in logs, rich lines on a terminal."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest

from build_docs import progress
from build_docs.progress import Stages

from .helpers import ROOT, SEEDS

PIPELINE = ["cache", "data", "ingest", "normalise", "parse", "index", "pages", "render", "convert", "write"]
# A second run over the same seeds reads the records and both scripts' pages from the cache.
WARM_PIPELINE = ["cache", "pages", "write"]


def _stage_lines(tmp_path) -> list[str]:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "build_docs",
            "--seeds",
            str(SEEDS),
            "--docs",
            str(tmp_path / "docs"),
            "--pdf-dir",
            str(tmp_path / "no-pdf"),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--verbose",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert "\x1b[" not in run.stderr  # no colour codes or cursor movement in CI logs
    return [line for line in run.stderr.splitlines() if line.startswith("stage ")]


@pytest.mark.slow  # two whole builds in a subprocess
def test_build_off_a_terminal_prints_one_plain_line_per_stage_in_order(tmp_path):
    cold, warm = _stage_lines(tmp_path), _stage_lines(tmp_path)
    assert [line.split()[1] for line in cold] == PIPELINE
    assert [line.split()[1] for line in warm] == WARM_PIPELINE
    assert all(re.fullmatch(r"stage [a-z]+ \d+\.\d{3}", line) for line in cold + warm)


def test_terminal_reporter_uses_rich_and_names_each_stage(monkeypatch):
    buffer = io.StringIO()
    buffer.isatty = lambda: True
    monkeypatch.setattr(sys, "stderr", buffer)
    stages = Stages(progress.console_reporter())
    with stages("parse"):
        pass
    with stages("render"):
        pass
    out = buffer.getvalue()
    assert "\x1b[" in out  # styled by rich
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert re.search(r"^✓ parse +\d+\.\d{3} s$", plain, re.M) and re.search(r"^✓ render +\d+\.\d{3} s$", plain, re.M)
    assert not re.search(r"^stage ", plain, re.M)
    assert set(stages.times) == {"parse", "render"}
