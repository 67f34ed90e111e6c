"""One writer at a time: advisory locks (flock) on a file beside what is being published.

A writer takes the lock exclusive, readers that need one whole generation (the MkDocs builds
reading docs/) take it shared. A lock held by another run is waited for, with a message, so
two builds started together both finish, one after the other; the kernel drops a killed
process's locks, so a kill never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def held(path: Path, *, shared: bool = False, what: str = "", wait: float | None = None) -> Iterator[None]:
    """Hold the lock on path (exclusive, or shared) for the block; wait for another holder, saying so."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build to finish {what or 'its work'} (lock {path})", file=sys.stderr, flush=True)
            deadline = None if wait is None else time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, mode | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if deadline is not None and time.monotonic() > deadline:
                        raise TimeoutError(f"{path}: still locked by another build after {wait:g} s") from None
                    time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def alive(pid: int) -> bool:
    """Tell whether a process with this id still runs (its staging folder is in use)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# A fault-injection test names a point to stop at ('generate', 'write', 'flip', 'mkdocs',
# 'swap') and for how long:
# HANDBOOK_FAULT_PAUSE=swap:30. Unset (always, outside that test), nothing happens.
FAULT_PAUSE = "HANDBOOK_FAULT_PAUSE"


def fault_pause(point: str) -> None:
    """Stop at a named point of publication when a fault-injection test asks, and say so."""
    wanted = os.environ.get(FAULT_PAUSE, "")
    name, _, seconds = wanted.partition(":")
    if name == point:
        print(f"fault-pause: {point}", file=sys.stderr, flush=True)
        time.sleep(float(seconds or 30))
