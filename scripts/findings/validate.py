"""Check loaded YAML against the schema, item by item, collecting every problem.

Each field is checked by its type (``types``); references between items are recorded here and
resolved afterwards by ``references``, once every item is known.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from findings.load import Mapping, Mark, Scalar, Sequence, mark_of, position_in
from findings.problems import Problem, describe
from findings.quick_checks import QuickCheck, quick_check
from findings.schema import ITEM_LINK, LINK_KINDS, RESERVED_IDS, Kind
from findings.types import (
    Field,
    InvalidValueError,
    ListOf,
    MapOf,
    Markdown,
    Record,
    ValueType,
    is_empty,
)

#: An item link in Markdown, ``[text](theme:ID)``, and a reference-style definition of one,
#: ``[label]: theme:ID``: both checked.
LINK_RE = re.compile(rf"\]\(\s*<?{ITEM_LINK}")
REFERENCE_RE = re.compile(rf"^ {{0,3}}\[[^\]]+\]:[ \t]*\n?[ \t]*<?{ITEM_LINK}", re.MULTILINE)
#: The ids ``findings new`` writes (``new-quote-3``): a warning, so ``--strict`` refuses them.
PLACEHOLDER_ID_RE = re.compile(r"^new-(theme|quote|recommendation)-[0-9]+$")
#: Items of one kind a data folder may hold: ten times the largest benchmark (DATA-DICTIONARY.md).
MAX_ITEMS = 100_000


class Ref(NamedTuple):
    """A value that must name something else: an item of a kind, or a speaker or audience. A
    tuple, made by the ten thousand at C speed."""

    target: str
    value: str
    file: str
    mark: Mark
    item_id: str | None
    field: str


@dataclass
class Item:
    """One checked item: its values, and where it was written."""

    kind: str
    id: str
    file: str
    mark: Mark
    values: dict[str, Any]
    node: Mapping


@dataclass
class Checker:
    """Checks values of one file against their types; collects problems and references."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    item_id: str | None = None

    def report(self, mark: Mark, field_path: str | None, message: str) -> None:
        self.problems.append(
            Problem(self.file, mark.line, mark.column, message, self.item_id, field_path)
        )

    def check_record(self, record: Record, node: object, path: str = "") -> dict[str, Any]:
        if not isinstance(node, Mapping):
            found = describe(node, echo=bool(path))  # a whole item: maybe not data at all
            self.report(mark_of(node), path or None, f"expected a mapping, found {found}")
            return {}
        plan = _plan(record)
        if not node.keys() <= plan.names:
            self._check_unknown_keys(record, node, path)
        values: dict[str, Any] = {}
        get = node.get
        for name, f, quick, optional, has_refs in plan.fields:
            value_node = get(name)
            if value_node is None and optional:
                continue  # an optional field left out, as most are: nothing to check
            value = None if quick is None else quick(value_node)
            if value is not None:  # written as most are: its references, if any
                if has_refs:
                    self._quick_refs(f, value, value_node, path + name)
            else:
                value = self._check_field(f, value_node, node, path)
            if value is not None:
                values[name] = value
        return values

    def _quick_refs(self, f: Field, value: Any, node: Any, path: str) -> None:
        """The references of a value its quick check took, as :meth:`check_value` records
        them: a Markdown text's links (only a text with ']' may have one), each entry of a
        list."""
        if isinstance(node, Sequence):
            assert f.ref is not None  # a list's quick check is for lists of text, not Markdown
            self.refs.extend(Ref(f.ref, v, self.file, element.mark, self.item_id,
                                 f"{path}[{index}]")
                             for index, (element, v) in enumerate(zip(node, value, strict=True)))
        elif f.ref or "]" in value:
            self._record_refs(f.type, value, node, path, f.ref)

    def _check_unknown_keys(self, record: Record, node: Mapping, path: str) -> None:
        names = [f.name for f in record.fields]
        for key in node:
            if key not in names:
                near = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
                hint = f" (did you mean '{near[0]}'?)" if near else ""
                self.report(node.key_marks[key], path + key,
                            f"expected a known field, found unknown field '{key}'{hint}")

    def _check_field(self, f: Field, value_node: object, node: Mapping, path: str) -> Any:
        """The value of the field ``f`` of ``node``, written as ``value_node``, if any."""
        if is_empty(value_node):
            if f.required or _condition_met(f, node):
                # A field written but left empty is reported on its own line.
                where = node.key_marks.get(f.name, node.mark)
                self.report(where, path + f.name,
                            f"expected {f.doc}, found {found_empty(value_node)}")
            return None
        return self.check_value(f.type, value_node, path + f.name, f.ref)

    def check_value(self, vtype: ValueType, node: object, path: str, ref: str | None) -> Any:
        try:
            if isinstance(vtype, _COMPOSITE):
                if isinstance(vtype, Record):
                    return self.check_record(vtype, node, path + ".")
                if isinstance(vtype, ListOf):
                    return self._check_list(vtype, node, path, ref)
                return self._check_map(vtype, node, path)
            value = vtype.check(node)
        except InvalidValueError as problem:
            self.report(mark_of(node), path, str(problem))
            return None
        if ref or isinstance(vtype, Markdown):
            self._record_refs(vtype, value, node, path, ref)
        return value

    def _record_refs(self, vtype: ValueType, value: Any, node: object, path: str,
                     ref: str | None) -> None:
        if ref:
            self.refs.append(Ref(ref, value, self.file, mark_of(node), self.item_id, path))
        if isinstance(vtype, Markdown):
            seen: dict[str, int] = {}
            for prefix, target, _ in LINK_RE.findall(value) + REFERENCE_RE.findall(value):
                needle = f"{prefix}:{target}"
                where = position_in(node, needle, seen.get(needle, 0)) \
                    if isinstance(node, Scalar) else mark_of(node)
                seen[needle] = seen.get(needle, 0) + 1
                self.refs.append(Ref(LINK_KINDS[prefix], target, self.file, where,
                                     self.item_id, path))

    def _check_list(self, vtype: ListOf, node: object, path: str, ref: str | None) -> list[Any]:
        if not isinstance(node, Sequence):
            raise InvalidValueError(f"expected a list, found {describe(node)}")
        if len(node) < vtype.min_items:
            raise InvalidValueError(
                f"expected at least {vtype.min_items} entries, found {len(node)}")
        seen: dict[str, Mark] = {}
        values = []
        for index, element in enumerate(node):
            element_path = f"{path}[{index}]"
            if vtype.unique and isinstance(element, Scalar) and element.rstrip() in seen:
                first = seen[element.rstrip()]
                self.report(element.mark, element_path,
                            f"expected no repeats, found '{element.rstrip()}' again "
                            f"(first at line {first.line})")
                continue
            if isinstance(element, Scalar):
                seen[element.rstrip()] = element.mark
            if is_empty(element):
                self.report(mark_of(element, node.mark), element_path,
                            f"expected a value, found {found_empty(element)}")
                continue
            values.append(self.check_value(vtype.item, element, element_path, ref))
        return [v for v in values if v is not None]

    def _check_map(self, vtype: MapOf, node: object, path: str) -> dict[str, Any]:
        if not isinstance(node, Mapping):
            raise InvalidValueError(f"expected a mapping, found {describe(node)}")
        if len(node) < vtype.min_items:
            raise InvalidValueError(f"expected at least {vtype.min_items} entries, found none")
        values: dict[str, Any] = {}
        for key, value_node in node.items():
            key_path = f"{path}.{key}"
            try:
                vtype.key.check(Scalar(key, node.key_marks[key], True))
            except InvalidValueError as problem:
                self.report(node.key_marks[key], key_path, str(problem))
                continue
            if is_empty(value_node):
                self.report(node.key_marks[key], key_path,
                            f"expected a value, found {found_empty(value_node)}")
                continue
            value = self.check_value(vtype.value, value_node, key_path, None)
            if value is not None:
                values[key] = value
        return values


#: The value types made of others, which the checker goes into.
_COMPOSITE = (Record, ListOf, MapOf)


@dataclass(frozen=True)
class _Plan:
    """How a record is checked: the names it knows, and per field its name, its quick check
    (if its type has one), whether it may be left out without a word and whether its value
    may hold references (it names an item, or it is Markdown, which may link to one)."""

    names: frozenset[str]
    fields: tuple[tuple[str, Field, QuickCheck | None, bool, bool], ...]


#: Each record's plan, made once (by the record's identity: records live as long as the
#: schema does).
_PLANS: dict[int, tuple[Record, _Plan]] = {}


def _plan(record: Record) -> _Plan:
    kept = _PLANS.get(id(record))
    if kept is None or kept[0] is not record:
        kept = _PLANS[id(record)] = (record, _Plan(
            frozenset(f.name for f in record.fields),
            tuple((f.name, f, quick_check(f.type), not f.required and not f.required_when,
                   bool(f.ref) or isinstance(f.type, Markdown)) for f in record.fields)))
    return kept[1]


def _condition_met(f: Field, node: Mapping) -> bool:
    if not f.required_when:
        return False
    other, expected = f.required_when
    value = node.get(other)
    return isinstance(value, Scalar) and value.rstrip() == expected


def check_item(kind: Kind, node: object, checker: Checker) -> Item | None:
    """Check one item of a kind; ``None`` when it has no usable id."""
    checker.item_id = _id_of(node)
    values = checker.check_record(kind.record, node)
    item_id = values.get("id")
    if item_id in RESERVED_IDS:
        checker.report(mark_of(node.get("id")) if isinstance(node, Mapping) else mark_of(node),
                       "id", f"expected an id the site does not reserve for its own pages "
                       f"({', '.join(RESERVED_IDS)}), found '{item_id}'")
        return None
    if not isinstance(node, Mapping) or not item_id:
        return None
    if PLACEHOLDER_ID_RE.match(item_id):
        mark = mark_of(node.get("id"), node.mark)
        checker.problems.append(Problem(
            checker.file, mark.line, mark.column,
            f"expected a meaningful id, found the placeholder '{item_id}' that `findings new` "
            "wrote: choose the permalink now, it can never change once published",
            item_id, "id", "warning"))
    return Item(kind.name, item_id, checker.file, node.mark, values, node)


def _id_of(node: object) -> str | None:
    value = node.get("id") if isinstance(node, Mapping) else None
    return value.rstrip() if isinstance(value, Scalar) and value.strip() else None


def check_item_count(kind: str, items: list[Item]) -> list[Problem]:
    """A problem at the first item past :data:`MAX_ITEMS` of a kind, if there is one."""
    if len(items) <= MAX_ITEMS:
        return []
    first = items[MAX_ITEMS]
    return [Problem(first.file, first.mark.line, first.mark.column,
                    f"expected at most {MAX_ITEMS:,} items of this kind ({kind}), found "
                    f"{len(items):,}", first.id)]


def found_empty(node: object) -> str:
    """What an empty value is, as written: ``actions: []`` is an empty list, ``text: ""``
    empty text; only a field left without any value is "nothing"."""
    if isinstance(node, list):
        return "an empty list"
    if isinstance(node, dict):
        return "an empty mapping"
    if isinstance(node, Scalar) and not node.is_null:
        return "empty text"
    return "nothing"
