"""The handbook's own words, one reviewed form per script.

Templates write `ui("…")` with the Simplified wording (and `{name}` placeholders for numbers).
Rendering leaves a private-use marker per call; once a page is final in its script (after
OpenCC for the Traditional one, which passes private-use characters through), `resolve`
puts in the Simplified wording or its Traditional form from data/ui_strings.yml, written in
Taiwan usage. So the interface never depends on what OpenCC makes of it.
"""

from __future__ import annotations

import re
from pathlib import Path

from .data import DATA_DIR, load_yaml
from .errors import Problem, fail, raise_if

# A marker: private-use brackets around the call's number.
MARK_RE = re.compile("\ue000(\\d+)\ue001")
SCRIPTS = ("zh-Hans", "zh-Hant")


def load_ui_strings(path: Path = DATA_DIR / "ui_strings.yml") -> dict[str, str]:
    """Load ui_strings.yml: Simplified wording -> Traditional (Taiwan) wording."""
    problems: list[Problem] = []
    raw = load_yaml(path, problems)
    raise_if(problems)
    if not isinstance(raw, dict) or set(raw) != {"strings"} or not isinstance(raw["strings"], dict):
        fail(Problem(file=str(path), line=0, message="expected exactly one key 'strings' holding a mapping"))
    table = raw["strings"]
    for key, value in table.items():
        if not isinstance(key, str) or not isinstance(value, str) or not key or not value:
            problems.append(Problem(file=str(path), line=0, message=f"'{key}': expected a non-empty Traditional string"))
        elif re.findall(r"\{(\w+)\}", key) != re.findall(r"\{(\w+)\}", value):
            problems.append(Problem(file=str(path), line=0, message=f"'{key}': the Traditional form must keep the placeholders"))
    raise_if(problems)
    return dict(table)


class UiStrings:
    """Record the interface strings a render uses and put in each script's wording."""

    def __init__(self, table: dict[str, str], source: str = "build_docs/data/ui_strings.yml"):
        self.table = table
        self.source = source
        self.calls: list[tuple[str, dict]] = []
        self._missing: set[str] = set()

    def __call__(self, key: str, **values: object) -> str:
        """Stand for an interface string in a template: a marker resolved per script later."""
        self.calls.append((key, values))
        if key not in self.table:
            self._missing.add(key)
        return f"\ue000{len(self.calls) - 1}\ue001"

    def missing(self) -> list[str]:
        """Strings the templates used that have no Traditional form."""
        return sorted(self._missing)

    def resolve(self, text: str, script: str) -> str:
        """Put each marked string in its script's wording."""
        missing = self.missing()
        if missing:
            raise_if(
                [
                    Problem(file=self.source, line=0, message=f"no zh-Hant form for the interface string '{key}'")
                    for key in missing
                ]
            )

        def one(match: re.Match[str]) -> str:
            key, values = self.calls[int(match[1])]
            wording = key if script == "zh-Hans" else self.table[key]
            return wording.format(**values) if values else wording

        return MARK_RE.sub(one, text)
