"""The build, stage by stage: seeds -> normalised lines -> articles -> pages -> docs/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import convert, crossref, data, export, index, ingest, names, normalise, parse, render, review, write
from .errors import Problem, raise_if
from .progress import Stages
from .records import Handbook
from .regions import short_name

ASSETS_DIR = Path(__file__).resolve().parent.parent / "templates" / "assets"


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
    quotes: str = "corner"


WORK_DIR = Path(__file__).resolve().parent.parent / ".cache" / "opencc"


def generate(
    seeds_dir: Path,
    shown_as: str | None = None,
    script: str = "s2tw",
    work_dir: Path = WORK_DIR,
    pdf_dir: Path | None = None,
    stage: Stages | None = None,
    strict: bool = True,
    quotes: str = "corner",
) -> Result:
    """Run every stage up to conversion; nothing but OpenCC's generated config is written.

    Strict, any problem fails the build. Lenient, a seed file with a problem is left out, its
    problems lead the editorial notes, and the rest is published. PDFs already made by
    `make pdf` in pdf_dir are offered as downloads; without them the pages carry no links."""
    stage = stage or Stages()
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
        if strict or not seeds:
            raise_if(problems)
    with stage("normalise"):
        normalised = [normalise.normalise_seed(seed) for seed in seeds]

    with stage("parse"):
        recovered = parse.settle_orphans([parse.recover_file(n, rules) for n in normalised])
        problems += [p for r in recovered for p in r.problems]
        if strict:
            raise_if(problems)

    with stage("index"):
        failed = {p.file for p in problems}
        kept = [r for r in recovered if r.file not in failed]
        articles = [a for r in kept for a in r.articles]
        notes = tuple(n for r in kept for n in r.notes)
        conservation = index.check_conservation([s for s in seeds if s.name not in failed], articles, notes)
        if strict:
            raise_if(conservation)
        problems += conservation
        failed |= {p.file for p in conservation}
        if not strict and failed:
            articles = [a for r in recovered if r.file not in failed for a in r.articles]
            notes = tuple(n for r in recovered if r.file not in failed for n in r.notes)
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
    with stage("render"):
        downloads = find_downloads(pdf_dir, districts)
        env = render.make_environment()
        pages = render.render_pages(handbook, cross, env, frozenset(downloads))
        pages["records.json"] = export.records_json(handbook)
        pages["records.schema.json"] = export.SCHEMA_PATH.read_bytes()
        pages[".jieba_user.txt"] = search_dictionary(handbook, search_terms, glossary, vocab)
        for asset in sorted(ASSETS_DIR.rglob("*")):
            if asset.is_file():
                pages[f"assets/{asset.relative_to(ASSETS_DIR).as_posix()}"] = asset.read_bytes()
    with stage("convert"):
        plain = convert.plain_converter(script)
        table = names.load_table(terms.keep, terms.surnames, plain, script, work_dir.parent)
        text = "\n".join(content for content in pages.values() if isinstance(content, str))
        authors = [a for d in districts for article in d.articles for a in article.authors]
        people = names.people_in(text, authors, vocab.person_titles, terms.surnames, terms.surnames_in_text, table)
        converter = convert.Converter(
            script, place_names(handbook, vocab), terms, work_dir, people=people, places=names.places_in(text, table), plain=plain
        )
        hant = converter.convert_pages(pages)
        ui = render.ui_of(env)
        pages = {path: ui.resolve(c, "zh-Hans") if isinstance(c, str) else c for path, c in pages.items()}
        hant = {path: ui.resolve(convert.quotes(c, quotes), "zh-Hant") if isinstance(c, str) else c for path, c in hant.items()}
        for name, (hans_pdf, hant_pdf) in downloads.items():
            pages[f"downloads/{name}.pdf"], hant[f"downloads/{name}.pdf"] = hans_pdf.read_bytes(), hant_pdf.read_bytes()
        hans_map, hant_map = convert.query_maps(converter, pages, hant)
        pages["assets/query-map.js"], hant["assets/query-map.js"] = hans_map, hant_map
        hant[".jieba_dict.txt"] = convert.jieba_dictionary(converter)
        report = review.conversion_report(handbook, converter, ui.table, terms.keep, table.ordinary)
    warnings = [str(p) for p in sorted(problems, key=lambda p: (p.file, p.line))] + list(warnings)
    return Result(
        handbook=handbook,
        cross=cross,
        files=pages,
        hant_files=hant,
        converter=converter,
        report=report,
        warnings=tuple(warnings),
        quotes=quotes,
    )


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
            names.update(short_name(n, vocab) for n in full[:3])
    return sorted(names)


def search_dictionary(handbook: Handbook, terms: tuple[str, ...], glossary, vocab: data.Vocabulary) -> str:
    """Write a jieba user dictionary: domain terms plus every place name in the records."""
    words = set(terms) | {g.term for g in glossary} | set(place_names(handbook, vocab))
    return "".join(f"{w} 50\n" for w in sorted(words))


def build(
    seeds_dir: Path,
    docs_dir: Path,
    shown_as: str | None = None,
    hant_dir: Path | None = None,
    script: str = "s2tw",
    report: Path | None = None,
    pdf_dir: Path | None = None,
    stage: Stages | None = None,
    strict: bool = True,
    quotes: str = "corner",
) -> Result:
    """Generate both scripts and write them, and the conversion review, only if every stage succeeded."""
    stage = stage or Stages()
    result = generate(seeds_dir, shown_as, script, pdf_dir=pdf_dir, stage=stage, strict=strict, quotes=quotes)
    with stage("write"):
        write.write_tree(result.files, docs_dir)
        write.write_tree(result.hant_files, hant_dir or docs_dir.parent / f"{docs_dir.name}-zh-Hant")
        report = report or docs_dir.parent / "reports" / "conversion-report.md"
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(result.report, encoding="utf-8")
    return result
