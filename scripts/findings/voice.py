"""Whose voice a quote is, in words a reader can trust: a participant's words, or the study
authors' own wording, labelled by the part of the abstract it comes from (a sentence of the
Conclusion is the authors' conclusion, a sentence of the Results a finding they state).

The section is read from the data itself, never guessed: the abstract section whose text holds
the quote's text (white space aside, as ``check`` compares an excerpt), or else the section of
the abstract that the quote's ``source`` names (``abstract: results, sentence 2``). A quote
from no section, or from one that is neither a result nor a conclusion, gets a neutral label.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from findings.model import Findings
from findings.records import Quote, Study

PARTICIPANT = "Participant's words"
CONCLUSION = "The study authors' conclusion"
FINDING = "Finding stated by the study authors"
AUTHORS = "Stated by the study authors"

#: Each label with what it means, for the legends of pages listing quotes.
MEANINGS = {
    PARTICIPANT: "a participant's own words",
    FINDING: "the authors' wording of a finding, from the Results of the abstract",
    CONCLUSION: "the authors' wording of their conclusion, from the Conclusion of the abstract",
    AUTHORS: "the authors' own wording, from another part of the study",
}


def _spaced(text: str) -> str:
    return " ".join(text.split())


def abstract_section(quote: Quote, study: Study) -> str:
    """The heading of the abstract section that holds the quote's text word for word (white
    space aside); else the one its ``source`` names; '' where neither says."""
    return _section(quote.text, quote.source, study.abstract)


#: Sections kept: a study's quotes, and the versions a preview's edits made of some of them
#: (each plan and each page's voices asks again for every quote).
KEPT_SECTIONS = 1 << 16


@functools.lru_cache(maxsize=KEPT_SECTIONS)
def _section(quote_text: str, source: str, abstract: tuple[tuple[str, str], ...]) -> str:
    words = _spaced(quote_text)
    found = next((heading for heading, text in _spaced_sections(abstract)
                  if words and words in text), "")
    return found or _named_section(source, abstract)


@functools.lru_cache(maxsize=4)
def _spaced_sections(abstract: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The abstract's sections, their text spaced once (not once per quote of the study)."""
    return tuple((heading, _spaced(text)) for heading, text in abstract)


def _named_section(source: str, abstract: tuple[tuple[str, str], ...]) -> str:
    """The first abstract heading ``source`` names as a whole word, in any case, when
    ``source`` speaks of the abstract at all."""
    said = source.casefold()
    if "abstract" not in said:
        return ""
    return next((heading for heading, _ in abstract
                 if re.search(rf"\b{re.escape(heading.casefold())}\b", said)), "")


def section_label(heading: str) -> str:
    """The label for the authors' words from the section ``heading`` (in any case)."""
    name = heading.casefold()
    if "conclu" in name:
        return CONCLUSION
    if "result" in name or "finding" in name:
        return FINDING
    return AUTHORS


def quote_label(quote: Quote, study: Study) -> str:
    """What a quote's card calls it."""
    if quote.kind == "participant":
        return PARTICIPANT
    return section_label(abstract_section(quote, study))


def quote_attribution(quote: Quote, study: Study) -> str:
    """Who said it, for a line that stands alone (a search result, a link preview): the speaker
    of participants' words; for the authors' words, the abstract section they come from (else
    their ``source``)."""
    if quote.kind == "participant":
        return quote.speaker
    section = abstract_section(quote, study)
    return f"abstract: {section}" if section else quote.source


def labels_in(findings: Findings) -> set[str]:
    """The labels the study's quotes carry: a legend explains only those."""
    return {quote_label(q, findings.study) for q in findings.quotes}


@dataclass(frozen=True)
class Voices:
    """What the pages say of whose words each quote is, made once per build: each quote's
    label (by id), and the legend of the authors' labels the study's quotes carry (label and
    meaning, in ``MEANINGS``' order; the participants' label has its own line)."""

    labels: Mapping[str, str]
    legend: tuple[tuple[str, str], ...]
    #: Each quote's abstract section (by id), '' where none says: its citation's locator.
    sections: Mapping[str, str]

    def of(self, quote: Quote) -> str:
        """What a quote's card calls it."""
        return self.labels[quote.id]

    def section_of(self, quote: Quote) -> str:
        """The heading of the abstract section the quote comes from, or ''."""
        return self.sections[quote.id]

    def templates(self) -> list[tuple[str, str]]:
        """The empty cards a page's scripts fill, one per label the study's quotes carry:
        (kind, label). The scripts pick a quote's by the label its record in findings.json
        carries (opendata), so no page lists which quotes each is for."""
        used = set(self.labels.values())
        return [("participant", PARTICIPANT),
                *(("finding", label) for label in MEANINGS
                  if label != PARTICIPANT and label in used)]


def voices(findings: Findings) -> Voices:
    sections = {q.id: abstract_section(q, findings.study) for q in findings.quotes}
    labels = {q.id: PARTICIPANT if q.kind == "participant" else section_label(sections[q.id])
              for q in findings.quotes}
    used = set(labels.values())
    return Voices(labels, tuple((label, meaning) for label, meaning in MEANINGS.items()
                                if label != PARTICIPANT and label in used), sections)
