"""Declared corrections: one corrections.yml entry fixes each kind of wrong decision a rule can take.

Each case is a small seed written for the test that reproduces a failure seen on real
articles, built once as it is (the failure shows) and once with one entry in
corrections.yml beside the seeds (the failure is gone, and the correction is listed on
校勘记 and in records.json). Then every validation error names corrections.yml:LINE.
"""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

import pytest

from build_docs.build import BuildConfig, generate
from build_docs.corrections import load_corrections
from build_docs.errors import BuildError


def _build(tmp_path: Path, seed: str, corrections: str | None = None):
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    (folder / "t.txt").write_text(dedent(seed).lstrip("\n"), encoding="utf-8")
    path = tmp_path / "corrections.yml"
    if corrections is not None:
        path.write_text(dedent(corrections).lstrip("\n"), encoding="utf-8")
    elif path.exists():
        path.unlink()
    result = generate(BuildConfig(seeds=folder, shown_as="seeds", strict=corrections is not None))
    return result, json.loads(result.files["records.json"])


def _blocks(records: dict, n: int = 0) -> list[tuple[str, str]]:
    return [(b["kind"], b["text"]) for b in records["articles"][n]["blocks"]]


def _listed(result, records: dict, at: str, n: int = 0) -> None:
    """The correction is on 校勘记 under 编者订正 and in the article's record."""
    notes = result.files["notes.md"]
    assert "编者订正" in notes and at in notes.split("编者订正", 1)[1]
    assert any(c["at"] == at.removeprefix("seeds/") or c["at"] == at for c in records["articles"][n]["corrections"])


def test_byline_of_an_unknown_shape_read_as_a_heading_is_declared_as_the_author(tmp_path):
    seed = """
        湖北宜都市：茶园里的党员先锋队

        特约撰稿  李  明

        宜都市的茶园里，党员带头采茶。

        合作社统一收购鲜叶。
        """
    _, before = _build(tmp_path, seed)
    assert before["articles"][0]["authors"] == [] and "特约撰稿  李  明" in [t for _, t in _blocks(before)]
    result, after = _build(
        tmp_path,
        seed,
        """
        corrections:
          - at: seeds/t.txt:3
            authors: [李明]
            role: 特约撰稿
        """,
    )
    assert after["articles"][0]["authors"] == ["李明"] and after["articles"][0]["role"] == "特约撰稿"
    assert all("李  明" not in text for _, text in _blocks(after))
    _listed(result, after, "seeds/t.txt:3")


def test_subtitle_without_a_dash_read_as_text_is_declared_and_the_byline_below_is_read_again(tmp_path):
    seed = """
        湖北宜都市：茶园里的党员先锋队
        宜都市党员干部奋战抗洪一线见闻
        本报记者  田  野

        宜都市的茶园里，党员带头采茶。
        """
    result, _ = _build(tmp_path, seed)  # the line is taken for a second title, with the byline below it
    assert any("茶园里的党员先锋队" in n.message and n.kind.value == "review" for n in result.handbook.notes)
    result, after = _build(
        tmp_path,
        seed,
        """
        corrections:
          - at: seeds/t.txt:2
            subtitle: 宜都市党员干部奋战抗洪一线见闻
            note: 原版面此行为副题
        """,
    )
    article = after["articles"][0]
    assert article["subtitle"] == "宜都市党员干部奋战抗洪一线见闻" and article["authors"] == ["田野"]
    assert _blocks(after) == [("paragraph", "宜都市的茶园里，党员带头采茶。")]
    _listed(result, after, "seeds/t.txt:2")
    assert "原版面此行为副题" in result.files["notes.md"]


def test_signature_of_an_unknown_shape_taken_for_a_heading_is_declared_text(tmp_path):
    seed = """
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。

        （宜都市委书记  李明）

        合作社统一收购鲜叶。
        """
    _, before = _build(tmp_path, seed)
    assert ("heading", "（宜都市委书记  李明）") in _blocks(before)
    result, after = _build(
        tmp_path,
        seed,
        """
        corrections:
          - at: seeds/t.txt:5
            kind: paragraph
        """,
    )
    assert ("paragraph", "（宜都市委书记  李明）") in _blocks(after)
    _listed(result, after, "seeds/t.txt:5")


def test_short_sentence_taken_for_a_heading_is_declared_a_paragraph(tmp_path):
    seed = """
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。

        大家说干就干

        合作社统一收购鲜叶。
        """
    _, before = _build(tmp_path, seed)
    assert ("heading", "大家说干就干") in _blocks(before)
    result, after = _build(
        tmp_path,
        seed,
        """
        corrections:
          - at: seeds/t.txt:5
            kind: paragraph
            note: 这是一句话，不是小标题
        """,
    )
    assert ("paragraph", "大家说干就干") in _blocks(after)
    _listed(result, after, "seeds/t.txt:5")


def test_furniture_line_the_rules_missed_is_declared_boilerplate(tmp_path):
    seed = """
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。

        合作社统一收购鲜叶。

        本文稿件由宜都市融媒体中心审核发布
        """
    _, before = _build(tmp_path, seed)
    assert ("paragraph", "本文稿件由宜都市融媒体中心审核发布") in _blocks(before) or (
        "heading", "本文稿件由宜都市融媒体中心审核发布") in _blocks(before)  # fmt: skip
    result, after = _build(
        tmp_path,
        seed,
        """
        corrections:
          - at: seeds/t.txt:7
            kind: boilerplate
        """,
    )
    assert all("融媒体" not in text for _, text in _blocks(after))
    assert "本文稿件由宜都市融媒体中心审核发布" in result.files["notes.md"]  # quoted, nothing lost
    assert "编者订正" in result.files["notes.md"]


def test_body_matched_to_the_wrong_headline_is_declared_to_belong_to_the_other(tmp_path):
    seed = """
        湖北宜都市：茶园里的党员先锋队

        本报记者  田  野

        这里的党员带头采茶，合作社统一收购鲜叶。

        四川郫都区：川西林盘焕新颜

        本报记者  林  立

        这里的林盘院落里，村民办起了民宿。
        """
    _, before = _build(tmp_path, seed)
    first = before["articles"]
    assert {a["title"]: a["blocks"][0]["text"][:4] for a in first}["茶园里的党员先锋队"] == "这里的党"
    result, after = _build(
        tmp_path,
        seed,
        """
        corrections:
          - at: seeds/t.txt:5
            headline: seeds/t.txt:7
        """,
    )
    bodies = {a["title"]: a["blocks"][0]["text"] for a in after["articles"]}
    assert bodies["川西林盘焕新颜"].startswith("这里的党员带头采茶")
    assert bodies["茶园里的党员先锋队"].startswith("这里的林盘院落里")
    n = next(i for i, a in enumerate(after["articles"]) if a["title"] == "川西林盘焕新颜")
    _listed(result, after, "seeds/t.txt:5", n)


def test_wrong_fragment_move_is_declared_not_a_fragment(tmp_path):
    seed = """
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。

        ▲资料图片

        合作社统一收购鲜叶，茶农每亩增收两千多元。

        老党员常说，日子越过越好，靠的是大家一起干
        """
    _, before = _build(tmp_path, seed)
    assert len(_blocks(before)) == 2  # the last line took the paragraph after the picture as its tail
    result, after = _build(
        tmp_path,
        seed,
        """
        corrections:
          - at: seeds/t.txt:7
            not_fragment: true
        """,
    )
    assert [text for _, text in _blocks(after)] == [
        "宜都市的茶园里，党员带头采茶。",
        "合作社统一收购鲜叶，茶农每亩增收两千多元。",
        "老党员常说，日子越过越好，靠的是大家一起干",
    ]
    _listed(result, after, "seeds/t.txt:7")


def test_misprint_is_corrected_with_its_reason_and_the_changed_characters_are_declared(tmp_path):
    seed = """
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶叶叶。
        """
    result, after = _build(
        tmp_path,
        seed,
        """
        corrections:
          - at: seeds/t.txt:3
            text: {from: 采茶叶叶, to: 采茶}
            reason: 原版面重复排印了“叶叶”
        """,
    )
    assert _blocks(after) == [("paragraph", "宜都市的茶园里，党员带头采茶。")]
    assert "原版面重复排印了“叶叶”" in result.files["notes.md"]


def test_lead_join_and_metadata_overrides(tmp_path):
    seed = """
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。

        党建引领，从上推动。合作社成立了党支部。

        村民自主，自下发力。村里开起了便民服务站
        ，村民轮流值守。
        """
    result, after = _build(
        tmp_path,
        seed,
        """
        corrections:
          - at: seeds/t.txt:1
            date: 2025-03-04
            publisher: 人民日报
            region: 湖北省宜昌市宜都市
          - at: seeds/t.txt:5
            lead: none
          - at: seeds/t.txt:8
            join: true
        """,
    )
    article = after["articles"][0]
    assert article["date"] == "2025-03-04" and article["publisher"] == "人民日报"
    assert [t for _, t in _blocks(after)][-1] == "村民自主，自下发力。村里开起了便民服务站，村民轮流值守。"
    assert result.handbook.districts[0].articles[0].blocks[1].lead == ""


# -- validation ------------------------------------------------------------------------------------


def _problems(tmp_path: Path, corrections: str, seeds: dict[str, int] | None = None) -> list[str]:
    path = tmp_path / "corrections.yml"
    path.write_text(dedent(corrections).lstrip("\n"), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        load_corrections(path, seeds or {"t.txt": 10})
    return [str(p).replace(str(path), "corrections.yml") for p in caught.value.problems]


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("corrections:\n  - at: seeds/t.txt:3\n    colour: red\n", "corrections.yml:2: unknown key 'colour'"),
        ("corrections:\n  - at: seeds/t.txt:3\n    kind: sidebar\n", "corrections.yml:2: unknown kind 'sidebar'"),
        ("corrections:\n  - at: seeds/t.txt:3\n    lead: 12\n", "corrections.yml:2: 'lead' is 'none' or the lead sentence"),
        ("corrections:\n  - at: seeds/t.txt:99\n    kind: heading\n", "corrections.yml:2: 'seeds/t.txt:99': line 99 does not exist"),
        ("corrections:\n  - at: seeds/u.txt:3\n    kind: heading\n", "corrections.yml:2: 'seeds/u.txt:3': no seed file 'u.txt'"),
        ("corrections:\n  - at: line three\n    kind: heading\n", "corrections.yml:2: 'at' must name a seed line"),
        ("corrections:\n  - at: seeds/t.txt:3\n", "corrections.yml:2: 'seeds/t.txt:3': no action"),
        ("corrections:\n  - at: seeds/t.txt:3\n    text: {from: a, to: b}\n", "corrections.yml:2: a 'text' correction needs a 'reason'"),
        ("corrections:\n  - at: seeds/t.txt:3\n    date: March\n", "corrections.yml:2: 'date' is an ISO date"),
        ("corrections:\n  - at: seeds/t.txt:3\n    kind: heading\n  - at: seeds/t.txt:3\n    kind: paragraph\n",
         "corrections.yml:4: 'seeds/t.txt:3': 'kind: paragraph' contradicts 'kind: heading' at corrections.yml:2"),
        ("fixes: []\n", "corrections.yml:1: expected exactly one key 'corrections'"),
    ],
)  # fmt: skip
def test_each_invalid_entry_is_an_error_naming_the_line(tmp_path, yaml_text, expected):
    problems = _problems(tmp_path, yaml_text)
    assert any(p.startswith(expected) for p in problems), problems


def test_every_invalid_entry_is_reported_together(tmp_path):
    problems = _problems(
        tmp_path,
        """
        corrections:
          - at: seeds/t.txt:3
            colour: red
          - at: seeds/t.txt:99
            kind: heading
        """,
    )
    assert sorted({p.split(":")[1] for p in problems}) == ["2", "4"]


def test_an_entry_that_matches_nothing_is_an_error_naming_its_line(tmp_path):
    seed = """
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。
        """
    with pytest.raises(BuildError) as caught:
        _build(
            tmp_path,
            seed,
            """
            corrections:
              - at: seeds/t.txt:3
                lead: 这句话不在段首。
              - at: seeds/t.txt:2
                kind: heading
            """,
        )
    messages = [str(p) for p in caught.value.problems]
    assert any(":2: 'seeds/t.txt:3'" in m and "matches nothing" in m for m in messages), messages
    assert any(":4: 'seeds/t.txt:2'" in m and "matches nothing" in m for m in messages), messages


def test_a_region_the_gazetteer_cannot_resolve_is_an_error_naming_its_line(tmp_path):
    seed = """
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。
        """
    with pytest.raises(BuildError) as caught:
        _build(
            tmp_path,
            seed,
            """
            corrections:
              - at: seeds/t.txt:1
                region: 不存在的地方
            """,
        )
    assert any(":2: 'seeds/t.txt:1': region '不存在的地方' is not a place" in str(p) for p in caught.value.problems)


def test_a_review_item_is_cleared_by_the_correction_that_confirms_it(tmp_path):
    seed = """
        湖北宜都市：茶园里的党员先锋队

        宜都市的茶园里，党员带头采茶。

        大家说干就干

        合作社统一收购鲜叶。
        """
    before, _ = _build(tmp_path, seed)
    assert any(n.kind.value == "review" and n.source.start == 5 for n in before.handbook.notes)
    after, _ = _build(
        tmp_path,
        seed,
        """
        corrections:
          - at: seeds/t.txt:5
            kind: heading
        """,
    )
    assert not any(n.kind.value == "review" and n.source.start == 5 for n in after.handbook.notes)
