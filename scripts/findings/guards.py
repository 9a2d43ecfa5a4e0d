"""Guards beyond the content contract: published permalinks keep working, and participant
quotes disclose nobody (``disclosure``).

``findings release`` records every published id per kind in the data folder's
``published.yml``; from then on a recorded id must stay a live id of its kind or a retired one
in ``redirects.yml``. A folder without the record is not guarded.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from findings.disclosure import check_disclosure
from findings.discover import DataFiles, root_file
from findings.load import Document, Mapping, Scalar, Sequence, load_file, mark_of
from findings.problems import Problem
from findings.schema import DISCLOSURE_ALLOW, PERMANENT_KINDS, PUBLISHED, SETTINGS, Kind
from findings.types import SLUG_RE
from findings.validate import Checker
from findings.whereabouts import retired_when

if TYPE_CHECKING:
    from findings.data import CheckedData

RECORD_HEADER = """\
# Every id this site has published, per kind: written by `findings release`; do not edit.
# `findings check` fails when one of these is neither a live id nor retired in redirects.yml.
"""


def check_guards(data: CheckedData, files: DataFiles,
                 deny_terms: tuple[str, ...] = ()) -> list[Problem]:
    """Every guard's problems: published permalinks (errors), disclosure (warnings)."""
    problems = check_published(data, files) + check_reused(data)
    settings = load_root_file(files, SETTINGS, problems)
    allowed = load_root_file(files, DISCLOSURE_ALLOW, problems)
    return problems + check_disclosure(data, deny_terms, settings, allowed)


#: Guard files that may be empty or hold only comments: no settings, no reviewed entries
#: (a maintainer comments the last entry out rather than delete the file and its help).
MAY_BE_EMPTY = (SETTINGS, DISCLOSURE_ALLOW)


def load_root_file(files: DataFiles, kind: Kind, problems: list[Problem]) -> Document | None:
    """Load and check one of the folder's guard files; ``None`` when absent, unreadable, or
    empty where that means none (``MAY_BE_EMPTY``)."""
    path = root_file(files, kind.folder, problems)
    if path is None:
        return None
    document = load_file(path, files.shown(path), may_be_empty=kind in MAY_BE_EMPTY)
    problems += document.problems
    return document if document.root is not None else None


def check_published(data: CheckedData, files: DataFiles) -> list[Problem]:
    """A recorded id that is neither live nor retired is an error at its line in the record."""
    problems: list[Problem] = []
    document = load_root_file(files, PUBLISHED, problems)
    if document is None:
        return problems
    checker = Checker(document.file)
    checker.check_record(PUBLISHED.record, document.root)
    problems += checker.problems
    for kind in PERMANENT_KINDS:
        if has_errors_in(data.problems, files, kind.folder):
            continue  # a file that could not be read would make its every id look missing
        kept = {item.id for item in data.items[kind.name]} | set(data.redirects.get(kind.name, {}))
        for index, node in _recorded(document, kind):
            if node.rstrip() not in kept:
                problems.append(_missing(document.file, kind, index, node))
    return problems


def check_reused(data: CheckedData) -> list[Problem]:
    """A live item that takes a retired id is reported on its own ``id``: the old permalink
    already leads elsewhere (or says the item was withdrawn), so the new item needs another."""
    problems = []
    for kind in PERMANENT_KINDS:
        retired = data.redirects.get(kind.name, {})
        for item in data.items[kind.name]:
            if item.id in retired:
                mark = mark_of(item.node.get("id"), item.mark)
                problems.append(Problem(
                    item.file, mark.line, mark.column,
                    f"expected an id no {kind.singular} has had before, found '{item.id}', "
                    f"{retired_when(data, kind, item.id)}; choose another id",
                    item.id, "id"))
    return problems


def _recorded(document: Document, kind: Kind) -> list[tuple[int, Scalar]]:
    section = document.root.get(kind.name) if isinstance(document.root, Mapping) else None
    if not isinstance(section, Sequence):
        return []
    return [(index, node) for index, node in enumerate(section)
            if isinstance(node, Scalar) and SLUG_RE.match(node.rstrip())]


def _missing(file: str, kind: Kind, index: int, node: Scalar) -> Problem:
    old = node.rstrip()
    return Problem(
        file, node.mark.line, node.mark.column,
        f"expected {kind.singular} '{old}' to stay published, found no {kind.singular} with "
        f"that id: restore it, or add `{kind.name}: {{{old}: NEW-ID}}` or "
        f"`{kind.name}: {{{old}: withdrawn}}` to redirects.yml",
        old, f"{kind.name}[{index}]",
    )


def has_errors_in(problems: list[Problem], files: DataFiles, folder: str) -> bool:
    """Whether an item of ``folder`` may have been lost: a file that could not be read, or an
    item without a usable id. (Any other error leaves the item, and its id, in the data: a
    broken link elsewhere must not hide a deleted permalink.)"""
    prefix = files.shown(files.root / folder) + "/"
    return any(p.severity == "error" and p.file.startswith(prefix) and p.field in (None, "id")
               for p in problems)


def release_record(data: CheckedData, files: DataFiles) -> dict[str, list[str]]:
    """What ``findings release`` records: the ids recorded before, every live id, and every
    retired id (its permalink is published too), per kind, sorted."""
    document = load_root_file(files, PUBLISHED, [])
    record = {}
    for kind in PERMANENT_KINDS:
        ids = {node.rstrip() for _, node in _recorded(document, kind)} if document else set()
        ids |= {item.id for item in data.items[kind.name]} | data.live_ids.get(kind.name, set())
        ids |= set(data.redirects.get(kind.name, {}))
        if ids:
            record[kind.name] = sorted(ids)
    return record


def write_record(files: DataFiles, record: dict[str, list[str]]) -> Path:
    """Write the record in place of the old one, all at once; return its path."""
    path = root_file(files, PUBLISHED.folder, []) or files.root / f"{PUBLISHED.folder}.yml"
    text = RECORD_HEADER + yaml.safe_dump(record, sort_keys=False, default_flow_style=False)
    # A new file of its own (O_EXCL), never one that is there already: a link put in its
    # place would have the record written wherever it leads.
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".new", dir=path.parent)
    with os.fdopen(descriptor, "w", encoding="utf-8") as temporary:
        temporary.write(text)
    Path(name).chmod(0o644)  # mkstemp's 0600 would hide the record from the rest of a team
    Path(name).replace(path)
    return path
