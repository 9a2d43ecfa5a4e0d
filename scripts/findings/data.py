"""Read and check a whole data folder: the first two stages of the pipeline, together."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from findings.changelog import read_changelog
from findings.discover import DataFiles, discover_files
from findings.drafts import check_draft_refs, check_published_drafts
from findings.guards import check_guards
from findings.load import Mapping, Mark, Scalar, Sequence, load_file, mark_of, paused_collector
from findings.problems import Problem, describe, sort_problems
from findings.provenance import check_provenance
from findings.references import check_redirects, check_refs, check_unique
from findings.schema import (
    ITEM_KINDS,
    PERMANENT_KINDS,
    REDIRECTS,
    STUDY,
    TOOLKIT_KINDS,
    TOOLKIT_TYPES,
    Kind,
)
from findings.validate import Checker, Item, Ref, check_item, check_item_count


@dataclass
class CheckedData:
    """Everything that passed the checks, and every problem found."""

    study: dict[str, Any] | None = None
    items: dict[str, list[Item]] = field(default_factory=dict)
    redirects: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: DataFiles | None = None
    changelog: list[dict[str, Any]] = field(default_factory=list)
    #: ids per kind the deployed site publishes (``check --published-from``), if read
    live_ids: dict[str, set[str]] = field(default_factory=dict)


def read_data(root: Path, argument: str, deny_terms: tuple[str, ...] = ()) -> CheckedData:
    """Load and check every file under ``root``; ``argument`` is how the user named it;
    ``deny_terms`` are the disclosure guard's deny-list."""
    with paused_collector():
        return _read_data(root, argument, deny_terms)


def _read_data(root: Path, argument: str, deny_terms: tuple[str, ...]) -> CheckedData:
    files = discover_files(root, argument)
    data = CheckedData(files=files, problems=list(files.problems))
    refs: list[Ref] = []
    _read_study(files, data, refs)
    for kind in ITEM_KINDS:
        data.items[kind.name] = _read_folder(files, kind.folder, _always(kind), data, refs)
    toolkit = _read_folder(files, "toolkit", _toolkit_kind, data, refs)
    for kind in TOOLKIT_KINDS:
        data.items[kind.name] = [item for item in toolkit if item.kind == kind.name]
    for name, items in data.items.items():
        data.problems += check_item_count(name, items)
    if not data.items["themes"] and not _has_problems_in(data.problems, files, "themes"):
        data.problems.append(Problem(files.shown(root / "themes"), 1, 1,
                                     "expected at least one theme, found none"))
    data.problems += _cross_checks(data, refs)
    data.problems += check_provenance(data)
    if files.redirects:
        data.problems += _read_redirects(files, files.redirects, data)
    data.problems += read_changelog(data, files)
    data.problems += check_guards(data, files, deny_terms)
    data.problems += check_published_drafts(data.items, files)
    data.problems = sort_problems(data.problems)
    return data


def _has_problems_in(problems: list[Problem], files: DataFiles, folder: str) -> bool:
    prefix = files.shown(files.root / folder)
    return any(p.file.startswith(prefix) for p in problems)


def _read_study(files: DataFiles, data: CheckedData, refs: list[Ref]) -> None:
    if files.study is None:
        data.problems.append(Problem(files.shown(files.root / "study.yml"), 1, 1,
                                     "expected a study.yml file describing the study, found none"))
        return
    document = load_file(files.study, files.shown(files.study))
    data.problems += document.problems
    if document.root is None:
        return
    checker = Checker(document.file)
    data.study = checker.check_record(STUDY.record, document.root)
    data.problems += checker.problems
    refs += checker.refs
    if checker.problems:
        data.study = data.study if _usable_study(data.study) else None


def _usable_study(study: dict[str, Any]) -> bool:
    return "speakers" in study


KindChooser = Callable[[Mapping, Checker], Kind | None]


def _always(kind: Kind) -> KindChooser:
    return lambda node, checker: kind


def _toolkit_kind(node: Mapping, checker: Checker) -> Kind | None:
    """Toolkit items say what they are in ``type``."""
    found = node.get("type")
    if isinstance(found, Scalar) and found.rstrip() in TOOLKIT_TYPES:
        return TOOLKIT_TYPES[found.rstrip()]
    checker.item_id = node.get("id") if isinstance(node.get("id"), Scalar) else None
    names = " or ".join(f"'{name}'" for name in TOOLKIT_TYPES)
    checker.report(mark_of(found, node.mark), "type",
                   f"expected a toolkit item's type, {names}, found {describe(found)}")
    return None


def _read_folder(files: DataFiles, folder: str, choose: KindChooser, data: CheckedData,
                 refs: list[Ref]) -> list[Item]:
    """Every item in the files of one folder, each checked against the kind ``choose`` picks."""
    items: list[Item] = []
    for path in files.kinds[folder]:
        document = load_file(path, files.shown(path))
        data.problems += document.problems
        if document.root is None:
            continue
        nodes = document.root if isinstance(document.root, Sequence) else [document.root]
        if isinstance(document.root, Sequence) and not nodes:
            data.problems.append(Problem(document.file, 1, 1,
                                         "expected at least one item, found an empty list"))
        checker = Checker(document.file)
        for node in nodes:
            item = _read_node(node, choose, checker)
            if item:
                items.append(item)
        data.problems += checker.problems
        refs += checker.refs
    return items


def _read_node(node: object, choose: KindChooser, checker: Checker) -> Item | None:
    if not isinstance(node, Mapping):
        checker.report(mark_of(node), None, f"expected an item (a mapping), "
                       f"found {describe(node, echo=False)}")
        return None
    kind = choose(node, checker)
    return check_item(kind, node, checker) if kind else None


def _cross_checks(data: CheckedData, refs: list[Ref]) -> list[Problem]:
    problems: list[Problem] = []
    for kind in ITEM_KINDS:
        for f in kind.fields:
            if f.name == "id" or f.unique:
                problems += check_unique(data.items[kind.name], f.name)
    toolkit = sorted((i for k in TOOLKIT_KINDS for i in data.items[k.name]),
                     key=lambda i: (i.file, i.mark.line))
    problems += check_unique(toolkit, "id")
    known: dict[str, set[str] | None] = {
        kind.name: {item.id for item in data.items[kind.name]} for kind in ITEM_KINDS
    }
    study = data.study
    known["speakers"] = set(study["speakers"]) if study else None
    known["audiences"] = set(study["audiences"]) if study and "audiences" in study else None
    return problems + check_refs(refs, known) + check_draft_refs(refs, data.items)


def _read_redirects(files: DataFiles, path: Path, data: CheckedData) -> list[Problem]:
    document = load_file(path, files.shown(path))
    if document.root is None:
        return document.problems
    checker = Checker(document.file)
    data.redirects = checker.check_record(REDIRECTS.record, document.root)
    marks: dict[tuple[str, str], Mark] = {}
    root = document.root
    for kind in PERMANENT_KINDS:
        section = root.get(kind.name) if isinstance(root, Mapping) else None
        if isinstance(section, Mapping):
            marks.update({(kind.name, k): m for k, m in section.key_marks.items()})
    live = {kind.name: {item.id for item in data.items[kind.name]} for kind in PERMANENT_KINDS}
    data.redirects = {k: v for k, v in data.redirects.items() if v}
    return [*document.problems, *checker.problems,
            *check_redirects(data.redirects, live, document.file, marks)]
