"""A generated page's search sections, read once from the HTML the generator made, and the
file that carries them to the engine.

``read_page`` reads a page's sections as the engine's search plugin would
(``findings.search_reader``). The sections travel in the staging tree, in ``SECTIONS_FILE``
beside the engine's config (not in ``docs/``, which the engine would publish), each page's with
the CRC-32 of the body they were read from: the engine glue hands them to the search plugin
for that very body only, and the plugin makes the entries (address, title, tags, boost) as it
always does. An engine that ignores the glue parses every page itself and builds the same index.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from pathlib import Path

from findings.search_reader import SearchSection, page_sections

#: The sections of the generated pages, beside the staged config.
SECTIONS_FILE = "search-sections.json"
_FORMAT = 1


@dataclass(frozen=True)
class PageSections:
    """A page's sections, and the CRC-32 of the body (UTF-8) they were read from."""

    crc: int
    sections: tuple[SearchSection, ...]


def engine_body(body: str) -> str:
    """The body as the engine will hold it: its lines ended as a file read in text mode ends
    them, the white space at either end dropped (as the glue's ``page.content``)."""
    return body.replace("\r\n", "\n").replace("\r", "\n").strip()


def body_crc(body: str) -> int:
    return zlib.crc32(body.encode("utf-8"))


def read_page(body: str) -> PageSections | None:
    """``body``'s sections, or ``None`` if it is not in the dialect this reader knows."""
    body = engine_body(body)
    sections = page_sections(body)
    return None if sections is None else PageSections(body_crc(body), sections)


def write_sections(path: Path, pages: dict[str, PageSections]) -> None:
    """``SECTIONS_FILE``: each page (by its path in the docs folder) with its sections."""
    data = {"format": _FORMAT, "pages": {
        source: [page.crc, [[s.id, s.title, s.text] for s in page.sections]]
        for source, page in pages.items()}}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")


def read_sections(path: Path) -> dict[str, PageSections]:
    """What ``write_sections`` wrote; nothing if the file is missing or not of this format
    (then the engine's search parses every page)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {}
    return {source: PageSections(crc, tuple(SearchSection(*s) for s in sections))
            for source, (crc, sections) in data["pages"].items()}
