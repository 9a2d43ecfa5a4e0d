"""Guards beyond the content contract: published permalinks keep working, and participant
quotes disclose nobody (``disclosure``).

``findings release`` records every published id per kind in the data folder's
``published.yml``; from then on a recorded id must stay a live id of its kind or a retired one
in ``redirects.yml``. A folder without the record is not guarded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from findings.discover import DataFiles, load_root_file
from findings.load import Document, Scalar, Sequence, mark_of
from findings.load import Mapping as YamlMapping
from findings.problems import Problem
from findings.schema import PERMANENT_KINDS, PUBLISHED, Kind
from findings.types import SLUG_RE
from findings.validate import Checker, Item
from findings.whereabouts import WITHDRAWN, retired_when


def check_published(files: DataFiles, kept: Mapping[str, set[str]],
                    incomplete: Iterable[str] = ()) -> list[Problem]:
    """A recorded id that is neither live nor retired (``kept``: both, per kind) is an error
    at its line in the record. Kinds in ``incomplete`` are not judged: a file that could not
    be read would make its every id look missing."""
    document, problems = load_root_file(files, PUBLISHED.folder)
    if document is None:
        return problems
    checker = Checker(document.file)
    checker.check_record(PUBLISHED.record, document.root)
    problems += checker.problems
    for kind in PERMANENT_KINDS:
        if kind.name in incomplete:
            continue
        for index, node in recorded(document, kind):
            if node.rstrip() not in kept.get(kind.name, set()):
                problems.append(_missing(document.file, kind, index, node))
    return problems


def check_reused(items: Mapping[str, list[Item]], redirects: Mapping[str, dict[str, str]],
                 changelog: list[dict[str, Any]]) -> list[Problem]:
    """A live item that takes a retired id is reported on its own ``id``: the old permalink
    already leads elsewhere (or says the item was withdrawn), so the new item needs another."""
    problems = []
    for kind in PERMANENT_KINDS:
        retired = redirects.get(kind.name, {})
        for item in items.get(kind.name, []):
            if item.id in retired:
                mark = mark_of(item.node.get("id"), item.mark)
                problems.append(Problem(
                    item.file, mark.line, mark.column,
                    _reused(kind, item.id, retired[item.id], changelog), item.id, "id"))
    return problems


def _reused(kind: Kind, item_id: str, new: str, changelog: list[dict[str, Any]]) -> str:
    """A withdrawn id on a live item is most likely an item whose file was kept by mistake:
    another id would publish the withdrawn words again, so the advice is to delete it."""
    if new == WITHDRAWN:
        why = ("its words must not be published" if kind.name == "quotes"
               else f"a withdrawn {kind.singular} must not be published again")
        return (f"expected no {kind.singular} with a withdrawn id, found '{item_id}', "
                f"{retired_when(changelog, kind, item_id, WITHDRAWN)}: delete this "
                f"{kind.singular} ({why}), or remove the redirect if it is not being withdrawn")
    return (f"expected an id no {kind.singular} has had before, found '{item_id}', "
            f"{retired_when(changelog, kind, item_id)}; choose another id")


def recorded(document: Document, kind: Kind) -> list[tuple[int, Scalar]]:
    """The ids ``published.yml`` records for a kind, each with its place in the list."""
    section = document.root.get(kind.name) if isinstance(document.root, YamlMapping) else None
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
