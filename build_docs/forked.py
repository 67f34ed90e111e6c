"""Run one computation on the other core while this process goes on with its own."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Aside(Generic[T]):
    """A call running in a forked child (or already done, where forking is not worth it)."""

    def __init__(self, call: Callable[[], T]) -> None:
        self._done: tuple[bool, object] | None = None
        if (
            cores() < 2
            or "fork" not in multiprocessing.get_all_start_methods()
            or multiprocessing.current_process().daemon  # may not have children
        ):
            self._done = _outcome(call)
            return
        # Forked, the child shares what this process has loaded (dictionaries, OpenCC) and the
        # call needs no pickling; only its result crosses the pipe.
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(call, send), daemon=True)
        self._process.start()
        send.close()

    def result(self) -> T:
        """Wait for the call and return its result, or raise what it raised."""
        if self._done is None:
            try:
                self._done = pickle.loads(self._receive.recv_bytes())
            except EOFError:
                self._process.join()
                self._done = (False, RuntimeError(f"worker process ended with exit code {self._process.exitcode}"))
            finally:
                self._receive.close()
                self._process.join()
        ok, value = self._done
        if not ok:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]


def _outcome(call: Callable[[], object]) -> tuple[bool, object]:
    try:
        return (True, call())
    except Exception as err:  # noqa: BLE001 - handed to the caller, who raises it
        return (False, err)


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _child(call: Callable[[], object], send) -> None:
    outcome = _outcome(call)
    try:
        data = pickle.dumps(outcome)
        pickle.loads(data)  # an error whose class cannot be rebuilt from its pickle fails here, not in the caller
    except Exception as err:  # noqa: BLE001 - an unpicklable result or error still reaches the caller
        ok, value = outcome
        what = f"{type(value).__name__}: {value}" if not ok else "result"
        data = pickle.dumps((False, RuntimeError(f"worker could not send back its {what} ({err!r})")))
    send.send_bytes(data)
    send.close()
