"""`handbook build DIR` from elsewhere: everything it writes is inside DIR, and one folder's build is its own.

Slow (two whole builds with MkDocs): in `make test`, outside `make check`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .editor_folder import OTHER_SEEDS, OTHER_TITLE, OTHER_TITLES, TITLE, TITLES, handbook, new_folder
from .helpers import ROOT

# What Python and the tools themselves keep in the project while tests run.
IGNORED = {".venv", "__pycache__", ".git", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"}


def snapshot(top: Path, skip: Path | None = None) -> dict[str, tuple[int, int]]:
    """Every path under top with its modification time and size (links not followed), but skip's and IGNORED's."""
    found: dict[str, tuple[int, int]] = {}
    for folder, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if d not in IGNORED and Path(folder, d) != skip]
        for name in [*dirs, *files]:
            st = os.lstat(Path(folder, name))
            found[str(Path(folder, name))] = (st.st_mtime_ns, st.st_size)
    return found


def published(folder: Path) -> list[Path]:
    """Every file a build publishes or hands to the editor (generated docs, site, reports)."""
    tops = [folder / name for name in ("docs", "docs-zh-Hant", "site", "reports")]
    return [p for top in tops for p in sorted(top.resolve().rglob("*")) if p.is_file()]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """Two editors' folders built one after the other from a third folder; yield (first, second, before, after)."""
    base = tmp_path_factory.mktemp("editors")
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    first = new_folder(base / "first", cwd=elsewhere)
    watched = [elsewhere, base, ROOT]
    before = {str(top): snapshot(top, skip=first) for top in watched}
    handbook("build", str(first), cwd=elsewhere)
    after = {str(top): snapshot(top, skip=first) for top in watched}
    second = new_folder(base / "second", cwd=elsewhere, title=OTHER_TITLE, seeds=OTHER_SEEDS)
    handbook("build", "second", cwd=base)
    return first, second, before, after


def test_a_build_from_another_directory_writes_nothing_outside_its_folder(built):
    first, _, before, after = built
    for top in before:
        added = sorted(set(after[top]) - set(before[top]))
        changed = sorted(p for p in set(after[top]) & set(before[top]) if after[top][p] != before[top][p])
        removed = sorted(set(before[top]) - set(after[top]))
        assert not (added or changed or removed), (top, added[:5], changed[:5], removed[:5])
    for name in ("docs", "docs-zh-Hant", ".docs.generations", "site", "reports/conversion-report.md", ".cache"):
        assert (first / name).exists(), name


def test_no_built_file_names_a_path_of_this_machine(built):
    first, second, _, _ = built
    for folder in (first, second):
        machine = [os.fsencode(folder), os.fsencode(folder.parent), os.fsencode(ROOT)]
        for path in published(folder):
            data = path.read_bytes()
            assert not any(m in data for m in machine), path
        records = (folder / "site" / "records.json").read_text(encoding="utf-8")
        assert '"source": "seeds/' in records


def test_the_folders_title_names_the_site_in_both_scripts_and_the_projects_does_not(built):
    first, _, _, _ = built
    hans = (first / "site" / "index.html").read_text(encoding="utf-8")
    hant = (first / "site" / "zh-Hant" / "index.html").read_text(encoding="utf-8")
    assert f"<title>首页 - {TITLE}</title>" in hans and "<title>首頁 - 鄉村治理樣本</title>" in hant
    assert "基层治理案例手册" not in hans and "基層治理案例手冊" not in hant
    for title in TITLES:
        assert any(title in p.read_text(encoding="utf-8") for p in (first / "site" / "districts").rglob("index.html"))


def test_a_second_folder_shares_nothing_with_the_first_but_the_package(built):
    first, second, _, _ = built
    pages = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in published(second))
    assert OTHER_TITLE in pages and all(t in pages for t in OTHER_TITLES)
    for title in (TITLE, *TITLES):
        assert title not in pages, title
    assert not any(p.is_symlink() and first in p.resolve().parents for p in second.rglob("*"))


def test_a_plain_pip_install_carries_the_templates_and_builds_a_folder_without_the_checkout(tmp_path: Path):
    import shutil
    import subprocess
    import sys
    import zipfile

    project = tmp_path / "project"
    project.mkdir()
    for path in [ROOT / "pyproject.toml", ROOT / "setup.py", ROOT / "MANIFEST.in", *ROOT.glob("mkdocs*.yml")]:
        shutil.copy2(path, project / path.name)
    for name in ("build_docs", "templates", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(project), "--no-deps", "-q", "-w", str(wheels)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = wheels.glob("*.whl")
    installed = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(installed)
    for name in ("templates/district.md.j2", "overrides/main.html", "mkdocs.yml", "mkdocs.zh-Hant.yml"):
        assert (installed / "build_docs" / "_project" / name).is_file(), name
    shutil.rmtree(project)  # the installed package alone must be enough
    folder = new_folder(tmp_path / "mine", cwd=tmp_path)
    env = {**os.environ, "PYTHONPATH": str(installed)}
    run = subprocess.run(
        [sys.executable, "-c", "import build_docs, sys; print(build_docs.__file__); sys.argv[0] = 'handbook'; "
         "from build_docs.cli import main; sys.exit(main(['build', 'mine']))"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.splitlines()[0].startswith(str(installed)), run.stdout
    assert (folder / "site" / "index.html").is_file() and (folder / "site" / "zh-Hant" / "index.html").is_file()


def test_handbook_offline_zips_the_folders_own_handbook_for_reading_from_a_folder(tmp_path: Path):
    import zipfile

    folder = new_folder(tmp_path / "mine", cwd=tmp_path)
    run = handbook("offline", "mine", cwd=tmp_path)
    assert "handbook-offline.zip" in run.stdout
    names = zipfile.ZipFile(folder / "handbook-offline.zip").namelist()
    for name in ("handbook-offline/index.html", "handbook-offline/zh-Hant/index.html", "handbook-offline/search/search_index.js"):
        assert name in names, name
    assert any(n.endswith(".pdf") for n in names)
    home = zipfile.ZipFile(folder / "handbook-offline.zip").read("handbook-offline/index.html").decode()
    assert TITLE in home and "基层治理案例手册" not in home and str(tmp_path) not in home
