"""Word documents: paragraphs with their ¶ places, styles as hints, tables and pictures, corrections by place."""

from __future__ import annotations

import io
import json
import struct
import zlib

import pytest

from bench import formats
from build_docs.build import BuildConfig, generate
from build_docs.errors import BuildError
from build_docs.kinds import BlockKind, EvidenceKind, NoteKind
from build_docs.readers.base import ReaderError
from build_docs.readers.docx import read_docx

from .layouts import ITEMS, compare, corpus_articles

GOOD = ITEMS[0]  # the project's own short article (浙江省安吉县)


def tiny_png() -> bytes:
    """A one-pixel PNG, written by hand: a picture for a document to hold."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b"")


def submission() -> bytes:
    """A district's submission: kicker, Title, byline, a bold lead, a heading, a table, a picture and its caption."""
    from docx import Document

    doc = Document()
    doc.add_paragraph(GOOD.kicker)
    doc.add_paragraph(GOOD.title, style="Title")
    doc.add_paragraph("本报记者  沈嘉怡  陈立")
    doc.add_paragraph("2026年4月2日")
    lead = doc.add_paragraph()
    lead.add_run("议事会开到竹林边。").bold = True
    lead.add_run(GOOD.paragraphs[0])
    doc.add_paragraph(GOOD.paragraphs[1])
    doc.add_paragraph("一张清单管到底", style="Heading 2")
    doc.add_paragraph(GOOD.paragraphs[2])
    table = doc.add_table(rows=2, cols=2)
    for r, row in enumerate((("议事事项", "办结数"), ("道路修缮", "12"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_paragraph()
    doc.add_picture(io.BytesIO(tiny_png()))
    doc.add_paragraph("村民在竹亭下商量碳汇收益怎么分", style="Caption")
    doc.add_paragraph(GOOD.paragraphs[3])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_word_document_gives_its_paragraphs_places_and_style_hints():
    got = read_docx(submission(), "seeds/x.docx")
    assert got.lines[:4] == (f"## {GOOD.kicker}", f"# {GOOD.title}", "本报记者  沈嘉怡  陈立", "2026年4月2日")
    assert got.places == ("¶1", "¶2", "¶3", "¶4", "¶5", "¶6", "¶7", "¶8", "表1.1", "表1.2", "¶9", "图1", "¶11", "¶12")
    assert got.lines[8:12] == ("议事事项｜办结数", "道路修缮｜12", "", "")
    hints = [(h.line, h.kind, h.detail) for h in got.hints if h.line or h.kind is not EvidenceKind.AUTHOR]
    assert (1, EvidenceKind.TITLE, "Title style") in hints
    assert (4, EvidenceKind.LEAD, "议事会开到竹林边。") in hints
    assert (6, EvidenceKind.HEADING, "Heading 2 style") in hints
    assert (12, EvidenceKind.CAPTION, "Caption style") in hints
    assert got.reader == "docx (python-docx 1.2.0)"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The submission beside a plain text seed, built (strict) with a corrections.yml naming a place."""
    work = tmp_path_factory.mktemp("docx")
    seeds = work / "seeds"
    seeds.mkdir()
    (seeds / "x.docx").write_bytes(submission())
    (work / "corrections.yml").write_text(
        "corrections:\n  - at: seeds/x.docx:¶5\n    lead: none\n    note: 原文加粗的是强调，不是导语\n", encoding="utf-8"
    )
    return generate(BuildConfig(seeds=seeds, shown_as="seeds", cache_dir=work / "cache"))


def test_the_submission_is_recovered_whole_through_the_pipeline(built):
    (district,) = built.handbook.districts
    (article,) = district.articles
    assert (article.title, article.kicker, article.authors, article.date) == (
        GOOD.title, GOOD.kicker, GOOD.authors, "2026-04-02"
    )  # fmt: skip
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert kinds == [
        (BlockKind.PARAGRAPH, "议事会开到竹林边。" + GOOD.paragraphs[0]),
        (BlockKind.PARAGRAPH, GOOD.paragraphs[1]),
        (BlockKind.HEADING, "一张清单管到底"),
        (BlockKind.PARAGRAPH, GOOD.paragraphs[2]),
        (BlockKind.PARAGRAPH, "议事事项｜办结数"),
        (BlockKind.PARAGRAPH, "道路修缮｜12"),
        (BlockKind.CAPTION, "村民在竹亭下商量碳汇收益怎么分"),
        (BlockKind.PARAGRAPH, GOOD.paragraphs[3]),
    ]


def test_provenance_is_shown_as_paragraph_places_in_records_and_on_the_notes_page(built):
    records = json.loads(built.files["records.json"])
    sources = [b["source"] for b in records["articles"][0]["blocks"]]
    assert sources == [
        "seeds/x.docx:¶5", "seeds/x.docx:¶6", "seeds/x.docx:¶7", "seeds/x.docx:¶8",
        "seeds/x.docx:表1.1", "seeds/x.docx:表1.2", "seeds/x.docx:¶11", "seeds/x.docx:¶12",
    ]  # fmt: skip
    assert "seeds/x.docx:¶" in str(built.files["notes.md"])


def test_a_corrections_entry_addresses_a_paragraph_by_its_place(built):
    (article,) = built.handbook.districts[0].articles
    assert article.blocks[0].lead == ""  # the bold opening run would be its lead
    (origin, at, actions, _), *_ = article.corrections
    assert (origin.endswith("corrections.yml:2"), at, actions) == (True, "seeds/x.docx:¶5", "lead: none")
    notes = [n for n in built.handbook.notes if n.kind is NoteKind.CORRECTION]
    assert [str(n.source) for n in notes] == ["seeds/x.docx:¶5"]


def test_a_bold_opening_run_is_the_paragraphs_lead(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "x.docx").write_bytes(submission())
    result = generate(BuildConfig(seeds=seeds, shown_as="seeds", cache_dir=tmp_path / "cache", corrections=tmp_path / "no.yml"))
    assert result.handbook.districts[0].articles[0].blocks[0].lead == "议事会开到竹林边。"


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("seeds/x.docx:¶99", "'seeds/x.docx:¶99': no place '¶99' in this file"),
        ("seeds/x.docx:6", "'seeds/x.docx:6': name the line by its place as 校勘记 shows it (e.g. x.docx:¶1), not by a number"),
    ],
)
def test_a_corrections_entry_naming_no_place_is_an_error_at_its_line(tmp_path, at, message):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "x.docx").write_bytes(submission())
    (tmp_path / "corrections.yml").write_text(f"corrections:\n  - at: {at}\n    lead: none\n", encoding="utf-8")
    with pytest.raises(BuildError) as err:
        generate(BuildConfig(seeds=seeds, shown_as="seeds", cache_dir=tmp_path / "cache"))
    assert f"corrections.yml:2: {message}" in str(err.value)


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04 this is no zip", b"not even a zip file", submission()[:400]],
)
def test_a_corrupt_word_document_is_a_clear_error(data):
    with pytest.raises(ReaderError, match="not a readable Word document|damaged Word document"):
        read_docx(data, "seeds/x.docx")


def test_a_corrupt_word_document_is_located_and_a_lenient_build_publishes_the_rest(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    good, _ = formats.write_docx(GOOD)
    (seeds / "good.docx").write_bytes(good)
    (seeds / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    config = BuildConfig(seeds=seeds, shown_as="seeds", cache_dir=tmp_path / "cache", corrections=tmp_path / "no.yml")
    with pytest.raises(BuildError, match="seeds/broken.docx: not a readable Word document"):
        generate(config)
    from dataclasses import replace

    result = generate(replace(config, strict=False))
    assert any(p.startswith("seeds/broken.docx: not a readable Word document") for p in result.handbook.problems)
    assert [a.title for d in result.handbook.districts for a in d.articles] == [GOOD.title]


@pytest.mark.slow
def test_every_own_and_corpus_article_as_a_word_document_is_recovered_exactly(tmp_path):
    articles = (*ITEMS, *corpus_articles())
    files, expected = [], {}
    for i, art in enumerate(articles):
        data, want = formats.write_docx(art, i)
        files.append((f"{art.id}.docx", data))
        expected[f"{art.id}.docx"] = want
    by_file, _ = formats.build(tmp_path, files)
    failures = {name: compare([want], by_file.get(name, [])) for name, want in expected.items()}
    assert {k: v for k, v in failures.items() if v} == {}
