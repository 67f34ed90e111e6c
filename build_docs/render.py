"""Stage 5: render Markdown pages from the handbook records through Jinja2 templates."""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from . import cite, paths
from .crossref import CrossIndex
from .errors import raise_if
from .index import check_pages
from .kinds import BlockKind, CiteKind, NoteKind
from .records import Article, District, Handbook, Note
from .recovery.blocks import DOUBT
from .recovery.normalise import PASS_LABELS
from .settings import DEFAULT as DEFAULT_SETTINGS
from .settings import Settings
from .text import CONTROL_RE
from .ui import UiStrings, load_ui_strings

TEMPLATES_DIR = paths.TEMPLATES_DIR

# Characters Markdown could read as inline markup anywhere in a line (emphasis, code, links,
# attribute lists, heading marks); escaped so seed text always shows literally.
MD_INLINE_RE = re.compile(r"([\\`*_{}\[\]#|])")
# Line starts Markdown reads as a block: ordered list '1.' / '1)', bullet '-', '+', setext '='.
MD_LINE_START_RE = re.compile(r"^(\d+)([.)])|^([-+=])")


def md_escape(text: str) -> str:
    """Escape a seed text so Markdown shows it literally."""
    text = html.escape(text, quote=False)  # & < > as entities: no HTML gets through
    text = MD_INLINE_RE.sub(r"\\\1", text)
    return MD_LINE_START_RE.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def mark_terms_html(text: str, terms) -> str:
    """Escape a seed text for a raw HTML block and wrap each matching term in <mark>."""
    return _wrap(text, {t: f"<mark>{html_text(t)}</mark>" for t in terms}, html_text)


def _wrap(text: str, replacements: dict[str, str], escape: Callable[[str], str] = md_escape) -> str:
    """Escape text, then replace each term (longest first) with its HTML wrapping, in one scan."""
    escaped = escape(text)
    if not replacements:
        return escaped
    keys = sorted((escape(k) for k in replacements), key=len, reverse=True)
    lookup = {escape(k): v for k, v in replacements.items()}
    return re.sub("|".join(map(re.escape, keys)), lambda m: lookup[m.group()], escaped)


def page_url(path: str) -> str:
    """The address MkDocs gives a page with directory URLs: a/b.md -> a/b/, a/index.md -> a/."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    return f"{stem}/" if stem and not stem.endswith("/") else stem


def link(target: str, page: str) -> str:
    """Write the address of one page as seen from another, as MkDocs writes its links.

    For raw HTML blocks, which Python-Markdown passes through untouched (mkdocs_hooks checks
    that use_directory_urls stays on)."""
    rel = posixpath.relpath(page_url(target) or ".", page_url(page) or ".")
    return "./" if rel == "." else f"{rel}/"


def _wrap_first(text: str, replacements: dict[str, str], escape: Callable[[str], str] = md_escape) -> str:
    """Escape a text and wrap only the first occurrence of each term (longest first)."""
    escaped = escape(text)
    done: set[str] = set()
    keys = sorted((escape(k) for k in replacements), key=len, reverse=True)
    lookup = {escape(k): v for k, v in replacements.items()}
    if not keys:
        return escaped

    def once(m: re.Match[str]) -> str:
        if m.group() in done:
            return m.group()
        done.add(m.group())
        return lookup[m.group()]

    return re.sub("|".join(map(re.escape, keys)), once, escaped)


def _first_uses(handbook: Handbook, cross: CrossIndex) -> dict[str, set[str]]:
    """For each block (district/ident), the glossary forms first used in its article there."""
    first: dict[str, set[str]] = defaultdict(set)
    for district in handbook.districts:
        for article in district.articles:
            for term in cross.glossary:
                for block in article.blocks:
                    found = [form for form in term.forms if form in block.text]
                    if found:
                        first[f"{district.slug}/{block.ident}"].add(min(found, key=block.text.index))
                        break
    return first


def _per_article(uses) -> list[tuple[str, str, str, str, int]]:
    """One entry per article a term occurs in: its first paragraph and how many paragraphs."""
    grouped: dict[tuple[str, str], list] = {}
    for slug, name, block, title in uses:
        grouped.setdefault((slug, title), []).append((name, block))
    return [(slug, found[0][0], found[0][1], title, len(found)) for (slug, title), found in grouped.items()]


def _shared_themes(cross: CrossIndex, one: str, other: str, most: int = 3) -> str:
    """Why two districts are related: the themes both have, strongest (most passages in both) first."""
    mine = {t.slug: (t, n) for t, n in cross.district_themes(one)}
    theirs = {t.slug: n for t, n in cross.district_themes(other)}
    shared = sorted((-min(n, theirs[s]), t.name) for s, (t, n) in mine.items() if s in theirs)
    return "、".join(name for _, name in shared[:most])


def html_text(text: object) -> str:
    """Escape a seed text (or a source, as its text) for an HTML element."""
    return html.escape(str(text), quote=True)


def html_attr(text: object) -> str:
    """Escape a text (or a source) for an attribute value, in raw HTML or a Markdown attribute list ({ … })."""
    # attr_list ends a list at the first '}' even inside quotes; entities pass through it.
    return html.escape(str(text), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def show_controls(text: str) -> str:
    """Write each control character of a raw seed line as its code point ([U+202E]), never as itself."""
    return CONTROL_RE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def html_cdata(text: str) -> str:
    """Escape a seed text for an element's content as Python-Markdown does (& < >; quotes as they are)."""
    return html.escape(text, quote=False)


# Compiled templates are kept for the life of the process (a long-running `make serve`);
# Jinja's auto_reload recompiles a template whose file changed.
_ENVIRONMENTS: dict[Path, jinja2.Environment] = {}


def make_environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """Return the one Jinja environment used for every page, with the interface strings read afresh."""
    env = _ENVIRONMENTS.get(templates_dir)
    if env is None:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            autoescape=False,  # output is Markdown; text is escaped explicitly with md / h
            auto_reload=True,
        )
        env.filters["md"] = md_escape
        env.filters["h"] = html_text
        env.filters["attr"] = html_attr
        env.filters["marked_html"] = mark_terms_html
        env.globals["link"] = link
        _ENVIRONMENTS[templates_dir] = env
    env.globals["ui"] = UiStrings(load_ui_strings())
    return env


def photo_credits(district) -> dict[str, list]:
    """Attach each picture credit to a caption: the one right before it, else the last caption above it.

    Returns caption id -> its credits; a credit with no caption above it stays where it is."""
    attached: dict[str, list] = {}
    for article in district.articles:
        last_caption = None
        for block in article.blocks:
            if block.kind is BlockKind.CAPTION:
                last_caption = block.ident
            elif block.kind is BlockKind.CREDIT and last_caption:
                attached.setdefault(last_caption, []).append(block)
    return attached


def ui_of(env: jinja2.Environment) -> UiStrings:
    """The interface strings a render recorded (the environment's `ui`)."""
    ui = env.globals["ui"]
    assert isinstance(ui, UiStrings)
    return ui


def render_pages(
    handbook: Handbook,
    cross: CrossIndex,
    env: jinja2.Environment,
    downloads: frozenset[str] = frozenset(),
    editors: bool = False,
    settings: Settings = DEFAULT_SETTINGS,
    newspaper_suffixes: tuple[str, ...] = (),
) -> dict[str, str | bytes]:
    """Render every page of the handbook (and the editors' workbench if asked): path under docs/ -> content."""
    pages: dict[str, str | bytes] = {}
    provinces = _group_by_province(handbook)
    # A glossary term is marked once per article, at its first occurrence: a link to its entry
    # that shows the definition on hover and keyboard focus (and opens the entry on a tap).
    # Paragraphs are raw HTML (Python-Markdown's inline pass was most of a large build's time),
    # so the link is the address MkDocs writes from a district page.
    glossary_url = link("glossary.md", "districts/any.md")
    gloss = {
        form: f'<a class="hb-term" data-definition="{html_text(t.definition)}" href="{glossary_url}#{t.slug}">{html_cdata(form)}</a>'
        for t in cross.glossary
        for form in t.forms
    }
    marked_once = _first_uses(handbook, cross)
    env.filters["gloss"] = lambda text, ident="", before="": _wrap_first(
        text, {f: gloss[f] for f in marked_once.get(ident, ()) if f not in before}, html_cdata
    )
    names = {d.slug: d.region.district for d in handbook.districts}
    max_count = max((n for d in handbook.districts for _, n in cross.district_themes(d.slug)), default=1) or 1
    article_count = sum(len(d.articles) for d in handbook.districts)
    pages["index.md"] = env.get_template("home.md.j2").render(
        provinces=provinces,
        district_count=len(handbook.districts),
        article_count=article_count,
        seed_count=len(handbook.seeds),
        book_pdf="handbook" in downloads,
        title=settings.title,
        subtitle=settings.subtitle,
        intro=settings.intro,
    )
    related = dict(cross.related)
    district_pages = [
        (
            f"districts/{district.slug}.md",
            env.get_template("district.md.j2").render(
                district=district,
                themes=cross.district_themes(district.slug),
                pdf=district.slug in downloads,
                related=[(slug, names[slug], _shared_themes(cross, district.slug, slug)) for slug in related[district.slug]],
                figures={a.ident: cross.article_figures(district.slug, a.ident) for a in district.articles},
                credits=photo_credits(district),
                citations=page_citations(district, newspaper_suffixes),
                highwire=highwire(district, newspaper_suffixes),
            ),
        )
        for district in handbook.districts
    ]
    # A page made twice would silently replace the first: every article must be on one page.
    raise_if(check_pages(handbook.districts, district_pages, source_marker))
    pages.update(district_pages)
    for theme in cross.themes:
        places = cross.theme_districts(theme.slug)
        pages[f"themes/{theme.slug}.md"] = env.get_template("theme.md.j2").render(
            theme=theme,
            districts=[(d, names[d], passages) for d, passages in places],
            passage_count=sum(len(passages) for _, passages in places),
        )
    pages["themes/index.md"] = env.get_template("themes.md.j2").render(
        themes=cross.themes,
        districts=handbook.districts,
        rows=[
            (d, [(t, cross.count(t.slug, d.slug), _heat(cross.count(t.slug, d.slug), max_count)) for t in cross.themes])
            for d in handbook.districts
        ],
    )
    glossary = [(t, t.slug, _per_article(uses)) for t, (_, uses) in zip(cross.glossary, cross.glossary_uses, strict=True)]
    pages["glossary.md"] = env.get_template("glossary.md.j2").render(
        terms=sorted(glossary, key=lambda entry: pinyin_order(entry[0].term)), uses_folded=USES_FOLDED
    )
    pages["regions.md"] = env.get_template("regions.md.j2").render(provinces=provinces)
    notes = notes_view(handbook)
    pages["notes.md"] = env.get_template("notes.md.j2").render(**notes)
    if editors:
        pages["editors.md"] = env.get_template("editors.md.j2").render(**notes, doubt_max=max(DOUBT.values()))
    pages[".nav.yml"] = _nav(handbook, provinces, cross, ui_of(env), editors, settings)
    return pages


def page_citations(district: District, newspaper_suffixes: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """Each article's GB/T 7714 citation for its page, cut where the reader's access date goes: ident -> (before, after).

    The page's own address is put in by the MkDocs hook (it knows each script's published address)."""
    cuts: dict[str, tuple[str, str]] = {}
    for article in district.articles:
        text = cite.gbt7714(cite.reference(district, article, newspaper_suffixes=newspaper_suffixes))
        before, _, after = text.partition(cite.ACCESSED)
        cuts[article.ident] = (before, after)
    return cuts


def highwire(district: District, newspaper_suffixes: tuple[str, ...]) -> str:
    """The page's citation_* metadata as a JSON mapping for its front matter, or "" when the page holds several articles.

    Reference managers read one work from a page's tags; a page of several articles offers its
    references as downloads instead."""
    if len(district.articles) != 1:
        return ""
    ref = cite.reference(district, district.articles[0], newspaper_suffixes=newspaper_suffixes)
    meta: dict = {"title": ref.title, "authors": list(ref.authors)}
    if ref.date:
        meta["date"] = ref.date.replace("-", "/")
    if ref.container:
        meta["newspaper" if ref.kind is CiteKind.NEWSPAPER else "publisher"] = ref.container
    # Non-ASCII kept as it is: the Traditional build converts the page's text, front matter included.
    return json.dumps(meta, ensure_ascii=False)


# A glossary entry lists its uses one per line; more than this many are folded.
USES_FOLDED = 6


def pinyin_order(term: str) -> tuple[str, str]:
    """Sort key of a term as a Chinese glossary orders it: by Hanyu Pinyin with tone numbers, then by the characters."""
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(term, style=Style.TONE3, neutral_tone_with_five=True)), term


def source_marker(article: Article) -> str:
    """What a district page holds of one article and no other: its metadata list, marked with the headline's seed lines."""
    return f'<dl class="hb-meta" data-source="{html_attr(article.headline)}">'


HEAT_LEVELS = 5


def _heat(count: int, max_count: int) -> int:
    """Shade level 0..5 of a matrix cell, by its share of the largest count."""
    if count == 0:
        return 0
    return max(1, round(HEAT_LEVELS * count / max_count))


def _group_by_province(handbook: Handbook) -> list[tuple[str, list[tuple[str, list]]]]:
    """Province -> city -> districts, in slug order."""
    tree: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for d in handbook.districts:
        tree[d.region.province][d.region.city].append(d)
    return [(p, list(cities.items())) for p, cities in tree.items()]


@dataclass(frozen=True)
class NoteView:
    """A note with the seed lines it concerns, numbered, for the notes page."""

    note: Note
    raw: str


# Show the seed lines beside a repair when it concerns at most this many of them.
RAW_LINES_SHOWN = 15
# Notes listed elsewhere on the page, not among an article's repairs.
LISTED_APART = (NoteKind.REVIEW, NoteKind.CORRECTION, NoteKind.PROBLEM)


def notes_view(handbook: Handbook) -> dict:
    """Arrange the notes: review queue and corrections (editors' page), each article's repairs by kind (校勘记)."""
    seeds = {s.name: s for s in handbook.seeds}

    def view(note: Note) -> NoteView:
        seed = seeds.get(note.source.file)
        ranges = [(note.source.start, note.source.end), *note.source.also]
        if seed is None or sum(b - a + 1 for a, b in ranges) > RAW_LINES_SHOWN:
            return NoteView(note=note, raw="")
        # Numbered, and never blank: a blank line would end the HTML block in Markdown.
        raw = "\n".join(
            f"{n:>4}  {show_controls(seed.lines[n - 1])}".rstrip()
            for a, b in ranges
            for n in range(a, b + 1)
            if 0 < n <= len(seed.lines)
        )
        return NoteView(note=note, raw=raw)

    def grouped(notes: list[Note]) -> list[tuple[str, list[NoteView]]]:
        by_kind: dict[NoteKind, list[Note]] = defaultdict(list)
        for note in notes:
            by_kind[note.kind].append(note)
        order = lambda n: (n.source.file, n.source.start)  # noqa: E731
        return [(kind.label, [view(n) for n in sorted(by_kind[kind], key=order)]) for kind in NoteKind if by_kind[kind]]

    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)  # file -> (start, end, article key)
    articles = []
    for district in handbook.districts:
        for article in district.articles:
            key = f"{district.slug}-{article.ident}"
            articles.append((key, district.region.district, article.title))
            spans[article.headline.file].append((article.headline.start, article.headline.end, key))
            for block in article.blocks:
                for a, b in [(block.source.start, block.source.end), *block.source.also]:
                    spans[block.source.file].append((a, b, key))
    by_article: dict[str, list[Note]] = defaultdict(list)
    by_file: dict[str, list[Note]] = defaultdict(list)
    for note in handbook.notes:
        if note.kind in LISTED_APART:
            continue
        owner = next((k for a, b, k in spans.get(note.source.file, ()) if a <= note.source.start <= b), None)
        if owner and note.source.end - note.source.start < RAW_LINES_SHOWN * 4:
            by_article[owner].append(note)
        else:
            by_file[note.source.file].append(note)
    review = sorted(
        (n for n in handbook.notes if n.kind is NoteKind.REVIEW), key=lambda n: (-n.doubt, n.source.file, n.source.start)
    )
    corrections = sorted(
        (n for n in handbook.notes if n.kind is NoteKind.CORRECTION), key=lambda n: (n.source.file, n.source.start)
    )
    changes: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for file, pass_name, change, count in handbook.change_counts:
        changes[file].append((PASS_LABELS.get(pass_name, pass_name), change, count))
    return {
        "counts": {
            "seeds": len(handbook.seeds),
            "articles": sum(len(d.articles) for d in handbook.districts),
            "review": len(review),
            "corrections": len(corrections),
            "repairs": sum(len(v) for v in by_article.values()) + sum(len(v) for v in by_file.values()),
        },
        "problems": handbook.problems,
        "review": [view(n) for n in review],
        "corrections": [view(n) for n in corrections],
        "articles": [(name, title, f"n-{key}", grouped(by_article[key])) for key, name, title in articles if by_article[key]],
        "files": [(file, grouped(notes)) for file, notes in sorted(by_file.items())],
        "seeds": handbook.seeds,
        "changes": sorted(changes.items()),
        "declared": handbook.declared,
    }


def _nav(handbook: Handbook, provinces, cross: CrossIndex, ui: UiStrings, editors: bool, settings: Settings) -> str:
    """Write the navigation for the MkDocs hook (home, districts by province, themes, notes, the editors' page), and the site's name."""
    nav: list = [{ui("首页"): "index.md"}]
    regions: list = [{ui("地区索引"): "regions.md"}]
    for province, cities in provinces:
        entries = []
        for _, districts in cities:
            for d in districts:
                entries.append({d.region.district: f"districts/{d.slug}.md"})
        regions.append({province: entries})
    nav.append({ui("地区"): regions})
    nav.append({ui("主题"): [{ui("主题总览"): "themes/index.md"}] + [{t.name: f"themes/{t.slug}.md"} for t in cross.themes]})
    nav.append({ui("术语表"): "glossary.md"})
    nav.append({ui("校勘记"): "notes.md"})
    if editors:
        nav.append({ui("编者工作台"): "editors.md"})
    # The site's name and description come from the folder's handbook.yml; written here (not in the
    # MkDocs config) so that the Traditional tree carries them converted, in the same generation.
    site = {
        "site_name": settings.title,
        "site_description": settings.subtitle or settings.title,
        "copyright": settings.footer or f"{settings.title} · 文字取自报纸版面与网页，修复逐条记录在校勘记",
    }
    return yaml.safe_dump({"site": site, "nav": nav}, allow_unicode=True, sort_keys=False)
