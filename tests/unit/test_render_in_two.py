"""``findings build`` renders its pages on both cores (``site.render_in_two``: a forked child
renders every other page): the files, their order and their search sections are the ones one
process makes; only where the process runs no other thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, ROOT
from findings import forked, site
from findings.data import read_data
from findings.model import build_model
from findings.project import load_project


def test_pages_rendered_in_two_processes_are_the_pages_of_one(forks: list[object]) -> None:
    findings = build_model(read_data(FIXTURES / "other-study", "data"))
    project = load_project(ROOT / "mkdocs.yml")
    alone = site.generate_files(findings, project)
    split = site.generate_files(findings, project, split=True)
    assert len(forks) == 1
    assert len(split) == len(alone) > 20
    assert [f.path for f in split] == [f.path for f in alone]
    assert [f.path for f, g in zip(split, alone, strict=True) if f != g] == []


def test_a_process_with_other_threads_renders_its_pages_alone(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A fork copies only the thread that calls it: where another thread runs (a server,
    a test runner's worker), ``build_site`` renders in one process."""
    findings = build_model(read_data(FIXTURES / "other-study", "data"))
    project = load_project(ROOT / "mkdocs.yml")
    forks: list[object] = []
    monkeypatch.setattr(forked, "start", forks.append)

    def engine(config_file: Path, *_: Any, **__: Any) -> None:
        (config_file.parent / "site").mkdir()

    monkeypatch.setattr(site, "build_with_engine", engine)
    running = threading.Event()
    other = threading.Thread(target=running.wait)
    other.start()
    try:
        site.build_site(findings, project, tmp_path / "site", FIXTURES / "other-study")
    finally:
        running.set()
        other.join()
    assert forks == []
    assert (tmp_path / "site").is_dir()
