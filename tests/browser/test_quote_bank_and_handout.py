"""Educators filter the quote bank and build a handout they can share and print."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from browser.conftest import Served, open_page
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
    expect(items.nth(0)).to_contain_text("Content note: Describes an aggressive customer")
    expect(items.nth(0)).to_contain_text(re.compile(r" Quote on the findings site: http"))
    # Each quote says where its words come from, as its page does.
    expect(items.nth(0).locator(".fnd-quote__source")).to_have_text(
        "Source: interview 3 (fictional)")
    expect(items.nth(2)).to_contain_text("Derived from the findings")
    shared = page.url
    assert "quote=alone-with-the-door" in shared and "rec=protected-handover-time" in shared
    stranger = browser.new_context().new_page()
    stranger.goto(shared)
    expect(stranger.locator(".fnd-handout__items > article")).to_have_count(3)
    expect(stranger.locator(".fnd-tool-status")).to_have_text("The handout lists 3 items.")
    stranger.context.close()
    page.get_by_role("button", name="Clear the handout").click()
    expect(page.locator(".fnd-handout__items")).to_contain_text("Your handout is empty")
    assert site.outside == []
