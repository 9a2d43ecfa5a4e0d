"""Keyboard only: skip link -> search -> a theme -> a quote's permalink -> a self-assessment
answer -> the recommendation filters, with the focus visible at every step."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from browser.colours import contrast
from browser.conftest import Served, open_page

FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  // Material's palette switch is a hidden radio whose focus shows on the switch's visible
  // label (after the radio, or after the other radio of the pair).
  const palette = el.classList.contains("md-option")
    ? el.closest("[data-md-component=palette]").querySelector("label:not([hidden])") : null;
  const next = palette ? [palette] : [];
  const shown = [el, ...(el.labels || []), ...next].filter(e => {
    const style = getComputedStyle(e);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const box = e.getBoundingClientRect();
    const inView = box.bottom > 0 && box.top < innerHeight && box.width > 1 && box.height > 1;
    return (outline || style.boxShadow !== "none") && inView;
  });
  return shown.length > 0;
}"""


def active(page: Page, script: str) -> object:
    return page.evaluate(
        f"() => {{ const el = document.activeElement || document.body; return {script}; }}")


def tab_until(page: Page, condition: str, limit: int = 80, key: str = "Tab") -> None:
    for _ in range(limit):
        page.keyboard.press(key)
        assert page.evaluate(FOCUS_VISIBLE), (page.url, active(page, "el.outerHTML.slice(0, 120)"))
        if active(page, condition):
            return
    raise AssertionError(f"never reached: {condition}")


def test_keyboard_walk(browser: Browser, servers: dict[str, Served]) -> None:
    site = servers["study"]
    page = open_page(browser, site)
    page.goto(site.base)

    page.keyboard.press("Tab")
    assert active(page, "el.classList.contains('md-skip')")
    assert page.evaluate(FOCUS_VISIBLE)
    page.keyboard.press("Enter")
    assert active(page, "el.id") == "fnd-main"
    # Material closes search 125 ms after the location changes (its debounce); a person's
    # next key press comes later than that, and so does ours.
    page.wait_for_timeout(1000)

    page.keyboard.press("/")
    assert active(page, "el.classList.contains('md-search__input')")
    assert page.evaluate(FOCUS_VISIBLE)
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    page.keyboard.type("distress", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.wait_for_timeout(500)  # Material redraws the list once typing settles; a person reads it
    tab_until(page, "/\\/themes\\/[a-z0-9-]+\\/(\\?|$)/.test(el.href || '')", key="ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(site.url("themes/patron-distress/"))))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # Material marks the search words on arrival, redrawing text

    # A quote's permalink: on a card, or (this theme's only excerpt restates its sentence)
    # linked from the sentence.
    tab_until(page, "/\\/quotes\\/[a-z0-9-]+\\/$/.test(el.href || '')")
    page.keyboard.press("Enter")
    expect(page).to_have_url(site.url("quotes/distress-wears-down/"))

    page.goto(site.url("toolkit/self-assessment/"))
    tab_until(page, "el.type === 'radio' && !!el.closest('.fnd-question')")
    page.keyboard.press("Space")
    assert active(page, "el.checked")
    expect(page.locator(".fnd-tool-status")).to_contain_text("Saved")

    page.goto(site.url("recommendations/"))
    tab_until(page, "el.type === 'checkbox' && !!el.closest('.fnd-filters')")
    page.keyboard.press("Space")
    assert active(page, "el.checked")
    expect(page.locator(".fnd-recs-status")).to_contain_text("Showing")
    assert "?" in page.url


def test_skip_link_on_pages_with_and_without_a_table_of_contents(
        browser: Browser, servers: dict[str, Served]) -> None:
    site = servers["study"]
    page = open_page(browser, site)
    for path in ["", "about/", "quotes/the-last-light-on/", "toolkit/"]:
        page.goto(site.url(path))
        page.keyboard.press("Tab")
        assert active(page, "el.classList.contains('md-skip')"), path
        assert page.locator("a.md-skip").count() == 1, path


#: Where the focus is: in the navigation drawer, in the page's content, on the palette toggle
#: (and then its ring: the switch's visible label, against the header behind it).
WHERE = """() => {
  const el = document.activeElement;
  const label = el.classList.contains('md-option')
    ? el.closest('[data-md-component=palette]').querySelector('label:not([hidden])') : null;
  const ring = label && getComputedStyle(label);
  return {drawer: !!el.closest('.md-sidebar--primary'), content: !!el.closest('.md-content'),
          what: el.outerHTML.slice(0, 80), visible: FOCUS_VISIBLE(),
          ring: ring && [ring.outlineStyle, parseFloat(ring.outlineWidth), ring.outlineColor,
                         getComputedStyle(document.querySelector('.md-header')).backgroundColor]};
}""".replace("FOCUS_VISIBLE()", "(" + FOCUS_VISIBLE + ")()")


def test_a_phone_reader_tabs_from_the_top_to_the_content(browser: Browser,
                                                        servers: dict[str, Served]) -> None:
    """At 390 px in the dark scheme, Tab from the top of the recommendations goes through the
    header (the palette toggle's focus ring plain against the header) to the content, never
    into the closed menu's links off the screen; the cards use the phone's width."""
    site = servers["other"]
    page = open_page(browser, site, color_scheme="dark", width=390)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url("recommendations/"))
    card = page.locator(".fnd-rec-list article").first.bounding_box()
    status = page.locator(".fnd-recs-status").bounding_box()
    assert card is not None and status is not None and card["x"] - status["x"] < 2, (card, status)
    steps = []
    for _ in range(30):
        page.keyboard.press("Tab")
        steps.append(page.evaluate(WHERE))
        if steps[-1]["content"]:
            break
    assert steps[-1]["content"], steps
    assert [s["what"] for s in steps if s["drawer"] or not s["visible"]] == [], steps
    rings = [s["ring"] for s in steps if s["ring"]]
    assert rings, "the palette toggle is in the tab order"
    style, width, colour, header = rings[0]
    assert style != "none" and width >= 2 and contrast(colour, header) >= 3, rings[0]
    page.context.close()
