"""``findings new KIND``: a YAML skeleton for a new item, made from the schema.

The skeleton has an id no item has used (``new-quote-3``, which ``check --strict`` refuses
until a meaningful id replaces it) and, for every required value, a placeholder starting
``TODO`` that the checks reject until it is replaced. Optional fields are
written as comments.
"""

from __future__ import annotations

import json

from findings.data import CheckedData
from findings.schema import ITEM_KINDS, Kind
from findings.types import PLACEHOLDER, Boolean, Choice, Field, Integer, ListOf, Text, ValueType

KINDS = {kind.singular: kind for kind in ITEM_KINDS}


def unused_id(kind: Kind, taken: set[str]) -> str:
    """``new-KIND-N`` for the smallest N not taken."""
    number = 1
    while f"new-{kind.singular}-{number}" in taken:
        number += 1
    return f"new-{kind.singular}-{number}"


def render_skeleton(kind: Kind, data: CheckedData, taken: set[str]) -> str:
    """The skeleton of a new item of ``kind``, for the data folder ``data`` was read from."""
    lines = [
        f"# A new {kind.singular}, for a file under {kind.folder}/: replace every {PLACEHOLDER},",
        "# then run `make check`. Optional fields are commented out. See CONTRIBUTING.md.",
    ]
    for f in kind.fields:
        if f.name == "id":
            lines.append(f"id: {unused_id(kind, taken)}  # the permalink: choose a meaningful "
                         "id now (`check --strict` refuses this one), never change it once "
                         "published")
            continue
        line = f"{f.name}: {_placeholder(f, kind, data)}"
        note = _note(f, data)
        if f.required or f.required_when:
            lines.append(line + (f"  # {note}" if note else ""))
        else:
            lines.append(f"# {line}" + (f"  # {note}" if note else ""))  # uncommentable
    return "\n".join(lines) + "\n"


def _placeholder(f: Field, kind: Kind, data: CheckedData) -> str:
    if isinstance(f.type, Boolean):  # a switch: the value to write, its meaning in the note
        return "true"
    if isinstance(f.type, Integer) and f.unique:
        numbers = [item.values.get(f.name) for item in data.items.get(kind.name, [])]
        return str(max((n for n in numbers if isinstance(n, int)), default=0) + 1)
    text = json.dumps(f"{PLACEHOLDER}: {_wanted(f.type, f.doc)}", ensure_ascii=False)
    return f"[{text}]" if isinstance(f.type, ListOf) else text


def _wanted(vtype: ValueType, doc: str) -> str:
    if isinstance(vtype, Choice):
        return " or ".join(vtype.values)
    if isinstance(vtype, ListOf) and isinstance(vtype.item, Choice | Text):
        return _wanted(vtype.item, doc)
    return doc


def _note(f: Field, data: CheckedData) -> str:
    """Where a value must come from, and when a field is required."""
    notes = [f.doc] if isinstance(f.type, Boolean) else []
    if f.required_when:
        other, value = f.required_when
        notes.append(f"required when {other} is {value}: delete it otherwise")
    choices = _choices(f.ref, data)
    if choices:
        notes.append("one of: " + ", ".join(choices))
    return "; ".join(notes)


def _choices(ref: str | None, data: CheckedData) -> list[str]:
    if ref in ("speakers", "audiences"):
        return list((data.study or {}).get(ref, []))
    if ref == "themes":
        return sorted(item.id for item in data.items.get(ref, []))
    return []
