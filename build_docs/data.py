"""Load and validate the YAML data files that hold domain knowledge."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent, ScalarEvent
from yaml.nodes import MappingNode, Node
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from .errors import Problem, fail, raise_if

DATA_DIR = Path(__file__).parent / "data"
# Inputs are hand-written lists; anything larger is a mistake or an attack, refused before parsing.
MAX_YAML_BYTES = 1_000_000
MAX_YAML_NODES = 200_000
# Deep nesting is never needed and would exhaust the composer's recursion.
MAX_YAML_DEPTH = 64
# The only tags a file may hold (YAML's core schema): no timestamps, sets, binaries or Python objects.
CORE_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map"))
# Implicit tags read as plain text instead: a date is validated where one is expected (so 2026-13-45
# is a located problem, not a traceback), and '<<' / '=' are ordinary keys, not merges or values.
PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("timestamp", "merge", "value"))
# libyaml's event parser when PyYAML was built with it (ten times faster), else the pure-Python one.
try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    LIBYAML = True
except ImportError:  # PyYAML built without libyaml

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        """The pure-Python parser, started as one class like libyaml's."""

        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

    LIBYAML = False


class _Resolver(yaml.resolver.Resolver):
    """YAML's implicit types without timestamps, merge keys and value keys."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in PLAIN_TAGS]
        for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    }


class _Composer(Composer):
    """Build the node tree, refusing aliases, anchors, complex keys, other tags and too many or too deep nodes."""

    def __init__(self) -> None:
        super().__init__()
        self.node_count = 0
        self.depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        """Compose one node after checking the event that opens it."""
        event = self.peek_event()  # type: ignore[attr-defined]  # from the parser it is mixed with
        mark = event.start_mark

        def refuse(message: str) -> NoReturn:
            raise ComposerError(None, None, message, mark)

        if isinstance(event, AliasEvent):
            refuse(f"aliases are not allowed (*{event.anchor})")
        if getattr(event, "anchor", None) is not None:
            refuse(f"anchors are not allowed (&{event.anchor})")
        # Composer asks for a mapping's key with index None, its value with the key node.
        if isinstance(parent, MappingNode) and index is None and not isinstance(event, ScalarEvent):
            refuse("a key must be a plain value, not a list or mapping")
        self.node_count += 1
        if self.node_count > MAX_YAML_NODES:
            refuse(f"more than {MAX_YAML_NODES} values")
        if self.depth >= MAX_YAML_DEPTH:
            refuse(f"nested more than {MAX_YAML_DEPTH} levels deep")
        self.depth += 1
        try:
            node = super().compose_node(parent, index)  # type: ignore[arg-type]
        finally:
            self.depth -= 1
        if node is None or node.tag not in CORE_TAGS:
            tag = node.tag if node is not None else "?"
            refuse(f"tag '{tag}' is not allowed (only strings, numbers, booleans, null, lists and mappings)")
        return node


class _Constructor(SafeConstructor):
    """Build Python values, refusing duplicate keys and turning bad scalars into located errors."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        """Construct one node; a value its tag cannot hold (`!!int x`) is an error at its line."""
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, KeyError, OverflowError) as err:
            raise ConstructorError(None, None, f"{node.value!r} is not a valid {node.tag.rsplit(':', 1)[-1]} ({err})",
                                   node.start_mark) from None  # fmt: skip

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:  # type: ignore[override]
        """Construct a mapping, refusing a key given twice."""
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in mapping:
                raise ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


class RestrictedLoader(_Composer, _Parser, _Constructor, _Resolver):  # type: ignore[misc, valid-type]
    """A safe loader for plain data: core types only, no aliases or anchors, keys unique and scalar."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


def read_yaml_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """Return a file's text, or None after recording why it is too large, unreadable or not UTF-8."""
    try:
        with path.open("rb") as f:
            data = f.read(MAX_YAML_BYTES + 1)
    except OSError as err:
        problems.append(Problem(file=shown, line=0, message=f"cannot read: {err}"))
        return None
    if len(data) > MAX_YAML_BYTES:
        problems.append(Problem(file=shown, line=1, message=f"file is larger than {MAX_YAML_BYTES} bytes"))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        problems.append(Problem(file=shown, line=line, message=f"not UTF-8 text ({err})"))
        return None


def _yaml_problem(err: yaml.YAMLError, shown: str, text: str = "") -> Problem:
    """Turn a reader, parser, composer or constructor error into a problem at its line."""
    mark = getattr(err, "problem_mark", None)
    if isinstance(err, yaml.MarkedYAMLError) and mark is not None:
        # The line goes in the Problem; PyYAML's text would repeat it with a '<unicode string>' name.
        context = err.context or ""
        if context and err.context_mark is not None and err.context_mark.line != mark.line:
            context += f" (line {err.context_mark.line + 1})"
        message, line = "; ".join(part for part in (context, err.problem, err.note) if part), mark.line + 1
    elif isinstance(err, yaml.reader.ReaderError):
        message, line = f"character #x{err.character:04x} is not allowed ({err.reason})", _line_at(text, err.position)
    else:
        message, line = str(err), 1
    return Problem(file=shown, line=line, message=f"invalid YAML: {message}")


def _line_at(text: str, position: int) -> int:
    """Return the line of a reader error's offset (libyaml counts UTF-8 bytes, PyYAML characters)."""
    if LIBYAML:
        return text.encode("utf-8")[:position].count(b"\n") + 1
    return text[:position].count("\n") + 1


def compose_yaml(path: Path, shown: str, problems: list[Problem]) -> tuple[Node | None, RestrictedLoader | None]:
    """Parse a file into a node tree and the loader to construct its parts, or record why it cannot be."""
    text = read_yaml_text(path, shown, problems)
    if text is None:
        return None, None
    try:
        loader = RestrictedLoader(text)  # PyYAML's reader checks the characters here, libyaml's while parsing
        node = loader.get_single_node()
    except yaml.YAMLError as err:
        problems.append(_yaml_problem(err, shown, text))
        return None, None
    loader.dispose()  # the parser's state; the constructor is still needed
    return node, loader


def construct_yaml(loader: RestrictedLoader, node: Node, shown: str, problems: list[Problem]) -> object:
    """Build the Python value of a composed node, or record why it cannot be and return None."""
    try:
        return loader.construct_document(node)
    except yaml.YAMLError as err:
        problems.append(_yaml_problem(err, shown))
        return None


def load_yaml(path: Path, problems: list[Problem]) -> object:
    """Read a YAML file, recording a located problem if it does not parse."""
    node, loader = compose_yaml(path, str(path), problems)
    if node is None or loader is None:
        return None
    return construct_yaml(loader, node, str(path), problems)


def _string_list(path: Path, key: str, value: object, problems: list[Problem]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        problems.append(Problem(file=str(path), line=0, message=f"key '{key}': expected a list of non-empty strings"))
        return ()
    return tuple(value)


def _check_keys(
    path: Path, where: str, entry: dict, fields: tuple[str, ...], required: tuple[str, ...], problems: list[Problem]
) -> None:
    """Record every key of a mapping that is not among fields, and every required key it lacks."""
    prefix = f"{where}: " if where else ""
    for key in sorted(set(entry) - set(fields), key=str):
        problems.append(
            Problem(file=str(path), line=0, message=f"{prefix}unknown key '{key}' (expected one of {', '.join(fields)})")
        )
    for key in required:
        if key not in entry:
            problems.append(Problem(file=str(path), line=0, message=f"{prefix}missing key '{key}'"))


def _list_under(path: Path, raw: object, key: str) -> list:
    """Return the list a file holds under its one top-level key, or fail naming the file."""
    if not isinstance(raw, dict) or set(raw) != {key} or not isinstance(raw[key], list):
        fail(Problem(file=str(path), line=0, message=f"expected exactly one key '{key}' holding a list"))
    return raw[key]


@dataclass(frozen=True, kw_only=True)
class Vocabulary:
    """Word lists used to recognise headline parts."""

    role_suffixes: tuple[str, ...]
    organisation_suffixes: tuple[str, ...]
    subunit_suffixes: tuple[str, ...]
    admin_suffixes: tuple[str, ...]
    person_titles: tuple[str, ...]
    date_labels: tuple[str, ...] = ()
    source_labels: tuple[str, ...] = ()
    author_labels: tuple[str, ...] = ()
    editor_labels: tuple[str, ...] = ()
    counter_labels: tuple[str, ...] = ()
    catalogue_labels: tuple[str, ...] = ()
    media_suffixes: tuple[str, ...] = ()
    newspaper_suffixes: tuple[str, ...] = ()
    local_channel_suffixes: tuple[str, ...] = ()


def load_vocabulary(path: Path = DATA_DIR / "vocabulary.yml") -> Vocabulary:
    """Load vocabulary.yml, rejecting unknown or missing keys."""
    problems: list[Problem] = []
    raw = load_yaml(path, problems)
    raise_if(problems)
    fields = (
        "role_suffixes",
        "organisation_suffixes",
        "subunit_suffixes",
        "admin_suffixes",
        "person_titles",
        "date_labels",
        "source_labels",
        "author_labels",
        "editor_labels",
        "counter_labels",
        "catalogue_labels",
        "media_suffixes",
        "newspaper_suffixes",
        "local_channel_suffixes",
    )
    if not isinstance(raw, dict):
        fail(Problem(file=str(path), line=0, message="expected a mapping of word lists"))
    _check_keys(path, "", raw, fields, fields, problems)
    values = {key: _string_list(path, key, raw.get(key, []), problems) for key in fields}
    raise_if(problems)
    # Longest first, so 自治州 is tried before 州.
    return Vocabulary(**{k: tuple(sorted(v, key=len, reverse=True)) for k, v in values.items()})


@dataclass(frozen=True, kw_only=True)
class Boilerplate:
    """A declared pattern for a kind of line: furniture to remove, or text of a fixed block kind."""

    key: str
    pattern: re.Pattern[str]
    description: str
    kind: str = ""  # for line_kinds.yml: the block kind the line becomes
    takes_list: bool = False  # the label of a list of links: the title-like lines under it go with it


LINE_KINDS = ("paragraph", "caption", "credit")


def load_line_kinds(path: Path = DATA_DIR / "line_kinds.yml") -> tuple[Boilerplate, ...]:
    """Load line_kinds.yml: a mapping of key -> {pattern, kind, description}."""
    return load_boilerplate(path, with_kind=True)


def load_boilerplate(path: Path = DATA_DIR / "boilerplate.yml", with_kind: bool = False) -> tuple[Boilerplate, ...]:
    """Load boilerplate.yml: a mapping of key -> {pattern, description}."""
    problems: list[Problem] = []
    raw = load_yaml(path, problems)
    raise_if(problems)
    if not isinstance(raw, dict):
        fail(Problem(file=str(path), line=0, message="expected a mapping of pattern entries"))
    entries = []
    fields = ("pattern", "kind", "description") if with_kind else ("pattern", "description", "list")
    for key, entry in raw.items():
        if not isinstance(entry, dict):
            problems.append(Problem(file=str(path), line=0, message=f"key '{key}': expected a mapping with {', '.join(fields)}"))
            continue
        _check_keys(path, f"key '{key}'", entry, fields, fields[:-1] if with_kind else ("pattern", "description"), problems)
        takes_list = entry.get("list", False)
        if not isinstance(takes_list, bool):
            problems.append(Problem(file=str(path), line=0, message=f"key '{key}': 'list' must be true or false"))
            continue
        kind = entry.get("kind", "")
        if with_kind and kind not in LINE_KINDS:
            problems.append(
                Problem(file=str(path), line=0, message=f"key '{key}': 'kind' must be one of {', '.join(LINE_KINDS)}")
            )
            continue
        pattern, description = entry.get("pattern"), entry.get("description")
        if not isinstance(pattern, str) or not pattern:
            problems.append(Problem(file=str(path), line=0, message=f"key '{key}': 'pattern' must be a non-empty string"))
            continue
        if not isinstance(description, str) or not description:
            problems.append(Problem(file=str(path), line=0, message=f"key '{key}': 'description' must be a non-empty string"))
            continue
        try:
            compiled = re.compile(pattern)
        except re.error as err:
            problems.append(Problem(file=str(path), line=0, message=f"key '{key}': invalid regular expression: {err}"))
            continue
        entries.append(Boilerplate(key=str(key), pattern=compiled, description=description, kind=kind, takes_list=takes_list))
    raise_if(problems)
    return tuple(entries)


def load_search_terms(path: Path = DATA_DIR / "search_terms.yml") -> tuple[str, ...]:
    """Load the domain terms given to the search segmenter."""
    problems: list[Problem] = []
    raw = load_yaml(path, problems)
    raise_if(problems)
    terms = _string_list(path, "terms", _list_under(path, raw, "terms"), problems)
    raise_if(problems)
    return terms


SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, kw_only=True)
class Theme:
    """A topic of the cross-index and the literal terms that signal it in a paragraph."""

    slug: str
    name: str
    description: str
    terms: tuple[str, ...]


def load_themes(path: Path = DATA_DIR / "themes.yml") -> tuple[Theme, ...]:
    """Load themes.yml, rejecting unknown keys, bad or duplicate slugs and empty term lists."""
    problems: list[Problem] = []
    raw = load_yaml(path, problems)
    raise_if(problems)
    themes: list[Theme] = []
    seen: set[str] = set()
    fields = ("slug", "name", "description", "terms")
    for n, entry in enumerate(_list_under(path, raw, "themes"), start=1):
        where = f"themes[{n}]"
        if not isinstance(entry, dict):
            problems.append(Problem(file=str(path), line=0, message=f"{where}: expected a mapping"))
            continue
        slug = entry.get("slug")
        where = f"themes[{n}] ({slug})" if slug else where
        _check_keys(path, where, entry, fields, fields, problems)
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            problems.append(
                Problem(file=str(path), line=0, message=f"{where}: 'slug' must be lower-case ASCII words joined by '-'")
            )
        elif slug in seen:
            problems.append(Problem(file=str(path), line=0, message=f"{where}: duplicate slug '{slug}'"))
        seen.add(str(slug))
        for key in ("name", "description"):
            if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
                problems.append(Problem(file=str(path), line=0, message=f"{where}: '{key}' must be a non-empty string"))
        terms = _string_list(path, f"{where}: terms", entry.get("terms", []), problems) if "terms" in entry else ()
        if "terms" in entry and not terms:
            problems.append(Problem(file=str(path), line=0, message=f"{where}: 'terms' must list at least one term"))
        if not any(p.message.startswith(where) for p in problems):
            themes.append(
                Theme(slug=str(slug), name=entry["name"].strip(), description=entry["description"].strip(), terms=terms)
            )
    raise_if(problems)
    return tuple(themes)


@dataclass(frozen=True, kw_only=True)
class GlossaryTerm:
    """A policy term with the handbook's own plain-language definition."""

    term: str
    aliases: tuple[str, ...]
    definition: str
    slug: str  # the entry's anchor on the glossary page (pinyin)

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


def load_glossary(path: Path = DATA_DIR / "glossary.yml") -> tuple[GlossaryTerm, ...]:
    """Load glossary.yml: terms with optional aliases and a definition each."""
    from .regions import pinyin_slug  # regions reads this module's Vocabulary

    problems: list[Problem] = []
    raw = load_yaml(path, problems)
    raise_if(problems)
    out: list[GlossaryTerm] = []
    seen: set[str] = set()
    for n, entry in enumerate(_list_under(path, raw, "terms"), start=1):
        if not isinstance(entry, dict):
            problems.append(Problem(file=str(path), line=0, message=f"terms[{n}]: expected a mapping"))
            continue
        where = f"terms[{n}] ({entry.get('term')})"
        _check_keys(path, where, entry, ("term", "aliases", "definition"), (), problems)
        term, definition = entry.get("term"), entry.get("definition")
        if not isinstance(term, str) or not term.strip():
            problems.append(Problem(file=str(path), line=0, message=f"{where}: 'term' must be a non-empty string"))
            continue
        if term in seen:
            problems.append(Problem(file=str(path), line=0, message=f"{where}: duplicate term"))
        seen.add(term)
        if not isinstance(definition, str) or not definition.strip():
            problems.append(Problem(file=str(path), line=0, message=f"{where}: 'definition' must be a non-empty string"))
            continue
        aliases = _string_list(path, f"{where}: aliases", entry.get("aliases", []) or [], problems)
        out.append(
            GlossaryTerm(term=term.strip(), aliases=aliases, definition=definition.strip(), slug=pinyin_slug(term.strip()))
        )
    raise_if(problems)
    return tuple(out)


# A personal name is two to four characters (surname included).
NAME_MIN, NAME_MAX = 2, 4


@dataclass(frozen=True, kw_only=True)
class Surnames:
    """Known surnames, single and compound."""

    single: frozenset[str]
    compound: frozenset[str]

    def starts_name(self, name: str) -> bool:
        """Tell whether a text of name length begins with a known surname."""
        if not NAME_MIN <= len(name) <= NAME_MAX:
            return False
        if name[:2] in self.compound:
            return True
        return name[0] in self.single and len(name) <= 3


def load_surnames(path: Path = DATA_DIR / "surnames.yml"):
    """Load surnames.yml: a string of single-character surnames and a list of compound ones."""
    problems: list[Problem] = []
    raw = load_yaml(path, problems)
    raise_if(problems)
    if not isinstance(raw, dict):
        fail(Problem(file=str(path), line=0, message="expected a mapping with 'single' and 'compound'"))
    _check_keys(path, "", raw, ("single", "compound"), ("single", "compound"), problems)
    single = raw.get("single")
    if not isinstance(single, str) or not single.strip():
        problems.append(Problem(file=str(path), line=0, message="'single': expected a string of surname characters"))
        single = ""
    compound = _string_list(path, "compound", raw.get("compound", []), problems)
    raise_if(problems)
    return Surnames(single=frozenset(re.sub(r"\s+", "", single)), compound=frozenset(compound))
