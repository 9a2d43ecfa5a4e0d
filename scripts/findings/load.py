"""Read YAML files into plain values that remember where they came from.

Every scalar is kept as written (a :class:`Scalar`, a ``str``), so ``yes`` stays "yes" and
``2023`` stays "2023"; the schema decides later what a field's text means. Anchors, aliases,
merge keys, explicit tags, duplicate keys and several documents are reported, not followed.

Text that could break a page, or a message, is refused where it is written: control
characters (see :func:`is_control`), and anything past the limits below. Positions count Unicode
characters, as the content contract says, whatever their size in bytes.

Where PyYAML has libyaml, its C composer makes the tree of a file with nothing to report (most
files, and the fast way); any file with something to report is read again by the event builder
(``_Builder``), which reports it: the messages are the same either way.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from findings.problems import Problem
from findings.yaml_errors import plain_yaml_error

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: libyaml reports where a bad character is as a count of UTF-8 bytes; PyYAML, of characters.
_POSITIONS_IN_BYTES = _Parser is not yaml.SafeLoader
BOM = b"\xef\xbb\xbf"

#: Limits, far above what a study of many thousands of quotes needs (DATA-DICTIONARY.md).
MAX_FILE_BYTES = 10_000_000
MAX_TEXT_CHARACTERS = 1_000_000
MAX_DEPTH = 32
TOO_DEEP = f"expected data nested at most {MAX_DEPTH} levels deep, found more"


def is_control(char: str) -> bool:
    """A character no text field may hold: C0 controls but tab and newline, DEL, C1 controls,
    lone surrogates and Unicode's noncharacters. YAML lets most in through escapes ("\x7f")."""
    code = ord(char)
    return (code < 0x20 and char not in "\t\n") or 0x7F <= code <= 0x9F \
        or 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


_BMP_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Mark(NamedTuple):
    """Where something is written: line and column, from 1, the column in characters. A tuple,
    so that loading makes hundreds of thousands of them at C speed (``tuple.__new__``)."""

    line: int
    column: int


class Scalar(str):
    """A YAML scalar's text, with its position and whether it was written plain (unquoted)."""

    plain: bool
    #: Its file's lines (shared): to place a link inside a long text (:func:`position_in`).
    lines: list[str] | None = None
    _mark: Mark | None = None
    _end: tuple[int, int] | None = None
    #: Where libyaml's composer found it (its marks, from 0): most scalars' positions are
    #: never read, so each is made when it is (a tenth of the time of loading).
    _start_mark: Any = None
    _end_mark: Any = None

    def __new__(cls, text: str, mark: Mark, plain: bool) -> Scalar:
        obj = super().__new__(cls, text)
        obj.mark = mark
        obj.plain = plain
        return obj

    @property
    def mark(self) -> Mark:
        """Where it starts: line and column, from 1."""
        start = self._start_mark
        if start is None:
            assert self._mark is not None
            return self._mark
        return _new_mark(Mark, (start.line + 1, start.column + 1))

    @mark.setter
    def mark(self, mark: Mark) -> None:
        self._mark, self._start_mark = mark, None

    @property
    def end(self) -> tuple[int, int] | None:
        """Where it ends: line and column, from 0; ``None`` if not known."""
        end = self._end_mark
        return self._end if end is None else (end.line, end.column)

    @end.setter
    def end(self, end: tuple[int, int] | None) -> None:
        self._end, self._end_mark = end, None

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


#: Where a file starts: the place of a problem with no better one.
START = Mark(1, 1)


def mark_of(node: object, default: Mark = START) -> Mark:
    return getattr(node, "mark", default)


def load_file(path: Path, shown_as: str, may_be_empty: bool = False) -> Document:
    """Load one file; ``shown_as`` is the path as the user reached it, used in messages. An
    empty file (or one of comments only) is an error unless it ``may_be_empty``: then its
    root is ``None`` and it has no problems."""
    problems: list[Problem] = []
    data = read_bytes(path, shown_as, problems)
    text = None if data is None else _decode(data, shown_as, problems)
    if text is None:
        return Document(shown_as, None, problems)
    root = _parse(text, shown_as, problems)
    if root is None and not problems and not may_be_empty:
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
        size = os.fstat(descriptor).st_size
        if size > MAX_FILE_BYTES:
            problems.append(_too_big(file, f"{size:,}"))
            return None
        try:
            data = opened.read(MAX_FILE_BYTES + 1)  # never more than the limit into memory
        except OSError as err:
            problems.append(Problem(file, 1, 1, f"expected a file the build can read, found "
                                    f"{_unreadable(err)}"))
            return None
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        problems.append(_too_big(file, "more"))
        return None
    return data


def _too_big(file: str, found: str) -> Problem:
    return Problem(file, 1, 1, f"expected a file of at most {MAX_FILE_BYTES:,} bytes, found "
                   f"{found}: split it into several files")


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


@contextmanager
def paused_collector() -> Iterator[None]:
    """Python's cycle collector paused: the trees being built hold no cycles, and, growing by
    the hundred thousand objects, made the collector run over them again and again (half the
    time of loading a large file, a third of checking a large study). When it resumes, what
    was made meanwhile goes straight to the oldest generation (``freeze`` then ``unfreeze``):
    left in the youngest, it was all gone over at once by the next collection, and again by
    each older one it was moved to."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _parse(text: str, file: str, problems: list[Problem]) -> Node | None:
    """The file's tree: libyaml's composer makes it where it can, and the tree is only
    converted; anything to report (see :func:`_converted`) leaves it to the event builder,
    whose messages are the ones the user sees."""
    if _COMPOSER is not None and not text.startswith("\ufeff"):  # libyaml skips a BOM left
        try:
            with paused_collector():
                return _composed(text)
        except Exception:  # _UnusualErrorError, a YAML error: the builder reports it
            pass
    return _built(text, file, problems)


def _built(text: str, file: str, problems: list[Problem]) -> Node | None:
    """The tree built from the parser's events, each problem reported where it is written."""
    builder = _Builder(file, problems, text)
    try:
        with paused_collector():
            return builder.build(_events(_Parser(text)))
    except yaml.MarkedYAMLError as err:
        message, mark = plain_yaml_error(err, text)
        line, column = _within(text, mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "nesting depth" in (err.problem or ""):  # libyaml's own limit, past ours: reported
            if not builder.too_deep:
                problems.append(Problem(file, line, column, TOO_DEEP))
        else:
            problems.append(Problem(file, line, column, message))
    except yaml.reader.ReaderError as err:
        line, column = _position(text, err.position)
        problems.append(Problem(file, line, column, "expected text without control characters, "
                                f"found U+{_codepoint(err.character):04X}"))
    except yaml.YAMLError:
        problems.append(Problem(file, 1, 1, "expected valid YAML, found something else"))
    except RecursionError:  # the builder stops at MAX_DEPTH: only a bug gets here
        problems.append(Problem(file, 1, 1, TOO_DEEP))
    return None


class _UnusualError(Exception):
    """The file holds something to report: the composed tree is set aside."""


#: A callable in C that returns "" whatever it is given (``str.format`` ignores arguments
#: its text does not name): libyaml's composer calls the hooks below once or twice a node, and
#: a Python method each time cost a tenth of the time of loading.
_NOTHING = "".format


class _Unresolved(_Parser):  # type: ignore[misc, valid-type]
    """libyaml's composer, every implicit tag left empty (``resolve``): a node's text is read
    by the schema, and a node with a tag was written with one. Resolving by path, which the
    other two hooks keep track of, is never used."""

    resolve = _NOTHING
    descend_resolver = _NOTHING
    ascend_resolver = _NOTHING


#: The C composer, where PyYAML has libyaml; else every file goes to the event builder.
_COMPOSER: type | None = None if _Parser is yaml.SafeLoader else _Unresolved


def _composed(text: str) -> Node | None:
    """The file's tree from libyaml's composer, converted; :class:`_UnusualError` for anything
    to report."""
    assert _COMPOSER is not None
    composer = _COMPOSER(text)
    try:
        root = composer.get_single_node()  # a second document is a ComposerError
    finally:
        composer.dispose()
    node = None if root is None else _converted(root, text)
    return None if isinstance(node, Scalar) and node.is_null else node


def _converted(root: yaml.Node, text: str) -> Node:
    """The composed tree as Scalars, Mappings and Sequences, in one pass. Raises
    :class:`_UnusualError` where the event builder reports something: an anchor or a tag (a
    node with either starts with '&' or '!', which no plain scalar can; an alias needs an
    anchor before it), a text :func:`check_text` refuses, a key that is not text, a merge key,
    a duplicate key, nesting past :data:`MAX_DEPTH`. libyaml's marks count characters, as
    Python's indices do (an astral character is one)."""
    return _Converter(text).convert(root, 0)


_new_text, _new_mark, _new_list, _new_dict = str.__new__, tuple.__new__, list.__new__, dict.__new__
_ScalarNode, _MappingNode = yaml.ScalarNode, yaml.MappingNode


class _Converter:
    """One pass over the composed tree; a scalar (most nodes) is made where its parent meets
    it, without a call of its own."""

    __slots__ = ("lines", "may_have_properties", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.may_have_properties = "&" in text or "!" in text

    def property_at(self, index: int) -> bool:
        """Whether an anchor or a tag starts at ``index``: a node with either starts with one,
        which no plain scalar can."""
        return self.text.startswith(("&", "!"), index)

    def scalar(self, node: Any) -> Scalar:
        """A scalar node as a :class:`Scalar`; :class:`_UnusualError` if it has a property
        or a text :func:`check_text` refuses."""
        value = node.value
        start = node.start_mark
        suspect = not value.isprintable() or len(value) > MAX_TEXT_CHARACTERS
        if node.tag or (suspect and check_text(value) is not None) \
                or (self.may_have_properties and self.property_at(start.index)):
            raise _UnusualError
        scalar = _new_text(Scalar, value)
        scalar.__dict__ = {"_start_mark": start, "_end_mark": node.end_mark,
                           "plain": not node.style, "lines": self.lines}
        return scalar

    def convert(self, node: Any, depth: int) -> Node:  # a ScalarNode, a MappingNode...
        if type(node) is _ScalarNode:
            return self.scalar(node)
        start = node.start_mark
        if node.tag or depth >= MAX_DEPTH \
                or (self.may_have_properties and self.property_at(start.index)):
            raise _UnusualError
        mark = _new_mark(Mark, (start.line + 1, start.column + 1))
        if type(node) is _MappingNode:
            return self.mapping(node, mark, depth + 1)
        sequence = _new_list(Sequence)  # as Sequence(mark), without a call of __init__
        sequence.__dict__ = {"mark": mark}
        scalar, convert = self.scalar, self.convert
        sequence.extend([scalar(child) if type(child) is _ScalarNode
                         else convert(child, depth + 1) for child in node.value])
        return sequence

    def mapping(self, node: Any, mark: Mark, depth: int) -> Mapping:
        mapping = _new_dict(Mapping)  # as Mapping(mark), without a call of __init__
        key_marks: dict[str, Mark] = {}
        mapping.__dict__ = {"mark": mark, "key_marks": key_marks}
        scalar, convert = self.scalar, self.convert
        for key_node, value_node in node.value:
            if type(key_node) is not _ScalarNode:
                raise _UnusualError
            key = key_node.value
            at = key_node.start_mark
            suspect = not key.isprintable() or len(key) > MAX_TEXT_CHARACTERS
            if key_node.tag or key == "<<" or key in key_marks \
                    or (suspect and check_text(key) is not None) \
                    or (self.may_have_properties and self.property_at(at.index)):
                raise _UnusualError
            mapping[key] = scalar(value_node) if type(value_node) is _ScalarNode \
                else convert(value_node, depth)
            key_marks[key] = _new_mark(Mark, (at.line + 1, at.column + 1))
        return mapping


def _events(parser: Any) -> Iterator[yaml.Event]:
    """The parser's events, as ``yaml.parse`` gives them, at one call each rather than two."""
    try:
        next_event = parser.get_event
        while True:
            event = next_event()
            yield event
            if type(event) is yaml.StreamEndEvent:
                return
    finally:
        parser.dispose()


def _within(text: str, line: int, column: int) -> tuple[int, int]:
    """A parser position inside the file: libyaml puts the end of a file that has no last
    line break on a line after it, which no editor can show; that is the last line's end."""
    lines = text.split("\n")
    return (line, column) if line <= len(lines) else (len(lines), len(lines[-1]) + 1)


def _codepoint(character: object) -> int:
    return character if isinstance(character, int) else ord(str(character)[:1] or "\0")


def _position(text: str, index: int) -> tuple[int, int]:
    """Line and column (in characters) of the parser's ``index`` into ``text``."""
    if _POSITIONS_IN_BYTES:
        index = len(text.encode("utf-8", "surrogatepass")[:index].decode("utf-8", "ignore"))
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _first_control(text: str) -> int | None:
    # Controls (Cc), surrogates (Cs) and noncharacters (Cn) are never printable: most texts
    # are ruled out at C speed, and only one with some unprintable character is looked into.
    if text.isprintable() or text.replace("\n", " ").replace("\t", " ").isprintable():
        return None
    first = [found.start() for found in (_BMP_CONTROL.search(text),) if found]
    first += [next((found.start() for found in _ASTRAL.finditer(text)
                    if is_control(found.group())), len(text))]
    return min(first) if min(first) < len(text) else None


def check_text(text: str) -> str | None:
    """What is wrong with a scalar's text (a control character, too many characters), or
    ``None``."""
    bad = _first_control(text)
    if bad is not None:
        return (f"expected text without control characters, found U+{ord(text[bad]):04X} "
                f"at character {bad + 1}")
    if len(text) > MAX_TEXT_CHARACTERS:
        return (f"expected text of at most {MAX_TEXT_CHARACTERS:,} characters, "
                f"found {len(text):,}")
    return None


class _Builder:
    """Turns the parser's event stream into Scalars, Mappings and Sequences."""

    def __init__(self, file: str, problems: list[Problem], text: str) -> None:
        self.file = file
        self.problems = problems
        self.text = text
        self.depth = 0
        self.too_deep = False
        self.lines = text.split("\n")

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

    def _control_mark(self, event: yaml.ScalarEvent) -> Mark | None:
        """The exact place of the control character in a one-line double-quoted scalar (the
        only way most of them get in); ``None`` for other scalars, known by their start."""
        start, end = event.start_mark, event.end_mark
        if event.style != '"' or not start or not end or start.line != end.line:
            return None
        bad = _first_control(event.value)
        offset = _source_offset(self.text[start.index + 1:end.index - 1], bad or 0)
        return None if offset is None else Mark(start.line + 1, start.column + 2 + offset)

    def _node(self, event: yaml.Event, events: Iterator[yaml.Event]) -> Node | None:
        mark = _mark(event)
        if type(event) is yaml.ScalarEvent and not event.anchor and not event.tag:
            return self._scalar(event, mark)  # the common case, first and fast
        if isinstance(event, yaml.AliasEvent):
            self._report(mark, "expected plain YAML, found an alias (*name): write the value out")
            return None
        if getattr(event, "anchor", None):
            self._report(mark, "expected plain YAML, found an anchor (&name): remove it")
        tag = getattr(event, "tag", None)
        if tag:
            self._report(mark, f"expected plain YAML, found an explicit tag ({tag})")
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, mark)
        if self.depth >= MAX_DEPTH:
            self._report(mark, TOO_DEEP)
            self.too_deep = True
            _skip_collection(events)
            return None
        self.depth += 1
        try:
            if isinstance(event, yaml.SequenceStartEvent):
                return self._sequence(mark, events)
            return self._mapping(mark, events)
        finally:
            self.depth -= 1

    def _scalar(self, event: yaml.ScalarEvent, mark: Mark) -> Scalar:
        value = event.value
        if not value.isprintable() or len(value) > MAX_TEXT_CHARACTERS:
            wrong = check_text(value)
            if wrong:
                self._report(self._control_mark(event) or mark, wrong)
        scalar = Scalar(value, mark, plain=not event.style)
        end = event.end_mark
        if end:
            scalar.end, scalar.lines = (end.line, end.column), self.lines
        return scalar

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


def position_in(scalar: Scalar, needle: str, occurrence: int = 0) -> Mark:
    """Where the ``occurrence``-th ``needle`` (a link target, say) is written inside a scalar,
    as the file shows it; the scalar's start if it cannot be found there."""
    if scalar.lines is None or scalar.end is None:
        return scalar.mark
    first, start = scalar.mark.line - 1, scalar.mark.column - 1
    last, end = scalar.end
    rows = scalar.lines[first:last + 1]
    if not rows or len(rows) != last - first + 1:
        return scalar.mark
    rows = [*rows[:-1], rows[-1][:end]] if first != last else [rows[0][:end]]
    rows[0] = rows[0][start:]
    source = "\n".join(rows)
    offset = -1
    for _ in range(occurrence + 1):
        offset = source.find(needle, offset + 1)
        if offset < 0:
            return scalar.mark
    before = source[:offset]
    row = before.count("\n")
    if row == 0:
        return Mark(scalar.mark.line, scalar.mark.column + offset)
    return Mark(scalar.mark.line + row, offset - before.rfind("\n"))


def _source_offset(source: str, index: int) -> int | None:
    """Where the ``index``-th character of a double-quoted scalar's value is written in its
    ``source`` (one line, quotes removed), escapes counted at their written width."""
    offset = produced = 0
    while offset < len(source):
        if produced == index:
            return offset
        escape = source[offset + 1:offset + 2] if source[offset] == "\\" else ""
        offset += {"x": 4, "u": 6, "U": 10}.get(escape, 2) if escape else 1
        produced += 1
    return None


def _skip_collection(events: Iterator[yaml.Event]) -> None:
    """Pass over the rest of a sequence or mapping whose start was just read, without
    recursing, however deep it goes."""
    depth = 1
    for event in events:
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
            if depth == 0:
                return


def _mark(event: yaml.Event) -> Mark:
    start = event.start_mark
    return Mark(start.line + 1, start.column + 1) if start else START
