"""Command line: python -m build_docs --seeds DIR --docs DIR."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import convert
from .build import CACHE_DIR, BuildConfig, build, generate, review_queue
from .errors import BuildError
from .messages import problem_lines, warning_lines
from .progress import Stages, console_reporter
from .settings import FILE_NAME as SETTINGS_FILE
from .settings import load_settings


def shown(seeds: Path) -> str:
    """How published pages name the seeds folder: relative to here, never this machine's absolute path."""
    absolute = Path(os.path.abspath(seeds))
    try:
        return absolute.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return absolute.name or "seeds"


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the build, report every problem at once."""
    parser = argparse.ArgumentParser(
        prog="python -m build_docs", description="Build the case handbook's Markdown from seed texts."
    )
    parser.add_argument("--seeds", default="seeds", help="folder of seed texts (default: seeds)")
    parser.add_argument("--docs", default="docs", help="output folder for generated Markdown (default: docs)")
    parser.add_argument(
        "--hant-docs", default=None, help="output folder for the Traditional-script Markdown (default: <docs>-zh-Hant)"
    )
    parser.add_argument(
        "--pdf-dir",
        default="pdf",
        help="folder of book PDFs made by --make-pdf, offered as downloads when present (default: pdf)",
    )
    parser.add_argument("--make-pdf", action="store_true", help="also render the book PDFs into --pdf-dir (needs WeasyPrint)")
    parser.add_argument(
        "--script",
        default=None,
        help="OpenCC config for the Traditional build: s2tw, s2t or s2hk (default: handbook.yml's, else s2tw)",
    )
    parser.add_argument(
        "--quotes",
        choices=convert.QUOTE_STYLES,
        default=None,
        help="quotation marks of the Traditional build: corner 「」『』 (Taiwan usage) or keep “ ” ‘ ’ "
        "(default: handbook.yml's, else corner)",
    )
    parser.add_argument(
        "--settings",
        default=None,
        help="the handbook's title, compilers and options (default: handbook.yml beside the seeds folder, when present)",
    )
    parser.add_argument(
        "--corrections",
        default=None,
        help="declared editorial corrections (default: corrections.yml beside the seeds folder, when present)",
    )
    parser.add_argument(
        "--cache-dir",
        default=str(CACHE_DIR),
        help="folder of derived data kept between runs (default: .cache in the project); an empty one means a cold run",
    )
    parser.add_argument(
        "--review",
        action="store_true",
        help="print the review queue (decisions taken on weak evidence, most doubtful first) and write nothing",
    )
    parser.add_argument(
        "--editors",
        action="store_true",
        help="also publish the editors' workbench page (review queue, corrections, declared rules); make serve always shows it",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail on any problem (make site does); by default a seed file with a problem is left out "
        "and its problems lead the editorial notes",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="also print each stage's time and every note about the themes and glossary"
    )
    args = parser.parse_args(argv)
    settings_file = Path(args.settings) if args.settings else Path(args.seeds).parent / SETTINGS_FILE
    try:
        settings = load_settings(settings_file, shown=settings_file.name if not args.settings else args.settings)
    except BuildError as err:
        print("\n".join(problem_lines(err.problems)), file=sys.stderr)
        return 1
    config = BuildConfig(
        seeds=Path(args.seeds),
        shown_as=shown(Path(args.seeds)),
        docs=Path(args.docs),
        hant_docs=Path(args.hant_docs) if args.hant_docs else None,
        script=args.script or settings.script,
        quotes=args.quotes or settings.quotes,
        settings=settings,
        corrections=Path(args.corrections) if args.corrections else None,
        pdf_dir=Path(args.pdf_dir),
        make_pdf=args.make_pdf,
        strict=args.strict,
        editors=args.editors,
        cache_dir=Path(args.cache_dir),
    )
    stages = Stages(console_reporter() if args.verbose and not args.review else None)
    try:
        if args.review:
            print(review_queue(generate(config, stages)))
            return 0
        result = build(config, stages)
    except BuildError as err:
        print("\n".join(problem_lines(err.problems)), file=sys.stderr)
        print(f"build failed: {len(err.problems)} problem(s); {args.docs}/ left unchanged", file=sys.stderr)
        return 1
    for line in warning_lines(result.warnings, result.data_warnings, args.verbose):
        print(line, file=sys.stderr)
    handbook = result.handbook
    articles = sum(len(d.articles) for d in handbook.districts)
    print(
        f"{len(handbook.seeds)} seed(s) -> {articles} article(s) on {len(handbook.districts)} district page(s); "
        f"{len(handbook.notes)} editorial note(s) -> {args.docs}/"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
