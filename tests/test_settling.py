"""A doubtful decision names its line and the corrections.yml entry that settles it: page furniture the
patterns missed is settled by `kind: boilerplate`, never by `not_fragment: true`."""

from __future__ import annotations

from build_docs.kinds import NoteKind

from .helpers import parse_text

HEAD = "湖北宜都市：茶园里的党员先锋队\n\n宜都市的茶园里，党员带头采茶。\n\n合作社统一收购鲜叶，茶农每亩增收两千多元。\n\n"


def _suggestions(last_line: str) -> list[str]:
    recovered = parse_text(HEAD + last_line + "\n")
    return [n.suggestion for n in recovered.notes if n.kind is NoteKind.REVIEW and "止于句中" in n.message]


def test_a_closing_line_without_clause_punctuation_is_settled_as_boilerplate():
    assert _suggestions("本期稿件由村委会宣传组统一整理") == ["- at: seeds/t.txt:7\n  kind: boilerplate"]


def test_a_sentence_cut_off_is_settled_as_not_a_fragment():
    assert _suggestions("老党员常说，日子越过越好，靠的是大家一起干") == ["- at: seeds/t.txt:7\n  not_fragment: true"]
