"""Two scans of a page's HTML that the engine glue makes on every page, done fast.

Each gives exactly what a regular expression of the engine's (or of our glue's) gives, but
searches for a literal first: Python's ``re`` skips ahead to a pattern's literal prefix, and
tries a pattern that opens with ``\\s`` or an alternation at every character of the page. At
10,000 quotes the two slow patterns took 15 s of CPU time.
"""

from __future__ import annotations

import html
import re

#: The ids a finished page's links may point at (``id`` attributes, and ``name`` on links),
#: as the engine glue has always read them: ``\sid="..."|<a\s[^>]*?\bname="..."``.
ANCHORS = re.compile(r'\sid="([^"]*)"|<a\s[^>]*?\bname="([^"]*)"')
_ID = re.compile(r'id="([^"]*)"')


def anchor_ids(text: str) -> set[str]:
    """The ids ``ANCHORS`` finds in ``text``, unescaped. Without ``name="`` in the page only
    its first alternative can match: an ``id="..."`` that follows white space."""
    if 'name="' in text:
        return {html.unescape(ids or names) for ids, names in ANCHORS.findall(text)}
    return {html.unescape(found.group(1)) for found in _ID.finditer(text)
            if found.start() and text[found.start() - 1].isspace()}


#: What Material's search plugin removes from every page's content once it has indexed it
#: (``material/plugins/search/plugin.py``, ``on_page_context``, 9.x).
SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
_SEARCH_ATTRIBUTE = re.compile(r"data-search-\w+=\"[^\"]+\"")


def without_search_attributes(text: str) -> str:
    """``SEARCH_ATTRIBUTES.sub("", text)``: each attribute found by its literal start, with
    the one white space character before it (never part of the match before, which ends in
    a quote)."""
    parts, kept = [], 0
    for found in _SEARCH_ATTRIBUTE.finditer(text):
        start = found.start()
        if start > kept and text[start - 1].isspace():
            start -= 1
        parts.append(text[kept:start])
        kept = found.end()
    if not parts:
        return text
    parts.append(text[kept:])
    return "".join(parts)
