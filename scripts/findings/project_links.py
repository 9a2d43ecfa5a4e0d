"""Only what lies inside ``content/`` and ``overrides/`` is published.

The engine copies every file of those folders into the site, following links as it goes, so a
link there that leads elsewhere (``content/notes.txt -> ~/.git-credentials``, a folder linked to
``/etc``) would publish whatever it leads to. Such a link is an error at ``FILE:1:1`` and the
site is not built; a link that stays inside its folder is fine.
"""

from __future__ import annotations

import os
from pathlib import Path

from findings.problems import Problem
from findings.project import Project


def links_leaving(project: Project) -> list[Problem]:
    """Every link under ``content/`` or ``overrides/`` that leads outside its folder (or
    nowhere: a dangling link cannot be checked), in a stable order."""
    problems: list[Problem] = []
    for folder in (project.content_dir, project.overrides_dir):
        if folder.is_dir():
            problems += _leaving(folder)
    return problems


def _leaving(folder: Path) -> list[Problem]:
    real_folder = os.path.realpath(folder)
    problems = []
    for current, folders, files in os.walk(folder):  # links are listed, never followed
        for name in sorted([*folders, *files]):
            path = Path(current, name)
            if not path.is_symlink():
                continue
            real = os.path.realpath(path)
            if not Path(real).exists():
                found = "a link that leads nowhere"
            elif not real.startswith(real_folder.rstrip(os.sep) + os.sep):
                found = "a link that leads outside it: never published, remove the link or " \
                    "copy what it leads to into the folder"
            else:
                continue
            problems.append(Problem(_shown(path), 1, 1, f"expected a file or folder inside "
                                    f"{folder.name}/, found {found}"))
    return problems


def _shown(path: Path) -> str:
    """``path`` as reached from the current folder where it lies below it, else in full."""
    here = Path.cwd()
    return path.relative_to(here).as_posix() if path.is_relative_to(here) else path.as_posix()
