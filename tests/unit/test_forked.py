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


def test_work_apart_runs_in_a_child_only_where_its_messages_reach_the_same_place(
        monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    """``findings build`` checks and stages apart, so the engine starts with that memory given
    back (issue 10.7); its messages still reach the build's standard error. Where the caller
    holds standard error as a text in memory, or another thread runs, the work stays here."""
    import io
    import sys

    def said() -> int:
        print("findings: warning: from the work", file=sys.stderr)
        return os.getpid()

    monkeypatch.setattr("threading.active_count", lambda: 1)
    assert forked.apart(said) != os.getpid()
    assert capfd.readouterr().err == "findings: warning: from the work\n"
    held = io.StringIO()
    monkeypatch.setattr(sys, "stderr", held)
    assert forked.apart(said) == os.getpid()
    assert held.getvalue() == "findings: warning: from the work\n"
    monkeypatch.undo()
    monkeypatch.setattr("threading.active_count", lambda: 2)
    assert forked.apart(os.getpid) == os.getpid()


def test_a_child_stopped_by_ctrl_c_prints_no_traceback(capfd: pytest.CaptureFixture[str]) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    with pytest.raises(forked.ChildFailedError, match="interrupted"):
        forked.start(interrupted).join()
    assert "Traceback" not in capfd.readouterr().err
