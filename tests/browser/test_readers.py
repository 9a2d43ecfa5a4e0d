"""Each page serves the task its reader came with (issue 13): a shared handout link that opens
the handout, a home page that says where to start, filters that show their effect, cards and
pages without clutter, navigation that finds everything. All on the fixture study."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from browser.conftest import Served, open_page

PHONE = 390
DESKTOP = 1366
SHARED = "handout/?quote=alone-with-the-door&quote=lone-working-finding&rec=regional-shared-log"


def _handout_shows_three(page: Page) -> None:
    expect(page.locator(".fnd-handout__items > article")).to_have_count(3)
    expect(page.locator(".fnd-tool-status")).to_have_text("The handout lists 3 items.")
    expect(page.locator("#__search")).not_to_be_checked()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("link", [SHARED, SHARED.replace("quote=", "q=").replace("rec=", "r=")],
                         ids=["link", "old-q-link"])
def test_a_shared_handout_link_opens_the_handout_and_survives_a_reload(
        browser: Browser, servers: dict[str, Served], width: int, link: str) -> None:
    """A recipient (a fresh browser: nothing picked) sees the items, not an open search box;
    an old ``?q=`` link is opened once and rewritten, so the reload still shows them."""
    site = servers["other"]
    page = open_page(browser, site, width=width)
    page.goto(site.url(link))
    _handout_shows_three(page)
    assert "quote=alone-with-the-door" in page.url and "q=" not in page.url.replace("quote=", "")
    page.reload()
    _handout_shows_three(page)
    page.context.close()


@pytest.mark.parametrize(("width", "height"), [(DESKTOP, 768), (PHONE, 844)])
def test_the_home_page_says_where_to_start_above_the_fold(
        browser: Browser, servers: dict[str, Served], width: int, height: int) -> None:
    """The short title as the heading, the full title under it, one sentence on what the study
    found, and the four start points, all on the first screen; the figures on the page; the
    abstract not (it is on the study page)."""
    site = servers["other"]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site.url(""))
    expect(page.locator("h1")).to_have_text("Night-shift handovers (synthetic)")
    full = page.get_by_role("main").get_by_text(
        "Night-shift handovers in rural community pharmacies: a synthetic interview study",
        exact=True)
    expect(full).to_be_in_viewport()
    expect(page.locator(".fnd-lead")).to_have_text(
        "Handovers at the shift boundary lose what the night needs, unless a shared log makes "
        "them visible (synthetic).")
    expect(page.locator(".fnd-lead")).to_be_in_viewport()
    start = page.get_by_role("list").filter(has=page.get_by_role("link", name="Educators"))
    links = start.get_by_role("link")
    expect(links).to_have_count(4)
    for name, address in [("Program leaders", "recommendations/"), ("Educators", "quotes/"),
                          ("The toolkit", "toolkit/"), ("The study", "study/")]:
        link = links.filter(has_text=name)
        assert link.get_attribute("href") == address
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, (name, box)
    expect(page.get_by_text("14 (fictional)")).to_be_visible()
    expect(page.get_by_text("We imagined semi-structured interviews")).to_have_count(0)
    context.close()
