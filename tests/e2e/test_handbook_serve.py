"""`handbook serve DIR` on a new editor's folder: their pages (never the project's), reloaded on an edit;
a file the build refuses shows its line and its fix on the page, before the first build lands and after."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page

from ..editor_folder import HANDBOOK, TITLE, UNDECODABLE, new_folder
from .serving import free_port
from .serving import status as read_status

pytestmark = pytest.mark.browser

ADDED = "茶农还在茶园里搭起了凉棚"


def _wait(base: str, done, timeout: float = 180) -> dict:
    """Poll the status address until done(status) holds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            status = read_status(base)
            if done(status):
                return status
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"serve did not get there within {timeout}s")


def _serve(folder: Path, cwd: Path, log: Path):
    """Start `handbook serve` on the folder from cwd; return (process, base URL)."""
    port = free_port()
    process = subprocess.Popen(
        [str(HANDBOOK), "serve", str(folder), "--addr", f"127.0.0.1:{port}"],
        cwd=cwd,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    return process, f"http://127.0.0.1:{port}/"


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(10)


def _text(page: Page) -> str:
    return page.evaluate("document.body.innerText")


def test_the_editors_pages_are_served_and_follow_an_edit_and_a_refused_file_shows_its_line_and_fix(browser, tmp_path: Path):
    folder = new_folder(tmp_path / "book", cwd=tmp_path)
    process, base = _serve(folder, tmp_path, tmp_path / "serve.log")
    try:
        _wait(base, lambda s: s["version"] >= 1)
        context = browser.new_context(service_workers="block")
        hans, hant = context.new_page(), context.new_page()
        hans.goto(base)
        hant.goto(base + "zh-Hant/")
        assert TITLE in hans.title() and "鄉村治理樣本" in hant.title()
        assert "基层治理案例手册" not in _text(hans) and "基层治理案例手册" not in hans.title()
        hans.get_by_role("link", name="舒城县").first.click()
        hans.wait_for_url("**/districts/**")
        assert "茶园里开起" in _text(hans)

        seed = folder / "seeds" / "01-paper.txt"
        text = seed.read_text(encoding="utf-8")
        seed.write_text(text.replace("商量茶叶收购价和道路修缮。", f"商量茶叶收购价和道路修缮。{ADDED}。"), encoding="utf-8")
        hans.wait_for_function(f"document.body.innerText.includes('{ADDED}')", timeout=60_000)

        (folder / "seeds" / "04-broken.txt").write_bytes(UNDECODABLE)
        banner = hans.locator("#hb-serve-error")
        banner.wait_for(timeout=60_000)
        shown = banner.inner_text()
        assert "seeds/04-broken.txt:2" in shown and "UTF-8" in shown and "save the file again" in shown
        assert ADDED in _text(hans)  # the last good page stays
        context.close()
    finally:
        _stop(process)


def test_a_failing_first_build_is_the_page_itself_in_both_scripts_until_it_is_fixed(browser, tmp_path: Path):
    folder = new_folder(tmp_path / "book", cwd=tmp_path)
    (folder / "seeds" / "04-broken.txt").write_bytes(UNDECODABLE)
    process, base = _serve(folder, tmp_path, tmp_path / "serve.log")
    try:
        _wait(base, lambda s: bool(s["error"]))
        context = browser.new_context(service_workers="block")
        hans, hant = context.new_page(), context.new_page()
        hans.goto(base + "districts/")
        hant.goto(base + "zh-Hant/")
        for page, failed in ((hans, "生成失败"), (hant, "生成失敗")):
            text = _text(page)
            assert failed in text and "seeds/04-broken.txt:2" in text, text
            assert "broken" in text  # the line's own text, undecodable bytes shown as �
            assert "save the file again as UTF-8" in text
            assert TITLE not in page.title() and "基层治理案例手册" not in text

        (folder / "seeds" / "04-broken.txt").unlink()
        hans.wait_for_function(f"document.title.includes('{TITLE}')", timeout=120_000)
        hant.wait_for_function("document.title.includes('鄉村治理樣本')", timeout=60_000)
        context.close()
    finally:
        _stop(process)


def test_the_waiting_page_says_so_and_never_shows_a_site_left_from_before(browser, tmp_path: Path):
    folder = new_folder(tmp_path / "book", cwd=tmp_path)
    # A site another serve left in the folder's preview space: never shown before this serve's build.
    (folder / ".serve" / "site").mkdir(parents=True)
    (folder / ".serve" / "site" / "index.html").write_text("<html><body>旧的手册</body></html>", encoding="utf-8")
    process, base = _serve(folder, tmp_path, tmp_path / "serve.log")
    try:
        first = _wait(base, lambda s: True)
        page = browser.new_page()
        page.goto(base)
        if first["version"] == 0 and not first["error"]:
            assert "正在生成" in _text(page) or TITLE in page.title()
        assert "旧的手册" not in _text(page)
        page.wait_for_function(f"document.title.includes('{TITLE}')", timeout=120_000)
        page.close()
    finally:
        _stop(process)


def test_a_saved_word_document_and_page_pdf_dropped_into_seeds_appear_like_a_text_file(browser, tmp_path: Path):
    pytest.importorskip("weasyprint", reason="the page PDF is typeset with WeasyPrint (the [pdf] extra)")
    from bench.formats import write_docx

    from ..layouts import ITEMS
    from ..pdf_fixtures import write_pdf

    folder = new_folder(tmp_path / "book", cwd=tmp_path)
    process, base = _serve(folder, tmp_path, tmp_path / "serve.log")
    try:
        first = _wait(base, lambda s: s["version"] >= 1)["version"]
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        page.goto(base + "regions/")
        word, pdf = ITEMS[2], ITEMS[4]
        (folder / "seeds" / "submission.docx").write_bytes(write_docx(word)[0])
        (folder / "seeds" / "paper.pdf").write_bytes(write_pdf(pdf, 0)[0])
        _wait(base, lambda s: s["version"] > first and not s.get("building"))
        for article in (word, pdf):
            page.wait_for_function(f"document.body.innerText.includes({article.title[:8]!r})", timeout=60_000)
        context.close()
    finally:
        _stop(process)
