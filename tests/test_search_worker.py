"""The repairs to Material's search worker apply to the installed version, once, and only there."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from build_docs import search_worker

INSTALLED = sorted((Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers").glob("search.*.min.js"))


def test_the_installed_material_worker_takes_every_repair_exactly_once():
    assert INSTALLED, "Material's search worker is where the pinned version keeps it"
    source = INSTALLED[0].read_text(encoding="utf-8")
    fixed = search_worker.repaired(source)
    for repair in search_worker.REPAIRS:
        assert repair.old not in fixed and fixed.count(repair.new) == 1, repair.name


def test_repairing_twice_changes_nothing(tmp_path):
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / INSTALLED[0].name).write_text(INSTALLED[0].read_text(encoding="utf-8"), encoding="utf-8")
    assert search_worker.repair_site(tmp_path) == 1
    once = (workers / INSTALLED[0].name).read_text(encoding="utf-8")
    assert search_worker.repair_site(tmp_path) == 0
    assert (workers / INSTALLED[0].name).read_text(encoding="utf-8") == once


def test_a_worker_without_the_replaced_text_fails_with_the_repair_named():
    with pytest.raises(search_worker.WorkerChanged, match="segment the query's last word"):
        search_worker.repaired("function fe(t,e){return t}")


def test_the_segment_repair_lets_the_last_word_of_a_query_be_found():
    # Material's loop, as the repair leaves it, run on a small index (Python transcription).
    def wordcuts(query: str, index: set[str], inclusive: bool) -> list[int]:
        cuts = [0] * len(query)
        for s in range(len(query)):
            for o in range(s + 1, len(query) + (1 if inclusive else 0)):
                if query[s:o] in index:
                    cuts[s] = o - s
        return cuts

    index = {"党建", "引领"}
    assert wordcuts("党建引领", index, inclusive=False) == [2, 0, 0, 0]
    assert wordcuts("党建引领", index, inclusive=True) == [2, 0, 2, 0]
