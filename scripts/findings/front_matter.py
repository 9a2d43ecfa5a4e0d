"""A generated page's front matter, read as the JSON it is written in, without a YAML parser.

The generator writes each page's front matter as one ``key: JSON`` a line (``render.front_matter``,
each value by ``yamljson.yaml_json``, which any YAML reader reads back exactly). The engine
parses it with a YAML parser, a third of its time reading 10,000 pages; ``generated_meta``
gives the same dictionary from the same lines with ``json.loads``, for front matter of that
form only, and declines (``None``) anything else, which the engine then parses as before.
"""

from __future__ import annotations

import json
from typing import Any

#: The front matter key and value (``BODY_KEY: BODY_HTML``) by which the generator marks a page
#: whose body is finished HTML (``render.front_matter``): the engine glue dresses it without
#: parsing it as Markdown. An engine that ignores the hooks parses it and gets the same HTML,
#: slower.
BODY_KEY, BODY_HTML = "findings_body", "html"
#: The keys the generator writes (``render.front_matter``): none that YAML 1.1 would read as
#: anything but a string (``on``, ``yes``).
KEYS = frozenset({"title", "description", "search", "hide", BODY_KEY})


def generated_meta(block: str) -> dict[str, Any] | None:
    """The front matter ``block`` (its lines, each ended by ``\\n``, between the ``---``
    lines) as YAML reads it, if it is a generated page's: ``KEYS`` only, the mark
    (``BODY_KEY: BODY_HTML``) among them, each value JSON of strings, booleans, lists and
    objects; printable characters only (YAML takes some others for line breaks, and
    ``yaml_json`` writes them as escapes JSON does not know). Otherwise ``None``."""
    if not block.endswith("\n") or not block.replace("\n", "").isprintable():
        return None
    meta: dict[str, Any] = {}
    for line in block[:-1].split("\n"):
        key, colon, value = line.partition(": ")
        if not colon or key not in KEYS:
            return None
        try:
            meta[key] = json.loads(value)
        except ValueError:
            return None
        if not _plain(meta[key]):
            return None
    return meta if meta.get(BODY_KEY) == BODY_HTML else None


def _plain(value: Any) -> bool:
    """Strings, booleans, and lists and objects of them: what JSON and YAML read alike (a
    number such as ``1e3`` is a string to YAML 1.1)."""
    if isinstance(value, str | bool):
        return True
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    if isinstance(value, dict):
        return all(_plain(item) for item in value.values())
    return False
