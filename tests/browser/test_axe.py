"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation: on every page of the study fixture in
the light scheme, and on one page of each kind (section and depth: a theme, a quote, a list
page...) in its dark scheme and on the other fixture sites. Its own file, so that pytest-xdist
can run it beside the sweep."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser.conftest import Served, open_page
from browser.test_sweep import axe_violations, one_of_each_kind, reader_pages

#: Every page of the study fixture (it has every kind of page) in the light scheme; one page of
#: each kind otherwise. axe takes 2-3 s a page, and the whole suite has a time budget.
SWEEPS = [("study", "light"), ("study", "dark"), ("other", "light"), ("payloads", "light")]


@pytest.mark.parametrize(("name", "scheme"), SWEEPS, ids=[f"{n}-{s}" for n, s in SWEEPS])
def test_axe_finds_no_wcag_violations(browser: Browser, servers: dict[str, Served], name: str,
                                      scheme: str) -> None:
    site = servers[name]
    page = open_page(browser, site, color_scheme=scheme)
    found = {}
    every = (name, scheme) == ("study", "light")
    pages = reader_pages(site) if every else one_of_each_kind(site)
    for path in pages:
        page.goto(site.url(path))
        violations = axe_violations(page)
        if violations:
            found[path.relative_to(site.root).as_posix()] = violations
    assert found == {}
