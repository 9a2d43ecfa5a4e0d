"""Who said what, on the pages built from one small data folder: the editors' headline is
labelled theirs, a quote's in-text citation locates it, the data page says how the citation
files' work types differ, the dictionary says what is the editors' and never invites a guessed
family name, and the accessibility page claims tests only where they run."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import MINIMAL, write_folder
from findings.data import read_data
from findings.model import Findings, build_model
from findings.pages import Page, plan_pages
from findings.render import PageRenderer, SiteOptions

Make = Callable[[Mapping[str, str | None]], Path]
ROOT = Path(__file__).resolve().parents[2]

STUDY = MINIMAL["study.yml"].replace(
    "Methods: We did things.",
    "Methods: We did things.\n          Results: Nurses described the night as long.",
).replace("year: 2024", """year: 2024
        status: conference abstract
        headline: Nurses described the night as long.
        related:
          - title: An earlier study
            relation: earlier study (Journal 2023;9(1):1-2)""")
QUOTE = """
    - id: q-one
      text: the night
      kind: participant
      speaker: Participant
      consent: previously-published
      themes: [one]
      source: "abstract: results"
    - id: q-two
      text: Nurses described the night
      kind: finding
      speaker: Study authors
      themes: [one]
      source: "abstract: results, sentence 1"
"""
TOOLKIT = """
    - id: q-ask
      type: question
      theme: one
      text: Do we ask?
      recommendations: [r-one, r-two]
      source: editors
"""
DERIVED = MINIMAL["recommendations/r.yml"].replace("id: r-one", "id: r-two").replace(
    "basis: stated", "basis: derived").replace("title: Do the thing", "title: Do another")
PAGES = ("", "study/", "quotes/q-one/", "data/", "data/dictionary/", "accessibility/",
         "toolkit/action-plan/", "toolkit/self-assessment/", "recommendations/", "evidence/",
         "themes/one/", "recommendations/r-two/", "recommendations/r-one/")


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Findings, list[Page]]:
    folder = write_folder(tmp_path_factory.mktemp("attribution") / "data",
                          {"study.yml": STUDY, "quotes/q.yml": QUOTE,
                           "toolkit/t.yml": TOOLKIT, "recommendations/r2.yml": DERIVED})
    findings = build_model(read_data(folder, "data"))
    return findings, plan_pages(findings)


@pytest.fixture(scope="module")
def pages(planned: tuple[Findings, list[Page]]) -> dict[str, BeautifulSoup]:
    findings, planned_pages = planned
    renderer = PageRenderer(findings, SiteOptions("https://site.example/"))
    return {p.url: BeautifulSoup(renderer.render(p), "html.parser")
            for p in planned_pages if p.url in PAGES}


def test_a_quote_pages_title_and_description_say_whose_words(
        planned: tuple[Findings, list[Page]]) -> None:
    """What a search result, a browser tab and a link preview show of a quote carries its
    label and who said it: never the authors' finding as an unattributed fact."""
    by_url = {p.url: p for p in planned[1]}
    words, finding = by_url["quotes/q-one/"], by_url["quotes/q-two/"]
    assert (words.title, words.description) == (
        "Participant's words: \u201cthe night\u201d",
        "Participant's words (Participant): \u201cthe night\u201d")
    assert (finding.title, finding.description) == (
        "Finding stated by the study authors: \u201cNurses described the night\u201d",
        "Finding stated by the study authors (Abstract, Results): "
        "\u201cNurses described the night\u201d")


def test_the_home_headline_is_labelled_as_the_editors_summary(
        pages: dict[str, BeautifulSoup]) -> None:
    lead = pages[""].select_one(".fnd-lead")
    assert lead is not None
    assert lead.get_text(" ", strip=True) == (
        "Summary by the site's editors: Nurses described the night as long.")


def test_a_quotes_in_text_citation_locates_it_and_credits_participants_secondarily(
        pages: dict[str, BeautifulSoup]) -> None:
    short = pages["quotes/q-one/"].select_one(".fnd-cite__short dd")
    assert short is not None
    assert short.get_text() == "(Participant, as quoted in Example, 2024, Results section)"
    cited = pages["quotes/q-one/"].select_one(".fnd-cite__text")
    assert cited is not None
    text = " ".join(cited.get_text().split())
    assert text.endswith("Quote on the findings site: https://site.example/quotes/q-one/")
    assert "Accessed" not in text


def test_the_study_page_does_not_nest_a_relation_in_parentheses(
        pages: dict[str, BeautifulSoup]) -> None:
    item = pages["study/"].select_one("#related + ul li")
    assert item is not None
    assert item.get_text() == "An earlier study \u2014 earlier study (Journal 2023;9(1):1-2)"


def test_the_data_page_says_how_the_citation_files_work_types_differ(
        pages: dict[str, BeautifulSoup]) -> None:
    text = " ".join(pages["data/"].get_text().split())
    assert "so they agree" not in text
    assert "No format has a type for a conference abstract, and they share none" in text
    # The editors are credited for their paraphrases and steps, not only the ratings.
    assert "suggested steps" in text and "quotes' contexts and tags" in text


def test_the_dictionary_says_whose_words_and_never_invites_a_guessed_family_name(
        pages: dict[str, BeautifulSoup]) -> None:
    rows = {row.th.get_text(): row.select("td")[-1].get_text()
            for row in pages["data/dictionary/"].select("tbody tr") if row.th}
    assert rows["authors[].family"].startswith(
        "the family name, set only where a source states it; when absent the family name is "
        "not known")
    assert "if not the last word" not in rows["authors[].family"]
    text = pages["data/dictionary/"].get_text()
    assert "suggested steps, in the site editors' words (not the study's)" in text
    assert "the recommendation in a sentence or two: the site's editors' paraphrase" in text
    assert "the site's editors' one-sentence summary of the Results" in text
    assert "told apart by the part of the study it comes from" in text


def test_the_accessibility_page_claims_tests_only_where_the_workflows_run_them(
        pages: dict[str, BeautifulSoup]) -> None:
    text = " ".join(pages["accessibility/"].get_text().split())
    assert "On every pull request, automated tests open the pages" in text
    assert "Every time the site is built" not in text
    # What the sentence says is what the workflows do: the tests run on pull requests only.
    workflows = ROOT / ".github" / "workflows"
    runs_tests = {path.name: yaml.safe_load(path.read_text(encoding="utf-8"))[True]
                  for path in workflows.glob("*.yml")
                  if "make test" in path.read_text(encoding="utf-8")
                  or "pytest" in path.read_text(encoding="utf-8")}
    assert runs_tests and all(set(on) == {"pull_request"} for on in runs_tests.values())


def test_the_toolkit_says_whose_each_recommendation_is(pages: dict[str, BeautifulSoup]) -> None:
    """The action plan's menu groups recommendations under their badges; the self-assessment's
    'Read next' links carry them; its CSV note says whose the questions are."""
    select = pages["toolkit/action-plan/"].select_one("select")
    assert select is not None
    assert [(g["label"], [o.get_text() for o in g.select("option")])
            for g in select.select("optgroup")] == [
        ("The study's authors recommend this", ["Do the thing"]),
        ("Derived from the findings by the site's editors", ["Do another"])]
    read_next = pages["toolkit/self-assessment/"].select_one(".fnd-question__recs")
    assert read_next is not None
    assert " ".join(read_next.get_text().split()) == (
        "Read next if not yet: Do the thing \u2014 The study's authors recommend this; "
        "Do another \u2014 Derived from the findings by the site's editors")
    form = pages["toolkit/self-assessment/"].select_one("form[data-fnd-csv-note]")
    assert form is not None and str(form["data-fnd-csv-note"]).startswith(
        "The questions are the site's own material, written by the site's editors")


def test_counts_say_whose_excerpts_and_recommendations_they_are(
        pages: dict[str, BeautifulSoup]) -> None:
    starts = [" ".join(s.get_text().split()) for s in pages[""].select(".fnd-start__what")]
    assert starts[:2] == [
        "2 recommendations (1 stated in the study: 1 the authors'; 1 suggested by the site's "
        "editors)",
        "The quote bank: 2 excerpts (1 of the study authors' own wording, 1 of participants' "
        "words)"]
    lead = pages["recommendations/"].select_one(".fnd-lead")
    assert lead is not None and " ".join(lead.get_text().split()) == (
        "2 recommendations (1 stated in the study: 1 the authors'; 1 suggested by the site's "
        "editors), for programs. Each is tied to the themes it answers, in the site editors' "
        "judgement.")


def test_which_recommendations_answer_a_theme_is_said_to_be_the_editors_call(
        pages: dict[str, BeautifulSoup]) -> None:
    lead = pages["evidence/"].select_one(".fnd-lead")
    assert lead is not None and lead.get_text().endswith(
        "Which themes a recommendation answers is the site editors' judgement, not the study's.")
    heading = pages["themes/one/"].select_one("#recommendations")
    assert heading is not None
    assert heading.get_text().startswith("Recommendations that answer it, in the site editors' "
                                         "judgement")


def test_the_editors_material_carries_their_credit_line(pages: dict[str, BeautifulSoup]) -> None:
    credit = pages["recommendations/r-two/"].select_one(".fnd-credit")
    assert credit is not None and credit.get_text() == (
        "Suggested by the site's editors, derived from Example (2024).")
    assert pages["recommendations/r-one/"].select_one(".fnd-credit") is None  # the authors'
    toolkit = pages["toolkit/self-assessment/"].select_one(".fnd-toolkit-label")
    assert toolkit is not None and "written by the site's editors from the findings of Example " \
        "(2024): not part of the study" in toolkit.get_text()
