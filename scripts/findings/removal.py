"""A build's scratch folder removed by two processes at once.

After a build at 10,000 quotes the scratch folder holds the staged pages and the site it
replaced: over 40,000 files and folders. Removing them is the disk's work more than the
processor's, one file at a time, and a second process removing the other half overlaps its
waits with the first's (about a third less time than one process). Only the scratch folder
is removed, as ``shutil.rmtree`` would: links are removed, never followed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from findings import forked

#: How deep the folder is divided into parts for the two processes: at 3, the pages'
#: own folders (``docs/quotes/<id>``, ``site/quotes/<id>``).
DEPTH = 3


def remove_in_two(folder: Path) -> None:
    """``shutil.rmtree(folder, ignore_errors=True)``, every other part removed by a forked
    child where a fork is ``forked.safe``. Should the child fail, this process removes what
    it left: the folder is gone either way, as ``rmtree`` leaves it."""
    if not forked.safe() or folder.is_symlink() or not folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        return
    parts = _parts(folder, DEPTH)
    child = forked.start(lambda: _remove(parts[1::2]))
    try:
        _remove(parts[::2])
    finally:
        with contextlib.suppress(forked.ChildFailedError):
            child.join()  # failed: what it left is removed below
        shutil.rmtree(folder, ignore_errors=True)


def _parts(folder: Path, depth: int) -> list[Path]:
    """The paths ``depth`` levels below ``folder``, and the files (and links) above them."""
    found: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        if depth > 1 and entry.is_dir(follow_symlinks=False):
            found += _parts(Path(entry.path), depth - 1)
        else:
            found.append(Path(entry.path))
    return found


def _remove(paths: list[Path]) -> None:
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
