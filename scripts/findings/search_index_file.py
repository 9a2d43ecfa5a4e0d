"""The search index file, written entry by entry: the same bytes as one ``json.dumps`` of it,
without the whole index ever held as one string (at 10,000 quotes, that string beside the
entries was the build's peak of memory)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any


def _json(value: Any) -> str:
    """As Material's search plugin writes it (``default=str``), but as UTF-8, not ``\\u``
    escapes (a third to a sixth of the bytes for any text beyond ASCII, such as curly quotes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def write_index(path: Path, config: Mapping[str, Any], docs: Iterable[Any]) -> None:
    """``{"config": config, "docs": [...]}`` into ``path``, one document at a time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"config":' + _json(config) + ',"docs":[')
        for at, doc in enumerate(docs):
            out.write(("," if at else "") + _json(doc))
        out.write("]}")
