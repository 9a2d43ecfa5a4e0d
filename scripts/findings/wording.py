"""Words the site says in many places, written once: names of kinds, theme labels, counts,
the short label that tells one quote's buttons from another's.

The page templates get these as one value, ``WORDS`` (``render.make_environment``); the browser's
scripts get them from the page (a ``<template>`` built by the same macros, data attributes).
"""

from __future__ import annotations

import difflib
import functools
import re
from typing import Protocol

from findings.voice import PARTICIPANT

#: What the quotes of each kind are called in the quote bank's filter. A card's own label
#: (which part of the study the authors' words come from) is voice.py's.
KIND_NAMES = {"participant": PARTICIPANT, "finding": "The study authors' words"}

#: Who owns a recommendation (its ``level``), in filters and on cards.
LEVEL_LABELS = {"program": "Program", "institution": "Institution", "community": "Community"}

#: A recommendation's effort and timeframe (the editors' ratings), on cards and in the handout.
EFFORT_LABELS = {"low": "Low", "medium": "Medium", "high": "High"}
TIMEFRAME_LABELS = {"immediate": "Immediate", "short-term": "Short-term", "long-term": "Long-term"}

#: How many words of a quote its short label keeps (site.js ``shortQuote`` keeps as many).
SHORT_WORDS = 6

#: How alike a finding's wording and a theme's sentence are, word for word, before the
#: theme's page says the sentence once rather than twice.
SAME_SENTENCE = 0.8


class Numbered(Protocol):
    @property
    def number(self) -> int: ...

    @property
    def title(self) -> str: ...


def theme_label(theme: Numbered) -> str:
    """'Theme 2: Working alone after dark'."""
    return f"Theme {theme.number}: {theme.title}"


def count(n: int, singular: str, plural: str = "") -> str:
    """'1 recommendation', '2 recommendations', '0 quotes': the noun agrees with the number."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


#: A source that names a part of the study and a place in it ("abstract: results, sentence
#: 5"): the part, a colon, then the place.
_LOCATOR = re.compile(r"^\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(\S.*)$", re.DOTALL)
#: Where a quote's first sentence ends: a stop, then white space and a capital or an opening
#: quotation mark ("U.S. context" goes on), or the text's end.
_SENTENCE_END = re.compile(r"[.!?][\u201d\"')]*(?=\s+[A-Z\u201c\"(]|\s*$)")
#: How many words a quote's name keeps before it says only its first sentence's start.
NAME_WORDS = 40


def source_label(source: str) -> str:
    """A source as a reader's locator: 'abstract: results, sentence 5' reads 'Abstract,
    Results, sentence 5' (the part and the place capitalised, joined by commas). A source in
    another form ('site editors, from Theme 2') is shown as written."""
    match = _LOCATOR.match(source)
    if not match:
        return source
    part, place = match.groups()
    return f"{_capital(part)}, {_capital(place.strip())}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def tag_label(slug: str) -> str:
    """A tag as readers see it: 'academic-medicine' reads 'Academic medicine'. Tags are slugs
    and the data gives no labels, so this rule is the only one (the data keeps the slug)."""
    return _capital(slug.replace("-", " "))


def quote_name(text: str) -> str:
    """A quote named in a list of items (What's new): its first sentence, whole, never cut
    mid-phrase; a first sentence longer than NAME_WORDS words ends at a word with '…'."""
    found = _SENTENCE_END.search(text)
    sentence = text[:found.end()] if found else text
    words = sentence.split()
    return " ".join(words) if len(words) <= NAME_WORDS else (
        " ".join(words[:NAME_WORDS]) + "\u2026")


def short_quote(text: str) -> str:
    """A quote's first words, for a label that tells its buttons from another quote's."""
    words = text.split()
    return " ".join(words[:SHORT_WORDS]) + ("\u2026" if len(words) > SHORT_WORDS else "")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@functools.lru_cache(maxsize=2**16)
def restates(sentence: str, text: str) -> bool:
    """Whether ``text`` says ``sentence`` again, give or take a few words ('They reported'
    for 'Residents reported'). Kept for each pair of texts: a theme's pages are planned for
    every build and every preview's save, and check plans them too, over thousands of quotes."""
    a, b = _words(sentence), _words(text)
    if not a or not b:
        return False
    # ratio() is 2.0 * matched / (len(a) + len(b)), so at most this bound (difflib's
    # real_quick_ratio): most texts are ruled out by their length alone, before any matching.
    if 2.0 * min(len(a), len(b)) / (len(a) + len(b)) < SAME_SENTENCE:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= SAME_SENTENCE and matcher.ratio() >= SAME_SENTENCE


#: Whose recommendation it is (``Recommendation.owner``), as each badge says it.
BASIS_LABELS = {
    "authors": "The study's authors recommend this",
    "participants": "Residents in the study called for this (as the study reports)",
    "editors": "Derived from the findings by the site's editors",
}

#: What each badge means, said once: on the recommendation's own page and in the legend.
BASIS_WHY = {
    "authors": "Stated in the study: the authors' own conclusion.",
    "participants": "Stated in the study as what participants advocated for; it is not the "
                    "authors' own conclusion.",
    "editors": "The site's editors drew this from the findings; the study does not state it.",
}


class Words:
    """This module's words as one value, for the templates (which get values, never
    modules)."""

    KIND_NAMES = KIND_NAMES
    LEVEL_LABELS = LEVEL_LABELS
    EFFORT_LABELS = EFFORT_LABELS
    TIMEFRAME_LABELS = TIMEFRAME_LABELS
    BASIS_LABELS = BASIS_LABELS
    BASIS_WHY = BASIS_WHY
    theme_label = staticmethod(theme_label)
    count = staticmethod(count)
    short_quote = staticmethod(short_quote)
    source_label = staticmethod(source_label)
    tag_label = staticmethod(tag_label)
    quote_name = staticmethod(quote_name)


WORDS = Words()
