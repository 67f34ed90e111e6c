"""The build, stage by stage: seeds -> normalised lines -> articles -> pages -> docs/."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import crossref, data, index, ingest, normalise, parse, render, write
from .errors import Problem, raise_if
from .records import Article, Handbook, Note

ASSETS_DIR = Path(__file__).resolve().parent.parent / "templates" / "assets"


@dataclass(frozen=True, kw_only=True)
class Result:
    """What a build produced, for callers and tests."""

    handbook: Handbook
    cross: crossref.CrossIndex
    files: dict[str, str | bytes]
    warnings: tuple[str, ...] = ()


def generate(seeds_dir: Path, shown_as: str | None = None) -> Result:
    """Run every stage up to rendering; nothing is written."""
    vocab = data.load_vocabulary()
    boilerplate = data.load_boilerplate()
    search_terms = data.load_search_terms()
    themes = data.load_themes()
    glossary = data.load_glossary()

    seeds = ingest.read_seeds(seeds_dir, shown_as)
    normalised = [normalise.normalise_seed(seed) for seed in seeds]

    parser = parse.Parser(vocab, boilerplate)
    files = [parser.split_file(n) for n in normalised]
    raise_if(parser.problems)
    pairs = [pair for f in files for pair in parser.match_bodies(f)]
    articles = [parser.build_article(head, body) for head, body in pairs]
    matched = {id(head) for head, _ in pairs}
    orphans = [h for f in files for h in f.headlines if id(h) not in matched]
    dropped = drop_duplicate_headlines(orphans, articles, parser)
    raise_if(parser.problems)

    notes = tuple(parser.notes) + dropped
    raise_if(index.check_conservation(seeds, articles, notes))
    districts = index.group_districts(articles, vocab)
    handbook = Handbook(
        districts=districts, notes=notes, seeds=seeds,
        change_counts=tuple((n.seed.name, name, change, count) for n in normalised for name, change, count in n.changes),
        declared=tuple(("build_docs/data/boilerplate.yml", b.key, f"{b.description}：{b.pattern.pattern}") for b in boilerplate),
    )
    cross, warnings = crossref.build_cross_index(districts, themes, glossary, "build_docs/data/themes.yml")
    pages = render.render_pages(handbook, cross, render.make_environment())
    pages[".jieba_user.txt"] = search_dictionary(handbook, search_terms, glossary)
    for asset in sorted(ASSETS_DIR.rglob("*")):
        if asset.is_file():
            pages[f"assets/{asset.relative_to(ASSETS_DIR).as_posix()}"] = asset.read_bytes()
    return Result(handbook=handbook, cross=cross, files=pages, warnings=tuple(warnings))


def drop_duplicate_headlines(orphans, articles: list[Article], parser: parse.Parser) -> tuple[Note, ...]:
    """Drop bodiless headlines that repeat an article; any other bodiless headline is an error."""
    notes = []
    for head in orphans:
        twin = next((a for a in articles if parse.same_article(head, a)), None)
        if twin is None:
            parser.problems.append(Problem(file=head.source.file, line=head.source.start,
                                           message=f"headline without a body: '{head.title}'"))
            continue
        notes.append(Note(kind="dropped", source=head.source,
                          message=f"标题「{head.title}」没有正文，与 {twin.headline} 的文章重复，删除不再重复发表"))
    return tuple(notes)


def search_dictionary(handbook: Handbook, terms: tuple[str, ...], glossary=()) -> str:
    """Write a jieba user dictionary: domain terms plus every place name in the records."""
    words = set(terms) | {g.term for g in glossary}
    for district in handbook.districts:
        for article in district.articles:
            region = article.region
            words.update([region.province, region.city, region.district, *region.subunits])
    return "".join(f"{w} 50\n" for w in sorted(words))


def build(seeds_dir: Path, docs_dir: Path, shown_as: str | None = None) -> Result:
    """Generate the handbook and write it to docs_dir only if every stage succeeded."""
    result = generate(seeds_dir, shown_as)
    write.write_tree(result.files, docs_dir)
    return result
