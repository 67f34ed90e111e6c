"""A new editor's handbook folder for the tests: three articles written for them, in three source shapes.

A newspaper page with its running head and a news dateline, a county government site's page
copy, a WeChat copy. The texts are invented for these tests (no seed, corpus or web text).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HANDBOOK = Path(sys.executable).with_name("handbook")  # the console script pip installed beside this Python

TITLE = "乡村治理样本"
# file name -> text; each article's title is in TITLES.
SEEDS = {
    "01-paper.txt": """\
2026年3月12日 星期四          江淮日报          第5版  基层

安徽舒城：茶园里开起“板凳会”

本报记者  刘  青

本报合肥3月11日电  在安徽省六安市舒城县，茶农们把议事桌搬进了茶园。

舒城县各村每月召开一次“板凳会”，村干部和茶农围坐一起，商量茶叶收购价和道路修缮。

去年以来，全县共召开“板凳会”420余场，解决群众反映的问题860多个。
""",
    "02-county-site.txt": """\
当前位置：首页 > 政务动态 > 基层治理

永嘉县：楠溪江畔的“红色管家”

发布时间：2026-02-18 10:20    来源：中共永嘉县委组织部    浏览次数：128    【字体：大 中 小】

　　在浙江省温州市永嘉县，每个小区都有一支由党员组成的“红色管家”队伍。

　　永嘉县推行“红色物业”联席会议制度，每季度通报一次小区治理情况。

【打印本页】  【关闭窗口】
""",
    "03-wechat.txt": """\
点击上方蓝字关注我们

**山歌唱出邻里情**

罗城发布  2026年01月20日 19:05

春节临近，广西壮族自治区河池市罗城仫佬族自治县的村寨里山歌不断。

罗城县把山歌会办成了邻里议事会，村民在对歌中说出心里话。

来源 | 罗城县委宣传部

阅读原文
""",
}
TITLES = ("茶园里开起“板凳会”", "楠溪江畔的“红色管家”", "山歌唱出邻里情")

# A second editor's folder: another title, another article.
OTHER_TITLE = "城郊社区手记"
OTHER_SEEDS = {
    "a.txt": """\
# 菜市场里的议事角

近年来，江西省赣州市章贡区在菜市场设立“议事角”，摊主和居民有事就在这里商量。

章贡区已在12个菜市场建起议事角，收集意见300余条。
""",
}
OTHER_TITLES = ("菜市场里的议事角",)

# Bytes that are neither UTF-8 nor GB18030, on the second line of a file.
UNDECODABLE = "第一行是标题\n".encode() + b"\xff\xfe\xfd broken\n"


def handbook(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the handbook command as an editor would, from cwd."""
    run = subprocess.run([str(HANDBOOK), *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    if check:
        assert run.returncode == 0, run.stdout + run.stderr
    return run


def new_folder(where: Path, cwd: Path, title: str = TITLE, seeds: dict[str, str] | None = None) -> Path:
    """`handbook new` a folder and put seed files into it."""
    handbook("new", str(where), "--title", title, cwd=cwd)
    for name, text in (SEEDS if seeds is None else seeds).items():
        (where / "seeds" / name).write_text(text, encoding="utf-8")
    return where
