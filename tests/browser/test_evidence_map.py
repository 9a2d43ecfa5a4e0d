"""The evidence map on a phone (390 x 844), in both colour schemes: its caption is whole on
screen, every column header is explained beside the table, and the table scrolls in its own
region rather than widening the page, its first column (the recommendations) staying in view."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from browser.colours import contrast
from browser.conftest import Served, open_page

CAPTION_BOX = """() => {
  const range = document.createRange();
  range.selectNodeContents(document.querySelector('.fnd-evidence-table caption'));
  const box = range.getBoundingClientRect();
  return {left: box.left, right: box.right, width: document.documentElement.clientWidth,
          pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_evidence_map_reads_whole_on_a_phone(browser: Browser, servers: dict[str, Served],
                                                 scheme: str) -> None:
    site = servers["study"]
    page = open_page(browser, site, color_scheme=scheme, width=390)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url("evidence/"))
    caption = page.locator(".fnd-evidence-table caption")
    expect(caption).to_have_text("Themes each recommendation answers")
    box = page.evaluate(CAPTION_BOX)
    assert box["left"] >= 0 and box["right"] <= box["width"], box
    assert not box["pageScrolls"]
    key = page.locator(".fnd-evidence-key")
    expect(key).to_be_visible()
    heads = page.locator(".fnd-evidence-table thead abbr").all_inner_texts()
    assert heads and heads[0] == "T1"
    for head in heads:
        expect(key.locator("dt", has_text=head)).to_be_visible()
    expect(key.locator("dt", has_text="Whose")).to_be_visible()
    expect(page.locator(".fnd-evidence-table tfoot")).to_have_count(0)
    # Swiped sideways, the table keeps the recommendations' names in view, on the page's own
    # background (the cells scrolled under them do not show through), as legible as the rest.
    region = page.locator(".fnd-table-scroll")
    region.scroll_into_view_if_needed()
    assert region.evaluate("el => { el.scrollLeft = el.scrollWidth; return el.scrollLeft; }") > 0
    name = page.locator(".fnd-evidence-table tbody th").first
    shown, box = name.bounding_box(), region.bounding_box()
    assert shown is not None and box is not None and shown["x"] >= box["x"] - 1, (shown, box)
    expect(name).to_be_in_viewport()
    colours = name.evaluate("""el => [getComputedStyle(el).backgroundColor,
        getComputedStyle(document.body).backgroundColor,
        getComputedStyle(el.querySelector('a')).color]""")
    assert colours[0] == colours[1] and contrast(colours[2], colours[0]) >= 4.5, colours
    dark = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert dark == ("slate" if scheme == "dark" else "default")
    page.context.close()
    assert site.outside == []
