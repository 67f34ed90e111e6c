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
    return config
