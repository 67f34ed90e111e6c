"""Proper names the Traditional conversion must keep: places from the gazetteer, people from the text.

OpenCC converts characters by the words it knows, and it does not know most mainland place
names or people: 只里乡 becomes 只裡鄉, 锦斗镇 錦鬥鎮, 范建国 範建國. A name is written with the
characters it is registered with, so inside a name the characters declared in
`protected_terms.yml` (`name_characters`) are kept as written, and a surname takes the form
declared for it (`surnames`); every other character takes OpenCC's reading of the whole name
(钟楼区 鐘樓區, 岳阳市 岳陽市).

The gazetteer (jionlp, about 341,000 names down to villages and communities) gives the place
names; only those OpenCC would change in a kept character are protected, and never one whose
name is an ordinary phrase (示范村 is a model village, 旅游村 a tourist village: OpenCC is right
there). The table is computed once per gazetteer, OpenCC and jieba version and cached under
`.cache/`. A build protects the names its text contains, their short forms where the text
uses them beside the full name, and the people its bylines, signatures and text name.

Names below the county level that the gazetteer lacks (三合中里社区, 上涌镇) are found in the
text by their suffix (`data/subcounty_names.yml`): the jieba words of two to four characters
right before a 镇/乡/村/社区/街道/嘎查/苏木, never an ordinary word that merely ends in one (农村,
新农村). Each word of such a name's stem takes OpenCC's reading of that word alone, so no
phrase reaches across two words of the name (OpenCC reads 三合中 as 三閤中, through 合中); kept
characters stay as written and only the suffix converts: 三合中里社區, 上涌鎮.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path

from . import cache, segment
from .data import DATA_DIR, load_yaml
from .errors import Problem, fail, raise_if
from .text import HAN

# The suffixes that end a gazetteer name, longest first; what precedes is the name's core.
# The peoples an autonomous unit names before its suffix (李冲回族乡, 三台山德昂族乡).
PEOPLES = (
    "回|满|苗|彝|壮|藏|蒙古|土家|瑶|侗|白|哈尼|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|"
    "布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|"
    "珞巴|基诺|维吾尔|哈萨克|朝鲜|布依"
)
SUFFIX_RE = re.compile(
    rf"(?:(?:(?:{PEOPLES})族)*(?:自治县|自治州|自治旗|民族乡|民族镇|乡|镇)|街道办事处|街道|社区|居委会|村委会|"
    r"居民委员会|村民委员会|嘎查|苏木|生活区|管委会|林场|农场|牧场|渔场|园区|新区|开发区|市|县|区|旗|盟|州|村)$"
)
# Characters that end a gazetteer name: where a scan for names in a text looks back from.
NAME_ENDS = frozenset("乡镇道区会村查木场市县旗盟州")
NAME_MAX = 16
# Found by the regex engine: a loop over every character in Python cost seconds on a large handbook.
NAME_END_RE = re.compile(f"[{''.join(sorted(NAME_ENDS))}]")
# An ordinary word is one jieba counts often enough and does not tag as a name (place, person,
# organisation, other proper noun): a name whose core is one is also a phrase (示范+村, 余下+村民).
NAME_TAGS = ("ns", "nr", "nt", "nz")
ORDINARY_MIN_FREQ = 30
# The generic last element of a village or town name (余家村, 范庄镇): a core that ends in one is
# a name, whatever a word list says of it.
TOPONYM_ENDS = frozenset("家庄湾坪坝岭沟寨营屯堡坡塘桥岗垭坳埠渡洼峪岔铺店集墩场寺庙")
# What introduces a person in running text, besides a title before the name.
AFTER_NAME_RE = "(?:说|表示|介绍|告诉记者|同志|认为|坦言|感慨|笑着说)"
CACHE_VERSION = "3"
# A sub-county name's stem (the name before its suffix) is two to four characters: one
# character is a word (全村, 老乡), five reach back into the sentence.
STEM_MIN, STEM_MAX = 2, 4
# What jieba reads around a suffix to find the name's words: the Han text before it (a stem and
# the word before, for context) and two characters after (村民, 村委会 are words, so that 村
# ends no name).
CONTEXT_BEFORE, CONTEXT_AFTER = 8, 2
# A name is Han text: the context ends at anything else (punctuation, a tag, a line end).
NOT_HAN_RE = re.compile(f"[^{HAN}]")
# What a higher-level name (or an ordinary word such as 城市, 小区) ends in: a stem never
# reaches back across one (湖里区|金山街道 names 金山街道).
ADMIN_ENDS = frozenset("省市县区州旗盟")


@dataclass(frozen=True, kw_only=True)
class SubcountyRule:
    """What subcounty_names.yml declares: the suffixes, the words that are not names, the stem's stops."""

    suffixes: tuple[str, ...]  # longest first
    not_names: frozenset[str]
    not_in_stems: frozenset[str]

    @property
    def suffix_re(self) -> re.Pattern[str]:
        return re.compile("|".join(map(re.escape, self.suffixes)))


def load_subcounty(path: Path = DATA_DIR / "subcounty_names.yml") -> SubcountyRule:
    """Load subcounty_names.yml, naming the file and key of every problem."""
    problems: list[Problem] = []
    raw = load_yaml(path, problems)
    raise_if(problems)
    keys = {"suffixes", "not_names", "not_in_stems"}
    if not isinstance(raw, dict) or set(raw) != keys:
        fail(Problem(file=str(path), line=0, message=f"expected exactly the keys {', '.join(sorted(keys))}"))
    lists: dict[str, list[str]] = {}
    for key in sorted(keys):
        value = raw[key]
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and re.fullmatch(f"[{HAN}]+", v) for v in value)
        ):
            problems.append(Problem(file=str(path), line=0, message=f"key '{key}': expected a list of Han words"))
            continue
        if doubled := sorted({v for v in value if value.count(v) > 1}):
            problems.append(Problem(file=str(path), line=0, message=f"key '{key}': listed twice: {', '.join(doubled)}"))
        lists[key] = value
    raise_if(problems)
    suffixes = tuple(sorted(lists["suffixes"], key=len, reverse=True))
    # A word that ends in no suffix could never be taken for a name (a typo, or a misplaced entry);
    # a bare suffix would stop every name.
    stray = [w for w in lists["not_names"] if not w.endswith(suffixes) or w in suffixes]
    if stray:
        problems.append(
            Problem(file=str(path), line=0, message=f"key 'not_names': not a word ending in a suffix: {', '.join(stray)}")
        )
    raise_if(problems)
    return SubcountyRule(
        suffixes=suffixes, not_names=frozenset(lists["not_names"]), not_in_stems=frozenset(lists["not_in_stems"])
    )


@dataclass(frozen=True, kw_only=True)
class NameTable:
    """The gazetteer's protected names, and the ordinary words that begin with a kept character."""

    places: Mapping[str, str]  # full name -> protected Traditional form
    ordinary: frozenset[str]  # ordinary words containing a kept character or a declared surname
    # Sub-county names found in the text by their suffix (None: the gazetteer's names only), the
    # kept characters, and OpenCC's own reading of a word.
    rule: SubcountyRule | None = None
    keep: frozenset[str] = frozenset()
    read: Callable[[str], str] | None = None


def protect(name: str, converted: str, keep: Iterable[str], surnames: Mapping[str, str] | None = None) -> str:
    """Give a name's Traditional form: OpenCC's reading, kept characters restored, the surname declared."""
    kept = frozenset(keep)
    if len(converted) != len(name):
        return converted
    out = [ch if ch in kept else t for ch, t in zip(name, converted, strict=True)]
    if surnames and name[0] in surnames:
        out[0] = surnames[name[0]]
    return "".join(out)


def stem_form(stem: str, read: Callable[[str], str], keep: Iterable[str]) -> str:
    """Give a name's stem in Traditional script: each jieba word read alone by OpenCC, kept characters as written."""
    return protect(stem, "".join(read(word) for word in segment.words(stem)), keep)


def place_form(name: str, read: Callable[[str], str], keep: Iterable[str], rule: SubcountyRule | None = None) -> str:
    """Give a place name's Traditional form: a sub-county name by its stem's words, any other as a whole."""
    suffix = next((s for s in rule.suffixes if name.endswith(s)), "") if rule else ""
    if suffix and len(name) - len(suffix) >= STEM_MIN:
        return stem_form(name[: -len(suffix)], read, keep) + read(suffix)
    return protect(name, read(name), keep)


def core(name: str) -> str:
    """A name without its administrative suffix (只里乡 -> 只里, 李冲回族乡 -> 李冲)."""
    return SUFFIX_RE.sub("", name)


def gazetteer_names() -> list[str]:
    """Every distinct name in jionlp's gazetteer, at every level."""
    import jionlp

    path = Path(jionlp.__file__).resolve().parent / "dictionary" / "china_location.txt"
    names: set[str] = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            name = line.strip().split("\t", 1)[0]
            if name and re.fullmatch(f"[{HAN}]+", name):
                names.add(name)
    return sorted(names)


def ordinary_words(chars: frozenset[str]) -> frozenset[str]:
    """Ordinary jieba words (content words, not names) of two or more characters that contain one of chars."""
    import jieba

    words = set()
    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, freq, tag = line.rstrip("\n").split(" ")
            if len(word) >= 2 and not tag.startswith(NAME_TAGS) and int(freq) >= ORDINARY_MIN_FREQ and not chars.isdisjoint(word):
                words.add(word)
    return frozenset(words)


def build_table(keep: Iterable[str], surnames: Mapping[str, str], plain) -> NameTable:
    """Compute the protected gazetteer names: those OpenCC changes in a kept character, minus phrases."""
    kept = frozenset(keep)
    ordinary = ordinary_words(kept | frozenset(surnames))
    names = [n for n in gazetteer_names() if not kept.isdisjoint(n)]
    converted = plain.convert("\n".join(names)).split("\n")
    places = {}
    for name, reading in zip(names, converted, strict=True):
        wanted = protect(name, reading, kept)
        if wanted != reading and not is_phrase(name, ordinary):
            places[name] = wanted
    return NameTable(places=places, ordinary=ordinary)


def is_phrase(name: str, ordinary: frozenset[str]) -> bool:
    """Tell whether a gazetteer name also reads as an ordinary phrase: its whole core is a common word."""
    short = core(name)
    return short in ordinary and short[-1] not in TOPONYM_ENDS


def table_key(keep: Iterable[str], surnames: Mapping[str, str], config: str) -> str:
    """What the cached table depends on: the data, the gazetteer, OpenCC, jieba and this code."""
    parts = [CACHE_VERSION, config, "".join(sorted(keep)), json.dumps(dict(sorted(surnames.items())), ensure_ascii=False)]
    parts += [f"{p}=={version(p)}" for p in ("jionlp", "OpenCC", "jieba")]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def load_table(keep: Iterable[str], surnames: Mapping[str, str], plain, config: str, cache_dir: Path) -> NameTable:
    """Read the protected-name table from the cache, computing and caching it when missing."""
    path = cache_dir / f"names-{config}-{table_key(keep, surnames, config)}.json"
    if (payload := cache.read_sealed(path)) is not None:
        data = json.loads(payload.decode("utf-8"))
        table = NameTable(places=data["places"], ordinary=frozenset(data["ordinary"]))
    else:
        table = build_table(keep, surnames, plain)
        data = {"places": dict(sorted(table.places.items())), "ordinary": sorted(table.ordinary)}
        cache.write_sealed(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    # The sub-county rule is read afresh (not cached): it is data an editor changes.
    return replace(table, rule=load_subcounty(), keep=frozenset(keep), read=plain.convert)


def places_in(text: str, table: NameTable) -> dict[str, str]:
    """The protected places a text names, with the short forms it uses beside them."""
    found: dict[str, str] = {}
    # The text ending at each name-ending character, as far back as a name can reach: the same
    # phrase recurs (pages quote each other), so each distinct one is looked up once, in order.
    windows = dict.fromkeys(text[max(0, m.end() - NAME_MAX) : m.end()] for m in NAME_END_RE.finditer(text))
    for window in windows:
        for length in range(2, len(window) + 1):
            name = window[-length:]
            if name in table.places:
                found[name] = table.places[name]
    # The gazetteer's form stands where it has the name; the suffix rule adds the names it lacks.
    for name, form in subcounty_names(text, table).items():
        found.setdefault(name, form)
    for name, form in list(found.items()):
        short = core(name)
        # A short form is a name only where the text uses it beside the full form (某某镇 … 某某).
        if len(short) >= 2 and short not in table.ordinary and text.replace(name, "").count(short):
            found.setdefault(short, form[: len(short)])
    return found


def subcounty_names(text: str, table: NameTable) -> dict[str, str]:
    """Find the sub-county names a text writes (三合中里社区) that OpenCC alone would get wrong, with their Traditional form."""
    rule, read = table.rule, table.read
    if rule is None or read is None:
        return {}
    found: dict[str, str] = {}
    # The same name recurs (pages quote each other): each distinct context is judged once.
    contexts = dict.fromkeys(_context(text, m) for m in rule.suffix_re.finditer(text))
    for before, suffix, after in contexts:
        stem = _stem(before, suffix, after, rule, table.ordinary)
        if stem is None or stem + suffix in found:
            continue
        name = stem + suffix
        form = stem_form(stem, read, table.keep) + read(suffix)
        # Only a name OpenCC alone would get wrong needs protecting (东风村 東風村 does not).
        if form != read(name):
            found[name] = form
    return found


def _context(text: str, suffix: re.Match[str]) -> tuple[str, str, str]:
    """Give the Han text right before a suffix (as far as CONTEXT_BEFORE), the suffix, and the Han text right after."""
    before = text[max(0, suffix.start() - CONTEXT_BEFORE) : suffix.start()]
    after = text[suffix.end() : suffix.end() + CONTEXT_AFTER]
    return NOT_HAN_RE.split(before)[-1], suffix[0], NOT_HAN_RE.split(after)[0]


def _stem(before: str, suffix: str, after: str, rule: SubcountyRule, ordinary: frozenset[str]) -> str | None:
    """Find the stem of the name a suffix ends in its context; None where it ends no name."""
    end = len(before) + len(suffix)
    words: list[str] = []
    position = 0
    for word in segment.words(before + suffix + after):
        words.append(word)
        position += len(word)
        if position >= end:
            break
    last = words.pop()
    # A word running past the suffix (村民, 村委会), or one the suffix does not end (a split 社|区).
    if position != end or not last.endswith(suffix):
        return None
    stem = last[: -len(suffix)]
    for word in reversed(words):
        if (
            len(stem) + len(word) > STEM_MAX
            or word in rule.not_in_stems
            or word[-1] in ADMIN_ENDS
            or word.endswith(rule.suffixes)  # the end of another name (殿前街道|高林社区)
            # Right before the suffix an ordinary word can be the name (上涌|镇); further back, an
            # ordinary word with a kept character is the sentence around it (只有|上涌镇).
            or (stem and word in ordinary)
        ):
            break
        stem = word + stem
    name = stem + suffix
    # A name that ends in a word of the stop list is one of its kind (新农村, 特色旅游村), no name.
    if not STEM_MIN <= len(stem) <= STEM_MAX or any(name[i:] in rule.not_names for i in range(len(stem))):
        return None
    return stem


def people_in(
    text: str,
    authors: Iterable[str],
    titles: Iterable[str],
    surnames: Mapping[str, str],
    in_text: Iterable[str],
    table: NameTable,
) -> set[str]:
    """People whose names start with a declared surname: the authors, and those the text introduces.

    In running text a name is found after a title (村民余兴达, 书记游丽华) or before a verb of
    saying (余兴达说). A three-character name is taken where the text names the person twice
    or in both ways; a two-character one only right before a verb of saying. A candidate that
    begins with an ordinary word (游客说, 范围内) is not a name."""
    names = {a for a in authors if a[:1] in surnames and 2 <= len(a) <= 4}
    starts = "".join(sorted(in_text))
    if not starts:
        return names
    title_re = "|".join(map(re.escape, sorted(titles, key=len, reverse=True)))
    introduced = re.findall(f"(?:{title_re})([{starts}][{HAN}]{{2}})", text)
    saying = re.findall(f"(?<![{HAN}])([{starts}][{HAN}]{{1,2}}){AFTER_NAME_RE}", text)
    saying += re.findall(f"(?:{title_re})([{starts}][{HAN}]{{1,2}}){AFTER_NAME_RE}", text)
    for name in {*introduced, *saying}:
        if _ordinary(name, table.ordinary):
            continue
        if len(name) == 3 and (text.count(name) >= 2 or (name in introduced and name in saying)):
            names.add(name)
        elif len(name) == 2 and name in saying:
            names.add(name)
    return names


def _ordinary(name: str, ordinary: frozenset[str]) -> bool:
    """Tell whether a candidate name begins with, or is, an ordinary word (游客, 范围, 余额)."""
    return any(name[:k] in ordinary for k in range(2, len(name) + 1))
