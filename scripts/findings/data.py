"""Read and check a whole data folder: the first two stages of the pipeline, together."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from findings.discover import DataFiles, discover_files
from findings.load import Mapping, Mark, Sequence, load_file
from findings.problems import Problem, describe, sort_problems
from findings.references import check_redirects, check_refs, check_unique
from findings.schema import ITEM_KINDS, REDIRECTS, STUDY, Kind
from findings.validate import Checker, Item, Ref, check_item


@dataclass
class CheckedData:
    """Everything that passed the checks, and every problem found."""

    study: dict[str, Any] | None = None
    items: dict[str, list[Item]] = field(default_factory=dict)
    redirects: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: DataFiles | None = None


def read_data(root: Path, argument: str) -> CheckedData:
    """Load and check every file under ``root``; ``argument`` is how the user named it."""
    files = discover_files(root, argument)
    data = CheckedData(files=files, problems=list(files.problems))
    refs: list[Ref] = []
    _read_study(files, data, refs)
    for kind in ITEM_KINDS:
        data.items[kind.name] = _read_kind(kind, files, data.problems, refs)
    if not data.items["themes"] and not _has_problems_in(data.problems, files, "themes"):
        data.problems.append(Problem(files.shown(root / "themes"), 1, 1,
                                     "expected at least one theme, found none"))
    data.problems += _cross_checks(data, refs)
    if files.redirects:
        data.problems += _read_redirects(files, files.redirects, data)
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


def _read_kind(kind: Kind, files: DataFiles, problems: list[Problem],
               refs: list[Ref]) -> list[Item]:
    items: list[Item] = []
    for path in files.kinds[kind.name]:
        document = load_file(path, files.shown(path))
        problems += document.problems
        if document.root is None:
            continue
        nodes = document.root if isinstance(document.root, Sequence) else [document.root]
        if isinstance(document.root, Sequence) and not nodes:
            problems.append(Problem(document.file, 1, 1,
                                    f"expected at least one {kind.singular}, found an empty list"))
        checker = Checker(document.file)
        for node in nodes:
            if not isinstance(node, Mapping):
                checker.report(getattr(node, "mark", document.root.mark), None,
                               f"expected a {kind.singular} (a mapping), found {describe(node)}")
                continue
            item = check_item(kind, node, checker)
            if item:
                items.append(item)
        problems += checker.problems
        refs += checker.refs
    return items


def _cross_checks(data: CheckedData, refs: list[Ref]) -> list[Problem]:
    problems: list[Problem] = []
    for kind in ITEM_KINDS:
        for f in kind.fields:
            if f.name == "id" or f.unique:
                problems += check_unique(data.items[kind.name], f.name)
    known: dict[str, set[str] | None] = {
        kind.name: {item.id for item in data.items[kind.name]} for kind in ITEM_KINDS
    }
    study = data.study
    known["speakers"] = set(study["speakers"]) if study else None
    known["audiences"] = set(study["audiences"]) if study and "audiences" in study else None
    return problems + check_refs(refs, known)


def _read_redirects(files: DataFiles, path: Path, data: CheckedData) -> list[Problem]:
    document = load_file(path, files.shown(path))
    if document.root is None:
        return document.problems
    checker = Checker(document.file)
    data.redirects = checker.check_record(REDIRECTS.record, document.root)
    marks: dict[tuple[str, str], Mark] = {}
    root = document.root
    for kind in ITEM_KINDS:
        section = root.get(kind.name) if isinstance(root, Mapping) else None
        if isinstance(section, Mapping):
            marks.update({(kind.name, k): m for k, m in section.key_marks.items()})
    live = {kind.name: {item.id for item in data.items[kind.name]} for kind in ITEM_KINDS}
    data.redirects = {k: v for k, v in data.redirects.items() if v}
    return [*document.problems, *checker.problems,
            *check_redirects(data.redirects, live, document.file, marks)]
