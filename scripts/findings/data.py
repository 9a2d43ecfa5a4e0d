"""Read and check a whole data folder: the first two stages of the pipeline, together."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from findings.changelog import Entries, read_changelog
from findings.disclosure import KeptFindings, check_disclosure
from findings.discover import DataFiles, discover_files
from findings.drafts import check_draft_refs, check_published_drafts
from findings.guards import check_published, check_reused
from findings.load import Document, Mark, Scalar, Sequence, load_file, mark_of, paused_collector
from findings.load import Mapping as YamlMapping
from findings.problems import Problem, describe, sort_problems
from findings.provenance import check_provenance
from findings.read_cache import ReadCache
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
from findings.whereabouts import Explain, explain_missing, unreadable_files

Items = dict[str, list[Item]]
Redirects = dict[str, dict[str, str]]


@dataclass(frozen=True)
class CheckedData:
    """Everything that passed the checks, and every problem found: made once, by
    :func:`read_data`."""

    files: DataFiles
    study: dict[str, Any] | None
    items: Items
    redirects: Redirects
    changelog: Entries
    problems: tuple[Problem, ...]
    #: Kinds whose items may be incomplete: a file of theirs could not be read, or an item has
    #: no usable id. Their ids are not compared with the published ones.
    incomplete: frozenset[str]
    #: Per item kind, the files where an item may have been lost (``whereabouts``), as found
    #: by reading the folder.
    unreadable: dict[str, list[str]] = field(default_factory=dict)

    def kept_ids(self) -> dict[str, set[str]]:
        """Per permanent kind, the ids whose permalinks work: live and retired ones."""
        return kept_ids(self.items, self.redirects)

    def explain_missing(self) -> Explain:
        """What a reference to an id no item has should say of it (``whereabouts``)."""
        return explain_missing(self.redirects, self.changelog, self.unreadable)


@dataclass(frozen=True)
class _Read:
    """What reading part of the folder found: its problems and its references."""

    problems: list[Problem]
    refs: list[Ref]


def read_data(root: Path, argument: str, deny_terms: tuple[str, ...] = (),
              cache: ReadCache | None = None) -> CheckedData:
    """Load and check every file under ``root``; ``argument`` is how the user named it;
    ``deny_terms`` are the disclosure guard's deny-list. Each check takes what it needs and
    returns its problems (and values); nothing reads the problems found before it. With a
    ``cache`` (the preview's), a file unchanged since the last check is not read again: its
    reading is kept there; the checks across files run again all the same."""
    reader = cache or ReadCache()
    reader.begin()
    with paused_collector():
        checked = _read_data(root, argument, deny_terms, reader)
    reader.end()
    return checked


def _read_data(root: Path, argument: str, deny_terms: tuple[str, ...],
               cache: ReadCache) -> CheckedData:
    files = discover_files(root, argument)
    study, read = _read_study(files, cache)
    problems, refs = [*files.problems, *read.problems], list(read.refs)
    items: Items = {}
    for kind in ITEM_KINDS:
        items[kind.name], read = _read_folder(files, kind.folder, _always(kind), cache)
        problems, refs = problems + read.problems, refs + read.refs
    toolkit, read = _read_folder(files, "toolkit", _toolkit_kind, cache)
    problems, refs = problems + read.problems, refs + read.refs
    for kind in TOOLKIT_KINDS:
        items[kind.name] = [item for item in toolkit if item.kind == kind.name]
    for name, kind_items in items.items():
        problems += check_item_count(name, kind_items)
    if not items["themes"] and not _has_problems_in(problems, files, "themes"):
        problems.append(Problem(files.shown(root / "themes"), 1, 1,
                                "expected at least one theme, found none"))
    # Redirects and changelog before the cross-checks: a reference to a retired id says where
    # it went; one to an id perhaps in a file that could not be read says so.
    unreadable = unreadable_files(problems, files)
    redirects, found = _read_redirects(files, items, cache)
    problems += found
    # The changelog knows every retired id: only an unreadable file can explain one it lacks.
    changelog, found = read_changelog(files, kept_ids(items, redirects),
                                      explain_missing(redirects, [], unreadable))
    problems += found
    explain = explain_missing(redirects, changelog, unreadable)
    problems += _cross_checks(items, study, refs, explain)
    incomplete = incomplete_kinds(problems, files)
    problems += check_provenance(items, study)
    problems += check_published(files, kept_ids(items, redirects), incomplete)
    problems += check_reused(items, redirects, changelog)
    speakers = study.get("speakers") if study else None
    problems += check_disclosure(files, items, deny_terms, explain,
                                 speakers if isinstance(speakers, list) else None,
                                 kept=cache.derived.setdefault("disclosure", KeptFindings()))
    problems += check_published_drafts(items, files)
    return CheckedData(files, study, items, redirects, changelog,
                       tuple(sort_problems(problems, first=_causes(unreadable))), incomplete,
                       unreadable)


def _causes(unreadable: Mapping[str, list[str]]) -> set[str]:
    """The files whose problems may cause others (a reference to an item they held): their
    problems are shown first, so the cause is not buried under what follows from it."""
    return {file for files in unreadable.values() for file in files}


def kept_ids(items: Mapping[str, list[Item]], redirects: Redirects) -> dict[str, set[str]]:
    """Per permanent kind, the ids whose permalinks work: live and retired ones."""
    return {kind.name: {item.id for item in items.get(kind.name, [])}
            | set(redirects.get(kind.name, {})) for kind in PERMANENT_KINDS}


def incomplete_kinds(problems: list[Problem], files: DataFiles) -> frozenset[str]:
    """The permanent kinds of which an item may have been lost (``unreadable_files``)."""
    lost = unreadable_files(problems, files)
    return frozenset(kind.name for kind in PERMANENT_KINDS if kind.name in lost)


def _has_problems_in(problems: list[Problem], files: DataFiles, folder: str) -> bool:
    prefix = files.shown(files.root / folder)
    return any(p.file.startswith(prefix) for p in problems)


def _load(path: Path, files: DataFiles, cache: ReadCache) -> Document:
    """One file, loaded (or as loaded last time, unchanged since)."""
    shown = files.shown(path)
    return cache.read("load", path, shown, functools.partial(load_file, path, shown))


def _read_study(files: DataFiles, cache: ReadCache) -> tuple[dict[str, Any] | None, _Read]:
    if files.study is None:
        return None, _Read([Problem(files.shown(files.root / "study.yml"), 1, 1,
                                    "expected a study.yml file describing the study, found "
                                    "none")], [])
    document = _load(files.study, files, cache)
    if document.root is None:
        return None, _Read(document.problems, [])
    checker = Checker(document.file)
    study = checker.check_record(STUDY.record, document.root)
    usable = not checker.problems or _usable_study(study)
    return study if usable else None, _Read(document.problems + checker.problems, checker.refs)


def _usable_study(study: dict[str, Any]) -> bool:
    return "speakers" in study


KindChooser = Callable[[YamlMapping, Checker], Kind | None]


def _always(kind: Kind) -> KindChooser:
    return lambda node, checker: kind


def _toolkit_kind(node: YamlMapping, checker: Checker) -> Kind | None:
    """Toolkit items say what they are in ``type``."""
    found = node.get("type")
    if isinstance(found, Scalar) and found.rstrip() in TOOLKIT_TYPES:
        return TOOLKIT_TYPES[found.rstrip()]
    checker.item_id = node.get("id") if isinstance(node.get("id"), Scalar) else None
    names = " or ".join(f"'{name}'" for name in TOOLKIT_TYPES)
    checker.report(mark_of(found, node.mark), "type",
                   f"expected a toolkit item's type, {names}, found {describe(found)}")
    return None


def _read_folder(files: DataFiles, folder: str, choose: KindChooser, cache: ReadCache
                 ) -> tuple[list[Item], _Read]:
    """Every item in the files of one folder, each checked against the kind ``choose`` picks
    (the same for every file of the folder: a file's reading can be kept)."""
    items: list[Item] = []
    read = _Read([], [])
    for path in files.kinds[folder]:
        shown = files.shown(path)
        found, file_read = cache.read(folder, path, shown,
                                      functools.partial(_read_file, path, shown, choose))
        items.extend(found)  # never changed in place: the cache keeps them for the next check
        read.problems.extend(file_read.problems)
        read.refs.extend(file_read.refs)
    return items, read


def _read_file(path: Path, shown: str, choose: KindChooser) -> tuple[list[Item], _Read]:
    """The items of one file, checked, with its problems and references."""
    document = load_file(path, shown)
    if document.root is None:
        return [], _Read(document.problems, [])
    problems = list(document.problems)
    nodes = document.root if isinstance(document.root, Sequence) else [document.root]
    if isinstance(document.root, Sequence) and not nodes:
        problems.append(Problem(document.file, 1, 1,
                                "expected at least one item, found an empty list"))
    checker = Checker(document.file)
    items = [item for node in nodes if (item := _read_node(node, choose, checker))]
    return items, _Read(problems + checker.problems, checker.refs)


def _read_node(node: object, choose: KindChooser, checker: Checker) -> Item | None:
    if not isinstance(node, YamlMapping):
        checker.report(mark_of(node), None, f"expected an item (a mapping), "
                       f"found {describe(node, echo=False)}")
        return None
    kind = choose(node, checker)
    return check_item(kind, node, checker) if kind else None


def _cross_checks(items: Items, study: dict[str, Any] | None, refs: list[Ref],
                  explain: Explain) -> list[Problem]:
    problems: list[Problem] = []
    for kind in ITEM_KINDS:
        for f in kind.fields:
            if f.name == "id" or f.unique:
                problems += check_unique(items[kind.name], f.name)
    toolkit = sorted((i for k in TOOLKIT_KINDS for i in items[k.name]),
                     key=lambda i: (i.file, i.mark.line))
    problems += check_unique(toolkit, "id")
    known: dict[str, set[str] | None] = {
        kind.name: {item.id for item in items[kind.name]} for kind in ITEM_KINDS
    }
    known["speakers"] = set(study["speakers"]) if study else None
    known["audiences"] = set(study["audiences"]) if study and "audiences" in study else None
    return problems + check_refs(refs, known, explain) + check_draft_refs(refs, items)


def _read_redirects(files: DataFiles, items: Items, cache: ReadCache
                    ) -> tuple[Redirects, list[Problem]]:
    """``redirects.yml``, if there is one: each retired id, and where its permalink leads."""
    if not files.redirects:
        return {}, []
    document = _load(files.redirects, files, cache)
    if document.root is None:
        return {}, document.problems
    checker = Checker(document.file)
    checked: Redirects = checker.check_record(REDIRECTS.record, document.root)
    marks: dict[tuple[str, str], Mark] = {}
    root = document.root
    for kind in PERMANENT_KINDS:
        section = root.get(kind.name) if isinstance(root, YamlMapping) else None
        if isinstance(section, YamlMapping):
            marks.update({(kind.name, k): m for k, m in section.key_marks.items()})
    live = {kind.name: {item.id for item in items[kind.name]} for kind in PERMANENT_KINDS}
    redirects = {k: v for k, v in checked.items() if v}
    return redirects, [*document.problems, *checker.problems,
                       *check_redirects(redirects, live, document.file, marks)]
