"""A build's scratch folder is removed by two processes at once (``findings.removal``): all
of it and nothing outside it (links removed, never followed), in one process where a fork is
not safe, and all of it still when the second process fails."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from findings import removal, write


def _scratch(root: Path) -> tuple[Path, Path]:
    """A scratch folder shaped like a build's (pages three levels down), with a link to a
    folder outside it; the scratch folder and that outside folder."""
    outside = root / "outside"
    (outside / "kept").mkdir(parents=True)
    (outside / "kept" / "file.txt").write_text("not the build's", encoding="utf-8")
    work = root / "work"
    for top in ("docs", "site"):
        for n in range(30):
            page = work / top / "quotes" / f"q{n}"
            page.mkdir(parents=True)
            (page / "index.html").write_text("page", encoding="utf-8")
    (work / "search-sections.json").write_text("{}", encoding="utf-8")
    (work / "docs" / "quotes" / "q0" / "link").symlink_to(outside / "kept")
    (work / "docs" / "link").symlink_to(outside)
    return work, outside


def _untouched(outside: Path) -> bool:
    return (outside / "kept" / "file.txt").read_text(encoding="utf-8") == "not the build's"


def test_the_scratch_folder_is_removed_by_two_processes_and_nothing_outside_it(
        tmp_path: Path, forks: list[object]) -> None:
    work, outside = _scratch(tmp_path)
    removal.remove_in_two(work)
    assert len(forks) == 1
    assert not work.exists()
    assert _untouched(outside)


def test_a_process_with_other_threads_removes_it_alone(
        tmp_path: Path, forks: list[object]) -> None:
    work, outside = _scratch(tmp_path)
    running = threading.Event()
    other = threading.Thread(target=running.wait)
    other.start()
    try:
        removal.remove_in_two(work)
    finally:
        running.set()
        other.join()
    assert forks == []
    assert not work.exists()
    assert _untouched(outside)


def test_what_a_failed_child_left_is_removed_here(
        tmp_path: Path, forks: list[object], monkeypatch: pytest.MonkeyPatch) -> None:
    work, outside = _scratch(tmp_path)
    parent, remove = os.getpid(), write.remove_paths

    def dies_in_the_child(paths: Any) -> None:
        if os.getpid() != parent:
            os._exit(9)
        remove(paths)

    monkeypatch.setattr(write, "remove_paths", dies_in_the_child)
    removal.remove_in_two(work)
    assert len(forks) == 1
    assert not work.exists()
    assert _untouched(outside)
