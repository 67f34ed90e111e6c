"""handbook.yml: loaded with the restricted loader, every error naming handbook.yml:LINE; `handbook new` writes a valid one."""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

import pytest

from build_docs import cli
from build_docs.errors import BuildError
from build_docs.folder import PACKAGE_ROOT, Folder
from build_docs.settings import DEFAULT, Settings, load_settings


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "handbook.yml"
    path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        load_settings(path)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: 手册\ncolour: red\n", "handbook.yml:2: unknown key 'colour'"),
        ("title: 手册\nsubtitle: 12\n", "handbook.yml:2: 'subtitle' is a text"),
        ("title: 2026\n", "handbook.yml:1: 'title' is a text"),
        ("title: ''\n", "handbook.yml:1: 'title' is empty"),
        ("subtitle: 说明\n", "handbook.yml:1: missing key 'title'"),
        ("title: 手册\ncompilers: {a: b}\n", "handbook.yml:2: 'compilers' is a list of names"),
        ("title: 手册\ncompilers:\n  - 张三\n  - [李四]\n", "handbook.yml:4: 'compilers' is a text"),
        ("title: 手册\nsite_url: example.org\n", "handbook.yml:2: site_url 'example.org' is not an http:// or https:// address"),
        ("title: 手册\ntraditional: s2tw\n", "handbook.yml:2: 'traditional' is a mapping"),
        ("title: 手册\ntraditional:\n  script: s2twp\n", "handbook.yml:3: traditional: script 's2twp' is not one of s2tw, s2t, s2hk"),
        ("title: 手册\ntraditional:\n  quotes: keep\n  colour: red\n", "handbook.yml:4: traditional: unknown key 'colour'"),
        ("title: 手册\ntitle: 又一个\n", "handbook.yml:2: invalid YAML: duplicate key 'title'"),
        ("title: &a 手册\nsubtitle: *a\n", "handbook.yml:1: invalid YAML: anchors are not allowed"),
        ("title: !!python/name:os.system 手册\n", "handbook.yml:1: invalid YAML: tag"),
        ("- title\n", "handbook.yml:1: expected a mapping of settings"),
        ("# nothing\n", "handbook.yml:1: empty"),
        ("title: 手册\nfooter: |\n  一行\n  两行\n", "handbook.yml:2: 'footer' is one line of at most 200 characters"),
        ("title: 手册\nintro: " + "长" * 1001 + "\n", "handbook.yml:2: 'intro' is one line of at most 1000 characters"),
    ],
)  # fmt: skip
def test_each_error_names_its_line(tmp_path, text, expected):
    problems = _problems(tmp_path, text)
    assert any(p.startswith(expected) for p in problems), problems


def test_every_error_is_reported_together(tmp_path):
    problems = _problems(tmp_path, "title: 手册\ncolour: red\nsubtitle: 3\ntraditional:\n  script: x\n")
    assert [p.split(":")[1] for p in problems] == ["2", "3", "5"]


def test_intro_and_footer_are_the_editors_own_words(tmp_path):
    path = tmp_path / "handbook.yml"
    path.write_text("title: 乡村治理样本\nintro: 收录本省乡村治理的做法。\nfooter: 某某编辑组 · 2026\n", encoding="utf-8")
    settings = load_settings(path)
    assert (settings.intro, settings.footer) == ("收录本省乡村治理的做法。", "某某编辑组 · 2026")
    assert (load_settings(tmp_path / "none.yml").intro, Settings(title="x").intro) == (DEFAULT.intro, "")


def test_a_folder_without_handbook_yml_is_the_projects_own_handbook(tmp_path):
    assert load_settings(tmp_path / "handbook.yml") == DEFAULT


def test_handbook_new_writes_a_folder_whose_settings_load(tmp_path, capsys):
    assert cli.main(["new", str(tmp_path / "book"), "--title", '他的"手册"']) == 0
    folder = Folder.at(tmp_path / "book")
    assert folder.seeds.is_dir() and (folder.root / "README.md").is_file()
    assert folder.settings() == Settings(title='他的"手册"')
    from build_docs.corrections import load_corrections

    assert load_corrections(folder.corrections, {}).entries == ()
    assert cli.main(["new", str(tmp_path / "book")]) == 1  # never over an existing folder
    assert "already holds" in capsys.readouterr().err


def test_a_folders_mkdocs_configs_give_every_path_absolute(tmp_path):
    folder = Folder.at(tmp_path / "book")
    hans, hant = folder.mkdocs_configs()
    for path in (hans, hant):
        config = json.loads(path.read_text(encoding="utf-8").split("\n", 1)[1])
        assert Path(config["INHERIT"]).parent == PACKAGE_ROOT
        paths = [config["docs_dir"], config["site_dir"], config["theme"]["custom_dir"], *config["hooks"]]
        paths += list(config["plugins"]["search"].values())
        assert all(Path(p).is_absolute() for p in paths)
        assert all(Path(p).is_relative_to(folder.root) or Path(p).is_relative_to(PACKAGE_ROOT) for p in paths)
