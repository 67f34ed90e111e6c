"""What a build says in the terminal: problems with what settles them, warnings, data notes in one line."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .errors import Problem

# The cross-index's warnings about the project's own data (themes.yml, glossary.yml), by kind:
# on a folder of new articles many themes and terms match nothing, which is no fault of the articles.
DATA_WARNING_KINDS = (
    (re.compile(r"theme '[^']*' matches no paragraph$"), "{n} theme(s) match no paragraph"),
    (re.compile(r"theme '[^']*' matches only one district$"), "{n} theme(s) match only one district"),
    (re.compile(r"^glossary term '[^']*' occurs in no paragraph$"), "{n} glossary term(s) occur nowhere"),
    (re.compile(r"^district '[^']*' appears under fewer than three themes$"), "{n} district(s) under fewer than three themes"),
)


def problem_lines(problems: Sequence[Problem]) -> list[str]:
    """Each problem as `file:line: message`, then what settles it, indented."""
    return [p.explained() for p in problems]


def warning_lines(warnings: Sequence[str], data_warnings: Sequence[str], verbose: bool) -> list[str]:
    """Every warning about the input; those about the project's data summed up in one line unless verbose."""
    data = set(data_warnings)
    lines = [f"warning: {w}" for w in warnings if w not in data or verbose]
    if data and not verbose:
        counts: Counter[str] = Counter()
        for warning in data_warnings:
            kind = next((label for pattern, label in DATA_WARNING_KINDS if pattern.search(warning)), "{n} other note(s)")
            counts[kind] += 1
        parts = ", ".join(kind.format(n=n) for kind, n in counts.items())
        lines.append(f"note: the handbook's themes and glossary on these articles: {parts} (--verbose lists them)")
    return lines
