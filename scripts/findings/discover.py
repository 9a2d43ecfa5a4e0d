"""Find a data folder's files, as the content contract lays them out."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

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
        files.kinds[folder] = _yaml_files_under(root / folder)
    return files


def _single(files: DataFiles, stem: str) -> Path | None:
    return root_file(files, stem, files.problems)


def root_file(files: DataFiles, stem: str, problems: list[Problem]) -> Path | None:
    """The data folder's own ``STEM.yml`` (or ``.yaml``), if there is one; both is a problem."""
    found = [files.root / (stem + s) for s in YAML_SUFFIXES if (files.root / (stem + s)).is_file()]
    if len(found) > 1:
        problems.append(Problem(
            files.shown(found[1]), 1, 1,
            f"expected one {stem} file, found both {found[0].name} and {found[1].name}",
        ))
    return found[0] if found else None


def _yaml_files_under(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in YAML_SUFFIXES
    )
