"""Work done in a forked copy of this process, its result handed back through a pipe.

The machine the build runs on has two cores; the engine's page loop is most of a build. A
forked child starts with everything the parent has read (the pages, the menu, the theme), does
its share of the work and sends back what the parent needs of it, pickled. Only on systems
with ``fork`` (``can_fork``); elsewhere the caller does the work itself.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any


class ChildFailedError(Exception):
    """The forked child did not finish its work (its traceback is on standard error)."""


def can_fork() -> bool:
    return hasattr(os, "fork")


def safe() -> bool:
    """Whether this process may fork now: a system that forks, and no other thread here (a
    fork copies the calling thread alone, and a lock another one held would never be let go
    in the child: a test runner's worker, a server)."""
    return can_fork() and threading.active_count() == 1


class Child:
    """A forked child at work: ``join`` waits for it and gives what its work returned (or
    raises ``ChildFailedError``); ``stop`` ends it (the parent failed: its work is moot)."""

    def __init__(self, pid: int, read_end: int) -> None:
        self.pid, self.read_end = pid, read_end

    def join(self) -> Any:
        with os.fdopen(self.read_end, "rb") as pipe:
            try:  # read as it comes: the pickled bytes are never held whole
                outcome, value = pickle.load(pipe)
            except (EOFError, pickle.UnpicklingError, ValueError):
                outcome, value = "failed", "it sent nothing back"
        _, status = os.waitpid(self.pid, 0)
        if outcome != "done" or status != 0:
            raise ChildFailedError(f"the second process failed (wait status {status}): {value}")
        return value

    def stop(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.read_end)


def start(work: Callable[[], Any]) -> Child:
    """Run ``work`` in a forked child. The child never returns into the caller's code: it
    leaves with ``os._exit`` (no ``atexit`` handlers, no buffers of the parent written
    twice)."""
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child's coverage is not collected)
        os.close(read_end)
        _run_child(work, write_end)
    os.close(write_end)
    return Child(pid, read_end)


def apart(work: Callable[[], Any]) -> Any:
    """What ``work`` returns, worked out in a forked child where that is ``safe``, else here.
    The memory the work takes is given back whole when the child ends, not kept by this
    process. Its messages must reach where this process's go: not where standard output or
    error is a text held in memory (a caller capturing them in Python), which the child's
    writes would never reach."""
    if not runs_apart():
        return work()
    return start(work).join()


def runs_apart() -> bool:
    """Whether ``apart`` works in a child of its own here."""
    return safe() and _streams_are_files()


def _streams_are_files() -> bool:
    try:
        sys.stdout.fileno()
        sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    return True


def _run_child(work: Callable[[], Any], write_end: int) -> None:  # pragma: no cover
    status = 0
    try:
        outcome: tuple[str, Any] = ("done", work())
    except KeyboardInterrupt:  # Ctrl+C reached the parent too, which says so
        outcome, status = ("failed", "interrupted"), 130
    except BaseException as err:  # any failure is the parent's to report
        traceback.print_exc()
        outcome, status = ("failed", f"{type(err).__name__}: {err}"), 1
    try:
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # the parent has gone: nothing to tell it
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
