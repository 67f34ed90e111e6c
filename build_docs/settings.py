"""A handbook folder's own settings: handbook.yml, beside its seeds folder.

    title: 基层治理案例手册            # the site's name, the home page's heading, the PDF cover
    subtitle: 区县基层治理案例          # optional: the site's description, under the heading
    intro: 收录……的案例。               # optional: the home page's first paragraph (what the handbook is about)
    footer: 某某编辑组 · 2026           # optional: every page's foot line (default: the title and where the text comes from)
    compilers: [某某编辑组]             # optional: 编者 on the PDF cover
    publisher: 某某出版                # optional: on the PDF cover
    site_url: https://example.org/hb/  # optional: the published address
    traditional:
      script: s2tw                     # OpenCC config of the Traditional build: s2tw, s2t or s2hk
      quotes: corner                   # corner 「」 or keep “ ”

Read with the restricted YAML loader; every error names `handbook.yml:LINE`, all reported together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .convert import ALLOWED_CONFIGS, QUOTE_STYLES
from .data import compose_yaml
from .errors import Problem, fail, raise_if

FILE_NAME = "handbook.yml"
# A published address: http(s), a host, and no white space or characters that would need escaping in YAML or HTML.
SITE_URL_RE = re.compile(r"^https?://[^\s\"'<>]+$")


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What handbook.yml declares (a key it leaves out is empty, or the Traditional build's default)."""

    title: str = "案例手册"
    subtitle: str = ""
    intro: str = ""
    footer: str = ""
    compilers: tuple[str, ...] = ()
    publisher: str = ""
    site_url: str = ""
    script: str = "s2tw"
    quotes: str = "corner"


# A seeds folder with no handbook.yml beside it is this project's own handbook (the repository root).
DEFAULT = Settings(
    title="基层治理案例手册",
    subtitle="区县基层党建与社会治理案例，按地区整理，附校勘记。",
    intro="这里汇集报纸与网站报道的区县基层党建与社会治理案例。",
    compilers=("基层治理案例手册编辑组",),
)
# Top-level keys: their kind ('text' or 'list' of texts), and whether an empty value is refused.
FIELDS = {"title": ("text", True), "subtitle": ("text", False), "intro": ("text", False), "footer": ("text", False),
          "compilers": ("list", False),
          "publisher": ("text", False), "site_url": ("text", False), "traditional": ("map", False)}  # fmt: skip
TRADITIONAL = {"script": ALLOWED_CONFIGS, "quotes": QUOTE_STYLES}
# Longer is a mistake: the title sits in every page's header and on the cover.
MAX_TEXT = 200
# The home page's opening paragraph may say more, still as one paragraph.
MAX_LONG_TEXT = {"intro": 1000}


def load_settings(path: Path, shown: str = FILE_NAME) -> Settings:
    """Load and validate handbook.yml; a missing file gives the defaults."""
    if not path.is_file():
        return DEFAULT
    problems: list[Problem] = []
    root, _ = compose_yaml(path, shown, problems)
    raise_if(problems)
    if root is None:
        fail(Problem(file=shown, line=1, message="empty: expected the handbook's settings, at least 'title: …'"))
    if not isinstance(root, MappingNode):
        fail(_at(shown, root, "expected a mapping of settings (title: …)"))
    values: dict[str, object] = {}
    problems += _duplicates(root, shown)
    for key_node, value_node in root.value:
        key = str(key_node.value)
        if key not in FIELDS:
            problems.append(_at(shown, key_node, f"unknown key '{key}' (expected one of {', '.join(FIELDS)})"))
            continue
        kind, required = FIELDS[key]
        if kind == "text":
            text = _text(value_node, key, shown, problems, required)
            if text is not None:
                values[key] = text
        elif kind == "list":
            items = _texts(value_node, key, shown, problems)
            if items is not None:
                values[key] = items
        else:
            values.update(_traditional(value_node, shown, problems))
    if "title" not in values and not any(str(k.value) == "title" for k, _ in root.value):
        problems.append(Problem(file=shown, line=1, message="missing key 'title' (the handbook's name)"))
    url = values.get("site_url")
    if isinstance(url, str) and url and not SITE_URL_RE.match(url):
        line = next(k.start_mark.line + 1 for k, _ in root.value if k.value == "site_url")
        problems.append(Problem(file=shown, line=line, message=f"site_url '{url}' is not an http:// or https:// address"))
    raise_if(problems)
    return Settings(**values)  # type: ignore[arg-type]  # each value checked above


def _duplicates(mapping: MappingNode, shown: str) -> list[Problem]:
    """A key given twice (the loader's constructor would refuse it; settings are read from the nodes)."""
    seen: set[str] = set()
    problems = []
    for key_node, _ in mapping.value:
        if key_node.value in seen:
            problems.append(_at(shown, key_node, f"invalid YAML: duplicate key '{key_node.value}'"))
        seen.add(key_node.value)
    return problems


def _at(shown: str, node: Node, message: str) -> Problem:
    """A problem at a node's line."""
    return Problem(file=shown, line=node.start_mark.line + 1, message=message)


def _text(node: Node, key: str, shown: str, problems: list[Problem], required: bool) -> str | None:
    """A one-line text value, or None after recording why it is not one."""
    if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        problems.append(_at(shown, node, f"'{key}' is a text (put it in quotes if it looks like a number or a date)"))
        return None
    text = str(node.value).strip()
    if required and not text:
        problems.append(_at(shown, node, f"'{key}' is empty"))
    elif "\n" in text or len(text) > MAX_LONG_TEXT.get(key, MAX_TEXT):
        problems.append(_at(shown, node, f"'{key}' is one line of at most {MAX_LONG_TEXT.get(key, MAX_TEXT)} characters"))
    else:
        return text
    return None


def _texts(node: Node, key: str, shown: str, problems: list[Problem]) -> tuple[str, ...] | None:
    """A list of one-line texts (a single text is a list of one), or None after recording why not."""
    if isinstance(node, ScalarNode):
        one = _text(node, key, shown, problems, required=False)
        return None if one is None else ((one,) if one else ())
    if not isinstance(node, SequenceNode):
        problems.append(_at(shown, node, f"'{key}' is a list of names ([甲, 乙])"))
        return None
    found = [_text(item, key, shown, problems, required=True) for item in node.value]
    return None if None in found else tuple(t for t in found if t)


def _traditional(node: Node, shown: str, problems: list[Problem]) -> dict[str, str]:
    """The Traditional build's options, each one of its allowed values."""
    if not isinstance(node, MappingNode):
        problems.append(_at(shown, node, "'traditional' is a mapping (script: s2tw, quotes: corner)"))
        return {}
    found: dict[str, str] = {}
    problems += _duplicates(node, shown)
    for key_node, value_node in node.value:
        key = str(key_node.value)
        allowed = TRADITIONAL.get(key)
        if allowed is None:
            problems.append(_at(shown, key_node, f"traditional: unknown key '{key}' (expected one of {', '.join(TRADITIONAL)})"))
            continue
        value = _text(value_node, f"traditional: {key}", shown, problems, required=True)
        if value is not None and value not in allowed:
            problems.append(_at(shown, value_node, f"traditional: {key} '{value}' is not one of {', '.join(allowed)}"))
        elif value is not None:
            found[key] = value
    return found
