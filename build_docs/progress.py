"""Time the build's stages and report each one as it ends."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from time import perf_counter


class Stages:
    """Collect wall time per stage; optionally report each stage when it ends."""

    def __init__(self, report: Callable[[str, float], None] | None = None):
        self.times: dict[str, float] = {}
        self.report = report

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = perf_counter()
        yield
        elapsed = perf_counter() - start
        self.times[name] = self.times.get(name, 0.0) + elapsed
        if self.report:
            self.report(name, elapsed)


def console_reporter() -> Callable[[str, float], None]:
    """Report stages with rich on a terminal, as plain 'stage NAME SECONDS' lines otherwise (CI logs)."""
    if sys.stderr.isatty():
        from rich.console import Console

        console = Console(stderr=True)
        return lambda name, seconds: console.print(f"[green]✓[/] {name:<10} {seconds:7.3f} s")
    return lambda name, seconds: print(f"stage {name} {seconds:.3f}", file=sys.stderr, flush=True)
