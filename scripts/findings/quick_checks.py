"""Quick checks: the value of a field written as most are, valid, in one call.

A quick check returns the value the full check (``validate.Checker``) would return for a valid
node, or ``None`` for any node it is not sure of: an empty one, a placeholder, a value of the
wrong type or out of its type's bounds, a repeat in a list. The full check then reads that
node as before and says what is wrong, so every message stays the full check's own. Fields of
other kinds (records, mappings, lists of them) have no quick check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from findings.load import Scalar, Sequence
from findings.types import (
    MAX_DIGITS,
    PLACEHOLDER,
    Boolean,
    Choice,
    Integer,
    ListOf,
    Markdown,
    Text,
    ValueType,
    quick_matcher,
    whole_number,
)

#: A node's value, or ``None`` when the full check must read it.
QuickCheck = Callable[[object], Any]

#: Texts the full check may refuse as they stand (empty, null, a placeholder): read by it.
_UNSURE = frozenset(("", "~", "null", "Null", "NULL", PLACEHOLDER))
_PLACEHOLDER_START = PLACEHOLDER + ":"


def quick_check(vtype: ValueType) -> QuickCheck | None:
    """The quick check of a value type, if it has one."""
    if isinstance(vtype, Text):
        return _text(vtype)
    if isinstance(vtype, Choice):
        return _choice(vtype)
    if isinstance(vtype, Integer):
        return _integer(vtype)
    if isinstance(vtype, Boolean):
        return _boolean
    if isinstance(vtype, ListOf):
        return _list(vtype)
    return None


def _text_of(node: Scalar) -> str | None:
    """A scalar's text, trailing white space stripped, unless the full check may refuse it."""
    text = node.rstrip()
    if text in _UNSURE or node.startswith(_PLACEHOLDER_START):
        return None
    return text


def _text(vtype: Text) -> QuickCheck:
    match = quick_matcher(vtype.pattern) if vtype.pattern else None
    most = vtype.max_length

    def check(node: object) -> str | None:  # the most common check: _text_of written out
        if type(node) is not Scalar:
            return None
        text = node.rstrip()
        if text in _UNSURE or node.startswith(_PLACEHOLDER_START) \
                or (match is not None and match(text) is None) \
                or (most is not None and len(text) > most):
            return None
        return text
    return check


def _choice(vtype: Choice) -> QuickCheck:
    values = frozenset(vtype.values)

    def check(node: object) -> str | None:
        text = _text_of(node) if type(node) is Scalar else None
        return text if text in values else None
    return check


def _integer(vtype: Integer) -> QuickCheck:
    least = vtype.minimum

    def check(node: object) -> int | None:
        if type(node) is not Scalar or not node.plain:
            return None
        text = _text_of(node)
        if text is None or not whole_number(text) or len(text.lstrip("+-")) > MAX_DIGITS:
            return None
        value = int(text)
        return None if least is not None and value < least else value
    return check


def _boolean(node: object) -> bool | None:
    if type(node) is not Scalar or not node.plain:
        return None
    text = _text_of(node)
    return None if text not in ("true", "false") else text == "true"


def _list(vtype: ListOf) -> QuickCheck | None:
    """A list of scalars (not of records, lists or mappings, nor of Markdown, whose links the
    full check records)."""
    item = None if isinstance(vtype.item, ListOf | Markdown) else quick_check(vtype.item)
    if item is None:
        return None
    least, unique = max(vtype.min_items, 1), vtype.unique  # an empty list is the full check's

    def check(node: object) -> list[Any] | None:
        if type(node) is not Sequence or len(node) < least:
            return None
        values = list(map(item, node))
        if None in values or (unique and len(set(map(str.rstrip, node))) != len(node)):
            return None
        return values
    return check
