"""Checks across items: unique ids and numbers, references that resolve, sound redirects."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from findings.load import Mark, Scalar
from findings.problems import Problem
from findings.schema import PERMANENT_KINDS, RESERVED_IDS
from findings.validate import Item, Ref
from findings.whereabouts import WITHDRAWN, Explain


def check_unique(items: list[Item], field_name: str) -> list[Problem]:
    """A value of ``field_name`` used twice is reported at its second use, naming the first."""
    problems = []
    first: dict[Any, Item] = {}
    for item in items:
        value = item.values.get(field_name)
        if value is None:
            continue
        if value in first:
            earlier = first[value]
            mark, before = _value_mark(item, field_name), _value_mark(earlier, field_name)
            problems.append(Problem(
                item.file, mark.line, mark.column,
                f"expected a unique {field_name}, found '{value}' again "
                f"(first at {earlier.file}:{before.line}:{before.column})",
                item.id, field_name,
            ))
        else:
            first[value] = item
    return problems


def _value_mark(item: Item, field_name: str) -> Mark:
    node = item.node.get(field_name)
    return node.mark if isinstance(node, Scalar) else item.mark


def check_refs(refs: Iterable[Ref], known: Mapping[str, set[str] | None],
               explain: Explain | None = None) -> list[Problem]:
    """Every reference names something that exists; targets we cannot know are skipped.
    ``explain`` says where an id that is not known went, if it can (``whereabouts``)."""
    problems = []
    for ref in refs:
        names = known.get(ref.target)
        if names is None or ref.value in names:
            continue
        problems.append(Problem(
            ref.file, ref.mark.line, ref.mark.column,
            f"expected {_expected(ref.target, names)}, found '{ref.value}'"
            f"{missing(ref.target, ref.value, names, explain)}",
            ref.item_id, ref.field,
        ))
    return problems


def missing(target: str, value: str, names: Iterable[str], explain: Explain | None) -> str:
    """The end of a message about an unknown id: where it went, else the nearest known."""
    where = explain(target, value) if explain else None
    return f", {where}" if where else did_you_mean(value, names)


def did_you_mean(value: str, names: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest known name, as for field names; else ''."""
    near = difflib.get_close_matches(value, list(names), n=1, cutoff=0.6)
    if not near:
        lowered = {name.casefold(): name for name in names}
        near = [lowered[value.casefold()]] if value.casefold() in lowered else []
    return f" (did you mean '{near[0]}'?)" if near else ""


def _expected(target: str, names: set[str]) -> str:
    if target in ("speakers", "audiences"):
        listed = ", ".join(f"'{n}'" for n in sorted(names))
        return f"one of the study's {target} ({listed})"
    singular = target.removesuffix("s")
    return f"the id of an existing {singular}"


def check_redirects(redirects: dict[str, dict[str, str]], live: dict[str, set[str]],
                    file: str, marks: dict[tuple[str, str], Mark]) -> list[Problem]:
    """Retired ids lead straight to a live id of their kind (or withdrawn). A retired id that
    is live again is reported on the item that took it (``guards.check_reused``)."""
    problems = []
    for kind in PERMANENT_KINDS:
        retired = redirects.get(kind.name, {})
        for old, new in retired.items():
            if old in live[kind.name]:
                continue
            mark = marks[(kind.name, old)]
            message = _redirect_problem(kind.singular, old, new, live[kind.name], retired)
            if message:
                problems.append(Problem(file, mark.line, mark.column, message, old,
                                        f"{kind.name}.{old}"))
    return problems


def _redirect_problem(singular: str, old: str, new: str, live: set[str],
                      retired: dict[str, str]) -> str | None:
    if old in RESERVED_IDS:
        return f"expected a retired {singular} id, found '{old}', which the site reserves"
    if new == WITHDRAWN or new in live:
        return None
    if new in retired:
        return (f"expected a live {singular} id or '{WITHDRAWN}', found '{new}', itself "
                f"retired: point straight at '{retired[new]}'")
    return f"expected a live {singular} id or '{WITHDRAWN}', found '{new}'{did_you_mean(new, live)}"
