"""A handbook folder: where its inputs are and where each build writes, all inside it.

    DIR/seeds/               the seed texts (never edited)
    DIR/corrections.yml      declared corrections
    DIR/handbook.yml         title, compilers, site address, Traditional options (settings.py)
    DIR/docs, docs-zh-Hant   generated Markdown (links into DIR/.docs.generations)
    DIR/site                 the built site (Traditional under site/zh-Hant)
    DIR/pdf, DIR/reports     book PDFs, the conversion review
    DIR/.cache, DIR/.serve   derived data, the preview's builds
    DIR/.handbook            the two MkDocs configurations for this folder

Nothing else is read but the package's own templates, theme overrides, data and configurations.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .build import BuildConfig
from .paths import HOOKS_FILE, OVERRIDES_DIR, PROJECT_ROOT
from .settings import FILE_NAME as SETTINGS_FILE
from .settings import Settings, load_settings

# The package's own files: the MkDocs configurations and the theme overrides (paths.py).
PACKAGE_ROOT = PROJECT_ROOT
CONFIGS = ("mkdocs.yml", "mkdocs.zh-Hant.yml")
# The copy read from a folder (file://): pages as files, search inlined (`handbook offline`).
OFFLINE_CONFIGS = ("mkdocs.offline.yml", "mkdocs.offline.zh-Hant.yml")


@dataclass(frozen=True, kw_only=True)
class Folder:
    """The paths of one handbook folder (absolute)."""

    root: Path

    @classmethod
    def at(cls, path: str | Path) -> Folder:
        """The folder at a path given on the command line (relative to the working directory)."""
        return cls(root=Path(os.path.abspath(path)))

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def corrections(self) -> Path:
        return self.root / "corrections.yml"

    @property
    def settings_file(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def hant_docs(self) -> Path:
        return self.root / "docs-zh-Hant"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def pdf(self) -> Path:
        return self.root / "pdf"

    @property
    def cache(self) -> Path:
        return self.root / ".cache"

    @property
    def serve(self) -> Path:
        return self.root / ".serve"

    @property
    def configs(self) -> Path:
        return self.root / ".handbook"

    def settings(self) -> Settings:
        """Load the folder's handbook.yml (defaults without one); errors name handbook.yml:LINE."""
        return load_settings(self.settings_file)

    def build_config(self, settings: Settings, *, strict: bool, editors: bool = False, make_pdf: bool = False) -> BuildConfig:
        """The generator's run for this folder: every input and output inside it, seed paths shown as seeds/…"""
        return BuildConfig(
            seeds=self.seeds,
            shown_as="seeds",
            docs=self.docs,
            hant_docs=self.hant_docs,
            script=settings.script,
            quotes=settings.quotes,
            corrections=self.corrections,
            corrections_shown=self.corrections.name,
            pdf_dir=self.pdf,
            make_pdf=make_pdf,
            report=self.root / "reports" / "conversion-report.md",
            strict=strict,
            editors=editors,
            cache_dir=self.cache,
            settings=settings,
        )

    @property
    def offline(self) -> Path:
        return self.root / "offline"

    def mkdocs_configs(self, site: Path | None = None, offline: bool = False) -> tuple[Path, Path]:
        """Write the folder's two MkDocs configurations (Simplified, Traditional) and return their paths.

        Each inherits the package's own and sets every path it holds. MkDocs resolves a relative
        path of an inherited file against the inheriting file's folder (here .handbook/), and
        the search plugin resolves its dictionaries against the working directory: so every
        path is given absolute, to this folder's docs and site or the package's theme and hooks."""
        site = site or self.site
        self.configs.mkdir(parents=True, exist_ok=True)
        hooks = [str(HOOKS_FILE)]
        theme = {"custom_dir": str(OVERRIDES_DIR)}
        inherited = OFFLINE_CONFIGS if offline else CONFIGS
        hans = {
            "INHERIT": str(PACKAGE_ROOT / inherited[0]),
            "docs_dir": str(self.docs),
            "site_dir": str(site),
            "theme": theme,
            "hooks": hooks,
            "plugins": {"search": {"jieba_dict_user": str(self.docs / ".jieba_user.txt")}},
        }
        hant = {
            "INHERIT": str(PACKAGE_ROOT / inherited[1]),
            "docs_dir": str(self.hant_docs),
            "site_dir": str(site / "zh-Hant"),
            "theme": theme,
            "hooks": hooks,
            "plugins": {
                "search": {
                    "jieba_dict": str(self.hant_docs / ".jieba_dict.txt"),
                    "jieba_dict_user": str(self.hant_docs / ".jieba_user.txt"),
                }
            },
        }
        paths = []
        for name, config in zip(inherited, (hans, hant), strict=True):
            path = self.configs / name
            # JSON is YAML: every value quoted, whatever characters the folder's path holds.
            text = "# Written by `handbook` for this folder; rewritten on every build.\n" + json.dumps(config, indent=2) + "\n"
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                staging = path.with_name(f".{name}.{os.getpid()}.tmp")
                staging.write_text(text, encoding="utf-8")
                staging.replace(path)
            paths.append(path)
        return paths[0], paths[1]
