"""The writer: generated files stay inside docs/, the site is swapped in whole, and what a
killed build leaves behind is cleaned up by the next one, never anything else."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, write_folder
from findings.cli import main
from findings.site_folder import MARKER, SiteFolderError, foreign_entries, write_marker
from findings.write import (
    STAGING_MARKER,
    StagedFile,
    UnsafePathError,
    remove_stale_staging,
    replace_tree,
    staging_area,
    sync_docs,
    write_docs,
)


@pytest.mark.parametrize("path", ["../escaped.md", "{tmp}/escaped.md", "a/../../escaped.md",
                                  "", "quotes\\..\\..\\escaped.md", "link/escaped.md"])
def test_a_generated_file_can_never_leave_the_docs_folder(tmp_path: Path, path: str) -> None:
    """Ids are slugs, so this cannot happen today; the writer refuses it anyway, whether the
    path climbs out or goes through a link in the docs folder that leads out."""
    docs, outside = tmp_path / "work" / "docs", tmp_path / "outside"
    outside.mkdir()
    path = path.format(tmp=tmp_path)  # an absolute path, in the test's own folder
    if not path.startswith("link/"):
        with pytest.raises(UnsafePathError):
            write_docs(docs, tmp_path / "no-content", [StagedFile(path, "written")])
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "link").symlink_to(outside)
    with pytest.raises(UnsafePathError):
        sync_docs(docs, tmp_path / "no-content", [StagedFile(path, "written")])
    assert not list(outside.iterdir())
    assert not (tmp_path / "escaped.md").exists()
    assert not (tmp_path / "work" / "escaped.md").exists()


def test_ids_as_generated_are_written(tmp_path: Path) -> None:
    write_docs(tmp_path / "docs", tmp_path / "none", [StagedFile("quotes/a-b/index.md", "x")])
    assert (tmp_path / "docs" / "quotes" / "a-b" / "index.md").read_text() == "x"


def _staging(parent: Path, name: str, pid: int | None, host: str | None = None) -> Path:
    folder = parent / name
    (folder / "site").mkdir(parents=True)
    if pid is not None:
        owner = {"pid": pid, "host": host or socket.gethostname()}
        (folder / STAGING_MARKER).write_text(json.dumps(owner))
    return folder


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_only_our_stale_staging_folders_are_removed(tmp_path: Path) -> None:
    site, dead = tmp_path / "out", _dead_pid()
    stale = _staging(tmp_path, ".out-build-dead", dead)
    kept = [
        _staging(tmp_path, ".out-build-alive", os.getppid()),
        _staging(tmp_path, ".out-build-unmarked", None),
        _staging(tmp_path, ".out-build-elsewhere", dead, host="another-machine"),
        _staging(tmp_path, ".other-build-dead", dead),
        _staging(tmp_path, "out-build-dead", dead),
    ]
    assert remove_stale_staging(site) == [stale]
    assert not stale.exists()
    assert all(folder.is_dir() for folder in kept)


class _Killed(BaseException):
    """The process stopping mid-removal (SIGKILL, a power cut)."""


class _MarkerFirst:
    """``os.scandir`` as a file system may list a folder: the staging marker first."""

    def __init__(self, scandir: Callable[..., Any], path: Any) -> None:
        with scandir(path) as listed:
            self.entries = sorted(listed, key=lambda entry: entry.name != STAGING_MARKER)

    def __enter__(self) -> Iterator[os.DirEntry[str]]:
        return iter(self.entries)

    def __exit__(self, *exc: object) -> None:
        pass

    def __iter__(self) -> Iterator[os.DirEntry[str]]:
        return iter(self.entries)


def test_a_cleanup_cut_short_is_finished_by_the_next_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever order the file system lists a killed build's folder in, its marker is
    removed last: a cleanup killed midway leaves a folder the next build still knows as a
    killed build's, not one known as nobody's and left for good."""
    site, stale = tmp_path / "out", _staging(tmp_path, ".out-build-dead", _dead_pid())
    for name in ("docs", "site"):
        (stale / name).mkdir(exist_ok=True)
        (stale / name / "index.html").write_text("a page")
    scandir, unlink = os.scandir, os.unlink
    removed: list[Any] = []

    def killed_on_the_second_file(path: Any, *args: Any, **kwargs: Any) -> None:
        if removed:
            raise _Killed
        removed.append(path)
        unlink(path, *args, **kwargs)
    monkeypatch.setattr(os, "scandir", lambda path=".": _MarkerFirst(scandir, path))
    monkeypatch.setattr(os, "unlink", killed_on_the_second_file)
    with pytest.raises(_Killed):
        remove_stale_staging(site)
    monkeypatch.undo()
    assert (stale / STAGING_MARKER).is_file()
    assert remove_stale_staging(site) == [stale] and not stale.exists()


def test_the_previews_staging_folder_is_removed_without_holding_up_the_next_save(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``remove_later`` (the preview), leaving the staging area does not wait for its
    files to be deleted (tens of seconds on a busy disk at 10,000 quotes), and they are
    deleted all the same; without it (``findings build``) they are gone on leaving."""
    may_remove, removing, removers = threading.Event(), threading.Event(), []
    remove = shutil.rmtree

    def held_up(path: Path, ignore_errors: bool = False) -> None:
        removers.append(threading.current_thread())
        removing.set()
        may_remove.wait(timeout=60)
        remove(path, ignore_errors=ignore_errors)
    monkeypatch.setattr(shutil, "rmtree", held_up)
    with staging_area(tmp_path / "site", remove_later=True) as work:
        (work / "page.html").write_text("<p>old</p>", encoding="utf-8")
    assert removing.wait(timeout=60) and work.is_dir()
    assert removers and removers[0] is not threading.current_thread()
    may_remove.set()
    removers[0].join(timeout=60)
    assert not work.exists()
    with staging_area(tmp_path / "site") as work:
        pass
    assert not work.exists() and removers[-1] is threading.current_thread()


def test_an_old_site_caught_between_two_renames_is_put_back(tmp_path: Path) -> None:
    site = tmp_path / "out"
    stale = _staging(tmp_path, ".out-build-dead", _dead_pid())
    old = stale / "old"
    old.mkdir()
    (old / "index.html").write_text("the old site")
    write_marker(old)
    remove_stale_staging(site)
    assert (site / "index.html").read_text() == "the old site"
    assert not stale.exists()


def test_a_file_added_while_the_engine_ran_stops_the_swap(tmp_path: Path) -> None:
    site, new = tmp_path / "out", tmp_path / ".out-build-x" / "site"
    site.mkdir()
    write_marker(site)
    (site / "notes.txt").write_text("added by hand during the build")
    new.mkdir(parents=True)
    (new / "index.html").write_text("new")
    with pytest.raises(SiteFolderError):
        replace_tree(new, site)
    assert (site / "notes.txt").read_text() == "added by hand during the build"


def test_replace_tree_swaps_in_the_new_site(tmp_path: Path) -> None:
    site, new = tmp_path / "out", tmp_path / ".out-build-x" / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    write_marker(site)
    new.mkdir(parents=True)
    (new / "index.html").write_text("new")
    replace_tree(new, site)
    assert (site / "index.html").read_text() == "new"
    assert (new / "old.html").read_text() == "old"  # left in the staging area, removed with it


KILLED_BUILD = textwrap.dedent("""
    import os, signal, sys
    import findings.site
    from findings.cli import main

    where = sys.argv[1]
    engine, replace = findings.site.build_with_engine, findings.site.replace_tree

    def build_then_die(*args, **kwargs):
        engine(*args, **kwargs)
        if where == "after-engine":
            os.kill(os.getpid(), signal.SIGKILL)

    def swap_then_die(new, target):
        replace(new, target)
        os.kill(os.getpid(), signal.SIGKILL)

    findings.site.build_with_engine = build_then_die
    if where == "after-swap":
        findings.site.replace_tree = swap_then_die
    main(sys.argv[2:])
""")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file()}


def _killed_build(where: str, data: Path, site: Path) -> list[str]:
    """Run a real build in a process that is killed (SIGKILL) at ``where``; returns the staging
    folders left beside the site."""
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BUILD, where, "build", "--data", str(data),
         "--site-dir", str(site)], cwd=ROOT, capture_output=True, text=True, timeout=300,
        check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".out-build-"))


@pytest.mark.end_to_end
def test_a_killed_build_leaves_a_complete_site_and_the_next_build_cleans_up(
        tmp_path: Path) -> None:
    """Killed once the engine has built the new site, the old site is there file for file;
    killed just after the swap, the new one is there, whole. Each leaves its staging folder,
    which the next build removes."""
    data, site = write_folder(tmp_path / "data", {}), tmp_path / "out"
    assert main(["build", "--data", str(data), "--site-dir", str(site)]) == 0
    old = _files(site)
    theme = data / "themes" / "one.yml"
    theme.write_text(theme.read_text().replace("Theme one", "Theme renamed"))

    first = _killed_build("after-engine", data, site)
    assert len(first) == 1
    assert _files(site) == old
    assert foreign_entries(site) == []

    second = _killed_build("after-swap", data, site)
    assert len(second) == 1 and second != first  # the killed build's was removed
    assert "Theme renamed" in (site / "index.html").read_text()
    assert foreign_entries(site) == []
    assert MARKER in {p.name for p in site.iterdir()}
    remove_stale_staging(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]


def test_the_preview_copies_pictures_in_content(tmp_path: Path) -> None:
    """``serve`` read content/ as text: a picture beside the pages (any file that is not
    UTF-8) stopped every rebuild with a UnicodeDecodeError, so the preview showed nothing."""
    content = tmp_path / "content"
    content.mkdir()
    picture = b"\x89PNG\r\n\x1a\n\xff\xfe"
    (content / "logo.png").write_bytes(picture)
    (content / "about.md").write_text("# About\n\n![logo](logo.png)\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    assert len(sync_docs(docs, content, [StagedFile("index.md", "# Home\n")])) == 3
    assert (docs / "logo.png").read_bytes() == picture
    assert (docs / "about.md").read_text(encoding="utf-8").startswith("# About")
    assert sync_docs(docs, content, [StagedFile("index.md", "# Home\n")]) == []
