"""The quick checks (``quick_checks``) take only what the full check takes, and make the same
value of it: a value they wrongly took would be a problem never reported."""

from __future__ import annotations

from typing import Any

import pytest

from findings.load import Mapping, Mark, Scalar, Sequence
from findings.quick_checks import quick_check
from findings.records import LEVELS, URL
from findings.types import (
    Boolean,
    Choice,
    Integer,
    InvalidValueError,
    ListOf,
    Markdown,
    Text,
    ValueType,
    is_empty,
    slug,
)

AT = Mark(1, 1)


def plain(text: str) -> Scalar:
    return Scalar(text, AT, True)


def quoted(text: str) -> Scalar:
    return Scalar(text, AT, False)


def listed(*entries: object) -> Sequence:
    sequence = Sequence(AT)
    sequence.extend(entries)
    return sequence


SCALARS = [plain(t) for t in ("a", "a  ", "TODO", "TODO: fill", "TODOS", "null", "~", "Null",
                              "", "3", "+3", "-1", "0", "1" * 16, "true", "false", "yes",
                              "my-item-2", "My Item", "x" * 65, "program", "https://a.b/c",
                              "not a url", "abstract", "a-", "-a", "a--b", "a-b-1", "1-2",
                              "a-\u00e7", "a_b", "a-B", "a\nb", "a-b\n", "a\n-b")] \
    + [quoted(t) for t in ("null", "  ", "", "TODO", "3", "true", "a\n", "TODO:")]
NODES: list[object] = [*SCALARS, None, Mapping(AT), listed(), listed(plain("a")),
                       listed(plain("a"), plain("b")), listed(plain("a"), plain("a ")),
                       listed(plain("a"), quoted("")), listed(plain("a"), plain("TODO")),
                       listed(plain("my-item"), plain("other")), listed(listed(plain("a"))),
                       listed(plain("program"), plain("galaxy")),
                       listed(plain("1"), plain("+2")), listed(plain("1"), quoted("2")),
                       listed(plain("program"), plain("community"))]
TYPES: list[ValueType] = [
    Text(), Text(3), Markdown(), slug(), URL, Choice(LEVELS), Choice(("abstract",)), Integer(),
    Integer(1), Boolean(), ListOf(Text()), ListOf(slug(), 1, unique=True),
    ListOf(Choice(LEVELS), unique=True), ListOf(Integer(), 2),
]


def full_check(vtype: ValueType, node: object) -> Any:
    """What the full check makes of a field's node: ``None`` where it reports a problem."""
    if is_empty(node):
        return None
    if isinstance(vtype, ListOf):
        if not isinstance(node, Sequence) or len(node) < vtype.min_items:
            return None
        texts = [e.rstrip() for e in node if isinstance(e, Scalar)]
        if vtype.unique and len(set(texts)) != len(texts):
            return None
        values = [full_check(vtype.item, element) for element in node]
        return None if None in values else values
    try:
        return vtype.check(node)  # type: ignore[union-attr]
    except InvalidValueError:
        return None


@pytest.mark.parametrize("vtype", TYPES, ids=repr)
def test_a_quick_check_takes_only_what_the_full_check_takes(vtype: ValueType) -> None:
    quick = quick_check(vtype)
    assert quick is not None
    for node in NODES:
        taken = quick(node)
        if taken is not None:
            assert (taken, type(taken)) == (full_check(vtype, node), type(taken)), node
    # and it does take the usual valid values: otherwise it would only cost time
    assert any(quick(node) is not None for node in NODES)


def test_lists_of_markdown_and_of_lists_are_left_to_the_full_check() -> None:
    assert quick_check(ListOf(Markdown())) is None
    assert quick_check(ListOf(ListOf(Text()))) is None
