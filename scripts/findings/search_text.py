"""How a page's body reads to the search index, in one place.

The engine's search indexes a page's text with its tags stripped, so a label and its value
written side by side (``<dt>Time</dt><dd>30 minutes</dd>``) would read "Time30 minutes" in a
result's snippet. Between a term and its description the browser never shows white space
(a ``dl``'s items are blocks or flex items), so a space there changes nothing on screen and
separates the words for search. What is kept out of the index is marked in the templates
with ``data-search-exclude`` (repeated boilerplate, controls) or, for a whole page, with
``Page.searchable`` (the home page, whose result would repeat the study page's); the type of
a result (theme, quote, recommendation, guide) is shown by ``site.js`` from its address, so
it costs the index nothing.
"""

from __future__ import annotations

import re

_JOINED = re.compile(r"(</dt>)(?=<dd[\s>])")


def separate_labels(body: str) -> str:
    """``</dt><dd>`` with a space between, so a term and its description stay two words."""
    return _JOINED.sub(r"\1 ", body)
