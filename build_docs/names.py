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
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from . import cache
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


@dataclass(frozen=True, kw_only=True)
class NameTable:
    """The gazetteer's protected names, and the ordinary words that begin with a kept character."""

    places: Mapping[str, str]  # full name -> protected Traditional form
    ordinary: frozenset[str]  # ordinary words containing a kept character or a declared surname


def protect(name: str, converted: str, keep: Iterable[str], surnames: Mapping[str, str] | None = None) -> str:
    """Give a name's Traditional form: OpenCC's reading, kept characters restored, the surname declared."""
    kept = frozenset(keep)
    if len(converted) != len(name):
        return converted
    out = [ch if ch in kept else t for ch, t in zip(name, converted, strict=True)]
    if surnames and name[0] in surnames:
        out[0] = surnames[name[0]]
    return "".join(out)


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
        return NameTable(places=data["places"], ordinary=frozenset(data["ordinary"]))
    table = build_table(keep, surnames, plain)
    data = {"places": dict(sorted(table.places.items())), "ordinary": sorted(table.ordinary)}
    cache.write_sealed(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return table


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
    for name, form in list(found.items()):
        short = core(name)
        # A short form is a name only where the text uses it beside the full form (某某镇 … 某某).
        if len(short) >= 2 and short not in table.ordinary and text.replace(name, "").count(short):
            found.setdefault(short, form[: len(short)])
    return found


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
