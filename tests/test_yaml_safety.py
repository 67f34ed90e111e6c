"""corrections.yml and the data YAML are read by a loader that cannot be abused.

Each case is a hostile or broken file that once cost gigabytes, ran a tag's function or ended
in a traceback; each must now be one located problem, `corrections.yml:LINE: message`.
"""

from __future__ import annotations

import os
import re
import time
import tracemalloc
from pathlib import Path
from textwrap import dedent

import pytest

from build_docs.corrections import load_corrections
from build_docs.data import DATA_DIR, MAX_YAML_BYTES, MAX_YAML_DEPTH, load_vocabulary, load_yaml
from build_docs.errors import BuildError, Problem

SEEDS = {"t.txt": 20}

# The classic "billion laughs": nine levels of nine aliases, 10^9 strings once expanded.
BOMB = dedent("""
    corrections:
      - at: seeds/t.txt:1
        kind: paragraph
        note: [&a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"],
          &b [*a,*a,*a,*a,*a,*a,*a,*a,*a], &c [*b,*b,*b,*b,*b,*b,*b,*b,*b],
          &d [*c,*c,*c,*c,*c,*c,*c,*c,*c], &e [*d,*d,*d,*d,*d,*d,*d,*d,*d],
          &f [*e,*e,*e,*e,*e,*e,*e,*e,*e], &g [*f,*f,*f,*f,*f,*f,*f,*f,*f],
          &h [*g,*g,*g,*g,*g,*g,*g,*g,*g], &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]]
    """).lstrip("\n")


def _errors(tmp_path: Path, text: str | bytes) -> str:
    """Load a corrections.yml holding text; return its problems as reported."""
    path = tmp_path / "corrections.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        load_corrections(path, SEEDS)
    return str(caught.value)


def _at(line: int, message: str, errors: str) -> None:
    """The errors name corrections.yml at that line with the message."""
    assert re.search(rf"corrections\.yml:{line}: .*{message}", errors), errors
    assert "Traceback" not in errors


def test_alias_bomb_in_a_note_is_refused_at_its_line_quickly_with_bounded_memory(tmp_path):
    tracemalloc.start()
    start = time.perf_counter()
    try:
        errors = _errors(tmp_path, BOMB)
        took, (_, peak) = time.perf_counter() - start, tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    _at(4, "anchors are not allowed", errors)
    assert took < 2 and peak < 20_000_000


@pytest.mark.parametrize("key", ["note", "kind", "at"])
def test_an_alias_bomb_in_any_value_is_refused(tmp_path, key):
    bomb = BOMB.split("note: ", 1)[1]
    fields = {"at": "seeds/t.txt:1", "kind": "paragraph", "note": "见原文"}
    del fields[key]
    head = "corrections:\n  - " + "\n    ".join(f"{k}: {v}" for k, v in fields.items())
    _at(4, "anchors are not allowed", _errors(tmp_path, f"{head}\n    {key}: {bomb}"))
    _at(4, "aliases are not allowed", _errors(tmp_path, f"{head}\n    {key}: *a\n"))


def test_duplicate_key_in_one_entry_is_an_error_naming_its_line(tmp_path):
    errors = _errors(
        tmp_path,
        """
        corrections:
          - at: seeds/t.txt:1
            kind: paragraph
            kind: heading
        """,
    )
    _at(4, "duplicate key 'kind'", errors)


@pytest.mark.parametrize(
    "text",
    [
        "corrections: !!python/name:os.system\n",
        "corrections:\n  - at: seeds/t.txt:1\n    kind: paragraph\n    note: !!python/object/apply:os.system ['echo owned']\n",
        "corrections: !!python/object/apply:os.system ['echo owned']\n",
        "corrections:\n  - at: seeds/t.txt:1\n    kind: !!binary aGVhZGluZw==\n",
        "corrections: !!set {a: null}\n",
    ],
)
def test_python_and_other_non_standard_tags_are_errors_and_run_nothing(tmp_path, monkeypatch, text):
    def refuse(*_):
        raise AssertionError("a tag ran os.system")

    monkeypatch.setattr(os, "system", refuse)
    line = text.count("\n") if "note" in text or "binary" in text else 1
    _at(line, "is not allowed", _errors(tmp_path, text))


def test_bad_date_is_an_error_at_its_line_without_a_traceback(tmp_path):
    errors = _errors(
        tmp_path,
        """
        corrections:
          - at: seeds/t.txt:1
            kind: paragraph
          - at: seeds/t.txt:2
            date: 2026-13-45
        """,
    )
    _at(4, "'date' is an ISO date, yyyy-mm-dd, not '2026-13-45'", errors)


def test_a_good_date_is_still_accepted(tmp_path):
    path = tmp_path / "corrections.yml"
    path.write_text("corrections:\n  - at: seeds/t.txt:2\n    date: 2026-02-28\n", encoding="utf-8")
    (entry,) = load_corrections(path, SEEDS).entries
    assert entry.actions == {"date": "2026-02-28"}


def test_complex_key_is_an_error(tmp_path):
    errors = _errors(
        tmp_path,
        """
        corrections:
          - at: seeds/t.txt:1
            ? [a, b]
            : heading
        """,
    )
    _at(3, "a key must be a plain value", errors)


def test_non_utf8_bytes_are_an_error_naming_the_file(tmp_path):
    errors = _errors(tmp_path, b"corrections:\n  - at: seeds/t.txt:1\n    note: \xb1\xea\xcc\xe2\n    kind: heading\n")
    _at(3, r"not UTF-8 text \(", errors)


def test_oversized_file_is_an_error(tmp_path):
    text = "corrections:\n" + "  - at: seeds/t.txt:1\n    kind: paragraph\n" * (MAX_YAML_BYTES // 30)
    _at(1, "larger than", _errors(tmp_path, text))


def test_deep_nesting_is_an_error(tmp_path):
    depth = MAX_YAML_DEPTH * 20
    _at(3, "nested more than", _errors(tmp_path, f"corrections:\n  - at: seeds/t.txt:1\n    note: {'[' * depth}{']' * depth}\n"))


def test_a_bad_scalar_under_an_explicit_tag_is_an_error(tmp_path):
    _at(3, "'x' is not a valid int", _errors(tmp_path, "corrections:\n  - at: seeds/t.txt:1\n    level: !!int x\n"))


def test_a_control_character_is_an_error_at_its_line(tmp_path):
    _at(3, "not allowed", _errors(tmp_path, "corrections:\n  - at: seeds/t.txt:1\n    note: 中文\x07\n"))


def test_data_files_are_read_by_the_same_loader(tmp_path):
    path = tmp_path / "vocabulary.yml"
    path.write_text("role_suffixes: &r [书记]\norganisation_suffixes: *r\n", encoding="utf-8")
    problems: list[Problem] = []
    assert load_yaml(path, problems) is None
    assert [str(p) for p in problems] == [f"{path}:1: invalid YAML: anchors are not allowed (&r)"]
    path.write_bytes(b"role_suffixes: [\xff]\n")
    with pytest.raises(BuildError, match=rf"{re.escape(str(path))}:1: not UTF-8 text"):
        load_vocabulary(path)
    path.write_text("role_suffixes: [书记]\nrole_suffixes: [主任]\n", encoding="utf-8")
    with pytest.raises(BuildError, match=rf"{re.escape(str(path))}:2: invalid YAML: duplicate key 'role_suffixes'"):
        load_vocabulary(path)


def test_every_real_data_file_still_loads():
    for path in sorted(DATA_DIR.glob("*.yml")):
        problems: list[Problem] = []
        assert load_yaml(path, problems) is not None and problems == [], (path, problems)
