"""The records export: every article as data, published as records.json beside the pages."""

from __future__ import annotations

import json
from pathlib import Path

from .records import Article, Block, District, Handbook

SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).with_name("records.schema.json")


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
