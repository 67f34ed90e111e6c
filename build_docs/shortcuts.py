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
from collections.abc import Callable
from typing import Any

# Where an HTML parser stops reading tags as tags: comments, declarations, processing
# instructions, and script and style contents. A source holding any of them is left whole.
PARSER_MODES_RE = re.compile(r"<(?:!|\?|script\b|style\b)", re.I)
# A start or end tag; quoted attribute values may hold '>'.
TAG_RE = re.compile(r"""</?[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>""")
# Quoted attribute values, to look for an attribute name outside them.
QUOTED_RE = re.compile(r""""[^"]*"|'[^']*'""")


def anchor_tags_only(source: str) -> str:
    """Drop the tags that cannot define an anchor (no 'id' or 'name' in them) from a page's source."""
    if PARSER_MODES_RE.search(source):
        return source

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


# An attribute named data-search-exclude (with or without a value), once quoted values are gone.
EXCLUDE_ATTR_RE = re.compile(r"\sdata-search-exclude(?=[\s=/>]|$)", re.I)
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# What a cut element leaves: an element the parser neither keeps nor skips (an empty <p> would
# stay in the index: Material looks for the first <p> of the section to drop an empty one).
PLACEHOLDER = "<span></span>"


def without_excluded(html: str) -> str:
    """Replace every element marked data-search-exclude by an empty span; html unchanged if unsure.

    Material's parser skips an excluded element's contents until the first end tag of the same
    name, and leaves out a whole section when a heading is excluded: an excluded heading is cut
    with its section up to the next heading with an id; other elements only when their
    contents hold no element of their own name and no heading, in a page without
    comments, scripts or styles, so that what it reads of the rest is what it read before. An
    empty span left in place keeps the text on either side apart, as the element did."""
    if "data-search-exclude" not in html or PARSER_MODES_RE.search(html):
        return html
    out: list[str] = []
    pos = 0
    at = html.find("data-search-exclude")
    while at >= 0:
        # The tag holding this occurrence (a '<' inside a quoted value would be &lt; in our HTML:
        # if the tag found does not reach the occurrence, the page is left whole).
        opening = html.rfind("<", pos, at)
        start = TAG_RE.match(html, opening) if opening >= 0 else None
        if start is None or start.end() <= at:
            return html
        at = html.find("data-search-exclude", start.end())
        text = start.group()
        if text.startswith("</") or not EXCLUDE_ATTR_RE.search(QUOTED_RE.sub("", text)):
            continue
        tag = re.match(r"<([a-zA-Z][^\s/>]*)", text).group(1).lower()  # type: ignore[union-attr]
        if tag in HEADING_TAGS:
            end = _section_end(html, start.end())
            if end is None:
                return html
        else:
            end = _closing(html, tag, start.end())
            if end is None or re.search(r"<h[1-6][\s>]", html[start.end() : end], re.I):
                return html
        out += [html[pos : start.start()], PLACEHOLDER]
        pos = end
        at = html.find("data-search-exclude", pos)
    out.append(html[pos:])
    return "".join(out)


# A heading's start tag that carries an id: where Material's parser opens a new section.
HEADING_WITH_ID_RE = re.compile(r"""<h[1-6](?=[\s>])(?:[^>"']|"[^"]*"|'[^']*')*>""", re.I)


def _section_end(html: str, pos: int) -> int | None:
    """Return where the section a heading opens at pos ends (the next heading with an id, or the end); None if unsure."""
    for m in HEADING_WITH_ID_RE.finditer(html, pos):
        if re.search(r"\sid=", QUOTED_RE.sub("", m.group())) or re.search(r'\sid="', m.group()):
            return m.start()
        return None  # a heading without an id does not end the section for Material: left whole
    return len(html)


def _closing(html: str, tag: str, pos: int) -> int | None:
    """Return the end of the first end tag named tag after pos, or None if an element of that name opens first."""
    m = re.compile(rf"<(/?){re.escape(tag)}(?=[\s/>])", re.I).search(html, pos)
    if m is None or not m.group(1):
        return None
    close = html.find(">", m.end())
    return None if close < 0 else close + 1


def install_search(search_index: Any, prepare: Callable[[str], str] = lambda html: html) -> None:
    """Patch Material's SearchIndex class (once) with the two search shortcuts; `prepare` rewrites what is indexed."""
    if not hasattr(search_index, "_handbook_add_entry"):
        original_add = getattr(search_index, "add_entry_from_context", None)
        original_find = getattr(search_index, "_find_toc_by_id", None)
        if original_add is None or original_find is None:
            return  # Material changed: index as it does

        def add_entry_from_context(self, page) -> None:
            content = page.content
            page.content = prepare(without_excluded(content))
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
