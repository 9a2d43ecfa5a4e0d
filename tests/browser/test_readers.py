"""Each page serves the task its reader came with (issue 13): a shared handout link that opens
the handout, a home page that says where to start, filters that show their effect, cards and
pages without clutter, navigation that finds everything. All on the fixture study."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from browser.conftest import Served, open_page
from browser.test_sweep import AXE, WCAG_TAGS
from conftest import FIXTURES
from findings.data import read_data
from findings.model import build_model

#: axe-core, defined and run in one evaluation (the pages' policy refuses an added script).
AXE_RUN = ("tags => { " + Path(AXE).read_text(encoding="utf-8") + "\n; return axe.run(document, "
           "{runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => v.id)); }")
#: The text a sighted reader sees in the page's main part (screen-reader-only text left out).
SEEN_TEXT = """() => { const main = document.querySelector('main').cloneNode(true);
  main.querySelectorAll('.fnd-visually-hidden').forEach(el => el.remove());
  document.body.appendChild(main); const text = main.innerText; main.remove(); return text; }"""
PHONE = 390
DESKTOP = 1366
SHARED = "handout/?quote=alone-with-the-door&quote=lone-working-finding&rec=regional-shared-log"


#: The header's titles (the site's, and the page's once its heading scrolls by): their text,
#: and whether it overflows its box, across or down (an ellipsis, or lines cut off).
HEADER_TITLES = """() => [...document.querySelectorAll('.md-header__topic .md-ellipsis')].map(
  el => [el.textContent.trim(),
         el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight])"""


def _header_titles_are_whole(page: Page, short_title: str) -> None:
    """On a phone the header shows the study's short title whole (and the page's title)."""
    titles = page.evaluate(HEADER_TITLES)
    assert titles[0][0] == short_title and not any(cut for _, cut in titles), titles


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
    context = browser.new_context(viewport={"width": width, "height": height},
                                  color_scheme="dark" if width == PHONE else "light")
    page = context.new_page()
    page.goto(site.url(""))
    if width == PHONE:
        _header_titles_are_whole(page, "Night-shift handovers (synthetic)")
    expect(page.locator("h1")).to_have_text("Night-shift handovers (synthetic)")
    full = page.locator(".fnd-home__title")
    expect(full).to_have_text(
        "Night-shift handovers in rural community pharmacies: a synthetic interview study")
    expect(full).to_be_in_viewport()
    expect(page.locator(".fnd-lead")).to_have_text(
        "Summary by the site's editors: Handovers at the shift boundary lose what the night "
        "needs, unless a shared log makes them visible (synthetic).")
    expect(page.locator(".fnd-lead")).to_be_in_viewport()
    start = page.get_by_role("list").filter(has=page.get_by_role("link", name="Educators"))
    links = start.get_by_role("link")
    expect(links).to_have_count(4)
    for name, address in [("Program leaders", "recommendations/"), ("Educators", "quotes/"),
                          ("The toolkit", "toolkit/"), ("The study", "study/")]:
        link = links.filter(has=page.get_by_text(name, exact=True))
        assert link.get_attribute("href") == address
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, (name, box)
    expect(page.get_by_text("14 (fictional)")).to_be_visible()
    expect(page.get_by_text("We imagined semi-structured interviews")).to_have_count(0)
    context.close()


@pytest.mark.parametrize(("width", "scheme"), [(PHONE, "dark"), (DESKTOP, "light")])
def test_filters_show_their_effect(browser: Browser, servers: dict[str, Served], width: int,
                                   scheme: str) -> None:
    """Folded behind "Filter (n)" on a phone, beside the results on a wide screen; counts follow
    the selection, an option that would show nothing says so, an empty result offers "Clear
    filters"; the two groups readers confused are explained; no contrast or other WCAG fault in
    the filtered state."""
    site = servers["other"]
    page = open_page(browser, site, color_scheme=scheme, width=width)
    page.set_viewport_size({"width": width, "height": 844 if width == PHONE else 768})
    page.goto(site.url("recommendations/"))
    form = page.get_by_role("form", name="Filter recommendations")
    fold = form.locator("summary").first
    program = form.get_by_role("checkbox", name="Program (")
    if width == DESKTOP:
        _first_screen_holds_options_and_a_result(page, form, ".fnd-rec-list article", 768)
    if width == PHONE:
        _header_titles_are_whole(page, "Night-shift handovers (synthetic)")
        expect(program).to_be_hidden()
        # A program director's first screen (390 x 844) holds the filter and a recommendation,
        # not only explanations.
        first, folded = page.locator(".fnd-rec-list article").first.bounding_box(), \
            fold.bounding_box()
        assert first is not None and folded is not None
        assert folded["y"] + folded["height"] <= 844 and first["y"] < 844, (folded, first)
        fold.click()
    else:
        card = page.locator(".fnd-rec-list article").first.bounding_box()
        box = form.bounding_box()
        assert card is not None and box is not None and box["x"] + box["width"] <= card["x"]
    expect(form.get_by_role("group", name="Who owns it")).to_have_accessible_description(
        re.compile("leads the change"))
    expect(form.get_by_role("group", name="For whom")).to_have_accessible_description(
        re.compile("act on it"))
    program.check()
    expect(fold).to_have_text("Filter (1)")
    expect(form.get_by_role("checkbox", name="Low (2)")).to_be_visible()
    medium = form.get_by_role("checkbox", name="Medium (none)")
    expect(medium).to_be_visible()
    assert page.evaluate(AXE_RUN, WCAG_TAGS) == []
    medium.check()
    expect(page.locator(".fnd-recs-status")).to_have_text("Showing 0 of 4 recommendations.")
    clear = page.locator(".fnd-browse__results").get_by_role("button", name="Clear filters")
    expect(clear).to_be_visible()
    assert page.evaluate(AXE_RUN, WCAG_TAGS) == []
    clear.click()
    expect(page.locator(".fnd-recs-status")).to_have_text("Showing all 4 recommendations.")
    expect(fold).to_have_text("Filter")
    expect(clear).to_be_hidden()
    page.context.close()


def _first_screen_holds_options_and_a_result(page: Page, form: Locator, cards: str,
                                             height: int) -> None:
    """A laptop's first screen (1366 x 768) holds the first filter options and the first
    result: the instructions are one line, how the filters combine is folded."""
    option = form.get_by_role("checkbox").first.bounding_box()
    card = page.locator(cards).first.bounding_box()
    assert option is not None and card is not None
    assert option["y"] + option["height"] <= height and card["y"] + 80 <= height, (option, card)
    expect(form.get_by_text("Within a group any ticked option matches")).to_be_hidden()
    form.get_by_text("How filters combine").click()
    expect(form.get_by_text("Within a group any ticked option matches")).to_be_visible()
    form.get_by_text("How filters combine").click()


def test_the_quote_banks_first_screen_holds_filters_and_a_quote(
        browser: Browser, servers: dict[str, Served]) -> None:
    site = servers["other"]
    page = open_page(browser, site, width=DESKTOP)
    page.set_viewport_size({"width": DESKTOP, "height": 768})
    page.goto(site.url("quotes/"))
    form = page.get_by_role("form", name="Filter quotes")
    _first_screen_holds_options_and_a_result(page, form, ".fnd-quote-pages article", 768)
    page.context.close()


def test_a_filtered_quote_card_keeps_every_button(browser: Browser,
                                                  servers: dict[str, Served]) -> None:
    site = servers["other"]
    page = open_page(browser, site, width=PHONE)
    page.goto(site.url("quotes/?kind=participant"))
    card = page.locator(".fnd-quote-results article").first
    for name in ["Add to handout", "Copy link", "Copy AMA citation", "Copy APA citation"]:
        expect(card.get_by_role("button", name=name)).to_be_visible()
    # Each button says which quote it is for, by its first words, as the page's own cards do.
    expect(card.get_by_role("button", name=re.compile(
        "^Copy link \\(\u201c\\S+( \\S+){0,5}\u2026?\u201d\\)$"))).to_have_count(1)
    card.get_by_role("button", name="Add to handout").click()
    expect(page.get_by_role("status").filter(has_text="handout")).to_have_text(
        "Added to the handout (1 item).")
    expect(card.get_by_role("button", name="In the handout")).to_have_attribute(
        "aria-pressed", "true")
    page.context.close()


def test_quote_cards_and_pages_without_clutter(browser: Browser,
                                               servers: dict[str, Served]) -> None:
    """A card: the words, the speaker, one row of actions (themes, source and tags are on the
    quote's page). A quote's page: the whole quote is its heading; no internal id in sight."""
    site = servers["other"]
    quote = next(q for q in build_model(read_data(FIXTURES / "other-study", "data")).quotes
                 if q.id == "alone-with-the-door")
    page = open_page(browser, site, width=PHONE)
    page.set_viewport_size({"width": PHONE, "height": 844})
    page.goto(site.url("quotes/"))
    # A phone's first screen: the folded "Filter" and the first quote.
    folded = page.get_by_role("form", name="Filter quotes").locator("summary").first
    first = page.locator(".fnd-quote-pages article").first
    expect(folded).to_have_text("Filter")
    _header_titles_are_whole(page, "Night-shift handovers (synthetic)")
    box, top = folded.bounding_box(), first.bounding_box()
    assert box is not None and top is not None
    assert box["y"] + box["height"] <= 844 and top["y"] + 40 <= 844, (box, top)
    card = page.locator(".fnd-quote-pages article").filter(has_text=quote.text)
    expect(card.locator(".fnd-quote__actions")).to_have_count(1)
    expect(card.get_by_text("Source")).to_have_count(0)
    expect(card.get_by_text("Tags")).to_have_count(0)
    page.goto(site.url(f"quotes/{quote.id}/"))
    expect(page.locator("h1")).to_have_text(quote.text)
    main = page.get_by_role("main")
    expect(main.get_by_text("Source", exact=True)).to_be_visible()
    seen = page.evaluate(SEEN_TEXT)
    assert quote.id not in seen.replace(f"/quotes/{quote.id}/", ""), seen
    page.context.close()


def test_navigation_finds_every_section_in_reading_order(browser: Browser,
                                                         servers: dict[str, Served]) -> None:
    """Discussion guides and the handout in the menu; previous/next lead from the
    self-assessment through the guides to the action plan; a mistyped address offers search
    and the main sections, and its search opens the site's search with the words typed."""
    site = servers["other"]
    page = open_page(browser, site, width=DESKTOP)
    page.goto(site.url("toolkit/self-assessment/"))
    menu = page.get_by_role("navigation", name="Navigation")
    expect(menu.get_by_role("link", name="Talking about handovers")).to_have_count(1)
    expect(menu.get_by_role("link", name="Your handout")).to_have_count(1)
    footer = page.get_by_role("navigation", name="Footer")
    expect(footer.get_by_role("link", name="Next: Talking about handovers")).to_be_visible()
    page.goto(site.url("toolkit/action-plan/"))
    expect(footer.get_by_role("link", name="Previous: Talking about handovers")).to_be_visible()
    page.context.close()
    page = open_page(browser, site, color_scheme="dark", width=PHONE)
    page.goto(site.url("404.html"))
    expect(page.locator("h1")).to_have_text("Page not found")
    assert page.evaluate(AXE_RUN, WCAG_TAGS) == []
    for section in ["The study", "Quote bank", "Recommendations", "Toolkit", "Your handout"]:
        expect(page.locator(".fnd-not-found").get_by_role("link", name=section)).to_be_visible()
    page.get_by_role("searchbox", name="Search the site").fill("handover")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator("input[data-md-component=search-query]")).to_have_value("handover")
    page.context.close()
