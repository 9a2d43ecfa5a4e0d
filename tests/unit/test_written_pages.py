"""``findings build`` renders and writes its pages on both cores (``site.stage_written``,
``findings.written_pages``): the same staging tree as one process writes, in one process where
a fork is not safe, and a child that fails is an error with its reason, never a hang or a
traceback, its scratch folder removed."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, ROOT
from findings import site, written_pages
from findings.cli import main
from findings.data import read_data
from findings.model import build_model
from findings.pages import plan_pages
from findings.project import load_project
from findings.render import PageRenderer, SiteOptions

Make = Callable[[Mapping[str, str | None]], Path]


def _tree(work: Path) -> dict[str, bytes]:
    return {p.relative_to(work).as_posix(): p.read_bytes()
            for p in sorted(work.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def one_process_tree(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The other study's staging tree as one process writes it, from its plan."""
    work = tmp_path_factory.mktemp("alone")
    findings = build_model(read_data(FIXTURES / "other-study", "data"))
    project = load_project(ROOT / "mkdocs.yml")
    site.stage_tree(site.plan_site(findings, project), project, work)
    return _tree(work)


def _stage_written(work: Path) -> dict[str, bytes]:
    findings = build_model(read_data(FIXTURES / "other-study", "data"))
    site.stage_written(findings, load_project(ROOT / "mkdocs.yml"), work)
    return _tree(work)


def test_pages_written_by_two_processes_are_the_tree_of_one(
        one_process_tree: dict[str, bytes], forks: list[object], tmp_path: Path) -> None:
    split = _stage_written(tmp_path)
    assert len(forks) == 1
    assert len(split) > 20
    assert split.keys() == one_process_tree.keys()
    assert [name for name in split if split[name] != one_process_tree[name]] == []


def test_a_process_with_other_threads_writes_its_pages_alone(
        one_process_tree: dict[str, bytes], forks: list[object], tmp_path: Path) -> None:
    """A fork copies only the thread that calls it (``forked.safe``)."""
    running = threading.Event()
    other = threading.Thread(target=running.wait)
    other.start()
    try:
        alone = _stage_written(tmp_path)
    finally:
        running.set()
        other.join()
    assert forks == []
    assert alone == one_process_tree


def test_a_file_the_child_cannot_write_is_raised_here_as_itself(
        forks: list[object], tmp_path: Path) -> None:
    findings = build_model(read_data(FIXTURES / "other-study", "data"))
    pages = plan_pages(findings)
    taken = tmp_path / "docs" / pages[1].source_path  # every other page is the child's
    taken.parent.mkdir(parents=True)
    taken.write_text("hand-written", encoding="utf-8")
    renderer = PageRenderer(findings, SiteOptions())
    with pytest.raises(FileExistsError, match=f"content/ already has {pages[1].source_path}"):
        written_pages.write_pages_in_two(renderer, pages, tmp_path / "docs")
    assert len(forks) == 1
    assert taken.read_text(encoding="utf-8") == "hand-written"


def test_a_child_that_dies_is_an_error_with_its_reason_and_no_traceback(
        data_folder: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str], forks: list[object]) -> None:
    """As the command runs: checked and staged in a child of its own (standard error is a
    file), which renders in two."""
    in_two, write = written_pages.write_pages_in_two, written_pages.write_pages
    stager: list[int] = []

    def noted(*args: Any) -> Any:
        stager.append(os.getpid())
        return in_two(*args)

    def dies_in_the_child(*args: Any) -> Any:
        if os.getpid() != stager[-1]:
            os._exit(9)  # as if killed: nothing sent back
        return write(*args)

    monkeypatch.setattr("findings.site.write_pages_in_two", noted)
    monkeypatch.setattr(written_pages, "write_pages", dies_in_the_child)
    out = tmp_path / "out"
    assert main(["build", "--data", str(data_folder({})), "--site-dir", str(out / "site")]) == 1
    err = capfd.readouterr().err
    assert len(forks) == 1  # here: the stager's own fork is in its copy of the list
    assert "Traceback" not in err
    assert err.splitlines()[-1] == ("findings: error: could not stage the site: the second "
                                    "process failed (wait status 2304): it sent nothing back")
    assert list(out.iterdir()) == []


def test_a_stager_that_dies_is_an_error_with_its_reason(
        data_folder: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str], forks: list[object]) -> None:
    """The child that checks and stages (``forked.apart``) killed: one line, exit status 1."""
    def dies(*args: Any) -> Any:
        os._exit(9)

    monkeypatch.setattr("findings.site.write_pages_in_two", dies)
    out = tmp_path / "out"
    assert main(["build", "--data", str(data_folder({})), "--site-dir", str(out / "site")]) == 1
    err = capfd.readouterr().err
    assert len(forks) == 1
    assert "Traceback" not in err
    assert err.splitlines()[-1] == ("findings: error: could not stage the site: the second "
                                    "process failed (wait status 2304): it sent nothing back")
