"""The site folder is the build's own: which folder ``build`` may replace, and its marker.

A finished site holds a marker, ``.findings-build``, listing every file and folder the build
wrote. The next build replaces a folder only if it is missing, empty, or marked and holding
nothing the marker does not list; so a file the build did not write is never deleted. A
``--site-dir`` that is, or contains, a folder the build reads from (or the current folder),
or that lies inside the data folder, ``content/`` or ``overrides/``, is refused before any work.

A site folder that is a symbolic link is followed: the folder it leads to is checked by the
same rules and replaced, and the link is left as it was.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

MARKER = ".findings-build"
MARKER_HEADER = "# Written by `findings build`: every file it wrote here. The next build " \
    "replaces this folder only while it holds nothing else.\n"
OWN_FOLDER = "the build replaces its site folder, so give it a folder of its own, such as 'site'"
#: Of the folders the build reads from, those a site folder may lie inside.
MAY_HOLD_SITE = frozenset({"the current folder", "the config's folder"})
#: Pseudo file systems: never a place for a site.
SYSTEM_FOLDERS = tuple(Path(p) for p in ("/proc", "/sys", "/dev"))


class SiteFolderError(Exception):
    """A site folder the build may not replace: wrong usage (exit 2), one line."""


def check_site_dir(argument: str, around: dict[str, Path]) -> Path:
    """The folder to build into, resolved; ``around`` names the folders the build reads from
    (``"the data folder": path``), which the site may neither be, contain nor lie inside."""
    if not argument.strip():
        raise SiteFolderError("--site-dir: expected a folder name, found nothing")
    site = Path(os.path.realpath(argument))
    shown = f"--site-dir '{argument}'"
    real = {name: Path(os.path.realpath(folder)) for name, folder in around.items()}
    for name, folder in real.items():
        if folder == site:
            raise SiteFolderError(f"{shown} is {name} ({folder}): {OWN_FOLDER}")
    for name, folder in real.items():
        if folder.is_relative_to(site):
            raise SiteFolderError(f"{shown} contains {name} ({folder}): {OWN_FOLDER}")
    for name, folder in real.items():
        if site.is_relative_to(folder) and name not in MAY_HOLD_SITE:
            raise SiteFolderError(f"{shown} is inside {name} ({folder}): choose a folder "
                                  "outside it, such as 'site'")
    if any(site.is_relative_to(system) for system in SYSTEM_FOLDERS):
        raise SiteFolderError(f"{shown} is on a system folder ({site}): choose a folder of "
                              "your own, such as 'site'")
    check_replaceable(site, shown)
    return site


def check_replaceable(site: Path, shown: str) -> None:
    """Refuse a folder that the build may not replace: one it did not write, or one holding
    files it did not write; also one whose nearest existing folder cannot be written."""
    if not site.exists():
        _check_writable_parent(site, shown)
        return
    if not site.is_dir():
        raise SiteFolderError(f"{shown} is a file, not a folder")
    foreign = foreign_entries(site)
    if foreign is None:
        raise SiteFolderError(f"{shown} is not empty and was not written by `findings build` "
                              f"(no {MARKER} file in it): choose another folder, or empty it "
                              "yourself")
    if foreign:
        raise SiteFolderError(f"{shown} holds {len(foreign)} file(s) that `findings build` did "
                              f"not write, such as '{foreign[0]}': move them out first")
    _check_writable_parent(site, shown)


def _check_writable_parent(site: Path, shown: str) -> None:
    existing = next(p for p in site.parents if p.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise SiteFolderError(f"{shown}: cannot write in {existing}")


def foreign_entries(site: Path) -> list[str] | None:
    """What ``site`` holds that its marker does not list (sorted); ``None`` when it holds
    anything at all and has no readable marker."""
    entries = set(list_entries(site))
    if not entries:
        return []
    written = read_marker(site)
    if written is None:
        return None
    return sorted(entries - written - {MARKER})


def read_marker(site: Path) -> set[str] | None:
    marker = site / MARKER
    if marker.is_symlink() or not marker.is_file():
        return None
    try:
        text = marker.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith(MARKER_HEADER):
        return None
    return {line for line in text.splitlines() if line and not line.startswith("#")}


def write_marker(site: Path) -> None:
    """List everything in ``site`` in its marker: call once the engine has finished."""
    entries = sorted(set(list_entries(site)) - {MARKER})
    (site / MARKER).write_text(MARKER_HEADER + "".join(f"{e}\n" for e in entries),
                               encoding="utf-8")


def list_entries(folder: Path) -> Iterator[str]:
    """Every entry under ``folder`` as a relative POSIX path, folders ending in ``/``; links
    are listed, never followed."""
    for current, folders, files in os.walk(folder, onerror=_raise):
        relative = Path(current).relative_to(folder)
        for name in folders:
            path = relative / name
            if (Path(current) / name).is_symlink():
                yield path.as_posix()
            else:
                yield path.as_posix() + "/"
        for name in files:
            yield (relative / name).as_posix()


def _raise(error: OSError) -> None:
    raise SiteFolderError(f"cannot read {error.filename}: {error.strerror}")
