"""The one schema of a data folder: every kind of file, where it lives, and its record.

The records of the study and its items are declared in ``records`` (the model's dataclasses);
the guard files', which no page shows, here. The checks (``validate``), the editors' JSON
Schema (``jsonschema``) and the data dictionary are all made from these kinds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from findings.records import (
    DiscussionGuide,
    Question,
    Quote,
    Recommendation,
    Study,
    Theme,
    Version,
    record_of,
)
from findings.types import Field, Integer, ListOf, MapOf, Record, Text, slug

#: Ids the site uses for its own pages inside the item sections; no item may take them.
RESERVED_IDS = ("index", "page", "all", "new")


@dataclass(frozen=True)
class Kind:
    """A kind of item: where its files live and the fields of one item."""

    name: str
    folder: str
    record: Record
    singular: str
    doc: str = ""

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.record.fields


STUDY = Kind("study", "study", record_of(Study), "study")
THEME = Kind("themes", "themes", record_of(Theme), "theme")
QUOTE = Kind("quotes", "quotes", record_of(Quote), "quote")
RECOMMENDATION = Kind("recommendations", "recommendations", record_of(Recommendation),
                      "recommendation")

ITEM_KINDS = (THEME, QUOTE, RECOMMENDATION)
#: The kinds an item link names, by the word it starts with: ``[text](theme:ID)``.
LINK_KINDS = {kind.singular: kind.name for kind in ITEM_KINDS}
#: The one pattern of an item link's target: ``theme:ID`` (or ``quote:``,
#: ``recommendation:``), then what may follow the id in a link (``#part``). Groups: the kind's
#: word, the id, the rest (possibly empty).
ITEM_LINK = rf"({'|'.join(LINK_KINDS)}):([^#?\s)>]*)([#?][^\s)>]*)?"
ITEM_LINK_RE = re.compile(f"^{ITEM_LINK}$")

# The toolkit: the site's own material built from the findings, never the study's. Its items
# share toolkit/ and are told apart by `type`.
QUESTION = Kind("toolkit-questions", "toolkit", record_of(Question),
                "self-assessment question")
DISCUSSION = Kind("toolkit-discussions", "toolkit", record_of(DiscussionGuide),
                  "discussion guide")

TOOLKIT_KINDS = (QUESTION, DISCUSSION)
TOOLKIT_TYPES = {"question": QUESTION, "discussion": DISCUSSION}
#: Kinds whose ids are permanent once published: pages' permalinks, and the question ids that
#: readers' saved self-assessment answers are stored under.
PERMANENT_KINDS = (*ITEM_KINDS, *TOOLKIT_KINDS)

_REDIRECT_NOTES = {
    "toolkit-questions": " (answers readers saved under the old id are kept for the new one; "
                         "a withdrawn question's answers are dropped)",
    "toolkit-discussions": " (the old guide's address leads to the new one; a withdrawn "
                           "guide's address leads to the toolkit)",
}
REDIRECT_TARGET = Text(
    pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
    pattern_name="a current id or 'withdrawn'",
)
REDIRECTS = Kind("redirects", "redirects", Record(tuple(
    Field(kind.name, MapOf(slug(), REDIRECT_TARGET),
          f"retired {kind.singular} id -> current {kind.singular} id, or 'withdrawn'"
          + _REDIRECT_NOTES.get(kind.name, ""))
    for kind in PERMANENT_KINDS
)), "redirect")

# Optional files that guard what is published (``guards``, ``disclosure``): one each, in the
# data folder itself. ``DISCLOSURE_ALLOW`` holds a list of entries, the others one mapping.
PUBLISHED = Kind("published", "published", Record(tuple(
    Field(kind.name, ListOf(slug(), unique=True),
          f"every {kind.singular} id published so far, sorted")
    for kind in PERMANENT_KINDS
)), "published id", "Written by `findings release`, never by hand. Once it exists, "
    "`findings check` fails for a recorded id that is neither live nor a key of redirects.yml, "
    "so no published permalink can break.")
SETTINGS = Kind("settings", "settings", Record((
    Field("disclosure", Record((
        Field("k", Integer(1), "a quote's speaker must be shared by at least k participants "
              "(default 3)"),
    )), "settings of the disclosure guard"),
)), "setting", "Optional settings of the checks.")
DISCLOSURE_ALLOW = Kind("disclosure-allow", "disclosure-allow", Record((
    Field("quote", slug(), "the quote the warning is about", required=True, ref="quotes"),
    Field("match", Text(), "the text the warning found, as it shows it", required=True),
    Field("reason", Text(), "why a reviewer judged it safe to publish", required=True),
)), "allowed match", "A list of reviewed disclosure warnings to silence: each entry silences "
    "the warnings about its `match` in one quote, and says why.")
CHANGELOG = Kind("changelog", "changelog", record_of(Version), "version", "Optional: a list of "
                 "published versions, newest or oldest first. It makes the 'What's new' page "
                 "and its Atom feed, and tells each item's page when it was added and last "
                 "changed.")
GUARD_KINDS = (PUBLISHED, SETTINGS, DISCLOSURE_ALLOW, CHANGELOG)


def kind_named(name: str) -> Kind:
    return next(k for k in (*ITEM_KINDS, *TOOLKIT_KINDS, STUDY, REDIRECTS) if k.name == name)
