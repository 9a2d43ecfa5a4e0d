"""The glue between the engine and Material's search plugin: the plugin is handed the search
sections the generator read (it parses only hand-written pages), removes its attributes with a
fast scan, and writes its index entry by entry, as UTF-8. Engine-neutral: the plugin and the
engine's config are reached by duck typing, and each replacement is made only where the
plugin's code is the one it was written against (``engine`` calls these from its hooks)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from findings.page_scan import SEARCH_ATTRIBUTES, without_search_attributes
from findings.search_index_file import write_index
from findings.search_sections import SECTIONS_FILE, PageSections, body_crc, read_sections


def search_entries(config: Any) -> list[Any] | None:
    """The list of entries Material's search index adds to as pages are built."""
    entries = getattr(search_index(config), "entries", None)
    return entries if isinstance(entries, list) else None


def stream_index_writes(config: Any) -> None:
    """Material's search plugin writes its index as one JSON string: its event is replaced by
    one that writes the same index entry by entry, as UTF-8 (``search_index_file``), and then
    lets the entries go. Its dirty builds, which keep the index for the next, are left to it."""
    events = getattr(config.plugins, "events", {}).get("post_build", [])
    for at, method in enumerate(events):
        plugin = getattr(method, "__self__", None)
        if type(plugin).__module__ == "material.plugins.search.plugin" \
                and getattr(method, "__name__", "") == "on_post_build":
            events[at] = functools.partial(_write_index_streamed, plugin, method)


def _write_index_streamed(plugin: Any, original: Any, *, config: Any) -> None:
    index = plugin.search_index
    if not plugin.config.enabled or plugin.is_dirty or plugin.search_index_prev is not None:
        original(config=config)
        return
    entries, index.entries = index.entries, []
    head = json.loads(index.generate_search_index(None))  # the plugin's own settings, no docs
    if set(head) != {"config", "docs"} or head["docs"]:
        index.entries = entries
        original(config=config)
        return
    write_index(Path(config["site_dir"]) / "search" / "search_index.json", head["config"],
                entries)
    config["extra"]["_findings_index_streamed"] = True


def faster_page_context(config: Any) -> None:
    """Material's search plugin, once it has indexed a page, removes the page's
    ``data-search-*`` attributes with a pattern that is tried at every character of it (a
    tenth of the engine's time at 10,000 quotes): its page event is replaced by the same two
    steps, the removal done by ``page_scan.without_search_attributes`` (the same result).
    Left as it is where the plugin's event is not the one this was written against."""
    events = getattr(config.plugins, "events", {}).get("page_context", [])
    for at, method in enumerate(events):
        plugin = getattr(method, "__self__", None)
        if type(plugin).__module__ == "material.plugins.search.plugin" \
                and getattr(method, "__name__", "") == "on_page_context" \
                and plugin_source_strips(method):
            events[at] = functools.partial(_search_page_context, plugin)


def plugin_source_strips(method: Any) -> bool:
    """Whether the plugin's page event is the one this glue replaces: it indexes the page,
    then removes ``page_scan.SEARCH_ATTRIBUTES`` from its content."""
    import inspect

    try:
        source = inspect.getsource(method)
    except (OSError, TypeError):
        return False
    return "add_entry_from_context(page)" in source and SEARCH_ATTRIBUTES.pattern in source


def _search_page_context(plugin: Any, context: Any, *, page: Any, config: Any,
                         nav: Any) -> None:
    if not plugin.config.enabled:
        return
    plugin.search_index.add_entry_from_context(page)
    page.content = without_search_attributes(page.content)


def feed_search(config: Any) -> None:
    """The search plugin parses each page's HTML for its sections; the generator has read a
    generated page's already (``findings.search_sections``, in the staging tree beside the
    config): the plugin is handed those, and parses only the other pages (hand-written ones,
    or a body they were not read from). It still makes each entry itself."""
    index = search_index(config)
    known = read_sections(Path(config.config_file_path).parent / SECTIONS_FILE)
    if index is None or not known:
        return
    parse = index.add_entry_from_context

    def add_entry_from_context(page: Any) -> None:
        read = known.pop(page.file.src_uri, None)  # used once: its memory is let go
        if read is None or (page.meta.get("search") or {}).get("exclude") \
                or body_crc(page.content) != read.crc:
            parse(page)
            return
        for section in _plugin_sections(read):
            index.create_entry_for_section(section, page.toc, page.url, page)

    index.add_entry_from_context = add_entry_from_context


def search_index(config: Any) -> Any:
    """Material's search plugin's index of this build (``None`` without one)."""
    for plugin in config["plugins"].values():
        index = getattr(plugin, "search_index", None)
        if type(index).__module__.startswith("material.") \
                and hasattr(index, "create_entry_for_section"):
            return index
    return None


def _plugin_sections(read: PageSections) -> list[Any]:
    """The sections in the shape of the plugin's parser's: title and text as lists of parts
    (an empty title: the page's own stands in)."""
    return [SimpleNamespace(id=s.id, title=[] if s.title is None else [s.title], text=[s.text])
            for s in read.sections]


def _release_search_entries(config: Any) -> None:
    """The search plugin's entries, written to its index file by now, are let go before the
    file is read back (at 10,000 quotes, both at once were the build's peak of memory);
    kept where the plugin keeps them for the next build (its dirty rebuilds)."""
    for plugin in config["plugins"].values():
        index = getattr(plugin, "search_index", None)
        if index is not None and index is search_index(config) \
                and not getattr(plugin, "is_dirty", True):
            index.entries = []


def write_search_index(config: Any) -> None:
    """Write the search index as UTF-8 rather than \\u escapes (a third to a sixth of the
    bytes for any text beyond ASCII, such as curly quotes), unless the plugin's event wrote
    it so already (``stream_index_writes``)."""
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if not config["extra"].pop("_findings_index_streamed", False) and index.is_file():
        _release_search_entries(config)
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                         encoding="utf-8")
