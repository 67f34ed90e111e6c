"""records.json: every article as data, valid against the published schema, linked from the home page."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from build_docs.export import records_json

from .helpers import SEEDS, articles_of, build_from

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "build_docs" / "records.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result():
    return build_from(SEEDS)


def test_records_json_is_valid_against_the_schema(result):
    records = json.loads(result.files["records.json"])
    jsonschema.validate(records, SCHEMA)
    assert len(records["articles"]) == len(articles_of(result)) == 9


def test_schema_rejects_markup_and_unknown_kinds(result):
    records = json.loads(result.files["records.json"])
    broken = json.loads(json.dumps(records))
    broken["articles"][0]["blocks"][0]["text"] = "**加粗**"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)
    broken = json.loads(json.dumps(records))
    broken["articles"][0]["blocks"][0]["kind"] = "para"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, SCHEMA)


def test_records_hold_the_articles_blocks_in_reading_order_as_plain_text(result):
    records = json.loads(result.files["records.json"])
    by_id = {r["id"]: r for r in records["articles"]}
    for district in result.handbook.districts:
        for article in district.articles:
            record = by_id[f"{district.slug}-{article.ident}"]
            assert record["title"] == article.title and record["authors"] == list(article.authors)
            assert [b["text"] for b in record["blocks"]] == [b.text for b in article.blocks]
            assert [b["id"] for b in record["blocks"]] == [b.ident for b in article.blocks]


def test_records_are_published_unchanged_in_both_scripts_and_linked_from_the_home_page(result):
    assert result.hant_files["records.json"] == result.files["records.json"] == records_json(result.handbook)
    assert "(records.json)" in result.files["index.md"]
