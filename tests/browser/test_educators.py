"""Educators copy a quote's link and citation, by mouse or keyboard, and are told it worked."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from browser.conftest import Served


def test_copy_citation_and_link_from_a_quote_page(browser: Browser,
                                                  servers: dict[str, Served]) -> None:
    site = servers["study"]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site.url("quotes/the-last-light-on/"))
    button = page.get_by_role("button", name="Copy AMA citation", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="copied")).to_have_text(
        "AMA citation copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("\u201cthe last light on the street\u201d (Library volunteers). "
                             "Quoted from: Okonkwo-Lind M")
    # The permalink is labelled as the quote's place on the site, not the study's address.
    located = f"Quote on the findings site: {site.url('quotes/the-last-light-on/')}"
    assert copied.endswith(located)
    page.get_by_role("button", name="Copy APA citation", exact=True).click()
    apa = page.evaluate("navigator.clipboard.readText()")
    assert apa.endswith(located) and "Retrieved" not in apa
    page.get_by_role("button", name="Copy link", exact=True).click()
    assert page.evaluate("navigator.clipboard.readText()") == site.url("quotes/the-last-light-on/")
    expect(page.get_by_role("status").filter(has_text="copied")).to_have_text("Link copied.")
    context.close()


def test_quote_cards_in_the_bank_copy_their_own_citation(browser: Browser,
                                                          servers: dict[str, Served]) -> None:
    site = servers["other"]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site.url("quotes/"))
    card = page.locator("article.fnd-quote").filter(has_text="shouting at the hatch")
    card.get_by_role("button", name="Copy APA citation").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "\u201cWhen someone is shouting at the hatch" in copied
    assert copied.endswith(site.url("quotes/alone-with-the-door/"))
    context.close()


def test_without_javascript_the_citation_is_text(browser: Browser,
                                                 servers: dict[str, Served]) -> None:
    site = servers["study"]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("quotes/the-last-light-on/"))
    expect(page.locator("#cite-the-last-light-on-ama")).to_contain_text("Okonkwo-Lind M")
    expect(page.get_by_role("button", name="Copy AMA citation", exact=True)
           ).to_be_hidden()
    context.close()
