"""MkDocs hooks: the navigation and the site's name the generator wrote into docs/.nav.yml, one-page
sitemaps, a disk memo of the search plugin's word segmentation, and the search worker's repairs."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from time import perf_counter

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

# The derived-data cache, the search worker repairs, Material shortcuts, jieba by jieba-rs;
# the published address citations name; the offline build's file links.
from build_docs import cache, offline, search_worker, shortcuts, wordcut
from build_docs.cite import directory_url, published_address

NAV_FILE = ".nav.yml"
# What the generator may set in the configuration besides nav (the handbook's name and description).
SITE_KEYS = ("site_name", "site_description", "copyright")
# Where segmented search text is kept between builds: the .cache folder beside the docs folder,
# so a handbook folder's builds write only inside it; HANDBOOK_CACHE_DIR overrides it (an empty
# folder makes a cold build).
CACHE_NAME = ".cache"
KEEP_SEGMENTATIONS = 4  # both scripts, each with the dictionaries of the last two builds
# HANDBOOK_PROFILE=1 (make bench) prints where a build's time goes, as `stage mkdocs-NAME SECONDS`.
PROFILE = os.environ.get("HANDBOOK_PROFILE") == "1"


# Before the search plugin's own on_config, which would load jieba's dictionaries (a second and
# more) even when every section's segmentation is already known.
@event_priority(100)
def on_config(config):
    """Set nav from the generated file so the sidebar groups districts by province."""
    _PHASES["start"] = perf_counter()
    path = Path(config["docs_dir"]) / NAV_FILE
    if not path.is_file():
        raise PluginError(f"{path}: missing; run `python -m build_docs` first (make site does)")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("nav"), list):
        raise PluginError(f"{path}: expected a mapping with a 'nav' list")
    config["nav"] = data["nav"]
    # The handbook's name from its folder's handbook.yml, in this tree's script.
    for key, value in (data.get("site") or {}).items():
        if key in SITE_KEYS and isinstance(value, str) and value:
            config[key] = value
    # Raw HTML blocks the generator writes (theme passages, glossary terms) link with directory
    # URLs; only the offline build (file URLs) has them rewritten, page by page (on_page_markdown).
    _STATE["file_links"] = not config["use_directory_urls"]
    if _STATE["file_links"] and "material/offline" not in config["plugins"]:
        raise PluginError("use_directory_urls must stay true: the generated pages link with directory URLs")
    # Heading anchors are titled in the page's own script (not "Permanent link").
    toc = config["mdx_configs"].setdefault("toc", {})
    toc["permalink_title"] = PERMALINK_TITLES.get(config["theme"]["language"], PERMALINK_TITLES["zh-Hans"])
    _memoise_segmentation(config)
    _take_shortcuts()
    return config


# What this build does beyond the defaults: file links (the offline build); the documentation pages' sources.
_STATE: dict = {"file_links": False, "sources": None}


def rewrite_links(markdown, page, config, files):
    """In the offline build, point the generated raw HTML links at the page files."""
    if not _STATE["file_links"]:
        return markdown
    if _STATE["sources"] is None or _STATE["sources"][0] is not files:
        _STATE["sources"] = (files, {f.src_uri for f in files.documentation_pages()})
    return offline.file_links(markdown, page.file.src_uri, _STATE["sources"][1])


# An online citation's place for the page's own address (templates/district.md.j2).
CITE_URL_RE = re.compile(r'<span class="hb-cite__url" data-anchor="([\w-]+)"></span>')


def cite_address(html, page, config, files):
    """Write the article's published address into each online citation (none when the site has no address)."""
    address = published_address(config["site_url"] or "")
    if not address or "hb-cite__url" not in html:
        return html
    # The online address, in the offline build too: directory URLs, as the site is published.
    url = address + directory_url(page.file.src_uri)
    return CITE_URL_RE.sub(lambda m: f'<span class="hb-cite__url">. {escape(url)}#{m[1]}</span>', html)


def cache_of(config) -> Path:
    """The derived-data cache of the handbook folder whose docs this build reads."""
    return Path(os.path.abspath(config["docs_dir"])).parent / CACHE_NAME


def _take_shortcuts() -> None:
    """Patch MkDocs' and Material's slow per-page spots where they are as pinned (build_docs/shortcuts.py)."""
    try:
        from mkdocs.structure.pages import _RawHTMLPreprocessor
    except ImportError:
        pass
    else:
        shortcuts.install_anchor_scan(_RawHTMLPreprocessor)
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:
        pass
    else:
        # The index reads each article's metadata with separators (the page keeps its own).
        shortcuts.install_search(SearchIndex, prepare=index_metadata)


@dataclass
class _Memo:
    """This build's segmentation memo: where it is kept, its key, the sections read back and used."""

    cache_dir: Path
    key: str
    segmenter: wordcut.Segmenter
    known: dict[bytes, str]
    used: dict[bytes, str] = field(default_factory=dict)
    texts: int = 0  # texts the search plugin segmented, from the memo or not
    segmented: int = 0  # of which not in the memo


_MEMO: _Memo | None = None
log = logging.getLogger("mkdocs.hooks.handbook")


def _memoise_segmentation(config) -> None:
    """Serve the search plugin's jieba segmentation from a disk memo, computing misses with jieba-rs.

    Segmenting every section with jieba is half of a build's time; a section whose text,
    dictionaries and segmenters are unchanged since the last build is segmented the same way, so a
    rebuild (make serve, make site after an edit) pays only for the sections that changed. The
    sections that did change are cut by build_docs.wordcut: jieba's words, from jieba-rs."""
    global _MEMO
    plugins = config["plugins"]
    # Material registers its search plugin under this name, whether it was configured as search or material/search.
    search = plugins["material/search"] if "material/search" in plugins else None
    try:
        from material.plugins.search import plugin as search_module
        from material.plugins.search.plugin import SearchIndex
    except ImportError:
        return
    original = getattr(SearchIndex, "_handbook_original", None) or getattr(SearchIndex, "_segment_chinese", None)
    if search is None or original is None or getattr(search_module, "jieba", None) is None:
        return
    paths = [search.config.get(option) for option in ("jieba_dict", "jieba_dict_user")]
    if any(path and not Path(path).is_file() for path in paths):
        return  # the search plugin reports the missing file
    main, user = (Path(os.path.normpath(path)) if path else None for path in paths)
    segmenter = wordcut.segmenter(main, user)
    versions = [f"{name}=={_version(name)}" for name in ("mkdocs-material", "jieba", "rjieba")]
    # The dictionaries (segmenter.key) and how the words are computed (wordcut's code).
    key = cache.digest([*versions, segmenter.key, cache.file_fingerprint(Path(wordcut.__file__))])
    cache_dir = Path(os.environ.get("HANDBOOK_CACHE_DIR") or cache_of(config))
    memo = _MEMO = _Memo(cache_dir, key, segmenter, known=cache.load(cache_dir, "search", key) or {})
    # The plugin would load these into jieba on its on_config; the segmenter loads them (into
    # jieba-rs) on the first section not in the memo, and Material's own code calls it as jieba.
    search.config["jieba_dict"] = search.config["jieba_dict_user"] = None
    splits = _splitting(search.config.get("separator") or "")
    search_module.jieba = segmenter

    def segment(self, data: str) -> str:
        digest = hashlib.sha1(data.encode("utf-8")).digest()
        found = memo.known.get(digest)
        memo.texts += 1
        if found is None:
            memo.segmented += 1
            found = original(self, data)
        memo.used[digest] = found
        return readable(found, splits)

    SearchIndex._handbook_original = original
    SearchIndex._segment_chinese = segment


# Where Material marks jieba's word boundaries (zero-width spaces around and between a run's
# words). Left in the index they reach the reader: results copy with invisible characters, and
# a line may break before the ，or 。 that follows one.
ZERO_WIDTH_RE = re.compile("\u200b+")
# A word boundary in the index that the browser's tokenizer reads as one but the reader never
# sees: an empty void element ends a text run for Material's tokenizer (not its block) and breaks
# no line a Chinese line could not break at anyway.
WORD_BREAK = "<wbr/>"
# Characters a zero-width space may sit beside for nothing, if the configured separator splits
# at them too: white space and the punctuation the handbook's separator lists.
SPLIT_CANDIDATES = " \t\n\u3000-、。，．？！；：“”‘’「」『』（）《》【】…—·,.;:!?()"


def _splitting(separator: str) -> re.Pattern[str]:
    """Match the zero-width spaces that mark no word of their own: at either end, beside a tag or a separator."""
    try:
        split = re.compile(separator)
    except re.error:
        split = re.compile(r"\s")
    chars = re.escape("".join(ch for ch in SPLIT_CANDIDATES if split.fullmatch(ch)) + "<>")
    return re.compile(f"^\u200b+|\u200b+$|(?<=[{chars}])\u200b+|\u200b+(?=[{chars}])")


def readable(segmented: str, splits: re.Pattern[str]) -> str:
    """Drop Material's redundant zero-width spaces and mark the word boundaries left with WORD_BREAK."""
    return ZERO_WIDTH_RE.sub(WORD_BREAK, splits.sub("", segmented))


# An article's metadata list: label and value are separate elements the search parser joins
# with nothing (作者林文生地区福建省…).
META_RE = re.compile(r'<dl class="hb-meta"[^>]*>.*?</dl>', re.S)
# Between a field's label and its value, and between two fields.
META_LABEL_RE = re.compile(r"</dt>\s*")
META_FIELD_RE = re.compile(r"</dd>\s*(?=<dt>)")


def index_metadata(html: str) -> str:
    """Put ： after each metadata label and ； between fields, for the search index's text."""

    def separate(m: re.Match[str]) -> str:
        return META_FIELD_RE.sub("</dd>；", META_LABEL_RE.sub("</dt>：", m.group()))

    return META_RE.sub(separate, html) if '<dl class="hb-meta"' in html else html


def _version(distribution: str) -> str:
    """The installed version of a distribution, or 'none' (rjieba missing: the segmenter falls back to jieba)."""
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "none"


PERMALINK_TITLES = {"zh-Hans": "本节的链接", "zh-Hant": "本節的連結"}


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <url>
    <loc>{loc}</loc>
{links}
  </url>
</urlset>
"""


def on_post_build(config):
    """Save the segmentation memo, repair the search worker for Chinese queries, then write one-page sitemaps."""
    memo = _MEMO
    if memo is not None:
        engine = memo.segmenter.engine
        by = f"by {engine}" if engine else "(no dictionary loaded)"
        log.info(f"search: {memo.segmented} of {memo.texts} texts segmented {by}, the rest read from the memo")
        # Kept: the sections this build used, so the entry holds one site's text.
        if memo.used.keys() != memo.known.keys():
            cache.store(memo.cache_dir, "search", memo.key, memo.used)
            cache.prune(memo.cache_dir, "search", KEEP_SEGMENTATIONS)
    try:
        search_worker.repair_site(Path(config["site_dir"]))
    except search_worker.WorkerChanged as err:
        raise PluginError(str(err)) from err
    write_sitemaps(config)
    if PROFILE:
        total = perf_counter() - _PHASES.pop("start")
        phases = {name: seconds for name, seconds in _PHASES.items() if not name.startswith("_")}
        for name, seconds in [*phases.items(), ("other", total - sum(phases.values())), ("whole", total)]:
            print(f"stage mkdocs-{name} {seconds:.3f}", file=sys.stderr)


# Where a build's time goes, page by page: each phase runs from this hook's handler placed
# last (priority -100) on one event to its handler placed first (100) on the next, or
# around every other plugin's handlers of one event (search indexing).
_PHASES: dict[str, float] = defaultdict(float)


def _starts(phase: str, priority: int):
    @event_priority(priority)
    def mark(*args, **kwargs) -> None:
        _PHASES["_" + phase] = perf_counter()

    return mark


def _ends(phase: str, priority: int):
    @event_priority(priority)
    def add(*args, **kwargs) -> None:
        _PHASES[phase] += perf_counter() - _PHASES["_" + phase]

    return add


if PROFILE:
    # markdown: Python-Markdown and its extensions; search: the search plugin's indexing of the
    # page; page template: Material's templates (navigation included) around the page.
    on_page_markdown = CombinedEvent(rewrite_links, _starts("markdown", -100))
    on_page_content = CombinedEvent(_ends("markdown", 100), cite_address)
    on_page_context = CombinedEvent(_starts("search", 100), _ends("search", -100), _starts("template", -100))
    on_post_page = CombinedEvent(_ends("template", 100))
else:
    on_page_markdown = CombinedEvent(rewrite_links)
    on_page_content = CombinedEvent(cite_address)


def write_sitemaps(config) -> None:
    """Write a one-page sitemap beside every page, listing its twin in the other script.

    Each page declares its twin with <link rel="alternate" hreflang>. Material's script
    fetches sitemap.xml relative to every such link; this file answers that fetch (instead
    of a 404 on every page) and repeats the page's hreflang alternates for crawlers.
    """
    site_dir = Path(config["site_dir"])
    if not config["use_directory_urls"]:
        return  # read from a folder, the switch links each page's twin itself (no sitemap fetch)
    alternates = config["extra"].get("alternate") or []
    own = config["site_url"] or "/"
    for page in sorted(site_dir.rglob("index.html")):
        folder = page.parent
        rel = folder.relative_to(site_dir).as_posix()
        if rel == "." or (folder / "sitemap.xml").exists() or rel.split("/")[0] == "zh-Hant":
            continue  # the build's own root sitemap; a nested build's tree is its own
        path = f"{rel}/"
        links = "\n".join(
            f'    <xhtml:link rel="alternate" hreflang="{alt["lang"]}" href="{alt["link"]}{path}"/>' for alt in alternates
        )
        (folder / "sitemap.xml").write_text(SITEMAP.format(loc=f"{own}{path}", links=links), encoding="utf-8")
