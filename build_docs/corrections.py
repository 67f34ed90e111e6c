"""Declared editorial corrections: corrections.yml, beside the seeds.

No set of rules is right on every article. An editor who sees a rule decide wrongly declares
the right decision here, keyed by the raw seed line it concerns, instead of editing the code
(which changes every article) or the seed (which is never edited):

    corrections:
      - at: seeds/x.txt:42
        kind: heading          # heading | paragraph | caption | credit | boilerplate
        level: 3               # for headings
        note: 原文此处是小标题   # optional, shown to readers on 校勘记

A line of a seed a format reader made (a saved page, a Word document, a PDF) is named by its
place as 校勘记 shows it: `at: seeds/x.docx:¶12`, `at: seeds/page.html:#p7`, and where a place
holds several lines, the k-th of them: `at: seeds/paper.pdf:p3/2`.

The actions form a closed set (ACTIONS). Every entry is validated when loaded, and one that
matches nothing in the build is an error: `corrections.yml:LINE: …`, all reported together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from . import provenance
from .data import compose_yaml, construct_yaml
from .errors import Problem, raise_if

BLOCK_KINDS = ("heading", "paragraph", "caption", "credit", "boilerplate")
METADATA = ("title", "kicker", "subtitle", "authors", "role", "date", "publisher", "region")
# Every action an entry may hold, beside 'at', 'note' and 'reason'.
ACTIONS = ("kind", "level", "lead", "join", "headline", "not_fragment", "text", *METADATA)
KEYS = ("at", "note", "reason", *ACTIONS)
# 'seeds/x.txt:42' names a line of a text seed by number; a seed a format reader made is named
# by the place shown on 校勘记 ('seeds/x.docx:¶12', 'seeds/page.html:#p7', 'seeds/paper.pdf:p3/2').
AT_RE = re.compile(r"^(?P<file>[^:]+\.(?:txt|md|html?|docx|pdf)):(?P<line>\d+|[^\s:][^:]*)$", re.IGNORECASE)
# The file name of an 'at' a place follows: a line number is only for a text seed.
AT_HINT = "'seeds/file.txt:LINE', or for a .html/.docx/.pdf seed 'seeds/file.docx:PLACE' as 校勘记 shows it (¶12, #p7)"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, kw_only=True)
class Correction:
    """One declared decision, keyed by a raw seed line."""

    file: str  # the seed's file name (without folder)
    line: int
    actions: Mapping[str, object]
    note: str = ""
    reason: str = ""
    origin: str = ""  # 'corrections.yml:LINE', for errors and the notes page
    label: str = ""  # the line as the entry names it ('seeds/x.txt:42')

    @property
    def at(self) -> str:
        return self.label or f"{self.file}:{self.line}"

    def describe(self) -> str:
        """The actions as one readable line ('kind: heading, level: 3')."""
        return ", ".join(f"{k}: {_show(v)}" for k, v in self.actions.items())


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


@dataclass(frozen=True, kw_only=True)
class Corrections:
    """The loaded corrections, found by seed file and line."""

    entries: tuple[Correction, ...] = ()
    source: str = ""
    by_line: Mapping[tuple[str, int], tuple[Correction, ...]] = field(default_factory=dict)

    def at(self, file: str, line: int, action: str | None = None) -> tuple[Correction, ...]:
        """Corrections declared for a seed line (optionally only those with an action)."""
        if not self.by_line:
            return ()
        found = self.by_line.get((file.rpartition("/")[2], line), ())
        return tuple(c for c in found if action is None or action in c.actions)

    def within(self, file: str, start: int, end: int, action: str) -> tuple[Correction, ...]:
        """Corrections with an action on any line of a range."""
        return tuple(c for line in range(start, end + 1) for c in self.at(file, line, action))

    def value(self, file: str, start: int, end: int, action: str) -> tuple[object, Correction] | None:
        """The value an action is given on a range of lines, with its correction, if any."""
        found = self.within(file, start, end, action)
        return (found[0].actions[action], found[0]) if found else None


NONE = Corrections()


def load_corrections(
    path: Path | None,
    seeds: Mapping[str, int],
    shown: str | None = None,
    places: Mapping[str, tuple[str, ...]] | None = None,
) -> Corrections:
    """Load and validate corrections.yml against the seed files (name -> line count, and reader-made seeds' places)."""
    if path is None or not path.is_file():
        return NONE
    if shown is None:
        shown = path.name if path.parent == Path(".") else str(path)
    problems: list[Problem] = []
    # The restricted loader: no aliases, anchors, Python tags, duplicate or complex keys, bounded size.
    root, loader = compose_yaml(path, shown, problems)
    raise_if(problems)
    if root is None or loader is None:
        return Corrections(source=shown)
    items = _entries(root, shown, problems)
    entries: list[Correction] = []
    for node in items:
        line = node.start_mark.line + 1
        before = len(problems)
        raw = construct_yaml(loader, node, shown, problems)
        entry = _entry(raw, f"{shown}:{line}", line, shown, seeds, places or {}, problems) if len(problems) == before else None
        if entry:
            entries.append(entry)
    problems += _contradictions(entries, shown)
    raise_if(problems)
    by_line: dict[tuple[str, int], list[Correction]] = {}
    for entry in entries:
        by_line.setdefault((entry.file, entry.line), []).append(entry)
    return Corrections(entries=tuple(entries), source=shown, by_line={k: tuple(v) for k, v in by_line.items()})


def _entries(root, shown: str, problems: list[Problem]) -> list:
    """The list under the file's one key 'corrections'."""
    if not isinstance(root, yaml.MappingNode) or [k.value for k, _ in root.value] != ["corrections"]:
        problems.append(Problem(file=shown, line=1, message="expected exactly one key 'corrections' holding a list"))
        raise_if(problems)
    value = root.value[0][1]
    if isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null"):
        return []
    if not isinstance(value, yaml.SequenceNode):
        problems.append(Problem(file=shown, line=value.start_mark.line + 1, message="'corrections' must be a list"))
        raise_if(problems)
    return list(value.value)


def _entry(
    raw: object,
    origin: str,
    line: int,
    shown: str,
    seeds: Mapping[str, int],
    places: Mapping[str, tuple[str, ...]],
    problems: list[Problem],
) -> Correction | None:
    """Validate one entry; record every problem it has."""

    def bad(message: str) -> None:
        problems.append(Problem(file=shown, line=line, message=message))

    if not isinstance(raw, dict):
        bad("an entry must be a mapping with 'at' and an action")
        return None
    for key in raw:
        if key not in KEYS:
            bad(f"unknown key '{key}' (actions: {', '.join(ACTIONS)}; also at, note, reason)")
    at = raw.get("at")
    m = AT_RE.match(str(at)) if at is not None else None
    if not m:
        bad(f"'at' must name a seed line as {AT_HINT}, not {at!r}")
        return None
    name, number, why = _line_of(m, seeds, places)
    if why:
        bad(f"'{at}': {why}")
    actions = {k: v for k, v in raw.items() if k in ACTIONS}
    if not actions:
        bad(f"'{at}': no action (one of {', '.join(ACTIONS)})")
    _check_values(actions, raw, bad)
    if "headline" in actions and (h := AT_RE.match(str(actions["headline"]))):
        target, target_line, target_why = _line_of(h, seeds, places)
        if target_why:
            bad(f"'headline: {actions['headline']}': {target_why}")
        else:  # the recovery reads the headline's line by number, whatever the seed's format
            actions["headline"] = f"{target}:{target_line}"
    if any(p.line == line for p in problems):
        return None
    return Correction(file=name, line=number, actions=actions, note=str(raw.get("note") or ""),
                      reason=str(raw.get("reason") or ""), origin=origin, label=str(at))  # fmt: skip


def _line_of(m: re.Match[str], seeds: Mapping[str, int], places: Mapping[str, tuple[str, ...]]) -> tuple[str, int, str]:
    """The seed name and line an address names, or why it names none: (name, line, why)."""
    name, where = Path(m["file"]).name, m["line"]
    if name not in seeds:
        return name, 0, f"no seed file '{name}'"
    if name in places:
        if where.isdigit():
            return name, 0, f"name the line by its place as 校勘记 shows it (e.g. {name}:{places[name][0]}), not by a number"
        number, why = provenance.resolve(where, places[name])
        return name, number, why
    if not where.isdigit():
        return name, 0, f"'{where}' is not a line number ({name} is plain text)"
    number = int(where)
    if not 1 <= number <= seeds[name]:
        return name, 0, f"line {number} does not exist ({name} has {seeds[name]} lines)"
    return name, number, ""


def _check_values(actions: dict, raw: dict, bad) -> None:
    """Check each action's value against what it accepts."""
    if "kind" in actions and actions["kind"] not in BLOCK_KINDS:
        bad(f"unknown kind '{actions['kind']}' (one of {', '.join(BLOCK_KINDS)})")
    if "level" in actions and (actions.get("kind") != "heading" or actions["level"] not in (3, 4, 5, 6)):
        bad("'level' goes with 'kind: heading' and is 3 to 6")
    if "lead" in actions and not (actions["lead"] == "none" or (isinstance(actions["lead"], str) and actions["lead"])):
        bad("'lead' is 'none' or the lead sentence in quotes")
    for flag in ("join", "not_fragment"):
        if flag in actions and not isinstance(actions[flag], bool):
            bad(f"'{flag}' is true or false")
    if "not_fragment" in actions and actions["not_fragment"] is not True:
        bad("'not_fragment' can only be true")
    if "headline" in actions and not AT_RE.match(str(actions["headline"])):
        bad(f"'headline' must name the headline's line as {AT_HINT}, not {actions['headline']!r}")
    if "text" in actions:
        text = actions["text"]
        if not (isinstance(text, dict) and set(text) == {"from", "to"} and isinstance(text["from"], str) and text["from"]
                and isinstance(text["to"], str)):  # fmt: skip
            bad("'text' needs exactly 'from' (non-empty) and 'to'")
        if not raw.get("reason"):
            bad("a 'text' correction needs a 'reason' (what the misprint is)")
    if "authors" in actions and not (
        isinstance(actions["authors"], list) and all(isinstance(a, str) and a for a in actions["authors"])
    ):
        bad("'authors' is a list of names")
    if "date" in actions and not _is_date(actions["date"]):
        bad(f"'date' is an ISO date, yyyy-mm-dd, not {actions['date']!r}")
    for key in ("title", "kicker", "subtitle", "role", "publisher", "region"):
        if key in actions and not isinstance(actions[key], str):
            bad(f"'{key}' is a text")


def _is_date(value: object) -> bool:
    """Check that a value is a real calendar date written yyyy-mm-dd (the loader keeps dates as text)."""
    if not isinstance(value, str) or not DATE_RE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _contradictions(entries: Iterable[Correction], shown: str) -> list[Problem]:
    """Two entries that give one line's action different values."""
    problems = []
    seen: dict[tuple[str, int, str], Correction] = {}
    for entry in entries:
        for action, value in entry.actions.items():
            key = (entry.file, entry.line, action)
            if key in seen and seen[key].actions[action] != value:
                first = seen[key]
                problems.append(Problem(
                    file=shown, line=int(entry.origin.rsplit(":", 1)[1]),
                    message=f"'{entry.at}': '{action}: {_show(value)}' contradicts '{action}: {_show(first.actions[action])}' at {first.origin}",
                ))  # fmt: skip
            seen.setdefault(key, entry)
    return problems
