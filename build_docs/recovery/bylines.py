"""Bylines and closing signatures: who wrote an article, in what role.

A byline is printed as a role then names ('本报记者  武少民  李家鼎'), names alone
('何昭宇  李  舒'), or an organisation ('中共厦门市湖里区委员会组织部'), with or without a
'■' mark. Two-character names are padded to the width of three-character ones
('王  丹'), so the white space inside a byline does not say where one name ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data import NAME_MAX, Surnames, Vocabulary
from ..segment import is_word
from ..text import HAN

# Marks a page sets before a byline.
BYLINE_MARKS = "■□●◆"
# A label some pages print before the byline: '作者：', '文/', '文｜', '撰文：'.
BYLINE_LABEL_RE = re.compile(r"^(?:作者|撰文|文|记者)\s*[：:/｜|]\s*")
# A role followed by a colon before the names ('本报记者：朱磊').
ROLE_COLON_RE = re.compile(rf"^(?P<role>[{HAN}]{{2,12}})\s*[：:]\s*")
# One white-space separated token of Han characters (a name or a piece of a padded name).
HAN_TOKEN_RE = re.compile(f"^[{HAN}]+$")
# A closing signature: '（作者为中共某某市某某区委书记）', '（作者系…）', '（作者单位：…）'.
SIGNATURE_RE = re.compile(r"^[（(]\s*(?:本文)?作者(?:为|系|是|单位[：:]|[：:])(?P<body>[^（）()]+)[）)]$")
# A news story's closing credit in brackets: '（记者 朱磊）', '（本报记者 张三 通讯员 李四）'; a
# photographer's '（本报记者 李四 摄）' is a picture credit, not this.
CLOSING_CREDIT_RE = re.compile(
    r"^(?!.*(?:摄|摄影|绘|供图|制图)\s*[）)]$)[（(]\s*(?P<body>(?:本报|新华社|本台)?(?:特约|见习)?(?:记者|通讯员)\s*[^（）()，。]{2,30})[）)]$"
)
# A department's closing credit for a piece it sent in: '（长兴县委政法委供稿）', '（供稿：县司法局）'.
SUPPLIED_CREDIT_RE = re.compile(
    r"^[（(]\s*(?:(?P<by>[^（）()，。：:\s]{3,30}?)\s*供稿|供稿(?:单位)?\s*[：:]\s*(?P<of>[^（）()，。\s]{3,30}))\s*[）)]$"
)
# Inside a signature, what follows the role: a note on who took the piece down.
SIGNATURE_SPLIT_RE = re.compile(r"[，,；;]")
# Punctuation a role never holds (roles list titles with '、' only).
ROLE_STOP_RE = re.compile(r"[，。；：！？,;:!?“”]")


@dataclass(frozen=True, kw_only=True)
class Byline:
    """What a byline line says: the role printed before the names, and the names."""

    role: str
    authors: tuple[str, ...]
    padded: bool  # a name was printed with spaces inside it
    known: bool = True  # False for a marked line read whole as the author (a shape no rule knows)


@dataclass(frozen=True, kw_only=True)
class Signature:
    """A closing '（作者为…）' line: the role it gives, and the line as printed."""

    role: str
    text: str
    names: str = ""  # a closing reporter credit's byline ('记者 朱磊'), read as the byline when there is none


def parse_byline(text: str, vocab: Vocabulary, surnames: Surnames) -> Byline | None:
    """Parse a byline line, or return None when the line is not one."""
    marked = text[:1] in BYLINE_MARKS
    body = text[1:].strip() if marked else text.strip()
    labelled = bool(BYLINE_LABEL_RE.search(body))
    body = BYLINE_LABEL_RE.sub("", body)
    if (colon := ROLE_COLON_RE.match(body)) and colon["role"].endswith(vocab.role_suffixes):
        body = f"{colon['role']} {body[colon.end() :]}"  # '本报记者：朱磊' is '本报记者 朱磊'
        labelled = True
    if not body:
        return None
    found = _role_and_names(body.split(), vocab, surnames)
    if found and not (found.role or marked or labelled or " " in body or "\u3000" in body) and is_word(body):
        return None  # an unmarked line that is one dictionary word ('支撑点') is no name
    if found:
        return found
    if (
        re.fullmatch(f"[{HAN}]{{4,30}}", body)
        and body.endswith(vocab.organisation_suffixes)
        and not CLAUSE_WORD_RE.search(body)
        and _names_a_body(body)
    ):
        return Byline(role="", authors=(body,), padded=False)
    if marked:
        return Byline(role="", authors=(body,), padded=False, known=False)
    return None


# Words of a clause, never of an organisation's name: '渭源县在种薯繁育基地成立联合党委' is a sentence.
# An official body's name holds no '的' or '是' either ('…社区位于特区发祥地的中心' is a sentence).
CLAUSE_WORD_RE = re.compile(r"[在把将对了着被向从让使的是]|位于|成立|建立|组建|推动|开展|实施")
# An organisation that signs an article names itself from the top: the Party, or a place.
ORGANISATION_START_RE = re.compile(r"^(?:中共|中国|共青团|全国|国家)")


def _names_a_body(text: str) -> bool:
    """Tell whether a text begins like an organisation's name: 中共…, or a place (厦门市…)."""
    if ORGANISATION_START_RE.match(text):
        return True
    from ..regions import starts_with_place  # the gazetteer, only for an organisation candidate

    return starts_with_place(text)


def _role_and_names(tokens: list[str], vocab: Vocabulary, surnames: Surnames) -> Byline | None:
    """Read tokens as role(s) each followed by names, or as names alone."""
    roles: list[str] = []
    groups: list[list[str]] = []  # the name pieces after each role (or all of them, with no role)
    current: list[str] = []
    for token in tokens:
        role, glued_name = _role_part(token, vocab, surnames)
        if role:
            if current:
                groups.append(current)
            elif roles:
                return None  # a role with no names after it
            roles.append(role)
            current = [glued_name] if glued_name else []
            continue
        if not HAN_TOKEN_RE.match(token) or len(token) > NAME_MAX or (not roles and groups):
            return None
        current.append(token)
    if current:
        groups.append(current)
    if not groups or (roles and len(groups) != len(roles)):
        return None
    if roles and not _role_part(tokens[0], vocab, surnames)[0]:
        return None  # names before the first role
    names: list[str] = []
    for group in groups:
        joined = _names_of(group, surnames)
        if joined is None:
            return None
        names.extend(joined)
    if len(names) > 6:
        return None
    padded = any(len(p) == 1 for group in groups for p in group)
    return Byline(role="、".join(roles), authors=tuple(names), padded=padded)


def _role_part(token: str, vocab: Vocabulary, surnames: Surnames) -> tuple[str, str]:
    """Return (role, name glued to it) when a token is or starts with a role, else ('', '')."""
    if ROLE_STOP_RE.search(token):
        return "", ""  # a role is a title, not a clause
    if token.endswith(vocab.role_suffixes):
        return token, ""
    glued = _split_glued(token, vocab, surnames)
    return glued if glued else ("", "")


def _split_glued(token: str, vocab: Vocabulary, surnames: Surnames) -> tuple[str, str] | None:
    """Split a role glued to a name ('本报记者李林蔚'), or return None."""
    for suffix in vocab.role_suffixes:
        at = token.find(suffix)
        while at >= 0:
            role, name = token[: at + len(suffix)], token[at + len(suffix) :]
            if name and HAN_TOKEN_RE.match(name) and surnames.starts_name(name) and len(role) > len(suffix):
                return role, name
            at = token.find(suffix, at + 1)
    return None


def _names_of(group: list[str], surnames: Surnames) -> list[str] | None:
    """Join padded pieces into names: consecutive single characters pair up ('李', '舒')."""
    names: list[str] = []
    singles: list[str] = []
    for piece in [*group, ""]:
        if len(piece) == 1:
            singles.append(piece)
            continue
        if singles:
            if len(singles) % 2:
                return None
            names.extend(a + b for a, b in zip(singles[::2], singles[1::2], strict=True))
            singles = []
        if piece:
            names.append(piece)
    if not all(surnames.starts_name(n) for n in names):
        return None
    return names


def parse_signature(text: str) -> Signature | None:
    """Parse a closing signature line, or return None."""
    m = SIGNATURE_RE.match(text.strip())
    if not m and (credit := CLOSING_CREDIT_RE.match(text.strip())):
        return Signature(role="", text=text.strip(), names=credit["body"].strip())
    if not m and (supplied := SUPPLIED_CREDIT_RE.match(text.strip())):
        return Signature(role="", text=text.strip(), names=supplied["by"] or supplied["of"])
    if not m:
        return None
    role = SIGNATURE_SPLIT_RE.split(m["body"].strip(), maxsplit=1)[0].strip()
    return Signature(role=role, text=text.strip()) if role else None
