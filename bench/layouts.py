"""Draw many layouts of clean articles, recover each, and count how many come back exact.

`python -m bench.layouts --n 2000` prints `layouts: N of M exact` and the failure classes
(layout family / field that differed) with a count and one minimal example each: the
smallest failing layout of the class, shrunk by replaying its choices with simpler ones
while the same class still fails. Layout i of seed s is drawn from random.Random(f"{s}:{i}"),
so any layout can be drawn again on its own. The layouts and the comparison are those of the
property test (tests/layouts.py).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.layouts import (  # noqa: E402
    CleanArticle,
    RandomChooser,
    Rendered,
    ReplayChooser,
    article_pool,
    compare,
    field_of,
    recover,
    render_layout,
)

SHRINK_TRIES = 600  # replays allowed per failure class when shrinking its example


def _classes(rendered: Rendered, diffs: list[str]) -> set[str]:
    return {f"{rendered.family} / {field_of(d)}" for d in diffs}


def _attempt(indices: list[int], pool: tuple[CleanArticle, ...]) -> tuple[Rendered, list[str]]:
    rendered = render_layout(ReplayChooser(indices), pool)
    return rendered, compare(rendered.expected, recover(rendered))


def shrink(rendered: Rendered, diffs: list[str], cls: str, pool: tuple[CleanArticle, ...]) -> tuple[Rendered, list[str]]:
    """Simplify a failing layout choice by choice (towards each choice's first option) while `cls` still fails.

    Every accepted step makes the choice sequence smaller in lexicographic order, as
    hypothesis shrinks: the example ends as the plainest layout of its class within reach."""
    best, best_diffs = rendered, diffs
    indices = list(rendered.indices)
    tries = 0
    changed = True
    while changed and tries < SHRINK_TRIES:
        changed = False
        pos = 0
        while pos < len(indices):
            current = indices[pos]
            for candidate in sorted({0, current // 2, current - 1}):
                if candidate >= current or candidate < 0 or tries >= SHRINK_TRIES:
                    continue
                trial = indices[:pos] + [candidate] + indices[pos + 1 :]
                tries += 1
                got, got_diffs = _attempt(trial, pool)
                if cls in _classes(got, got_diffs):
                    best, best_diffs = got, got_diffs
                    indices = list(got.indices)
                    changed = True
                    break
            pos += 1
    return best, best_diffs


def run(n: int, seed: int = 0, *, shrink_examples: bool = True) -> dict:
    """Draw n layouts deterministically, recover each, and count them.

    Returns {"total", "exact", "classes"}: classes maps 'family / field' to its count, the
    layout number that first showed it, and a minimal example (text, choices, differences)."""
    pool = article_pool()
    exact = 0
    classes: dict[str, dict] = {}
    smallest: dict[str, tuple[Rendered, list[str], int]] = {}
    for i in range(n):
        rendered = render_layout(RandomChooser(random.Random(f"{seed}:{i}")), pool)
        diffs = compare(rendered.expected, recover(rendered))
        if not diffs:
            exact += 1
            continue
        for cls in sorted(_classes(rendered, diffs)):
            entry = classes.setdefault(cls, {"count": 0, "first": i})
            entry["count"] += 1
            if cls not in smallest or len(rendered.text) < len(smallest[cls][0].text):
                smallest[cls] = (rendered, diffs, i)
    for cls, (rendered, diffs, i) in smallest.items():
        if shrink_examples:
            rendered, diffs = shrink(rendered, diffs, cls, pool)
        field = cls.split(" / ")[1]
        classes[cls]["example"] = {
            "from_layout": i,
            "choices": dict(rendered.choices),
            "text": rendered.text,
            "described": rendered.describe(max_lines=15),
            "differences": [d for d in diffs if field_of(d) == field],
        }
    ordered = dict(sorted(classes.items(), key=lambda kv: (-kv[1]["count"], kv[0])))
    return {"total": n, "exact": exact, "seed": seed, "classes": ordered}


def summary_line(result: dict) -> str:
    return f"layouts: {result['exact']} of {result['total']} exact"


def report(result: dict) -> str:
    """The summary line, then each failure class with its count and minimal example."""
    lines = [summary_line(result)]
    if result["classes"]:
        lines += ["", "Failure classes (family / field that differed: layouts):"]
    for cls, entry in result["classes"].items():
        example = entry["example"]
        lines += ["", f"{cls}: {entry['count']}"]
        lines.append(f"  minimal example (shrunk from layout {example['from_layout']} of seed {result['seed']}):")
        lines += ["  " + ln for ln in example["described"].split("\n")]
        lines += [f"  - {_clip(d, 240)}" for d in example["differences"]]
    return "\n".join(lines) + "\n"


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="how many layouts to draw (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the draw (default 0)")
    parser.add_argument("--no-shrink", action="store_true", help="report the smallest failing layout of each class as drawn")
    args = parser.parse_args(argv)
    result = run(args.n, args.seed, shrink_examples=not args.no_shrink)
    print(report(result), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
