"""The README's table of Makefile targets is the list `make help` prints."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from .helpers import ROOT

# A row of the README's target table: | `make site` | … |
ROW_RE = re.compile(r"^\| `make ([a-z0-9_.-]+)` \|", re.M)
# A line of `make help`: two spaces, the target, its description.
HELP_RE = re.compile(r"^  ([a-z0-9_.-]+) {2,}\S", re.M)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_readme_lists_every_target_make_help_lists_in_its_order():
    help_text = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, check=True)
    targets = HELP_RE.findall(help_text.stdout)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert targets and ROW_RE.findall(readme) == targets


def test_make_help_lists_every_target_the_makefile_declares_phony():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = set(re.search(r"^\.PHONY: (.+)$", makefile, re.M).group(1).split())
    described = set(re.findall(r"^([a-z0-9_.-]+):.*## ", makefile, re.M))
    assert phony == described
