"""Re-wrapped, re-damaged copies of the seeds give the same articles: the rules are not tuned to one layout."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from .helpers import SEEDS, articles_of, body_han, build_from

HAN = "\u4e00-\u9fff"
DATELINE = re.compile(rf"^\s*[{HAN}]{{4,40}}[：:]")
SENTENCE_END = re.compile(r"[。！？][”）]?$")


def headline_lines(lines: list[str]) -> set[int]:
    """Indexes of dateline, title and byline lines, which a re-wrap leaves alone."""
    keep = set()
    for i, line in enumerate(lines):
        if DATELINE.match(line) or line.startswith("■") or line.startswith("#"):
            keep.add(i)
            if DATELINE.match(line) and re.search(r"[：:]\s*$", line):
                nxt = next(j for j in range(i + 1, len(lines)) if lines[j].strip())
                keep.add(nxt)
    return keep


def hard_wrap(text: str, rng: random.Random, width: int = 17) -> str:
    """Set one-line-per-paragraph text in a narrow column with stray blank lines in mid-sentence."""
    lines = text.split("\n")
    keep = headline_lines(lines)
    out: list[str] = []
    for i, line in enumerate(lines):
        line = line.strip()
        if i in keep or len(line) <= width:
            out.append(line)
            if SENTENCE_END.search(line):
                out.append("")
            continue
        chunks = [line[k : k + width] for k in range(0, len(line), width)]
        for n, chunk in enumerate(chunks):
            out.append(chunk)
            last = n == len(chunks) - 1
            if not last and not SENTENCE_END.search(chunk) and rng.random() < 0.15:
                out.append("")  # a stray blank line in mid-sentence
        out.append("")
    return "\n".join(out) + "\n"


def half_width_and_padded(text: str, rng: random.Random) -> str:
    """Type some punctuation half width and pad some figures with justification spaces."""
    text = re.sub("，", lambda m: "," if rng.random() < 0.5 else m.group(), text)
    text = re.sub("；", lambda m: ";" if rng.random() < 0.5 else m.group(), text)
    return re.sub(rf"(?<=[{HAN}])(\d+)(?=[{HAN}])", lambda m: f" {m[1]} " if rng.random() < 0.3 else m[1], text)


def page_break_in_long_lines(text: str, rng: random.Random) -> str:
    """Break some long lines in mid-sentence with a blank line, as a page change does."""
    out = []
    for line in text.split("\n"):
        if len(line) > 150 and rng.random() < 0.5:
            cut = rng.randrange(80, len(line) - 20)
            while SENTENCE_END.search(line[:cut]):
                cut += 1
            out += [line[:cut], "", line[cut:]]
        else:
            out.append(line)
    return "\n".join(out)


def reshuffle_headlines(text: str, order: list[int]) -> str:
    """Put a page's headline blocks back over its bodies in another order (bodies keep theirs)."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if DATELINE.match(line)]
    blocks, bodies = [], []
    for n, start in enumerate(starts):
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or end == start + 1 or lines[end].startswith("■")):
            if lines[end].strip() and end > start + 1 and not lines[end].startswith("■"):
                break
            end += 1
        stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
        blocks.append(lines[start:end])
        bodies.append(lines[end:stop])
    nonempty = [b for b in bodies if any(x.strip() for x in b)]
    out: list[str] = []
    for k, index in enumerate(order):
        out += blocks[index] + [""]
        if k < len(nonempty):
            out += nonempty[k] + [""]
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def baseline():
    return build_from(SEEDS)


def damaged_copy(tmp_path: Path, seed: int) -> Path:
    rng = random.Random(seed)
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lines = [ln for ln in text.split("\n") if ln.strip()]
        long_lines = sum(len(ln) > 60 for ln in lines)
        bylines = sum(ln.lstrip().startswith("■") for ln in lines)
        datelines = [ln for ln in lines if DATELINE.match(ln)]
        if long_lines > 20 and not any(ln.startswith(("第", "中国")) for ln in lines[:1]):
            text = hard_wrap(text, rng)  # a long one-paragraph-per-line page becomes a column
        elif long_lines == 0 and len(datelines) > 1 and bylines < len(datelines):
            text = reshuffle_headlines(text, list(range(len(datelines)))[1:] + [0])
        else:
            text = page_break_in_long_lines(half_width_and_padded(text, rng), rng)
        (folder / path.name).write_text(text, encoding="utf-8")
    return folder


def summary(result):
    return sorted(
        (
            a.region.district,
            a.title,
            a.author,
            a.date,
            body_han(a),
            tuple(re.sub(rf"[^{HAN}]", "", b.text) for b in a.blocks if b.kind == "heading"),
        )
        for a in articles_of(result)
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_redamaged_seeds_give_the_same_articles(tmp_path, baseline, seed):
    folder = damaged_copy(tmp_path, seed)
    originals = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    changed = [p.name for p in folder.glob("*.txt") if p.read_text(encoding="utf-8") != originals[p.name]]
    assert len(changed) == len(originals), f"every seed must be re-damaged, unchanged: {set(originals) - set(changed)}"
    got, expected = summary(build_from(folder)), summary(baseline)
    assert [g[:4] for g in got] == [e[:4] for e in expected]
    for g, e in zip(got, expected, strict=True):
        assert g[4] == e[4], f"{g[0]} body differs"
        assert g[5] == e[5], f"{g[0]} headings differ: {g[5]} vs {e[5]}"


def test_fragment_moved_away_from_any_figure_is_rejoined_by_the_word_it_splits(tmp_path, baseline):
    """The tail of an article's last paragraph, cut inside a word and moved up near the top."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    path = next(p for p in sorted(folder.glob("*.txt")) if "站在新时代新起点" in p.read_text(encoding="utf-8"))
    lines = path.read_text(encoding="utf-8").split("\n")
    last = next(i for i, line in enumerate(lines) if line.startswith("站在新时代新起点"))
    cut = lines[last].index("跨岛发") + len("跨岛发")  # inside the word 发展
    head, tail = lines[last][:cut], lines[last][cut:]
    lines[last] = head
    intro = next(i for i, line in enumerate(lines) if line.startswith("近年来,福建省厦门市海沧区"))
    lines.insert(intro + 1, tail)
    path.write_text("\n".join(lines), encoding="utf-8")

    result = build_from(folder)
    article = next(a for a in articles_of(result) if a.region.district == "海沧区")
    expected = next(a for a in articles_of(baseline) if a.region.district == "海沧区")
    assert body_han(article) == body_han(expected)
    assert any(n.kind == "fragment" and "跨岛发" in n.message for n in result.handbook.notes)
