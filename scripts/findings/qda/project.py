"""The parts of a validated REFI-QDA document that findings use: codes, text sources, their
coded selections, and the cases that say whose words they are.

Positions are those of the standard (REFI-QDA 1.5, sections 9.1.2 and 10.2): Unicode code
points of the UTF-8 plain text, the first being 0, the end exclusive, every code point counted
(a CR LF line ending is two, a character outside the Basic Multilingual Plane is one). Python
slices strings by code point, so ``text[start:end]`` is the excerpt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from findings.problems import Problem
from findings.qda.read import Opened, open_file


@dataclass(frozen=True)
class Code:
    guid: str
    name: str
    description: str
    children: tuple[Code, ...]


@dataclass(frozen=True)
class Selection:
    guid: str
    source: str
    start: int
    end: int
    codes: tuple[str, ...]
    excerpt: str
    participant: str


@dataclass(frozen=True)
class Source:
    guid: str
    name: str
    text: str


@dataclass
class QdaProject:
    name: str
    codes: tuple[Code, ...]
    sources: dict[str, Source] = field(default_factory=dict)
    selections: list[Selection] = field(default_factory=list)
    is_codebook: bool = False

    def all_codes(self) -> list[tuple[Code, Code | None]]:
        """Every code with its parent, depth first, in document order."""
        found: list[tuple[Code, Code | None]] = []

        def walk(codes: tuple[Code, ...], parent: Code | None) -> None:
            for code in codes:
                found.append((code, parent))
                walk(code.children, code)
        walk(self.codes, None)
        return found


def norm_guid(value: str | None) -> str:
    """GUIDs compare without braces or case: ``{ABC-...}`` is ``abc-...``."""
    return (value or "").strip().strip("{}").lower()


def _tag(element: etree._Element) -> str:
    return etree.QName(element).localname


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if isinstance(child.tag, str) and _tag(child) == name]


def _child_text(element: etree._Element, name: str) -> str:
    found = _children(element, name)
    return (found[0].text or "") if found else ""


def load_project(argument: str) -> QdaProject | list[Problem]:
    """The project or codebook named ``argument``, or the problems of reading it."""
    opened = open_file(Path(argument), argument)
    if isinstance(opened, list):
        return opened
    try:
        return read_project(opened)
    finally:
        opened.close()


def read_project(opened: Opened) -> QdaProject | list[Problem]:
    """The project in a validated document, or every problem found in it."""
    root = opened.root
    book = root if opened.is_codebook else next(iter(_children(root, "CodeBook")), None)
    codes = _codes(book) if book is not None else ()
    name = root.get("name") or root.get("origin") or "codebook"
    project = QdaProject(name, codes, is_codebook=opened.is_codebook)
    if opened.is_codebook:
        return project
    problems: list[Problem] = []
    known = {code.guid for code, _ in project.all_codes()}
    cases = _cases(root)
    for sources in _children(root, "Sources"):
        for element in _children(sources, "TextSource"):
            _read_source(opened, element, project, problems=problems, known=known,
                         cases=cases)
    return problems or project


def _codes(parent: etree._Element) -> tuple[Code, ...]:
    holder = _children(parent, "Codes")
    elements = _children(holder[0], "Code") if holder else _children(parent, "Code")
    return tuple(_code(e) for e in elements)


def _codes_below(element: etree._Element) -> tuple[Code, ...]:
    return tuple(_code(e) for e in _children(element, "Code"))


def _code(e: etree._Element) -> Code:
    return Code(norm_guid(e.get("guid")), e.get("name", ""), _child_text(e, "Description"),
                _codes_below(e))


def _cases(root: etree._Element) -> dict[str, str]:
    """Participant per selection or source GUID (lower case): the first case naming it; a
    case's selections win over its sources."""
    by_selection: dict[str, str] = {}
    by_source: dict[str, str] = {}
    for holder in _children(root, "Cases"):
        for case in _children(holder, "Case"):
            name = case.get("name") or ""
            for ref in _children(case, "SelectionRef"):
                by_selection.setdefault(norm_guid(ref.get("targetGUID")), name)
            for ref in _children(case, "SourceRef"):
                by_source.setdefault(norm_guid(ref.get("targetGUID")), name)
    return {**by_source, **by_selection}


def _read_source(opened: Opened, element: etree._Element, project: QdaProject, *,
                 problems: list[Problem], known: set[str], cases: dict[str, str]) -> None:
    text = _source_text(opened, element, problems)
    if text is None:
        return
    guid = norm_guid(element.get("guid"))
    name = element.get("name") or guid
    project.sources[guid] = Source(guid, name, text)
    for selection in _children(element, "PlainTextSelection"):
        found = _read_selection(opened.file, selection, guid, text, known=known,
                                problems=problems)
        if found:
            participant = cases.get(found[0]) or cases.get(guid, "")
            project.selections.append(Selection(*found, participant=participant))


def _source_text(opened: Opened, element: etree._Element,
                 problems: list[Problem]) -> str | None:
    inline = _children(element, "PlainTextContent")
    if inline:
        return inline[0].text or ""
    path = element.get("plainTextPath")
    line = element.sourceline or 1
    if not path:
        problems.append(Problem(opened.file, line, 1, "expected plainTextPath or "
                                "PlainTextContent, found neither", field="TextSource"))
        return None
    data = opened.read_source(path)
    if isinstance(data, str):
        problems.append(Problem(opened.file, line, 1, data, field="plainTextPath"))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.append(Problem(opened.file, line, 1, f"expected UTF-8 plain text in {path!r}, "
                                f"found a bad byte at offset {err.start}", field="plainTextPath"))
        return None


def _read_selection(file: str, element: etree._Element, source: str, text: str, *,
                    known: set[str], problems: list[Problem]
                    ) -> tuple[str, str, int, int, tuple[str, ...], str] | None:
    line = element.sourceline or 1
    start, end = int(element.get("startPosition", "0")), int(element.get("endPosition", "0"))
    before = len(problems)
    if not 0 <= start <= end:
        problems.append(Problem(file, line, 1, f"expected 0 <= startPosition <= endPosition, "
                                f"found {start} and {end}", field="startPosition"))
    elif end > len(text):
        problems.append(Problem(file, line, 1, f"expected a position within the source's "
                                f"{len(text)} characters, found {end}", field="endPosition"))
    codes = []
    for coding in _children(element, "Coding"):
        for ref in _children(coding, "CodeRef"):
            target = norm_guid(ref.get("targetGUID"))
            if target not in known:
                problems.append(Problem(file, ref.sourceline or line, 1, "expected a code the "
                                        f"codebook defines, found {target!r}",
                                        field="CodeRef.targetGUID"))
            codes.append(target)
    if len(problems) > before:
        return None
    return norm_guid(element.get("guid")), source, start, end, tuple(codes), text[start:end]
