"""Where an id that no item has went: retired in ``redirects.yml`` (to another id, or
withdrawn, on the date the changelog gives), or perhaps into a file of its kind that could not
be read. A reference to such an id says so, rather than only that no item has it: a link to a
retired id names the id that replaced it, and a file with a YAML error does not make every
reference to the items it holds look wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from findings.schema import ITEM_KINDS, PERMANENT_KINDS, Kind

if TYPE_CHECKING:
    from findings.data import CheckedData

WITHDRAWN = "withdrawn"
#: The rest of a message about a reference to ``(kind name, id)``, or ``None`` to say only
#: that no item has it.
Explain = Callable[[str, str], "str | None"]


def explain_missing(data: CheckedData) -> Explain:
    """What is known of ids that are not live, from what ``data`` holds so far: its redirects,
    its changelog, and the errors of the files already read."""
    unreadable = unreadable_files(data)

    def explain(target: str, item_id: str) -> str | None:
        new = data.redirects.get(target, {}).get(item_id)
        kind = next((k for k in PERMANENT_KINDS if k.name == target), None)
        if new is not None and kind is not None:
            if new == WITHDRAWN:
                return f"which was {retired_when(data, kind, item_id, WITHDRAWN)}: remove it"
            return (f"which was {retired_when(data, kind, item_id)} and replaced by '{new}': "
                    f"use '{new}'")
        files = unreadable.get(target)
        if files:
            return (f"which may be in {' or '.join(files)}, where an item could not be read: "
                    "fix that first")
        return None
    return explain


def retired_when(data: CheckedData, kind: Kind, item_id: str, verb: str = "retired") -> str:
    """When the id was retired, from the changelog: the version that retires an id names it
    (CONTRIBUTING.md), so the newest of several entries is the retirement."""
    named = f"{kind.singular}:{item_id}"
    dates = sorted(entry["date"] for entry in data.changelog if named in entry.get("items", ()))
    if len(dates) > 1:
        return f"{verb} on {dates[-1]}"
    if dates:
        return f"published on {dates[0]} and {verb} since"
    return f"{verb} in redirects.yml"


def unreadable_files(data: CheckedData) -> dict[str, list[str]]:
    """Per item kind, the files of its folder where an item may have been lost: a file that
    could not be read, or an item without a usable id (as ``guards.has_errors_in``)."""
    found: dict[str, list[str]] = {}
    if data.files is None:
        return found
    for kind in ITEM_KINDS:
        prefix = data.files.shown(data.files.root / kind.folder) + "/"
        files = {p.file for p in data.problems if p.severity == "error"
                 and p.file.startswith(prefix) and p.field in (None, "id")}
        if files:
            found[kind.name] = sorted(files)
    return found
