"""Problems found in the input, collected and reported together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from . import provenance


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One error about the input, located by file and line."""

    file: str
    line: int
    message: str
    whole_file: bool = True  # False: only one article of the file is kept out (a lenient build keeps the rest)
    fix: str = ""  # what settles it, when one thing does (a corrections.yml entry, an encoding to save in)
    blocking: bool = True  # False: a file of no known format, listed but never failing a strict build

    @property
    def where(self) -> str:
        """The problem's location as shown: file:line (a reader-made seed's line by its place), or the file."""
        place = provenance.line_place(self.file, self.line)
        return f"{self.file}:{place or self.line}" if self.line else self.file

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def explained(self) -> str:
        """The problem, then what settles it on indented lines (for the terminal)."""
        if not self.fix:
            return str(self)
        return f"{self}\n" + "\n".join(f"    {row}" for row in self.fix.splitlines())


def blocking(problems: list[Problem]) -> list[Problem]:
    """The problems that fail a strict build (a file of no known format only is listed)."""
    return [p for p in problems if p.blocking]


class BuildError(Exception):
    """Raised once per stage with every problem that stage found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        """Pickle with the problems (a stage run on the other core raises it in the caller)."""
        return (BuildError, (self.problems,))


def raise_if(problems: list[Problem]) -> None:
    """Raise a BuildError if any problem was collected."""
    if problems:
        raise BuildError(problems)


def fail(problem: Problem) -> NoReturn:
    """Raise a BuildError for one problem that stops a stage at once."""
    raise BuildError([problem])
