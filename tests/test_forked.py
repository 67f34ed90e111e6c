"""A call run aside in a forked child returns its result, or raises what it raised, in the caller."""

from __future__ import annotations

import os

import pytest

from build_docs.forked import Aside, cores


def test_the_result_comes_back_from_the_child_with_the_callers_state():
    loaded = {"网格": "網格"}  # built before the fork, never pickled to the child
    aside = Aside(lambda: (os.getpid(), loaded["网格"] * 2))
    pid, value = aside.result()
    assert value == "網格網格"
    assert pid != os.getpid() or cores() < 2
    assert aside.result() == (pid, value)  # asked again, the same result


def test_an_error_in_the_call_is_raised_in_the_caller():
    def fails() -> None:
        raise ValueError("seeds/x.txt:3: bad line")

    with pytest.raises(ValueError, match="seeds/x.txt:3"):
        Aside(fails).result()


def test_a_child_that_dies_is_reported_not_waited_for():
    if cores() < 2:
        pytest.skip("one core: the call runs in this process")
    with pytest.raises(RuntimeError, match="exit code 7"):
        Aside(lambda: os._exit(7)).result()


def test_a_build_error_in_the_call_comes_back_with_its_problems():
    from build_docs.errors import BuildError, Problem, raise_if

    def fails() -> None:
        raise_if([Problem(file="seeds/x.txt", line=3, message="bad line")])

    with pytest.raises(BuildError) as caught:
        Aside(fails).result()
    assert [str(p) for p in caught.value.problems] == ["seeds/x.txt:3: bad line"]


class _TwoArguments(Exception):
    def __init__(self, where: str, why: str):
        super().__init__(f"{where}: {why}")


def test_an_error_that_cannot_be_rebuilt_in_the_caller_is_reported_with_its_message():
    def fails() -> None:
        raise _TwoArguments("seeds/x.txt:3", "bad line")

    if cores() < 2:
        pytest.skip("one core: the call runs in this process and raises its own error")
    with pytest.raises(RuntimeError, match=r"_TwoArguments: seeds/x.txt:3: bad line"):
        Aside(fails).result()
