"""What the commands share: their options as typed values, the exit statuses, wrong usage, and
checking the data as ``check`` does (``build``, ``serve`` and ``release`` check first).

Exit status: 0 success, 1 content errors, 2 wrong usage or a missing folder.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from findings.content_pages import check_content
from findings.data import CheckedData, read_data
from findings.disclosure import DenyListError, deny_list_path, read_deny_list
from findings.discover import root_file
from findings.live_record import (
    LiveRecordError,
    NotPublishedError,
    check_live,
    not_published,
    read_live_ids,
)
from findings.load import paused_collector
from findings.problems import Problem, count_errors, visible
from findings.project import Project, find_config, load_project
from findings.project_links import links_leaving
from findings.read_cache import ReadCache
from findings.schema import PUBLISHED
from findings.site_folder import check_site_dir

OK, CONTENT_ERRORS, USAGE = 0, 1, 2
#: Stopped by Ctrl+C: the shells' own status for a command ended by SIGINT (128 + 2).
INTERRUPTED = 130


class UsageError(Exception):
    """Wrong usage or a missing folder: exit status 2."""


@dataclass(frozen=True)
class CheckOptions:
    """How to check the data: the options ``check``, ``build``, ``serve`` and ``release``
    share."""

    data: str = "themes_data"
    strict: bool = False
    config: str | None = None
    deny_list: str | None = None
    #: The deployed site's ``data/findings.json`` (``check`` and ``release`` only).
    published_from: str | None = None
    #: The command that checks: its summary of problems says what it did not do (``OUTCOME``).
    command: str = "check"


@dataclass(frozen=True)
class Checked:
    """The checked data, every problem found (the data's, the live record's and the
    hand-written pages'), the ids the live site publishes, and whether it may be built."""

    data: CheckedData
    problems: tuple[Problem, ...]
    ok: bool
    live_ids: dict[str, set[str]] = field(default_factory=dict)


def data_root(argument: str) -> Path:
    if not argument.strip():
        raise UsageError("--data: expected a folder name, found nothing")
    root = Path(argument)
    if not root.is_dir():
        raise UsageError(f"data folder '{argument}' not found{_looked_in(root)}")
    return root


def _looked_in(root: Path) -> str:
    """Where a relative data folder was looked for, and the folder above that has it (run
    from a subfolder such as content/), if one does."""
    if root.is_absolute():
        return ""
    here = Path.cwd()
    above = next((folder for folder in here.parents if (folder / root).is_dir()), None)
    if above is not None:
        relative = os.path.relpath(above / root)
        return (f" in {visible(str(here))}; it is in {visible(str(above))}: run from there, "
                f"or pass --data {visible(relative)}")
    return (f" in {visible(str(here))}: run from the project's folder, or pass --data with "
            "the data folder's path")


def project_for(config: str | None, offline: bool = False) -> Project:
    """The project of ``--config`` (default: ./mkdocs.yml, else the project's)."""
    found = find_config(config)
    if found is None:
        shown = "mkdocs.yml" if config is None else config
        raise UsageError(f"site config '{shown}' not found")
    return load_project(found, offline=offline)


def site_dir_for(site_dir: str, project: Project, root: Path) -> Path:
    """The ``--site-dir`` to build into, resolved, once the contract allows it (exit 2 if not)."""
    return check_site_dir(site_dir, {
        "the data folder": root,
        "the config's folder": project.root,
        "content/": project.content_dir,
        "overrides/": project.overrides_dir,
        "the current folder": Path.cwd(),
    })


NO_DENY_LIST = ("findings: notice: no deny-list in use (--deny-list or FINDINGS_DENY_LIST), so "
                "quotes were not checked for names of people, programs or places")


#: What a command did not do because of the problems: ``check`` only ever checks.
OUTCOME = {"build": "; nothing built", "release": "; nothing recorded"}


def check_data(options: CheckOptions, notice: bool = True,
               cache: ReadCache | None = None) -> Checked:
    """Read and check the data, print every problem (in GitHub Actions, also as an annotation
    on standard output); say whether it may be built. ``notice``: print the notice that no
    deny-list is in use, if none is (the preview says it once, not at each rebuild).
    ``cache``: the files' readings kept since the last check (the preview's)."""
    root = data_root(options.data)
    deny_terms = _deny_terms(options.deny_list, root)
    data = read_data(root, options.data, deny_terms, cache)
    live_ids, live_problems = _published_from(options.published_from, data)
    problems = (*data.problems, *live_problems, *_content_problems(options.config, data))
    _report(problems, annotate=os.environ.get("GITHUB_ACTIONS") == "true",
            notice=notice and not deny_terms)
    errors = count_errors(problems)
    warnings = len(problems) - errors
    ok = errors == 0 and not (options.strict and warnings)
    if not ok:
        why = "" if errors else " (--strict: warnings fail like errors)"
        print(f"findings: {errors} error(s), {warnings} warning(s) in {visible(options.data)}"
              f"{why}{OUTCOME.get(options.command, '')}")
    return Checked(data, problems, ok, live_ids)


def _deny_terms(option: str | None, root: Path) -> tuple[str, ...]:
    path = deny_list_path(option)
    try:
        return read_deny_list(path, root)
    except DenyListError as err:
        raise UsageError(str(err)) from None
    except OSError as err:
        raise UsageError(f"deny-list '{path}' cannot be read: {err.strerror}") from None


def _report(problems: tuple[Problem, ...], annotate: bool, notice: bool) -> None:
    """Every problem; then, with ``notice``, that no deny-list is in use."""
    for problem in problems:
        print(problem.format(), file=sys.stderr)
        if annotate:
            print(problem.annotation())
    if notice:
        print(NO_DENY_LIST)  # standard output: a notice, not a problem with the data
        if annotate:
            print(f"::notice::{NO_DENY_LIST.removeprefix('findings: notice: ')}")


def _published_from(source: str | None, data: CheckedData
                    ) -> tuple[dict[str, set[str]], list[Problem]]:
    """The ids the live site publishes (``--published-from``), if given, and the problems of
    the data against them."""
    if not source:
        return {}, []
    try:
        live_ids = read_live_ids(source)
    except NotPublishedError:
        recorded = root_file(data.files, PUBLISHED.folder, [])
        return {}, [not_published(source, None if recorded is None
                                  else data.files.shown(recorded))]
    except LiveRecordError as err:
        raise UsageError(f"--published-from: {err}") from None
    return live_ids, check_live(live_ids, data.kept_ids(), data.incomplete, source)


def _content_problems(config: str | None, data: CheckedData) -> list[Problem]:
    """The hand-written pages' problems (``content_pages``), when there is a site config."""
    found = find_config(config)
    if found is None:
        return []
    project = load_project(found)
    content_dir = project.content_dir
    shown = os.path.relpath(content_dir)
    with paused_collector():  # it may build the model: see ``paused_collector``
        return links_leaving(project) + check_content(
            content_dir, content_dir.as_posix() if shown.startswith("..") else shown, data)
