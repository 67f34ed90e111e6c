"""Two shortcuts for Material's search indexing that leave the index it writes unchanged.

Material's search plugin (pinned exactly in pyproject.toml) parses every page's HTML and, for
each section, looks its heading up in the page's table of contents. On a large handbook both
grow faster than the text: a theme page quotes thousands of passages the index leaves out
(data-search-exclude) but the parser still walks tag by tag, and the table-of-contents lookup
is a linear search per section, so a page of n sections costs n² comparisons. Here the
excluded elements are cut out before the parser sees them, and the lookup uses an index of
the table of contents built once per page. `tests/test_search_speed.py` compares the parser's
sections on the built pages with and without the cut, and the lookups with Material's own.
"""

from __future__ import annotations

import re
from typing import Any

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


def install(search_index: Any) -> None:
    """Patch Material's SearchIndex class (once) with the two shortcuts."""
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
