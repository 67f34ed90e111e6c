"""The built site names no address but the one it is published at: none at all unless SITE_URL is given."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_docs import publish

LOCAL = ("127.0.0.1", "localhost", "[::1]")


def _texts(site: Path):
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".xml", ".json", ".js") and not path.name.endswith(".min.js"):
            yield path, path.read_text(encoding="utf-8", errors="replace")


def test_no_built_page_names_a_local_address_or_a_canonical_link_without_site_url(site_dir):
    pages = list(_texts(site_dir))
    assert len(pages) > 40
    for path, text in pages:
        assert not any(host in text for host in LOCAL), path
        if path.suffix == ".html":
            assert 'rel="canonical"' not in text, path


def test_a_given_site_url_names_every_page_in_both_scripts(project_root, tmp_path, monkeypatch):
    if not (project_root / "docs").exists():
        pytest.skip("docs/ not generated: run make site first")
    monkeypatch.chdir(project_root)
    monkeypatch.setenv("SITE_URL", "https://example.org/handbook/")
    monkeypatch.delenv("SITE_URL_HANT", raising=False)
    site = tmp_path / "site"
    assert publish.build_site(site, Path("docs")) == 0
    home, hant = (site / "index.html").read_text(encoding="utf-8"), (site / "zh-Hant" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/handbook/">' in home
    assert '<link rel="canonical" href="https://example.org/handbook/zh-Hant/">' in hant
    assert "<loc>https://example.org/handbook/notes/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert not os.environ.get("SITE_URL_HANT")
