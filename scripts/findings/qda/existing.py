"""What a data folder already holds, as the import needs it: the items of the files it writes
(values exactly as a person left them), the items it imported before (by origin GUID), and
every id and theme number already taken."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from findings.discover import discover_files, root_file
from findings.load import Mapping, Scalar, Sequence, load_file
from findings.problems import Problem

THEMES_FILE = "themes/imported.yml"
QUOTES_PREFIX = "quotes/imported-"

Values = dict[str, Any]


@dataclass
class Existing:
    """Items per import file (relative path → items, in order), and where each origin is."""

    files: dict[str, list[Values]] = field(default_factory=dict)
    origins: dict[tuple[str, str], str] = field(default_factory=dict)
    taken: dict[str, set[str]] = field(default_factory=lambda: {"themes": set(), "quotes": set()})
    numbers: set[int] = field(default_factory=set)
    theme_ids: dict[str, str] = field(default_factory=dict)
    theme_numbers: dict[str, object] = field(default_factory=dict)

    def find(self, kind: str, origin: str) -> tuple[str, Values] | None:
        """The file and item imported before from ``origin`` (``None`` if outside import files
        or never imported)."""
        relative = self.origins.get((kind, origin))
        if relative is None or relative not in self.files:
            return None
        item = next(i for i in self.files[relative] if origin_of(i) == origin)
        return relative, item


    def elsewhere(self, kind: str, origin: str) -> str | None:
        """The file outside the import's own that holds an item imported from ``origin``."""
        relative = self.origins.get((kind, origin))
        return relative if relative is not None and relative not in self.files else None


def is_import_file(relative: str) -> bool:
    return relative == THEMES_FILE or (relative.startswith(QUOTES_PREFIX)
                                       and relative.endswith(".yml") and relative.count("/") == 1)


def read_existing(root: Path, argument: str) -> Existing | list[Problem]:
    """The themes and quotes of ``root``; a file that cannot be read stops the import."""
    files = discover_files(root, argument)
    existing = Existing()
    # A link out of the data folder, an unlistable folder: the import would write through it.
    problems: list[Problem] = list(files.problems)
    for folder, kind in (("themes", "themes"), ("quotes", "quotes")):
        for path in files.kinds[folder]:
            document = load_file(path, files.shown(path))
            problems += document.problems
            items = [plain(n) for n in _nodes(document.root)]
            relative = path.relative_to(root).as_posix()
            _record(existing, kind, relative, items)
    for stem in ("redirects", "published"):
        found = root_file(files, stem, problems)
        if found is not None:
            document = load_file(found, files.shown(found))
            problems += document.problems
            _record_retired(existing, plain(document.root))
    return problems or existing


def _nodes(root: object) -> list[object]:
    return list(root) if isinstance(root, Sequence) else [root] if root is not None else []


def plain(node: object) -> Any:
    """A loaded node as dicts and lists; scalars stay :class:`Scalar` (text as written)."""
    if isinstance(node, Mapping):
        return {key: plain(value) for key, value in node.items()}
    if isinstance(node, Sequence):
        return [plain(value) for value in node]
    return node


def origin_of(item: object) -> str:
    """The GUID an item was imported from, as compared (no braces, lower case)."""
    value = item.get("origin") if isinstance(item, dict) else None
    return str(value).strip().strip("{}").lower() if isinstance(value, str) else ""


def _record(existing: Existing, kind: str, relative: str, items: list[Any]) -> None:
    if is_import_file(relative):
        existing.files[relative] = items
    for item in items:
        if not isinstance(item, dict):
            continue
        item_id = item.get("id")
        if isinstance(item_id, str):
            existing.taken[kind].add(item_id.strip())
        if origin_of(item):
            existing.origins.setdefault((kind, origin_of(item)), relative)
            if kind == "themes" and isinstance(item_id, str):
                existing.theme_ids[origin_of(item)] = item_id.strip()
                existing.theme_numbers[origin_of(item)] = item.get("number")
        number = item.get("number")
        if kind == "themes" and isinstance(number, Scalar) and number.strip().isdigit():
            existing.numbers.add(int(number))


def _record_retired(existing: Existing, record: Any) -> None:
    """Retired and published ids stay taken: a permalink is never reused."""
    if not isinstance(record, dict):
        return
    for kind in ("themes", "quotes"):
        section = record.get(kind)
        if isinstance(section, dict | list):
            existing.taken[kind] |= {str(key).strip() for key in section}
