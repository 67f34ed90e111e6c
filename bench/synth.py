"""Make a synthetic corpus of N seed articles from the real seeds, for scaling measurements.

Each article is one of the recovered real articles re-attributed to another real district
from the gazetteer (every name of the old district, city and province replaced), written
back as raw seed text: dateline, title, ■ byline, paragraphs; three articles to a file,
every other file hard-wrapped at 17 characters with stray blank lines, so the whole
pipeline runs on them as on the real seeds.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_docs.build import BuildConfig, generate  # noqa: E402
from build_docs.data import load_vocabulary  # noqa: E402
from build_docs.regions import short_name  # noqa: E402

PER_FILE = 3


def gazetteer_districts() -> list[tuple[str, str, str]]:
    """Every (province, city, district) in jionlp's gazetteer, in a stable order."""
    with contextlib.redirect_stdout(io.StringIO()):
        from jionlp.dictionary.dictionary_loader import china_location_loader

        tree = china_location_loader()
    out = []
    for province, cities in sorted(tree.items()):
        if province.startswith("_"):
            continue
        for city, counties in sorted(cities.items()):
            if city.startswith("_"):
                continue
            for county in sorted(counties):
                if not county.startswith("_") and county.endswith(("区", "县", "市")) and len(county) >= 3:
                    out.append((province, city, county))
    return out


def wrap(text: str, rng: random.Random, width: int = 17) -> list[str]:
    """Hard-wrap one paragraph, sometimes with a blank line in mid-sentence."""
    lines = []
    for k in range(0, len(text), width):
        chunk = text[k : k + width]
        lines.append(chunk)
        if k + width < len(text) and not chunk.endswith(("。", "！", "？")) and rng.random() < 0.1:
            lines.append("")
    return lines


def make_corpus(out_dir: Path, n: int, seed: int = 0) -> int:
    """Write n synthetic articles into out_dir; return the number of files."""
    vocab = load_vocabulary()
    real = generate(BuildConfig(seeds=ROOT / "seeds", shown_as="seeds"))
    templates = [a for d in real.handbook.districts for a in d.articles]
    taken = {a.region.district for a in templates}
    places = [p for p in gazetteer_districts() if p[2] not in taken]
    rng = random.Random(seed)
    rng.shuffle(places)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = 0
    for start in range(0, n, PER_FILE):
        chunks = []
        hard = files % 2 == 1
        for i in range(start, min(n, start + PER_FILE)):
            article = templates[i % len(templates)]
            province, city, district = places[i % len(places)]
            old = article.region
            swaps = [
                (old.district, district),
                (short_name(old.district, vocab), short_name(district, vocab)),
                (old.city, city),
                (short_name(old.city, vocab), short_name(city, vocab)),
                (old.province, province),
                (short_name(old.province, vocab), short_name(province, vocab)),
            ]
            swaps += [(u, "") for u in old.subunits]

            def move(text: str, swaps=swaps) -> str:
                for a, b in swaps:
                    text = text.replace(a, b)
                return text

            lines = [
                f"{province}{city}{district}：",
                move(article.title),
                f"■{province}{city}{district}委书记 {article.author or '某某'}",
                "",
            ]
            for block in article.blocks:
                text = move(block.text)
                if block.kind == "heading":
                    lines += ["", text, ""]
                elif hard and block.kind == "para":
                    lines += wrap(text, rng) + [""]
                else:
                    lines += [text, ""]
            chunks.append("\n".join(lines))
        (out_dir / f"synth_{files:05d}.txt").write_text("\n\n".join(chunks) + "\n", encoding="utf-8")
        files += 1
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(f"{make_corpus(args.out, args.n)} file(s) with {args.n} article(s) -> {args.out}")


if __name__ == "__main__":
    main()
