"""Stage 9: build site/ from the current docs generation with MkDocs and swap it in whole.

`python -m build_docs.publish` (what `make site` runs after the generator): both scripts are
built into per-run folders while a shared lock keeps the docs generation from changing under
MkDocs, then the new site replaces site/ with one atomic exchange under the site's own lock.
A failed or killed build leaves the previous site/ whole; what a killed run left behind is
cleared by the next one.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from . import locks, write
from .build import SOURCE_DATE_FILE

# A staging folder of a run: '.site.new-<pid>' (and its '-hant' half).
STAGING_RE = re.compile(r"^\.(?P<site>.+)\.new-(?P<pid>\d+)(?:-hant)?$")


def build_site(
    site: Path,
    docs: Path,
    configs: tuple[str | Path, str | Path] = ("mkdocs.yml", "mkdocs.zh-Hant.yml"),
    *,
    site_url: str | None = None,
    quiet: bool = False,
) -> int:
    """Build both scripts into a new folder and make it site/; return the exit status.

    site_url (a folder's handbook.yml) stands for the SITE_URL environment variable; quiet keeps
    MkDocs to its warnings and errors."""
    site = Path(os.path.abspath(site))
    staging = site.with_name(f".{site.name}.new-{os.getpid()}")
    hant = staging.with_name(f"{staging.name}-hant")
    store = write.store_of(Path(os.path.abspath(docs)))
    try:
        with locks.held(store / write.LOCK, shared=True, what="writing the docs MkDocs reads"):
            env = dict(os.environ)
            stamp = docs / SOURCE_DATE_FILE
            if "SOURCE_DATE_EPOCH" not in env and stamp.is_file():
                env["SOURCE_DATE_EPOCH"] = stamp.read_text(encoding="utf-8").strip()
            env.setdefault("NO_MKDOCS_2_WARNING", "1")
            if site_url is not None:
                env["SITE_URL"], env["SITE_URL_HANT"] = site_url, ""
            if env.get("SITE_URL") and not env.get("SITE_URL_HANT"):
                env["SITE_URL_HANT"] = env["SITE_URL"].rstrip("/") + "/zh-Hant/"
            # The two scripts' builds are independent: both cores, then zh-Hant nests inside.
            runs = [
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "mkdocs",
                        "build",
                        "--strict",
                        *(["--quiet"] if quiet else []),
                        "--config-file",
                        str(config),
                        "--site-dir",
                        str(out),
                    ],  # fmt: skip
                    env=env,
                )
                for config, out in zip(configs, (staging, hant), strict=True)
            ]
            locks.fault_pause("mkdocs")  # both builds under way
            failed = [config for config, run in zip(configs, runs, strict=True) if run.wait() != 0]
        if failed:
            names = ", ".join(Path(config).name for config in failed)
            print(f"site: mkdocs build failed ({names}); previous {site.name}/ left untouched", file=sys.stderr)
            return 1
        os.rename(hant, staging / "zh-Hant")
        with locks.held(site.with_name(f".{site.name}.lock"), what=f"replacing {site.name}/"):
            locks.fault_pause("swap")
            if site.exists() or site.is_symlink():
                write.exchange(staging, site)  # staging now holds the previous site
            else:
                os.rename(staging, site)
            clear_stale(site)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(hant, ignore_errors=True)


def clear_stale(site: Path) -> None:
    """Remove staging folders of runs that no longer exist (killed before they cleaned up)."""
    for entry in site.parent.iterdir():
        m = STAGING_RE.match(entry.name)
        if m and m["site"] == site.name and (int(m["pid"]) == os.getpid() or not locks.alive(int(m["pid"]))):
            shutil.rmtree(entry, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and build the site."""
    parser = argparse.ArgumentParser(
        prog="python -m build_docs.publish", description="Build site/ from docs/ with MkDocs, swapped in whole."
    )
    parser.add_argument("--site", default="site", help="the published folder (default: site)")
    parser.add_argument("--docs", default="docs", help="the generated docs MkDocs reads (default: docs)")
    parser.add_argument("--verbose", action="store_true", help="show MkDocs' own progress lines, not only its warnings")
    args = parser.parse_args(argv)
    status = build_site(Path(args.site), Path(args.docs), quiet=not args.verbose)
    if status == 0:
        print(f"site: {args.site}/ (繁體: {args.site}/zh-Hant/)")
    return status


if __name__ == "__main__":
    sys.exit(main())
