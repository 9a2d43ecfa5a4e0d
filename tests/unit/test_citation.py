"""Citations name the study, its authors and, for a quote, its permalink."""

from __future__ import annotations

from findings.citation import bibtex, cite_quote, cite_study_ama, cite_study_apa
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


def test_quote_citations_cite_the_study_at_the_quotes_permalink() -> None:
    quote = Quote("q-1", "Words said", "participant", "Resident", ("t",), "s")
    ama, apa = cite_quote(quote, STUDY, "https://site.example/quotes/q-1/")
    # The quoted words and who said them come first, apart from the study's reference, whose
    # locator is the permalink; the quote's internal id appears nowhere.
    assert ama.text("November 27, 2026") == (
        "\u201cWords said\u201d (Resident). Quoted from: " + cite_study_ama(STUDY)
        + " Accessed November 27, 2026. https://site.example/quotes/q-1/")
    assert apa.text("November 27, 2026") == (
        "\u201cWords said\u201d (Resident). Quoted from: " + cite_study_apa(STUDY)
        + " Retrieved November 27, 2026, from https://site.example/quotes/q-1/")
    assert "q-1" not in ama.lead + apa.lead


def test_long_quotes_are_cited_by_an_excerpt() -> None:
    quote = Quote("q-2", " ".join(f"w{i}" for i in range(60)), "finding", "Study authors",
                  ("t",), "s")
    ama, _ = cite_quote(quote, STUDY, "/quotes/q-2/")
    assert "w24\u2026\u201d" in ama.lead and "w25" not in ama.lead


def test_bibtex_escapes_and_keeps_capitals() -> None:
    study = Study(**{**STUDY.__dict__, "title": "100% {Braces} & more", "doi": "10.1/x_y"})
    entry = bibtex(study)
    assert entry.startswith("@misc{lovelace2025,\n  author = {Lovelace, Ada and Hopper, Grace")
    assert r"title = {{100\% \{Braces\} \& more}}" in entry
    assert "doi = {10.1/x_y}" in entry
