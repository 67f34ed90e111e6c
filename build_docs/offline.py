"""The offline handbook: both scripts built to be read from a folder (file://), zipped whole.

`python -m build_docs.offline` (what `make offline` runs after `make pdf`) builds the current docs
generation with `mkdocs.offline.yml` and `mkdocs.offline.zh-Hant.yml`: Material's `offline`
plugin (file URLs, the search index inlined as a script), the vendored iframe-worker shim for
search in file:// (overrides/assets/vendor/), and script-switch links relative to the page.
The pages the generator writes link with directory URLs in raw HTML (theme passages, glossary
terms); `file_links`, called by the MkDocs hook, rewrites those to the page files. The result is
swapped into offline/ as publish swaps site/, then written to handbook-offline.zip.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import sys
import zipfile
from pathlib import Path

from .cite import directory_url

# A link of a raw HTML element in a generated page (seed text is escaped: '<' never stands in
# it, so only the generator's own markup matches); a bare '#anchor' needs no rewriting.
RAW_HREF_RE = re.compile(r'(<a\b[^>]*?\shref=")([^"#][^"]*)(")')
# An address with a scheme ('https:', 'mailto:') or from the root: not a link inside the handbook.
OUTSIDE_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/)")
CONFIGS = ("mkdocs.offline.yml", "mkdocs.offline.zh-Hant.yml")
TOP = "handbook-offline"  # the folder the zip unpacks to
# Zip entries' time when no SOURCE_DATE_EPOCH is known (zip cannot store dates before 1980).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def file_url(src: str) -> str:
    """The address MkDocs gives a page without directory URLs: a/b.md -> a/b.html."""
    return src.removesuffix(".md") + ".html"


def file_links(markdown: str, src: str, sources: set[str]) -> str:
    """Rewrite a page's raw HTML links from directory URLs to the page files they name."""
    here = directory_url(src)
    folder = posixpath.dirname(file_url(src)) or "."

    def one(m: re.Match[str]) -> str:
        href = m[2]
        if OUTSIDE_RE.match(href):
            return m[0]
        path, hash_, fragment = href.partition("#")
        resolved = posixpath.normpath(posixpath.join(here or ".", path))
        if path.endswith("/") or path in (".", ".."):
            stem = "" if resolved == "." else resolved
            page = f"{stem}.md" if f"{stem}.md" in sources else posixpath.join(stem, "index.md")
            target = file_url(page)
        else:
            target = resolved  # a file (a PDF, a download): where it is
        return f"{m[1]}{posixpath.relpath(target, folder)}{hash_}{fragment}{m[3]}"

    return RAW_HREF_RE.sub(one, markdown)


def zip_time(docs: Path) -> tuple[int, int, int, int, int, int]:
    """The entries' time: SOURCE_DATE_EPOCH, else the generation's own stamp, else 1980-01-01."""
    stamp = os.environ.get("SOURCE_DATE_EPOCH") or ""
    path = docs / ".source_date_epoch"
    if not stamp and path.is_file():
        stamp = path.read_text(encoding="utf-8").strip()
    if not stamp.isdigit():
        return ZIP_EPOCH
    import time

    return max(ZIP_EPOCH, tuple(time.gmtime(int(stamp))[:6]))  # type: ignore[return-value]


def write_zip(folder: Path, out: Path, when: tuple[int, int, int, int, int, int] = ZIP_EPOCH) -> int:
    """Zip a folder under TOP/ in name order with one time for every entry (the same bytes for the same site); return the count."""
    staging = out.with_name(f".{out.name}.new-{os.getpid()}")
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    try:
        with zipfile.ZipFile(staging, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in files:
                info = zipfile.ZipInfo(f"{TOP}/{path.relative_to(folder).as_posix()}", date_time=when)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
        os.replace(staging, out)
    finally:
        staging.unlink(missing_ok=True)
    return len(files)


def main(argv: list[str] | None = None) -> int:
    """Build the offline copy of both scripts into offline/ and zip it."""
    from . import publish

    parser = argparse.ArgumentParser(
        prog="python -m build_docs.offline", description="Build both scripts for reading from a folder, and zip them."
    )
    parser.add_argument("--docs", default="docs", help="the generated docs MkDocs reads (default: docs)")
    parser.add_argument("--site", default="offline", help="the folder the offline site is built into (default: offline)")
    parser.add_argument("--out", default=f"{TOP}.zip", help=f"the zip to write (default: {TOP}.zip)")
    args = parser.parse_args(argv)
    site, docs, out = Path(args.site), Path(args.docs), Path(args.out)
    status = publish.build_site(site, docs, CONFIGS, quiet=True)
    if status:
        return status
    count = write_zip(site, out, zip_time(docs))
    print(f"offline: {out} ({count} files, {out.stat().st_size / 1e6:.1f} MB); unzip it and open {TOP}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
