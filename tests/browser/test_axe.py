"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on one page of each kind (section and
depth: a theme, a quote, a list page...) of each fixture site. A page's kind is its template: the
pages of one kind differ only in their words, which the every-page checks read (the Nu Html
Checker, the link and reflow checks, the payload sweep).

The study fixture (which has every kind of page) is checked with every rule in the light scheme,
and with the colour rules in the dark one: a scheme swaps the theme's colour variables, not the
markup. The other study and the payload site, whose words differ but whose templates and colours
are the study's, are checked with every rule but colour contrast (most of axe's time). Its own
file, so that pytest-xdist can run it beside the sweep."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser.conftest import Served, open_page
from browser.test_sweep import axe_violations, one_of_each_kind

#: The sites and schemes swept (the study fixture has every kind of page). axe takes 1-3 s a
#: page with colour contrast, a third of that without, and the whole suite has a time budget.
SWEEPS = [("study", "light", "all"), ("study", "dark", "colour"), ("other", "light", "text"),
          ("payloads", "light", "text")]


@pytest.mark.parametrize(("name", "scheme", "scope"), SWEEPS,
                         ids=[f"{n}-{s}" for n, s, _ in SWEEPS])
def test_axe_finds_no_wcag_violations(browser: Browser, servers: dict[str, Served], name: str,
                                      scheme: str, scope: str) -> None:
    site = servers[name]
    page = open_page(browser, site, color_scheme=scheme)
    found = {}
    kinds = one_of_each_kind(site)
    for path in kinds:
        page.goto(site.url(path))
        violations = axe_violations(page, scope)
        if violations:
            found[path.relative_to(site.root).as_posix()] = violations
    assert len(kinds) > 10
    assert found == {}
