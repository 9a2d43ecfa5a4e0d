"""The engine's page loops shared with a forked child (``findings.split_pages``): a page the
menu lists is read here before the loops are split, any other only by the process that renders
it, and what the end of the build checks of a page the child read (the ids it holds, its links
to anchors) is here by then, as if read here. In one process where a fork is not safe."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from findings import engine
from findings.split_pages import SplitPages


@dataclass(eq=False)
class _File:
    src_uri: str
    page: Any = None

    @property
    def inclusion(self) -> Any:
        return self

    def is_excluded(self) -> bool:
        return False


@dataclass(eq=False)
class _Page:
    file: _File
    present_anchor_ids: set[str] | None = None
    links_to_anchors: dict[Any, dict[str, str]] | None = None
    built_by: list[int] = field(default_factory=list)


def _site(size: int) -> list[_File]:
    files = [_File(f"p{n}.md") for n in range(size)]
    for file in files:
        file.page = _Page(file)
    return files


def test_unlisted_pages_are_read_by_the_process_that_renders_them(
        forks: list[object]) -> None:
    files = _site(7)
    listed = {id(files[0].page), id(files[3].page)}
    read_here: list[str] = []

    def read(page: _Page, config: Any, all_files: list[_File], dirty: bool) -> None:
        if os.getpid() == parent:
            read_here.append(page.file.src_uri)
        page.present_anchor_ids = {f"in-{page.file.src_uri}"}
        # Each page links to an anchor of the next (by its file, as the engine keeps them).
        target = all_files[(all_files.index(page.file) + 1) % len(all_files)]
        page.links_to_anchors = {target: {"there": f"{target.src_uri}#there"}}

    parent = os.getpid()
    split = SplitPages(lambda *args, **kwargs: None, lambda: None, read,
                       lambda page: id(page) in listed)
    for file in files:
        split.read(file.page, "config", files, False)
    assert read_here == ["p0.md", "p3.md"]  # the menu's pages, before the split
    for file in files:
        split(file.page, "config", files, "nav", "env", False, excluded=False)
    assert len(forks) == 1
    assert read_here == ["p0.md", "p3.md", "p2.md", "p4.md", "p6.md"]  # and this share
    for at, file in enumerate(files):
        target = files[(at + 1) % len(files)]
        assert file.page.present_anchor_ids == {f"in-{file.src_uri}"}
        assert file.page.links_to_anchors == {target: {"there": f"{target.src_uri}#there"}}
        assert next(iter(file.page.links_to_anchors)) is target  # this process's own file


@pytest.fixture
def another_thread() -> Iterator[None]:
    running = threading.Event()
    other = threading.Thread(target=running.wait)
    other.start()
    try:
        yield
    finally:
        running.set()
        other.join()


def test_a_process_with_other_threads_keeps_the_engines_loops_whole(
        another_thread: None) -> None:
    """A fork copies only the thread that calls it (``forked.safe``)."""
    import mkdocs.commands.build as engine_build

    loops = engine_build._build_page, engine_build._populate_page
    with engine._pages_in_two({"plugins": {}, "strict": False}, True):
        assert (engine_build._build_page, engine_build._populate_page) == loops
