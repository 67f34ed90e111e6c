"""`make serve`: both scripts at one address, pages update on their own when a seed changes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .serving import free_port
from .serving import status as read_status

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# What `make serve` reads; the copy keeps the test away from the project's docs/ and site/.
NEEDED = ("seeds", "build_docs", "templates", "overrides", "mkdocs.yml", "mkdocs.zh-Hant.yml", ".cache")
ADDED = "编者试改一行"


def _wait_for(base: str, version: int, timeout: float = 180) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            status = read_status(base)
            if status["version"] >= version:
                return status
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"serve did not reach build {version} within {timeout}s")


@pytest.fixture()
def served(tmp_path: Path):
    """Run `python -m build_docs.serve` on a copy of the project; yield (copy, base URL)."""
    for name in NEEDED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, tmp_path / name)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "build_docs.serve", "--addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base, 1)
        yield tmp_path, base
    finally:
        process.terminate()
        process.wait(10)
        log.close()


def _paragraph_to_edit(copy: Path) -> tuple[str, Path, int]:
    """A paragraph whose last seed line ends with 。: (district slug, seed file, line number)."""
    records = json.loads((copy / "docs" / "records.json").read_text(encoding="utf-8"))
    for article in records["articles"]:
        for block in article["blocks"]:
            if block["kind"] != "paragraph":
                continue
            file, lines = block["source"].rsplit(":", 1)
            last = int(lines.split("-")[-1])
            seed = copy / file
            if seed.read_text(encoding="utf-8").splitlines()[last - 1].rstrip().endswith("。"):
                return article["district"], seed, last
    raise AssertionError("no paragraph ends a seed line with 。")


def _text(page: Page) -> str:
    return page.evaluate("document.body.innerText")


def test_editing_a_seed_updates_both_scripts_open_pages_without_a_reload(browser, served):
    copy, base = served
    slug, seed, line = _paragraph_to_edit(copy)
    context = browser.new_context(service_workers="block")
    hans, hant = context.new_page(), context.new_page()
    hans.goto(f"{base}districts/{slug}/")
    hant.goto(f"{base}zh-Hant/districts/{slug}/")
    assert ADDED not in _text(hans)
    assert hant.evaluate("document.documentElement.lang") == "zh-Hant"

    lines = seed.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1].rstrip()[:-1] + f"，{ADDED}。"
    seed.write_text("\n".join(lines), encoding="utf-8")
    hans.wait_for_function(f"document.body.innerText.includes('{ADDED}')", timeout=60_000)
    hant.wait_for_function("document.body.innerText.includes('編者試改一行')", timeout=60_000)
    context.close()


def test_a_bad_correction_shows_on_the_page_and_the_last_good_site_stays(browser, served):
    copy, base = served
    slug = json.loads((copy / "docs" / "records.json").read_text(encoding="utf-8"))["articles"][0]["district"]
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(f"{base}zh-Hant/districts/{slug}/")
    title = page.title()

    (copy / "corrections.yml").write_text("- kind: no-such-kind\n  at: seeds/x.txt:1\n", encoding="utf-8")
    banner = page.locator("#hb-serve-error")
    banner.wait_for(timeout=60_000)
    assert "corrections.yml:1" in banner.inner_text()
    assert page.title() == title
    assert read_status(base)["version"] == 1

    (copy / "corrections.yml").unlink()
    _wait_for(base, 2)
    page.wait_for_load_state()
    banner.wait_for(state="detached", timeout=30_000)
    context.close()
