"""How many bytes a quote's card takes on a page listing quotes: an upper bound, from the
lengths of the quote's own words as the card repeats them, so that a list can be split into
pages by size as well as by count (``pages.list_chunks``). A list is split again at each
plan, and a quote is on several lists: a weight is kept for the words it was worked out from."""

from __future__ import annotations

import functools

from markupsafe import escape

from findings.citation import excerpt
from findings.records import Quote
from findings.wording import short_quote

#: The card's markup besides the quote's words: at most 1,750 bytes measured on the fixture
#: studies and a 10,000-quote one (tests/site/test_long_lists.py holds cards to the bound).
CARD_MARKUP = 2_000
#: What a content note adds besides its words (the note's box, "Skip this quote", its anchor).
NOTE_MARKUP = 400
#: The card names its quote by its first words once per action: the permalink and four buttons.
LABELS_PER_CARD = 5
#: The quote's id is in its permalink, its handout button and its copy buttons.
IDS_PER_CARD = 8
#: Context is Markdown: its HTML, tags and entities included, within this many times its text.
MARKDOWN_GROWTH = 2


def _size(text: str) -> int:
    """The bytes of ``text`` as the page prints it (escaped, UTF-8)."""
    return len(str(escape(text)).encode("utf-8"))


def card_weight(quote: Quote) -> int:
    """At least as many bytes as the quote's card takes on a list page (a test holds the
    fixture studies' cards to it)."""
    return _weight(quote.text, quote.speaker, quote.id, quote.context, quote.content_note)


#: Weights kept: a study's quotes, and the versions a preview's edits made of some of them.
KEPT_WEIGHTS = 1 << 16


@functools.lru_cache(maxsize=KEPT_WEIGHTS)
def _weight(text: str, speaker: str, quote_id: str, context: str, note: str) -> int:
    cut = excerpt(text)
    weight = (CARD_MARKUP + _size(text) + LABELS_PER_CARD * _size(short_quote(text))
              + 2 * _size(speaker) + IDS_PER_CARD * _size(quote_id)
              + (_size(cut) if cut != text else 0)
              + MARKDOWN_GROWTH * _size(context))
    if note:
        weight += NOTE_MARKUP + _size(note) + _size(quote_id)
    return weight
