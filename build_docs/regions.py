"""Parse place names with a real gazetteer (jionlp) and make ASCII slugs (pypinyin)."""

from __future__ import annotations

import contextlib
import io
import re
from collections import Counter
from functools import lru_cache

from .data import Vocabulary
from .records import Region


# jionlp (0.2 s to import, 0.5 s more for its gazetteer) and pypinyin (0.15 s) are imported on
# first use: a run whose records come from the cache needs neither.
@lru_cache(maxsize=1)
def _jionlp():
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        import jionlp
    return jionlp


@lru_cache(maxsize=4096)
def _parse(text: str) -> dict:
    jionlp = _jionlp()
    with contextlib.redirect_stdout(io.StringIO()):
        return jionlp.parse_location(text)


def load() -> None:
    """Load the gazetteer now: before forking workers that all need it."""
    _aliases()


def split_subunits(detail: str, vocab: Vocabulary) -> tuple[str, ...] | None:
    """Split '湖里街道湖里社区' into units; None if the text is not only units."""
    if not detail:
        return ()
    suffixes = "|".join(map(re.escape, vocab.subunit_suffixes))
    units = re.findall(rf".+?(?:{suffixes})", detail)
    return tuple(units) if "".join(units) == detail else None


def parse_place(text: str, vocab: Vocabulary) -> Region | None:
    """Parse a text that is wholly a place name down to district level, else None."""
    text = text.strip()
    if not text or not re.fullmatch(r"[\u4e00-\u9fff]+", text):
        return None
    found = _parse(text)
    if not (found.get("province") and found.get("county")):
        return _province_and_county(text, vocab)
    subunits = split_subunits(found.get("detail") or "", vocab)
    if subunits is None:
        return None
    return Region(
        province=found["province"], city=found.get("city") or found["province"], district=found["county"], subunits=subunits
    )


def channel_place(name: str, vocab: Vocabulary) -> Region | None:
    """Read the county a local channel is named after ('长兴发布', '湄潭县融媒体中心'), or None."""
    for suffix in vocab.local_channel_suffixes:  # longest first: 融媒体中心 before 中心
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return parse_place(name[: -len(suffix)], vocab)
    return None


def outlet_place(name: str, vocab: Vocabulary) -> Region | None:
    """Read the county a news dateline's outlet names: a local channel, or the county alone ('南漳讯')."""
    return channel_place(name, vocab) or parse_place(name, vocab)


def _province_and_county(text: str, vocab: Vocabulary) -> Region | None:
    """Read a province's short name then a county's ('天津河北': 河北区 of 天津), which the parser takes for two provinces."""
    for cut in range(2, len(text) - 1):
        head, rest = text[:cut], text[cut:]
        found = [
            (province, city, county)
            for province, city, county in _counties()
            if head in (province, short_name(province, vocab)) and rest in (county, short_name(county, vocab))
        ]
        if len(found) == 1:
            province, city, county = found[0]
            return Region(province=province, city=city or province, district=county)
    return None


def region_prefix(text: str) -> Region | None:
    """Parse the place at the start of a role such as '福建省厦门市集美区委书记'."""
    compact = re.sub(r"\s+", "", text)
    if not re.match(r"[\u4e00-\u9fff]", compact):
        return None
    found = _parse(compact[:40])
    if not (found.get("province") and found.get("county")):
        return None
    # The district must be named in the text itself, not only inferred by the gazetteer.
    short = found["county"][:-1] if len(found["county"]) > 2 else found["county"]
    if short not in compact:
        return None
    return Region(province=found["province"], city=found.get("city") or found["province"], district=found["county"])


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Map each gazetteer name to its short alias (红河哈尼族彝族自治州 -> 红河)."""
    # Read the aliases from the table the parser has already built: loading jionlp's
    # gazetteer a second time cost as much as the rest of the parse stage on small inputs.
    parser = _jionlp().parse_location
    if parser.administrative_map_list is None:
        _parse("北京市")  # the parser builds its table on first use
    aliases: dict[str, str] = {}
    for item in parser.administrative_map_list:  # [code, province, city, county, current, ...]
        (name, alias), current = item[2], item[4]
        # Prefecture aliases come one per entry, the first being the usual one; county-level
        # short forms are made from suffixes instead (short_name), so their aliases are skipped.
        # Entries that are not current hold former names.
        if current and name and isinstance(alias, str) and alias and name not in aliases:
            aliases[name] = alias
    return aliases


def short_name(name: str, vocab: Vocabulary) -> str:
    """Give the short form of a place: 翔安区 -> 翔安, 红河哈尼族彝族自治州 -> 红河."""
    alias = _aliases().get(name)
    if alias and len(alias) >= 2:
        return alias
    for suffix in vocab.admin_suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            name = name[: -len(suffix)]
            break
    # Autonomous prefectures and counties name their peoples: 红河哈尼族彝族 -> 红河.
    stripped = re.sub(r"(?:[\u4e00-\u9fff]{1,3}族)+$", "", name)
    return stripped if len(stripped) >= 2 else name


def pinyin_slug(name: str, tones: bool = False) -> str:
    """Romanise a Chinese name as one lower-case ASCII word (with tone numbers: yi2ning2)."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(name, style=Style.TONE3) if tones else lazy_pinyin(name)
    return re.sub(r"[^a-z0-9]", "", "".join(syllables).lower())


def region_slug(region: Region, vocab: Vocabulary) -> str:
    """Make the district page slug: province-city-district in pinyin."""
    parts = [region.province, region.city, region.district]
    if region.city == region.province:  # municipalities: 北京市 / 北京市 / 东城区
        parts = [region.province, region.district]
    return "-".join(pinyin_slug(short_name(p, vocab)) for p in parts)


def count_mentions(text: str, region: Region, vocab: Vocabulary) -> int:
    """Count how often a text names the district (short form, which the full form contains)."""
    return text.count(short_name(region.district, vocab))


@lru_cache(maxsize=1)
def _counties() -> tuple[tuple[str, str, str], ...]:
    """Every current county-level unit of the gazetteer: (province, city, county)."""
    _aliases()  # builds the parser's table
    return tuple(
        (item[1][0], item[2][0], item[3][0])
        for item in _jionlp().parse_location.administrative_map_list
        if item[4] and item[3][0]
    )


# A district named this often in a body is taken as its place when no headline part names one.
MIN_BODY_MENTIONS = 2


@lru_cache(maxsize=1)
def _county_re() -> re.Pattern[str]:
    """Match any county-level name, longest first: 安吉县 is found whole, never as 吉县 inside it."""
    names = sorted({county for _, _, county in _counties()}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


# How far before a county's name its prefecture or province may be written ('广东省惠州市龙门县').
QUALIFIER_REACH = 8


def _qualified(text: str, m: re.Match[str]) -> bool:
    """Tell whether a county name is written after its prefecture or province (市/州/盟/省/自治区 just before)."""
    before = text[max(0, m.start() - QUALIFIER_REACH) : m.start()]
    return bool(re.search(r"(?:市|州|盟|地区|省|自治区)$", before))


def most_named_district(text: str, vocab: Vocabulary, least: int = MIN_BODY_MENTIONS) -> tuple[Region, int] | None:
    """Find the county-level unit a text names most by its full name (翔安区, 凯里市), if clear.

    Names are counted without overlap (安吉县 holds 吉县); a name several prefectures share
    (朝阳区) is the one whose prefecture or province the text also names."""
    found = list(_county_re().finditer(text))
    # A name written with its prefecture or province before it ('广东省惠州市龙门县') is as good as
    # two bare mentions: the writer named the place in full.
    weights: Counter[str] = Counter()
    for m in found:
        weights[m.group()] += 2 if _qualified(text, m) else 1
    # Most named first; between names as often named, the one named first (the piece's subject
    # is introduced before its neighbours: '广东省惠州市龙门县永汉镇…西邻广州市增城区').
    first: dict[str, int] = {}
    for m in found:
        first.setdefault(m.group(), m.start())
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], first[kv[0]]))
    if not ranked:
        return None
    name, n = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == n and not _qualified(text, next(m for m in found if m.group() == name)):
        return None  # a tie the first mention cannot settle: only a name written in full may
    if n < least:
        return None
    places = [(province, city) for province, city, county in _counties() if county == name]
    if len(places) > 1:
        named = [(p, c) for p, c in places if (c and short_name(c, vocab) in text) or short_name(p, vocab) in text]
        if len(named) != 1:
            return None
        places = named
    province, city = places[0]
    return Region(province=province, city=city or province, district=name), n


def starts_with_place(text: str) -> bool:
    """Tell whether a text begins with the name of a province, prefecture or county (full or short)."""
    found = _parse(text[:20])
    names = [found.get(k) for k in ("province", "city", "county")]
    return any(n and (text.startswith(n) or text.startswith(n[:2])) for n in names if n)
