"""Citations name the study, its authors and, for a quote, its permalink."""

from __future__ import annotations

import re
from urllib.parse import unquote

from findings.citation import (
    bibtex,
    cite_quote,
    cite_study_ama,
    cite_study_apa,
    quote_citation_templates,
    quote_in_text,
)
from findings.model import Author, Quote, Study

STUDY = Study(
    title="A study of things", venue="Some Forum", year=2025, license="CC-BY-4.0",
    authors=tuple(Author(n) for n in ("Ada Lovelace", "Grace Brewster Hopper", "Alan Turing",
                                      "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth",
                                      "Frances Allen")),
    abstract=(("Methods", "m"),), speakers=("Study authors",), status="conference abstract",
)


def test_ama_lists_three_authors_then_et_al_past_six() -> None:
    # A three-word name with no stated family name is given in full, never guessed.
    assert cite_study_ama(STUDY) == (
        "Lovelace A, Grace Brewster Hopper, Turing A, et al. A study of things. "
        "Conference abstract presented at: Some Forum; 2025.")


def test_apa_lists_every_author() -> None:
    text = cite_study_apa(STUDY)
    assert text.startswith("Lovelace, A., Grace Brewster Hopper, Turing, A.,")
    assert "& Allen, F. (2025). A study of things [Conference abstract]. Some Forum." in text


def test_family_name_can_be_given() -> None:
    author = Author("Candice Taylor Lucas", family="Taylor Lucas")
    assert cite_study_ama(Study(**{**STUDY.__dict__, "authors": (author,)})).startswith(
        "Taylor Lucas C.")


def test_quote_citations_cite_the_study_and_label_the_quotes_permalink() -> None:
    quote = Quote("q-1", "Words said", "participant", "Resident", ("t",), "s")
    ama, apa = cite_quote(quote, STUDY, "https://site.example/quotes/q-1/")
    # The quoted words and who said them come first, apart from the study's reference; the
    # permalink follows, labelled as the quote's place on the site (never as the study's
    # address: no "Accessed", no "Retrieved ... from"); the internal id appears nowhere.
    assert ama.text() == (
        "\u201cWords said\u201d (Resident). Quoted from: " + cite_study_ama(STUDY)
        + " Quote on the findings site: https://site.example/quotes/q-1/")
    assert apa.text() == (
        "\u201cWords said\u201d (Resident). Quoted from: " + cite_study_apa(STUDY)
        + " Quote on the findings site: https://site.example/quotes/q-1/")
    assert "q-1" not in ama.lead + apa.lead
    assert "Quote on the findings site:" in str(ama.lead_html)


def test_a_quotes_in_text_form_locates_it_and_credits_participants_words_secondarily() -> None:
    finding = Quote("q-f", "Words found", "finding", "Study authors", ("t",), "s")
    words = Quote("q-p", "the only one", "participant", "UIM residents", ("t",), "s")
    assert quote_in_text(finding, STUDY, "Results") == "(Lovelace et al., 2025, Results section)"
    assert quote_in_text(finding, STUDY, "") == "(Lovelace et al., 2025)"
    assert quote_in_text(words, STUDY, "Results") == (
        "(UIM residents, as quoted in Lovelace et al., 2025, Results section)")


def test_long_quotes_are_cited_by_an_excerpt() -> None:
    quote = Quote("q-2", " ".join(f"w{i}" for i in range(60)), "finding", "Study authors",
                  ("t",), "s")
    ama, _ = cite_quote(quote, STUDY, "/quotes/q-2/")
    assert "w24\u2026\u201d" in ama.lead and "w25" not in ama.lead


def test_bibtex_escapes_and_keeps_capitals() -> None:
    study = Study(**{**STUDY.__dict__, "title": "100% {Braces} & more", "doi": "10.1/x_y"})
    entry = bibtex(study)
    # A three-word name with no stated family name is braced whole: BibTeX takes it as written.
    assert entry.startswith("@misc{lovelace2025,\n  author = {Lovelace, Ada and {Grace Brewster "
                            "Hopper} and Turing, Alan")
    assert r"title = {100\% \textbraceleft{}Braces\textbraceright{} \& more}" in entry
    assert "doi = {10.1/x_y}" in entry


def test_bibtex_braces_only_the_words_the_sentence_case_title_keeps_capitalised() -> None:
    """Single braces round the title, so biblatex-apa prints it in sentence case; acronyms and
    the names the editors' sentence-case title capitalises mid-sentence keep their capitals."""
    study = Study(**{**STUDY.__dict__,
                     "title": "Voices of NASA Residents: Exploring Women in Science (WiS) Today",
                     "title_sentence_case": "Voices of NASA residents: Exploring Women in "
                                            "Science (WiS) today"})
    assert "title = {Voices of {NASA} Residents: Exploring {Women in Science} ({WiS}) Today}," \
        in bibtex(study)
    plain = Study(**{**STUDY.__dict__, "title": "Night Shifts in the ICU"})
    assert "title = {Night Shifts in the {ICU}}," in bibtex(plain)


def test_citation_templates_keep_the_studys_own_braces() -> None:
    study = Study(**{**STUDY.__dict__, "title": "The {id} and {{who}} study"})
    ama, apa = quote_citation_templates(study)
    assert ama.lead.startswith("\u201c{text}\u201d ({who}). Quoted from: Lovelace A")
    assert "The {{id}} and {{{{who}}}} study. Conference abstract presented at" in ama.lead
    assert apa.lead.startswith("\u201c{text}\u201d ({who}). Quoted from: Lovelace, A.")
    assert "The {{id}} and {{{{who}}}} study [Conference abstract]" in apa.lead
    # The quote's id is no longer part of its citation: only {text} and {who} are filled in.
    assert "{id}" not in (ama.lead + apa.lead).replace("{{id}}", "")


# --- BibTeX read as BibTeX reads it ---------------------------------------------------------

def bibtex_entries(text: str) -> list[tuple[str, dict[str, str]]]:
    """Entries as BibTeX reads them: outside an entry only ``@`` matters; inside, a value's
    braces nest, and BibTeX counts every brace, backslash or not."""
    entries = []
    at = text.find("@")
    while at != -1:
        head = re.compile(r"@(\w+)\s*\{([^,\s]*),").match(text, at)
        assert head, f"not an entry at {text[at:at + 40]!r}"
        fields, end = _fields(text, head.end())
        entries.append((head.group(2), fields))
        at = text.find("@", end)
    return entries


def _fields(text: str, at: int) -> tuple[dict[str, str], int]:
    fields = {}
    field = re.compile(r"\s*(\w+)\s*=\s*\{")
    while match := field.match(text, at):
        depth, start, at = 1, match.end(), match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[at], 0)
            at += 1
        fields[match.group(1)] = text[start:at - 1]
        at = re.compile(r"\s*,?").match(text, at).end()  # type: ignore[union-attr]
    closing = re.compile(r"\s*\}").match(text, at)
    assert closing, f"entry not closed at {text[at:at + 40]!r}"
    return fields, closing.end()


TEX_COMMANDS = {"textbackslash", "textbraceleft", "textbraceright", "textasciitilde",
                "textasciicircum", "%", "&", "#", "_", "$"}
HOSTILE = {
    "title": "x}}, note = {forged}}\n@misc{evil, title = {pwned}\r\n\\input{/etc/passwd} %c",
    "venue": "Forum}\n}\n@comment{",
    "status": "published\u2028}, title={x",
    "doi": "10.5555/x}\n@misc{evil,\n title = {pwn\\}",
    "url": "https://example.org/}\n}\n@misc{evil, url={x}} y\\z",
}
HOSTILE_AUTHORS = (Author("Ada} and {Evil Example"), Author("Grace, Jr and Co {Hopper}"))


def untex(text: str) -> str:
    """The text a reader sees once TeX has read our escapes."""
    words = {"textbackslash": "\\", "textbraceleft": "{", "textbraceright": "}",
             "textasciitilde": "~", "textasciicircum": "^"}
    text = re.sub(r"\\([a-z]+)\{\}", lambda m: words[m.group(1)], text)
    return re.sub(r"\\([%&#_$])", r"\1", text)


def test_hostile_text_stays_in_its_field_of_the_one_entry() -> None:
    study = Study(**{**STUDY.__dict__, **HOSTILE, "authors": HOSTILE_AUTHORS})
    text = bibtex(study)
    [(key, fields)] = bibtex_entries(text)
    assert key == "example2025x"
    assert set(fields) == {"author", "title", "howpublished", "year", "note", "doi", "url"}
    assert all("\n" not in v and "\r" not in v for v in fields.values())
    for name in ("title", "howpublished", "note", "author"):
        commands = set(re.findall(r"\\([a-z]+|.)", fields[name]))
        assert commands <= TEX_COMMANDS, (name, commands)
    assert untex(fields["title"]) == " ".join(HOSTILE["title"].split())
    assert untex(fields["howpublished"]) == "Forum} } @comment{"
    assert unquote(fields["doi"]) == " ".join(HOSTILE["doi"].split())
    assert not re.search(r"[{}\\\s]", fields["doi"] + fields["url"])


def test_an_author_name_cannot_add_or_split_authors() -> None:
    study = Study(**{**STUDY.__dict__, "authors": HOSTILE_AUTHORS})
    [(_, fields)] = bibtex_entries(bibtex(study))
    names = re.split(r" and ", fields["author"])  # BibTeX splits on a bare "and"
    # Names of more than two words with no stated family name are braced whole (never split
    # into a guessed family name), and stay two names.
    assert [untex(n).replace("{and}", "and").replace("{,}", ",") for n in names] == [
        "{Ada} and {Evil Example}", "{Grace, Jr and Co {Hopper}}"]
