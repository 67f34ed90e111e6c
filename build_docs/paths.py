"""Where the project's own files are: beside build_docs/ in a checkout, inside it once installed.

A checkout (or `pip install -e`) keeps templates/, overrides/ and the two MkDocs configurations
at the top of the project; `pip install .` copies them into build_docs/_project/ (setup.py), so
an installed `handbook` command needs no checkout.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parent
# The checkout wins when it is complete: an editable install must see the files being edited.
PROJECT_ROOT = (
    _CHECKOUT if (_CHECKOUT / "templates").is_dir() and (_CHECKOUT / "mkdocs.yml").is_file() else PACKAGE_DIR / "_project"
)
TEMPLATES_DIR = PROJECT_ROOT / "templates"
OVERRIDES_DIR = PROJECT_ROOT / "overrides"
HOOKS_FILE = PACKAGE_DIR / "mkdocs_hooks.py"
