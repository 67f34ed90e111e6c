"""Conversion review for editors: every place where the converters disagree, and every name to check.

Three readings of each text are compared position by position: the handbook's (OpenCC with
the protected names), plain OpenCC, and a second converter, zhconv-rs (MediaWiki's tables,
used only here; nothing it produces reaches the pages). Every text the handbook publishes is
read: titles, kickers, subtitles, bylines, roles, signatures, headings, captions, body text,
and the interface strings (whose Traditional form is declared, not converted). A second pass
flags every name that looks protected (a place suffix after a character names keep) but
whose output does not follow the keep rule.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from typing import Literal

from zhconv_rs import zhconv

from .convert import Converter, quotes
from .names import protect
from .records import Handbook
from .text import HAN

# The second converter's variant matching each OpenCC configuration (script only).
SECOND_OPINION: dict[str, Literal["zh-hant"]] = {"s2tw": "zh-hant", "s2t": "zh-hant", "s2hk": "zh-hant"}
CONTEXT = 4
# A text that looks like a place name: two to four characters before an administrative suffix,
# none of them a function word that no name holds.
NAME_LIKE_RE = re.compile(f"(?=([{HAN}]{{2,4}})(街道|社区|镇|乡|村|区|县|市|旗))")
NOT_IN_NAMES = frozenset("的了在和与及等为是有对把被从向将个名级场次这那其各每也都就还并或而")


@dataclass(frozen=True, kw_only=True)
class Reading:
    """One published text, where it is, and what kind of text it is."""

    where: str
    field: str
    text: str


def readings(handbook: Handbook, ui_table: Mapping[str, str]) -> Iterator[Reading]:
    """Every text the handbook publishes, with its place."""
    for district in handbook.districts:
        for a in district.articles:
            where = str(a.headline)
            for field, text in (("标题", a.title), ("引题", a.kicker), ("副题", a.subtitle), ("作者", a.author),
                                ("职务", a.role), ("文末署名", a.signature), ("地区", a.region.full)):  # fmt: skip
                if text:
                    yield Reading(where=where, field=field, text=text)
            for block in a.blocks:
                kind = {"heading": "小标题", "para": "正文", "caption": "图片说明", "credit": "图片来源"}[block.kind.value]
                yield Reading(where=str(block.source), field=kind, text=block.text)
    for key in ui_table:
        yield Reading(where="build_docs/data/ui_strings.yml", field="界面文字", text=key)


def conversion_report(
    handbook: Handbook, converter: Converter, ui_table: Mapping[str, str], keep: frozenset[str], ordinary: frozenset[str]
) -> str:
    """Write the review as Markdown: counts, every disagreement with the choice and why, names to check."""
    variant = SECOND_OPINION[converter.config]
    protected = dict(converter.protected)
    rank = {s: k for k, s in enumerate(protected)}
    lengths = sorted({len(s) for s in protected})
    rows: list[str] = []
    reasons: Counter[str] = Counter()
    names: list[str] = []
    for reading in readings(handbook, ui_table):
        # Quotation marks are set by the handbook's quote style, not by conversion: compared as one.
        ours = quotes(ui_table[reading.text] if reading.field == "界面文字" else converter.convert(reading.text))
        plain = quotes(converter.plain(reading.text))
        second = quotes(zhconv(reading.text, variant))
        if reading.field == "界面文字":
            if not ours == plain == second:
                reasons["界面文字"] += 1
                rows.append(
                    f"| `{reading.where}` | {reading.field} | {reading.text} | {ours} | {plain} | {second} | | {_why(reading, ours, plain, '', protected)} |"
                )
            continue
        if len({len(ours), len(plain), len(second), len(reading.text)}) == 1 and not ours == plain == second:
            for i, (a, b, c) in enumerate(zip(ours, plain, second, strict=True)):
                if a == b == c:
                    continue
                why = _why(reading, a, b, _entry_at(reading.text, i, protected, lengths, rank), protected)
                reasons[why.split("：")[0]] += 1
                lo, hi = max(0, i - CONTEXT), i + CONTEXT + 1
                rows.append(
                    f"| `{reading.where}` | {reading.field} | {reading.text[i]} | {a} | {b} | {c} | "
                    f"{reading.text[lo:hi]} → {ours[lo:hi]} | {why} |"
                )
        names += _names_to_check(reading, ours, converter, keep, ordinary)
    lines = [
        "# 繁体转换复核报告",
        "",
        f"OpenCC 配置：`{converter.config}`（专名词典优先）；第二意见：zhconv-rs {version('zhconv-rs')}（`{variant}`），仅用于复核。",
        "",
        "## 概况",
        "",
        f"- 读过的文字：{sum(1 for _ in readings(handbook, ui_table))} 段（标题、引题、副题、作者、职务、署名、地区、小标题、图片说明、正文、界面文字）",
        f"- 三种读法不一致的位置：{len(rows)} 处" + "".join(f"；{k} {v} 处" for k, v in sorted(reasons.items())),
        f"- 受保护的专名：{len(converter.protected)} 条",
        f"- 看似专名、但不合保留规则的写法：{len(names)} 处",
        "",
        "## 三种读法不一致之处",
        "",
        "逐处列出：原字、本手册的写法、OpenCC 原样的写法、第二意见（zhconv-rs），以及所取写法和理由。引号样式另行处理，不计。",
        "",
        "| 位置 | 文字 | 原字 | 本手册 | OpenCC | zhconv-rs | 上下文 | 取舍与理由 |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"## 看似专名、但不合保留规则的写法（{len(names)}）",
        "",
        "地名后缀（镇、乡、村、街道、社区、区、县、市……）前含保留字（里、斗、范、余……）、而本手册的写法与保留规则不同的地方。"
        "多数是普通词组（余下村民、示范村）；若确是地名，可在 protected_terms.yml 的 names 中声明。",
        "",
        "| 位置 | 文字 | 本手册 | 保留规则 |",
        "|---|---|---|---|",
        *names,
        "",
        f"## 受保护的专名（{len(converter.protected)}）",
        "",
        "| 简体 | 繁体 |",
        "|---|---|",
        *[f"| {s} | {t} |" for s, t in converter.protected],
    ]
    return "\n".join(lines) + "\n"


def _entry_at(text: str, i: int, protected: Mapping[str, str], lengths: Sequence[int], rank: Mapping[str, int]) -> str:
    """The protected name covering position i of a text: the longest, then the first declared; '' if none."""
    # Looked up by the substrings around i rather than name by name: the protected list grows
    # with the districts, and scanning it per disagreement made the review quadratic.
    found = {
        text[start : start + n]
        for n in lengths
        for start in range(max(0, i - n + 1), min(i, len(text) - n) + 1)
        if text[start : start + n] in protected
    }
    return min(found, key=lambda s: (-len(s), rank[s]), default="")


def _why(reading: Reading, ours: str, plain: str, entry: str, protected: Mapping[str, str]) -> str:
    """Say which reading the handbook took at a position (entry: the protected name covering it), and why."""
    if reading.field == "界面文字":
        return "界面文字：取 ui_strings.yml 中审定的台湾用字"
    if entry and ours != plain:
        return f"受保护的专名：「{entry}」→「{protected[entry]}」"
    if ours == plain:
        return "OpenCC 的词典读法：与 OpenCC 相同，第二意见不同"
    return "其他：本手册与 OpenCC 不同，请核对"


def _names_to_check(
    reading: Reading, ours: str, converter: Converter, keep: frozenset[str], ordinary: frozenset[str]
) -> list[str]:
    """Rows for name-like runs (place suffix after a kept character) whose output breaks the keep rule.

    A run is name-like when its core holds a kept character that no ordinary word around it
    explains (示范村, 干部包村 are phrases) and no function word (的, 和, 名 …)."""
    out: list[str] = []
    if len(ours) != len(reading.text):
        return out
    seen: set[tuple[int, int]] = set()
    for m in NAME_LIKE_RE.finditer(reading.text):
        core, start = m.group(1), m.start()
        end = start + len(core) + len(m.group(2))
        # A word that reaches into the core from before it counts too (规范+农村).
        around = reading.text[max(0, start - 3) : start + len(core)]
        if (
            keep.isdisjoint(core)
            or not NOT_IN_NAMES.isdisjoint(core)
            or _covered(around, len(around) - len(core), ordinary, keep)
        ):
            continue
        if any(s <= start < e for s, e in seen):
            continue
        seen.add((start, end))
        name = reading.text[start:end]
        wanted = protect(name, converter.plain(name), keep)
        got = ours[start:end]
        if got != wanted:
            out.append(f"| `{reading.where}` | {reading.field}：{name} | {got} | {wanted} |")
    return out


def _covered(text: str, offset: int, ordinary: frozenset[str], keep: frozenset[str]) -> bool:
    """Tell whether every kept character of text[offset:] lies inside an ordinary word of text."""
    kept = [i for i in range(offset, len(text)) if text[i] in keep]
    covered = {k for w in ordinary if w in text for m in re.finditer(re.escape(w), text) for k in range(m.start(), m.end())}
    return all(i in covered for i in kept)
