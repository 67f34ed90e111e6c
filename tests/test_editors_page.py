"""Readers' pages and the editors' workbench apart: the review queue and corrections.yml entries only on editors.md."""

from __future__ import annotations

import pytest

from build_docs.build import BuildConfig, generate, review_queue

from .helpers import SEEDS

MACHINERY = ("corrections.yml", "hb-yaml", "待核", "声明的规则数据", "宣告的規則資料")


@pytest.fixture(scope="module")
def readers():
    return generate(BuildConfig(seeds=SEEDS, shown_as="seeds"))


@pytest.fixture(scope="module")
def editors():
    return generate(BuildConfig(seeds=SEEDS, shown_as="seeds", editors=True))


def test_notes_page_is_a_plain_account_without_the_review_queue_or_corrections_entries(readers):
    for files in (readers.files, readers.hant_files):
        notes = files["notes.md"]
        assert isinstance(notes, str)
        assert not [word for word in MACHINERY if word in notes]


def test_readers_handbook_has_no_editors_page_in_its_files_or_navigation(readers):
    for files in (readers.files, readers.hant_files):
        assert "editors.md" not in files
        assert "editors.md" not in str(files[".nav.yml"])


def test_editors_option_publishes_the_review_queue_with_its_corrections_entries(editors):
    page = editors.files["editors.md"]
    assert isinstance(page, str)
    review = [n for n in editors.handbook.notes if n.kind.name == "REVIEW"]
    assert review, "the seeds leave some decisions to check"
    assert page.count('<pre class="hb-yaml">') == sum(1 for n in review if n.suggestion)
    assert "search:\n  exclude: true" in page  # editors' notes never reach the readers' search
    assert "编者工作台: editors.md" in str(editors.files[".nav.yml"])
    assert "編者工作臺" in str(editors.hant_files["editors.md"])


def test_editors_page_explains_the_doubt_numbers_it_shows(editors):
    page = str(editors.files["editors.md"])
    assert "存疑程度（1 最轻，5 最重）" in page
    assert "[5]" in page or "[4]" in page or "[3]" in page


def test_review_queue_in_the_terminal_explains_its_numbers_and_lists_the_declared_rules(readers):
    text = review_queue(readers)
    assert "[n] is how doubtful a decision is: 1 (slight) to 5 (most doubtful)" in text
    assert f"declared rules in use: {len(readers.handbook.declared)}" in text


def test_make_serve_builds_with_the_editors_page(monkeypatch, tmp_path):
    import build_docs.serve as serve

    seen = []

    def stop(preview, *args):
        seen.append(preview.configure())
        raise SystemExit(0)

    monkeypatch.setattr(serve, "warm", lambda: None)
    monkeypatch.setattr(serve, "rebuild", stop)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        serve.main(["--seeds", str(SEEDS), "--out", str(tmp_path / "out"), "--addr", "127.0.0.1:0"])
    assert seen and seen[0].editors
