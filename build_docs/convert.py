"""Stage 6: convert the rendered pages to Traditional script with OpenCC, names protected.

OpenCC has no call to add words at run time, so the build writes a JSON configuration whose
first segmentation and conversion dictionaries are the project's phrase list (place names
from the records plus data/protected_terms.yml), with identity entries in the later
regional stage so it cannot undo them. Bundled dictionaries are referenced by absolute path.

Two converters share that list. The seeds' words (titles, paragraphs, names, quotations) are
converted character-wise (s2tw), so an article's 信息 stays 信息. The project's own prose
(theme names and descriptions, glossary definitions, the explanations on 校勘记) reads in
Taiwan usage: OpenCC's phrase-level configuration (s2twp) with the reviewed corrections of
data/taiwan_wording.yml, quotations inside it excepted. The interface strings are neither:
ui_strings.yml gives their Traditional wording by hand.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import opencc

from . import cache
from .data import DATA_DIR, load_yaml, raise_if
from .errors import Problem, fail
from .names import load_subcounty, place_form, protect

OPENCC_SHARE = Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc"
# Script-only configurations: they change character forms, never vocabulary.
ALLOWED_CONFIGS = ("s2tw", "s2t", "s2hk")
# Vocabulary-rewriting configurations rewrite quoted text (社区→社群, 联系→聯絡): refused.
REFUSED_CONFIGS = ("s2twp", "s2hkp")
# The project's own prose, in the regional vocabulary where OpenCC has one (Taiwan): each
# script-only configuration's phrase-level counterpart, used for that prose alone.
PROSE_CONFIGS = {"s2tw": "s2twp"}
HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# What the project's prose quotes (a slogan, a policy's name, a seed's title or words, a
# newspaper) is someone else's wording: converted character-wise, like the articles.
QUOTED_RE = re.compile(r"(“[^”\n]*”|‘[^’\n]*’|「[^」\n]*」|『[^』\n]*』|《[^》\n]*》)")
# On 校勘记 a note is `<p><code>seed:line</code> explanation</p>` and a declared rule
# `<summary><code>key</code> description</summary>`: the text after a code label is the
# project's sentence. Seed text is HTML-escaped on the pages, so it never holds these tags.
NOTE_TEXT_RE = re.compile(r"(?<=</code> )([^<\n]+)(?=</(?:p|summary)>)")


@dataclass(frozen=True, kw_only=True)
class ProtectedTerms:
    """What protected_terms.yml declares: kept name characters, surnames, names, fixed phrases."""

    name_characters: dict[str, str]  # character -> why a name keeps it
    surnames: dict[str, str]  # surname -> its Traditional form
    surnames_in_text: tuple[str, ...]  # surnames looked for in running text
    names: tuple[str, ...]
    fixed: dict[str, str]

    @property
    def keep(self) -> frozenset[str]:
        return frozenset(self.name_characters)


def load_protected(path: Path = DATA_DIR / "protected_terms.yml") -> ProtectedTerms:
    """Load protected_terms.yml, naming the file and key of every problem."""
    problems: list[Problem] = []
    raw = load_yaml(path, problems)
    raise_if(problems)
    keys = {"name_characters", "surnames", "surnames_in_text", "names", "fixed"}
    if not isinstance(raw, dict) or set(raw) != keys:
        fail(Problem(file=str(path), line=0, message=f"expected exactly the keys {', '.join(sorted(keys))}"))
    characters, surnames = raw["name_characters"] or {}, raw["surnames"] or {}
    names, fixed = raw["names"] or [], raw["fixed"] or {}
    in_text = raw["surnames_in_text"] or []
    if not isinstance(in_text, list) or not all(isinstance(s, str) and s in surnames for s in in_text):
        problems.append(
            Problem(file=str(path), line=0, message="key 'surnames_in_text': expected surnames listed under 'surnames'")
        )
    if not isinstance(characters, dict) or not all(
        isinstance(c, str) and len(c) == 1 and isinstance(r, str) and r for c, r in characters.items()
    ):
        problems.append(
            Problem(file=str(path), line=0, message="key 'name_characters': expected single characters, each with its reason")
        )
    if not isinstance(surnames, dict) or not all(
        isinstance(s, str) and isinstance(t, str) and len(s) == len(t) == 1 for s, t in surnames.items()
    ):
        problems.append(
            Problem(file=str(path), line=0, message="key 'surnames': expected single characters mapped to their Traditional form")
        )
    if not all(isinstance(n, str) and n for n in names):
        problems.append(Problem(file=str(path), line=0, message="key 'names': expected non-empty strings"))
    if not isinstance(fixed, dict) or not all(isinstance(k, str) and isinstance(v, str) and k and v for k, v in fixed.items()):
        problems.append(Problem(file=str(path), line=0, message="key 'fixed': expected a mapping of simplified: traditional"))
    raise_if(problems)
    return ProtectedTerms(
        name_characters=dict(characters),
        surnames=dict(surnames),
        surnames_in_text=tuple(in_text),
        names=tuple(names),
        fixed=dict(fixed),
    )


def load_taiwan_wording(path: Path = DATA_DIR / "taiwan_wording.yml") -> dict[str, str]:
    """Load taiwan_wording.yml: the reviewed Taiwan forms of phrases s2twp gets wrong in the project's prose."""
    problems: list[Problem] = []
    raw = load_yaml(path, problems)
    raise_if(problems)
    if not isinstance(raw, dict) or set(raw) != {"phrases"} or not isinstance(raw["phrases"], dict):
        fail(Problem(file=str(path), line=0, message="expected exactly one key 'phrases' holding a mapping"))
    for key, value in raw["phrases"].items():
        if not (isinstance(key, str) and HAN_RE.search(key) and isinstance(value, str) and HAN_RE.search(value)):
            problems.append(
                Problem(file=str(path), line=0, message=f"'{key}': expected Simplified text mapped to its Taiwan form")
            )
    raise_if(problems)
    return dict(raw["phrases"])


def project_prose(data_dir: Path = DATA_DIR) -> tuple[str, ...]:
    """Collect the project's own sentences in the data (theme names and descriptions, glossary definitions), found on the pages by value."""
    # Theme terms and glossary terms are not among them: they are the articles' words, matched
    # in the articles' text and marked there, so they convert as the articles do.
    fields = (("themes.yml", "themes", ("name", "description")), ("glossary.yml", "terms", ("definition",)))
    found: list[str] = []
    for file, key, names in fields:
        problems: list[Problem] = []
        raw = load_yaml(data_dir / file, problems)
        raise_if(problems)
        entries = raw.get(key) if isinstance(raw, dict) else None
        for entry in entries if isinstance(entries, list) else ():
            found += [entry[n].strip() for n in names if isinstance(entry, dict) and isinstance(entry.get(n), str)]
    return tuple(dict.fromkeys(t for t in found if HAN_RE.search(t)))


def plain_converter(config: str) -> opencc.OpenCC:
    """OpenCC with its own configuration (checked against the allowed ones)."""
    _check_config(config)
    return opencc.OpenCC(f"{config}.json")


def _check_config(config: str) -> None:
    if config in REFUSED_CONFIGS:
        fail(
            Problem(
                file="convert",
                line=0,
                message=(
                    f"OpenCC config '{config}' rewrites vocabulary (社区→社群, 联系→聯絡) inside quoted text; "
                    f"use one of {', '.join(ALLOWED_CONFIGS)}"
                ),
            )
        )
    if config not in ALLOWED_CONFIGS:
        fail(
            Problem(file="convert", line=0, message=f"unknown OpenCC config '{config}'; use one of {', '.join(ALLOWED_CONFIGS)}")
        )


class Converter:
    """An OpenCC converter whose phrase dictionary puts the project's names first.

    Built on first use: a run whose converted pages come from the cache never loads OpenCC."""

    def __init__(
        self,
        config: str,
        names: Iterable[str],
        terms: ProtectedTerms,
        work_dir: Path,
        people: Iterable[str] = (),
        places: Mapping[str, str] | None = None,
        plain: opencc.OpenCC | None = None,
        prose: Iterable[str] | None = None,
    ):
        _check_config(config)
        self.config = config
        self.work_dir = work_dir
        self.names, self.terms, self.people, self.places = tuple(names), terms, tuple(people), dict(places or {})
        self._given_plain = plain
        self._given_prose = None if prose is None else tuple(prose)

    @cached_property
    def prose_texts(self) -> tuple[str, ...]:
        """List the project's own sentences the pages write whole (default: those of the data files)."""
        return self._given_prose if self._given_prose is not None else project_prose()

    @cached_property
    def wording(self) -> dict[str, str]:
        """Load the reviewed Taiwan forms the project's prose takes where the phrase-level configuration is wrong."""
        return load_taiwan_wording() if self.config in PROSE_CONFIGS else {}

    @cached_property
    def _plain(self) -> opencc.OpenCC:
        return self._given_plain or plain_converter(self.config)

    @cached_property
    def protected(self) -> tuple[tuple[str, str], ...]:
        """Every protected name and the Traditional form it keeps."""
        terms, plain = self.terms, self._plain
        entries: dict[str, str] = dict(self.places)
        rule = load_subcounty()
        for name in sorted(set(self.names) | set(terms.names)):
            if HAN_RE.search(name):
                entries[name] = place_form(name, plain.convert, terms.keep, rule)
        for person in sorted(set(self.people)):
            entries[person] = protect(person, plain.convert(person), terms.keep, terms.surnames)
        entries.update(terms.fixed)
        return tuple(sorted(entries.items()))

    @cached_property
    def _opencc(self) -> opencc.OpenCC:
        return self._build(self.config, self.protected)

    @cached_property
    def _prose_opencc(self) -> opencc.OpenCC:
        config = PROSE_CONFIGS.get(self.config, self.config)
        # The names keep their protected forms in the prose too; the reviewed wording adds the
        # phrases s2twp gets wrong (on the same key, the name's form stands).
        return self._build(config, tuple(sorted({**self.wording, **dict(self.protected)}.items())))

    def _build(self, config: str, protected: tuple[tuple[str, str], ...]) -> opencc.OpenCC:
        """Build OpenCC with its own configuration and the given phrases first."""
        work_dir = self.work_dir
        work_dir.mkdir(parents=True, exist_ok=True)
        # Files of this process alone (two builds at once never read each other's half-written
        # dictionaries), removed once OpenCC has read them.
        tag = f"{config}-{os.getpid()}"
        phrases = work_dir / f"protected-{tag}.txt"
        identity = work_dir / f"protected-{tag}-identity.txt"
        path = work_dir / f"{tag}-protected.json"
        try:
            phrases.write_text("".join(f"{s}\t{t}\n" for s, t in protected), encoding="utf-8")
            identity.write_text("".join(f"{t}\t{t}\n" for _, t in protected), encoding="utf-8")
            path.write_text(json.dumps(_config(config, phrases, identity), ensure_ascii=False, indent=2), encoding="utf-8")
            return opencc.OpenCC(str(path))
        finally:
            for made in (phrases, identity, path):
                made.unlink(missing_ok=True)

    @cached_property
    def _prose_re(self) -> re.Pattern[str] | None:
        # Each sentence as the pages write it: as it is, and escaped for HTML (an attribute holds a definition).
        forms = {form for text in self.prose_texts for form in (text, html.escape(text))}
        # Longest first: a theme's description before a shorter theme name it contains.
        return re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True)))) if forms else None

    def convert(self, text: str) -> str:
        """Convert a page: the project's own prose in Taiwan usage, the rest character-wise; ASCII is left as it is."""
        if not text:
            # The build calls convert("") to have OpenCC built before it forks: both converters.
            return self.prose(text) + self.article(text)
        # Each part is cut at markup or at a whole sentence of the data, never inside a run of
        # Han text, so the articles' text converts exactly as it would in one piece.
        parts = NOTE_TEXT_RE.split(text)
        return "".join(self.prose(part) if i % 2 else self._outside_notes(part) for i, part in enumerate(parts))

    def _outside_notes(self, text: str) -> str:
        """Convert text with no note in it: the data's sentences as prose, the rest as article text."""
        if self._prose_re is None:
            return self.article(text)
        out, done = [], 0
        for match in self._prose_re.finditer(text):
            start, end = match.span()
            # A sentence of the data stands whole on a page; inside a run of Han text the same
            # characters are an article's words (an article may name 乡村振兴 too).
            if (start and HAN_RE.match(text[start - 1])) or (end < len(text) and HAN_RE.match(text[end])):
                continue
            out += [self.article(text[done:start]), self.prose(match[0])]
            done = end
        out.append(self.article(text[done:]))
        return "".join(out)

    def article(self, text: str) -> str:
        """Convert the seeds' words character-wise (s2tw), names protected."""
        return self._opencc.convert(text)

    def prose(self, text: str) -> str:
        """Convert the project's own prose in the regional vocabulary (s2twp), its quotations character-wise."""
        parts = QUOTED_RE.split(text)
        return "".join(self.article(part) if i % 2 else self._prose_opencc.convert(part) for i, part in enumerate(parts))

    def plain(self, text: str) -> str:
        """Convert with OpenCC's own configuration, for comparison."""
        return self._plain.convert(text)

    def convert_pages(self, pages: dict[str, str | bytes]) -> dict[str, str | bytes]:
        """Convert every text page, leaving verbatim seed text as it is; binary assets are copied."""
        return {
            path: (outside_verbatim(content, self.convert) if isinstance(content, str) else content)
            for path, content in pages.items()
        }


# Original seed lines, suggested corrections.yml entries and declared patterns on 校勘记 quote
# the Simplified seeds: converted, they would misquote them and an entry pasted from the
# Traditional page would match nothing.
VERBATIM_RE = re.compile(r'(<pre class="hb-raw"[^>]*>.*?</pre>)', re.S)


def outside_verbatim(text: str, change: Callable[[str], str]) -> str:
    """Apply change to the text outside verbatim blocks."""
    parts = VERBATIM_RE.split(text)
    return "".join(part if i % 2 else change(part) for i, part in enumerate(parts))


def query_maps(converter: Converter, hans_pages: dict[str, str | bytes], hant_pages: dict[str, str | bytes]) -> tuple[str, str]:
    """Write the per-character query maps: Traditional->Simplified for the Simplified build,
    Simplified->Traditional for the Traditional one, over the characters the handbook uses.
    A character found in both builds' text (里 in 湖里, 公里) is left as typed."""

    def chars(pages, verbatim: bool):
        texts = (c if verbatim else VERBATIM_RE.sub("", c) for c in pages.values() if isinstance(c, str))
        # Distinct characters first (set() runs in C), then the Han test on those few thousand.
        return {ch for ch in set().union(*map(set, texts)) if HAN_RE.match(ch)}

    # The Traditional pages quote the seeds verbatim (VERBATIM_RE): those Simplified characters
    # are not the Traditional build's own.
    hans, hant = chars(hans_pages, verbatim=True), chars(hant_pages, verbatim=False)
    to_hant = {ch: t for ch in sorted(hans - hant) if (t := converter.plain(ch)) != ch and len(t) == 1}
    to_hans = {t: ch for ch, t in to_hant.items() if t not in hans}
    header = "// Generated by build_docs: per-character query conversion for search.\n"
    hans_map, hant_map = (
        f"{header}window.HANDBOOK_QUERY_MAP = {json.dumps(m, ensure_ascii=False, sort_keys=True)};\n" for m in (to_hans, to_hant)
    )
    return hans_map, hant_map


# Converted dictionaries keyed on what determines them: the 5 MB conversion runs once per process.
_JIEBA_CACHE: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {}


def jieba_dictionary(converter: Converter) -> str:
    """Convert jieba's main dictionary to Traditional, so the Traditional index segments well."""
    import jieba

    key = (converter.config, converter.protected)
    if key not in _JIEBA_CACHE:
        source = Path(jieba.__file__).resolve().parent / "dict.txt"
        # On disk too, keyed by everything the result depends on: a new process (make site)
        # reads 5 MB instead of converting them again.
        digest = hashlib.sha256(
            json.dumps([opencc_version(), jieba.__version__, source.stat().st_size, key], ensure_ascii=False).encode()
        ).hexdigest()[:16]
        cached = converter.work_dir / f"jieba-{converter.config}-{digest}.txt"
        if (payload := cache.read_sealed(cached)) is not None:
            _JIEBA_CACHE[key] = payload.decode("utf-8")
        else:
            # The dictionary is words, not pages: converted as the articles are (their words are what it cuts).
            _JIEBA_CACHE[key] = converter.article(source.read_text(encoding="utf-8"))
            for old in converter.work_dir.glob(f"jieba-{converter.config}-*.txt"):
                old.unlink(missing_ok=True)
            cache.write_sealed(cached, _JIEBA_CACHE[key].encode("utf-8"))
    return _JIEBA_CACHE[key]


def opencc_version() -> str:
    """The installed opencc package's version (part of every conversion cache key)."""
    from importlib.metadata import version

    return version("opencc")


def _config(config: str, phrases: Path, identity: Path) -> dict:
    """Build a config from OpenCC's own, with the project's dictionaries placed first."""
    base = json.loads((OPENCC_SHARE / f"{config}.json").read_text(encoding="utf-8"))
    ours = {"type": "text", "file": str(phrases)}
    same = {"type": "text", "file": str(identity)}

    def absolute(node):
        if isinstance(node, dict):
            return {k: (str(OPENCC_SHARE / v) if k == "file" else absolute(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [absolute(v) for v in node]
        return node

    base = absolute(base)
    # The protected forms are phrases of the first stage too: a name already converted (上涌鎮)
    # stays as it is, where OpenCC would read its kept character again (湧).
    if "segmentation" in base:
        seg = base["segmentation"]["dict"]
        base["segmentation"]["dict"] = {"type": "group", "match_policy": "union", "dicts": [ours, same, seg]}
    else:
        base["segmentation"] = {
            "type": "mmseg",
            "dict": {"type": "group", "match_policy": "union", "dicts": [ours, same, base["conversion_chain"][0]["dict"]]},
        }
    chain = base["conversion_chain"]
    chain[0]["dict"] = {"type": "group", "match_policy": "short_circuit", "dicts": [ours, same, chain[0]["dict"]]}
    for stage in chain[1:]:
        stage["dict"] = {"type": "group", "match_policy": "short_circuit", "dicts": [same, stage["dict"]]}
    return base


QUOTE_STYLES = ("corner", "keep")
# Taiwan sets quotations in corner brackets, nested ones in double corner brackets, and
# alternates 「『「 by depth. The marks that open or close a level, the corner brackets a text
# already has included, so that a “ inside a seed's own 「…」 nests too; a line ends every
# level (a paragraph is one line, and one unclosed quotation must not flip the rest of a page).
QUOTE_MARK_RE = re.compile("[“”‘’「」『』\n]")
CORNER_PAIRS = (("「", "」"), ("『", "』"))
# Each opening mark's least depth and the parity its depth must have (None: any); ‘’ is the
# nested pair, so it opens at least one level down.
OPENERS = {"“": (0, None), "‘": (1, None), "「": (0, 0), "『": (1, 1)}
# Each closing mark and the opening mark it closes.
CLOSERS = {"”": "“", "’": "‘", "」": "「", "』": "『"}


def _corner(text: str) -> str:
    if not any(mark in text for mark in "“”‘’"):
        return text
    # The open levels, innermost last: (opening mark, depth); the depth's parity picks 「」 or 『』.
    stack: list[tuple[str, int]] = []

    def one(match: re.Match[str]) -> str:
        mark = match.group()
        if mark == "\n":
            stack.clear()
            return mark
        if mark in OPENERS:
            least, parity = OPENERS[mark]
            depth = max(least, stack[-1][1] + 1 if stack else 0)
            if parity is not None and depth % 2 != parity:
                depth += 1
            stack.append((mark, depth))
            return mark if parity is not None else CORNER_PAIRS[depth % 2][0]
        opener = CLOSERS[mark]
        depth = OPENERS[opener][0]  # a close without its open (or an apostrophe): the plain pair's
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == opener:
                depth = stack[i][1]
                del stack[i:]
                break
        return mark if mark in "」』" else CORNER_PAIRS[depth % 2][1]

    return QUOTE_MARK_RE.sub(one, text)


def quotes(text: str, style: str = "corner") -> str:
    """Set a Traditional text's quotation marks in the chosen style (verbatim seed text keeps its own)."""
    return outside_verbatim(text, _corner) if style == "corner" else text
