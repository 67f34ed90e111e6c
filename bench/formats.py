"""Clean articles written as the files editors hold: saved web pages and Word documents.

Each writer takes a clean article (tests/layouts.py: the corpus's truth, the seeds' records, own
items) and returns the file's bytes and the article as a careful reader takes it from that file
(the `expected` of the layouts). The page templates are invented here, in the shapes of a county
government site, a WeChat article, a newspaper portal and an e-paper page; only the article's
own text comes from the truth, at run time. `FORMATS` maps a format to its writer; a PDF writer
joins when tests/pdf_fixtures.py is present.

`python bench/formats.py` builds every corpus article in every format as one seeds folder and
prints `formats: N of M exact` (also a row of `make corpus`).
"""

from __future__ import annotations

import html
import io
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.layouts import (  # noqa: E402
    DEFAULT_DATE,
    CleanArticle,
    ScriptChooser,
    _byline,
    _short_district,
    _ymd,
    body_text,
    compare,
    evident,
)

h = html.escape
SHAPES = ("gov", "wechat", "portal", "epaper")
OTHER_TITLES = ("全县村（社区）党组织书记示范培训班开班", "我县召开2026年度基层党建工作推进会")


def _title_line(art: CleanArticle) -> str:
    """The headline a page prints: the title, led by the full place when the text does not show it."""
    return art.title if evident(art, body_text(art)) else f"{art.place}：{art.title}"


def _body_html(art: CleanArticle, indent: str = "\u3000\u3000", bold_headings: bool = True) -> str:
    """The article's body as a page prints it: indented paragraphs, bold headings, the signature."""
    out = []
    for kind, text in art.body():
        if kind == "heading":
            out.append(f"<p><strong>{h(text)}</strong></p>" if bold_headings else f"<h3>{h(text)}</h3>")
        else:
            out.append(f"<p>{h(indent + text)}</p>")
    if art.signature:
        out.append(f"<p>{h(art.signature)}</p>")
    return "\n".join(out)


def gov_page(art: CleanArticle) -> tuple[str, CleanArticle]:
    """A county government site's article page: site head, breadcrumb, 发布时间 line, body, tools, footer."""
    date = art.date or DEFAULT_DATE
    site = f"{art.district}人民政府"
    publisher = f"中共{art.district}委组织部"
    fields = [f"发布时间：{date} 09:15", f"来源：{publisher}"]
    if art.authors:
        fields.append("作者：" + " ".join(art.authors))
    fields += ["浏览次数：356", "【字体：大 中 小】"]
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{h(art.title)}_{h(site)}</title>
<meta name="keywords" content="{h(site)},新闻中心">
<meta name="publishdate" content="{date}">
<link rel="stylesheet" href="{h(art.id)}_files/style.css">
<script>var _hmt = _hmt || []; (function() {{ var s = 1; }})();</script>
<style>.nav li {{ float: left; }}</style>
</head><body>
<div class="top"><div class="logo">{h(site)}</div>
<ul class="nav"><li><a href="#">首页</a></li><li><a href="#">政务公开</a></li><li><a href="#">新闻中心</a></li><li><a href="#">政务服务</a></li><li><a href="#">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="#">首页</a> &gt; <a href="#">新闻中心</a> &gt; <a href="#">乡镇动态</a></div>
<div class="article">
<h1 class="article-title">{h(_title_line(art))}</h1>
<div class="info">{"&nbsp;&nbsp;".join(h(f) for f in fields)}</div>
<div id="zoom" class="content">
{_body_html(art)}
</div>
<div class="tools">【<a href="#">打印本页</a>】&nbsp;&nbsp;【<a href="#">关闭窗口</a>】</div>
<div class="qr">扫一扫在手机打开当前页</div>
<div class="prenext"><p>上一篇：<a href="#">{OTHER_TITLES[0]}</a></p><p>下一篇：<a href="#">{OTHER_TITLES[1]}</a></p></div>
</div>
<div class="footer"><p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">隐私声明</a></p>
<p>主办单位：{h(site)}办公室　承办单位：{h(art.district)}融媒体中心</p>
<p>备案号：某ICP备12345678号-1　网站标识码：5100000001</p></div>
</body></html>
"""
    authors = art.authors or (publisher,)
    role = art.role if art.authors else ""
    return page, replace(art, kicker="", subtitle="", date=date, authors=authors, role=role)


def wechat_page(art: CleanArticle) -> tuple[str, CleanArticle]:
    """A WeChat article page: title, account and time, follow prompt, body, 阅读原文 and 在看."""
    date = art.date or DEFAULT_DATE
    account = f"{_short_district(art.district)}发布"
    byline = f"<p>文 | {h('  '.join(art.authors))}</p>" if art.authors else ""
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta property="og:title" content="{h(art.title)}">
<meta property="og:site_name" content="{h(account)}">
<meta name="author" content="{h(' '.join(art.authors))}">
<title>{h(art.title)}</title>
<script>var appmsg_type = "9"; var ct = "1775120000";</script>
</head><body id="activity-detail">
<div class="rich_media_inner">
<h1 class="rich_media_title" id="activity-name">{h(art.title)}</h1>
<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a id="js_name">{h(account)}</a></span> <em id="publish_time" class="rich_media_meta rich_media_meta_text">{_ymd(date, pad=True)} 18:30</em></div>
<div class="rich_media_content" id="js_content">
<section><span>点击上方蓝字关注我们</span></section>
{byline}
{_body_html(art, indent="")}
<p>来源 | {h(art.district)}融媒体中心</p>
<p>编辑 | 王一鸣  审核 | 许文涛</p>
</div>
<div class="rich_media_tool" id="js_toobar3"><a id="js_view_source">阅读原文</a><span>分享</span><span>在看</span><span>点赞</span></div>
</div>
<div class="qr_code_pc"><p>微信扫一扫<br>关注该公众号</p></div>
</body></html>
"""
    return page, replace(art, kicker="", subtitle="", date=date)


def portal_page(art: CleanArticle) -> tuple[str, CleanArticle]:
    """A newspaper portal's copy (people.com.cn-like): breadcrumb, kicker, title, date and 来源, 责编."""
    date = art.date or DEFAULT_DATE
    y, m, d = date.split("-")
    byline = _byline(ScriptChooser(), "byline", art, marks=("",))
    kicker = f'<h3 class="pre">{h(art.kicker)}</h3>' if art.kicker else ""
    subtitle = f'<h4 class="sub">{h(art.subtitle)}</h4>' if art.subtitle else ""
    author = f'<p class="author">{h(byline)}</p>' if byline else ""
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{h(_title_line(art))}--人民网</title>
<meta name="publishdate" content="{date}">
<meta name="source" content="来源：人民网－人民日报">
</head><body>
<div class="header"><a href="#">人民网</a> <a href="#">首页</a> <a href="#">时政</a> <a href="#">地方</a> <a href="#">党建</a></div>
<div class="path"><a href="#">人民网</a>&gt;&gt;<a href="#">人民日报</a>&gt;&gt;<a href="#">第19版</a></div>
<div class="col col-1 fl">
{kicker}
<h1>{h(_title_line(art))}</h1>
{subtitle}
{author}
<div class="channel"><div class="col-1-1 fl">{y}年{m}月{d}日05:12&nbsp;&nbsp;|&nbsp;&nbsp;来源：<a href="#">人民网－人民日报</a></div></div>
<div class="rm_txt_con cf">
{_body_html(art, bold_headings=False)}
</div>
<div class="edit cf">(责编：王一鸣、许文涛)</div>
</div>
<div class="footer"><p>人民网版权所有，未经书面授权禁止使用</p><p>Copyright © 1997-2026 by www.people.com.cn. all rights reserved</p></div>
</body></html>
"""
    return page, replace(art, date=date)


def epaper_page(art: CleanArticle) -> tuple[str, CleanArticle]:
    """An e-paper article page: paper and date head, 版面导航 with the page's other titles, the article, 上一版/下一版."""
    date = art.date or DEFAULT_DATE
    byline = _byline(ScriptChooser(), "byline", art, marks=("",))
    kicker = f"<h3>{h(art.kicker)}</h3>" if art.kicker else ""
    subtitle = f"<h2>{h(art.subtitle)}</h2>" if art.subtitle else ""
    author = f"<p>{h(byline)}</p>" if byline else ""
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{h(art.title)}--人民日报</title>
<meta name="publishdate" content="{date}"></head><body>
<div class="paper-top"><span>人民日报</span> <span>{_ymd(date)} {"星期四"}</span></div>
<div class="swiper-box"><p class="left">第19版：地方</p><p class="right"><a href="#">上一版</a> <a href="#">下一版</a></p></div>
<div class="news-list"><h4>版面导航</h4><ul><li><a href="#">{OTHER_TITLES[0]}</a></li><li><a href="#">{OTHER_TITLES[1]}</a></li></ul></div>
<div class="article">
{kicker}
<h1>{h(_title_line(art))}</h1>
{subtitle}
{author}
<div id="ozoom">
{_body_html(art)}
</div>
</div>
<div class="attachment"><p>《人民日报》（{_ymd(date)} 第 19 版）</p></div>
<div class="copyright"><p>人民日报社概况 | 关于人民网 | 报社招聘 | 招聘英才 | 广告服务 | 合作加盟 | 供稿服务 | 网站声明 | 网站地图 | 留言板 | English</p></div>
</body></html>
"""
    return page, replace(art, date="")


PAGES: dict[str, Callable[[CleanArticle], tuple[str, CleanArticle]]] = {
    "gov": gov_page,
    "wechat": wechat_page,
    "portal": portal_page,
    "epaper": epaper_page,
}


def write_html(art: CleanArticle, index: int = 0) -> tuple[bytes, CleanArticle]:
    """One article as a saved page of the index-th shape (rotating through SHAPES)."""
    page, expected = PAGES[SHAPES[index % len(SHAPES)]](art)
    return page.encode("utf-8"), expected


def write_docx(art: CleanArticle, index: int = 0) -> tuple[bytes, CleanArticle]:
    """One article as a district's Word submission: Title style, kicker, byline, Heading 2 headings, body."""
    from docx import Document

    doc = Document()
    if art.kicker:
        doc.add_paragraph(art.kicker)
    doc.add_paragraph(_title_line(art), style="Title")
    if art.subtitle:
        doc.add_paragraph(art.subtitle, style="Subtitle")
    byline = _byline(ScriptChooser(), "byline", art, marks=("",))
    if byline:
        doc.add_paragraph(byline)
    date = art.date or DEFAULT_DATE
    doc.add_paragraph(_ymd(date))
    for kind, text in art.body():
        if kind == "heading":
            doc.add_paragraph(text, style="Heading 2")
        else:
            doc.add_paragraph(text)
    if art.signature:
        doc.add_paragraph(art.signature)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue(), replace(art, date=date)


Writer = Callable[[CleanArticle, int], tuple[bytes, CleanArticle]]
FORMATS: dict[str, tuple[str, Writer]] = {"html": (".html", write_html), "docx": (".docx", write_docx)}


def formats() -> dict[str, tuple[str, Writer]]:
    """The writers present: html and docx, and pdf where WeasyPrint can typeset the pages (make pdf-deps)."""
    found = dict(FORMATS)
    try:
        import weasyprint  # noqa: F401  # the pages are typeset with it

        from tests import pdf_fixtures  # type: ignore[attr-defined]
    except ImportError:
        return found
    writer = getattr(pdf_fixtures, "write_pdf", None)
    if writer is not None:
        found["pdf"] = (".pdf", writer)
    return found


def build(folder: Path, files: Sequence[tuple[str, bytes]]):
    """Build a seeds folder of the given files (lenient) and return the handbook's articles by file name."""
    from build_docs.build import BuildConfig, recover_records
    from build_docs.progress import Stages

    seeds = folder / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        (seeds / name).write_bytes(data)
    config = BuildConfig(seeds=seeds, shown_as="seeds", strict=False, cache_dir=folder / "cache",
                         corrections=folder / "none.yml")  # fmt: skip
    records = recover_records(config, Stages())
    by_file: dict[str, list] = {}
    for district in records.handbook.districts:
        for article in district.articles:
            by_file.setdefault(Path(article.headline.file).name, []).append(article)
    return by_file, records


def run(articles: Sequence[CleanArticle], only: Sequence[str] = ()) -> dict:
    """Write every article in every format present (or only those named), build them as one folder, count the exact ones."""
    present = {k: v for k, v in formats().items() if not only or k in only}
    files: list[tuple[str, bytes]] = []
    expected: dict[str, tuple[str, CleanArticle]] = {}
    for fmt, (suffix, writer) in present.items():
        for i, art in enumerate(articles):
            data, want = writer(art, i)
            name = f"{art.id}-{fmt}{suffix}"
            files.append((name, data))
            expected[name] = (fmt, want)
    with tempfile.TemporaryDirectory() as work:
        by_file, _ = build(Path(work), files)
    rows: dict[str, dict] = {fmt: {"exact": 0, "total": 0, "failures": []} for fmt in present}
    for name, (fmt, want) in expected.items():
        diffs = compare([want], by_file.get(name, []))
        rows[fmt]["total"] += 1
        if diffs:
            rows[fmt]["failures"].append((name, diffs[:3]))
        else:
            rows[fmt]["exact"] += 1
    return {"rows": rows, "pdf": "pdf" in formats()}


def report(result: dict) -> str:
    """The `formats: N of M exact` line, one row per format, and the first differences of each failure."""
    rows = result["rows"]
    exact = sum(r["exact"] for r in rows.values())
    total = sum(r["total"] for r in rows.values())
    lines = [f"formats: {exact} of {total} exact"]
    for fmt, r in rows.items():
        lines.append(f"  {fmt}: {r['exact']} of {r['total']} exact")
        for name, diffs in r["failures"][:10]:
            lines.append(f"    {name}: " + "; ".join(diffs))
    if not result["pdf"]:
        lines.append("  pdf: not measured: WeasyPrint, which typesets the pages, is not installed (make pdf-deps)")
    return "\n".join(lines) + "\n"


def main() -> int:
    """Score the corpus articles in every format; print the report."""
    from tests.layouts import corpus_articles

    articles = corpus_articles()
    if not articles:
        print("formats: no corpus (../shared/corpus/truth.json); nothing to measure", file=sys.stderr)
        return 0
    print(report(run(articles)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
