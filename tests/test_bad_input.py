"""Bad input fails clearly, naming file and line, reporting everything at once, writing nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_docs.build import BuildConfig, build, generate
from build_docs.errors import BuildError
from build_docs.recovery import blocks

from .helpers import ROOT, SEEDS

GOOD = """福建省厦门市湖里区：测试标题

■福建省厦门市湖里区委书记 张三

湖里区坚持党建引领，推动基层治理。这是第一段。

第一部分

湖里区建立小区党支部。这是第二段。
"""


def _folder(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        # An empty cache: a test that patches the code must not be served another run's records.
        generate(BuildConfig(seeds=folder, shown_as="seeds", cache_dir=folder.parent / "cache"))
    return [str(p) for p in caught.value.problems]


def test_undecodable_bytes_are_reported_with_file_and_line(tmp_path):
    folder = _folder(tmp_path, {"bad.txt": "第一行\n第二行\n".encode() + b"\xff\xfe\xfa\x80\x81\n"})
    problems = _problems(folder)
    assert len(problems) == 1 and problems[0].startswith("seeds/bad.txt:3: undecodable bytes")


def test_gb18030_seed_is_decoded_and_its_encoding_reported(tmp_path):
    folder = _folder(
        tmp_path,
        {
            "gb.txt": GOOD.encode("gb18030"),
            "bom.txt": b"\xef\xbb\xbf" + GOOD.replace("张三", "李四").replace("测试标题", "另一标题").encode(),
        },
    )
    result = generate(BuildConfig(seeds=folder, shown_as="seeds"))
    encodings = {s.name: s.encoding for s in result.handbook.seeds}
    assert encodings == {"seeds/bom.txt": "utf-8 (with BOM)", "seeds/gb.txt": "gb18030"}
    assert "gb18030" in result.files["notes.md"]


def test_empty_file_is_an_error(tmp_path):
    folder = _folder(tmp_path, {"a.txt": GOOD, "empty.txt": "  \n\n"})
    assert _problems(folder) == ["seeds/empty.txt:1: empty seed text"]


def test_file_without_a_headline_or_a_place_fails_only_for_want_of_a_place(tmp_path):
    folder = _folder(tmp_path, {"a.txt": GOOD, "prose.txt": "\n这是一段没有标题的文字。\n又一段。\n"})
    problems = _problems(folder)
    assert [p for p in problems if p.startswith("seeds/prose.txt")] == [
        "seeds/prose.txt:2: headline without a place (none in the dateline, title, kicker, byline, signature or body): "
        "'这是一段没有标题的文字'"
    ]


def test_file_without_a_headline_that_names_its_place_is_published_with_a_flagged_title(tmp_path):
    prose = "\n湖里区建立小区党支部，推动基层治理。\n湖里区的居民参与议事。\n"
    result = generate(BuildConfig(seeds=_folder(tmp_path, {"a.txt": GOOD, "prose.txt": prose}), shown_as="seeds"))
    made = [a for d in result.handbook.districts for a in d.articles if a.headline.file == "seeds/prose.txt"]
    assert [a.title for a in made] == ["湖里区建立小区党支部"]
    assert [b.text for b in made[0].blocks] == ["湖里区建立小区党支部，推动基层治理。", "湖里区的居民参与议事。"]
    assert any(n.kind.value == "review" and n.source.file == "seeds/prose.txt" for n in result.handbook.notes)


def test_headline_without_a_body_is_listed_for_review_not_refused(tmp_path):
    lonely = "云南省曲靖市麒麟区：\n一个孤立的标题\n"
    result = generate(BuildConfig(seeds=_folder(tmp_path, {"a.txt": GOOD, "b.txt": lonely}), shown_as="seeds"))
    notes = [n for n in result.handbook.notes if n.source.file == "seeds/b.txt"]
    assert any(n.kind.value == "headline" and "一个孤立的标题" in n.text for n in notes)  # its lines are listed
    assert any(n.kind.value == "review" and "下没有正文" in n.message for n in notes)
    assert not result.handbook.problems


def test_all_problems_are_reported_together(tmp_path):
    folder = _folder(tmp_path, {"a.txt": "", "b.txt": b"\x81\x30\xff\xff", "c.txt": "  "})
    problems = _problems(folder)
    assert [p.split(":")[0] for p in problems] == ["seeds/a.txt", "seeds/b.txt", "seeds/c.txt"]


def test_failed_build_leaves_previous_docs_untouched(tmp_path):
    docs = tmp_path / "docs"
    build(BuildConfig(seeds=_folder(tmp_path, {"a.txt": GOOD}), docs=docs, shown_as="seeds"))
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    (tmp_path / "seeds" / "z.txt").write_bytes(b"")
    with pytest.raises(BuildError):
        build(BuildConfig(seeds=tmp_path / "seeds", docs=docs, shown_as="seeds"))
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and p.name != "z.txt"}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".docs.generations",
        "docs",
        "docs-zh-Hant",
        "reports",
        "seeds",
    ]  # no staging folder left
    assert len(list((tmp_path / ".docs.generations").glob("*gen-*"))) == 1


def test_cli_prints_errors_and_exits_non_zero(tmp_path):
    folder = _folder(tmp_path, {"empty.txt": ""})
    run = subprocess.run(
        [sys.executable, "-m", "build_docs", "--seeds", str(folder), "--docs", str(tmp_path / "docs")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 1
    assert "empty.txt:1: empty seed text" in run.stderr
    assert not (tmp_path / "docs").exists()


def test_lost_text_fails_the_conservation_check(tmp_path, monkeypatch):
    def lossy(drafts, rules):
        return drafts[:-1], ()  # silently forget the last paragraph

    monkeypatch.setattr(blocks, "BLOCK_PASSES", (*blocks.BLOCK_PASSES, ("lossy", lossy)))
    problems = _problems(_folder(tmp_path, {"a.txt": GOOD}))
    assert any("neither published nor listed as removed" in p and p.startswith("seeds/a.txt:") for p in problems)


HOSTILE = """福建省厦门市湖里区：<script>alert(1)</script>标题

■福建省厦门市湖里区委书记 张三

湖里区的文字里有[链接](javascript:alert(1))和{{ jinja }}，还有**星号**与<b>标签</b>。

# 不是标题的一行

1. 不是列表的一行，湖里区。

湖里区第二段，说明{#not-an-id}不会变成属性。
"""


def test_markup_in_a_seed_is_shown_literally(tmp_path):
    import markdown

    result = generate(BuildConfig(seeds=_folder(tmp_path, {"a.txt": HOSTILE}), shown_as="seeds"))
    page = next(v for k, v in result.files.items() if k.startswith("districts/"))
    body = page.split("---", 2)[2]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html", "pymdownx.escapeall"])
    assert "<script>" not in html and "<b>" not in html
    assert 'href="javascript' not in html and "<em>" not in html
    assert "[链接](javascript:alert(1))" in html
    assert "{{ jinja }}" in html
    assert "<h1>不是标题的一行</h1>" not in html and "<ol>" not in html
    assert 'id="not-an-id"' not in html


def test_real_seeds_build_after_copying(tmp_path):
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS, copy)
    assert len(generate(BuildConfig(seeds=copy, shown_as="seeds")).handbook.districts) == 8


PLACELESS = """# 一篇没有地方的文章

周晓光  吴  迪

文章里没有写明任何地方。这是唯一的一段。
"""


def test_lenient_build_leaves_out_the_bad_file_and_lists_it_first_on_the_notes_page(tmp_path):
    folder = _folder(tmp_path, {"a.txt": GOOD, "b.txt": PLACELESS, "c.txt": b"\xff\xfe\xfd bad"})
    result = generate(BuildConfig(seeds=folder, shown_as="seeds", strict=False))
    districts = [d.region.district for d in result.handbook.districts]
    assert districts == ["湖里区"]
    assert any(w.startswith("seeds/b.txt:1: headline without a place") for w in result.warnings)
    assert any(w.startswith("seeds/c.txt:1: undecodable bytes") for w in result.warnings)
    notes = result.files["notes.md"]
    assert notes.index("## 未能收入的文件") < notes.index("## 原始文本")
    assert "seeds/b.txt:1: headline without a place" in notes


def test_strict_cli_fails_on_one_bad_file_and_lenient_cli_publishes_the_rest(tmp_path):
    folder = _folder(tmp_path, {"a.txt": GOOD, "b.txt": PLACELESS})
    common = [sys.executable, "-m", "build_docs", "--seeds", str(folder), "--pdf-dir", str(tmp_path / "no-pdf")]
    strict = subprocess.run([*common, "--strict", "--docs", str(tmp_path / "strict")], capture_output=True, text=True, cwd=ROOT)
    assert strict.returncode == 1 and "b.txt:1: headline without a place" in strict.stderr
    assert not (tmp_path / "strict").exists()
    lenient = subprocess.run([*common, "--docs", str(tmp_path / "lenient")], capture_output=True, text=True, cwd=ROOT)
    assert lenient.returncode == 0, lenient.stderr
    assert "warning:" in lenient.stderr and "b.txt:1: headline without a place" in lenient.stderr
    assert (tmp_path / "lenient" / "records.json").is_file()


def test_published_seed_paths_are_relative_to_the_project_or_the_folder_name(tmp_path, monkeypatch):
    from build_docs.__main__ import shown

    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    assert shown(tmp_path / "seeds") == "seeds" and shown(Path("seeds/")) == "seeds"
    assert shown(Path("/home/editor/my-seeds")) == "my-seeds"  # never the build machine's path
