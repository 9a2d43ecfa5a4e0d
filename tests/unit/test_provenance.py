"""Who said what: excerpts of the abstract are checked word for word, stated recommendations say
whose they are, and a study with no licence says so rather than guessing one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import MINIMAL, THEME_TWO
from findings.data import read_data
from findings.model import Findings, build_model
from findings.pages import Page, plan_pages
from findings.render import PageRenderer, SiteOptions
from findings.rights import licence_statement

Make = Callable[[Mapping[str, str | None]], Path]

ABSTRACT_STUDY = MINIMAL["study.yml"].replace(
    "Methods: We did things.",
    "Methods: We did things.\n          Results: >-\n            Nurses described the night as "
    "long,\n            and \u201cquiet\u201d only in name.",
)


def _quote(text: str, excerpt_of: str = "abstract") -> str:
    return f"""
        - id: q-one
          text: {text}
          kind: finding
          speaker: Study authors
          themes: [one]
          excerpt_of: {excerpt_of}
          source: "abstract: results"
    """


def _problems(folder: Path) -> list[str]:
    return [p.format() for p in read_data(folder, "data").problems]


def test_an_excerpt_found_in_the_abstract_passes_white_space_aside(data_folder: Make) -> None:
    folder = data_folder({"study.yml": ABSTRACT_STUDY, "quotes/q.yml": _quote(
        ">-\n            Nurses described   the night\n            as long,")})
    assert _problems(folder) == []


def test_one_altered_character_fails_at_its_position(data_folder: Make) -> None:
    # A straight quotation mark where the abstract has a curly one: easy to miss by eye.
    folder = data_folder({"study.yml": ABSTRACT_STUDY,
                          "quotes/q.yml": _quote("'and \"quiet\" only in name.'")})
    assert _problems(folder) == [
        "data/quotes/q.yml:2:9: error: [q-one] text: expected the words of the study's abstract "
        "(excerpt_of: abstract), found '\"' at character 5 of the text, in '...and \"quiet\" "
        "only...', where the abstract has '\u201c' there: copy the abstract's words exactly, or "
        "remove excerpt_of"]


def test_an_excerpt_that_starts_nowhere_in_the_abstract_says_so(data_folder: Make) -> None:
    folder = data_folder({"study.yml": ABSTRACT_STUDY, "quotes/q.yml": _quote("Doctors said")})
    [problem] = _problems(folder)
    assert "found 'D' at character 1 of the text" in problem
    assert "nothing in the abstract starts that way" in problem


def test_a_quote_without_excerpt_of_is_not_compared(data_folder: Make) -> None:
    folder = data_folder({"study.yml": ABSTRACT_STUDY, "quotes/q.yml": _quote(
        "Words of a finding.").replace("          excerpt_of: abstract\n", "")})
    assert _problems(folder) == []


def test_stated_by_belongs_to_stated_recommendations_only(data_folder: Make) -> None:
    rec = MINIMAL["recommendations/r.yml"].replace("basis: stated", "basis: derived\n"
                                                   "        stated_by: authors")
    folder = data_folder({"recommendations/r.yml": rec})
    assert _problems(folder) == [
        "data/recommendations/r.yml:8:12: error: [r-one] stated_by: expected stated_by only on a "
        "recommendation with basis 'stated', found it on a derived one: remove stated_by, or "
        "set basis to 'stated'"]


class _Pages(dict[str, BeautifulSoup]):
    """The site's pages by address, each rendered when first asked for."""

    def __init__(self, findings: Findings) -> None:
        super().__init__()
        self.renderer = PageRenderer(findings, SiteOptions("https://site.example/"))
        self.planned: dict[str, Page] = {p.url: p for p in plan_pages(findings)}

    def __missing__(self, url: str) -> BeautifulSoup:
        self[url] = BeautifulSoup(self.renderer.render(self.planned[url]), "html.parser")
        return self[url]


def _site(folder: Path) -> tuple[Findings, dict[str, BeautifulSoup]]:
    findings = build_model(read_data(folder, "data"))
    return findings, _Pages(findings)


RECS = """
    - id: by-authors
      title: The authors' step
      summary: A summary.
      actions: [Step one]
      level: program
      audiences: [Program directors]
      basis: stated
      themes: [one]
      effort: low
      timeframe: immediate
      source: "abstract: conclusion"
    - id: by-residents
      title: The residents' call
      summary: A summary.
      actions: [Step one]
      level: program
      audiences: [Program directors]
      basis: stated
      stated_by: participants
      themes: [one]
      effort: low
      timeframe: immediate
      source: "abstract: results"
    - id: by-editors
      title: The editors' step
      summary: A summary.
      actions: [Step one]
      level: program
      audiences: [Program directors]
      basis: derived
      themes: [one]
      effort: low
      timeframe: immediate
      source: "site editors"
"""


def test_badges_say_whose_recommendation_it_is(data_folder: Make) -> None:
    _, pages = _site(data_folder({"recommendations/r.yml": RECS}))
    badges = {rec: pages[f"recommendations/{rec}/"].select_one(".fnd-basis__label")
              for rec in ("by-authors", "by-residents", "by-editors")}
    assert {rec: b.get_text() if b else None for rec, b in badges.items()} == {
        "by-authors": "The study's authors recommend this",
        "by-residents": "Residents in the study called for this (as the study reports)",
        "by-editors": "Derived from the findings by the site's editors",
    }
    cards = pages["recommendations/"].select(".fnd-rec-list .fnd-basis__label")
    listed = [b.get_text() for b in cards]
    assert sorted(listed) == sorted(b.get_text() for b in badges.values() if b)


def test_ratings_are_labelled_as_the_editors_judgement(data_folder: Make) -> None:
    _, pages = _site(data_folder({"recommendations/r.yml": RECS}))
    terms = [dt.get_text() for dt in pages["recommendations/by-authors/"].select(".fnd-meta dt")]
    assert terms == ["Owner (editors' judgement)", "Effort (editors' judgement)",
                     "Timeframe (editors' judgement)", "For (editors' judgement)"]
    legends = [legend.get_text() for legend in pages["recommendations/"].select("legend")]
    assert {"Effort (editors' judgement)", "For whom (editors' judgement)"} <= set(legends)


def test_the_owner_filter_names_only_the_levels_the_data_has(data_folder: Make) -> None:
    recs = RECS.replace("level: program", "level: institution", 1)
    _, pages = _site(data_folder({"recommendations/r.yml": recs}))
    owner = pages["recommendations/"].select_one("#filter-level-hint")
    assert owner is not None and owner.parent is not None
    assert owner.get_text() == "The level that leads the change: a program or its institution."
    assert [str(label.contents[0]).strip() for label in owner.parent.select("label")] == [
        "Program", "Institution"]


def test_the_evidence_map_never_counts_or_ranks_linked_excerpts(data_folder: Make) -> None:
    _, pages = _site(data_folder({}))
    evidence = pages["evidence/"]
    heads = [th.get_text() for th in evidence.select("thead th")]
    assert heads[-1] == "Whose"
    text = evidence.get_text()
    assert "least" not in text.lower() and "quotes" not in text.lower()


def test_with_no_licence_the_study_page_says_none_is_stated(data_folder: Make) -> None:
    study = MINIMAL["study.yml"].replace("        license: CC-BY-4.0\n", "")
    findings, pages = _site(data_folder({"study.yml": study}))
    assert findings.study.license == ""
    licence = pages["study/"].select_one("#licence + dl dd")
    assert licence is not None
    assert licence.get_text() == licence_statement(findings.study)
    assert licence.get_text().startswith("No licence is stated.")
    assert licence.a is None


def test_a_verified_excerpt_says_it_was_checked(data_folder: Make) -> None:
    folder = data_folder({"study.yml": ABSTRACT_STUDY,
                          "quotes/q.yml": _quote("Nurses described the night as long,")})
    _, pages = _site(folder)
    note = pages["quotes/q-one/"].select_one(".fnd-verified")
    assert note is not None and note.get_text().startswith("Checked against the study's abstract")


def test_editors_are_credited_by_name_when_named(data_folder: Make) -> None:
    study = MINIMAL["study.yml"].replace(
        "audiences:", "site_editors: The Example Editorial Group\n        audiences:")
    _, pages = _site(data_folder({"study.yml": study}))
    credits = [li.get_text() for li in pages["study/"].select(".fnd-credits li")]
    assert credits[1].endswith("toolkit: The Example Editorial Group. They are not the "
                               "study's authors' work.")
    _, unnamed = _site(data_folder({}))
    credits = [li.get_text() for li in unnamed["study/"].select(".fnd-credits li")]
    assert "the site's editors" in credits[1]


LABELLED_STUDY = MINIMAL["study.yml"].replace(
    "Methods: We did things.",
    "Methods: We did things.\n          Results: Nurses described long nights.\n"
    "          Conclusion: >-\n            Rotas must change. These insights matter "
    "everywhere.")

LABELLED_QUOTES = """
    - id: from-results
      text: Nurses described long nights.
      kind: finding
      speaker: Study authors
      themes: [one]
      excerpt_of: abstract
      source: "abstract: results"
    - id: from-conclusion
      text: Rotas must change.
      kind: finding
      speaker: Study authors
      themes: [one]
      excerpt_of: abstract
      source: "abstract: results"
    - id: named-conclusion
      text: The authors' paraphrase.
      kind: finding
      speaker: Study authors
      themes: [one]
      source: "abstract: conclusion, sentence 2"
    - id: from-methods
      text: We did things.
      kind: finding
      speaker: Study authors
      themes: [one]
      source: "the abstract"
    - id: all-themes
      text: These insights matter everywhere.
      kind: finding
      speaker: Study authors
      themes: [one, two]
      excerpt_of: abstract
      source: "abstract: conclusion, sentence 2"
"""


LABELLED = {"study.yml": LABELLED_STUDY, "quotes/labelled.yml": LABELLED_QUOTES,
            "themes/two.yml": THEME_TWO}


def test_the_authors_words_are_labelled_by_the_abstract_section_they_come_from(
        data_folder: Make) -> None:
    # The text found in the abstract decides (a conclusion is the authors' conclusion, even
    # where 'source' says otherwise); else the section 'source' names; else a neutral label.
    _, pages = _site(data_folder(LABELLED))
    labels = {q: pages[f"quotes/{q}/"].select_one(".fnd-quote__kind")
              for q in ("from-results", "from-conclusion", "named-conclusion", "from-methods")}
    assert {q: label.get_text() if label else None for q, label in labels.items()} == {
        "from-results": "Finding stated by the study authors",
        "from-conclusion": "The study authors' conclusion",
        "named-conclusion": "The study authors' conclusion",
        "from-methods": "Stated by the study authors",
    }
    legend = [li.strong.get_text() for li in pages["quotes/"].select(".fnd-legend li")
              if li.strong]
    assert legend == ["Participant's words", "Finding stated by the study authors",
                      "The study authors' conclusion", "Stated by the study authors"]


def test_themes_show_no_excerpt_counts_and_a_conclusion_on_all_is_the_authors(
        data_folder: Make) -> None:
    # A quote linked to every theme (an overall conclusion: the contract needs at least one
    # theme) must not read as one more piece of evidence for each.
    _, pages = _site(data_folder(LABELLED))
    cards = pages["themes/"].select(".fnd-theme-card")
    assert [[p.get_text() for p in card.select("p")] for card in cards] == [
        ["Theme 1", "The first finding."], ["Theme 2", "The second finding."]]
    theme = pages["themes/two/"]
    assert [h.get_text() for h in theme.select("h2")][2] == "Linked excerpts"
    [card] = theme.select(".fnd-quotes .fnd-quote")
    label = card.select_one(".fnd-quote__kind")
    assert label is not None and label.get_text() == "The study authors' conclusion"
    recommendation = [h.get_text() for h in pages["recommendations/r-one/"].select("h2")]
    assert "Linked excerpts" in recommendation
