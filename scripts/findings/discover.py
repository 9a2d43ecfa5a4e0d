"""Find a data folder's files, as the content contract lays them out.

Only what lies inside the data folder is data: a file or folder that is a link leading outside
it is a problem, never read. Dot-files and dot-folders (editors' and tools' own, ``.git``) are
not data. A folder that cannot be listed is a problem, never skipped without a word.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from findings.load import Document, load_file
from findings.problems import Problem
from findings.schema import ITEM_KINDS

YAML_SUFFIXES = (".yml", ".yaml")


@dataclass
class DataFiles:
    """The files of a data folder: ``shown`` maps each to the path as the user reached it."""

    root: Path
    study: Path | None = None
    redirects: Path | None = None
    kinds: dict[str, list[Path]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    argument: str = ""

    def shown(self, path: Path) -> str:
        relative = path.relative_to(self.root).as_posix()
        # os.path.join keeps the user's own spelling of the folder (Path would normalise it)
        return os.path.join(self.argument, relative).replace(os.sep, "/")  # noqa: PTH118


def discover_files(root: Path, argument: str) -> DataFiles:
    """List the data files under ``root`` (``argument`` is how the user named it)."""
    files = DataFiles(root=root, argument=argument)
    files.study = _single(files, "study")
    files.redirects = _single(files, "redirects")
    for folder in (*(kind.folder for kind in ITEM_KINDS), "toolkit"):
        files.kinds[folder] = _yaml_files_under(files, root / folder)
    return files


def _single(files: DataFiles, stem: str) -> Path | None:
    return root_file(files, stem, files.problems)


def root_file(files: DataFiles, stem: str, problems: list[Problem]) -> Path | None:
    """The data folder's own ``STEM.yml`` (or ``.yaml``), if there is one; both is a problem, and
    so is a folder of that name or a link leading outside the data folder."""
    found = []
    for path in (files.root / (stem + suffix) for suffix in YAML_SUFFIXES):
        if not os.path.lexists(path) or not inside_data(files, path, problems):
            continue
        if path.is_dir():
            problems.append(Problem(files.shown(path), 1, 1,
                                    f"expected the {stem} file, found a folder of that name"))
            continue
        found.append(path)
    if len(found) > 1:
        problems.append(Problem(
            files.shown(found[1]), 1, 1,
            f"expected one {stem} file, found both {found[0].name} and {found[1].name}",
        ))
    return found[0] if found else None


def load_root_file(files: DataFiles, stem: str, may_be_empty: bool = False
                   ) -> tuple[Document | None, list[Problem]]:
    """One of the folder's own files (``STEM.yml``), loaded, and the problems of finding and
    reading it; ``None`` when it is absent or unreadable, or empty (or comments only) where
    that means none (``may_be_empty``)."""
    problems: list[Problem] = []
    path = root_file(files, stem, problems)
    if path is None:
        return None, problems
    document = load_file(path, files.shown(path), may_be_empty=may_be_empty)
    return (document if document.root is not None else None), problems + document.problems


def inside_data(files: DataFiles, path: Path, problems: list[Problem]) -> bool:
    """Whether ``path`` (a link, perhaps) really lies inside the data folder; if not, say so."""
    real_root = os.path.realpath(files.root)
    real = os.path.realpath(path)
    if real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep):
        return True
    what = "folder" if path.is_dir() else "file"
    problems.append(Problem(files.shown(path), 1, 1, f"expected a {what} inside the data "
                            f"folder, found a link that leads outside it: not read"))
    return False


def _yaml_files_under(files: DataFiles, folder: Path) -> list[Path]:
    """The YAML files under ``folder``, in any depth; links inside the data folder are followed
    (each folder once), links out of it are problems."""
    if not os.path.lexists(folder) or not inside_data(files, folder, files.problems) \
            or not folder.is_dir():
        return []
    found: list[Path] = []
    pending, seen = [folder], set()
    while pending:
        current = pending.pop()
        real = os.path.realpath(current)
        if real in seen:
            continue
        seen.add(real)
        for entry in _entries(files, current):
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            if entry.is_symlink() and not inside_data(files, path, files.problems):
                continue
            if entry.is_dir():
                pending.append(path)
            elif path.suffix.lower() in YAML_SUFFIXES:
                found.append(path)
    return sorted(found)


def _entries(files: DataFiles, folder: Path) -> list[os.DirEntry[str]]:
    """A folder's entries; one that cannot be listed is a problem (its files would be missed)."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError as err:
        reason = "permission denied" if isinstance(err, PermissionError) else err.strerror
        files.problems.append(Problem(files.shown(folder), 1, 1, "expected a folder the build "
                                      f"can read, found one it cannot list ({reason})"))
        return []
