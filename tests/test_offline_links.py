"""The offline build's links: the generated pages' raw HTML links rewritten to page files, the zip made the same way twice."""

from __future__ import annotations

import zipfile

import pytest

from build_docs.cite import directory_url
from build_docs.mkdocs_hooks import CITE_URL_RE
from build_docs.offline import file_links, file_url, write_zip

SOURCES = {"index.md", "glossary.md", "districts/a.md", "districts/b.md", "themes/index.md", "themes/grid.md"}


@pytest.mark.parametrize(
    ("src", "directory", "file"),
    [
        ("index.md", "", "index.html"),
        ("districts/a.md", "districts/a/", "districts/a.html"),
        ("themes/index.md", "themes/", "themes/index.html"),
    ],
)
def test_a_page_has_its_directory_address_online_and_its_file_offline(src, directory, file):
    assert (directory_url(src), file_url(src)) == (directory, file)


@pytest.mark.parametrize(
    ("src", "href", "expected"),
    [
        ("districts/a.md", "../../glossary/#wangge", "../glossary.html#wangge"),  # a glossary term on a district page
        ("districts/a.md", "../b/", "b.html"),
        ("districts/a.md", "./", "a.html"),
        ("themes/grid.md", "../../districts/a/#a1-p3", "../districts/a.html#a1-p3"),  # a theme passage
        ("themes/index.md", "grid/#districts-a", "grid.html#districts-a"),  # the matrix's cells
        ("themes/index.md", "../", "../index.html"),
        ("index.md", "themes/", "themes/index.html"),
        ("districts/a.md", "../../downloads/a.pdf", "../downloads/a.pdf"),  # a file stays a file
    ],
)
def test_raw_html_links_point_at_the_page_files(src, href, expected):
    assert file_links(f'<a class="hb-tag" href="{href}">x</a>', src, SOURCES) == f'<a class="hb-tag" href="{expected}">x</a>'


@pytest.mark.parametrize("href", ["#a1-p3", "https://example.org/x/", "mailto:a@example.org", "/zh-Hant/"])
def test_anchors_and_addresses_outside_the_handbook_are_left_alone(href):
    html = f'<a href="{href}">x</a>'
    assert file_links(html, "districts/a.md", SOURCES) == html


def test_seed_text_that_reads_like_a_link_is_never_rewritten():
    # Seed text reaches the Markdown escaped: '<' never opens a tag there.
    text = '&lt;a href="../../glossary/"&gt; 原文 href="../b/"'
    assert file_links(text, "districts/a.md", SOURCES) == text


def test_the_citation_address_slot_is_the_one_the_template_writes():
    from pathlib import Path

    template = (Path(__file__).resolve().parent.parent / "templates" / "district.md.j2").read_text(encoding="utf-8")
    written = template.split('<span class="hb-cite__url"', 1)[1].split("</span>", 1)[0]
    assert CITE_URL_RE.match('<span class="hb-cite__url"' + written.replace("{{ article.ident }}", "a1") + "</span>")


def test_the_zip_unpacks_to_one_folder_and_is_the_same_for_the_same_site(tmp_path):
    site = tmp_path / "site"
    (site / "districts").mkdir(parents=True)
    (site / "index.html").write_text("首页", encoding="utf-8")
    (site / "districts" / "a.html").write_text("区", encoding="utf-8")
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    assert write_zip(site, first) == write_zip(site, second) == 2
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as z:
        assert z.namelist() == ["handbook-offline/districts/a.html", "handbook-offline/index.html"]
        assert z.read("handbook-offline/districts/a.html").decode("utf-8") == "区"
