"""records.csv and records-paragraphs.csv: records.json's companions for spreadsheets."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_docs.export import ARTICLE_COLUMNS, BLOCK_COLUMNS, cell, csv_bytes

from .helpers import SEEDS, build_from


@pytest.fixture(scope="module")
def result():
    return build_from(SEEDS)


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark spreadsheets read UTF-8 by
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_one_row_per_article_with_the_records_fields(result):
    records = json.loads(result.files["records.json"])["articles"]
    rows = _rows(result.files["records.csv"])
    assert list(rows[0]) == list(ARTICLE_COLUMNS)
    assert [r["id"] for r in rows] == [a["id"] for a in records]
    huli = next(r for r in rows if r["id"] == "fujian-xiamen-huli-a1")
    assert (huli["county"], huli["date"], huli["time"]) == ("湖里区", "2019-10-12", "15:45")
    assert huli["publisher"] == "人民网-中国共产党新闻网" and huli["authors"] == "中共厦门市湖里区委员会组织部"
    record = next(a for a in records if a["id"] == "fujian-xiamen-huli-a1")
    assert int(huli["paragraphs"]) == sum(b["kind"] == "paragraph" for b in record["blocks"])


def test_one_row_per_body_block_in_reading_order(result):
    records = json.loads(result.files["records.json"])["articles"]
    rows = _rows(result.files["records-paragraphs.csv"])
    assert list(rows[0]) == list(BLOCK_COLUMNS)
    expected = [(a["id"], b["id"], b["kind"], b["text"], b["source"]) for a in records for b in a["blocks"]]
    assert [(r["article"], r["id"], r["kind"], r["text"], r["source"]) for r in rows] == expected
    first = [r for r in rows if r["article"] == records[0]["id"]]
    assert [int(r["position"]) for r in first] == list(range(1, len(first) + 1))


def test_the_csv_files_are_the_same_in_both_scripts_and_linked_from_the_home_page(result):
    for name in ("records.csv", "records-paragraphs.csv"):
        assert result.files[name] == result.hant_files[name]
        assert f"({name})" in result.files["index.md"] and f"({name})" in result.hant_files["index.md"]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+86 123", "'+86 123"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("——副题", "——副题"),
        ("网格 = 1", "网格 = 1"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text(value, written):
    assert cell(value) == written


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('党建网格,"\n\r\t =+-@;，。“”')), max_size=40))
def test_any_text_reads_back_from_its_cell_as_written(text):
    (row,) = _rows(csv_bytes(("text",), [[text]]))
    assert row["text"] == cell(text) and cell(text).removeprefix("'") in (text, text.removeprefix("'"))
