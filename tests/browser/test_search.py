"""Search: Material's search finds themes, quotes and recommendations by a word of their text."""

from __future__ import annotations

import re
from collections import Counter

from playwright.sync_api import Browser, Page, expect

from browser.conftest import Served, open_page
from conftest import FIXTURES, STUDY
from findings.data import read_data
from findings.model import Findings, build_model


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{6,}", text)}


def _word_in_one_quote_only(findings: Findings) -> tuple[str, str]:
    """A word that occurs in exactly one quote (other pages may use it too)."""
    counts: Counter[str] = Counter()
    for quote in findings.quotes:
        counts.update(_words(quote.text))
    for quote in findings.quotes:
        for word in sorted(_words(quote.text)):
            if counts[word] == 1:
                return word, quote.id
    raise AssertionError("no word occurs in one quote only")


def search(page: Page, site: Served, query: str) -> list[str]:
    page.goto(site.base)
    page.keyboard.press("/")
    box = page.get_by_role("textbox", name="Search")
    expect(box).to_be_focused()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    box.press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10_000)
    return [str(href) for href in results.evaluate_all("els => els.map(e => e.href)")]


def test_a_word_from_one_quote_finds_that_quote(browser: Browser,
                                                servers: dict[str, Served]) -> None:
    findings = build_model(read_data(STUDY, "study"))
    word, quote_id = _word_in_one_quote_only(findings)
    hrefs = search(open_page(browser, servers["study"]), servers["study"], word)
    assert any(f"/quotes/{quote_id}/" in h for h in hrefs), (word, hrefs)


def test_themes_and_recommendations_are_found(browser: Browser,
                                              servers: dict[str, Served]) -> None:
    page = open_page(browser, servers["other"])
    hrefs = search(page, servers["other"], "checklist")
    assert any("/recommendations/standard-handover-checklist/" in h for h in hrefs), hrefs
    hrefs = search(page, servers["other"], "alone")
    assert any("/themes/lone-working/" in h for h in hrefs), hrefs
    assert servers["other"].outside == []


def test_the_search_index_is_fetched_only_when_searching(browser: Browser,
                                                         servers: dict[str, Served]) -> None:
    site = servers["study"]
    page = open_page(browser, site)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(site.url("themes/patron-distress/"), wait_until="networkidle")
    page.wait_for_timeout(300)
    assert not any("search_index" in url for url in fetched)
    hrefs = search(page, site, "distress")
    assert any("search_index.json" in url for url in fetched)
    assert any("/themes/patron-distress/" in h for h in hrefs)


def _expected_type(path: str) -> str:
    for pattern, label in [(r"themes/", "Themes"), (r"themes/[^/]+/quotes/", "Quotes"),
                           (r"quotes/", "Quote bank"), (r"recommendations/", "Recommendations"),
                           (r"themes/[^/]+/", "Theme"), (r"quotes/[^/]+/", "Quote"),
                           (r"recommendations/[^/]+/", "Recommendation"),
                           (r"toolkit/discussion/[^/]+/", "Discussion guide"),
                           (r"toolkit/.*", "Toolkit"), (r"study/", "The study"),
                           (r"evidence/", "Evidence map")]:
        if re.fullmatch(pattern, path):
            return label
    return "Page"


def _labels(page: Page, site: Served) -> dict[str, str]:
    links = page.locator(".md-search-result__item > .md-search-result__link")
    expect(links.first.locator(".fnd-result-type")).to_be_visible()
    shown = links.evaluate_all("""els => els.map(a => [a.href,
        (a.querySelector('.fnd-result-type') || {}).textContent || ''])""")
    return {re.split(r"[?#]", href.removeprefix(site.base))[0]: label for href, label in shown}


def test_each_result_says_what_it_is_and_the_study_is_found_once(
        browser: Browser, servers: dict[str, Served]) -> None:
    """On a phone in the dark scheme: a result names its type; the home page, whose result
    would repeat the study page's, is not a result; no label runs into its value."""
    site = servers["other"]
    page = open_page(browser, site, color_scheme="dark", width=390)
    search(page, site, "handover")
    labels = _labels(page, site)
    assert labels == {path: _expected_type(path) for path in labels}, labels
    assert {"Theme", "Recommendation", "Discussion guide"} <= set(labels.values()), labels
    word, quote_id = _word_in_one_quote_only(build_model(read_data(FIXTURES / "other-study",
                                                                   "other-study")))
    search(page, site, word)
    assert _labels(page, site).get(f"quotes/{quote_id}/") == "Quote"
    search(page, site, "talking")
    labels = _labels(page, site)
    assert labels.get("toolkit/discussion/discuss-handovers/") == "Discussion guide", labels
    snippets = " ".join(page.locator(".md-search-result__item").all_inner_texts())
    assert "Time: 20 minutes" in snippets and "Time20" not in snippets, snippets
    assert "ThemeTheme" not in snippets and "Theme Theme" not in snippets
    search(page, site, "themes")
    assert _labels(page, site).get("themes/") == "Themes"
    hrefs = search(page, site, "pharmacies")
    paths = [re.split(r"[?#]", h.removeprefix(site.base))[0] for h in hrefs]
    assert "" not in paths and "study/" in paths, paths
    assert site.outside == []
