"""A layout generator: clean articles rendered the ways other channels print or copy them.

A clean article (`CleanArticle`) is rendered into one file's text in a layout drawn from six
families (a 人民日报 page, a government-site page copy, a WeChat copy, newspaper-PDF text, a
local paper's page, a bare Markdown title), with damage drawn independently (wrap width, blank
lines, line ends, encoding, half-width punctuation, indentation, headings set on two lines).
The recovery of the rendered bytes must give back the article exactly as printed
(`compare`).

Every choice goes through a `Chooser`, so the same renderers are driven three ways: by
hypothesis (`layouts()`, which shrinks to the minimal failing layout), by a seeded
`random.Random` (`RandomChooser`, for `bench/layouts.py`), and by a script of named choices
(`ScriptChooser`, for literal examples). Option lists put the plainest choice first, which is
where shrinking goes.

Articles come from three places: short items written here (`ITEMS`), the development
corpus's truth (`corpus_articles`, read at run time from ../shared/corpus/truth.json when
present) and the seeds' articles (`golden_articles`, from tests/golden/docs/records.json).
"""

from __future__ import annotations

import datetime
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
GOLDEN_RECORDS = ROOT / "tests" / "golden" / "docs" / "records.json"
DEFAULT_DATE = "2026-04-02"


# --------------------------------------------------------------------------- the clean article


@dataclass(frozen=True, kw_only=True)
class CleanArticle:
    """An article as it really is: what a careful reader takes from any printing of it."""

    id: str
    province: str
    city: str  # empty for the districts of 北京/天津/上海/重庆
    district: str
    title: str
    kicker: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    role: str = ""
    date: str = ""  # ISO, or "" (unknown, or not printed by the layout)
    headings: tuple[str, ...] = ()
    heading_at: tuple[int, ...] = ()  # heading i stands before paragraph heading_at[i]
    paragraphs: tuple[str, ...]
    signature: str = ""  # a closing '（作者为…）' line; not a paragraph

    @property
    def place(self) -> str:
        """The full place as a dateline prints it: 浙江省湖州市安吉县, 天津市西青区."""
        return self.province + self.city + self.district

    @property
    def short_place(self) -> str:
        """The short place of a local headline: 浙江安吉, 天津西青."""
        return _short_province(self.province) + _short_district(self.district)

    def body(self) -> list[tuple[str, str]]:
        """The body in order as (kind, text), kind 'heading' or 'para'."""
        out: list[tuple[str, str]] = []
        for i, para in enumerate(self.paragraphs):
            out += [("heading", h) for h, at in zip(self.headings, self.heading_at, strict=True) if at == i]
            out.append(("para", para))
        return out


_AUTONOMOUS = {"内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏", "宁夏回族自治区": "宁夏"}
_AUTONOMOUS["新疆维吾尔自治区"] = "新疆"


def _short_province(name: str) -> str:
    if name in _AUTONOMOUS:
        return _AUTONOMOUS[name]
    return name[:-1] if name.endswith(("省", "市")) else name


def _short_district(name: str) -> str:
    if "自治" in name or len(name) < 3:
        return name
    return name[:-1] if name.endswith(("区", "县", "市", "旗")) else name


def evident(article: CleanArticle, printed: str) -> bool:
    """Tell whether a printed text shows the article's place to a careful reader.

    The full name (省/市 + 区县) once, or the district's own full name twice."""
    a = article
    return (
        a.place in printed
        or bool(a.city and a.city + a.district in printed)
        or a.province + a.district in printed
        or printed.count(a.district) >= 2
    )


def body_text(article: CleanArticle) -> str:
    """The text every layout prints: title, headings, paragraphs, closing signature."""
    return article.title + "".join(article.headings) + "".join(article.paragraphs) + article.signature


# --------------------------------------------------------------------------- own short items


def _item(**kw: Any) -> CleanArticle:
    return CleanArticle(**kw)


ITEMS: tuple[CleanArticle, ...] = (
    _item(
        id="own_anji",
        province="浙江省",
        city="湖州市",
        district="安吉县",
        title="竹林深处党群议事会开到家门口",
        kicker="浙江省安吉县——",
        authors=("沈嘉怡", "陈立"),
        role="本报记者",
        date="2026-04-02",
        paragraphs=(
            "春分过后，浙江省湖州市安吉县天荒坪镇的竹林里新笋破土。村党支部书记在竹亭下摆开长凳，十几位村民围坐一圈，商量今年竹林碳汇收益怎么分。",
            "“以前开会在村委会，来的多是老人；现在把议事会搬到家门口，年轻人下班路过也愿意坐下来说几句。”村民潘建国说。",
            "近年来，安吉县推行“党群议事会”制度，各行政村以村民小组为单元设立议事点，由党员骨干担任召集人，村里大事小情先议后决，议定事项张榜公示。",
            "去年以来，安吉县各议事点共收集群众意见1200余条，办结率超过95%。县委组织部有关负责同志表示，下一步将把议事成果纳入村级组织考核。",
        ),
    ),
    _item(
        id="own_pidu",
        province="四川省",
        city="成都市",
        district="郫都区",
        title="“微网格”织密基层治理网",
        subtitle="——四川省成都市郫都区网格化治理见闻",
        authors=("刘晓宇",),
        role="本报记者",
        date="2026-03-18",
        headings=("划小单元  把服务送到楼栋", "吹哨报到  让难题就地化解"),
        heading_at=(1, 3),
        paragraphs=(
            "清晨七点，四川省成都市郫都区犀浦街道的网格员李红已经走完了负责的三个楼栋。哪户老人需要送药，哪家下水道堵了，她的手机里都记得清清楚楚。",
            "郫都区把全区划分为两千多个“微网格”，每个网格覆盖三十到五十户居民，由社区党员、楼栋长和志愿者组成服务队，做到小事不出网格。",
            "“网格划小了，服务就能跟得上。”犀浦街道党工委负责同志介绍，微网格建立以来，居民反映的问题平均两天内就能得到回应。",
            "对网格内解决不了的难题，郫都区建立“吹哨报到”机制，网格员一键上报，街道统筹调度相关部门限时到场，办理结果由居民打分评价。",
            "今年一季度，全区通过这一机制解决停车难、加装电梯等问题三百余件，群众满意率达到百分之九十以上。",
        ),
    ),
    _item(
        id="own_siyang",
        province="江苏省",
        city="宿迁市",
        district="泗阳县",
        title="把党支部建在产业链上",
        authors=("周明远",),
        role="江苏省宿迁市泗阳县委书记",
        date="2026-02-26",
        headings=("链上建支部  抱团闯市场", "服务跟上去  企业留得住"),
        heading_at=(1, 3),
        paragraphs=(
            "泗阳县是农业大县，也是食品加工重镇。近年来，我们坚持把党组织建在产业链上，让党建和发展同频共振，走出了一条以组织振兴带动产业振兴的路子。",
            "围绕意杨、食用菌、桃产业三条主导产业链，泗阳县成立产业链党委，把种植户、合作社、加工企业中的党员编入同一个支部，统一技术标准、统一对接市场。",
            "在卢集镇，食用菌产业链党支部牵头建起冷链仓储中心，带动周边六个村的种植户抱团发展，去年户均增收一万余元。",
            "我们推行机关干部“挂链服务”，每条产业链安排一名县领导牵头，定期走访企业，协调解决用地、用工、融资等难题。",
            "实践证明，支部建在哪里，凝聚力就延伸到哪里。下一步，泗阳县将持续深化产业链党建，推动更多党员在发展一线挑大梁、当先锋。",
        ),
    ),
    _item(
        id="own_guangshan",
        province="河南省",
        city="信阳市",
        district="光山县",
        title="驻村第一书记的“三本账”",
        kicker="河南光山创新驻村帮扶机制",
        date="2026-01-15",
        paragraphs=(
            "在河南省信阳市光山县，每位驻村第一书记都随身带着三本账：民情账、项目账、承诺账。村里的事记在账上，也落在行动上。",
            "光山县委组织部建立驻村干部月度例会制度，每月晾晒三本账的进度，对群众反映强烈、推进迟缓的事项挂牌督办，督办结果与年度考核挂钩。",
            "在槐店乡，第一书记王志强把村民关心的道路硬化列入承诺账，半年时间协调资金修通了三条产业路，村里的茶叶、油茶运出去更方便了。",
        ),
    ),
    _item(
        id="own_yiling",
        province="湖北省",
        city="宜昌市",
        district="夷陵区",
        title="柑橘园里办起“田间党校”",
        kicker="湖北省宜昌市夷陵区——",
        authors=("程亮", "吴静"),
        role="本报记者",
        date="2026-03-05",
        paragraphs=(
            "正是柑橘春季修剪的时节，湖北省宜昌市夷陵区小溪塔街道的果园里，农技专家一边示范，一边讲解，二十多名党员果农听得格外认真。",
            "这是夷陵区“田间党校”的一堂现场课。区里把党员教育培训课堂搬到田间地头，把政策宣讲和技术培训结合起来，哪里有产业，课堂就开到哪里。",
            "“过去学理论靠读报纸，现在学的都是用得上的真本事。”党员果农向红梅说，她家的柑橘园亩产提高了两成。",
            "截至目前，夷陵区已建成田间党校四十六所，年均培训党员群众一万余人次，培育致富带头人三百多名。",
        ),
    ),
    _item(
        id="own_fuding",
        province="福建省",
        city="宁德市",
        district="福鼎市",
        title="白茶飘香富山乡",
        subtitle="——福建省福鼎市党建引领茶产业发展见闻",
        authors=("林海峰",),
        role="本报记者",
        date="2026-04-10",
        paragraphs=(
            "谷雨将至，福建省宁德市福鼎市点头镇的茶山上，采茶工人忙着采摘新芽。山脚下的茶叶合作社里，党员技术员正指导社员调试萎凋设备。",
            "福鼎市推行“支部+合作社+茶农”模式，由村党支部领办茶叶合作社，统一品种、统一管理、统一品牌，破解了茶农各自为战、卖茶难的问题。",
            "“支部领着干，茶叶有了好价钱。”茶农陈秀英算了一笔账，加入合作社后，她家的白茶每斤多卖了三十多元。",
            "目前，福鼎市已有八十多个村党支部领办茶叶合作社，带动两万多户茶农增收，茶产业综合产值逐年攀升。",
        ),
    ),
    _item(
        id="own_weiyuan",
        province="甘肃省",
        city="定西市",
        district="渭源县",
        title="马铃薯产业链上党旗红",
        authors=("马晓燕", "张鹏"),
        role="本报记者",
        date="2026-02-12",
        headings=("建强组织  育好种薯", "延链补链  拓宽销路"),
        heading_at=(1, 3),
        paragraphs=(
            "甘肃省定西市渭源县是全国马铃薯良种繁育基地之一。近年来，渭源县坚持党建引领，把组织优势转化为产业发展优势，马铃薯产业成为群众增收的主渠道。",
            "渭源县在种薯繁育基地成立联合党委，吸纳科研院所、龙头企业和合作社党员，组建技术服务队深入田间，帮助农户解决种薯退化等难题。",
            "在会川镇，党员示范户带头推广脱毒种薯和覆膜种植技术，亩产比过去提高三成以上，周边农户纷纷跟着学。",
            "围绕马铃薯精深加工，渭源县引进淀粉、粉条加工企业，由村党组织牵头与企业签订订单收购协议，让农户种得放心、卖得安心。",
            "县里还依托电商服务站开设线上店铺，党员电商带头人直播带货，把渭源马铃薯卖到全国各地。",
            "去年，渭源县马铃薯种植面积稳定在四十万亩以上，产业链总产值突破二十亿元，带动三万多户群众稳定增收。",
        ),
    ),
    _item(
        id="own_yubei",
        province="重庆市",
        city="",
        district="渝北区",
        title="以“小切口”推动基层治理“大变化”",
        authors=("黄建新",),
        role="中共重庆市渝北区委书记",
        date="2026-03-26",
        signature="（作者为中共重庆市渝北区委书记）",
        paragraphs=(
            "基层治理是国家治理的基石。近年来，渝北区坚持以党建引领基层治理，从群众身边的小事抓起，以“小切口”推动基层治理“大变化”。",
            "我们在全区推行“楼栋夜话”，社区党员干部每周选一个晚上走进楼栋，和居民面对面拉家常、听意见，把矛盾化解在萌芽状态。",
            "针对老旧小区停车难、充电难等问题，渝北区统筹机关企事业单位开放停车位两千余个，新建充电桩八百多个，群众的烦心事变成了暖心事。",
            "治理有温度，群众才有获得感。我们将继续在精细化服务上下功夫，让基层治理成果更多更公平地惠及群众。",
        ),
    ),
)


# --------------------------------------------------------------------------- corpus and seeds


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"})


def _heading_places(paragraphs: Sequence[str], headings: Sequence[str], seed_text: str) -> tuple[int, ...]:
    """Where each heading stands among the paragraphs, read off the seed file that printed them."""
    seed = _compact(seed_text).translate(_FULL)

    def at(text: str) -> int:
        return seed.find(_compact(text).translate(_FULL)[:16])

    starts = [at(p) for p in paragraphs]
    places = []
    for heading in headings:
        h = at(heading)
        places.append(sum(1 for s in starts if 0 <= s < h) if h >= 0 else len(paragraphs) // 2)
    return tuple(sorted(min(p, len(paragraphs) - 1) for p in places))


def corpus_articles(corpus: Path = CORPUS) -> tuple[CleanArticle, ...]:
    """The development corpus's truth as clean articles; () when the corpus is absent."""
    truth_file = corpus / "truth.json"
    if not truth_file.is_file():
        return ()
    return _corpus_articles(str(corpus))


@cache
def _corpus_articles(corpus: str) -> tuple[CleanArticle, ...]:
    truth = json.loads((Path(corpus) / "truth.json").read_text(encoding="utf-8"))
    out = []
    for t in truth["articles"]:
        seed = Path(corpus) / "seeds" / t["file"]
        seed_text = seed.read_text(encoding="utf-8", errors="replace") if seed.is_file() else ""
        region = t["region"]
        out.append(
            CleanArticle(
                id=f"corpus_{t['id']}",
                province=region["province"],
                city=region["city"],
                district=region["district"],
                title=t["title"],
                kicker=t["kicker"],
                subtitle=t["subtitle"],
                authors=tuple(t["authors"]),
                role=t["role"],
                date=t["date"],
                headings=tuple(t["headings"]),
                heading_at=_heading_places(t["paragraphs"], t["headings"], seed_text),
                paragraphs=tuple(t["paragraphs"]),
                signature=t.get("signature", ""),
            )
        )
    return tuple(out)


@cache
def golden_articles(records: Path = GOLDEN_RECORDS) -> tuple[CleanArticle, ...]:
    """The seeds' articles (tests/golden/docs/records.json) as clean articles; () when absent.

    Captions and credits are left out: the layouts print body paragraphs and headings only."""
    if not records.is_file():
        return ()
    data = json.loads(records.read_text(encoding="utf-8"))
    out = []
    for r in data["articles"]:
        paragraphs: list[str] = []
        headings: list[str] = []
        places: list[int] = []
        for block in r["blocks"]:
            if block["kind"] == "paragraph":
                paragraphs.append(block["text"])
            elif block["kind"] == "heading":
                headings.append(block["text"])
                places.append(len(paragraphs))
        if not paragraphs:
            continue
        region = r["region"]
        out.append(
            CleanArticle(
                id=f"seed_{r['id']}",
                province=region["province"],
                city=region["city"],
                district=region["district"],
                title=r["title"],
                kicker=r["kicker"],
                subtitle=r["subtitle"],
                authors=tuple(r["authors"]),
                role=r["role"],
                date=r["date"],
                headings=tuple(headings),
                heading_at=tuple(min(p, len(paragraphs) - 1) for p in places),
                paragraphs=tuple(paragraphs),
                signature=r.get("signature", ""),
            )
        )
    return tuple(out)


def article_pool() -> tuple[CleanArticle, ...]:
    """Every article a layout may print: own items first (where shrinking goes), then corpus, then seeds."""
    return ITEMS + corpus_articles() + golden_articles()


# --------------------------------------------------------------------------- choosers


class Chooser:
    """Makes a layout's choices and keeps a log of them (label, value) for the report."""

    def __init__(self) -> None:
        self.log: list[tuple[str, Any]] = []

    def _index(self, n: int) -> int:
        raise NotImplementedError

    def pick(self, label: str, options: Sequence[Any]) -> Any:
        assert options, label
        value = options[self._index(len(options)) if len(options) > 1 else 0]
        self.log.append((label, getattr(value, "id", value)))
        return value

    def integer(self, label: str, lo: int, hi: int) -> int:
        value = lo + self._index(hi - lo + 1)
        self.log.append((label, value))
        return value

    def flag(self, label: str) -> bool:
        return bool(self.pick(label, (False, True)))


class RandomChooser(Chooser):
    """Choices from a seeded random.Random; `indices` records them for replay and shrinking."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng
        self.indices: list[int] = []

    def _index(self, n: int) -> int:
        i = self.rng.randrange(n)
        self.indices.append(i)
        return i


class ReplayChooser(Chooser):
    """Replays recorded choice indices (clamped to each choice's range; 0 past the end)."""

    def __init__(self, indices: Sequence[int]) -> None:
        super().__init__()
        self.given = list(indices)
        self.indices: list[int] = []

    def _index(self, n: int) -> int:
        k = len(self.indices)
        i = min(self.given[k], n - 1) if k < len(self.given) else 0
        self.indices.append(i)
        return i


class ScriptChooser(Chooser):
    """The first option everywhere, except for the labels given a value (for literal examples)."""

    def __init__(self, **choices: Any) -> None:
        super().__init__()
        self.choices = choices

    def pick(self, label: str, options: Sequence[Any]) -> Any:
        if label in self.choices:
            want = self.choices[label]
            for option in options:
                if option == want or getattr(option, "id", None) == want:
                    self.log.append((label, getattr(option, "id", option)))
                    return option
            raise ValueError(f"{label}: {want!r} is not one of {list(options)!r}")
        return super().pick(label, options)

    def integer(self, label: str, lo: int, hi: int) -> int:
        if label in self.choices:
            value = int(self.choices[label])
            assert lo <= value <= hi, (label, value, lo, hi)
            self.log.append((label, value))
            return value
        return super().integer(label, lo, hi)

    def _index(self, n: int) -> int:
        return 0


class HypothesisChooser(Chooser):
    """Choices drawn by hypothesis: each an integer index, which shrinks towards the first option."""

    def __init__(self, draw: Callable[..., Any]) -> None:
        super().__init__()
        self.draw = draw

    def _index(self, n: int) -> int:
        from hypothesis import strategies as st

        return self.draw(st.integers(0, n - 1))


# --------------------------------------------------------------------------- damage


@dataclass(frozen=True, kw_only=True)
class Damage:
    """The damage dimensions, drawn independently of the family."""

    width: int | None = None  # hard wrap at this many full-width cells, or none
    blank: int = 1  # blank lines between blocks (0: none anywhere)
    newline: str = "\n"
    encoding: str = "utf-8"  # utf-8, utf-8-sig (with BOM), gb18030
    half_width: str = "none"  # none, some (， ：), all (， ： ； （ ） ？ ！) in the body
    indent: str = ""  # set before each paragraph's first line
    split_headings: bool = False  # a heading with a gap inside set on two lines


def draw_damage(ch: Chooser, family: str) -> Damage:
    wrapped = ch.flag("wrapped") if family != "pdf" else True
    width = (ch.integer("width", 15, 22) if family == "pdf" else ch.integer("width", 14, 24)) if wrapped else None
    blank = ch.pick("blank_lines", (1, 0, 2))
    newline = ch.pick("line_ends", ("\n", "\r\n"))
    encoding = ch.pick("encoding", ("utf-8", "utf-8-sig", "gb18030"))
    half_width = ch.pick("half_width", ("none", "some", "all", "typed"))
    if family == "gov_page":
        indent = "\u3000\u3000"
    else:
        indent = ch.pick("indent", ("", "\u3000\u3000", "  ", "    "))
    split = ch.flag("split_headings")
    return Damage(
        width=width, blank=blank, newline=newline, encoding=encoding, half_width=half_width, indent=indent, split_headings=split
    )


_HALF = {
    "none": {},
    "some": {"，": ",", "：": ":"},
    "all": {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "？": "?", "！": "!"},
    # typed with the input method in half-width mode throughout, full stops too
    "typed": {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "？": "?", "！": "!", "。": "."},
}


def half_width(text: str, how: str) -> str:
    """Type body punctuation half width (never between two figures, where it would change the reading)."""
    table = _HALF[how]
    if not table:
        return text
    out = []
    for i, c in enumerate(text):
        between_figures = 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
        out.append(table.get(c, c) if not between_figures else c)
    return "".join(out)


def cells(text: str) -> int:
    """Width in half cells: ASCII and Latin-1 one, everything else (Han, full-width marks) two."""
    return sum(1 if ord(c) < 0x2000 and c not in "“”‘’—…" else 2 for c in text)


def wrap(text: str, width: int, first: int) -> list[str]:
    """Hard-wrap a text in a column of `width` full-width cells (the first line `first` wide)."""
    lines: list[str] = []
    line, used, room = "", 0, 2 * first
    for c in re.findall(r"——|……|.", text, re.S):  # a two-em dash or ellipsis is never cut
        w = cells(c)
        if line and used + w > room:
            lines.append(line)
            line, used, room = "", 0, 2 * width
        line += c
        used += w
    lines.append(line)
    return lines


# --------------------------------------------------------------------------- rendering


@dataclass(frozen=True, kw_only=True)
class Piece:
    """A block of the file: fixed lines, a paragraph or a heading (body text gets the damage)."""

    kind: str  # lines | para | heading
    lines: tuple[str, ...] = ()
    text: str = ""
    indent: str | None = None  # a paragraph's indent; None: the damage's
    mark: str = ""  # set around a heading ('**')
    tail: str = ""  # after a paragraph's last line (a WeChat zero-width space)


def _lines(*lines: str) -> Piece:
    return Piece(kind="lines", lines=tuple(lines))


@dataclass(frozen=True, kw_only=True)
class Rendered:
    """One drawn layout: the file's text and bytes, and the articles as printed in it."""

    family: str
    text: str
    expected: tuple[CleanArticle, ...]
    damage: Damage
    choices: tuple[tuple[str, Any], ...] = ()
    indices: tuple[int, ...] = field(default=(), repr=False)

    def data(self) -> bytes:
        text = self.text.replace("\n", self.damage.newline)
        return text.encode(self.damage.encoding)

    def describe(self, max_lines: int = 15) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.choices)
        lines = self.text.split("\n")
        head = "\n".join(f"    | {ln}" for ln in lines[:max_lines])
        more = f"\n    | … ({len(lines) - max_lines} more lines)" if len(lines) > max_lines else ""
        return f"{self.family}: {shown}\n{head}{more}"

    def __repr__(self) -> str:
        return f"Rendered(\n{self.describe()}\n)"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """How hypothesis shows a falsifying layout: its choices and the file's first lines."""
        printer.text(repr(self))


def _weekday(iso: str) -> str:
    return "星期" + "一二三四五六日"[datetime.date.fromisoformat(iso).weekday()]


def _ymd(iso: str, pad: bool = False) -> str:
    y, m, d = iso.split("-")
    return f"{y}年{m}月{d}日" if pad else f"{int(y)}年{int(m)}月{int(d)}日"


def _page_date(articles: Sequence[CleanArticle]) -> str:
    return articles[0].date or DEFAULT_DATE


def _names(ch: Chooser, label: str, article: CleanArticle) -> str:
    """The names as a byline prints them: two spaces apart, two-character names maybe padded."""
    pad = any(len(n) == 2 for n in article.authors) and ch.flag(f"{label}.padded")
    sep = ch.pick(f"{label}.pad", ("  ", "\u3000")) if pad else ""
    return "  ".join(n[0] + sep + n[1] if pad and len(n) == 2 else n for n in article.authors)


def _byline(ch: Chooser, label: str, article: CleanArticle, marks: Sequence[str] = ("", "■")) -> str | None:
    """A byline: role and names (本报记者  张三  李四, ■某某县委书记  王五), bare names, or none."""
    if not article.authors:
        return None
    names = _names(ch, label, article)
    if article.signature or not article.role:
        return names  # a signed article gives the role in its closing signature
    return ch.pick(f"{label}.mark", marks) + article.role + "  " + names


def _body(article: CleanArticle, *, mark: str = "", tail: str = "", indent: str | None = None) -> list[Piece]:
    out = [
        Piece(kind="heading", text=text, mark=mark)
        if kind == "heading"
        else Piece(kind="para", text=text, tail=tail, indent=indent)
        for kind, text in article.body()
    ]
    if article.signature:
        out.append(_lines(article.signature))
    return out


def _colon(ch: Chooser, label: str) -> str:
    return ch.pick(label, ("：", ":"))


def _split_title(title: str) -> tuple[str, str]:
    """A title set over two lines: cut near the middle, never at a gap."""
    cut = len(title) // 2
    # As type is set: no line ends on an opening mark or starts with a closing one.
    while cut < len(title) - 1 and (
        title[cut - 1].isspace() or title[cut].isspace() or title[cut - 1] in "“‘（《" or title[cut] in "”’）》，、。：！？"
    ):
        cut += 1
    return title[:cut].rstrip(), title[cut:].lstrip()


def render_peoples_daily(ch: Chooser, articles: Sequence[CleanArticle]) -> tuple[list[Piece], list[CleanArticle]]:
    """人民日报 page: date line and page label, 本版责编 furniture, headline blocks, bylines, bodies."""
    date = _page_date(articles)
    label = ch.pick("page_label", ("第19版  党建", "第4版：要闻", "党建", "第11版  政治"))
    pieces = [_lines(f"{_ymd(date)} {_weekday(date)}"), _lines(label)]
    editors = ch.pick(
        "furniture", ("本版责编：周  晓  孙  越", "本版责编 杨帆 本版美编 冯雪", "本版责编：韩冬  版式设计：沈亦禾")
    )
    where = ch.pick("furniture_at", ("top", "bottom"))
    if where == "top":
        pieces.append(_lines(editors))
    expected = []
    for i, art in enumerate(articles):
        tag = f"a{i + 1}"
        body = art.title + "".join(art.headings) + "".join(art.paragraphs) + art.signature + art.role
        kicker_forms = []
        if art.kicker:
            # Without its dash a plain kicker is told by the title under it, which then names its place.
            kicker_forms = ["markdown", "plain", "not printed"]
        kicker_form = ch.pick(f"{tag}.kicker", kicker_forms) if kicker_forms else "none"
        title_form = "markdown" if kicker_form == "markdown" else ch.pick(f"{tag}.title", ("plain", "markdown"))
        printed_kicker = art.kicker if kicker_form in ("markdown", "plain") else ""
        places = ["dateline", "place alone"] if title_form == "plain" else ["dateline"]
        if evident(art, body):
            places.append("short dateline")
        dashless = kicker_form == "plain" and not art.kicker.endswith("——")
        # A later headline must show itself: by a mark, a place or a kicker; the first starts the page.
        if evident(art, body + printed_kicker) and (i == 0 or title_form == "markdown" or printed_kicker) and not dashless:
            places.append("none")
        place = ch.pick(f"{tag}.place", places)
        colon = _colon(ch, f"{tag}.colon") if place != "none" else ""
        shown = art.short_place if place == "short dateline" else art.place
        hash1 = "# " if title_form == "markdown" else ""
        if kicker_form == "markdown":
            pieces.append(_lines("## " + art.kicker))
        elif kicker_form == "plain":
            pieces.append(_lines(art.kicker))
        if place == "place alone":
            pieces.append(_lines(shown + colon, art.title))
        elif place in ("dateline", "short dateline"):
            pieces.append(_lines(hash1 + shown + colon + art.title))
        else:
            pieces.append(_lines(hash1 + art.title))
        if art.subtitle:
            pieces.append(_lines(art.subtitle))
        byline = _byline(ch, f"{tag}.byline", art)
        if byline:
            pieces.append(_lines(byline))
        pieces += _body(art)
        expected.append(replace(art, kicker=printed_kicker, date=date))
    if where == "bottom":
        pieces.append(_lines(editors))
    return pieces, expected


_OTHER_TITLES = (
    "全县村（社区）党组织书记示范培训班开班",
    "我县召开2026年度基层党建工作推进会",
    "组织部开展“我为群众办实事”主题党日活动",
)


def render_gov_page(ch: Chooser, articles: Sequence[CleanArticle]) -> tuple[list[Piece], list[CleanArticle]]:
    """A government site's page copied as text: breadcrumb, title, 发布时间 line, indented body, page furniture."""
    (art,) = articles
    date = art.date or DEFAULT_DATE
    crumbs = ch.pick(
        "breadcrumb",
        (
            "当前位置：首页 > 工作动态 > 基层党建",
            "当前位置：首页 > 新闻中心 > 乡镇动态",
            "您现在的位置：首页 > 党建工作 > 组织建设",
        ),
    )
    forms = (["title"] if evident(art, body_text(art)) else []) + ["place：title", "short place：title"]
    form = ch.pick("title_form", forms)
    if form == "title":
        title = art.title
    else:
        title = (art.place if form == "place：title" else art.short_place) + _colon(ch, "colon") + art.title
    publisher = ch.pick(
        "publisher", (f"中共{art.district}委组织部", f"{art.district}融媒体中心", f"{art.district}人民政府办公室")
    )
    gap = ch.pick("meta_gap", ("  ", "    "))
    fields = [f"发布时间：{date} {ch.pick('time', ('09:15', '15:45'))}", f"来源：{publisher}"]
    if art.authors:
        fields.append("作者：" + " ".join(art.authors))
    fields += [f"浏览次数：{ch.pick('views', (356, 2316))}", "【字体：大 中 小】"]
    head = ch.pick("page_head", ("fields", "title bar", "catalogue"))
    if head == "catalogue":
        # A disclosure page: the catalogue's fields over the title, labels spaced to one width.
        pieces = [_lines(crumbs, "索 引 号：11510822MB1234567X/2026-00012", "信息分类：工作动态",
                         f"发布机构：{publisher}", f"生成日期：{date}", "文　　号：", "主 题 词："), _lines(title)]  # fmt: skip
    elif head == "title bar":
        site = f"{art.district}人民政府"
        pieces = [_lines(f"{title} - {site}"), _lines(crumbs), _lines(title), _lines(gap.join(fields))]
    else:
        pieces = [_lines(crumbs), _lines(title), _lines(gap.join(fields))]
    pieces += _body(art, indent="\u3000\u3000")
    pieces += [
        _lines(ch.pick("editor_line", ("【责任编辑：李  明】", "（责任编辑：李明）", "【打印本页】  【关闭窗口】"))),
        _lines("扫一扫在手机打开当前页"),
        _lines(f"上一篇：{_OTHER_TITLES[0]}", f"下一篇：{_OTHER_TITLES[1]}"),
    ]
    if head == "catalogue":
        # The catalogue names the publishing office, not a writer: no author is printed.
        return pieces, [replace(art, kicker="", subtitle="", date=date, authors=(), role="")]
    # A department that publishes its own work on a government site is its author (the
    # project's reading of '来源：中共某某县委组织部'); a media centre is only where it ran.
    authors = art.authors or (() if publisher.endswith("融媒体中心") else (publisher,))
    return pieces, [replace(art, kicker="", subtitle="", date=date, authors=authors, role=art.role if art.authors else "")]


def render_wechat(ch: Chooser, articles: Sequence[CleanArticle]) -> tuple[list[Piece], list[CleanArticle]]:
    """A WeChat article copied as text: follow prompt, bold title, account and time, body, end furniture."""
    (art,) = articles
    date = art.date or DEFAULT_DATE
    short = _short_district(art.district)
    account = ch.pick("account", (f"{short}发布", f"{short}组工", "基层党建"))
    clock = ch.pick("time", ("18:30", "07:05"))
    header = ch.pick("post_header", ("under title", "over title", "original mark"))
    if header == "over title":
        # The account and its time copied first, then the title.
        pieces = [_lines(account, f"{_ymd(date, pad=True)} {clock}"), _lines(art.title)]
    elif header == "original mark":
        # WeChat's own header line, the poster's province bare after the time.
        province = _short_province(art.province)
        pieces = [
            _lines(f"**{art.title}**"),
            _lines(f"原创 {account} {_ymd(date, pad=True)} {clock} {province}"),
            _lines("听全文"),
        ]
    else:
        pieces = [
            _lines("点击上方蓝字关注我们"),
            _lines("\u200b"),
            _lines(f"**{art.title}**"),
            _lines(f"{account}  {_ymd(date, pad=True)} {clock}"),
            _lines("▼"),
        ]
    if art.authors:
        pieces.append(_lines("文 | " + "  ".join(art.authors)))
    tail = ch.pick("zero_width_tail", ("", "\u200b"))
    pieces += _body(art, mark="**", tail=tail)
    source = ch.pick("source", ("人民日报", f"{art.district}融媒体中心", "人民网"))
    pieces += [
        _lines(f"来源 | {source}"),
        _lines("编辑 | 王一鸣  审核 | 许文涛"),
        _lines(ch.pick("end_mark", ("阅读原文", "- THE END -", "— END —"))),
        _lines("往期回顾", f"·{_OTHER_TITLES[1]}", f"·{_OTHER_TITLES[2]}"),
        _lines("分享"),
        _lines("在看"),
        _lines("点赞"),
    ]
    return pieces, [replace(art, kicker="", subtitle="", date=date)]


def render_pdf(ch: Chooser, articles: Sequence[CleanArticle]) -> tuple[list[Piece], list[CleanArticle]]:
    """Newspaper PDF text: running header, title over two lines, byline, hard-wrapped body, page number."""
    date = _page_date(articles)
    paper = ch.pick("paper", ("城乡导报", "基层治理周刊", _short_province(articles[0].province) + "日报"))
    page = ch.pick("page", (3, 7))
    section = ch.pick("section", ("综合新闻", "基层", "党建"))
    pieces = [_lines(f"{_ymd(date)} {_weekday(date)}          {paper}          第{page}版  {section}")]
    expected = []
    for art in articles:
        kicker = art.kicker if art.kicker.endswith("——") else ""
        if kicker:
            pieces.append(_lines(kicker))
        pieces.append(_lines(*_split_title(art.title)) if len(art.title) >= 6 else _lines(art.title))
        if art.subtitle:
            pieces.append(_lines(art.subtitle))
        byline = _byline(ch, "byline", art, marks=("",))
        if byline:
            pieces.append(_lines(byline))
        pieces += _body(art)
        expected.append(replace(art, kicker=kicker, date=date))
    pieces.append(_lines(ch.pick("page_number", (str(page), f"— {page} —"))))
    return pieces, expected


def render_local_page(ch: Chooser, articles: Sequence[CleanArticle]) -> tuple[list[Piece], list[CleanArticle]]:
    """A local paper's page: `place  title` headline (山东龙口  蹚出…), or the title over a ■ byline."""
    date = _page_date(articles)
    dated = ch.flag("date_line")
    pieces = [_lines(f"{_ymd(date)} {_weekday(date)}")] if dated else []
    expected = []
    for i, art in enumerate(articles):
        tag = f"a{i + 1}"
        forms = ["place  title"]
        if art.authors and evident(art, body_text(art) + art.role):
            forms.append("title over ■ byline")
        form = ch.pick(f"{tag}.headline", forms)
        if form == "place  title":
            place = art.short_place if ch.pick(f"{tag}.place", ("short", "full")) == "short" else art.place
            gap = ch.pick(f"{tag}.gap", ("  ", "\u3000"))
            pieces.append(_lines(place + gap + art.title))
            if art.subtitle:
                pieces.append(_lines(art.subtitle))
            byline = _byline(ch, f"{tag}.byline", art)
        else:
            two = len(art.title) >= 6 and ch.flag(f"{tag}.title_two_lines")
            pieces.append(_lines(*_split_title(art.title)) if two else _lines(art.title))
            if art.subtitle:
                pieces.append(_lines(art.subtitle))
            byline = _byline(ch, f"{tag}.byline", art, marks=("■",))
        if byline:
            pieces.append(_lines(byline))
        pieces += _body(art)
        expected.append(replace(art, kicker="", date=date if dated else ""))
    return pieces, expected


def render_bare_markdown(ch: Chooser, articles: Sequence[CleanArticle]) -> tuple[list[Piece], list[CleanArticle]]:
    """A bare `# 标题` followed directly by the body."""
    (art,) = articles
    return [_lines(f"# {art.title}"), *_body(art)], [replace(art, kicker="", subtitle="", authors=(), date="")]


def render_broadcast(ch: Chooser, articles: Sequence[CleanArticle]) -> tuple[list[Piece], list[CleanArticle]]:
    """A broadcast digest's transcript: a dated programme header, then items under '### 地区：标题'."""
    date = _page_date(articles)
    pieces = [_lines(ch.pick("header", (f"# {_ymd(date)}新闻联播文字版", f"{_ymd(date)}新闻联播文字版")))]
    expected = []
    lead = ch.pick("lead", ("央视网消息（新闻联播）：", "央视网消息（新闻联播）:"))
    for i, art in enumerate(articles):
        tag = ch.pick(f"a{i + 1}.tag", ("", "【新思想引领新征程】", "【在习近平新时代中国特色社会主义思想指引下】"))
        place = art.short_place if ch.pick(f"a{i + 1}.place", ("short", "full")) == "short" else art.place
        plain = replace(art, headings=(), heading_at=(), signature="", kicker="", subtitle="", authors=(), role="")
        spoken = replace(plain, paragraphs=(lead + plain.paragraphs[0], *plain.paragraphs[1:]))
        pieces.append(_lines(f"### {tag}{place}：{art.title}"))
        pieces += _body(spoken)
        expected.append(replace(spoken, title=tag + art.title, date=date,
                                paragraphs=("央视网消息（新闻联播）：" + plain.paragraphs[0], *plain.paragraphs[1:])))  # fmt: skip
    return pieces, expected


Renderer = Callable[[Chooser, Sequence[CleanArticle]], tuple[list[Piece], list[CleanArticle]]]

FAMILIES: dict[str, Renderer] = {
    "peoples_daily": render_peoples_daily,
    "gov_page": render_gov_page,
    "wechat": render_wechat,
    "pdf": render_pdf,
    "local_page": render_local_page,
    "bare_markdown": render_bare_markdown,
    "broadcast": render_broadcast,
}
MAX_ARTICLES = {"peoples_daily": 3, "gov_page": 1, "wechat": 1, "pdf": 2, "local_page": 2, "bare_markdown": 1, "broadcast": 3}


def eligible(family: str, article: CleanArticle, position: int = 0) -> bool:
    """Tell whether a family can print an article so that a careful reader can recover it.

    Families that print no place need one the text itself shows; a later PDF article needs a
    byline to mark where it starts (its title is otherwise a two-line heading)."""
    if family in ("wechat", "bare_markdown"):
        return evident(article, body_text(article))
    if family == "pdf":
        shown = body_text(article) + ("" if article.signature else article.role)
        shown += article.kicker if article.kicker.endswith("——") else ""
        return evident(article, shown) and (position == 0 or bool(article.authors))
    return True


def _pick_articles(ch: Chooser, family: str, pool: Sequence[CleanArticle]) -> list[CleanArticle]:
    count = ch.integer("articles", 1, MAX_ARTICLES[family])
    chosen: list[CleanArticle] = []
    for i in range(count):
        options = [a for a in pool if a not in chosen and eligible(family, a, i)]
        if not options:
            break
        chosen.append(ch.pick(f"article{i + 1}", options))
    return chosen


# A column is widened by at most this many characters to end its paragraphs on short lines.
MAX_WIDEN = 6
PARAGRAPH_INDENT = "\u3000\u3000"


def _fit_width(width: int | None, damage: Damage, pieces: Sequence[Piece]) -> int | None:
    """Widen a column whose paragraph ends would look like full lines in text with no other paragraph mark.

    With no blank lines and no indentation, only a short last line ends a paragraph: a last line
    that fills the column leaves even a careful reader unable to tell, so no layout prints one.
    Real narrow columns (the development corpus) run a sentence on from a line one character
    short of full, so a last line must leave at least two characters empty."""
    if width is None or damage.blank or damage.indent:
        return width
    body = [p.text for p in pieces if p.kind in ("para", "heading")]
    for w in range(width, width + 40):
        if all(cells(wrap(t, w, w)[-1]) <= 2 * (w - 2) for t in body):
            return w
    return None


def _half(lines: Sequence[str], damage: Damage) -> list[str]:
    """Apply the half-width damage to lines already set (the conversion came after the layout)."""
    return [half_width(line, damage.half_width) for line in lines]


def assemble(pieces: Sequence[Piece], damage: Damage) -> str:
    """Set the pieces as one file's text (LF line ends; `Rendered.data` applies the damage's)."""
    blocks: list[list[str]] = []
    for p in pieces:
        if p.kind == "lines":
            blocks.append(list(p.lines))
            continue
        # The page was set with its full-width marks; a later conversion made some half width.
        text = p.text
        if p.kind == "heading":
            parts = re.split(r"\s+", text, maxsplit=1) if damage.split_headings and not p.mark else [text]
            if len(parts) == 2 and all(parts):
                blocks.append(_half(parts, damage))
            elif damage.width and not p.mark:
                blocks.append(_half(wrap(text, damage.width, damage.width), damage))
            else:
                blocks.append([p.mark + half_width(text, damage.half_width) + p.mark])
            continue
        indent = damage.indent if p.indent is None else p.indent
        if damage.width:
            first = damage.width - (cells(indent) + 1) // 2
            lines = wrap(text, damage.width, first)
        else:
            lines = [text]
        lines = _half(lines, damage)
        lines[0] = indent + lines[0]
        lines[-1] += p.tail
        blocks.append(lines)
    out: list[str] = []
    for n, block in enumerate(blocks):
        if n:
            out += [""] * damage.blank
        out += block
    return "\n".join(out) + "\n"


def render_layout(ch: Chooser, pool: Sequence[CleanArticle] | None = None) -> Rendered:
    """Draw a family, its articles and the damage, and render them as one file."""
    pool = article_pool() if pool is None else pool
    family = ch.pick("family", tuple(FAMILIES))
    articles = _pick_articles(ch, family, pool)
    if not articles:  # no article this family can print: fall back to the page family
        family = "peoples_daily"
        articles = [pool[0]]
    damage = draw_damage(ch, family)
    pieces, expected = FAMILIES[family](ch, articles)
    width = _fit_width(damage.width, damage, pieces)
    if damage.width and (width is None or width > damage.width + MAX_WIDEN):
        # No column near the drawn width ends every paragraph short: such a page marks its
        # paragraphs by indentation instead, as print does.
        damage = replace(damage, indent=PARAGRAPH_INDENT)
        ch.log.append(("indent (paragraph mark)", PARAGRAPH_INDENT))
    elif width != damage.width:
        damage = replace(damage, width=width)
        ch.log.append(("width (widened)", width))
    indices = tuple(getattr(ch, "indices", ()))
    return Rendered(
        family=family,
        text=assemble(pieces, damage),
        expected=tuple(expected),
        damage=damage,
        choices=tuple(ch.log),
        indices=indices,
    )


def layouts(pool: Sequence[CleanArticle] | None = None):
    """The hypothesis strategy: a rendered layout of articles from the pool."""
    from hypothesis import strategies as st

    @st.composite
    def strategy(draw):
        return render_layout(HypothesisChooser(draw), pool)

    return strategy()


# --------------------------------------------------------------------------- recovery and comparison


def recover(rendered: Rendered):
    """Recover the rendered file's bytes as the generator reads a seed (decode, normalise, parse)."""
    from build_docs.ingest import decode_seed
    from build_docs.recovery import normalise, parse

    from .helpers import _rules

    problems: list = []
    seed = decode_seed("seeds/layout.txt", rendered.data(), problems)
    if seed is None:
        return parse.Recovered(file="seeds/layout.txt", articles=(), notes=(), problems=tuple(problems))
    return parse.settle_orphans([parse.recover_file(normalise.normalise_seed(seed), _rules())])[0]


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _pair(expected: Sequence[CleanArticle], got: Sequence[Any]) -> list[tuple[CleanArticle, Any]]:
    """Pair each printed article with the recovered one of the same title, else district, else the next left over."""
    keys: tuple[Callable[[Any], str], ...] = (lambda a: _compact(a.title), lambda a: a.region.district)
    wants: tuple[Callable[[CleanArticle], str], ...] = (lambda w: _compact(w.title), lambda w: w.district)
    used: set[int] = set()
    found: dict[int, int] = {}
    for key, want_key in zip(keys, wants, strict=True):
        for n, want in enumerate(expected):
            if n in found:
                continue
            match = next((i for i, a in enumerate(got) if i not in used and key(a) == want_key(want)), None)
            if match is not None:
                found[n] = match
                used.add(match)
    rest = iter([i for i in range(len(got)) if i not in used])
    pairs = []
    for n, want in enumerate(expected):
        index = found[n] if n in found else next(rest, None)
        pairs.append((want, None if index is None else got[index]))
    return pairs


def compare(expected: Sequence[CleanArticle], recovered: Any) -> list[str]:
    """The differences between the articles as printed and as recovered; [] when exact.

    `recovered` is a parse.Recovered (its problems count too) or a list of Articles. Text is
    compared modulo white space; the date only where the layout printed it (expected date set).
    Each difference starts with the field it concerns (district, title, kicker, subtitle,
    authors, date, headings, paragraphs, articles, problems)."""
    articles = list(getattr(recovered, "articles", recovered))
    diffs: list[str] = []
    problems = list(getattr(recovered, "problems", ()))
    if problems:
        diffs.append("problems: " + "; ".join(_short(str(p), 120) for p in problems))
    if len(articles) != len(expected):
        diffs.append(
            f"articles: expected {len(expected)} {[_short(a.title, 20) for a in expected]}, "
            f"got {len(articles)} {[_short(a.title, 20) for a in articles]}"
        )
    for n, (want, got) in enumerate(_pair(expected, articles), start=1):
        at = f"[{n}] " if len(expected) > 1 else ""
        if got is None:
            diffs.append(f"articles: {at}'{_short(want.title, 30)}' not recovered")
            continue
        if got.region.district != want.district:
            diffs.append(f"district: {at}expected {want.district!r}, got {got.region.district!r}")
        for name in ("title", "kicker", "subtitle"):
            w, g = getattr(want, name), getattr(got, name)
            if _compact(w) != _compact(g):
                diffs.append(f"{name}: {at}expected {_short(w)!r}, got {_short(g)!r}")
        if [_compact(a) for a in want.authors] != [_compact(a) for a in got.authors]:
            diffs.append(f"authors: {at}expected {list(want.authors)}, got {list(got.authors)}")
        if want.date and got.date != want.date:
            diffs.append(f"date: {at}expected {want.date!r}, got {got.date!r}")
        blocks = got.blocks
        heads = [_compact(b.text) for b in blocks if b.kind == "heading"]
        if heads != [_compact(h) for h in want.headings]:
            diffs.append(f"headings: {at}expected {[_short(h, 20) for h in want.headings]}, got {[_short(h, 20) for h in heads]}")
        paras = [_compact(b.text) for b in blocks if b.kind == "para"]
        wanted = [_compact(p) for p in want.paragraphs]
        if paras != wanted:
            other = [b.kind.value for b in blocks if b.kind not in ("para", "heading")]
            i = next((k for k, (a, b) in enumerate(zip(wanted, paras, strict=False)) if a != b), min(len(wanted), len(paras)))
            w = wanted[i] if i < len(wanted) else "(none)"
            g = paras[i] if i < len(paras) else "(none)"
            extra = f" (+ {', '.join(other)})" if other else ""
            diffs.append(
                f"paragraphs: {at}expected {len(wanted)}, got {len(paras)}{extra}; "
                f"first difference at {i + 1}: expected {_short(w)!r}, got {_short(g)!r}"
            )
    return diffs


def field_of(diff: str) -> str:
    """The field a difference concerns ('paragraphs: …' -> 'paragraphs')."""
    return diff.split(":", 1)[0]


__all__ = [
    "CleanArticle",
    "ITEMS",
    "FAMILIES",
    "Rendered",
    "Damage",
    "Chooser",
    "RandomChooser",
    "ReplayChooser",
    "ScriptChooser",
    "article_pool",
    "corpus_articles",
    "golden_articles",
    "render_layout",
    "layouts",
    "recover",
    "compare",
    "field_of",
    "evident",
]
