"""Where an id that no item has went: retired in ``redirects.yml`` (to another id, or
withdrawn, on the date the changelog gives), or perhaps into a file of its kind that could not
be read. A reference to such an id says so, rather than only that no item has it: a link to a
retired id names the id that replaced it, and a file with a YAML error does not make every
reference to the items it holds look wrong."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from findings.discover import DataFiles
from findings.problems import Problem
from findings.schema import ITEM_KINDS, PERMANENT_KINDS, Kind

WITHDRAWN = "withdrawn"
#: The rest of a message about a reference to ``(kind name, id)``, or ``None`` to say only
#: that no item has it.
Explain = Callable[[str, str], "str | None"]
#: Per item kind, the files of its folder where an item may have been lost (``unreadable_files``).
Unreadable = Mapping[str, Sequence[str]]


def explain_missing(redirects: Mapping[str, Mapping[str, str]],
                    changelog: Sequence[Mapping[str, Any]], unreadable: Unreadable) -> Explain:
    """What is known of ids that are not live: where ``redirects`` sends them (dated by the
    ``changelog``'s entries), or which ``unreadable`` files of their kind may hold them."""

    def explain(target: str, item_id: str) -> str | None:
        new = redirects.get(target, {}).get(item_id)
        kind = next((k for k in PERMANENT_KINDS if k.name == target), None)
        if new is not None and kind is not None:
            if new == WITHDRAWN:
                return (f"which was {retired_when(changelog, kind, item_id, WITHDRAWN)}: "
                        "remove it")
            return (f"which was {retired_when(changelog, kind, item_id)} and replaced by "
                    f"'{new}': use '{new}'")
        files = unreadable.get(target)
        if files:
            return (f"which may be in {' or '.join(files)}, where an item could not be read: "
                    "fix that first")
        return None
    return explain


def retired_when(changelog: Sequence[Mapping[str, Any]], kind: Kind, item_id: str,
                 verb: str = "retired") -> str:
    """When the id was retired, from the changelog: the version that retires an id names it
    (CONTRIBUTING.md), so the newest of several entries is the retirement."""
    named = f"{kind.singular}:{item_id}"
    dates = sorted(entry["date"] for entry in changelog if named in entry.get("items", ()))
    if len(dates) > 1:
        return f"{verb} on {dates[-1]}"
    if dates:
        return f"published on {dates[0]}, {verb} since"
    return f"{verb} in redirects.yml"


def unreadable_files(problems: Iterable[Problem], files: DataFiles) -> dict[str, list[str]]:
    """Per item kind, the files of its folder where an item may have been lost: a file that
    could not be read, or an item without a usable id. (Any other error leaves the item, and
    its id, in the data: a broken link elsewhere must not hide a deleted permalink.)"""
    lost = [p for p in problems if p.severity == "error" and p.field in (None, "id")]
    found: dict[str, list[str]] = {}
    for kind in ITEM_KINDS:
        prefix = files.shown(files.root / kind.folder) + "/"
        in_folder = sorted({p.file for p in lost if p.file.startswith(prefix)})
        if in_folder:
            found[kind.name] = in_folder
    return found
