"""What kind of work the study is, in the terms of each citation format: the one table every
citation file (CSL-JSON, CITATION.cff, RIS, BibTeX) takes its type from, and the data page
shows.

A conference abstract is, in CSL's terms, a ``speech`` (a presentation at a conference, the type
reference managers call "Presentation") with the genre "Conference abstract": the official
styles then print it as presented at the event, which is what it was. No source says it
appeared in proceedings, so it is not a CSL ``paper-conference``. CFF and RIS have no type for
a presentation: their conference-paper types, with the genre as a note, are the nearest. The
types therefore differ between the files, and ``differences`` says how, for the data page.
"""

from __future__ import annotations

from dataclasses import dataclass

from findings.records import Study


@dataclass(frozen=True)
class WorkType:
    """One kind of work: its name, each format's type for it, and the genre noted with it."""

    name: str
    csl: str
    cff: str
    ris: str
    bibtex: str
    genre: str = ""
    #: Where the formats' types differ, and what a reader importing them will see: the data
    #: page says it rather than claim that they agree.
    differences: str = ""


CONFERENCE_ABSTRACT = WorkType(
    "conference abstract", csl="speech", cff="conference-paper", ris="CPAPER", bibtex="misc",
    genre="Conference abstract",
    differences="No format has a type for a conference abstract, and they share none: CSL's "
    "speech is a presentation at an event (Zotero files it as a Presentation), CFF and RIS "
    "have only conference-paper types (Zotero files an RIS CPAPER as a Conference Paper), and "
    "BibTeX's @misc is its generic entry. Each file notes the genre, but a reference manager "
    "may file the study under a different type depending on which file it imports.")
ARTICLE = WorkType(
    "journal article", csl="article-journal", cff="article", ris="JOUR", bibtex="misc",
    differences="CSL, CFF and RIS each have a journal-article type; the BibTeX entry is the "
    "generic @misc, with the journal as where it was published.")
WORK_TYPES = (CONFERENCE_ABSTRACT, ARTICLE)


def work_type(study: Study) -> WorkType:
    """The study's kind, from its ``status`` ('conference abstract', 'peer-reviewed article')."""
    return CONFERENCE_ABSTRACT if "abstract" in study.status else ARTICLE
