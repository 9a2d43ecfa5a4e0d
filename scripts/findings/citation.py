"""Citations of the study and of its quotes, in AMA and APA styles, and as BibTeX."""

from __future__ import annotations

import re
from dataclasses import dataclass

from findings.model import Author, Quote, Study

AMA_MAX_AUTHORS = 6


def initials(author: Author, separator: str = "") -> str:
    parts = re.split(r"[\s-]+", author.given_names)
    return separator.join(p[0] + ("." if separator else "") for p in parts if p)


def ama_authors(authors: tuple[Author, ...]) -> str:
    names = [f"{a.family_name} {initials(a)}" for a in authors]
    if len(names) > AMA_MAX_AUTHORS:
        names = [*names[:3], "et al"]
    return ", ".join(names)


def apa_authors(authors: tuple[Author, ...]) -> str:
    names = [f"{a.family_name}, {initials(a, ' ')}" for a in authors]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _link(study: Study) -> str:
    if study.doi:
        return f"https://doi.org/{study.doi}"
    return study.url


def cite_study_ama(study: Study) -> str:
    venue = f"Presented at: {study.venue}" if "abstract" in study.status else study.venue
    text = f"{ama_authors(study.authors)}. {_end(study.title)} {venue}; {study.year}."
    if study.doi:
        text += f" doi:{study.doi}"
    elif study.url:
        text += f" {study.url}"
    return text


def cite_study_apa(study: Study) -> str:
    kind = f" [{study.status.capitalize()}]" if study.status else ""
    text = f"{apa_authors(study.authors)} ({study.year}). {study.title}{kind}. {study.venue}."
    link = _link(study)
    return f"{text} {link}" if link else text


@dataclass(frozen=True)
class QuoteCitation:
    """A quote's citation in one style. The access date is the reader's: the page fills it in
    (``accessed`` with ``{date}``) between ``lead`` and the permalink."""

    style: str
    lead: str
    accessed: str
    permalink: str

    def text(self, date: str = "") -> str:
        middle = self.accessed.replace("{date}", date) + " " if date else ""
        return f"{self.lead} {middle}{self.permalink}"


EXCERPT_WORDS = 25


def excerpt(text: str) -> str:
    words = text.split()
    return text if len(words) <= EXCERPT_WORDS + 5 else " ".join(words[:EXCERPT_WORDS]) + "\u2026"


def cite_quote(quote: Quote, study: Study, permalink: str) -> list[QuoteCitation]:
    """A quote's citations (AMA, APA): who said it, the study, the permalink."""
    who = "Study authors" if quote.kind == "finding" else quote.speaker
    words = f"\u201c{excerpt(quote.text)}\u201d"
    venue = f"Presented at: {study.venue}" if "abstract" in study.status else study.venue
    ama = (f"{who}. {words} In: {ama_authors(study.authors)}. {_end(study.title)} {venue}; "
           f"{study.year}. Quote {quote.id}.")
    kind = f" [{study.status.capitalize()}]" if study.status else ""
    apa = (f"{apa_authors(study.authors)} ({study.year}). {study.title}{kind}. {study.venue}. "
           f"Quote \u201c{quote.id}\u201d: {words} ({who}).")
    return [QuoteCitation("AMA", ama, "Accessed {date}.", permalink),
            QuoteCitation("APA", apa, "Retrieved {date}, from", permalink)]


def quote_citation_templates(study: Study) -> list[QuoteCitation]:
    """Each style's citation with ``{who}``, ``{text}`` and ``{id}`` left for a script to fill
    in, so pages listing many quotes carry the study's citation once, not once per quote."""
    blank = Quote("{id}", "{text}", "participant", "{who}", (), "")
    return cite_quote(blank, study, "{permalink}")


def bibtex(study: Study) -> str:
    first = re.sub(r"[^a-z]", "", study.authors[0].family_name.lower()) or "study"
    word = re.sub(r"[^a-z]", "", study.title.split()[0].lower()) if study.title else ""
    fields = [
        ("author", " and ".join(f"{a.family_name}, {a.given_names}" for a in study.authors)),
        ("title", study.title),
        ("howpublished", study.venue),
        ("year", str(study.year)),
        ("note", study.status.capitalize()),
        ("doi", study.doi),
        ("url", study.url),
    ]
    body = ",\n".join(f"  {k} = {_bib_value(k, v)}" for k, v in fields if v)
    return f"@misc{{{first}{study.year}{word},\n{body}\n}}"


def _bib_value(key: str, text: str) -> str:
    """Braced, with TeX's special characters escaped; a title keeps its capitals."""
    if key not in ("url", "doi"):
        text = re.sub(r"([{}%&$#_\\])", r"\\\1", text)
    return "{{" + text + "}}" if key == "title" else "{" + text + "}"


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."
