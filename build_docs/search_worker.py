"""Two repairs to Material's search worker for Chinese queries, applied to the built site.

Material segments a Chinese query greedily against the words of its index
(`query/segment/index.ts`), but its loop never tries a word that ends the query: for 党建引领
it keeps 党建 and drops 引领, so 引领 is neither searched nor highlighted. And it sorts
results by score alone, so a short entry holding one query word outranks one holding all of
them. The repairs are literal replacements in the minified worker of the pinned Material
version; each must match exactly once, else the build fails and names it (a new Material
version is looked at before it is published, never silently left unrepaired).
`tests/test_search_worker.py` checks them on the installed worker; the browser tests search
for a two-word query in both scripts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, kw_only=True)
class Repair:
    """One literal replacement in the minified worker, with why it is made."""

    name: str
    old: str
    new: str
    why: str


REPAIRS = (
    Repair(
        name="segment the query's last word",
        old="for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)",
        new="for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)",
        why="a word that ends the query (引领 in 党建引领) is tried against the index too",
    ),
    Repair(
        name="rank results holding every query word first",
        old=".sort((s,o)=>o.score-s.score).reduce(",
        new=(
            ".sort((s,o)=>Object.values(o.terms).filter(Boolean).length"
            "-Object.values(s.terms).filter(Boolean).length||o.score-s.score).reduce("
        ),
        why="an entry with all the query's words comes before one with some of them, then by score",
    ),
)


class WorkerChanged(Exception):
    """Material's worker no longer holds a text a repair replaces."""


def worker_files(site_dir: Path) -> list[Path]:
    """The search worker scripts of a built site."""
    return sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))


def repaired(source: str) -> str:
    """Apply every repair to the worker's source; a repair matching other than once raises WorkerChanged."""
    for repair in REPAIRS:
        if source.count(repair.new) == 1 and repair.old not in source:
            continue  # already repaired (a site built into the same folder again)
        if source.count(repair.old) != 1:
            raise WorkerChanged(
                f"search worker: '{repair.name}' found {source.count(repair.old)} times, expected once; "
                "Material changed its worker: review build_docs/search_worker.py for this version"
            )
        source = source.replace(repair.old, repair.new)
    return source


def repair_site(site_dir: Path) -> int:
    """Repair the search worker of a built site in place; return how many files were changed."""
    changed = 0
    for path in worker_files(site_dir):
        source = path.read_text(encoding="utf-8")
        fixed = repaired(source)
        if fixed != source:
            path.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed
