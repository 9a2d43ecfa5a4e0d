"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation. Every page of the study fixture in the
light scheme, with every rule but colour contrast; colour contrast (most of axe's time, and a
matter of a page's kind, not its text) on one page of each kind (section and depth: a theme, a
quote, a list page...) in both schemes; one page of each kind of the other fixture sites, with
every rule (the payload site, whose text is hostile but whose colours are the study's, without
colour contrast). Its own file, so that pytest-xdist can run it beside the sweep."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser.conftest import Served, open_page
from browser.test_sweep import axe_violations, one_of_each_kind, reader_pages

#: The sites and schemes swept (the study fixture has every kind of page). axe takes 1-3 s a
#: page with colour contrast, a third of that without, and the whole suite has a time budget.
SWEEPS = [("study", "light"), ("study", "dark"), ("other", "light"), ("payloads", "light")]


@pytest.mark.parametrize(("name", "scheme"), SWEEPS, ids=[f"{n}-{s}" for n, s in SWEEPS])
def test_axe_finds_no_wcag_violations(browser: Browser, servers: dict[str, Served], name: str,
                                      scheme: str) -> None:
    site = servers[name]
    page = open_page(browser, site, color_scheme=scheme)
    found = {}
    kinds = one_of_each_kind(site)
    pages = reader_pages(site) if (name, scheme) == ("study", "light") else kinds
    for path in pages:
        page.goto(site.url(path))
        violations = axe_violations(page, contrast=path in kinds and name != "payloads")
        if violations:
            found[path.relative_to(site.root).as_posix()] = violations
    assert len(pages) >= len(kinds) > 10
    assert found == {}
