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
