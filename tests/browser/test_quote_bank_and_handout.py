"""Educators filter the quote bank and build a handout they can share and print."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from browser.conftest import Served, open_page
from browser.test_sweep import axe_violations
from conftest import FIXTURES
from findings.data import read_data
from findings.model import build_model


def test_quote_bank_filters_across_the_whole_bank(browser: Browser,
                                                  servers: dict[str, Served]) -> None:
    site = servers["other"]
    findings = build_model(read_data(FIXTURES / "other-study", "data"))
    page = open_page(browser, site)
    page.goto(site.url("quotes/"))
    page.get_by_role("checkbox", name="Participant's words (").check()
    participants = [q for q in findings.quotes if q.kind == "participant"]
    status = page.locator(".fnd-quotes-status")
    expect(status).to_have_text(f"{len(participants)} of {len(findings.quotes)} excerpts match.")
    cards = page.locator(".fnd-quote-results article")
    expect(cards).to_have_count(len(participants))
    expect(page.locator(".fnd-quote-results .fnd-quote--finding")).to_have_count(0)
    assert "kind=participant" in page.url
    page.get_by_role("checkbox", name="Theme 2: ").check()
    both = [q for q in participants if "lone-working" in q.themes]
    expect(cards).to_have_count(len(both))
    page.go_back()
    expect(cards).to_have_count(len(participants))
    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator(".fnd-quote-pages")).to_be_visible()
    expect(page.locator(".fnd-quote-results")).to_be_hidden()


def test_a_handout_is_built_shared_and_opened(browser: Browser,
                                              servers: dict[str, Served]) -> None:
    site = servers["other"]
    page = open_page(browser, site)
    page.goto(site.url("quotes/"))
    # Each card's button names its quote by its first words, never by its id.
    page.get_by_role("button", name="Add to handout "
                     "(\u201cWhen someone is shouting at the\u2026\u201d)").click()
    expect(page.get_by_role("status").filter(has_text="handout")).to_have_text(
        "Added to the handout (1 item).")
    page.locator("article.fnd-quote").filter(has_text="prescriptions awaiting stock").get_by_role(
        "button", name="Add to handout").click()
    page.goto(site.url("recommendations/protected-handover-time/"))
    page.get_by_role("button", name="Add to handout", exact=True).click()
    page.goto(site.url("handout/"))
    items = page.locator(".fnd-handout__items > article")
    expect(items).to_have_count(3)
    assert page.url == site.url("handout/")  # one's own handout, at its plain address
    expect(items.nth(0)).to_contain_text("Content note: Describes an aggressive customer")
    expect(items.nth(0)).to_contain_text(re.compile(r" Quote on the findings site: http"))
    # Each quote says where its words come from, as its page does.
    expect(items.nth(0).locator(".fnd-quote__source")).to_have_text(
        "Source: interview 3 (fictional)")
    expect(items.nth(2)).to_contain_text("Derived from the findings")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy shareable link").click()
    expect(page.locator(".fnd-tool-status")).to_have_text("Shareable link copied.")
    shared = page.evaluate("navigator.clipboard.readText()")
    assert "quote=alone-with-the-door" in shared and "rec=protected-handover-time" in shared
    stranger = browser.new_context().new_page()
    stranger.goto(shared)
    expect(stranger.locator(".fnd-handout__items > article")).to_have_count(3)
    expect(stranger.locator(".fnd-tool-status")).to_have_text("The handout lists 3 items.")
    stranger.context.close()
    page.get_by_role("button", name="Clear the handout").click()
    expect(items).to_have_count(0)
    expect(page.get_by_text("Your handout is empty")).to_be_visible()
    assert site.outside == []


#: The list of picks this browser keeps (site.js), as stored.
STORED = "() => JSON.parse(localStorage.getItem('findings:handout:/'))"
SHARED = "handout/?quote=alone-with-the-door&rec=regional-shared-log"


def test_a_shared_handout_never_touches_the_readers_own(browser: Browser,
                                                       servers: dict[str, Served]) -> None:
    """A reader with a handout of their own opens someone's link: it says it is a shared
    handout, its "Clear" empties only the view, and its items can join the reader's own. One
    item is removed, and stays removed after a reload. The ratings are in the site's words,
    and the citations say which style they are in, AMA or APA, as the reader chooses."""
    site = servers["other"]
    page = open_page(browser, site)
    page.goto(site.url("recommendations/protected-handover-time/"))
    page.get_by_role("button", name="Add to handout", exact=True).click()
    page.goto(site.url(SHARED))
    items = page.locator(".fnd-handout__items > article")
    expect(items).to_have_count(2)
    note = page.get_by_role("note").filter(has_text="A shared handout")
    expect(note).to_be_visible()
    expect(items.nth(1).locator("dd")).to_have_text(
        ["Community", "High", "Long-term", "Regional health boards"])
    expect(items.nth(1)).not_to_contain_text("community;")
    assert axe_violations(page) == []  # the note, the style choice, the Remove buttons
    expect(page.get_by_role("button", name="Clear the handout")).to_be_hidden()
    page.get_by_role("button", name="Clear this view").click()
    expect(items).to_have_count(0)
    expect(page.get_by_text("Your own handout is unchanged")).to_be_visible()
    assert page.evaluate(STORED) == ["recommendation:protected-handover-time"]
    page.reload()
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Protect ten minutes for the handover")
    expect(note).to_be_hidden()

    page.goto(site.url(SHARED))
    page.get_by_role("button", name="Add these items to my handout").click()
    expect(items).to_have_count(3)
    expect(note).to_be_hidden()
    items.filter(has_text="Fund a regional").get_by_role("button", name="Remove").click()
    expect(items).to_have_count(2)
    page.reload()
    expect(items).to_have_count(2)
    expect(page.locator(".fnd-handout__items")).not_to_contain_text("Fund a regional")
    assert page.evaluate(STORED) == ["recommendation:protected-handover-time",
                                     "quote:alone-with-the-door"]

    citation = page.locator(".fnd-cite__text")
    expect(page.get_by_text("Citations in AMA style.")).to_be_visible()
    expect(citation).to_contain_text("Quoted from: Fairweather-Example I, Placeholder T")
    page.get_by_role("radio", name="APA").check()
    expect(page.get_by_text("Citations in APA style.")).to_be_visible()
    expect(citation).to_contain_text("Quoted from: Fairweather-Example, I., Placeholder, T.")
    page.reload()
    expect(citation).to_contain_text("Quoted from: Fairweather-Example, I., Placeholder, T.")
    page.context.close()



#: Whether an element is drawn: false inside a hidden subtree (content-visibility:hidden).
DRAWN = "el => el.checkVisibility()"


def test_a_phone_does_not_draw_the_closed_drawer(browser: Browser,
                                                 servers: dict[str, Served]) -> None:
    """A phone's first load of the bank leaves the closed navigation drawer undrawn (the
    site's whole navigation, a third of a page's elements: the load was slow, issue 13.10);
    opened, the drawer shows its links. The page never scrolls sideways."""
    site = servers["study"]
    page = open_page(browser, site, width=390)
    page.goto(site.url("quotes/"))
    expect(page.locator(".fnd-quote-pages article.fnd-quote").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    drawer_link = page.locator(".md-sidebar--primary a.md-nav__link").first
    assert drawer_link.evaluate(DRAWN) is False
    page.locator(".md-header label[for='__drawer']").click()
    expect(drawer_link).to_be_visible()
    page.context.close()
