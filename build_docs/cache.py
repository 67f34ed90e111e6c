"""Derived data kept on disk between runs, keyed by everything it is derived from.

A key is a hash of the inputs (seed bytes, corrections.yml, the data YAML, rendered pages) and
of what turns them into output: this package's code as the running process loaded it and the
versions of the libraries that decide words, places and characters. An entry is a pickle
written whole (staged, then renamed), so a run killed halfway leaves no half entry; an entry
that cannot be read counts as missing. Each kind keeps only its newest entries.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
# Libraries whose data or behaviour is part of what a build derives (words, places, readings,
# characters, templates): a new version makes every entry stale.
LIBRARIES = ("jieba", "jionlp", "pypinyin", "OpenCC", "zhconv-rs", "Jinja2", "PyYAML", "zhon")
# Bumped when the layout of the cached records changes in a way the code hash cannot see.
FORMAT = "1"


def digest(parts: Iterable[str | bytes]) -> str:
    """Hash a sequence of parts; each is length-prefixed so ('ab','c') and ('a','bc') differ."""
    h = hashlib.sha256()
    for part in parts:
        raw = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(raw).to_bytes(8, "little"))
        h.update(raw)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash this package's code as first imported, the libraries' versions and Python's."""
    # Once per process: a long-running `make serve` keeps the code it started with, so its
    # entries must carry that code's hash even after the files change on disk.
    parts: list[str | bytes] = [FORMAT, sys.version]
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts += [path.relative_to(PACKAGE_DIR).as_posix(), path.read_bytes()]
    for name in LIBRARIES:
        try:
            parts.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name} missing")
    return digest(parts)


def data_fingerprint() -> str:
    """Hash the data YAML as it is now (editors change it while `make serve` runs)."""
    parts: list[str | bytes] = []
    for path in sorted(p for p in DATA_DIR.rglob("*") if p.is_file()):
        parts += [path.relative_to(DATA_DIR).as_posix(), path.read_bytes()]
    return digest(parts)


def file_fingerprint(path: Path | None) -> str:
    """Hash one optional input file: its path (notes and errors name it), and its bytes or absence."""
    if path is None or not path.is_file():
        return digest(["absent", str(path)])
    return digest(["present", str(path), path.read_bytes()])


def load(cache_dir: Path, kind: str, key: str) -> Any | None:
    """Return the entry of this kind stored under key, or None."""
    path = cache_dir / kind / f"{key}.pickle"
    try:
        with path.open("rb") as f:
            value = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # a stale or damaged entry is recomputed, never trusted
        return None
    os.utime(path)  # newest use first when pruning
    return value


def store(cache_dir: Path, kind: str, key: str, value: Any) -> None:
    """Write an entry whole: staged under a private name, then renamed into place."""
    folder = cache_dir / kind
    folder.mkdir(parents=True, exist_ok=True)
    staging = folder / f".{key}.{os.getpid()}.tmp"
    with staging.open("wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    staging.replace(folder / f"{key}.pickle")


def prune(cache_dir: Path, kind: str, keep: int) -> None:
    """Drop all but the newest `keep` entries of a kind."""
    entries = sorted((cache_dir / kind).glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[keep:]:
        old.unlink(missing_ok=True)
