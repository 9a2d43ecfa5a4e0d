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
    assert cite_study_ama(STUDY) == (
        "Lovelace A, Hopper GB, Turing A, et al. A study of things. "
        "Presented at: Some Forum; 2025.")


def test_apa_lists_every_author() -> None:
    text = cite_study_apa(STUDY)
    assert text.startswith("Lovelace, A., Hopper, G. B., Turing, A.,")
    assert "& Allen, F. (2025). A study of things [Conference abstract]. Some Forum." in text


def test_family_name_can_be_given() -> None:
    author = Author("Candice Taylor Lucas", family="Taylor Lucas")
    assert cite_study_ama(Study(**{**STUDY.__dict__, "authors": (author,)})).startswith(
        "Taylor Lucas C.")


def test_quote_citations_name_speaker_study_date_and_permalink() -> None:
    quote = Quote("q-1", "Words said", "participant", "Resident", ("t",), "s")
    ama, apa = cite_quote(quote, STUDY, "https://site.example/quotes/q-1/")
    assert ama.text("November 27, 2026") == (
        "Resident. \u201cWords said\u201d In: Lovelace A, Hopper GB, Turing A, et al. A study of "
        "things. Presented at: Some Forum; 2025. Quote q-1. Accessed November 27, 2026. "
        "https://site.example/quotes/q-1/")
    assert apa.text("November 27, 2026").endswith(
        "Quote \u201cq-1\u201d: \u201cWords said\u201d (Resident). Retrieved November 27, 2026, "
        "from https://site.example/quotes/q-1/")
    assert ama.text().endswith("Quote q-1. https://site.example/quotes/q-1/")


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
