"""Headline blocks: where an article starts, and what it says about itself.

A headline block is a title with the lines printed around it: a kicker (引题) above, a
subtitle (副题, '——…') below, a byline, and on web pages a date/time and source line.
Its title comes in one of the shapes newspapers and web pages print:

- Markdown-marked: '## 引题' over '# 标题', or '# 标题' alone;
- a dateline: '省市区：标题', or the place alone and the title on the next line;
- a plain title line followed by a byline or a web date line.

The place may be in the dateline, in a title led by a place and a colon, in the kicker or in
the byline's role; later stages may find it in a signature or in the body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..data import Vocabulary
from ..records import Line, Region, Source
from ..regions import parse_place, region_prefix
from ..segment import word_across
from ..text import HAN, OPENS_ON_PAUSE_RE, SENTENCE_PUNCT_RE, display_width, ends_sentence
from .bylines import Byline, Surnames, parse_byline

# A newspaper page header: '2021年4月19日 星期一', sometimes with the page ('第19版 党建').
# Dates the articles below it.
PAGE_DATE_RE = re.compile(
    r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*(?:星期[一二三四五六日天])?"
    r"(?:\s*第\s*(?P<page>\d+)\s*版[：:\s]*[\u4e00-\u9fff·（）()]{0,12})?$"
)
# A digest's header over several items ('# 2026年3月15日新闻联播文字版', '20260315 新闻联播'): it dates
# every item under it and names the programme; it is no article's title.
COLLECTION_HEAD_RE = re.compile(
    r"^(?:#{1,2}\s*)?(?:(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日|(?P<cy>\d{4})(?P<cm>\d{2})(?P<cd>\d{2}))"
    r"\s*(?:星期[一二三四五六日天])?\s*(?P<publisher>[\u4e00-\u9fff]{2,10}?)?\s*(?:文字版|文字稿|全文|合集|汇编|摘编|要闻)?$"
)
# A bulletin's masthead line: the issuing office and the date, set apart by a wide space
# ('中共某某县委农村工作领导小组办公室        2026年5月20日'), either way round.
ISSUER_DATE_RE = re.compile(
    r"^(?:(?P<org>[\u4e00-\u9fff（）()、]{4,40})(?:\s{2,}|\u3000+)(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    r"|(?P<y2>\d{4})年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日(?:\s{2,}|\u3000+)(?P<org2>[\u4e00-\u9fff（）()、]{4,40}))$"
)
# A report's or a speech's date in brackets under its title or issuer: '（2026年5月20日）'.
BRACKETED_DATE_RE = re.compile(r"^[（(]\s*(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*[）)]$")
# A source line alone: '来源：人民日报'.
SOURCE_RE = re.compile(r"^(?:来源|稿源)[：:]\s*(?P<publisher>\S.{0,40})$")
# An edition note: '《人民日报》（2025年02月11日第 19 版）', '人民日报 2025年2月11日 第19版', the
# portal's spaced '《 人民日报 》（ 2025年02月11日   第 19 版）', or the same set as a Markdown quote
# ('> 《人民日报》（…）'). Alone on a line, or after a byline.
EDITION_BODY = (
    r"(?:《\s*)?(?P<publisher>[\u4e00-\u9fff]{2,12}(?:报|刊))(?:\s*》)?\s*[（(]?\s*(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    r"\s*(?:星期[一二三四五六日天])?\s*(?:第?\s*(?P<page>\d+)\s*版)?\s*[）)]?"
)
EDITION_RE = re.compile(rf"^(?:>\s*)?{EDITION_BODY}$")
EDITION_TAIL_RE = re.compile(rf"(?:\s+|(?=《)){EDITION_BODY}$")  # glued on when it opens with 《
# A dateline: a place name then a colon, the title either after it or on the next line.
DATELINE_RE = re.compile(rf"^(?P<place>[{HAN}]{{2,40}}?)[:：]\s*(?P<title>.*)$")
# A local page's headline: the place, a wide space, the title ('山东龙口  蹚出…', '江苏泗阳\u3000小网格…').
PLACE_SPACED_RE = re.compile(rf"^(?P<place>[{HAN}]{{2,20}})(?:\s{{2,}}|\u3000+)(?P<title>\S.*)$")
# Markdown-marked kicker (引题, '## ' or '### ') and title ('# '), as some extractions write them.
MD_KICKER_RE = re.compile(r"^#{2,3}\s+(?P<text>\S.*)$")
MD_TITLE_RE = re.compile(r"^#\s+(?P<text>\S.*)$")
# A subtitle marked '## ' under the title (only where a byline follows it: else it is a section heading).
MD_SUBTITLE_RE = re.compile(r"^##\s+(?P<text>\S.*)$")
# A kicker set as plain text: it leads into the title with a dash ('浙江淳安县——').
PLAIN_KICKER_RE = re.compile(r"^(?P<text>[^—\s].{1,48}——)$")
# A kicker is a phrase; a page name over a title ('党建', '要闻') is shorter.
KICKER_MIN = 5
KICKER_NEVER_ENDS = ("？", "！", "?", "!", "）", ")")
# A line this short over a kicker is a label (a page name), not a wrapped line it would end.
KICKER_LABEL_MAX = 8
# A closing field that ends a piece where it stands ('数据来源：…', '供稿：…').
FIELD_COLON_RE = re.compile(r"^(?:(?:数据|资料|稿件|信息)?来源|供稿(?:单位)?|作者单位)[：:]")
# A subtitle (副题) line: led by a double dash, sometimes Markdown-marked (a single dash opens a wrapped line).
SUBTITLE_RE = re.compile(r"^(?:#{2,3}\s+)?(?P<text>(?:——|－－|--)\s*\S.*)$")
# YAML front matter a Markdown extraction may keep at the top of a file.
FRONT_MATTER_FENCE = "---"
FRONT_MATTER_DATE_RE = re.compile(r"^date:\s*['\"]?(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
FRONT_MATTER_MAX_LINES = 40
# A date inside a metadata field or a running head, in the forms pages print:
# '2026年03月10日', '2026-03-10', '2024/03/20', '2026.03.10', then an optional clock time.
DATE_IN_FIELD_RE = re.compile(
    r"(?:(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日|(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2}))"
    r"\s*(?P<time>\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
)
# Page controls printed in brackets among the fields: '【字体：大 中 小】', '[打印]'.
BRACKETED_UI_RE = re.compile(r"[【\[][^】\]]{0,12}[】\]]")
# What may stand before the first field: nothing, a date, or an account name and a date
# ('某某发布  2026年04月02日 18:30', as WeChat copies print the account over the post).
# A WeChat header may say '原创' first, name the author and the account, and end '发表于福建'.
# The writer's name may stand twice (the post's author field and the writer's own account name).
ACCOUNT_RE = re.compile(r"^(?:原创\s+)?(?:(?P<writer>[\w·]{2,12})\s+(?:(?P=writer)\s+)?)?(?P<account>[\w·]{2,20}?)\s*$")
POSTED_LABELS = ("发表于", "发布于", "发表", "发布", "更新于")
POSTED_FROM_RE = re.compile(r"\s*(?:发表于|发布于)\s*[\u4e00-\u9fff]{2,8}$")
# WeChat prints the poster's province bare after the clock time ('原创 某某 2026年05月12日 09:30 江苏');
# read as such only after a time, where a paragraph never ends on a two- or three-character word.
IP_PROVINCE_RE = re.compile(r"\s*[\u4e00-\u9fff]{2,3}$")
# A newspaper running head ('2026年4月2日 星期四  某某日报  第3版  综合新闻'): the date, and in
# any order the weekday, the paper, the page and its name, separated by spaces.
WEEKDAY_RE = re.compile(r"^(?:星期|周)[一二三四五六日天]$")
PAPER_RE = re.compile(rf"^[{HAN}]{{2,10}}(?:报|刊)$")
PAGE_LABEL_RE = re.compile(r"^第?\s*(?P<number>[0-9A-Z]{1,3})\s*版[：:]?(?P<name>.{0,8})$")
PAGE_NAME_RE = re.compile(rf"^[{HAN}·]{{2,8}}$")
BARE_PAGE_RE = re.compile(r"^[A-H]?\d{1,2}$")
# A title is one short line that is not a sentence.
TITLE_MAX_WIDTH = 50


@dataclass(frozen=True, kw_only=True)
class PageInfo:
    """What a page header or edition line says of the articles below it."""

    date: str = ""
    date_text: str = ""
    publisher: str = ""
    web: bool = False  # from a web page's or post's own lines (a date line, the account's name), not a paper's running head
    page: str = ""  # the page (版次) as printed: '19', 'A3'; "" when not given
    authors: str = ""  # the writer a post's header names over its title ('原创 某某 某某发布 …'), or ""


@dataclass(frozen=True, kw_only=True)
class Headline:
    """A headline block: where an article starts and what it says about itself."""

    region: Region | None
    region_from: str  # "dateline", "title", "kicker", "byline" or "" (not found in the headline)
    title: str
    kicker: str
    subtitle: str
    printed_headline: str
    byline: Byline | None
    date: str
    date_text: str
    time: str
    publisher: str
    source: Source
    lines: tuple[int, ...]  # indexes of the lines it used
    page: str = ""  # the newspaper page (版次) an edition note or the page header gives


@dataclass(frozen=True, kw_only=True)
class HeadlineRules:
    """What the headline reader needs to know."""

    vocab: Vocabulary
    surnames: Surnames


def iso(y: str, m: str, d: str) -> str:
    """Write a date as ISO yyyy-mm-dd."""
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def page_info(text: str, vocab: Vocabulary) -> PageInfo | None:
    """Read a page header date line or an edition line, or return None."""
    m = PAGE_DATE_RE.match(text) or EDITION_RE.match(text)
    if not m and (c := COLLECTION_HEAD_RE.match(text)) and (c["publisher"] or text.startswith("#")):
        y, mo, d = (c["y"], c["m"], c["d"]) if c["y"] else (c["cy"], c["cm"].lstrip("0"), c["cd"].lstrip("0"))
        return PageInfo(date=iso(y, mo, d), date_text=f"{y}年{mo}月{d}日", publisher=c["publisher"] or "")
    if not m and (b := ISSUER_DATE_RE.match(text)) and (b["org"] or b["org2"]).endswith(vocab.organisation_suffixes):
        # An issuing office's name ends as an organisation's does; a sentence before a date never does.
        y, mo, d = (b["y"], b["m"], b["d"]) if b["y"] else (b["y2"], b["m2"], b["d2"])
        return PageInfo(date=iso(y, mo, d), date_text=f"{y}年{mo}月{d}日")
    if not m:
        return running_head(text)
    groups = m.groupdict()
    return PageInfo(
        date=iso(m["y"], m["m"], m["d"]),
        date_text=f"{m['y']}年{m['m']}月{m['d']}日",
        publisher=groups.get("publisher") or "",
        page=groups.get("page") or "",
    )


@dataclass(frozen=True, kw_only=True)
class Meta:
    """What a line of page metadata fields says: date, time, source, author text."""

    date: str = ""
    date_text: str = ""
    time: str = ""
    publisher: str = ""
    authors: str = ""  # the text of an author field ('作者：张三 李四'), to be read as a byline
    account: str = ""  # the account or channel a post names before its date
    writer: bool = False  # the authors are the name a post's header sets before its account, not an author field


@lru_cache(maxsize=8)
def _field_re(vocab: Vocabulary) -> re.Pattern[str]:
    """Compile the field-label pattern of a vocabulary (labels longest first)."""
    labels = sorted(
        {*vocab.date_labels, *vocab.source_labels, *vocab.author_labels, *vocab.editor_labels, *vocab.counter_labels,
         *vocab.catalogue_labels},
        key=len,
        reverse=True,
    )  # fmt: skip
    # A label starts the line or follows a space or bracket, and is followed by its colon or bar.
    # Pages space a short label out to the width of the longest ('文　　号：', '索 引 号：').
    spaced = ("[ \u3000]*".join(map(re.escape, label)) for label in labels)
    return re.compile(rf"(?:^|(?<=[\s【\[|｜丨]))(?P<label>{'|'.join(spaced)})\s*[：:|｜丨]\s*")


def _date_of(match: re.Match[str]) -> tuple[str, str, str]:
    """Return (ISO date, date as printed, time) of a DATE_IN_FIELD_RE match."""
    if match["y"]:
        y, m, d = match["y"], match["m"], match["d"]
        shown = f"{y}年{m}月{d}日"
    else:
        y, m, d = match["iy"], match["im"], match["id"]
        shown = match.group()[: match.end("id") - match.start()]
    return iso(y, m, d), shown, (match["time"] or "").replace("：", ":")


def _field_value(text: str) -> str:
    """A field's value without page controls, white space (NBSP too) or the bars between fields."""
    return BRACKETED_UI_RE.sub("", text).strip().strip("|｜丨/").strip()


def read_meta(text: str, vocab: Vocabulary) -> Meta | None:
    """Read a line made only of page metadata fields ('发布时间：… 来源：… 浏览次数：…'), or return None."""
    if len(text) > 160:
        return None
    found = list(_field_re(vocab).finditer(text))
    lead = text[: found[0].start()] if found else text
    date = date_text = time = publisher = authors = account = ""
    writer = False
    if lead.strip():
        dated = DATE_IN_FIELD_RE.search(lead)
        tail = POSTED_FROM_RE.sub("", lead[dated.end() :]) if dated else ""
        if dated and dated["time"]:
            tail = IP_PROVINCE_RE.sub("", tail)
        if not dated or _field_value(tail):
            return None
        before = lead[: dated.start()]
        if before.strip():
            named = ACCOUNT_RE.match(before)
            if not named or not found and not dated["time"]:
                return None  # 'name date' alone is a byline's or a caption's shape unless a clock time follows
            account = "" if named["account"] in POSTED_LABELS else named["account"]  # '发表于2025-12-02 07:30'
            if named["writer"] and named["writer"] != account:
                authors = named["writer"]  # '原创 张三 某某发布 …': the writer, then the account
                writer = True
        date, date_text, time = _date_of(dated)
    elif not found:
        return None
    for k, field in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        label, value = LABEL_SPACING_RE.sub("", field["label"]), _field_value(text[field.end() : end])
        if label not in vocab.date_labels and (trailing := TRAILING_DATE_RE.search(value)) and not date:
            # The page's date set last after a field, unlabelled ('编辑：周洁  2026-03-01 09:12:33').
            date, date_text, time = _date_of(DATE_IN_FIELD_RE.match(trailing["date"]))  # type: ignore[arg-type]
            value = _field_value(value[: trailing.start()])  # '新华网 | 2026-05-09 10:21' leaves its bar
        if SENTENCE_PUNCT_RE.search(value) or len(value) > 60:
            return None
        if label in vocab.date_labels:
            dated = DATE_IN_FIELD_RE.match(value)
            if not dated:
                return None
            date, date_text, time = _date_of(dated)
        elif label in vocab.source_labels:
            publisher = publisher or value
        elif label in vocab.author_labels:
            authors = authors or value
    return Meta(date=date, date_text=date_text, time=time, publisher=publisher, authors=authors, account=account, writer=writer)


def names_its_page(text: str) -> bool:
    """Tell whether a running head prints its page's name ('第3版  综合新闻'), so no line under it is that name."""
    dated = DATE_IN_FIELD_RE.search(text)
    rest = (text[: dated.start()] + " " + text[dated.end() :]).split() if dated else text.split()
    return any(
        (label := PAGE_LABEL_RE.match(t))
        and label["name"].strip(" ：:")
        or (PAGE_NAME_RE.match(t) and not PAPER_RE.match(t) and not WEEKDAY_RE.match(t))
        for t in rest
    )


def running_head(text: str) -> PageInfo | None:
    """Read a newspaper running head: a date with the weekday, paper, page or page name beside it."""
    dated = DATE_IN_FIELD_RE.search(text)
    if not dated or dated["time"] or not dated["y"]:
        return None
    rest = (text[: dated.start()] + " " + text[dated.end() :]).split()
    publisher, number, kinds = "", "", 0
    for token in rest:
        if label := PAGE_LABEL_RE.match(token):
            number, kinds = number or label["number"], kinds + 1
        elif BARE_PAGE_RE.match(token) and token in (rest[0], rest[-1]) and not number:
            number = token  # a PDF page's number at the head's outer edge ('3', 'A3'), beside paper or weekday
        elif WEEKDAY_RE.match(token):
            kinds += 1
        elif PAPER_RE.match(token) and not publisher:
            publisher, kinds = token, kinds + 1
        elif not PAGE_NAME_RE.match(token):
            return None
    if not kinds:
        return None
    date, date_text, _ = _date_of(dated)
    return PageInfo(date=date, date_text=date_text, publisher=publisher, page=number)


def front_matter(lines: Sequence[Line]) -> tuple[int, PageInfo] | None:
    """Find YAML front matter at the top of a file: (index of its closing fence, the date it gives)."""
    first = next_text(lines, -1)
    if first is None or lines[first].text != FRONT_MATTER_FENCE:
        return None
    for j in range(first + 1, min(len(lines), first + FRONT_MATTER_MAX_LINES)):
        if lines[j].text == FRONT_MATTER_FENCE:
            dated = next((m for ln in lines[first + 1 : j] if (m := FRONT_MATTER_DATE_RE.match(ln.text))), None)
            info = (
                PageInfo(
                    date=iso(dated["y"], dated["m"], dated["d"]),
                    date_text=f"{dated['y']}年{int(dated['m'])}月{int(dated['d'])}日",
                )
                if dated
                else PageInfo()
            )
            return j, info
    return None


def next_text(lines: Sequence[Line], i: int) -> int | None:
    """Index of the next non-blank line after i, if any."""
    for j in range(i + 1, len(lines)):
        if lines[j].text:
            return j
    return None


def looks_like_title(text: str) -> bool:
    """Tell whether a line can be a title: short and not a statement or a byline (it may ask or exclaim)."""
    return (
        bool(text)
        and not STATEMENT_END_RE.search(text)
        and display_width(text) <= TITLE_MAX_WIDTH
        and not text.startswith(("■", "▲", "#", "——"))
    )


@dataclass(frozen=True, kw_only=True)
class Tail:
    """What the lines under a title say: subtitle, byline, date, time, publisher."""

    used: tuple[int, ...] = ()
    subtitle: str = ""
    byline: Byline | None = None
    date: str = ""
    date_text: str = ""
    time: str = ""
    publisher: str = ""
    page: str = ""


# A news dateline at the head of an article's first paragraph that names its reporters:
# '本报成都4月1日电  （记者王五）', '新华社北京4月1日电（记者张三、李四）', '本报讯（记者 张三 通讯员 李四）',
# '本报讯 记者张三 通讯员李四报道：', a local site's '长兴新闻网讯（记者 张三）' or '南漳讯（…）'. The text stays in the
# paragraph; the names are its byline, and a local outlet's name may tell its county.
NEWS_DATELINE_RE = re.compile(
    r"^(?:(?P<agency>本报|本台|本刊|新华社|中新社|人民网|央视网)|(?P<outlet>[\u4e00-\u9fff]{2,12}?))?"
    r"(?:[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日电|讯)\s*"
    r"(?:[（(](?P<inner>[^（）()]{2,40})[）)]|(?P<bare>(?:记者|通讯员|见习记者)[^，。：:]{2,30}?)\s*(?:报道)?[：:])"
)


# A broadcast item's opening ('央视网消息（新闻联播）：', '央广网北京3月1日消息（记者张三）：'): the line
# above it is the item's title. The text stays in the paragraph.
BROADCAST_LEAD_RE = re.compile(r"^[\u4e00-\u9fff]{0,8}(?:\d{1,2}月\d{1,2}日)?消息\s*[（(][^（）()]{2,20}[）)][：:]")
# A date with its time closing a field's value after a space: the page's date, set unlabelled.
TRAILING_DATE_RE = re.compile(
    r"(?<![\d.:：/-])\s*(?P<date>(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)$"
)
# The spaces a page sets between a label's characters ('索 引 号').
LABEL_SPACING_RE = re.compile(r"[ \u3000]+")
# A reporter's role set right against the name in a dateline.
REPORTER_GLUED_RE = re.compile(r"((?:本报|见习|特约)?(?:记者|通讯员))(?=[\u4e00-\u9fff])")


def dateline_outlet(text: str) -> str:
    """Name the local outlet a news dateline opens with ('长兴新闻网讯（…）' -> '长兴新闻网', '南漳讯' -> '南漳'), or ''."""
    m = NEWS_DATELINE_RE.match(text)
    return m["outlet"] or "" if m else ""


def news_dateline(text: str, rules: HeadlineRules) -> Byline | None:
    """Read the reporters a news dateline names at the head of a paragraph, or return None."""
    m = NEWS_DATELINE_RE.match(text)
    if not m:
        return None
    inner = (m["inner"] or m["bare"] or "").strip().replace("、", " ")
    inner = REPORTER_GLUED_RE.sub(r"\1 ", inner)  # '记者王五' as '记者 王五'
    byline = parse_byline(inner, rules.vocab, rules.surnames)
    if byline is None or not byline.known or not byline.authors:
        return None
    if byline.role == "记者" and m["agency"]:
        byline = replace(byline, role=f"{m['agency']}记者")  # '本报…电（记者王五）': a reporter of this paper
    return byline


# A channel's name is short: an account, a paper, a station ('某某发布', '某某日报', '某某县融媒体中心').
CHANNEL_NAME_MAX = 12
CHANNEL_PART_RE = re.compile(rf"[{HAN}A-Za-z0-9·]+")
# A portal names the paper it reposts after its own name: '人民网－人民日报', '中国江苏网-新华日报'.
CHANNEL_JOIN_RE = re.compile(r"\s*[－\-—|｜]\s*")


def is_channel_name(text: str, vocab: Vocabulary) -> bool:
    """Tell whether a line is only the name of an account, paper or station that carries the piece."""
    parts = CHANNEL_JOIN_RE.split(text)
    return (
        len(parts) <= 2
        and all(len(p) <= CHANNEL_NAME_MAX and CHANNEL_PART_RE.fullmatch(p) for p in parts)
        and all(p.endswith(vocab.media_suffixes) for p in parts)
    )


def meta_byline(meta: Meta, rules: HeadlineRules) -> Byline | None:
    """Read who wrote a piece from its metadata: the author field, or a source that is no medium.

    A government page's '来源：某某县委组织部' names the department that wrote it, and a post's
    closing '来源 | 某某区委书记 张三' its signed author; '来源：人民网' names only where it ran."""
    if meta.authors:
        return parse_byline(meta.authors, rules.vocab, rules.surnames) or Byline(
            role="", authors=tuple(meta.authors.replace("、", " ").split()), padded=False
        )
    source = meta.publisher
    if not source or source.endswith(rules.vocab.media_suffixes) or "-" in source:
        return None
    byline = parse_byline(source, rules.vocab, rules.surnames)
    return byline if byline and byline.known else None


def read_tail(lines: Sequence[Line], after: int, rules: HeadlineRules) -> Tail:
    """Read the subtitle, byline and date/source lines under a title, in any order, each once."""
    used: list[int] = []
    subtitle = date = date_text = time = publisher = page = ""
    byline: Byline | None = None
    from_header = False  # the byline is a post header's writer, which an author field below replaces
    dated = False
    j = next_text(lines, after)
    while j is not None:
        text = lines[j].text
        below = lines[j + 1].text if j + 1 < len(lines) else ""
        if below and (OPENS_ON_PAUSE_RE.match(below) or (word_across(text, below) and not read_meta(text, rules.vocab))):
            # The line runs on into the next ('…联合党委' + '，吸纳…', '…智能服' + '务…'): wrapped text.
            # A line of fields ends where it stands, though its last figure meets the next line's first.
            break
        edition = EDITION_TAIL_RE.search(text)
        if edition and byline is None:
            text = text[: edition.start()]  # '本报记者  何昭宇  《人民日报》（…第 19 版）'
        if (
            not subtitle
            and byline is None
            and not dated
            and (sub := SUBTITLE_RE.match(text))
            and looks_like_title(sub["text"][2:])
        ):
            subtitle = sub["text"]
        elif (
            not subtitle
            and byline is None
            and not dated
            and (sub := MD_SUBTITLE_RE.match(text))
            and looks_like_title(sub["text"])
            and (k := next_text(lines, j)) is not None
            and (EDITION_TAIL_RE.search(lines[k].text) or parse_byline(lines[k].text, rules.vocab, rules.surnames))
        ):
            subtitle = sub["text"]  # '## 副题' under the '# ' title, over the byline
        elif (
            byline is not None
            and not dated
            and byline.known
            and (more := parse_byline(text, rules.vocab, rules.surnames))
            and more.role
            and more.known
        ):
            # A second byline line ('本报记者  朱  磊' / '本报通讯员  刘  新'): one byline.
            byline = Byline(role="、".join(r for r in (byline.role, more.role) if r),
                            authors=byline.authors + more.authors, padded=byline.padded or more.padded)  # fmt: skip
        elif byline is None and (parsed := parse_byline(text, rules.vocab, rules.surnames)):
            byline = parsed
            if edition:
                date, publisher = iso(edition["y"], edition["m"], edition["d"]), edition["publisher"]
                date_text = f"{edition['y']}年{edition['m']}月{edition['d']}日"
                page = edition["page"] or ""
        elif (meta := read_meta(text, rules.vocab)) and not (meta.date and date):
            # Fields may stand one to a line ('来源：…' / '作者：…' / '时间：…'): each line adds what it gives.
            date, date_text, time = meta.date or date, meta.date_text or date_text, meta.time or time
            publisher = meta.publisher or meta.account or publisher
            if byline is None or (from_header and meta.authors and not meta.writer):
                # An author field ('文字 | 孔伟') says more than the name a post's header sets ('原创 小编 …').
                byline = meta_byline(meta, rules)
                from_header = meta.writer
                publisher = "" if byline and meta.publisher and not meta.authors else publisher
            dated = dated or bool(meta.date)
        elif not dated and (m := BRACKETED_DATE_RE.match(text)):
            date, date_text, dated = iso(m["y"], m["m"], m["d"]), f"{m['y']}年{m['m']}月{m['d']}日", True
        elif not dated and ((m := SOURCE_RE.match(text)) or (m := EDITION_RE.match(text))):
            publisher = m["publisher"].strip()
            if m.groupdict().get("y"):
                date, date_text = iso(m["y"], m["m"], m["d"]), f"{m['y']}年{m['m']}月{m['d']}日"
                page = m["page"] or ""
            dated = True
        else:
            break
        used.append(j)
        j = next_text(lines, j)
    return Tail(
        used=tuple(used),
        subtitle=subtitle,
        byline=byline,
        date=date,
        date_text=date_text,
        time=time,
        publisher=publisher,
        page=page,
    )


def headline_at(
    lines: Sequence[Line],
    i: int,
    page: PageInfo,
    rules: HeadlineRules,
    after_text: bool = True,
    force: bool = False,
    at_top: bool = False,
) -> Headline | None:
    """Parse a headline block starting at line i, or return None.

    `after_text` says the text before line i ended a sentence (or there is none): a plain
    title line never starts in the middle of a paragraph. `force` reads line i as a title
    whatever its shape (the evidence stage chose it); `at_top` says no text stands between
    line i and the file's start or the last headline block, where a '# ' line is a title alone."""
    found = _title_part(lines, i, rules, force, at_top)
    if found is None:
        return None
    used, title, kicker, region, region_from, printed, marked = found
    tail = read_tail(lines, max(used), rules)
    # A title without a Markdown mark or a dateline is a headline only with the lines that make
    # it one (a byline, a subtitle or a web date line), and never starts mid-paragraph.
    # After text, a source line alone is how a piece closes ('来源 | 人民日报'), not how one starts.
    evidence = tail.byline or tail.date or tail.subtitle or (tail.publisher and at_top)
    # A post's account and date printed over its title: the first line under them is the title.
    evidence = evidence or (at_top and page.web and bool(page.date or page.publisher) and not kicker)
    if not evidence and (j := next_text(lines, max([*used, *tail.used]))) is not None:
        # A story's dateline or a broadcast item's opening right under it: an item's title.
        evidence = bool(NEWS_DATELINE_RE.match(lines[j].text) or BROADCAST_LEAD_RE.match(lines[j].text))
    if not force and not marked and not evidence:
        return None
    if not force and not marked and region_from != "dateline" and not after_text:
        return None
    byline = tail.byline
    if byline is None and page.web and page.authors:
        byline = Byline(role="", authors=tuple(page.authors.split()), padded=False)
    if region is None and byline and byline.role:
        region = region_prefix(_strip_party(byline.role))
        region_from = "byline" if region else ""
    used = [*used, *tail.used]
    source = Source(file=lines[i].file, start=lines[i].number, end=lines[max(used)].number)
    return Headline(
        region=region,
        region_from=region_from,
        title=title,
        kicker=kicker,
        subtitle=tail.subtitle,
        printed_headline=printed,
        byline=byline,
        date=tail.date or page.date,
        date_text=tail.date_text or page.date_text,
        time=tail.time,
        publisher=tail.publisher or page.publisher,
        source=source,
        lines=tuple(used),
        # The page header's page holds for an article whose own lines name no other paper.
        page=tail.page or (page.page if tail.publisher in ("", page.publisher) else ""),
    )


def _strip_party(role: str) -> str:
    """Drop the party prefix of a role so the place leads it: 中共浙江省某某县委书记 -> 浙江省…"""
    return role[2:] if role.startswith("中共") else role


def place_of_title(title: str, vocab: Vocabulary) -> tuple[Region, str] | None:
    """Split a title led by its place and a colon or a wide space ('浙江省湖州市安吉县：竹林深处…', '山东某某  某某…')."""
    tag = COLUMN_TAG_RE.match(title)
    rest = title[tag.end() :].strip() if tag else title
    m = DATELINE_RE.match(rest) or PLACE_SPACED_RE.match(rest)
    if not m or not m["title"].strip():
        return None
    region = parse_place(m["place"], vocab)
    return (region, (tag.group() if tag else "") + m["title"].strip()) if region else None


def place_of_kicker(kicker: str) -> Region | None:
    """Read the place a kicker leads with ('浙江安吉县——', '湖北宜昌夷陵区推行积分制…')."""
    return region_prefix(_strip_party(kicker.rstrip("—").strip()))


def _dateline(text: str, lines: Sequence[Line], i: int, vocab: Vocabulary) -> tuple[Region, str, int | None] | None:
    """Read a dateline at i: (place, title, index of a title on the next line)."""
    m = DATELINE_RE.match(text)
    if not m:
        return None
    region = parse_place(m["place"], vocab)
    if region is None:
        return None
    title = m["title"].strip()
    if title:
        return region, title, None
    j = next_text(lines, i)
    if j is None or not looks_like_title(lines[j].text):
        return None
    return region, lines[j].text, j


def _kicker_over_placed_title(text: str, lines: Sequence[Line], i: int, vocab: Vocabulary) -> bool:
    """Tell whether a plain line is a kicker: a phrase right over a title led by its place.

    A title set over two lines never goes on into a dateline ('贵州湄潭：…') or a local page's
    'place  title' ('贵州湄潭　…'), so the phrase above one is the kicker (引题)."""
    j = next_text(lines, i)
    if j is None or j > i + 3 or len(text) < KICKER_MIN or place_of_title(text, vocab) or DATELINE_RE.match(text):
        return False
    above = lines[i - 1].text if i else ""
    closed_field = FIELD_COLON_RE.search(above) and above.endswith(vocab.organisation_suffixes + vocab.media_suffixes)
    if len(above) > KICKER_LABEL_MAX and not ends_sentence(above) and not closed_field:
        # The tail of a wrapped line ('…以党建引' + '领基层治理', '数据来源：中共某某市青云' +
        # '谱区委宣传部'), not a line of its own; a page name, or a closing field that ends on an
        # office's or a paper's name ('数据来源：中共某某县委宣传部'), ends where it stands.
        return False
    if not looks_like_title(text) or STATEMENT_RE.search(text) or text.rstrip("”’」』").endswith(KICKER_NEVER_ENDS):
        return False  # a question, or a closing line in brackets ('（作者为…）'), ends the text above
    below = unbold(lines[j].text)
    below = titled["text"] if (titled := MD_TITLE_RE.match(below)) else below
    return bool(_dateline(below, lines, j, vocab) or (PLACE_SPACED_RE.match(below) and place_of_title(below, vocab)))


def _title_part(lines: Sequence[Line], i: int, rules: HeadlineRules, force: bool = False, at_top: bool = False):
    """Read the kicker and title at i.

    Returns (used, title, kicker, region, region_from, printed headline, marked), where
    `marked` says the title is known for a title by its form alone: a Markdown '# ' title or
    '## '+'# ' pair, or a dateline."""
    text = unbold(lines[i].text)
    if not force and read_meta(text, rules.vocab):
        return None  # a line of page fields ('索 引 号：…', '发布时间：…') is never a title
    used = [i]
    kicker = printed = tag = ""
    region: Region | None = None
    region_from = ""
    marked = False
    if COLUMN_TAG_RE.fullmatch(text) and (j := next_text(lines, i)) is not None and j <= i + 2:
        # A column tag set alone over the title ('【基层治理在一线】') is part of the title.
        tag, text = text, unbold(lines[j].text)
        used = [i, j]
    elif (led := LEADING_TAG_RE.match(text)) and len(text) > led.end():
        # The same tag printed on the title's own line ('### 【新思想引领新征程】贵州湄潭：…'): kept in
        # the title, set apart so that a place after it is read as the title's dateline.
        marker = MD_KICKER_RE.match(text) or MD_TITLE_RE.match(text)
        tag = led["tag"]
        text = (text[: marker.start("text")] if marker else "") + text[led.end() :]
    m = MD_KICKER_RE.match(text) or PLAIN_KICKER_RE.match(text)
    if m and MD_KICKER_RE.match(text) and (j := next_text(lines, used[-1])) is not None and not MD_TITLE_RE.match(lines[j].text):
        below = unbold(lines[j].text)
        if not looks_like_title(below) or STATEMENT_RE.search(below) or BROADCAST_LEAD_RE.match(below):
            # A '## ' line over running text is a heading of its own (an item's title in a digest,
            # or a section heading, which then needs a byline or an item's opening to head an article).
            text, m = m["text"], None
    lead = m["text"] if m else (text if _kicker_over_placed_title(text, lines, used[-1], rules.vocab) else "")
    if lead:
        j = next_text(lines, used[-1])
        if j is None:
            return None
        kicker, text = lead, unbold(lines[j].text)
        used = [*used, j]
        marked = bool(MD_KICKER_RE.match(lines[i].text) and MD_TITLE_RE.match(text))
    if titled := MD_TITLE_RE.match(text):
        title = titled["text"]
        marked = True  # a Markdown level-one heading is a title wherever it stands
    elif dated := _dateline(text, lines, used[-1], rules.vocab):
        region, title, j = dated
        region_from = "dateline"
        marked = True
        if j is not None:
            used.append(j)
        else:
            printed = text
    else:
        placed = place_of_title(text, rules.vocab)  # a local page's 'place  title' is a title whatever its length
        if not force and not placed and (not looks_like_title(text) or STATEMENT_RE.search(text)):
            return None
        if not force and is_channel_name(text.rstrip(".。"), rules.vocab):
            return None  # '某某发布' over a date line: the account that posted, not a title
        title = text
        second = second_title_line(lines, used[-1], rules)
        below = lines[used[-1] + 1].text if used[-1] + 1 < len(lines) else ""
        if second is None and not force and below and (word_across(text, below) or OPENS_ON_PAUSE_RE.match(below)):
            # A word runs on into the next line ('…理塘县畜牧' + '局副局长…'), or the next line opens
            # on the comma that ends this one's clause: wrapped text.
            return None
        if second is not None:
            # A title set over two lines: a slogan in two parts over it is its kicker
            # ('旗帜引领 先锋续航' over the title); a line cut anywhere else is the title's first half.
            upper, lower = title, unbold(lines[second].text)
            if not kicker and KICKER_SHAPE_RE.search(upper) and not _unclosed(upper) and not word_across(upper, lower):
                kicker, title = upper, lower
            else:
                title = upper + lower
            used.append(second)
    if region is None and (split := place_of_title(title, rules.vocab)):
        printed, (region, title) = title, split
        region_from = "title"
        # A dateline-like head: '# place：title', or a local page's 'place  title' (a place, a
        # wide space, then the title), which running text never starts with.
        marked = marked or bool(titled) or bool(PLACE_SPACED_RE.match(printed))
    if region is None and kicker and (region := place_of_kicker(kicker)):
        region_from = "kicker"
    return used, tag + title.strip(), kicker.strip(), region, region_from, printed, marked


# A full stop anywhere, or a question or exclamation mark inside the line (not at its end or
# before a closing bracket): a statement, never a title ('岂能硬压给村干部？（…）' is a title).
STATEMENT_RE = re.compile(r"[。]|[！？!?](?![”’」』）)]*(?:$|[（(]))")
# A line closed by a full stop or an ellipsis states something; a title may end on '？' or '！'.
STATEMENT_END_RE = re.compile(r"[。…][”’」』）)》]*$")
# A column tag printed before a title: '【基层治理在一线】', '【基层治理】'.
COLUMN_TAG_RE = re.compile(r"【[^【】]{2,20}】")
LEADING_TAG_RE = re.compile(r"^(?:#{1,3}\s+)?(?P<tag>【[^【】]{2,20}】)\s*")
# Markdown bold around a whole line: how WeChat and CMS copies set a title.
BOLD_LINE_RE = re.compile(r"^\*\*(?P<inner>[^*]+)\*\*$")
# A kicker set over its title as a two-part slogan: a space between two phrases ('旗帜引领 先锋续航').
KICKER_SHAPE_RE = re.compile(rf"[{HAN}]{{2,}}[ \u3000]+[{HAN}]{{2,}}")
# Where a title's first line may not stop: on a pause that leads into more, or an opening mark.
TITLE_CUT_RE = re.compile(r"[、；：;:（(“‘《—]$")
# Body text right under a two-line title is at least this much wider than its lines.
BODY_WIDER = 1.5
# A title line's second half is this short at most.
TITLE_LINE_MAX_WIDTH = 30


def _unclosed(text: str) -> bool:
    """Tell whether a line opens a bracket or quotation it does not close (cut before its end)."""
    return any(text.count(a) > text.count(b) for a, b in ("（）", "“”", "《》", "()"))


def unbold(text: str) -> str:
    """Drop Markdown bold marks around a whole line."""
    m = BOLD_LINE_RE.match(text)
    return m["inner"].strip() if m else text


def second_title_line(lines: Sequence[Line], i: int, rules: HeadlineRules) -> int | None:
    """Index of a title's second line right under line i, when the two read as one title set over two lines."""
    j = i + 1
    if j >= len(lines) or not lines[j].text or not lines[i].text:
        return None
    upper, lower = unbold(lines[i].text), unbold(lines[j].text)
    if not all(looks_like_title(t) and display_width(t) <= TITLE_LINE_MAX_WIDTH for t in (upper, lower)):
        return None
    # A title's first line may stop at a comma ('群众需要什么，'), never at a pause that leads on.
    # Nor does its second line open on the comma that closes the first's clause (text wrapped without kinsoku).
    if TITLE_CUT_RE.search(upper) or lower.startswith(("——", "■", "#")) or STATEMENT_RE.search(upper + lower):
        return None
    if OPENS_ON_PAUSE_RE.match(lower):
        return None
    if parse_byline(lower, rules.vocab, rules.surnames) or read_meta(lower, rules.vocab):
        return None
    if place_of_title(lower, rules.vocab) or place_of_title(upper, rules.vocab):
        return None  # a line led by its place is a headline of its own, not half of one
    # What follows the pair must close the headline: a blank line, a byline, a date line, the
    # end, or body text set clearly wider than both title lines.
    k = j + 1
    if k < len(lines) and lines[k].text:
        after = lines[k].text
        closes = (
            parse_byline(after, rules.vocab, rules.surnames)
            or read_meta(after, rules.vocab)
            or SUBTITLE_RE.match(after)
            or BRACKETED_DATE_RE.match(after)
        )
        wider = display_width(after) >= BODY_WIDER * max(display_width(upper), display_width(lower))
        # A paragraph's first line indented under two flush lines: the body starts there.
        indented = lines[k].indent and not lines[i].indent and not lines[j].indent
        if not (closes or wider or indented):
            return None
    return j
