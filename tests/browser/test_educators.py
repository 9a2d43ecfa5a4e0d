"""Educators copy a quote's link and citation, by mouse or keyboard, and are told it worked."""

from __future__ import annotations

from playwright.sync_api import Browser, Route, expect

from browser.conftest import Served
from findings.citation import excerpt

#: A quote the citations cut (45 words), and one they quote whole: 28 words for Python, one
#: of them joined by zero-width no-break spaces, which JavaScript's \s would split (33).
LONG_TEXT = " ".join(f"Zebra{n}" for n in range(45))
JOINED_TEXT = "Yak " + "\ufeff".join("abcdef") + " " + " ".join(f"w{n}" for n in range(26))


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


def test_script_built_citations_quote_the_generators_excerpt(browser: Browser,
                                                             servers: dict[str, Served]) -> None:
    """The handout's citations, and a filtered card's copied one, quote the words the
    generator's own citations quote (findings.json's excerpt), never a script's own cut."""
    assert excerpt(JOINED_TEXT) == JOINED_TEXT and excerpt(LONG_TEXT) != LONG_TEXT
    site = servers["other"]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])

    def served(route: Route) -> None:
        data = route.fetch().json()
        for quote in data["quotes"]:
            if quote["id"] in ("alone-with-the-door", "handover-notes-lost"):
                quote["text"] = LONG_TEXT if quote["id"] == "alone-with-the-door" else JOINED_TEXT
                quote.pop("excerpt", None)
                if excerpt(quote["text"]) != quote["text"]:
                    quote["excerpt"] = excerpt(quote["text"])
        route.fulfill(json=data)

    context.route("**/data/findings.json", served)
    page = context.new_page()
    page.goto(site.url("handout/?quote=alone-with-the-door&quote=handover-notes-lost"))
    cites = page.locator(".fnd-handout__items .fnd-cite__text")
    expect(cites).to_have_count(2)
    assert cites.nth(0).inner_text().startswith(f"\u201c{excerpt(LONG_TEXT)}\u201d")
    assert cites.nth(1).inner_text().startswith(f"\u201c{JOINED_TEXT}\u201d")
    page.goto(site.url("quotes/?kind=participant"))
    card = page.locator(".fnd-quote-results article").filter(has_text="Zebra44")
    card.get_by_role("button", name="Copy AMA citation").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"\u201c{excerpt(LONG_TEXT)}\u201d"), copied
    context.close()
