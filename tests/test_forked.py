"""A call run aside in a forked child returns its result, or raises what it raised, in the caller."""

from __future__ import annotations

import os

import pytest

from build_docs.forked import Aside


def test_the_result_comes_back_from_the_child_with_the_callers_state():
    loaded = {"网格": "網格"}  # built before the fork, never pickled to the child
    aside = Aside(lambda: (os.getpid(), loaded["网格"] * 2))
    pid, value = aside.result()
    assert value == "網格網格"
    assert pid != os.getpid() or len(os.sched_getaffinity(0)) < 2
    assert aside.result() == (pid, value)  # asked again, the same result


def test_an_error_in_the_call_is_raised_in_the_caller():
    def fails() -> None:
        raise ValueError("seeds/x.txt:3: bad line")

    with pytest.raises(ValueError, match="seeds/x.txt:3"):
        Aside(fails).result()


def test_a_child_that_dies_is_reported_not_waited_for():
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core: the call runs in this process")
    with pytest.raises(RuntimeError, match="exit code 7"):
        Aside(lambda: os._exit(7)).result()
