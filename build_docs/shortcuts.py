"""Shortcuts through MkDocs' and Material's per-page work that leave what they produce unchanged.

MkDocs and Material (both pinned exactly in pyproject.toml) do three things per page whose
cost grows faster than the text on a large handbook, where most of a page is raw HTML the
generator wrote:

- MkDocs runs an HTML parser over every page's whole source to learn the ids raw HTML
  defines (for anchor validation). Only start tags can define one; the tags that cannot (no
  'id' or 'name' in them) are dropped before its parser runs.
- Material's search plugin parses every page's HTML, walking tag by tag through elements it
  then leaves out (data-search-exclude: theme passages, the matrix, quoted seed lines); they
  are cut out before its parser sees them.
- For each section it looks the heading up in the page's table of contents by a linear
  search: n² comparisons on a theme page of n districts. An index built once per page
  answers instead.

`tests/test_shortcuts.py` compares each with the original on the golden pages and on
literal edge cases; at 1000 articles both built sites are byte-identical with and without.
If a patched name is missing (a new version), that shortcut is not taken.
"""

from __future__ import annotations

import re
from typing import Any

# A start or end tag (quoted attribute values may hold '>'), other than script and style, whose
# contents an HTML parser reads as text: dropping one never changes how the rest is read.
TAG_RE = re.compile(r"""</?(?!(?:script|style)\b)[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>""", re.I)


def anchor_tags_only(source: str) -> str:
    """Drop the tags that cannot define an anchor (no 'id' or 'name' in them) from a page's source."""

    def keep(m: re.Match[str]) -> str:
        tag = m.group().lower()
        return m.group() if "id" in tag or "name" in tag else ""

    return TAG_RE.sub(keep, source)


def install_anchor_scan(preprocessor: Any) -> None:
    """Patch MkDocs' raw-HTML id scan (once) to read only the tags that can define an id."""
    original = getattr(preprocessor, "run", None)
    if original is None or hasattr(preprocessor, "_handbook_run"):
        return

    def run(self, lines: list[str]) -> list[str]:
        original(self, anchor_tags_only("\n".join(lines)).split("\n"))
        return lines

    preprocessor._handbook_run = original
    preprocessor.run = run


# The start tag of an element the index leaves out (with or without a value, as Python-Markdown's
# md_in_html writes it), and its name.
EXCLUDED_RE = re.compile(r"""<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?\sdata-search-exclude(?:=(?:"[^"]*"|'[^']*'))?(?=[\s/>])[^>]*>""")
# A heading inside a cut would open a section of its own in Material's parser: never cut one.
HEADING_RE = re.compile(r"<h[1-6][\s>]", re.I)


def without_excluded(html: str) -> str:
    """Remove every element marked data-search-exclude, with its content; html unchanged if unsure."""
    out: list[str] = []
    pos = 0
    while (start := EXCLUDED_RE.search(html, pos)) is not None:
        tag = start.group(1).lower()
        end = _closing(html, tag, start.end())
        if end is None or HEADING_RE.search(html, start.end(), end):
            return html  # unbalanced or holding a heading: let Material parse it all
        out.append(html[pos : start.start()])
        pos = end
    out.append(html[pos:])
    return "".join(out)


def _closing(html: str, tag: str, pos: int) -> int | None:
    """Return the end of the tag that closes the element opened just before pos, or None."""
    depth = 1
    for m in re.compile(rf"<(/?){tag}\b[^>]*>", re.I).finditer(html, pos):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    return None


def install_search(search_index: Any) -> None:
    """Patch Material's SearchIndex class (once) with the two search shortcuts."""
    if not hasattr(search_index, "_handbook_add_entry"):
        original_add = getattr(search_index, "add_entry_from_context", None)
        original_find = getattr(search_index, "_find_toc_by_id", None)
        if original_add is None or original_find is None:
            return  # Material changed: index as it does

        def add_entry_from_context(self, page) -> None:
            content = page.content
            page.content = without_excluded(content)
            try:
                original_add(self, page)
            finally:
                page.content = content

        def find_toc_by_id(self, toc, id):  # noqa: A002 - Material's signature
            cached = getattr(self, "_handbook_toc", None)
            if cached is None or cached[0] is not toc:
                cached = (toc, _toc_index(toc))
                self._handbook_toc = cached
            return cached[1].get(id)

        search_index._handbook_add_entry, search_index._handbook_find_toc = original_add, original_find
        search_index.add_entry_from_context = add_entry_from_context
        search_index._find_toc_by_id = find_toc_by_id


def _toc_index(toc) -> dict[Any, Any]:
    """Map each id to its first table-of-contents item in depth-first order (Material's search order)."""
    index: dict[Any, Any] = {}
    stack = list(reversed(list(toc)))
    while stack:
        item = stack.pop()
        index.setdefault(item.id, item)
        stack.extend(reversed(list(item.children)))
    return index
