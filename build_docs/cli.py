"""The `handbook` command: make, build, preview, review and print a handbook folder.

    handbook new DIR      a folder with seeds/, corrections.yml, handbook.yml and a README
    handbook build DIR    DIR/site/ (Simplified; Traditional under zh-Hant/), strict
    handbook serve DIR    preview at http://127.0.0.1:8000/, rebuilt when an input changes
    handbook review DIR   the decisions taken on weak evidence, each with the entry that settles it
    handbook pdf DIR      the book PDFs into DIR/pdf/, and the site linking them

DIR defaults to the working directory. Everything a command writes stays inside DIR.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from . import publish
from .build import build, generate, review_queue
from .errors import BuildError
from .folder import CONFIGS, PACKAGE_ROOT, Folder
from .messages import problem_lines, warning_lines
from .paths import OVERRIDES_DIR, PACKAGE_DIR, TEMPLATES_DIR
from .progress import Stages, console_reporter
from .settings import FILE_NAME as SETTINGS_FILE

HANDBOOK_YML = """\
# The handbook's own settings. `handbook build` reads them; errors name handbook.yml:LINE.
title: {title}                 # the site's name, the home page's heading, the PDF cover
subtitle: ""                   # one line under the heading (and the site's description)
intro: ""                      # the home page's opening paragraph: what the handbook collects, for whom
footer: ""                     # every page's foot line (empty: the title and where the texts come from)
compilers: []                  # 编者 on the PDF cover, e.g. [张三, 李四] or [某某编辑组]
publisher: ""                  # on the PDF cover
site_url: ""                   # the published address, e.g. https://example.org/handbook/
traditional:
  script: s2tw                 # the Traditional build's OpenCC config: s2tw (Taiwan), s2t or s2hk
  quotes: corner               # corner 「」『』 (Taiwan usage) or keep “ ” ‘ ’
"""

CORRECTIONS_YML = """\
# Declared corrections: where the rules decided wrongly, say what is right here, never in the
# seed. `handbook review` prints each doubtful decision with the entry that settles it: copy it
# below (remove the [] first) and adjust it. Each entry names the raw seed line it concerns.
#
# corrections:
#   - at: seeds/x.txt:42        # the seed line the decision concerns
#     kind: heading             # heading | paragraph | caption | credit | boilerplate
#     level: 3                  # with kind: heading
#     note: 原版面此行为小标题    # optional, shown to readers on 校勘记
#   - at: seeds/x.txt:3         # a headline line
#     region: 福建省厦门市湖里区  # the article's county, when no line names it
#   - at: seeds/x.txt:60
#     join: false               # a paragraph starts at this line
#   - at: seeds/x.docx:¶12      # a Word document's, a page's or a PDF's line by its place on 校勘记 (#p7, p3)
#     lead: none
corrections: []
"""

FOLDER_README = """\
# {title}

A handbook folder for `handbook` (案例手册).

- `seeds/` – the articles as delivered (.txt, .md, saved web pages .html, Word .docx, newspaper .pdf),
  one or more articles per file; never edited.
- `corrections.yml` – the editor's declared corrections (see the example in it).
- `handbook.yml` – the title, subtitle, home-page intro, page footer, compilers, published address and the Traditional build's options.

```sh
handbook serve        # preview at http://127.0.0.1:8000/ (繁體 at /zh-Hant/), updated as you save
handbook review       # the decisions to check, each with the corrections.yml entry that settles it
handbook build        # the site into site/ (Traditional under site/zh-Hant/)
handbook pdf          # the book PDFs into pdf/ (needs the [pdf] extra)
```

Everything the commands write stays in this folder: `docs/`, `docs-zh-Hant/`, `site/`, `pdf/`,
`reports/` and the hidden `.cache/`, `.serve/`, `.handbook/` and `.docs.generations/`.
"""

FOLDER_GITIGNORE = """\
# Outputs of `handbook build`, `serve`, `pdf` and `offline`: made again from seeds/ at will.
/docs
/docs-zh-Hant
/site
/pdf
/reports
/.cache
/.serve
/.handbook
/.docs.generations
/.site.lock
/.site.new-*
/offline
/handbook-offline.zip
/.offline.lock
/.offline.new-*
"""


def main(argv: list[str] | None = None) -> int:
    """Parse the subcommand and run it on the folder."""
    parser = argparse.ArgumentParser(prog="handbook", description="Make a case handbook (案例手册) from a folder of seed texts.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument(
            "dir", nargs="?", default=".", metavar="DIR", help="the handbook folder (default: the working directory)"
        )
        return sub

    new = command("new", "make a handbook folder: seeds/, corrections.yml, handbook.yml, README.md")
    new.add_argument("--title", default="案例手册", help="the handbook's title (default: 案例手册; handbook.yml holds it)")
    for name, text in (
        ("build", "build the site into DIR/site/"),
        ("pdf", "render the book PDFs into DIR/pdf/ and build the site"),
        ("offline", "build the site and PDFs, then DIR/handbook-offline.zip: both scripts, read from a folder (file://)"),
    ):
        sub = command(name, text)
        sub.add_argument("--lenient", action="store_true", help="leave a file with a problem out instead of failing")
        sub.add_argument("--editors", action="store_true", help="also publish the editors' page (review queue, corrections)")
        sub.add_argument("--verbose", action="store_true", help="print stage times and every note about themes and glossary")
    serve_cmd = command("serve", "preview the folder, rebuilt and reloaded when a seed, corrections.yml or handbook.yml changes")
    serve_cmd.add_argument("--addr", default="127.0.0.1:8000", help="host:port (default: 127.0.0.1:8000)")
    command("review", "print the decisions taken on weak evidence, most doubtful first")
    args = parser.parse_args(argv)
    folder = Folder.at(args.dir)
    if args.command == "new":
        return make_folder(folder, args.title)
    if not folder.seeds.is_dir():
        print(f"handbook: {args.dir}: no seeds/ folder here; make one with `handbook new {args.dir}`", file=sys.stderr)
        return 2
    keep_temporary_files_inside(folder)
    try:
        if args.command == "serve":
            return serve_folder(folder, args.addr)
        if args.command == "review":
            return review_folder(folder)
        status = build_folder(
            folder, strict=not args.lenient, editors=args.editors, make_pdf=args.command in ("pdf", "offline"),
            verbose=args.verbose,
        )  # fmt: skip
        return offline_folder(folder, verbose=args.verbose) if status == 0 and args.command == "offline" else status
    except BuildError as err:
        print("\n".join(problem_lines(err.problems)), file=sys.stderr)
        print(f"handbook: {len(err.problems)} problem(s); nothing published, the previous site left as it was", file=sys.stderr)
        return 1


def keep_temporary_files_inside(folder: Folder) -> None:
    """Point this process's and its children's temporary files into the folder's cache.

    Libraries keep files of their own in the system's temporary folder (jieba its dictionary's
    cache); a folder's builds write nothing outside it."""
    temporary = folder.cache / "tmp"
    temporary.mkdir(parents=True, exist_ok=True)
    tempfile.tempdir = os.environ["TMPDIR"] = str(temporary)


def make_folder(folder: Folder, title: str) -> int:
    """Write a new handbook folder's skeleton; refuse to overwrite one."""
    existing = [p.name for p in (folder.seeds, folder.settings_file, folder.corrections) if p.exists()]
    if existing:
        print(f"handbook new: {shown(folder.root)} already holds {', '.join(existing)}; nothing written", file=sys.stderr)
        return 1
    folder.seeds.mkdir(parents=True)
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'  # a YAML string, whatever the title holds
    files = {
        folder.settings_file: HANDBOOK_YML.format(title=quoted),
        folder.corrections: CORRECTIONS_YML,
        folder.root / "README.md": FOLDER_README.format(title=title),
        folder.root / ".gitignore": FOLDER_GITIGNORE,
    }
    for path, text in files.items():
        if not path.exists():
            path.write_text(text, encoding="utf-8")
    where = shown(folder.root)
    print(f"handbook: made {where}/ with seeds/, {SETTINGS_FILE}, corrections.yml and README.md")
    print(f"next: put the articles' files (.txt, .html, .docx, .pdf) into {where}/seeds/, then run `handbook serve {where}`")
    return 0


def build_folder(folder: Folder, *, strict: bool, editors: bool, make_pdf: bool, verbose: bool) -> int:
    """Generate the folder's docs (and PDFs), then build its site; the previous site stays until the new one is whole."""
    settings = folder.settings()
    if make_pdf and settings.site_url:
        os.environ["SITE_URL"] = settings.site_url  # the book names its notes page's address, as the site does
    config = folder.build_config(settings, strict=strict, editors=editors, make_pdf=make_pdf)
    try:
        result = build(config, Stages(console_reporter() if verbose else None))
    except ModuleNotFoundError as err:
        if err.name != "weasyprint":
            raise
        print(
            "handbook pdf: WeasyPrint is missing: install the project's [pdf] extra (pip install 'path/to/the/project[pdf]')",
            file=sys.stderr,
        )
        return 1
    for line in warning_lines(result.warnings, result.data_warnings, verbose):
        print(line, file=sys.stderr)
    handbook = result.handbook
    articles = sum(len(d.articles) for d in handbook.districts)
    print(f"{len(handbook.seeds)} seed file(s) -> {articles} article(s) on {len(handbook.districts)} district page(s)")
    status = publish.build_site(folder.site, folder.docs, folder.mkdocs_configs(), site_url=settings.site_url, quiet=not verbose)
    if status == 0:
        print(
            f"site: {shown(folder.site)}/ (繁體: {shown(folder.site)}/zh-Hant/)"
            + (f"; PDFs: {shown(folder.pdf)}/" if make_pdf else "")
        )
    return status


def offline_folder(folder: Folder, *, verbose: bool) -> int:
    """Build the folder's copy for reading from a folder, and zip it into DIR/handbook-offline.zip."""
    from .offline import TOP, write_zip, zip_time

    configs = folder.mkdocs_configs(folder.offline, offline=True)
    status = publish.build_site(folder.offline, folder.docs, configs, site_url=folder.settings().site_url, quiet=not verbose)
    if status:
        return status
    out = folder.root / f"{TOP}.zip"
    count = write_zip(folder.offline, out, zip_time(folder.docs))
    print(f"offline: {shown(out)} ({count} files); unzip it anywhere and open {TOP}/index.html")
    return 0


def review_folder(folder: Folder) -> int:
    """Print the review queue of the folder as it is (a file with a problem is listed, not fatal)."""
    print(review_queue(generate(folder.build_config(folder.settings(), strict=False))))
    return 0


def serve_folder(folder: Folder, addr: str) -> int:
    """Preview the folder: its own build only, with the editors' page."""
    from . import serve  # MkDocs and the HTTP server: only this command needs them

    preview = serve.Preview(
        configure=lambda: folder.build_config(folder.settings(), strict=True, editors=True),
        configs=folder.mkdocs_configs(),
        watched=(
            folder.seeds,
            folder.corrections,
            folder.settings_file,
            PACKAGE_DIR / "data",
            TEMPLATES_DIR,
            OVERRIDES_DIR,
            *(PACKAGE_ROOT / name for name in CONFIGS),
        ),
        out=folder.serve,
        root=folder.root,
    )
    return serve.serve(preview, addr)


def shown(path: Path) -> str:
    """A path as the editor would type it: relative to the working directory when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
