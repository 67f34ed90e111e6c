"""The records export: every article as data, published as records.json beside the pages."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from .records import Article, Block, District, Handbook

SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("records.schema.json")
# A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first):
# written after an apostrophe, which spreadsheets show as text and do not display.
FORMULA_START_RE = re.compile(r"^[=+\-@\t\r]")
# Several values in one cell (authors, sub-units) are joined as Chinese lists them.
CELL_LIST = "、"
ARTICLE_COLUMNS = (
    "id", "district", "province", "city", "county", "subunits", "title", "kicker", "subtitle", "authors", "role",
    "date", "time", "publisher", "page", "signature", "region_from", "source", "paragraphs",
)  # fmt: skip
BLOCK_COLUMNS = ("article", "id", "position", "kind", "level", "text", "source")


def block_record(block: Block) -> dict:
    """One body block as plain data: kind, plain text, level (headings), anchor id and source."""
    record: dict = {"kind": block.kind.record_name, "text": block.text}
    if block.level:
        record["level"] = block.level
    record.update(id=block.ident, source=str(block.source))
    return record


def article_record(district: District, article: Article) -> dict:
    """One article as plain data, in the order the README documents."""
    return {"id": f"{district.slug}-{article.ident}", "district": district.slug, **article_fields(article)}


def article_fields(article: Article) -> dict:
    """What an article's record says of it, apart from where it is published."""
    region = article.region
    return {
        "region": {
            "province": region.province,
            # Municipalities (北京, 天津, 上海, 重庆) have no prefecture city.
            "city": "" if region.city == region.province else region.city,
            "district": region.district,
            "subunits": list(region.subunits),
        },
        "title": article.title,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "authors": list(article.authors),
        "role": article.role,
        "date": article.date,
        "time": article.time,
        "publisher": article.publisher,
        "page": article.page,
        "signature": article.signature,
        "region_from": article.region_from,
        # Declared corrections that shaped this article (corrections.yml), for provenance.
        "corrections": [
            {"at": at, "set": actions, "note": note, "entry": origin} for origin, at, actions, note in article.corrections
        ],
        "source": str(article.headline),
        "blocks": [block_record(b) for b in article.blocks],
    }


def records_json(handbook: Handbook) -> bytes:
    """Write every article of the handbook as records.json (UTF-8, stable order)."""
    data = {
        "schema": SCHEMA_VERSION,
        "articles": [article_record(d, a) for d in handbook.districts for a in d.articles],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def cell(value: object) -> str:
    """Write a value for a spreadsheet cell, never as a formula."""
    text = str(value)
    return "'" + text if FORMULA_START_RE.match(text) else text


def csv_bytes(columns: tuple[str, ...], rows) -> bytes:
    """Write rows as CSV in UTF-8 with a byte-order mark (how spreadsheets recognise UTF-8), CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([cell(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def records_csv(handbook: Handbook) -> tuple[bytes, bytes]:
    """Write records.json's companions for spreadsheets: one row per article, and one per body block."""
    articles, blocks = [], []
    for district in handbook.districts:
        for article in district.articles:
            record = article_record(district, article)
            region = record["region"]
            paragraphs = [b for b in record["blocks"] if b["kind"] == "paragraph"]
            articles.append(
                [
                    record["id"], record["district"], region["province"], region["city"], region["district"],
                    CELL_LIST.join(region["subunits"]), record["title"], record["kicker"], record["subtitle"],
                    CELL_LIST.join(record["authors"]), record["role"], record["date"], record["time"], record["publisher"], record["page"],
                    record["signature"], record["region_from"], record["source"], len(paragraphs),
                ]
            )  # fmt: skip
            for position, block in enumerate(record["blocks"], 1):
                blocks.append(
                    [record["id"], block["id"], position, block["kind"], block.get("level", ""), block["text"], block["source"]]
                )
    return csv_bytes(ARTICLE_COLUMNS, articles), csv_bytes(BLOCK_COLUMNS, blocks)
