"""Citations of the study and of its quotes, in AMA and APA styles, and as BibTeX."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import quote

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
    in, so pages listing many quotes carry the study's citation once, not once per quote. The
    study's own braces are doubled (``{{``, ``}}``), so a title holding '{id}' stays as written;
    site.js reads them back."""
    marks = {name: f"\x00{name}\x00" for name in ("id", "text", "who")}
    blank = Quote(marks["id"], marks["text"], "participant", marks["who"], (), "")
    return [replace(c, lead=_template(c.lead, marks))
            for c in cite_quote(blank, study, "{permalink}")]


def _template(text: str, marks: dict[str, str]) -> str:
    text = text.replace("{", "{{").replace("}", "}}")
    for name, mark in marks.items():
        text = text.replace(mark, "{" + name + "}")
    return text


def bibtex(study: Study) -> str:
    """The study as one BibTeX entry. Whatever the data holds, it stays one entry: every value
    is on one line with its braces balanced, TeX's special characters are written as text, and
    ``doi`` and ``url`` are percent-encoded where a URL may not hold a character."""
    first = re.sub(r"[^a-z]", "", study.authors[0].family_name.lower()) or "study"
    word = re.sub(r"[^a-z]", "", study.title.split()[0].lower()) if study.title else ""
    fields = [
        ("author", " and ".join(f"{_bib_name(a.family_name)}, {_bib_name(a.given_names)}"
                                for a in study.authors)),
        ("title", "{" + tex_text(study.title) + "}"),
        ("howpublished", tex_text(study.venue)),
        ("year", str(study.year)),
        ("note", tex_text(study.status.capitalize())),
        ("doi", url_text(study.doi)),
        ("url", url_text(study.url)),
    ]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields if v)
    return f"@misc{{{first}{study.year}{word},\n{body}\n}}"


#: Each of TeX's special characters as text. The braces are written as commands, not ``\{``:
#: BibTeX counts every brace, escaped or not, so a lone ``\}`` would close the field.
TEX_TEXT = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_", "$": r"\$",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
})


def one_line(text: str) -> str:
    """The text on one line: control characters dropped, any run of white space (line breaks
    of every kind included) made one space."""
    return " ".join(CONTROL.sub("", text).split())


#: Characters no citation file may hold: C0 and C1 controls but tab and line breaks (NEL too:
#: made spaces), surrogates and the noncharacters U+FFFE and U+FFFF.
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def tex_text(text: str) -> str:
    """Plain text as TeX text: on one line, every special character escaped."""
    return one_line(text).translate(TEX_TEXT)


def _bib_name(name: str) -> str:
    """A name part as BibTeX reads it: a comma or the word 'and' would split it, so braced."""
    return re.sub(r",|\band\b", lambda m: "{" + m.group(0) + "}", tex_text(name),
                  flags=re.IGNORECASE)


def url_text(url: str) -> str:
    """A link on one line, with every character a URL may not hold percent-encoded (braces,
    backslashes, quotes, spaces, non-ASCII): written as-is it could end a BibTeX field."""
    return quote(one_line(url), safe=URL_SAFE)


URL_SAFE = "/:?#[]@!$&'()*+,;=%~-._"


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."
