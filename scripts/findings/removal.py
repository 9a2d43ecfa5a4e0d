"""A build's scratch folder removed by two processes at once.

After a build at 10,000 quotes the scratch folder holds the staged pages and the site it
replaced: over 40,000 files and folders. Removing them is the disk's work more than the
processor's, one file at a time, and a second process removing the other half overlaps its
waits with the first's (about a third less time than one process). Only the scratch folder
is removed, as ``shutil.rmtree`` would: links are removed, never followed; its marker goes
last (``write.remove_scratch``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from findings import forked, write

#: How deep the folder is divided into parts for the two processes: at 3, the pages'
#: own folders (``docs/quotes/<id>``, ``site/quotes/<id>``).
DEPTH = 3


def remove_in_two(folder: Path) -> None:
    """``write.remove_scratch(folder)``, every other part removed by a forked child where a
    fork is ``forked.safe``. Should the child fail, this process removes what it left: the
    folder is gone either way, its marker last."""
    if not forked.safe() or folder.is_symlink() or not folder.is_dir():
        write.remove_scratch(folder)
        return
    parts = [part for part in _parts(folder, DEPTH) if part != folder / write.STAGING_MARKER]
    child = forked.start(lambda: write.remove_paths(parts[1::2]))
    try:
        write.remove_paths(parts[::2])
    finally:
        with contextlib.suppress(forked.ChildFailedError):
            child.join()  # failed: what it left is removed below
        write.remove_scratch(folder)


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
