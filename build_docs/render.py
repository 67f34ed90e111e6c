"""Stage 5: render Markdown pages from the handbook records through Jinja2 templates."""
from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from pathlib import Path

import jinja2
import yaml

from .records import Handbook, Note

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

# Characters Markdown could read as inline markup anywhere in a line (emphasis, code, links,
# attribute lists, heading marks); escaped so seed text always shows literally.
MD_INLINE_RE = re.compile(r"([\\`*_{}\[\]#])")
# Line starts Markdown reads as a block: ordered list '1.' / '1)', bullet '-', '+', setext '='.
MD_LINE_START_RE = re.compile(r"^(\d+)([.)])|^([-+=])")
NOTE_KINDS = {
    "rematch": "标题与正文按内容重新匹配",
    "position": "按位置归属的正文",
    "dropped": "删除的重复标题",
    "fragment": "错位片段",
    "join": "段内空行接续",
    "wrap": "窄栏断行合并",
    "name": "署名排版空格",
    "check": "交叉核对",
    "headline": "标题区原文",
    "metadata": "版面元数据",
    "boilerplate": "删除的网页与版面样板文字",
}


def md_escape(text: str) -> str:
    """Escape a seed text so Markdown shows it literally."""
    text = html.escape(text, quote=False)  # & < > as entities: no HTML gets through
    text = MD_INLINE_RE.sub(r"\\\1", text)
    return MD_LINE_START_RE.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def html_text(text: str) -> str:
    """Escape a seed text for an HTML element."""
    return html.escape(text, quote=True)


def make_environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """Create the one Jinja environment used for every page."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # output is Markdown; text is escaped explicitly with md / h
    )
    env.filters["md"] = md_escape
    env.filters["h"] = html_text
    return env


def render_pages(handbook: Handbook, env: jinja2.Environment) -> dict[str, str]:
    """Render every page of the handbook: path under docs/ -> content."""
    pages: dict[str, str] = {}
    provinces = _group_by_province(handbook)
    article_count = sum(len(d.articles) for d in handbook.districts)
    pages["index.md"] = env.get_template("home.md.j2").render(
        provinces=provinces, district_count=len(handbook.districts), article_count=article_count,
        seed_count=len(handbook.seeds),
    )
    for district in handbook.districts:
        pages[f"districts/{district.slug}.md"] = env.get_template("district.md.j2").render(district=district)
    pages["notes.md"] = env.get_template("notes.md.j2").render(
        sections=_note_sections(handbook.notes), seeds=handbook.seeds,
        changes=_change_table(handbook.change_counts), declared=handbook.declared,
    )
    pages[".nav.yml"] = _nav(handbook, provinces)
    return pages


def _group_by_province(handbook: Handbook) -> list[tuple[str, list[tuple[str, list]]]]:
    """Province -> city -> districts, in slug order."""
    tree: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for d in handbook.districts:
        tree[d.region.province][d.region.city].append(d)
    return [(p, list(cities.items())) for p, cities in tree.items()]


def _note_sections(notes: tuple[Note, ...]) -> list[tuple[str, str, list[Note]]]:
    grouped: dict[str, list[Note]] = defaultdict(list)
    for note in notes:
        grouped[note.kind].append(note)
    return [(kind, title, sorted(grouped[kind], key=lambda n: (n.source.file, n.source.start)))
            for kind, title in NOTE_KINDS.items() if grouped[kind]]


def _change_table(counts) -> list[tuple[str, str, str, int]]:
    return sorted(counts)


def _nav(handbook: Handbook, provinces) -> str:
    """Write the navigation for the MkDocs hook: home, districts by province, notes."""
    nav: list = [{"首页": "index.md"}]
    for province, cities in provinces:
        entries = []
        for _, districts in cities:
            for d in districts:
                entries.append({d.region.district: f"districts/{d.slug}.md"})
        nav.append({province: entries})
    nav.append({"校勘记": "notes.md"})
    return yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False)
