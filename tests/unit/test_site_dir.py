"""``build --site-dir``: the site folder is the build's own (content contract v3).

Refusals run ``findings.cli.main`` in-process. Their data folder holds a content error, so a
check made after any work would show that error (exit 1) instead of the one-line refusal.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import write_folder
from findings.cli import main
from findings.site_folder import MARKER, foreign_entries

BAD_DATA = {"quotes/q.yml": "id: Bad Id\n"}


def _tree(root: Path) -> dict[str, str]:
    """Every entry under ``root`` and what it holds: to show that nothing was touched."""
    found = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[key] = "-> " + str(path.readlink())
        elif path.is_file():
            found[key] = path.read_text(encoding="utf-8", errors="replace")
        else:
            found[key] = "/"
    return found


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of its own (config, content/, overrides/), a data folder with an error, and a
    current folder with a file in it: every folder a refused build could have destroyed."""
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "content" / "about.md").write_text("# About\n")
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n")
    (root / "mkdocs.yml").write_text("site_name: Test\ndocs_dir: content\n"
                                     "theme:\n  name: material\n  custom_dir: overrides\n")
    write_folder(root / "data", BAD_DATA)
    (root / "here").mkdir()
    (root / "here" / "notes.txt").write_text("my notes")
    monkeypatch.chdir(root / "here")
    return root


def _refused(site_dir: str, project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = _tree(project.parent)
    code = main(["build", "--data", str(project / "data"), "--config",
                 str(project / "mkdocs.yml"), "--site-dir", site_dir])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith("findings: error: --site-dir")
    assert _tree(project.parent) == before
    return err


@pytest.mark.parametrize(("site_dir", "says"), [
    ("{root}/data", "is the data folder"),
    ("{root}", "is the config's folder"),
    ("{root}/..", "contains the data folder"),
    ("{root}/content", "is content/"),
    ("{root}/overrides", "is overrides/"),
    (".", "is the current folder"),
    ("..", "is the config's folder"),
    ("/", "contains the data folder"),
    ("{root}/content/site", "is inside content/"),
    ("{root}/data/site", "is inside the data folder"),
    ("{root}/data/quotes", "is inside the data folder"),
    ("{root}/overrides/site", "is inside overrides/"),
    ("/proc/x", "is on a system folder"),
    ("", "expected a folder name"),
])
def test_a_site_dir_that_holds_or_is_an_input_is_refused_before_any_work(
        site_dir: str, says: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(site_dir.format(root=project), project, capsys)
    assert says in err


def test_a_site_dir_reached_through_a_link_is_compared_by_where_it_leads(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "here" / "innocent").symlink_to(project / "data")
    assert "is the data folder" in _refused("innocent", project, capsys)


def test_a_folder_the_build_did_not_write_is_refused(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "mine").mkdir()
    (project / "mine" / "thesis.tex").write_text("years of work")
    assert "was not written by `findings build`" in _refused("../mine", project, capsys)


def test_a_built_folder_holding_a_file_the_build_did_not_write_is_refused(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("built")
    (site / MARKER).write_text("# Written by `findings build`: every file it wrote here. The "
                               "next build replaces this folder only while it holds nothing "
                               "else.\nindex.html\n")
    assert foreign_entries(site) == []
    (site / "assets").mkdir()
    (site / "assets" / "logo.svg").write_text("<svg/>")
    err = _refused("../site", project, capsys)
    assert "holds 2 file(s) that `findings build` did not write, such as 'assets/'" in err


def test_a_file_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "is a file, not a folder" in _refused("notes.txt", project, capsys)


def test_a_non_empty_folder_with_valid_data_is_never_deleted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The defect itself: with data that builds, the folder used to be replaced."""
    data = write_folder(tmp_path / "data", {})
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("years of work")
    code = main(["build", "--data", str(data), "--site-dir", str(mine)])
    assert code == 2
    assert _tree(mine) == {"thesis.tex": "years of work"}
    assert capsys.readouterr().out == ""


@pytest.mark.engine
def test_build_fills_a_new_folder_then_replaces_it_through_a_link(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A missing folder (and its parents) is created; the next build replaces it; a site folder
    that is a link is followed and stays a link. A data file dated after 2106 (beyond gzip's
    time stamps, which the engine writes) does not stop the build."""
    monkeypatch.chdir(tmp_path)
    data = write_folder(tmp_path / "data", {})
    far_future = 2**32 + 86_400
    os.utime(data / "quotes" / "q.yml", (far_future, far_future))
    assert main(["build", "--data", "data", "--site-dir", "offline/findings-site"]) == 0, \
        capsys.readouterr().err
    built = tmp_path / "offline" / "findings-site"
    assert (built / "index.html").is_file()
    assert foreign_entries(built) == []
    (built / "index.html").write_text("from the first build")
    (tmp_path / "site").symlink_to(built)
    assert main(["build", "--data", "data"]) == 0, capsys.readouterr().err
    assert (tmp_path / "site").is_symlink()
    assert "from the first build" not in (built / "index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "offline", "site"]
    assert sorted(p.name for p in built.parent.iterdir()) == ["findings-site"]
