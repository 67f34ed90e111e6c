"""Stage 7: write both scripts' docs as one new generation and make it current in one step.

docs/ and docs-zh-Hant/ are links into `.<docs>.generations/current/`, and `current` is a link
to one complete generation folder. A run writes a new generation beside the others (files
unchanged since the current one are hard links to it, keeping their modification times for
MkDocs' watcher and the search caches), then replaces `current` with one rename: at every
instant a reader sees one whole generation of both scripts. Older generations are removed
only after that, under the same lock; a run killed anywhere leaves the previous generation
current and the next run clears what it left.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import time
from pathlib import Path

from . import locks

CURRENT = "current"
LOCK = ".lock"
# The two scripts' folders inside a generation.
HANS, HANT = "docs", "hant"


def store_of(docs: Path) -> Path:
    """The folder that holds docs' generations, beside it."""
    return docs.parent / f".{docs.name}.generations"


def publish_docs(files: dict[str, str | bytes], hant_files: dict[str, str | bytes], docs: Path, hant_docs: Path) -> list[str]:
    """Write both scripts as a new generation, make it current atomically, and return the paths that changed."""
    docs, hant_docs = Path(os.path.abspath(docs)), Path(os.path.abspath(hant_docs))
    store = store_of(docs)
    store.mkdir(parents=True, exist_ok=True)
    with locks.held(store / LOCK, what="writing the docs"):
        current = _current(store)
        _clear(store, keep=current)
        gen = store / f"gen-{time.time_ns()}-{os.getpid()}"
        staging = gen.with_name(f".{gen.name}.tmp")
        changed = _write(files, staging / HANS, current / HANS if current else None)
        locks.fault_pause("write")  # one script written, the other not yet
        changed += _write(hant_files, staging / HANT, current / HANT if current else None)
        os.rename(staging, gen)  # a generation folder is complete or absent under its own name
        locks.fault_pause("flip")
        _flip(store / CURRENT, gen.name)
        _link(docs, store / CURRENT / HANS)
        _link(hant_docs, store / CURRENT / HANT)
        _clear(store, keep=gen)
    return changed


def _current(store: Path) -> Path | None:
    """The current generation folder, if any."""
    link = store / CURRENT
    if not link.is_symlink():
        return None
    target = store / os.readlink(link)
    return target if target.is_dir() else None


def _clear(store: Path, keep: Path | None) -> None:
    """Remove every generation but `keep`, and what killed runs left (staging folders, stray links)."""
    for entry in store.iterdir():
        if entry.name in (LOCK, CURRENT) or (keep is not None and entry.name == keep.name):
            continue
        if entry.is_symlink() or entry.is_file():
            entry.unlink()
        else:
            shutil.rmtree(entry, ignore_errors=True)


def _write(files: dict[str, str | bytes], target: Path, previous: Path | None) -> list[str]:
    """Write files under target; a file whose bytes the previous generation holds is linked to it."""
    changed = []
    for rel, content in sorted(files.items()):
        raw = content if isinstance(content, bytes) else content.encode("utf-8")
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        old = previous / rel if previous is not None else None
        if old is not None and old.is_file() and old.stat().st_size == len(raw) and old.read_bytes() == raw:
            os.link(old, path)
            continue
        path.write_bytes(raw)
        changed.append(rel)
    if previous is not None and previous.is_dir():
        changed += sorted(
            p.relative_to(previous).as_posix()
            for p in previous.rglob("*")
            if p.is_file() and p.relative_to(previous).as_posix() not in files
        )
    return changed


def _flip(link: Path, target: str) -> None:
    """Point a symbolic link at target with one rename (readers see the old or the new, never none)."""
    staging = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    staging.unlink(missing_ok=True)
    os.symlink(target, staging)
    os.replace(staging, link)


def _link(path: Path, target: Path) -> None:
    """Make path a relative link to target; a real folder there (an older layout) is swapped out whole."""
    relative = os.path.relpath(target, path.parent)
    if path.is_symlink() and os.readlink(path) == relative:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not path.is_symlink():
        staging = path.with_name(f".{path.name}.{os.getpid()}.link")
        staging.unlink(missing_ok=True)
        os.symlink(relative, staging)
        exchange(staging, path)
        shutil.rmtree(staging, ignore_errors=True)  # now the old folder
        return
    _flip(path, relative)


# renameat2(2) flags: swap two names atomically (Linux 3.15 and later).
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def exchange(a: Path, b: Path) -> None:
    """Swap two paths in one step (renameat2 RENAME_EXCHANGE); without it, rename them in turn."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
            return
        errno = ctypes.get_errno()
        if errno not in (22, 38):  # EINVAL, ENOSYS: the file system or kernel cannot; fall back
            raise OSError(errno, os.strerror(errno), f"{a} <-> {b}")
    aside = b.with_name(f".{b.name}.{os.getpid()}.aside")
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)
