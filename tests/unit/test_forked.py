"""``findings.forked``: work done in a forked child comes back to the parent; a child that
fails says so to the parent (never a silent half result), and a child can be stopped."""

from __future__ import annotations

import os
import time

import pytest

from findings import forked


def test_what_the_child_returns_reaches_the_parent() -> None:
    child = forked.start(lambda: {"pid": os.getpid(), "text": "x" * 1_000_000})
    value = child.join()
    assert value["pid"] != os.getpid()
    assert len(value["text"]) == 1_000_000


def _fails() -> None:
    raise ValueError("page 7 would not render")


def test_a_failing_child_fails_the_parent(capfd: pytest.CaptureFixture[str]) -> None:
    child = forked.start(_fails)
    with pytest.raises(forked.ChildFailedError, match="page 7 would not render"):
        child.join()
    assert "Traceback" in capfd.readouterr().err


def test_a_stopped_child_is_gone() -> None:
    child = forked.start(lambda: time.sleep(60))
    child.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(child.pid, 0)
