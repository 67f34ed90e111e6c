"""Publishing that cannot half-happen: kills at any point, two builds at once, damaged caches.

These tests run the generator and the site build as `make site` does, in a copy of the project
in a temporary folder, with two small seed sets A and B whose generations differ. After every
kill or race, docs/ and docs-zh-Hant/ must hold one complete generation of one set, and site/
one complete site of one set (compared with manifests of clean builds); the next run succeeds.
They take a few minutes, so `make check` leaves them to `make test`.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_docs import build as build_module
from build_docs.build import BuildConfig, generate

from .helpers import SEEDS

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("build_docs", "templates", "overrides", "mkdocs.yml", "mkdocs.zh-Hant.yml")
SET_A = sorted(SEEDS.glob("*.txt"))[:2]
SET_B = sorted(SEEDS.glob("*.txt"))[2:4]
KILLS = 24
# Where kills are aimed (the run stops there until killed), between random ones: the
# generator, a half-written generation, the flip, both MkDocs builds, the swap.
AIMED = ("generate", None, "write", "flip", None, "mkdocs", "swap", None)
TRIALS = 10


def _project(tmp: Path) -> Path:
    """Copy what a build needs into a fresh folder, with seed sets A and B."""
    project = tmp / "project"
    project.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / part)
    for name, files in (("seeds-a", SET_A), ("seeds-b", SET_B)):
        (project / name).mkdir()
        for f in files:
            shutil.copy2(f, project / name / f.name)
    return project


def _command(seeds: str) -> list[str]:
    """`make site` for one seed set: the strict generator, then the site build."""
    generate = f"{sys.executable} -m build_docs --strict --seeds {seeds} --docs docs"
    return ["bash", "-c", f"{generate} && {sys.executable} -m build_docs.publish --site site --docs docs"]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **extra)
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def _run(project: Path, seeds: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(_command(seeds), cwd=project, env=_env(**extra), capture_output=True, text=True, timeout=600)


def _manifest(folder: Path) -> dict[str, str]:
    """Every file under a folder (links followed) with the hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _state(project: Path) -> tuple[dict, dict, dict]:
    docs, hant, site = project / "docs", project / "docs-zh-Hant", project / "site"
    return tuple(_manifest(f) if f.exists() else {} for f in (docs, hant, site))  # type: ignore[return-value]


def _references(project: Path) -> dict[str, tuple[dict, dict, dict]]:
    """Build each set cleanly and record its manifests."""
    refs = {}
    for seeds in ("seeds-a", "seeds-b"):
        done = _run(project, seeds)
        assert done.returncode == 0, done.stderr[-2000:]
        refs[seeds] = _state(project)
    assert refs["seeds-a"][0] != refs["seeds-b"][0] and refs["seeds-a"][2] != refs["seeds-b"][2]
    return refs


def _whole(project: Path, refs: dict[str, tuple[dict, dict, dict]], when: str) -> None:
    """Assert docs/ with docs-zh-Hant/ is one set's generation and site/ one set's site."""
    docs, hant, site = _state(project)
    assert any(docs == r[0] and hant == r[1] for r in refs.values()), f"{when}: docs/ and docs-zh-Hant/ are no one generation"
    assert any(site == r[2] for r in refs.values()), f"{when}: site/ is no complete site"
    assert (project / "docs").resolve().parent == (project / "docs-zh-Hant").resolve().parent


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = _project(tmp_path_factory.mktemp("publishing"))
    return project, _references(project)


def test_kills_at_random_points_and_at_the_flip_and_swap_always_leave_one_whole_generation(project):
    project, refs = project
    rng = random.Random(20)
    started = time.monotonic()
    _run(project, "seeds-a")
    full = time.monotonic() - started
    phases = []
    for k in range(KILLS):
        seeds = ("seeds-a", "seeds-b")[k % 2]
        aimed = AIMED[k % len(AIMED)]
        extra = {"HANDBOOK_FAULT_PAUSE": f"{aimed}:30"} if aimed else {}
        run = subprocess.Popen(
            _command(seeds), cwd=project, env=_env(**extra), stderr=subprocess.PIPE, text=True, start_new_session=True
        )
        if aimed:
            assert run.stderr is not None
            for line in run.stderr:  # kill the moment it stands at the named point
                if line.startswith(f"fault-pause: {aimed}"):
                    break
            phases.append(aimed)
        else:
            at = rng.uniform(0, full)
            time.sleep(at)
            phases.append(f"{at / full:.0%}")
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        _whole(project, refs, f"kill {k} ({phases[-1]} of {seeds})")
    done = _run(project, "seeds-b")
    assert done.returncode == 0, done.stderr[-2000:]
    assert _state(project) == refs["seeds-b"]
    assert len(phases) >= 20 and {a for a in AIMED if a} <= set(phases)


def test_two_builds_started_together_end_with_one_whole_generation_and_both_publish(project):
    project, refs = project
    rng = random.Random(2)
    for trial in range(TRIALS):
        first = subprocess.Popen(
            _command("seeds-a"), cwd=project, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        time.sleep(rng.uniform(0, 2))
        second = subprocess.Popen(
            _command("seeds-b"), cwd=project, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        codes = [first.wait(timeout=600), second.wait(timeout=600)]
        errors = [p.stderr.read() if p.stderr else "" for p in (first, second)]
        assert codes == [0, 0], f"trial {trial}: {codes}\n{errors[0][-1500:]}\n{errors[1][-1500:]}"
        assert "Traceback" not in "".join(errors)
        _whole(project, refs, f"trial {trial}")


def test_a_site_built_from_a_damaged_cache_is_the_cold_sites_byte_for_byte(project):
    project, refs = project
    cache = project / ".cache"
    shutil.rmtree(cache, ignore_errors=True)
    done = _run(project, "seeds-a")
    assert done.returncode == 0 and _state(project) == refs["seeds-a"]
    for damage in ("flip", "truncate"):
        entries = [p for p in cache.rglob("*") if p.is_file()]
        assert {p.parent.name for p in entries} >= {"records", "parsed", "pages", "search", "opencc"}
        for entry in entries:
            raw = entry.read_bytes()
            cut = len(raw) * 2 // 3
            entry.write_bytes(raw[:cut] + bytes([raw[cut] ^ 0x01]) + raw[cut + 1 :] if damage == "flip" else raw[:cut])
        done = _run(project, "seeds-a")
        assert done.returncode == 0, done.stderr[-2000:]
        assert "discarded" in done.stderr and "Traceback" not in done.stderr
        assert _state(project) == refs["seeds-a"], f"site from a {damage}ped cache differs"


def _cold(tmp_path: Path) -> tuple[dict, dict]:
    build_module.convert._JIEBA_CACHE.clear()  # the converted dictionary is kept in memory too
    result = generate(BuildConfig(seeds=SEEDS, shown_as="seeds", cache_dir=tmp_path / "cache"))
    return result.files, result.hant_files


@pytest.mark.parametrize("damage", ["truncated", "same length, one byte changed"])
def test_damaged_cache_entries_of_every_kind_give_the_cold_builds_pages(tmp_path, damage, capsys):
    cold = _cold(tmp_path)
    entries = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    kinds = {p.parent.name if p.suffix == ".pickle" else p.name.split("-")[0] for p in entries}
    assert {"records", "parsed", "pages", "names", "jieba"} <= kinds
    for entry in entries:
        raw = entry.read_bytes()
        if damage == "truncated":
            entry.write_bytes(raw[: len(raw) // 2])
        else:
            i = len(raw) * 2 // 3
            entry.write_bytes(raw[:i] + bytes([raw[i] ^ 0x01]) + raw[i + 1 :])
    assert _cold(tmp_path) == cold
    assert "discarded" in capsys.readouterr().err
