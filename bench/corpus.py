"""Score the generator on a corpus of real articles with exact ground truth (`make corpus`).

Runs the generator (lenient) on CORPUS/seeds as one folder, reads the records.json it
writes, compares each article with CORPUS/truth.json and prints one row per article, then
`corpus: N of M articles exact; paragraphs P/Q; metadata K/L`, then the same articles written as
saved pages and Word documents (`formats: N of M exact`, bench/formats.py). Text is compared modulo
white space only. With --write, the table also goes to bench/corpus.md.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
HAN_RE = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
METADATA = ("region", "title", "kicker", "subtitle", "authors", "role", "date")


def compact(text: str) -> str:
    """Drop white space: the only difference the comparison forgives."""
    return re.sub(r"\s+", "", text)


def generate(corpus: Path, work: Path, corrections: Path | None = None) -> tuple[dict, str]:
    """Run the generator on the corpus seeds; return records.json and what it printed."""
    docs = work / "docs"
    # Never a corrections.yml lying beside the corpus unless asked: the score is the rules' alone.
    declared = corrections or work / "no-corrections.yml"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "build_docs",
            "--seeds",
            str(corpus / "seeds"),
            "--docs",
            str(docs),
            "--pdf-dir",
            str(work / "no-pdf"),
            "--corrections",
            str(declared),
        ],  # fmt: skip
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    records = docs / "records.json"
    if not records.is_file():
        return {"articles": []}, run.stderr
    return json.loads(records.read_text(encoding="utf-8")), run.stderr


def shown(field: str, truth: dict, seed: str) -> bool:
    """Tell whether the seed file shows a metadata field at all (a field it lacks cannot be recovered)."""
    value = truth[field]
    if field == "region" or not value:
        return True
    if field == "date":
        y, m, d = (int(x) for x in value.split("-"))
        return bool(re.search(rf"{y}年0?{m}月0?{d}日", seed))
    if field == "authors":
        return all(name in seed for name in value)
    return compact(value) in seed


def matches(field: str, truth: dict, record: dict) -> bool:
    """Compare one metadata field, modulo white space."""
    if field == "region":
        r, t = record["region"], truth["region"]
        return (r["province"], r["city"], r["district"]) == (t["province"], t["city"], t["district"])
    if field == "authors":
        return [compact(a) for a in record["authors"]] == [compact(a) for a in truth["authors"]]
    return compact(record.get(field, "")) == compact(truth[field])


def pick(truth: dict, records: list[dict], used: set[int]) -> dict | None:
    """The record for a truth article: from its file, same district, else the same title."""
    for i, r in enumerate(records):
        if i in used or Path(r["source"].split(":")[0]).name != truth["file"]:
            continue
        if r["region"]["district"] == truth["region"]["district"] or compact(r["title"]) == compact(truth["title"]):
            used.add(i)
            return r
    return None


def in_order(expected: list[str], found: list[str]) -> int:
    """Count expected texts found whole, in order (longest common subsequence)."""
    previous = [0] * (len(found) + 1)
    for e in expected:
        current = [0]
        for j, f in enumerate(found):
            current.append(previous[j] + 1 if e == f else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def score(truth: dict, record: dict | None, seed: str) -> dict:
    """Score one article."""
    paras = [compact(p) for p in truth["paragraphs"]]
    row = {"id": truth["id"], "file": truth["file"], "paragraphs": len(paras)}
    if record is None:
        return row | {
            "built": False,
            "found": 0,
            "metadata": {f: False for f in METADATA},
            "shown": {f: shown(f, truth, seed) for f in METADATA},
            "exact": False,
            "headings": False,
            "captions": False,
            "foreign": 0,
            "lost": sum(len(HAN_RE.findall(p)) for p in paras),
        }
    blocks = record["blocks"]
    got = {
        kind: [compact(b["text"]) for b in blocks if b["kind"] == kind] for kind in ("paragraph", "heading", "caption", "credit")
    }
    known = (
        set(paras)
        | {compact(h) for h in truth["headings"]}
        | {compact(c) for c in truth["captions"]}
        | {compact(c) for c in truth["credits"]}
    )
    foreign = [b for b in blocks if compact(b["text"]) not in known]
    expected_han = Counter(HAN_RE.findall("".join(paras + truth["headings"] + truth["captions"] + truth["credits"])))
    got_han = Counter(HAN_RE.findall("".join(b["text"] for b in blocks)))
    row |= {
        "built": True,
        "found": in_order(paras, got["paragraph"]),
        "headings": got["heading"] == [compact(h) for h in truth["headings"]],
        "captions": got["caption"] == [compact(c) for c in truth["captions"]]
        and got["credit"] == [compact(c) for c in truth["credits"]],
        "foreign": len(foreign),
        "lost": sum((expected_han - got_han).values()),
        "metadata": {f: matches(f, truth, record) for f in METADATA},
        "shown": {f: shown(f, truth, seed) for f in METADATA},
    }
    metadata_ok = all(row["metadata"][f] for f in METADATA if row["shown"][f])
    row["exact"] = (
        row["found"] == len(paras) == len(got["paragraph"])
        and row["headings"]
        and row["captions"]
        and not row["foreign"]
        and not row["lost"]
        and metadata_ok
    )
    return row


def mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def report(rows: list[dict], stderr: str) -> tuple[str, dict]:
    """Write the table and the summary line."""
    exact = sum(r["exact"] for r in rows)
    found = sum(r["found"] for r in rows)
    total = sum(r["paragraphs"] for r in rows)
    meta_ok = sum(r["metadata"][f] for r in rows for f in METADATA if r["shown"][f])
    meta_all = sum(r["shown"][f] for r in rows for f in METADATA)
    lines = [
        "| article | file | built | "
        + " | ".join(METADATA)
        + " | headings | paragraphs | captions | foreign | Han lost | exact |",
        "|---" * (len(METADATA) + 9) + "|",
    ]
    for r in rows:
        meta = " | ".join(mark(r["metadata"][f]) if r["shown"][f] else "–" for f in METADATA)
        lines.append(
            f"| {r['id']} | {r['file']} | {mark(r['built'])} | {meta} | {mark(r['headings'])} | "
            f"{r['found']}/{r['paragraphs']} | {mark(r['captions'])} | {r['foreign']} | {r['lost']} | "
            f"{'yes' if r['exact'] else 'no'} |"
        )
    summary = {
        "exact": exact,
        "articles": len(rows),
        "paragraphs": found,
        "paragraphs_total": total,
        "metadata": meta_ok,
        "metadata_total": meta_all,
        "foreign": sum(r["foreign"] for r in rows),
        "lost": sum(r["lost"] for r in rows),
    }
    problems = [line for line in stderr.splitlines() if not line.startswith(("stage ", "warning: glossary", "note: "))]
    text = (
        "\n".join(lines)
        + "\n\n"
        + ("Generator messages:\n\n" + "\n".join(f"    {p}" for p in problems) + "\n\n" if problems else "")
    )
    text += (
        f"corpus: {exact} of {len(rows)} articles exact; paragraphs {found}/{total}; metadata {meta_ok}/{meta_all}; "
        f"foreign {summary['foreign']}; Han lost {summary['lost']}\n"
    )
    return text, summary


def run(corpus: Path, corrections: Path | None = None) -> tuple[str, dict]:
    """Generate, score every truth article, and report."""
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as work:
        records, stderr = generate(corpus, Path(work), corrections)
    used: set[int] = set()
    rows = []
    for article in truth["articles"]:
        seed = compact(_decoded(corpus / "seeds" / article["file"]))
        seed = seed.replace(",", "，").replace(":", "：")
        rows.append(score(article, pick(article, records["articles"], used), seed))
    return report(rows, stderr)


def _decoded(path: Path) -> str:
    """Read a seed as the generator does (UTF-8, UTF-16, GB18030)."""
    sys.path.insert(0, str(ROOT))
    from build_docs.ingest import decode_seed

    seed = decode_seed(path.name, path.read_bytes(), [])
    return "\n".join(seed.lines) if seed else ""


RECORDED_RE = re.compile(
    r"^corpus: (?P<exact>\d+) of (?P<articles>\d+) articles exact; paragraphs (?P<paragraphs>\d+)/\d+; "
    r"metadata (?P<metadata>\d+)/\d+",
    re.M,
)


def recorded(path: Path = ROOT / "bench" / "corpus.md") -> dict[str, int]:
    """The figures last recorded in bench/corpus.md."""
    m = RECORDED_RE.search(path.read_text(encoding="utf-8"))
    if not m:
        raise SystemExit(f"{path}: no 'corpus: …' line")
    return {k: int(v) for k, v in m.groupdict().items()}


HEADER = """# Corpus benchmark

`make corpus` runs the generator on the development corpus (`../shared/corpus/seeds/`, all
files as one folder, lenient mode) and compares its `records.json` with `truth.json`.
Text is compared modulo white space only. A metadata field the seed file does not show at
all (a kicker or date the extraction lost) is marked – and not counted. `exact` needs every
paragraph whole and in order, the headings and captions, no foreign text, no Han character
lost, and every metadata field the seed shows. `tests/test_corpus.py` fails when a figure
falls below the one recorded here.

"""


def rules_line() -> str:
    """Name the rules measured: the hash of the generator's code and data the build cache keys on."""
    sys.path.insert(0, str(ROOT))
    from build_docs import cache

    rules = cache.digest([cache.code_fingerprint(), cache.data_fingerprint()])[:16]
    return f"Rules measured: `{rules}` (hash of `build_docs/` code and data, as in the build cache's keys).\n\n"


def layouts_section(n: int) -> str:
    """Recover n generated layouts (bench/layouts.py) and report `layouts: N of M exact` with the failure classes."""
    sys.path.insert(0, str(ROOT))
    from bench import layouts

    result = layouts.run(n, seed=0)
    return (
        "Clean articles (own items, the development corpus's truth, the seeds' records) rendered in a\n"
        "layout drawn from the source families of `tests/layouts.py` (seed 0), then recovered.\n\n"
        + layouts.report(result).replace("\n  ", "\n    ")
    )


def formats_section(corpus: Path) -> str:
    """Write every corpus article as a saved page and a Word document (and a PDF, when its writer is present),
    build them as one folder, and report `formats: N of M exact` (bench/formats.py)."""
    sys.path.insert(0, str(ROOT))
    from bench import formats
    from tests.layouts import corpus_articles

    result = formats.run(corpus_articles(corpus))
    return (
        "Each corpus article from its truth, written as a page (government site, WeChat, portal, e-paper,\n"
        "rotating) and as a Word document, all built as one seeds folder and scored like the layouts.\n\n"
        + formats.report(result).replace("\n  ", "\n    ")
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; with --write record it in bench/corpus.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="corpus folder with seeds/ and truth.json")
    parser.add_argument("--write", action="store_true", help="record the result in bench/corpus.md")
    parser.add_argument("--corrections", default=None, help="a corrections.yml to apply (the recorded score uses none)")
    parser.add_argument("--layouts", type=int, default=2000, help="generated layouts to recover as well (0: none)")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not (corpus / "truth.json").is_file():
        print(f"corpus: {corpus} not found (no truth.json); nothing to measure", file=sys.stderr)
        return 0
    text, _ = run(corpus, Path(args.corrections) if args.corrections else None)
    text += "\n## Other formats\n\n" + formats_section(corpus)
    if args.layouts:
        text += "\n## Generated layouts\n\n" + layouts_section(args.layouts)
    print(text, end="")
    if args.write and not args.corrections:
        notes = ROOT / "bench" / "corpus-notes.md"
        extra = notes.read_text(encoding="utf-8") if notes.is_file() else ""
        (ROOT / "bench" / "corpus.md").write_text(
            HEADER + rules_line() + text + ("\n" + extra if extra else ""), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
