"""How a page's body reads to the search index, in one place.

The engine's search indexes a page's text with its tags stripped, so a label and its value
written side by side (``<dt>Time</dt><dd>30 minutes</dd>``) would read "Time30 minutes" in a
result's snippet, and one pair ran into the next ("... in the U.S. Data collection 10 ...").
``separate_labels`` writes each pair as a reader would say it, "Time: 30 minutes; Source: ...":
the colon and the semicolon are each in a ``<template>`` between the term and its description
(and between two pairs), which a ``dl`` may hold and the browser never shows, reads aloud or
counts in any element's text; only the index, which reads the markup, sees them. The term's
and the description's own text stay as they were (``.fnd-meta`` has its colon from CSS).

What is kept out of the index is marked in the templates with ``data-search-exclude``
(repeated boilerplate, controls, answer options, filter help, lists whose items have pages of
their own). Two rules of the engine's search to keep in mind: a heading with an ``id`` starts a
search entry even inside an excluded block, so such a heading carries the mark itself; and an
excluded block ends at the first inner element of the same tag that closes (a ``div`` marked
around other ``div``s is not excluded after the first), so the mark goes on blocks that hold
no element of their own tag. A page that is all controls (the handout, the
action-plan worksheet) or all other pages' text (the quote bank) is still found by its title
and lead, and by its headings where they are its own (the data dictionary's sections, a
discussion guide's agenda and ground rules). Only the home page (whose result would repeat the
study page's), a list's later pages and withdrawn items' notices are left out whole
(``Page.searchable``). The type of a result (theme, quote, recommendation, guide) is shown by
``site.js`` from its address, so it costs the index nothing.
"""

from __future__ import annotations

import re

#: A term, before its description (white space is not shown between them).
_TERM = re.compile(r"<dt(?:\s[^>]*)?>(?:(?!</dt>).)*</dt>(?=\s*<dd[\s>])", re.DOTALL)
#: A description's end, before the next term of the same list (in the same wrapping ``div``,
#: or the next one's), when its text does not end with a stop already.
_PAIR_END = re.compile(
    r"(?<![.;:!?])</dd>(?=\s*(?:</div>\s*<div(?:\s[^>]*)?>\s*)?<dt[\s>])")

#: What the index reads between a label and its value, and between two pairs.
LABEL_SEPARATOR = "<template>:</template> "
PAIR_SEPARATOR = "</dd><template>;</template>"


def separate_labels(body: str) -> str:
    """Each ``<dt>``/``<dd>`` pair read as "label: value", pairs separated by a semicolon, for
    the index only (in ``<template>``s, never shown)."""
    return _PAIR_END.sub(PAIR_SEPARATOR, _TERM.sub(_labelled, body))


def _labelled(term: re.Match[str]) -> str:
    """A term, then the colon the index reads; a term left out of the index gets none (its
    description reads alone: "Theme 2: ..." rather than "Theme: Theme 2: ...")."""
    opening = term.group(0)[:term.group(0).index(">")]
    return term.group(0) if "data-search-exclude" in opening else term.group(0) + LABEL_SEPARATOR
