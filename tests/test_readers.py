"""The seeds folder takes every file: each format to its reader, a file of no format listed, places shown."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bench.formats import write_docx, write_html
from build_docs import provenance
from build_docs.build import BuildConfig, generate
from build_docs.errors import BuildError
from build_docs.records import SeedFile, Source

from .helpers import ROOT
from .layouts import ITEMS

try:  # a page PDF joins the mixed folder where WeasyPrint can typeset it (the [pdf] extra)
    import weasyprint  # noqa: F401

    from .pdf_fixtures import write_pdf
except ImportError:
    write_pdf = None  # type: ignore[assignment]

GOOD = ITEMS[0]  # the project's own short article (浙江省安吉县)


def _plain(article) -> str:
    """An own article as a plain text seed: dateline headline, byline, paragraphs."""
    return "\n\n".join([f"{article.place}：{article.title}", *article.paragraphs]) + "\n"


def _folder(tmp_path, files: dict[str, bytes | str]):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, data in files.items():
        if name.endswith("/"):
            (seeds / name).mkdir()
            continue
        (seeds / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return seeds


def _build(tmp_path, files, strict: bool = False):
    seeds = _folder(tmp_path, files)
    return generate(BuildConfig(seeds=seeds, shown_as="seeds", strict=strict, cache_dir=tmp_path / "cache",
                                corrections=tmp_path / "none.yml"))  # fmt: skip


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """One folder holding a .txt, a .md, a saved page with its _files folder, a .docx and files of no format."""
    work = tmp_path_factory.mktemp("mixed")
    page, _ = write_html(ITEMS[1], 0)
    docx, _ = write_docx(ITEMS[2])
    files: dict[str, bytes | str] = {
        "a.txt": _plain(GOOD),
        "b.md": f"# {ITEMS[3].place}：{ITEMS[3].title}\n\n" + "\n\n".join(ITEMS[3].paragraphs) + "\n",
        "page.html": page,
        "page_files/": b"",
        "submission.docx": docx,
        **({"paper.pdf": write_pdf(ITEMS[4], 1)[0]} if write_pdf else {}),
        "photo.jpg": b"\xff\xd8\xff\xe0 not text",
        "old.doc": b"\xd0\xcf\x11\xe0 word 97",
    }
    return _build(work, files, strict=True)


def test_every_known_format_in_one_folder_is_published_even_in_a_strict_build(mixed):
    files = {a.headline.file for d in mixed.handbook.districts for a in d.articles}
    pdf = {"seeds/paper.pdf"} if write_pdf else set()
    assert files == {"seeds/a.txt", "seeds/b.md", "seeds/page.html", "seeds/submission.docx", *pdf}


def test_files_of_no_known_format_are_listed_with_what_to_do_never_silently_skipped(mixed):
    problems = mixed.handbook.problems
    assert any(p.startswith("seeds/photo.jpg: not read: a file of no format the build reads ('.jpg'") for p in problems)
    assert any(p.startswith("seeds/old.doc: not read:") for p in problems)
    assert any("seeds/old.doc" in w for w in mixed.warnings)
    assert "seeds/old.doc" in mixed.files["notes.md"]


def test_a_saved_pages_files_folder_is_part_of_the_page_not_an_unknown_file(mixed):
    assert not any("page_files" in p for p in mixed.handbook.problems)


def test_a_reader_made_seed_shows_its_places_in_records_json(mixed):
    records = json.loads(mixed.files["records.json"])
    sources = [b["source"] for a in records["articles"] for b in a["blocks"]]
    assert any(s.startswith("seeds/submission.docx:¶") for s in sources), sources
    assert any(s.startswith("seeds/page.html:#p") for s in sources), sources
    assert any(s.startswith("seeds/a.txt:") and s.split(":")[1][0].isdigit() for s in sources)


def test_records_with_places_are_valid_against_the_published_schema(mixed):
    import jsonschema

    schema = json.loads((ROOT / "build_docs" / "records.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(mixed.files["records.json"]), schema)


def test_the_seeds_list_on_the_notes_page_names_the_reader_and_its_library(mixed):
    notes = mixed.files["notes.md"]
    assert "docx (python-docx 1.2.0)" in notes
    assert "html (readability-lxml 0.9)" in notes


def test_a_folder_of_only_unknown_files_fails_saying_so(tmp_path):
    with pytest.raises(BuildError) as err:
        _build(tmp_path, {"photo.jpg": b"\xff\xd8"})
    assert "seeds/photo.jpg: not read" in str(err.value)


def test_a_pdf_without_its_reader_is_a_located_problem_and_the_rest_publishes(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "build_docs.readers.pdf", None)  # as before the PDF reader is installed
    result = _build(tmp_path, {"a.txt": _plain(GOOD), "paper.pdf": b"%PDF-1.7\n"})
    assert any(p.startswith("seeds/paper.pdf: PDF reader not installed") for p in result.handbook.problems)
    assert [a.title for d in result.handbook.districts for a in d.articles] == [GOOD.title]


def test_a_pdf_without_its_reader_fails_a_strict_build(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "build_docs.readers.pdf", None)
    with pytest.raises(BuildError, match="seeds/paper.pdf: PDF reader not installed"):
        _build(tmp_path, {"a.txt": _plain(GOOD), "paper.pdf": b"%PDF-1.7\n"}, strict=True)


def test_a_reader_that_fails_on_a_file_is_that_files_problem_not_the_builds(tmp_path, monkeypatch):
    from build_docs.readers import docx

    def broken(data: bytes, name: str):
        raise IndexError("list index out of range")

    monkeypatch.setattr(docx, "read_docx", broken)
    result = _build(tmp_path, {"a.txt": _plain(GOOD), "x.docx": b"PK"})
    assert "seeds/x.docx: the docx reader failed: IndexError: list index out of range" in result.handbook.problems
    assert [a.title for d in result.handbook.districts for a in d.articles] == [GOOD.title]


def test_a_plain_text_build_never_imports_a_reader_or_its_library(tmp_path):
    seeds = _folder(tmp_path, {"a.txt": _plain(GOOD)})
    code = (
        "import sys\n"
        "from build_docs.build import BuildConfig, recover_records\n"
        "from build_docs.progress import Stages\n"
        f"recover_records(BuildConfig(seeds=__import__('pathlib').Path({str(seeds)!r}), cache_dir="
        f"__import__('pathlib').Path({str(tmp_path / 'cache')!r})), Stages())\n"
        "print(sorted(m for m in sys.modules if m.startswith(('build_docs.readers.', 'readability', 'docx', 'lxml'))))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "['build_docs.readers.base']"


@pytest.mark.parametrize(
    ("places", "ranges", "shown"),
    [
        (("¶1", "¶2", "¶3", "¶5"), [(2, 2)], "x.docx:¶2"),
        (("¶1", "¶2", "¶3", "¶5"), [(2, 4)], "x.docx:¶2-5"),
        (("¶1", "¶2", "¶3", "¶5"), [(1, 2), (4, 4)], "x.docx:¶1-2+¶5"),
        (("¶1", "表1.1", "表1.2"), [(1, 3)], "x.docx:¶1-表1.2"),
        (("#p4", "#p5", "#p9"), [(1, 3)], "x.docx:#p4-9"),
        (("p3", "p3", "p4"), [(1, 2)], "x.docx:p3"),
        (("¶1",), [(0, 0)], "x.docx"),
    ],
)
def test_a_source_over_a_reader_made_seed_is_shown_by_its_places(places, ranges, shown):
    provenance.register([SeedFile(name="x.docx", encoding="docx", lines=("",) * len(places), places=places)])
    (start, end), *also = ranges
    assert str(Source(file="x.docx", start=start, end=end, also=tuple(also))) == shown


def test_a_plain_text_seed_keeps_its_line_numbers():
    provenance.register([SeedFile(name="t.txt", encoding="utf-8", lines=("a", "b"))])
    assert str(Source(file="t.txt", start=1, end=2)) == "t.txt:1-2"


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("¶2", (2, "")),
        ("p3/2", (4, "")),
        ("p3", (0, "place 'p3' holds 2 lines: name one as 'p3/1' … 'p3/2'")),
        ("p3/5", (0, "place 'p3' holds 2 line(s), not 5")),
        ("¶9", (0, "no place '¶9' in this file")),
    ],
)
def test_a_place_names_one_line_or_says_why_not(place, expected):
    assert provenance.resolve(place, ("¶1", "¶2", "p3", "p3")) == expected


def test_the_review_entry_for_a_shared_place_names_the_line_within_it():
    provenance.register([SeedFile(name="y.pdf", encoding="pdf", lines=("a", "b", "c"), places=("p1", "p2", "p2"))])
    assert provenance.address("y.pdf", 3) == "y.pdf:p2/2"
    assert provenance.address("y.pdf", 1) == "y.pdf:p1"
