"""Progress reporting: one plain line per stage in logs, rich lines on a terminal."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from build_docs import progress
from build_docs.progress import Stages

from .helpers import ROOT, SEEDS

PIPELINE = ["data", "ingest", "normalise", "parse", "index", "render", "convert", "write"]


def test_build_off_a_terminal_prints_one_plain_line_per_stage_in_order(tmp_path):
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
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    stage_lines = [line for line in run.stderr.splitlines() if line.startswith("stage ")]
    assert [line.split()[1] for line in stage_lines] == PIPELINE
    assert all(re.fullmatch(r"stage [a-z]+ \d+\.\d{3}", line) for line in stage_lines)
    assert "\x1b[" not in run.stderr  # no colour codes or cursor movement in CI logs


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
