"""The changelog (``changelog.yml``): checked here, then it makes the 'What's new' page, the
Atom feed, and the 'added' and 'last changed' lines on each item's page."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from findings.discover import DataFiles, load_root_file
from findings.load import Mapping as YamlMapping
from findings.load import Mark, Scalar, Sequence, mark_of
from findings.problems import Problem, describe
from findings.records import Version, make
from findings.references import check_refs, check_unique
from findings.schema import CHANGELOG, LINK_KINDS
from findings.validate import Checker, Item, Ref
from findings.whereabouts import Explain

#: The checked entries of ``changelog.yml``, as written (an entry with problems may lack fields).
Entries = list[dict[str, Any]]


def read_changelog(files: DataFiles, known: Mapping[str, set[str]],
                   explain: Explain | None = None) -> tuple[Entries, list[Problem]]:
    """The entries of ``changelog.yml`` (if any), and its problems; the items an entry names
    must be among ``known`` (per item kind: the live ids and the retired ones); ``explain``
    says where one that is not went, if it can (``whereabouts``)."""
    document, problems = load_root_file(files, CHANGELOG.folder)
    if document is None:
        return [], problems
    checker = Checker(document.file)
    if not isinstance(document.root, Sequence):
        checker.report(mark_of(document.root), None,
                       f"expected a list of versions, found {describe(document.root, echo=False)}")
        return [], problems + checker.problems
    items = []
    for node in document.root:
        version = node.get("version") if isinstance(node, YamlMapping) else None
        checker.item_id = version.rstrip() if isinstance(version, Scalar) else None
        entry = checker.check_record(CHANGELOG.record, node)
        if entry:
            items.append(Item("changelog", str(entry.get("version", "")), document.file,
                              mark_of(node, Mark(1, 1)), entry, node))
    problems += checker.problems + check_unique(items, "version")
    problems += _check_dates(items) + _check_items(items, known, explain)
    return [item.values for item in items], problems


def _check_dates(items: list[Item]) -> list[Problem]:
    problems = []
    for item in items:
        date = item.values.get("date")
        try:
            if date:
                datetime.date.fromisoformat(date)
        except ValueError:
            mark = mark_of(item.node.get("date"), item.mark)
            problems.append(Problem(item.file, mark.line, mark.column,
                                    f"expected a real date, found '{date}'", item.id, "date"))
    return problems


def _check_items(items: list[Item], known: Mapping[str, set[str]],
                 explain: Explain | None) -> list[Problem]:
    """Items named must exist: live, or retired (a changelog remembers what was renamed)."""
    refs = []
    for item in items:
        node = item.node.get("items")
        for index, entry in enumerate(item.values.get("items", [])):
            singular, _, item_id = entry.partition(":")
            mark = mark_of(node[index] if isinstance(node, list) else node, item.mark)
            refs.append(Ref(LINK_KINDS[singular], item_id, item.file, mark, item.id,
                            f"items[{index}]"))
    return check_refs(refs, known, explain)


def versions_from(entries: Entries) -> list[Version]:
    """Newest first."""
    versions = [make(Version, entry) for entry in entries]
    return sorted(versions, key=lambda v: v.date, reverse=True)
