"""Citations of the study and of its quotes, in AMA and APA styles (formatted by the CSL
processor, ``csl``), and as BibTeX."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from markupsafe import Markup

from findings import csl
from findings.csl import format_study, in_text, name_parts
from findings.records import Author, Quote, Study
from findings.urls import encode_url
from findings.work_type import WorkType, work_type

#: What the styles need that the processor or the data lacks: the study page says it.
PROCESSOR_NOTES = csl.PROCESSOR_NOTES


def cite_study_ama(study: Study) -> str:
    """The study's reference in AMA style, as the CSL processor formats it."""
    return format_study(study, "AMA").text


def cite_study_apa(study: Study) -> str:
    """The study's reference in APA style, as the CSL processor formats it."""
    return format_study(study, "APA").text


def cite_study_html(study: Study, style: str) -> Markup:
    """The reference with the style's own markup (APA italicises the title). Safe: every
    value went into the processor escaped."""
    return Markup(format_study(study, style).html)


def cite_in_text(study: Study) -> str:
    """The short form for running text: '(Kas-Osoka et al., 2025)'."""
    return in_text(study)


def credit_line(study: Study) -> str:
    """One line for a slide, from the study's own data: who and when (the processor's in-text
    form, written narratively), the authors' title up to its subtitle (never the editors'
    short title), what kind of work it is, and where it was presented.
    'Source: Lovelace et al. (2024), Night shifts [conference abstract], Fictional Forum.'"""
    kind = f" [{study.status}]" if study.status else ""
    return f"Source: {narrative(in_text(study))}, {main_title(study.title)}{kind}, {study.venue}."


def editors_credit(study: Study) -> str:
    """The credit line of a recommendation the editors derived:
    'Suggested by the site's editors, derived from Lovelace et al. (2024).'"""
    return f"Suggested by {study.editors}, derived from {narrative(in_text(study))}."


def site_credit(study: Study) -> str:
    """The footer of every page: whose the study is, whose the site is, and the licence (or
    that none is stated)."""
    licence = (f"The study's published content is under {study.license}." if study.license
               else "No licence is stated.")
    return (f"The study: {narrative(in_text(study))}. This site, its summaries, derived "
            f"recommendations and toolkit: {study.editors}. {licence}")


def narrative(parenthetical: str) -> str:
    """'(Lovelace et al., 2024)' as running text: 'Lovelace et al. (2024)'; any other form
    as the processor wrote it."""
    found = re.fullmatch(r"\((.+), ([^,()]+)\)", parenthetical)
    return f"{found[1]} ({found[2]})" if found else parenthetical


def main_title(title: str) -> str:
    """The title without its subtitle (what follows the first colon), as the authors wrote it."""
    head, colon, _ = title.partition(": ")
    return head.strip() if colon and head.strip() else title


@dataclass(frozen=True)
class QuoteCitation:
    """A quote's citation in one style: the quoted words and who said them, the study's
    reference, then the quote's permalink, labelled as the quote's place on this site
    (``LOCATOR_LABEL``) so that it never reads as the study's own address."""

    style: str
    lead: str
    permalink: str
    #: ``lead`` with the style's own markup (APA italicises the title): safe HTML, every value
    #: escaped before the processor saw it.
    lead_html: Markup

    def text(self) -> str:
        return f"{self.lead} {self.permalink}"


EXCERPT_WORDS = 25


def excerpt(text: str) -> str:
    words = text.split()
    return text if len(words) <= EXCERPT_WORDS + 5 else " ".join(words[:EXCERPT_WORDS]) + "\u2026"


#: What the permalink is, in a quote's citation: where the quote is on this site, not the
#: study's address. No access date: the permalink does not change.
LOCATOR_LABEL = "Quote on the findings site:"


def cite_quote(quote: Quote, study: Study, permalink: str) -> list[QuoteCitation]:
    """A quote's citations (AMA, APA): the quoted words and who said them, kept apart, then the
    study's reference (with the study's own address, if it has one), then the quote's
    permalink, labelled as such. Never an internal id."""
    who = "Study authors" if quote.kind == "finding" else quote.speaker
    words = f"\u201c{excerpt(quote.text)}\u201d ({who}). Quoted from:"
    citations = []
    for style in ("AMA", "APA"):
        reference = format_study(study, style)
        lead = f"{words} {reference.text} {LOCATOR_LABEL}"
        lead_html = Markup("{} {} {}").format(words, Markup(reference.html), LOCATOR_LABEL)
        citations.append(QuoteCitation(style, lead, permalink, lead_html))
    return citations


def quote_in_text(quote: Quote, study: Study, section: str) -> str:
    """The APA in-text form for a direct quote, with its locator: the abstract section it
    comes from ('(Lovelace et al., 2024, Results section)'); for participants' words, a
    secondary citation naming the speaker ('(Residents, as quoted in Lovelace et al., 2024)').
    The author-and-year part is the processor's own."""
    cited = in_text(study)
    inner = cited[1:-1] if cited.startswith("(") and cited.endswith(")") else cited
    if section:
        inner = f"{inner}, {section} section"
    if quote.kind == "participant":
        inner = f"{quote.speaker}, as quoted in {inner}"
    return f"({inner})"


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


@dataclass(frozen=True)
class Citations:
    """What the pages print of the study's citation, made once per build: the references in
    AMA and APA styles, the in-text form, a credit line, BibTeX, the processor's notes, each
    style's quote citation with blanks for a script (``quote_citation_templates``), and the
    kind of work each citation file says it is."""

    study: Study
    ama_html: Markup
    apa_html: Markup
    in_text: str
    credit_line: str
    bibtex: str
    processor_notes: str
    quote_templates: tuple[QuoteCitation, ...]
    #: What kind of work the study is, in each citation format's terms (``work_type``).
    work_type: WorkType
    #: The credit line of a derived recommendation, and the study as running text (the
    #: toolkit's label credits the editors, "from the findings of Lovelace et al. (2024)").
    suggested_by: str = ""
    cited_as: str = ""

    def cut(self, quote: Quote) -> str:
        """The words a quote's citation quotes where they are fewer than its text, else ''
        (a card's copy buttons read them: site.js has no rule of its own)."""
        words = excerpt(quote.text)
        return "" if words == quote.text else words

    def for_quote(self, quote: Quote, permalink: str) -> list[QuoteCitation]:
        """A quote's citations, AMA and APA (see :func:`cite_quote`)."""
        return cite_quote(quote, self.study, permalink)

    def in_text_for(self, quote: Quote, section: str) -> str:
        """A quote's APA in-text form, located by its abstract section (see
        :func:`quote_in_text`)."""
        return quote_in_text(quote, self.study, section)


def study_citations(study: Study) -> Citations:
    return Citations(study, cite_study_html(study, "AMA"), cite_study_html(study, "APA"),
                     cite_in_text(study), credit_line(study), bibtex(study), PROCESSOR_NOTES,
                     tuple(quote_citation_templates(study)), work_type(study),
                     editors_credit(study), narrative(in_text(study)))


def bibtex(study: Study) -> str:
    """The study as one BibTeX entry. Whatever the data holds, it stays one entry: every value
    is on one line with its braces balanced, TeX's special characters are written as text, and
    ``doi`` and ``url`` are percent-encoded where a URL may not hold a character."""
    first = re.sub(r"[^a-z]", "", study.authors[0].family_name.lower()) or "study"
    word = re.sub(r"[^a-z]", "", study.title.split()[0].lower()) if study.title else ""
    fields = [
        ("author", " and ".join(_bib_author(a) for a in study.authors)),
        ("title", bib_title(study)),
        ("howpublished", tex_text(study.venue)),
        ("year", str(study.year)),
        ("note", work_type(study).genre or tex_text(study.status.capitalize())),
        ("doi", url_text(study.doi)),
        ("url", url_text(study.url)),
    ]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields if v)
    return f"@{work_type(study).bibtex}{{{first}{study.year}{word},\n{body}\n}}"


def bib_title(study: Study) -> str:
    """The title as written, in single braces, so that styles (biblatex-apa) print it in
    sentence case; only the words the data keeps capitalised are braced, so they keep their
    capitals: the acronyms, and every name ``title_sentence_case`` capitalises inside a
    sentence ('{Underrepresented in Medicine}', '{UIM}')."""
    text = tex_text(study.title)
    phrases = sorted(kept_capitals(study), key=len, reverse=True)
    if not phrases:
        return text
    pattern = "|".join(re.escape(p) for p in phrases)
    return re.sub(rf"(?<![\w{{]){pattern}(?![\w}}])", lambda m: "{" + m[0] + "}", text)


#: A word, with its inner apostrophes and hyphens.
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
#: Small words a name may hold between two capitalised words ('Underrepresented in Medicine').
_JOINERS = frozenset({"in", "of", "and", "for", "the", "on", "de", "la", "von", "van"})


def kept_capitals(study: Study) -> set[str]:
    """The words and names the title keeps in capitals whatever the style: every word in
    capitals ('UIM'), and each run of capitalised words that ``title_sentence_case`` keeps so
    where a sentence or subtitle does not start (small joining words allowed inside a run)."""
    found = {w for w in _WORD.findall(study.title) if w.isupper() and len(w) > 1}
    sentence = study.title_sentence_case
    run: list[str] = []
    end = 0
    for match in _WORD.finditer(sentence):
        word, gap = match[0], sentence[end:match.start()]
        starts = not sentence[:match.start()].strip() or re.search(r"[:.?!]\s*$", gap) is not None
        capital = word[0].isupper() and not starts
        joined = run and gap == " " and (capital or word in _JOINERS)
        if not joined:
            _close(run, found)
            run = [word] if capital else []
        else:
            run.append(word)
        end = match.end()
    _close(run, found)
    return {p for p in found if p in study.title}


def _close(run: list[str], found: set[str]) -> None:
    """Keep a run of capitalised words, without the joining words it ends with."""
    while run and run[-1] in _JOINERS:
        run.pop()
    if run:
        found.add(" ".join(run))


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


def _bib_author(author: Author) -> str:
    """'Family, Given' where known; a name no source splits is braced whole, so BibTeX takes
    it as written rather than guessing its family name."""
    parts = name_parts(author)
    if parts:
        return f"{_bib_name(parts[0])}, {_bib_name(parts[1])}"
    return "{" + _bib_name(author.name) + "}"


def _bib_name(name: str) -> str:
    """A name part as BibTeX reads it: a comma or the word 'and' would split it, so braced."""
    return re.sub(r",|\band\b", lambda m: "{" + m.group(0) + "}", tex_text(name),
                  flags=re.IGNORECASE)


def url_text(url: str) -> str:
    """A link on one line, with every character a URL may not hold percent-encoded (braces,
    backslashes, quotes, spaces, non-ASCII): written as-is it could end a BibTeX field."""
    return encode_url(one_line(url))


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."
