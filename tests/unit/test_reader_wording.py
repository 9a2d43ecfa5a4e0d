"""What readers read, said once and right: no slugs (tags as words, sources as locators), labels
that agree in number, no "(0)" headings or nested brackets, What's new naming each item once
and whole, and counts that say what they count (the quote bank's themes, one word for quotes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import THEME_TWO, write_folder
from findings.data import read_data
from findings.model import build_model
from findings.pages import plan_pages
from findings.render import PageRenderer, SiteOptions
from findings.wording import quote_name, source_label, tag_label

LONG = ("While situated in the U.S. context, these findings speak to programs elsewhere that "
        "want to keep their volunteers. A second sentence follows.")

FILES: dict[str, str | None] = {
    "themes/two.yml": THEME_TWO,
    "quotes/q.yml": f"""
        - id: q-one
          text: Words of a finding.
          kind: finding
          speaker: Study authors
          themes: [one]
          source: "abstract: results, sentence 5"
          tags: [academic-medicine]
        - id: q-two
          text: "{LONG}"
          kind: finding
          speaker: Study authors
          themes: [two, one]
          source: "abstract: conclusion"
          tags: [academic-medicine, mentorship]
    """,
    "recommendations/r.yml": """
        id: r-one
        title: Do the thing
        summary: A summary.
        actions: [Step one]
        level: program
        audiences: [Program directors]
        basis: stated
        stated_by: participants
        themes: [one]
        quotes: [q-one]
        effort: low
        timeframe: immediate
        source: "abstract: conclusion"
    """,
    "toolkit/guides.yml": """
        - id: discuss-one
          type: discussion
          theme: one
          title: Talking about theme one
          prompts: [What happens?]
          source: site editors, from Theme 1
    """,
    "changelog.yml": """
        - version: "1.0"
          date: "2024-05-02"
          summary: First publication.
          items: [theme:one, quote:q-two, recommendation:r-one]
    """,
}


def _pages(folder: Path) -> dict[str, BeautifulSoup]:
    findings = build_model(read_data(folder, "data"))
    renderer = PageRenderer(findings, SiteOptions())
    return {page.url: BeautifulSoup(renderer.render(page), "html.parser")
            for page in plan_pages(findings)}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BeautifulSoup]:
    """Every page of ``FILES``' study, rendered once for the module's tests (read only)."""
    return _pages(write_folder(tmp_path_factory.mktemp("wording") / "data", FILES))


def _meta(page: BeautifulSoup) -> dict[str, str]:
    """A page's label/value pairs as shown."""
    return {dt.get_text(strip=True): " ".join(dd.get_text().split())
            for dt, dd in zip(page.select("dl.fnd-meta dt"), page.select("dl.fnd-meta dd"),
                              strict=True)}


def test_rules_for_tags_sources_and_quote_names() -> None:
    assert tag_label("professional-identity-formation") == "Professional identity formation"
    assert source_label("abstract: results, sentence 5") == "Abstract, Results, sentence 5"
    assert source_label("site editors, from Theme 1") == "site editors, from Theme 1"
    assert quote_name(LONG) == LONG.split(" A second", maxsplit=1)[0]
    assert quote_name("No stop at the end") == "No stop at the end"


def test_readers_see_words_not_slugs_and_labels_that_agree(pages: dict[str, BeautifulSoup]
                                                           ) -> None:
    one, two = _meta(pages["quotes/q-one/"]), _meta(pages["quotes/q-two/"])
    assert one["Theme"] == "Theme 1: Theme one" and "Themes" not in one
    assert two["Themes"] == "Theme 2: Theme two, Theme 1: Theme one"
    assert one["Source"] == "Abstract, Results, sentence 5"
    assert one["Tag"] == "Academic medicine" and two["Tags"] == "Academic medicine, Mentorship"
    tags = [str(label.contents[0]).strip() for label in pages["quotes/"].select(
        "label[for^=filter-tag-]")]
    assert tags == ["Academic medicine", "Mentorship"]
    headings = [h.get_text() for page in pages.values() for h in page.select("h2")]
    assert not [h for h in headings if "(0)" in h]
    guide = pages["toolkit/discussion/discuss-one/"].get_text()
    assert "((" not in guide and "))" not in guide


def test_whats_new_names_each_item_once_and_whole(pages: dict[str, BeautifulSoup]) -> None:
    items = [li.get_text(" ", strip=True) for li in pages["whats-new/"].select(".fnd-version li")]
    assert items == ["Theme 1: Theme one",
                     f"Quote: \u201c{LONG.split(' A second', maxsplit=1)[0]}\u201d (Study authors)",
                     "Recommendation: Do the thing"]


def test_quote_bank_counts_say_what_they_count(pages: dict[str, BeautifulSoup]) -> None:
    """A quote linked to two themes is counted under each: the theme filter says so; the
    bank counts its quotes in the home page's words."""
    group = pages["quotes/"].select_one("fieldset[aria-describedby=filter-theme-hint]")
    hint = pages["quotes/"].select_one("#filter-theme-hint")
    assert group is not None and hint is not None
    assert "counted under each" in hint.get_text()
    lead = pages["quotes/"].select_one(".fnd-lead")
    start = pages[""].select_one("a[href$='quotes/'] .fnd-start__what")
    assert lead is not None and start is not None
    assert lead.get_text().startswith("2 excerpts (2 of the study authors' own wording)")
    assert start.get_text() == "The quote bank: 2 excerpts (2 of the study authors' own wording)"
