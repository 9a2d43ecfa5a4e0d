"""Read YAML files into plain values that remember where they came from.

Every scalar is kept as written (a :class:`Scalar`, a ``str``), so ``yes`` stays "yes" and
``2023`` stays "2023"; the schema decides later what a field's text means. Anchors, aliases,
merge keys, explicit tags, duplicate keys and several documents are reported, not followed.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from findings.problems import Problem

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Mark:
    line: int
    column: int


class Scalar(str):
    """A YAML scalar's text, with its position and whether it was written plain (unquoted)."""

    mark: Mark
    plain: bool

    def __new__(cls, text: str, mark: Mark, plain: bool) -> Scalar:
        obj = super().__new__(cls, text)
        obj.mark = mark
        obj.plain = plain
        return obj

    @property
    def is_null(self) -> bool:
        return self.plain and self in ("", "~", "null", "Null", "NULL")


class Mapping(dict[str, Any]):
    """A YAML mapping; ``key_marks`` holds where each key was written."""

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, Mark] = {}


class Sequence(list[Any]):
    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark


Node = Scalar | Mapping | Sequence


@dataclass
class Document:
    """One file's content (``None`` when it could not be read) and its problems."""

    file: str
    root: Node | None
    problems: list[Problem]


def mark_of(node: object, default: Mark = Mark(1, 1)) -> Mark:
    return getattr(node, "mark", default)


def load_file(path: Path, shown_as: str) -> Document:
    """Load one file; ``shown_as`` is the path as the user reached it, used in messages."""
    problems: list[Problem] = []
    data = read_bytes(path, shown_as, problems)
    text = None if data is None else _decode(data, shown_as, problems)
    if text is None:
        return Document(shown_as, None, problems)
    root = _parse(text, shown_as, problems)
    if root is None and not problems:
        problems.append(Problem(shown_as, 1, 1, "expected at least one item, found an empty file"))
    return Document(shown_as, root, problems)


#: What a file that is not a regular one is, for messages.
_SPECIAL = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
            (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def read_bytes(path: Path, file: str, problems: list[Problem]) -> bytes | None:
    """A regular file's bytes; anything else (gone, unreadable, a pipe, a device) is a problem
    at 1:1, and a pipe or device is never waited on."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        problems.append(Problem(file, 1, 1, f"expected a file the build can read, found "
                                f"{_unreadable(err)}"))
        return None
    with os.fdopen(descriptor, "rb") as opened:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            what = next((name for test, name in _SPECIAL if test(mode)), "a special file")
            problems.append(Problem(file, 1, 1, f"expected a file, found {what}"))
            return None
        try:
            return opened.read()
        except OSError as err:
            problems.append(Problem(file, 1, 1, f"expected a file the build can read, found "
                                    f"{_unreadable(err)}"))
            return None


def _unreadable(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "one it may not open (permission denied)"
    if isinstance(err, FileNotFoundError):
        return "none (removed or renamed while being read)"
    if isinstance(err, IsADirectoryError):
        return "a folder"
    return f"one it cannot read ({err.strerror})"


def _decode(data: bytes, file: str, problems: list[Problem]) -> str | None:
    data = data.removeprefix(BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        found = f"the byte 0x{data[err.start]:02x}"
        problems.append(Problem(file, line, column, f"expected UTF-8 text, found {found}"))
        return None


def _parse(text: str, file: str, problems: list[Problem]) -> Node | None:
    builder = _Builder(file, problems)
    try:
        return builder.build(yaml.parse(text, Loader=_Parser))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = err.problem or "invalid YAML"
        problems.append(Problem(file, line, column, f"expected valid YAML, found {what}"))
    except yaml.reader.ReaderError as err:
        line, column = _position(text, err.position)
        problems.append(
            Problem(file, line, column, "expected printable text, found the character "
                    f"U+{_codepoint(err.character):04X}")
        )
    except yaml.YAMLError as err:
        problems.append(Problem(file, 1, 1, f"expected valid YAML, found {err}"))
    except RecursionError:
        problems.append(Problem(file, 1, 1, "expected data nested a few levels deep, found more"))
    return None


def _codepoint(character: object) -> int:
    return character if isinstance(character, int) else ord(str(character)[:1] or "\0")


def _position(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


class _Builder:
    """Turns the parser's event stream into Scalars, Mappings and Sequences."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems

    def _report(self, mark: Mark, message: str) -> None:
        self.problems.append(Problem(self.file, mark.line, mark.column, message))

    def build(self, events: Iterator[yaml.Event]) -> Node | None:
        root: Node | None = None
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                first = next(events)
                node = self._node(first, events)
                if documents == 1:
                    root = node
                else:
                    self._report(_mark(first), "expected one YAML document, found another")
        if isinstance(root, Scalar) and root.is_null:
            return None
        return root

    def _node(self, event: yaml.Event, events: Iterator[yaml.Event]) -> Node | None:
        mark = _mark(event)
        if isinstance(event, yaml.AliasEvent):
            self._report(mark, "expected plain YAML, found an alias (*name): write the value out")
            return None
        if getattr(event, "anchor", None):
            self._report(mark, "expected plain YAML, found an anchor (&name): remove it")
        tag = getattr(event, "tag", None)
        if tag:
            self._report(mark, f"expected plain YAML, found an explicit tag ({tag})")
        if isinstance(event, yaml.ScalarEvent):
            return Scalar(event.value, mark, plain=not event.style)
        if isinstance(event, yaml.SequenceStartEvent):
            return self._sequence(mark, events)
        return self._mapping(mark, events)

    def _sequence(self, mark: Mark, events: Iterator[yaml.Event]) -> Sequence:
        seq = Sequence(mark)
        for event in events:
            if isinstance(event, yaml.SequenceEndEvent):
                break
            seq.append(self._node(event, events))
        return seq

    def _mapping(self, mark: Mark, events: Iterator[yaml.Event]) -> Mapping:
        mapping = Mapping(mark)
        for event in events:
            if isinstance(event, yaml.MappingEndEvent):
                break
            key = self._node(event, events)
            value = self._node(next(events), events)
            if not isinstance(key, Scalar):
                self._report(_mark(event), "expected a text key, found a complex key")
            elif key == "<<" and key.plain:
                self._report(key.mark, "expected plain YAML, found a merge key (<<)")
            elif key in mapping.key_marks:
                first = mapping.key_marks[key]
                self._report(
                    key.mark, f"duplicate key '{key}': first written at line {first.line}"
                )
            else:
                mapping[str(key)] = value
                mapping.key_marks[str(key)] = key.mark
        return mapping


def _mark(event: yaml.Event) -> Mark:
    start = event.start_mark
    return Mark(start.line + 1, start.column + 1) if start else Mark(1, 1)
