"""Kinds of body blocks and editorial notes, with their Chinese labels."""

from __future__ import annotations

from enum import StrEnum


class BlockKind(StrEnum):
    """What a body block is; the value is the short form used in anchors and templates."""

    HEADING = "heading"
    PARAGRAPH = "para"
    CAPTION = "caption"
    CREDIT = "credit"

    @property
    def record_name(self) -> str:
        """Name used in records.json."""
        return "paragraph" if self is BlockKind.PARAGRAPH else self.value

    @property
    def anchor_prefix(self) -> str:
        """Letter that starts the block's anchor id (a1-p3, a1-s1, a1-f1, a1-c1)."""
        return {"heading": "s", "para": "p", "caption": "f", "credit": "c"}[self.value]


class NoteKind(StrEnum):
    """What an editorial note records; `label` titles its section on 校勘记."""

    label: str
    accounted: bool  # its quoted text counts as declared in the conservation check

    def __new__(cls, value: str, label: str, accounted: bool = False) -> NoteKind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.accounted = accounted
        return member

    PROBLEM = ("problem", "未能发表的文件")
    REVIEW = ("review", "待核：证据不足的判断")
    CORRECTION = ("correction", "编者订正", True)
    REMATCH = ("rematch", "标题与正文按内容重新匹配")
    POSITION = ("position", "按位置归属的正文")
    REGION = ("region", "地区的来源")
    DROPPED = ("dropped", "删除的重复标题")
    FRAGMENT = ("fragment", "错位片段")
    JOIN = ("join", "段内空行接续")
    WRAP = ("wrap", "窄栏断行合并")
    COLUMNS = ("columns", "双栏并排的版面")
    NAME = ("name", "署名排版空格")
    CHECK = ("check", "交叉核对")
    SIGNATURE = ("signature", "文末署名", True)
    HEADLINE = ("headline", "标题区原文", True)
    METADATA = ("metadata", "版面元数据", True)
    BOILERPLATE = ("boilerplate", "删除的网页与版面样板文字", True)
    UNPUBLISHED = ("unpublished", "未发表的原文", True)


class CiteKind(StrEnum):
    """What a reference cites; the value is GB/T 7714-2015's document type code."""

    NEWSPAPER = "N"  # a paper named by the seed (an edition note, a running head, 来源：某某日报)
    WEB = "EB/OL"  # an online text: a web page, a post, or a copy whose paper the seed does not name


class EvidenceKind(StrEnum):
    """What a file format says for sure about a line (a reader's hint to the recovery engine)."""

    TITLE = "title"  # <title>/<h1>, a Word 'Title' style, the page's largest type
    HEADING = "heading"  # <h2>…, a Word 'Heading n' style
    LEAD = "lead"  # a bold run opening a paragraph
    CAPTION = "caption"  # <figcaption>, a Word 'Caption' style, the line under a picture
    DATE = "date"  # a page's publication-time meta
    AUTHOR = "author"  # a page's author meta
    PUBLISHER = "publisher"  # a page's site-name meta, a paper's name in its running head
