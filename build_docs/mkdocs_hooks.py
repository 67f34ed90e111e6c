"""MkDocs hook: take the navigation the generator wrote into docs/.nav.yml."""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

NAV_FILE = ".nav.yml"


def on_config(config):
    """Set nav from the generated file so the sidebar groups districts by province."""
    path = Path(config["docs_dir"]) / NAV_FILE
    if not path.is_file():
        raise PluginError(f"{path}: missing; run `python -m build_docs` first (make site does)")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("nav"), list):
        raise PluginError(f"{path}: expected a mapping with a 'nav' list")
    config["nav"] = data["nav"]
    # Heading anchors are titled in the page's own script (not "Permanent link").
    toc = config["mdx_configs"].setdefault("toc", {})
    toc["permalink_title"] = PERMALINK_TITLES.get(config["theme"]["language"], PERMALINK_TITLES["zh-Hans"])
    return config


PERMALINK_TITLES = {"zh-Hans": "本节的链接", "zh-Hant": "本節的連結"}


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <url>
    <loc>{loc}</loc>
{links}
  </url>
</urlset>
"""


def on_post_build(config):
    """Write a one-page sitemap beside every page, listing its twin in the other script.

    Each page declares its twin with <link rel="alternate" hreflang>. Material's script
    fetches sitemap.xml relative to every such link; this file answers that fetch (instead
    of a 404 on every page) and repeats the page's hreflang alternates for crawlers.
    """
    site_dir = Path(config["site_dir"])
    alternates = config["extra"].get("alternate") or []
    own = config["site_url"] or "/"
    for page in sorted(site_dir.rglob("index.html")):
        folder = page.parent
        rel = folder.relative_to(site_dir).as_posix()
        if rel == "." or (folder / "sitemap.xml").exists() or rel.split("/")[0] == "zh-Hant":
            continue  # the build's own root sitemap; a nested build's tree is its own
        path = f"{rel}/"
        links = "\n".join(
            f'    <xhtml:link rel="alternate" hreflang="{alt["lang"]}" href="{alt["link"]}{path}"/>' for alt in alternates
        )
        (folder / "sitemap.xml").write_text(SITEMAP.format(loc=f"{own}{path}", links=links), encoding="utf-8")
