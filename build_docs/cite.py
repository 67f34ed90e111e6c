"""Citations: each article's reference in GB/T 7714-2015, RIS, BibTeX and CSL-JSON.

A reference holds only what the seed gives (authors, title, the paper or site, the date, the
page when printed) and the handbook page's address when the site has a published one; nothing
is guessed. A paper (a publisher whose name ends like a newspaper's, `vocabulary.yml`:
`newspaper_suffixes`) makes a newspaper reference `[N]`; anything else was read on a web page,
a WeChat post or a copy whose origin the text does not name, and is cited as an online
electronic resource `[EB/OL]` at the handbook's address.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import rispy

from .kinds import CiteKind
from .records import Article, District, Handbook

# GB/T 7714-2015 §8.1.2: at most three authors are named, then 等.
MAX_AUTHORS = 3
# A local address names no published site (a preview's or a test's site_url).
LOOPBACK_RE = re.compile(r"^https?://(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?(?:/|$)")
# Any run of white space: a reference is one line in every format (RIS reads a line end as the field's end).
SPACES_RE = re.compile(r"\s+")
# A subtitle as printed leads with a double dash ('——…'); the reference sets it after ': '.
SUBTITLE_LEAD_RE = re.compile(r"^(?:——|－－|--)\s*")
# Characters TeX reads as markup in a BibTeX field; each is written so that it shows as itself.
TEX_SPECIALS_RE = re.compile(r"[\\{}%&#$_^~]")
TEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
# Where a page's citation leaves room for the reader's own date of access (GB/T 7714's [引用日期]).
ACCESSED = "\ue010"
DOWNLOAD_FORMATS = ("ris", "bib", "csl.json")


@dataclass(frozen=True, kw_only=True)
class Reference:
    """What a citation of one article says, in the script of the page that offers it."""

    key: str  # the article's id in records.json: a BibTeX key and a CSL id
    kind: CiteKind
    authors: tuple[str, ...]
    title: str  # with the subtitle after ': '
    container: str  # the newspaper, or the site that published a web article; "" when unknown
    date: str  # ISO yyyy-mm-dd or ""
    page: str  # the newspaper page (版次) as printed ('19', 'A3'), or ""
    url: str  # the article on the published handbook, or "" when the site has no address
    language: str  # zh-Hans or zh-Hant


def one_line(text: str) -> str:
    """Write a text on one line, runs of white space as one space."""
    return SPACES_RE.sub(" ", text).strip()


def published_address(site_url: str) -> str:
    """Give the site's published address with a trailing slash, or "" for none or a local one."""
    if not site_url or LOOPBACK_RE.match(site_url):
        return ""
    return site_url.rstrip("/") + "/"


def directory_url(src: str) -> str:
    """The address MkDocs gives a page with directory URLs: a/b.md -> a/b/, a/index.md -> a/, index.md -> ''."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def article_url(address: str, district: District, article: Article, language: str) -> str:
    """Give the address of an article on the published site, in its script's build, or ""."""
    if not address:
        return ""
    prefix = "zh-Hant/" if language == "zh-Hant" else ""
    return f"{address}{prefix}districts/{district.slug}/#{article.ident}"


def reference(
    district: District, article: Article, *, newspaper_suffixes: Iterable[str], address: str = "", language: str = "zh-Hans"
) -> Reference:
    """Make an article's reference from what its record knows, in the Simplified text."""
    title = one_line(article.title)
    subtitle = one_line(SUBTITLE_LEAD_RE.sub("", article.subtitle))
    if subtitle:
        title = f"{title}: {subtitle}"
    publisher = one_line(article.publisher)
    paper = bool(publisher) and publisher.endswith(tuple(newspaper_suffixes))
    return Reference(
        key=f"{district.slug}-{article.ident}",
        kind=CiteKind.NEWSPAPER if paper else CiteKind.WEB,
        authors=tuple(one_line(a) for a in article.authors if one_line(a)),
        title=title,
        container=publisher,
        date=article.date,
        page=article.page,
        url=article_url(address, district, article, language),
        language=language,
    )


def references(handbook: Handbook, **options) -> list[tuple[District, list[Reference]]]:
    """Make every article's reference, district by district in the handbook's order."""
    return [(d, [reference(d, a, **options) for a in d.articles]) for d in handbook.districts]


def _author_part(authors: tuple[str, ...]) -> str:
    """The responsible persons: up to three, separated by ', ', then ', 等'."""
    named = ", ".join(authors[:MAX_AUTHORS])
    return f"{named}, 等" if len(authors) > MAX_AUTHORS else named


def gbt7714(ref: Reference) -> str:
    """Write the reference as GB/T 7714-2015 gives it, with what is known; ACCESSED marks the access date's place.

    Newspaper: 作者. 题名[N]. 报纸名, 出版日期(版次).
    Online: 作者. 题名[EB/OL]. 出版者, 出版年(发布日期)[引用日期]. 获取和访问路径."""
    head = f"{_author_part(ref.authors)}. " if ref.authors else ""
    head += f"{ref.title}[{ref.kind.value}]."
    if ref.kind is CiteKind.NEWSPAPER:
        tail = ref.container
        if ref.date:
            tail += f", {ref.date}"
            if ref.page:
                tail += f"({ref.page})"
        return f"{head} {tail}."
    published = ref.container
    if ref.date:
        published = f"{published}, {ref.date[:4]}({ref.date})" if published else f"({ref.date})"
    tail = f"{published}{ACCESSED}"
    if ref.url:
        tail += f". {ref.url}"
    return f"{head} {tail}."


def _date_parts(date: str) -> list[int]:
    """An ISO date as CSL's date parts."""
    return [int(part) for part in date.split("-")]


def csl_item(ref: Reference) -> dict:
    """The reference as one CSL-JSON item (names literal: a Chinese name is not split into given and family)."""
    item: dict = {
        "id": ref.key,
        "type": "article-newspaper" if ref.kind is CiteKind.NEWSPAPER else "webpage",
        "title": ref.title,
        "language": ref.language,
    }
    if ref.authors:
        item["author"] = [{"literal": name} for name in ref.authors]
    if ref.date:
        item["issued"] = {"date-parts": [_date_parts(ref.date)]}
    if ref.container:
        item["container-title" if ref.kind is CiteKind.NEWSPAPER else "publisher"] = ref.container
    if ref.page:
        item["page"] = ref.page
    if ref.url:
        item["URL"] = ref.url
    return item


def csl_json(refs: Iterable[Reference]) -> str:
    """Write references as a CSL-JSON array."""
    return json.dumps([csl_item(r) for r in refs], ensure_ascii=False, indent=1) + "\n"


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its numbered header line before each reference."""

    def set_header(self, count: int) -> str:
        """Write no header."""
        return ""


def ris_entry(ref: Reference) -> dict:
    """The reference as rispy's fields: NEWS for a newspaper, ELEC for a web page."""
    entry: dict = {"type_of_reference": "NEWS" if ref.kind is CiteKind.NEWSPAPER else "ELEC", "id": ref.key}
    if ref.authors:
        entry["authors"] = list(ref.authors)
    entry["title"] = ref.title
    if ref.container:
        entry["secondary_title" if ref.kind is CiteKind.NEWSPAPER else "publisher"] = ref.container
    if ref.date:
        entry["year"] = ref.date[:4]
        entry["date"] = ref.date.replace("-", "/")
    if ref.page:
        entry["start_page"] = ref.page
    if ref.url:
        entry["urls"] = [ref.url]
    entry["language"] = ref.language
    return entry


def ris(refs: Iterable[Reference]) -> str:
    """Write references as RIS."""
    return rispy.dumps([ris_entry(r) for r in refs], implementation=_RisWriter)


def tex(text: str) -> str:
    """Escape a text for a braced BibTeX field, so TeX prints it as it is."""
    return TEX_SPECIALS_RE.sub(lambda m: TEX_ESCAPES.get(m.group(), "\\" + m.group()), text)


def bibtex_entry(ref: Reference) -> str:
    """The reference as one BibTeX entry: @article for a newspaper, @misc for a web page."""
    fields: list[tuple[str, str]] = []
    if ref.authors:
        # Braced, each name is one name: BibTeX never splits a Chinese name into given and family.
        fields.append(("author", " and ".join(f"{{{tex(a)}}}" for a in ref.authors)))
    fields.append(("title", tex(ref.title)))
    if ref.container:
        fields.append(("journal" if ref.kind is CiteKind.NEWSPAPER else "publisher", tex(ref.container)))
    if ref.date:
        fields += [("year", ref.date[:4]), ("date", ref.date)]
    if ref.page:
        fields.append(("pages", ref.page))
    if ref.url:
        fields.append(("url", ref.url))
    fields.append(("langid", ref.language))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    kind = "article" if ref.kind is CiteKind.NEWSPAPER else "misc"
    return f"@{kind}{{{ref.key},\n{body}\n}}\n"


def bibtex(refs: Iterable[Reference]) -> str:
    """Write references as a BibTeX file."""
    return "\n".join(bibtex_entry(r) for r in refs)


WRITERS: dict[str, Callable[[Iterable[Reference]], str]] = {"ris": ris, "bib": bibtex, "csl.json": csl_json}


def downloads(grouped: list[tuple[District, list[Reference]]]) -> dict[str, str]:
    """Every district's references and the whole handbook's, in each format: path under docs/ -> text."""
    files: dict[str, str] = {}
    for fmt, write in WRITERS.items():
        for district, refs in grouped:
            files[f"downloads/{district.slug}.{fmt}"] = write(refs)
        files[f"downloads/handbook.{fmt}"] = write(r for _, refs in grouped for r in refs)
    return files
