"""In a real browser, one load of each page for all its checks: no request to another host,
nothing injected runs, nothing breaks the page's Content Security Policy (its own scripts still
run), and axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation: one page of each kind of the
study fixture and the other study, whose words are plain, and every redirect stub. The other
study's pages also reflow at 320 CSS px (test_layout loads every study page at that width).
The payload site's every page, whose every field is hostile, gets the same checks in
test_payloads.py, on the load its clicks use.

axe checks one page of each kind (section and depth: a theme, a quote, a list page...) of each
fixture site. A page's kind is its template: the pages of one kind differ only in their words,
which the every-page checks read (the Nu Html Checker, the link and reflow checks, the payload
sweep). The study fixture (which has every kind of page) is checked with every rule in the light
scheme, and, on the same load switched to the dark scheme, with the colour rules: a scheme swaps
the theme's colour variables, not the markup. The other study and the payload site, whose words
differ but whose templates and colours are the study's, are checked with every rule but colour
contrast (most of axe's time)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page

from browser.conftest import Served, open_page
from browser.test_csp import recording
from conftest import html_pages

AXE = Path(str(__import__("axe_playwright_python").__file__)).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def reader_pages(site: Served) -> list[Path]:
    """Pages a reader lands on (redirect stubs pass them on at once)."""
    return [p for p in html_pages(site.root)
            if 'http-equiv="refresh"' not in p.read_text("utf-8")]


def one_of_each_kind(site: Served) -> list[Path]:
    """The first page of each section and depth (``quotes/ID/``, ``quotes/page/N/``...)."""
    kinds: dict[tuple[str, int], Path] = {}
    for path in reader_pages(site):
        parts = path.relative_to(site.root).parts
        kinds.setdefault((parts[0] if len(parts) > 1 else "", len(parts)), path)
    return list(kinds.values())


#: What an axe run checks. "all": every WCAG A and AA rule. "text": all but colour contrast,
#: which is most of axe's time a page and depends on the page's kind (its template and
#: classes), not on its words. "colour": only the rules a colour scheme can change (a scheme
#: swaps the theme's colour variables; the markup is the same).
AXE_SCOPES = ("all", "text", "colour")
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page: Page, scope: str = "all") -> list[str]:
    """axe-core's WCAG A and AA violations on the open page, of the rules ``scope`` names."""
    assert scope in AXE_SCOPES
    # Evaluated rather than added as a <script>: the page's policy refuses inline script.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    run_only = {"type": "rule", "values": COLOUR_RULES} if scope == "colour" else \
        {"type": "tag", "values": WCAG_TAGS}
    # resultTypes: only violations are collected in full, which halves axe's time a page.
    result = page.evaluate(
        "([runOnly, contrast]) => axe.run(document, {runOnly, resultTypes: ['violations'],"
        " rules: {'color-contrast': {enabled: contrast}}})",
        [run_only, scope != "text"])
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


OVERFLOW = """() => {
  const doc = document.documentElement;
  const wide = [...document.querySelectorAll('.md-content *')].filter(el => {
    // Scrolled boxes, and text kept for screen readers only (clipped to a pixel).
    if (el.closest('.fnd-table-scroll, pre, .md-typeset__scrollwrap, .fnd-visually-hidden'))
      return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > doc.clientWidth + 1;
  }).map(el => el.tagName + '.' + el.className).slice(0, 5);
  return {scroll: doc.scrollWidth > doc.clientWidth, wide};
}"""


#: Whether the sweep checks that each page of a kind reflows at 320 CSS px (switched to that
#: width on its load, then back): the study's every page is loaded at 320 px by test_layout.
REFLOW = {"study": False, "other": True}


def overflow_at_320_px(page: Page) -> dict[str, object] | None:
    """What sticks out of the open page at 320 CSS px, if anything."""
    page.set_viewport_size({"width": 320, "height": 900})
    result: dict[str, object] = page.evaluate(OVERFLOW)
    page.set_viewport_size({"width": 1280, "height": 900})
    return result if result["scroll"] or result["wide"] else None


#: The axe runs on each site's one page of each kind: (colour scheme, scope). axe takes 1-3 s a
#: page with colour contrast, a third of that without, and the whole suite has a time budget.
AXE_RUNS = {"study": [("light", "all"), ("dark", "colour")], "other": [("light", "text")],
            "payloads": [("light", "text")]}

#: Whether Material shows the colour scheme. A function: the page's policy refuses the
#: evaluation of a bare expression.
SHOWS_SCHEME = "scheme => document.body.getAttribute('data-md-color-scheme') === scheme"
SCHEMES = {"light": "default", "dark": "slate"}


def show_scheme(page: Page, scheme: str) -> None:
    """The open page in ``scheme``, switched by the header's toggle as a reader would (the
    next page opens in it too)."""
    if not page.evaluate(f"({SHOWS_SCHEME})('{SCHEMES[scheme]}')"):
        page.locator(f'label[title="Switch to {scheme} mode"]').click()
    page.wait_for_function(SHOWS_SCHEME, arg=SCHEMES[scheme], timeout=5_000)


def axe_runs(page: Page, runs: list[tuple[str, str]]) -> list[str]:
    """axe's violations on the open page for each (scheme, scope), the page switched to each
    scheme in turn, then back to light."""
    found = []
    for scheme, scope in runs:
        show_scheme(page, scheme)
        found += [f"{scheme}: {v}" for v in axe_violations(page, scope)]
    show_scheme(page, "light")
    return found


@pytest.mark.parametrize("name", ["study", "other"])
def test_pages_request_nothing_elsewhere_run_nothing_injected_keep_their_policy_pass_axe_reflow(
        browser: Browser, servers: dict[str, Served], name: str) -> None:
    site = servers[name]
    page = open_page(browser, site)
    violations = recording(page.context)
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    stubs = [p for p in html_pages(site.root) if p not in reader_pages(site)]
    kinds = one_of_each_kind(site)
    pages = kinds + stubs
    inaccessible, overflowing = {}, {}
    for path in pages:
        # "load": everything a page's markup asks for has been requested (and blocked if it
        # leaves the host) and every script in it has run; waiting for the network to idle
        # cost half a second a page and would only add what a script fetches later, which
        # window.__pwned already catches.
        # A redirect stub moves on as soon as it has loaded: wait for where it leads.
        stub = 'http-equiv="refresh"' in path.read_text(encoding="utf-8")
        page.goto(site.url(path), wait_until="networkidle" if stub else "load")
        assert page.evaluate("window.__pwned") is None, path
        if not stub:
            ran = page.evaluate("document.documentElement.classList.contains('fnd-js')")
            assert ran, f"{path}: the inline script in the head did not run"
        if path in kinds and (found := axe_runs(page, AXE_RUNS[name])):
            inaccessible[path.relative_to(site.root).as_posix()] = found
        if path in kinds and REFLOW[name] and (wide := overflow_at_320_px(page)):
            overflowing[path.relative_to(site.root).as_posix()] = wide
    assert len(kinds) > 10
    assert site.outside == []
    assert dialogs == []
    assert violations == []
    assert inaccessible == {}
    assert overflowing == {}


def test_payloads_show_as_literal_text(browser: Browser, servers: dict[str, Served]) -> None:
    site = servers["payloads"]
    page = open_page(browser, site)
    page.goto(site.base)
    text = page.locator("article.md-content__inner").inner_text()
    for payload in ["<script>window.__pwned=1</script>", "<img src=x onerror=alert(1)>",
                    "{{ 7*7 }}", "${7*7}"]:
        assert payload in text
    page.goto(site.url("study/"))
    study = page.locator("article.md-content__inner").inner_text()
    assert "<div onclick=window.__pwned=1>raw block</div>" in study
    assert "markStudyTitle <script>window.__pwned=1</script> <img src=x onerror=alert(1)>" \
        in page.title()


def test_search_results_show_payloads_as_text(browser: Browser, servers: dict[str, Served]
                                              ) -> None:
    site = servers["payloads"]
    page = open_page(browser, site)
    page.goto(site.base)
    page.keyboard.press("/")
    page.get_by_role("textbox", name="Search").press_sequentially("markQuoteOneText", delay=30)
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=10_000)
    assert "<script>" in page.locator(".md-search-result").inner_text()
    assert page.evaluate("window.__pwned") is None
