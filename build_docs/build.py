"""The build, stage by stage: seeds -> normalised lines -> articles -> pages -> docs/."""

from __future__ import annotations

import datetime
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from . import (
    cache,
    cite,
    convert,
    corrections,
    crossref,
    data,
    export,
    forked,
    index,
    ingest,
    locks,
    names,
    paths,
    provenance,
    regions,
    render,
    review,
    segment,
    write,
)
from .errors import Problem, blocking, raise_if
from .kinds import NoteKind
from .progress import Stages
from .records import Article, Handbook, Note, SeedFile
from .recovery import normalise, parse
from .recovery.blocks import DOUBT
from .settings import DEFAULT as DEFAULT_SETTINGS
from .settings import Settings

ASSETS_DIR = paths.TEMPLATES_DIR / "assets"


@dataclass(frozen=True, kw_only=True)
class Result:
    """What a build produced, for callers and tests."""

    handbook: Handbook
    cross: crossref.CrossIndex
    files: dict[str, str | bytes]
    hant_files: dict[str, str | bytes]
    converter: convert.Converter
    report: str
    warnings: tuple[str, ...] = ()
    data_warnings: tuple[str, ...] = ()  # of the warnings, those about the project's data (a theme matching nothing)
    quotes: str = "corner"
    settings: Settings = DEFAULT_SETTINGS  # the folder's handbook.yml: title, compilers …


# Derived data kept between runs (gazetteer table, OpenCC config, converted jieba dictionary).
CACHE_DIR = Path(__file__).resolve().parent.parent / ".cache"


@dataclass(frozen=True, kw_only=True)
class BuildConfig:
    """What one generator run is asked to do."""

    seeds: Path
    shown_as: str | None = None  # how seed paths are shown (seeds/x.txt); default: the folder as given
    docs: Path = Path("docs")
    hant_docs: Path | None = None  # default: <docs>-zh-Hant
    script: str = "s2tw"  # OpenCC config of the Traditional build
    quotes: str = "corner"  # the Traditional build's quotation marks: corner 「」 or keep “ ”
    corrections: Path | None = None  # default: corrections.yml beside the seeds folder
    pdf_dir: Path | None = None  # PDFs made by `make pdf`, offered as downloads
    make_pdf: bool = False  # render the book PDFs into pdf_dir in this same run (needs WeasyPrint)
    report: Path | None = None  # default: reports/conversion-report.md beside docs
    strict: bool = True  # any problem fails the build; lenient leaves the file out
    editors: bool = False  # also publish the editors' workbench (editors.md): review queue, corrections, rules
    cache_dir: Path = CACHE_DIR  # an empty folder makes a cold run
    settings: Settings = DEFAULT_SETTINGS  # the folder's handbook.yml: title, subtitle, compilers …
    corrections_shown: str | None = None  # how errors name corrections.yml (default: as given)

    def __post_init__(self) -> None:
        """Refuse options that contradict each other."""
        if self.make_pdf and self.pdf_dir is None:
            raise ValueError("make_pdf needs a pdf_dir")

    @property
    def corrections_file(self) -> Path:
        return self.corrections if self.corrections is not None else self.seeds.parent / "corrections.yml"


@dataclass(frozen=True, kw_only=True)
class Records:
    """What the records stage recovered: the handbook, its cross-index and the data the pages need."""

    handbook: Handbook
    cross: crossref.CrossIndex
    vocab: data.Vocabulary
    terms: convert.ProtectedTerms
    search_terms: tuple[str, ...]
    glossary: tuple[data.GlossaryTerm, ...]
    place_names: tuple[str, ...]  # every place the records name, with short forms (kept by the conversion)
    warnings: tuple[str, ...]
    data_warnings: tuple[str, ...] = ()  # of the warnings, those about the project's data (a theme matching nothing)
    key: str = ""  # hash of everything the records derive from (records_key)


def generate(config: BuildConfig, stage: Stages | None = None) -> Result:
    """Run the records stage, then the pages stage; nothing but caches (and PDFs, when asked) is written."""
    stage = stage or Stages()
    return make_pages(config, recover_records(config, stage), stage)


# Entries kept per kind: a few recent states of the seeds (an editor undoing a change hits the
# cache), and every seed file of a large handbook twice over.
KEEP_RECORDS = 4
KEEP_PARSED_MIN = 256


def recover_records(config: BuildConfig, stage: Stages) -> Records:
    """Return the records of the seeds as they are: from the cache when nothing they derive from changed."""
    with stage("cache"):
        key = records_key(config)
        records = cache.load(config.cache_dir, "records", key)
    if records is None:
        records = replace(_recover_records(config, stage), key=key)
        cache.store(config.cache_dir, "records", key, records)
        cache.prune(config.cache_dir, "records", KEEP_RECORDS)
    provenance.register(records.handbook.seeds)  # records read back show a reader-made seed's places too
    return records


def records_key(config: BuildConfig) -> str:
    """Hash everything the records derive from: code, data, every seed file, corrections.yml, options."""
    parts: list[str | bytes] = [
        cache.code_fingerprint(),
        cache.data_fingerprint(),
        cache.file_fingerprint(config.corrections_file),
    ]
    parts += [str(config.shown_as), str(config.strict), str(config.seeds)]
    for path in ingest.seed_paths(config.seeds) if config.seeds.is_dir() else ():
        # A refused path is never read: a pipe would block, a link out of the folder is not a seed.
        refused = "folder" if path.is_dir() else ingest.refusal(path, config.seeds)
        parts += [path.name, refused.encode() if refused else path.read_bytes()]
    return cache.digest(parts)


def _recover_records(config: BuildConfig, stage: Stages) -> Records:
    """Read, normalise and parse the seeds into the handbook's records and cross-index.

    Strict, any problem fails the build. Lenient, a seed file with a problem is left out, its
    problems lead the editorial notes, and the rest is published."""
    seeds_dir, shown_as, strict = config.seeds, config.shown_as, config.strict
    with stage("data"):
        rules = parse.Rules(
            vocab=data.load_vocabulary(),
            surnames=data.load_surnames(),
            boilerplate=data.load_boilerplate(),
            line_kinds=data.load_line_kinds(),
        )
        vocab = rules.vocab
        search_terms = data.load_search_terms()
        themes = data.load_themes()
        glossary = data.load_glossary()
        terms = convert.load_protected()

    with stage("ingest"):
        seeds, problems = ingest.read_seeds_leniently(seeds_dir, shown_as)
        if not seeds:
            raise_if(problems)
        if strict:
            raise_if(blocking(problems))
        provenance.register(seeds)
        declared = corrections.load_corrections(
            config.corrections_file,
            {Path(s.name).name: len(s.lines) for s in seeds},
            shown=config.corrections_shown,
            places={Path(s.name).name: s.places for s in seeds if s.places},
        )
        rules = replace(rules, corrections=declared)
    with stage("normalise"):
        normalised = [normalise.normalise_seed(seed) for seed in seeds]

    with stage("parse"):
        recovered = parse.settle_orphans(recover_files(normalised, rules, config))
        raise_if(unapplied(declared, recovered))
        recovered = [replace(r, notes=settled_review(r.notes, declared)) for r in recovered]
        problems += [p for r in recovered for p in r.problems]
        if strict:
            raise_if(blocking(problems))

    with stage("index"):
        failed = {p.file for p in problems if p.whole_file}
        articles, notes = published(recovered, failed, seeds)
        conservation = index.check_conservation([s for s in seeds if s.name not in failed], articles, notes)
        if strict:
            raise_if(conservation)
        problems += conservation
        failed |= {p.file for p in conservation}
        if not strict and failed:
            articles, notes = published(recovered, failed, seeds)
        if not articles:
            raise_if(problems or [Problem(file=shown_as or str(seeds_dir), line=0, message="no article recovered")])
        districts = index.group_districts(articles, vocab)
        handbook = Handbook(
            districts=districts,
            notes=notes,
            seeds=seeds,
            problems=tuple(str(p) for p in sorted(problems, key=lambda p: (p.file, p.line))),
            change_counts=tuple(
                (n.seed.name, name, change, count)
                for n in normalised
                if n.seed.name not in failed
                for name, change, count in n.changes
            ),
            declared=tuple(
                (f"build_docs/data/{path}", b.key, f"{b.description}：{b.pattern.pattern}")
                for path, entries in (("boilerplate.yml", rules.boilerplate), ("line_kinds.yml", rules.line_kinds))
                for b in entries
            ),
        )
        cross, warnings = crossref.build_cross_index(districts, themes, glossary, "build_docs/data/themes.yml")
    return Records(
        handbook=handbook,
        cross=cross,
        vocab=vocab,
        terms=terms,
        search_terms=search_terms,
        glossary=glossary,
        place_names=tuple(place_names(handbook, vocab)),
        warnings=tuple(str(p) for p in sorted(problems, key=lambda p: (p.file, p.line))) + tuple(warnings),
        data_warnings=tuple(warnings),
    )


def published(
    recovered: Sequence[parse.Recovered], failed: set[str], seeds: Sequence[SeedFile]
) -> tuple[list[Article], tuple[Note, ...]]:
    """The articles and notes of the files not failed, an article a copy of a file gives again published once."""
    kept = [r for r in recovered if r.file not in failed]
    dropped, listed = index.drop_duplicates([(r.file, r.articles) for r in kept], {s.name: s.lines for s in seeds})
    articles = [a for r in kept for a in r.articles if (r.file, a.headline.start) not in dropped]
    return articles, (*(n for r in kept for n in r.notes), *listed)


def recover_files(
    normalised: Sequence[normalise.NormalisedSeed], rules: parse.Rules, config: BuildConfig
) -> list[parse.Recovered]:
    """Recover each seed file's articles, reusing those of files unchanged since a run with the same rules."""
    # A file's recovery depends on its own lines, the rules (code, data, corrections.yml) and
    # nothing else: one edited seed among many is parsed again alone.
    rules_key = [cache.code_fingerprint(), cache.data_fingerprint(), cache.file_fingerprint(config.corrections_file)]
    keys = [cache.digest([*rules_key, seed.seed.name, seed.seed.encoding, *seed.seed.lines, *_reader_key(seed.seed)])
            for seed in normalised]  # fmt: skip
    recovered = [cache.load(config.cache_dir, "parsed", key) for key in keys]
    missing = [i for i, found in enumerate(recovered) if found is None]
    for i, found in zip(missing, _recover_all([normalised[i] for i in missing], rules), strict=True):
        recovered[i] = found
        cache.store(config.cache_dir, "parsed", keys[i], found)
    cache.prune(config.cache_dir, "parsed", max(KEEP_PARSED_MIN, 2 * len(normalised)))
    return [r for r in recovered if r is not None]


def _reader_key(seed: SeedFile) -> list[str]:
    """What a reader-made seed adds to its recovery's key: places (in the notes' wording), furniture, hints."""
    if not (seed.places or seed.dropped or seed.hints):
        return []
    return ["\0", *seed.places, *(f"{d.place}\t{d.why}\t{d.text}" for d in seed.dropped), *map(repr, seed.hints)]


# Below this many files to parse, a second process costs more than it saves (an edit in `make serve`).
PARALLEL_MIN_FILES = 16


def _recover_all(seeds: Sequence[normalise.NormalisedSeed], rules: parse.Rules) -> list[parse.Recovered]:
    """Recover files in order; many of them, on every core (each file's recovery stands alone)."""
    workers = min(forked.cores(), len(seeds) // PARALLEL_MIN_FILES)
    if workers < 2:
        return [parse.recover_file(seed, rules) for seed in seeds]
    segment.load()  # jieba's dictionary and the gazetteer once, before the fork, for every worker
    regions.load()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(parse.recover_file, seeds, [rules] * len(seeds), chunksize=8))


def make_pages(config: BuildConfig, records: Records, stage: Stages) -> Result:
    """Render both scripts' pages from the records; with make_pdf, lay out the PDFs and link them.

    PDFs already made by `make pdf` in pdf_dir are offered as downloads; without them the pages
    carry no links."""
    handbook, cross, terms = records.handbook, records.cross, records.terms
    script, quotes, pdf_dir, cache_dir = config.script, config.quotes, config.pdf_dir, config.cache_dir
    districts = handbook.districts
    if config.make_pdf:
        offered = frozenset(["handbook", *(d.slug for d in districts)])
    else:
        offered = frozenset(find_downloads(pdf_dir, districts))
    with stage("pages"):
        # Both scripts' pages follow from the records, the templates and the options: when none
        # changed (a second run, a restart of make serve), they are read back.
        key = pages_key(records, config, offered)
        made: Made | None = cache.load(cache_dir, "pages", key)
    if made is None:
        made = render_and_convert(records, config, offered, stage)
        cache.store(cache_dir, "pages", key, made)
        cache.prune(cache_dir, "pages", KEEP_RECORDS)
    converter = convert.Converter(
        script, records.place_names, terms, cache_dir / "opencc", people=made.people, places=made.places
    )
    pages, hant, report = dict(made.pages), dict(made.hant), made.report
    # The date MkDocs stamps on the sitemap: the newest article's, so two builds of the same
    # seeds on different days publish the same bytes.
    pages[SOURCE_DATE_FILE] = hant[SOURCE_DATE_FILE] = f"{source_date_epoch(handbook)}\n"
    result = Result(
        handbook=handbook,
        cross=cross,
        files=pages,
        hant_files=hant,
        converter=converter,
        report=report,
        warnings=records.warnings,
        data_warnings=records.data_warnings,
        quotes=quotes,
        settings=config.settings,
    )
    if config.make_pdf and pdf_dir is not None:
        from .pdf import write_pdfs  # WeasyPrint is installed only by `make pdf`

        with stage("pdf"):
            write_pdfs(result, pdf_dir)
    downloads = find_downloads(pdf_dir, districts)
    if set(downloads) != offered:
        raise ValueError(f"PDFs offered {sorted(offered)} but found {sorted(downloads)} in {pdf_dir}")
    for name, (hans_pdf, hant_pdf) in downloads.items():
        pages[f"downloads/{name}.pdf"], hant[f"downloads/{name}.pdf"] = hans_pdf.read_bytes(), hant_pdf.read_bytes()
    return result


@dataclass(frozen=True, kw_only=True)
class Made:
    """Both scripts' files and the conversion review: what the pages stage keeps in the cache."""

    pages: dict[str, str | bytes]
    hant: dict[str, str | bytes]
    report: str
    people: tuple[str, ...]  # the protected names the converter was built with (rebuilt lazily on a hit)
    places: dict[str, str]


def pages_key(records: Records, config: BuildConfig, offered: frozenset[str]) -> str:
    """Hash everything the pages derive from: the records, the templates and assets, the schema, the options."""
    parts: list[str | bytes] = [records.key, config.script, config.quotes, str(config.editors), repr(config.settings)]
    parts.append(citation_address(config))  # the downloaded references name it
    parts += sorted(offered)
    parts.append(export.SCHEMA_PATH.read_bytes())
    for path in sorted(p for p in render.TEMPLATES_DIR.rglob("*") if p.is_file()):
        parts += [path.relative_to(render.TEMPLATES_DIR).as_posix(), path.read_bytes()]
    return cache.digest(parts)


def render_and_convert(records: Records, config: BuildConfig, offered: frozenset[str], stage: Stages) -> Made:
    """Render the Simplified pages, then convert them to Traditional with the conversion review."""
    with stage("render"):
        env = render.make_environment()
        pages = render.render_pages(
            records.handbook,
            records.cross,
            env,
            offered,
            editors=config.editors,
            settings=config.settings,
            newspaper_suffixes=records.vocab.newspaper_suffixes,
        )
        pages["records.json"] = export.records_json(records.handbook)
        pages["records.schema.json"] = export.SCHEMA_PATH.read_bytes()
        pages["records.csv"], pages["records-paragraphs.csv"] = export.records_csv(records.handbook)
        pages[".jieba_user.txt"] = search_dictionary(records)
        for asset in sorted(ASSETS_DIR.rglob("*")):
            if asset.is_file():
                pages[f"assets/{asset.relative_to(ASSETS_DIR).as_posix()}"] = asset.read_bytes()
    with stage("convert"):
        ui, address = render.ui_of(env), citation_address(config)
        return convert_pages(records, pages, ui, config.script, config.quotes, config.cache_dir, address=address)


def citation_address(config: BuildConfig) -> str:
    """The published address the downloaded references name: handbook.yml's, else SITE_URL's (make site SITE_URL=…)."""
    return cite.published_address(config.settings.site_url or os.environ.get("SITE_URL", ""))


def add_citations(records: Records, hans: dict, hant: dict, converter: convert.Converter, address: str, quotes: str) -> None:
    """Add every district's and the whole handbook's references (RIS, BibTeX, CSL-JSON) to both scripts' files.

    The Traditional references are converted as the pages' article text is (names protected)
    and name the Traditional build's address."""
    options = {"newspaper_suffixes": records.vocab.newspaper_suffixes, "address": address}
    hans.update(cite.downloads(cite.references(records.handbook, language="zh-Hans", **options)))
    for path, text in cite.downloads(cite.references(records.handbook, language="zh-Hant", **options)).items():
        hant[path] = convert.quotes(converter.article(text), quotes)


def convert_pages(
    records: Records,
    pages: dict[str, str | bytes],
    ui: render.UiStrings,
    script: str,
    quotes: str,
    cache_dir: Path,
    *,
    address: str = "",
) -> Made:
    """Put both scripts' wording in the pages, convert them to Traditional (names protected), write the review."""
    handbook, vocab, terms = records.handbook, records.vocab, records.terms
    plain = convert.plain_converter(script)
    table = names.load_table(terms.keep, terms.surnames, plain, script, cache_dir)
    text = "\n".join(content for content in pages.values() if isinstance(content, str))
    authors = [a for d in handbook.districts for article in d.articles for a in article.authors]
    # Two independent scans of the whole handbook: people on the other core, places on this one.
    people_aside = forked.Aside(
        lambda: names.people_in(text, authors, vocab.person_titles, terms.surnames, terms.surnames_in_text, table)
    )
    places = names.places_in(text, table)
    people = tuple(people_aside.result())
    converter = convert.Converter(
        script, records.place_names, terms, cache_dir / "opencc", people=people, places=places, plain=plain
    )
    converter.convert("")  # OpenCC built once, before the fork: the review converts everything again
    # The review converts the handbook three ways (ours, OpenCC's own, the second opinion):
    # it runs on the other core while this one converts the pages.
    review_aside = forked.Aside(lambda: review.conversion_report(handbook, converter, ui.table, terms.keep, table.ordinary))
    hant = converter.convert_pages(pages)
    hans = {path: ui.resolve(c, "zh-Hans") if isinstance(c, str) else c for path, c in pages.items()}
    hant = {path: ui.resolve(convert.quotes(c, quotes), "zh-Hant") if isinstance(c, str) else c for path, c in hant.items()}
    hans["assets/query-map.js"], hant["assets/query-map.js"] = convert.query_maps(converter, hans, hant)
    hant[".jieba_dict.txt"] = convert.jieba_dictionary(converter)
    add_citations(records, hans, hant, converter, address, quotes)
    return Made(pages=hans, hant=hant, report=review_aside.result(), people=people, places=places)


def unapplied(declared: corrections.Corrections, recovered: Sequence[parse.Recovered]) -> list[Problem]:
    """A declared correction that took effect nowhere is an error in corrections.yml."""
    applied = {n.origin for r in recovered for n in r.notes if n.kind is NoteKind.CORRECTION}
    problems = []
    for c in declared.entries:
        if c.origin not in applied:
            where, line = c.origin.rsplit(":", 1)
            problems.append(Problem(file=where, line=int(line), message=(
                f"'{c.at}': '{c.describe()}' matches nothing there (no text, block, paragraph break or headline it can apply to)"),
                fix=f"correct this entry's 'at:' line or its action, or remove the entry from {where}"))  # fmt: skip
    return problems


def settled_review(notes: Sequence[Note], declared: corrections.Corrections) -> tuple[Note, ...]:
    """Drop review items an editor has settled with a correction on their lines (confirming counts)."""
    return tuple(
        n for n in notes
        if not (n.kind is NoteKind.REVIEW and any(declared.at(n.source.file, line) for line in range(n.source.start, n.source.end + 1)))
    )  # fmt: skip


def find_downloads(pdf_dir: Path | None, districts) -> dict[str, tuple[Path, Path]]:
    """PDFs present in both scripts: 'handbook' and district slugs -> (zh-Hans file, zh-Hant file)."""
    found: dict[str, tuple[Path, Path]] = {}
    if pdf_dir is None:
        return found
    for name in ["handbook", *(d.slug for d in districts)]:
        pair = (pdf_dir / f"{name}-zh-Hans.pdf", pdf_dir / f"{name}-zh-Hant.pdf")
        if all(p.is_file() for p in pair):
            found[name] = pair
    return found


def place_names(handbook: Handbook, vocab: data.Vocabulary) -> list[str]:
    """Every province, city, district and sub-unit named in the records, with short forms."""
    names: set[str] = set()
    for district in handbook.districts:
        for article in district.articles:
            r = article.region
            full = [r.province, r.city, r.district, *r.subunits]
            names.update(full)
            names.update(regions.short_name(n, vocab) for n in full[:3])
    return sorted(names)


def search_dictionary(records: Records) -> str:
    """Write a jieba user dictionary: domain terms plus every place name in the records."""
    words = set(records.search_terms) | {g.term for g in records.glossary} | set(records.place_names)
    return "".join(f"{w} 50\n" for w in sorted(words))


def build(config: BuildConfig, stage: Stages | None = None) -> Result:
    """Generate both scripts and write them, and the conversion review, only if every stage succeeded."""
    stage = stage or Stages()
    locks.fault_pause("generate")
    result = generate(config, stage)
    with stage("write"):
        hant_docs = config.hant_docs or config.docs.parent / f"{config.docs.name}-zh-Hant"
        write.publish_docs(result.files, result.hant_files, config.docs, hant_docs)
        report = config.report or config.docs.parent / "reports" / "conversion-report.md"
        report.parent.mkdir(parents=True, exist_ok=True)
        staging = report.with_name(f".{report.name}.{os.getpid()}.tmp")
        staging.write_text(result.report, encoding="utf-8")
        staging.replace(report)
    return result


# Where the generator leaves the build date for MkDocs (a dot file: MkDocs does not publish it).
SOURCE_DATE_FILE = ".source_date_epoch"
# With no dated article, the date every build of such seeds stamps (2000-01-01).
UNDATED_EPOCH = 946684800


def source_date_epoch(handbook: Handbook) -> int:
    """The newest article date as seconds since 1970 (UTC midnight), for reproducible builds."""
    dates = [a.date for d in handbook.districts for a in d.articles if a.date]
    if not dates:
        return UNDATED_EPOCH
    newest = max(dates)
    return int(datetime.datetime.strptime(newest, "%Y-%m-%d").replace(tzinfo=datetime.UTC).timestamp())


def review_queue(result: Result) -> str:
    """The review queue as terminal text: files left out, then weak decisions, most doubtful first."""
    handbook = result.handbook
    items = sorted((n for n in handbook.notes if n.kind is NoteKind.REVIEW),
                   key=lambda n: (-n.doubt, n.source.file, n.source.start))  # fmt: skip
    lines = [f"review queue: {len(handbook.problems)} file problem(s), {len(items)} decision(s) to check"]
    if items:
        lines.append(f"[n] is how doubtful a decision is: 1 (slight) to {max(DOUBT.values())} (most doubtful)")
    lines.append("")
    lines += [f"left out  {problem}" for problem in handbook.problems]
    for note in items:
        lines.append(f"[{note.doubt}] {note.source}  {note.message}")
        if note.text:
            lines.append(f"    原文：{note.text[:60]}")
        if note.suggestion:
            lines.append("    to confirm or correct, add to corrections.yml:")
            lines += [f"      {row}" for row in note.suggestion.splitlines()]
        lines.append("")
    if handbook.declared:
        lines.append(
            f"declared rules in use: {len(handbook.declared)} (the editors' page lists them: make serve, handbook serve)"
        )
        lines += [f"  {file}  {key}  {description.split('：', 1)[0]}" for file, key, description in handbook.declared]
    return "\n".join(lines)
