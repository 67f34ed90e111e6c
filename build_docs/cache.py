"""Derived data kept on disk between runs, keyed by everything it is derived from.

A key is a hash of the inputs (seed bytes, corrections.yml, the data YAML, rendered pages) and
of what turns them into output: this package's code as the running process loaded it and the
versions of the libraries that decide words, places and characters. An entry is a pickle
written whole (staged, then renamed), so a run killed halfway leaves no half entry, and sealed
with its digest: an entry whose bytes changed is discarded with a warning and computed again,
never trusted. Each kind keeps only its newest entries.
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


# An entry starts with this mark and the SHA-256 of what follows: a damaged entry (a flipped
# byte, a truncation, another program's write) is caught on load, never published.
MAGIC = b"handbook-cache-1\n"
DIGEST_SIZE = 32


def seal(payload: bytes) -> bytes:
    """Prefix a payload with the mark and its digest."""
    return MAGIC + hashlib.sha256(payload).digest() + payload


def unseal(raw: bytes) -> bytes | None:
    """Return the payload of a sealed entry, or None when it is not one or its digest differs."""
    head = len(MAGIC) + DIGEST_SIZE
    if len(raw) < head or not raw.startswith(MAGIC):
        return None
    payload = raw[head:]
    return payload if hashlib.sha256(payload).digest() == raw[len(MAGIC) : head] else None


def read_sealed(path: Path) -> bytes | None:
    """Read a sealed file's payload; a damaged one is removed with a warning and counts as missing."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        _discard(path, f"unreadable: {err.strerror}")
        return None
    payload = unseal(raw)
    if payload is None:
        _discard(path, "its digest does not match its contents")
    return payload


def write_sealed(path: Path, payload: bytes) -> None:
    """Write a sealed file whole: staged under a private name, then renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    staging.write_bytes(seal(payload))
    staging.replace(path)


def _discard(path: Path, why: str) -> None:
    """Drop a damaged entry so that it is computed again, and say so."""
    print(f"warning: cache entry {path} discarded ({why}); computed again", file=sys.stderr)
    path.unlink(missing_ok=True)


def load(cache_dir: Path, kind: str, key: str) -> Any | None:
    """Return the entry of this kind stored under key, or None."""
    path = cache_dir / kind / f"{key}.pickle"
    payload = read_sealed(path)
    if payload is None:
        return None
    try:
        value = pickle.loads(payload)
    except Exception:  # sealed but unreadable by this code (a stale class): computed again
        _discard(path, "not readable by this code")
        return None
    try:
        os.utime(path)  # newest use first when pruning
    except FileNotFoundError:  # another build pruned it meanwhile; the value read is whole
        pass
    return value


def store(cache_dir: Path, kind: str, key: str, value: Any) -> None:
    """Write an entry whole and sealed."""
    write_sealed(cache_dir / kind / f"{key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def prune(cache_dir: Path, kind: str, keep: int) -> None:
    """Drop all but the newest `keep` entries of a kind."""
    dated = []
    for entry in (cache_dir / kind).glob("*.pickle"):
        try:
            dated.append((entry.stat().st_mtime_ns, entry))
        except FileNotFoundError:  # a concurrent build pruned it between listing and reading
            continue
    dated.sort(reverse=True)
    for _, old in dated[keep:]:
        old.unlink(missing_ok=True)
