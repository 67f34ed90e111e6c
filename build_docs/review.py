"""Conversion review: protected names and a second converter's opinion, for editors.

zhconv-rs (MediaWiki's conversion tables) is used only here, as a checker; nothing it
produces reaches the published pages.
"""

from __future__ import annotations

from collections import defaultdict
from importlib.metadata import version
from typing import Literal

from zhconv_rs import zhconv

from .convert import Converter
from .records import Handbook

# The second converter's variant matching each OpenCC configuration (script only).
SECOND_OPINION: dict[str, Literal["zh-hant"]] = {"s2tw": "zh-hant", "s2t": "zh-hant", "s2hk": "zh-hant"}
# Quotation-mark style is kept from the source on purpose; not a conversion question.
QUOTES: dict[str, str | int | None] = {"「": "“", "」": "”", "『": "‘", "』": "’"}
CONTEXT = 4


def conversion_report(handbook: Handbook, converter: Converter) -> str:
    """Write the review as Markdown: protected names, then every character the converters disagree on."""
    variant = SECOND_OPINION[converter.config]
    disagreements: dict[tuple[str, str, str], list[tuple[str, str, str, str]]] = defaultdict(list)
    for district in handbook.districts:
        for article in district.articles:
            for block in article.blocks:
                ours = converter.convert(block.text)
                theirs = zhconv(block.text, variant).translate(str.maketrans(QUOTES))
                if ours == theirs or len(ours) != len(theirs):
                    continue
                for i, (a, b) in enumerate(zip(ours, theirs, strict=True)):
                    if a != b:
                        lo, hi = max(0, i - CONTEXT), i + CONTEXT + 1
                        disagreements[(block.text[i], a, b)].append(
                            (str(block.source), block.text[lo:hi], ours[lo:hi], theirs[lo:hi])
                        )
    lines = [
        "# 繁体转换复核报告",
        "",
        f"OpenCC 配置：`{converter.config}`（专名词典优先）；第二意见：zhconv-rs {version('zhconv-rs')}（`{variant}`），仅用于复核。",
        "",
        f"## 受保护的专名（{len(converter.protected)}）",
        "",
        "| 简体 | 繁体 |",
        "|---|---|",
        *[f"| {s} | {t} |" for s, t in converter.protected],
        "",
        f"## 两个转换器不一致之处（{len(disagreements)} 组）",
        "",
        "每组列出简体原字、本手册的转换、第二意见，以及至多三处上下文。引号样式不计。",
        "",
        "| 原字 | 本手册 | 第二意见 | 次数 | 上下文（原文 → 本手册 / 第二意见） |",
        "|---|---|---|---|---|",
    ]
    for (src, ours, theirs), places in sorted(disagreements.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        shown = "<br>".join(f"`{where}` {a} → {b} / {c}" for where, a, b, c in places[:3])
        lines.append(f"| {src} | {ours} | {theirs} | {len(places)} | {shown} |")
    return "\n".join(lines) + "\n"
