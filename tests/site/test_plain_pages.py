"""Pages without clutter (issue 13.5-13.7), read from the built files and from pages rendered
in process: no internal id in sight, counts that agree in number, each thing said once,
previous and next in reading order."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import FIXTURES, html_pages, write_folder
from findings.browse import suggested_order
from findings.data import read_data
from findings.model import Findings, build_model
from findings.pages import Page, plan_pages
from findings.render import PageRenderer, SiteOptions

OTHER = FIXTURES / "other-study"


def _model(data: Path) -> Findings:
    return build_model(read_data(data, str(data)))


def _read(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _rendered(renderer: PageRenderer, page: Page) -> BeautifulSoup:
    """A page's body as the generator renders it, without its front matter."""
    return BeautifulSoup(renderer.render(page).split("\n---\n", 1)[1], "html.parser")


def _words(page: BeautifulSoup) -> str:
    """What a reader can meet in the page's main part: its text, screen-reader-only text
    included, without scripts, the cards' empty templates and addresses written out."""
    main = page.select_one("main") or page
    for hidden in main.select("script, template"):
        hidden.decompose()
    return " ".join(re.sub(r"\S*/\S*", " ", main.get_text(" ")).split())


def test_no_reader_sees_an_internal_id(built_sites: dict[str, Path]) -> None:
    """Not on a card's buttons (screen-reader text), not in What's new, not on the data page,
    nowhere: an item is named by its title or its first words. Ids with a hyphen only, which
    no sentence holds."""
    findings = _model(OTHER)
    ids = {item.id for kind in (findings.themes, findings.quotes, findings.recommendations)
           for item in kind} | {old for retired in findings.redirects.values() for old in retired}
    ids = {i for i in ids if "-" in i}
    site = built_sites["other"]
    any_id = re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, sorted(ids)))})(?![\w-])")
    seen = {page.relative_to(site).as_posix(): sorted(set(any_id.findall(_words(_read(page)))))
            for page in html_pages(site)}
    assert {page: found for page, found in seen.items() if found} == {}

    whats_new = _read(site / "whats-new" / "index.html")
    names = [li.get_text(" ", strip=True) for li in whats_new.select(".fnd-version li")]
    assert "Recommendation: Use a standard handover checklist at every shift change" in names
    assert "Theme 1: Handovers break down at the shift boundary" in names  # named once
    data = _read(site / "data" / "index.html")
    assert "These downloads are release 1.1 of the findings" in _words(data)
    fingerprint = data.select_one("details.fnd-data__version code")
    assert fingerprint is not None and re.fullmatch(r"[0-9a-f]{12}", fingerprint.get_text())
    assert re.search(r"\b[0-9a-f]{12}\b", data.get_text(" ").replace(fingerprint.get_text(), "")
                     ) is None  # the hash only as the detail


def test_counts_agree_in_number(tmp_path: Path) -> None:
    """A study of one theme, one quote, one recommendation, one question: no page says
    '1 recommendations'."""
    data = write_folder(tmp_path / "data", {"toolkit/t.yml": """
        questions:
          - id: q1
            theme: one
            text: Do we do the thing?
    """})
    findings = _model(data)
    renderer = PageRenderer(findings, SiteOptions())
    plural = re.compile(r"(?<![\d.,])1 (themes|quotes|quotable texts|recommendations|excerpts|"
                        r"questions|items|authors)\b")
    found = {page.url: plural.findall(_words(_rendered(renderer, page)))
             for page in plan_pages(findings)}
    assert {url: words for url, words in found.items() if words} == {}
    home = _words(_rendered(renderer, plan_pages(findings)[0]))
    assert "1 recommendation" in home and "1 excerpt" in home


def test_a_theme_says_its_sentence_once_and_a_card_its_basis_once(tmp_path: Path) -> None:
    """The authors' finding that restates the theme's sentence is linked from it, not shown
    again as a card; a recommendation's card shows its badge and a link to the legend, which
    explains every badge once; the toolkit's note is one line."""
    data = write_folder(tmp_path / "data", {"themes/one.yml": """
        id: one
        number: 1
        title: Theme one
        summary: Residents reported that handovers lost what the night needed.
        description: About the first theme.
        source: "abstract: results"
    """, "quotes/q.yml": """
        - id: q-one
          text: They reported that handovers lost what the night needed
          kind: finding
          speaker: Study authors
          themes: [one]
          source: "abstract: results"
    """})
    findings = _model(data)
    renderer = PageRenderer(findings, SiteOptions())
    pages = {page.url: _rendered(renderer, page) for page in plan_pages(findings)}
    theme = pages["themes/one/"]
    text = theme.get_text(" ")
    assert text.count("handovers lost what the night needed") == 1, text
    assert "../../quotes/q-one/" in [a["href"] for a in theme.select(".fnd-theme__wording a")]
    assert theme.select(".fnd-quote") == []
    card = theme.select_one(".fnd-rec-card")
    assert card is not None and card.select(".fnd-basis__why") == []
    legend = card.select_one("a.fnd-basis__legend")
    assert legend is not None and legend["href"] == "../../recommendations/#whose"
    whose = pages["recommendations/"].select_one("#whose")
    assert whose is not None and "the authors' own conclusion" in whose.get_text()
    note = pages["toolkit/"].select_one(".fnd-toolkit-label")
    assert note is not None and note.get_text().count(".") <= 1  # one sentence


def test_previous_and_next_follow_the_list_of_recommendations(
        built_sites: dict[str, Path]) -> None:
    """A recommendation's page leads to the one before and after it in the list's suggested
    order, and from the ends back to the list (their pages are not in the menu, so the
    theme's own footer offers nothing)."""
    site, findings = built_sites["other"], _model(OTHER)
    order = [rec.id for rec in suggested_order(findings)]
    chain = []
    here = order[0]
    while here:
        page = _read(site / "recommendations" / here / "index.html")
        pager = page.select_one("nav.fnd-pager")
        assert pager is not None, here
        chain.append(here)
        after = pager.select_one("a[rel=next]")
        assert after is not None
        here = str(after["href"]).strip("./").split("/")[-1] if after["href"] != "../" else ""
    assert chain == order
    first = _read(site / "recommendations" / order[0] / "index.html")
    assert [a["href"] for a in first.select("nav.fnd-pager a[rel=prev]")] == ["../"]
