"""Write a staging tree for the engine, and swap a finished site into place.

Nothing is ever written into ``content/`` or the output folder while building: the staging
tree lives beside the output (``.SITE-build-*``, marked with the process that owns it), and the
finished site replaces the old one only at the end, in one atomic exchange where the system
offers one (Linux), so a build killed at any point leaves the previous site complete. A
staging folder left by a killed build is removed by the next build.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import socket
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from findings.search_sections import SECTIONS_FILE, PageSections, write_sections
from findings.site_folder import check_replaceable, read_marker
from findings.superseded import check as give_way_to_a_newer_save
from findings.yamljson import yaml_json

STAGING_MARKER = ".findings-staging"


class UnsafePathError(ValueError):
    """A generated file's path would leave the docs folder: a bug, never written."""


@dataclass(frozen=True)
class StagedFile:
    path: str
    text: str
    #: A generated page's search sections, read from its body (``None``: the engine's search
    #: reads the page itself, or leaves it out).
    search: PageSections | None = None


@contextmanager
def staging_area(site_dir: Path, remove_later: bool = False) -> Iterator[Path]:
    """A scratch folder beside ``site_dir`` (same file system), removed afterwards
    (``remove_later``: by a thread of its own, see ``remove_in_background``); first, those
    that killed builds left there are removed."""
    work = open_staging(site_dir)
    try:
        yield work
    finally:
        if remove_later:
            remove_in_background(work)
        else:
            remove_scratch(work)


def open_staging(site_dir: Path) -> Path:
    """A new scratch folder beside ``site_dir``, marked as the build's own; first, those that
    killed builds left there are removed. Its opener removes it (``staging_area`` does)."""
    parent = site_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(site_dir.resolve())
    work = Path(tempfile.mkdtemp(prefix=_staging_prefix(site_dir), dir=parent))
    try:
        (work / STAGING_MARKER).write_text(json.dumps(owner()), encoding="utf-8")
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return work


def remove_scratch(folder: Path) -> None:
    """Remove a scratch folder, its marker (``STAGING_MARKER``) last: a removal cut short (the
    process killed, a full disk) leaves a folder the next run still knows as a killed run's
    and removes. Deleted in the file system's own order, the marker could go first and the
    rest stay for good, known as nobody's."""
    with suppress(OSError):
        remove_paths([entry for entry in folder.iterdir() if entry.name != STAGING_MARKER])
    shutil.rmtree(folder, ignore_errors=True)


def remove_paths(paths: Iterable[Path]) -> None:
    """Remove each path, a folder with all it holds; a link is removed, never followed."""
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with suppress(OSError):
                path.unlink()


def remove_in_background(folder: Path) -> None:
    """Remove ``folder`` in a thread of its own. For the preview: after a build at 10,000
    quotes it holds the old site and the staged pages, over 20,000 files, which took half a
    minute to delete on a busy disk, at a fraction of a core; a save made meanwhile need not
    wait. (The preview's scratch folder, which holds it, is removed when the preview stops.)"""
    threading.Thread(target=remove_scratch, args=(folder,), daemon=True).start()


def _staging_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-build-"


def owner() -> dict[str, Any]:
    """What marks a scratch folder as this process's (``STAGING_MARKER``): ``owner_gone``
    later tells a killed run's folder from a running one's."""
    return {"pid": os.getpid(), "host": socket.gethostname()}


def remove_stale_staging(site_dir: Path) -> list[Path]:
    """Remove the staging folders of builds of ``site_dir`` that were killed: named as ours,
    marked as ours, and owned by a process of this machine that is gone. If a build was killed
    between the two renames of a swap (systems without an atomic exchange), the old site is
    put back first. Returns what was removed."""
    removed = []
    for folder in sorted(site_dir.parent.glob(_staging_prefix(site_dir) + "*")):
        if folder.is_symlink() or not folder.is_dir() or not owner_gone(folder):
            continue
        old = folder / "old"
        if not site_dir.exists() and old.is_dir() and read_marker(old) is not None:
            old.rename(site_dir)
        remove_scratch(folder)
        removed.append(folder)
    return removed


def owner_gone(folder: Path) -> bool:
    try:
        marked = json.loads((folder / STAGING_MARKER).read_text(encoding="utf-8"))
        pid, host = int(marked["pid"]), str(marked["host"])
    except (OSError, ValueError, KeyError, TypeError):
        return False  # not ours, or not recognisably: leave it alone
    if host != socket.gethostname() or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, another user's
    return False


def staged_target(docs: Path, relative: str) -> Path:
    """Where a generated file goes in ``docs``; refuses a path that would leave it."""
    parts = Path(relative).parts
    target = docs / relative
    real_docs = os.path.realpath(docs)
    inside = os.path.realpath(target).startswith(real_docs + os.sep)
    if not relative or Path(relative).is_absolute() or ".." in parts or "\\" in relative \
            or not inside:
        raise UnsafePathError(f"refusing to write {relative!r}: it would leave the docs folder")
    return target


#: What the hand-written pages' Markdown goes through when staged (their item links resolved).
PageRewrite = Callable[[str, str], str]


def write_docs(docs: Path, content_dir: Path, files: list[StagedFile],
               rewrite: PageRewrite | None = None) -> None:
    """A docs folder: a copy of the hand-written pages (each Markdown page through
    ``rewrite``), then the generated files."""
    copy_content(docs, content_dir, rewrite)
    write_generated(docs, files)


def copy_content(docs: Path, content_dir: Path, rewrite: PageRewrite | None = None) -> None:
    """The hand-written pages copied into a new docs folder (each Markdown page through
    ``rewrite``), before any generated file is written there."""
    if content_dir.is_dir():
        shutil.copytree(content_dir, docs)
        if rewrite:
            _rewrite_pages(docs, rewrite)


def write_generated(docs: Path, files: list[StagedFile]) -> None:
    """The generated files, into a docs folder that holds the hand-written pages already: one
    that would take the place of a hand-written page is refused."""
    for staged in files:
        give_way_to_a_newer_save()  # 10,000 files at 10,000 quotes: the preview's save first
        target = staged_target(docs, staged.path)
        if target.exists():
            raise FileExistsError(f"content/ already has {staged.path}, a generated page")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(staged.text, encoding="utf-8")


def _rewrite_pages(docs: Path, rewrite: PageRewrite) -> None:
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        new = rewrite(text, page.relative_to(docs).as_posix())
        if new != text:
            page.write_text(new, encoding="utf-8")


def sync_docs(docs: Path, content_dir: Path, files: list[StagedFile],
              rewrite: PageRewrite | None = None, *,
              unchanged: frozenset[str] = frozenset(),
              listed: set[str] | None = None) -> list[str]:
    """Bring a docs folder up to date, touching only files whose text changed (so the engine
    can tell which pages to rebuild); returns the changed files' paths in ``docs``.
    ``unchanged``: generated files known to be up to date already (the preview's pages that
    a change did not touch), left as they are. ``listed``: the files ``docs`` holds, as the
    caller keeps them between calls (``listed_files`` first), brought up to date here; without
    it, the folder is walked."""
    wanted = {f.path: f.text.encode("utf-8") for f in files}
    if content_dir.is_dir():
        for page in content_dir.rglob("*"):
            if page.is_file():  # as bytes: content/ may hold pictures as well as pages
                relative = page.relative_to(content_dir).as_posix()
                data = page.read_bytes()
                if rewrite and relative.endswith(".md"):
                    data = rewrite(data.decode("utf-8"), relative).encode("utf-8")
                wanted.setdefault(relative, data)
    changed = _write_changed(docs, wanted, listed)
    present = listed_files(docs) if listed is None else listed
    for relative in sorted(present - wanted.keys() - unchanged):
        stale = staged_target(docs, relative)
        if stale.is_file():
            stale.unlink()
        changed.append(relative)
    if listed is not None:
        listed.intersection_update(unchanged)
        listed.update(wanted)
    return changed


def _write_changed(docs: Path, wanted: dict[str, bytes], listed: set[str] | None) -> list[str]:
    """Write the files of ``wanted`` whose bytes differ from those in ``docs``; returns their
    paths. The preview's full rebuild may stop between two (``findings.superseded``):
    ``listed`` holds each file once it is written."""
    changed = []
    for relative, data in wanted.items():
        give_way_to_a_newer_save()
        target = staged_target(docs, relative)
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            changed.append(relative)
            if listed is not None:
                listed.add(relative)
    return changed


def write_search_sections(work: Path, files: list[StagedFile]) -> None:
    """The generated pages' search sections, beside the engine's config (not in ``docs/``,
    which the engine publishes)."""
    write_sections(work / SECTIONS_FILE, {f.path: f.search for f in files
                                          if f.search is not None})


def listed_files(docs: Path) -> set[str]:
    """The files in ``docs``, as paths relative to it."""
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}


def write_config(path: Path, settings: dict[str, Any]) -> None:
    """The engine's config, as JSON (which every YAML reader accepts, titles whatever)."""
    path.write_text(yaml_json(settings, indent=2) + "\n", encoding="utf-8")


def replace_tree(new: Path, target: Path) -> None:
    """Put the finished site ``new`` (a folder in the staging area) where ``target`` is; the old
    site ends up in the staging area, which is removed afterwards. ``target`` is checked again
    first: a file put there while the engine ran is never deleted."""
    if not target.exists():
        new.rename(target)
        return
    check_replaceable(target, f"the site folder '{target}'")
    if _exchange(new, target):
        return
    # Without an atomic exchange: a build killed between these two renames leaves the old site
    # in the staging area, where the next build finds it and puts it back.
    target.rename(new.with_name("old"))
    new.rename(target)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2(RENAME_EXCHANGE)``); ``False`` where the
    system or file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                     rename_exchange)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))

