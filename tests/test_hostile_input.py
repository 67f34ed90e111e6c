"""Hostile seed folders: markup in file names, links out of the folder, control characters,
the same article twice, districts whose slugs read alike. None of them reaches a page."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest

from build_docs.build import BuildConfig, Result, generate
from build_docs.errors import BuildError
from build_docs.index import check_pages
from build_docs.kinds import NoteKind

from .helpers import articles_of

YINING_XIAN = """新疆维吾尔自治区伊犁哈萨克自治州伊宁县：果园里的党小组

■新疆维吾尔自治区伊犁哈萨克自治州伊宁县委书记 王小明

伊宁县把党小组建在果园里，果农有事先找党员。这是伊宁县的第一段。

伊宁县组织党员帮果农联系销路。这是伊宁县的第二段。
"""

YINING_SHI = """新疆维吾尔自治区伊犁哈萨克自治州伊宁市：老街巷的网格员

■新疆维吾尔自治区伊犁哈萨克自治州伊宁市委书记 李大华

伊宁市把老城区划成网格，每格一名网格员。这是伊宁市的第一段。

伊宁市的网格员每天走访住户。这是伊宁市的第二段。
"""

HTML_NAME = 'x"><img src=x onerror=alert(1)>.txt'
# Markdown marks in a file name: emphasis, code, an HTML start.
MARKDOWN_NAME = "a*b_c`d<e.txt"


def _folder(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


def _generate(folder: Path, strict: bool = True, editors: bool = False) -> Result:
    cache = folder.parent / "cache"
    docs = folder.parent / "docs"
    return generate(BuildConfig(seeds=folder, shown_as="seeds", strict=strict, cache_dir=cache, docs=docs, editors=editors))


def _pages(result: Result) -> dict[str, str]:
    """Every text page of both scripts, keyed 'script/path'."""
    return {
        f"{script}/{path}": content
        for script, files in (("hans", result.files), ("hant", result.hant_files))
        for path, content in files.items()
        if isinstance(content, str)
    }


def _html(page: str) -> str:
    """Convert a generated page as MkDocs does (the extensions of mkdocs.yml that read markup)."""
    body = page.split("\n---\n", 1)[-1] if page.startswith("---\n") else page
    return markdown.markdown(body, extensions=["attr_list", "tables", "md_in_html", "toc", "pymdownx.escapeall"])


def test_file_name_with_html_is_escaped_on_every_page_of_both_scripts(tmp_path):
    folder = _folder(tmp_path, {HTML_NAME: YINING_XIAN, MARKDOWN_NAME: YINING_SHI})
    result = _generate(folder)
    pages = _pages(result)
    shown = [path for path, page in pages.items() if "x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt" in page]
    assert any(path.endswith("notes.md") for path in shown) and any("/districts/" in path for path in shown)
    for path, page in pages.items():
        if path.endswith(".md"):
            assert "<img" not in page, path
            assert "<img" not in _html(page), path
            assert "<e.txt" not in _html(page), path
    district = next(page for path, page in pages.items() if path.startswith("hans/districts/") and "伊宁市" in path + page)
    # Kept literally in the seed locator attribute: no emphasis, no code span, no tag.
    assert 'data-source="seeds/a*b_c`d&lt;e.txt:1-3"' in _html(district)


def test_symlink_to_a_file_outside_the_seeds_folder_is_refused_strict_and_lenient(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text(YINING_SHI.replace("网格员", "保密员"), encoding="utf-8")
    folder = _folder(tmp_path, {"good.txt": YINING_XIAN})
    os.symlink(outside, folder / "leak.txt")
    os.mkfifo(folder / "pipe.txt")  # would block a build that read it
    with pytest.raises(BuildError) as caught:
        _generate(folder, strict=True)
    problems = [str(p) for p in caught.value.problems]
    assert "seeds/leak.txt: symlink outside the seeds folder" in problems
    assert "seeds/pipe.txt: not a regular file" in problems
    result = _generate(folder, strict=False)
    assert "seeds/leak.txt: symlink outside the seeds folder" in result.handbook.problems
    assert [a.region.district for a in articles_of(result)] == ["伊宁县"]
    assert not any("保密员" in page for page in _pages(result).values())
    assert "seeds/leak.txt: symlink outside the seeds folder" in result.files["notes.md"]


def test_nul_and_bidi_override_are_absent_from_every_page_and_listed_on_the_notes(tmp_path):
    text = YINING_XIAN.replace("果园里的党小组", "果园里的\u202e党小组").replace("第一段", "第\x00一段\u2066")
    result = _generate(_folder(tmp_path, {"ctrl.txt": text}))
    (article,) = articles_of(result)
    assert article.title == "果园里的党小组"
    for path, page in _pages(result).items():
        for ch in "\x00\u202e\u2066":
            assert ch not in page, (path, hex(ord(ch)))
    notes = result.files["notes.md"]
    assert "删去控制字符与双向文字控制符" in notes
    for code in ("U+0000", "U+202E", "U+2066"):
        assert f"删去控制字符 {code}" in notes
        assert code in result.hant_files["notes.md"]


def test_same_article_in_two_files_is_published_once_with_a_review_note(tmp_path):
    result = _generate(_folder(tmp_path, {"a.txt": YINING_XIAN, "b.txt": YINING_XIAN, "c.txt": YINING_SHI}), editors=True)
    titles = [a.title for a in articles_of(result)]
    assert sorted(titles) == ["果园里的党小组", "老街巷的网格员"]
    (kept,) = [a for a in articles_of(result) if a.title == "果园里的党小组"]
    assert kept.headline.file == "seeds/a.txt"
    review = [n for n in result.handbook.notes if n.kind is NoteKind.REVIEW and "完全相同" in n.message]
    assert len(review) == 1 and str(review[0].source) == "seeds/b.txt:1-3" and "seeds/a.txt:1-3" in review[0].message
    assert "<code>seeds/b.txt:1-3</code> 与 seeds/a.txt:1-3 的文章标题、正文完全相同" in result.files["editors.md"]
    assert "<code>seeds/b.txt:5-7</code> 与 seeds/a.txt:1-3 重复的正文，未再次发表" in result.files["notes.md"]
    page = next(p for path, p in result.files.items() if path.startswith("districts/") and "果园里的党小组" in p)
    assert page.count("## 果园里的党小组") == 1


def test_a_copy_in_other_line_ends_is_the_same_file_but_another_layout_of_the_article_is_published_with_a_note(tmp_path):
    crlf = YINING_XIAN.replace("\n", "\r\n").encode("utf-8")
    spaced = YINING_XIAN.replace("\n\n", "\n\n\n")  # another channel's layout: the same article recovered
    result = _generate(_folder(tmp_path, {"a.txt": YINING_XIAN, "b.txt": crlf, "c.txt": spaced}))
    files = sorted(a.headline.file for a in articles_of(result) if a.title == "果园里的党小组")
    assert files == ["seeds/a.txt", "seeds/c.txt"]
    review = {str(n.source): n.message for n in result.handbook.notes if n.kind is NoteKind.REVIEW and "完全相同" in n.message}
    assert "只发表了那一份" in review["seeds/b.txt:1-3"]
    assert any(where.startswith("seeds/c.txt:") and "都已发表" in said for where, said in review.items()), review


def test_districts_whose_slugs_collide_get_two_pages_each_article_on_exactly_one(tmp_path):
    # 伊宁县 and 伊宁市 share the short name 伊宁: both read 'yining'.
    result = _generate(_folder(tmp_path, {"a.txt": YINING_SHI, "b.txt": YINING_XIAN}))
    slugs = {d.region.district: d.slug for d in result.handbook.districts}
    assert slugs == {"伊宁县": "xinjiangweiwuer-yili-yining-xian", "伊宁市": "xinjiangweiwuer-yili-yining-shi"}
    for script in (result.files, result.hant_files):
        on = {title: [path for path, page in script.items() if path.startswith("districts/") and title in page]
              for title in ("果园里的党小组", "老街巷的网格员", "果園裡的黨小組", "老街巷的網格員")}  # fmt: skip
        assert sorted(len(paths) for paths in on.values()) == [0, 0, 1, 1]
        assert {paths[0] for paths in on.values() if paths} == {f"districts/{slug}.md" for slug in slugs.values()}


def test_a_page_made_twice_or_an_article_on_no_page_is_a_build_error(tmp_path):
    result = _generate(_folder(tmp_path, {"a.txt": YINING_SHI, "b.txt": YINING_XIAN}))
    districts = result.handbook.districts
    page = result.files[f"districts/{districts[0].slug}.md"]
    assert isinstance(page, str)
    problems = [str(p) for p in check_pages(districts, [("districts/x.md", page), ("districts/x.md", page)], _marker)]
    assert "districts/x.md: page made 2 times: one overwrote the other" in problems
    assert any("is on 2 pages" in p for p in problems) and any("is on 0 pages" in p for p in problems)


def _marker(article) -> str:
    from build_docs.render import source_marker

    return source_marker(article)
