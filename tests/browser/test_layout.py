"""Pages reflow at 320 CSS px (every page of the study fixture, one page of each kind of the
other), hold up at 200 % text, and respect reduced motion."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser.conftest import Served, open_page
from browser.test_sweep import one_of_each_kind, reader_pages

OVERFLOW = """() => {
  const doc = document.documentElement;
  const wide = [...document.querySelectorAll('.md-content *')].filter(el => {
    // Scrolled boxes, and text kept for screen readers only (clipped to a pixel).
    if (el.closest('.fnd-table-scroll, pre, .md-typeset__scrollwrap, .fnd-visually-hidden'))
      return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > doc.clientWidth + 1;
  }).map(el => el.tagName + '.' + el.className).slice(0, 5);
  return {scroll: doc.scrollWidth > doc.clientWidth, wide};
}"""


@pytest.mark.parametrize("name", ["study", "other"])
def test_pages_reflow_at_320_px(browser: Browser, servers: dict[str, Served],
                                      name: str) -> None:
    site = servers[name]
    page = open_page(browser, site, width=320)
    overflowing = {}
    for path in reader_pages(site) if name == "study" else one_of_each_kind(site):
        page.goto(site.url(path))
        result = page.evaluate(OVERFLOW)
        if result["scroll"] or result["wide"]:
            overflowing[path.relative_to(site.root).as_posix()] = result
    assert overflowing == {}


def test_pages_hold_up_at_200_percent_text(browser: Browser, servers: dict[str, Served]) -> None:
    site = servers["study"]
    page = open_page(browser, site, width=1280)
    overflowing = {}
    for path in ["", "study/", "themes/closing-alone/", "quotes/", "quotes/the-last-light-on/",
                 "recommendations/", "evidence/", "toolkit/self-assessment/",
                 "toolkit/action-plan/"]:
        page.goto(site.url(path))
        page.evaluate("document.documentElement.style.fontSize = '250%'")  # 2 x Material's 125 %
        result = page.evaluate(OVERFLOW)
        if result["scroll"] or result["wide"]:
            overflowing[path] = result
    assert overflowing == {}


def test_reduced_motion_is_respected(browser: Browser, servers: dict[str, Served]) -> None:
    site = servers["study"]
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(site.url("recommendations/"))
    durations = page.evaluate("""() => [...document.querySelectorAll('*')].map(el => {
        const s = getComputedStyle(el);
        return [s.transitionDuration, s.animationDuration];
      }).flat().filter(d => d.split(',').some(part => parseFloat(part) > 0))""")
    assert durations == []
    context.close()
    normal = browser.new_context().new_page()
    normal.goto(site.url("recommendations/"))
    assert normal.evaluate("""() => [...document.querySelectorAll('*')].some(el =>
        parseFloat(getComputedStyle(el).transitionDuration) > 0)""")


CLS = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 800);
})"""


def test_pages_do_not_shift_as_their_scripts_start(browser: Browser,
                                                   servers: dict[str, Served]) -> None:
    site = servers["other"]
    page = open_page(browser, site, width=412)
    shifts = {}
    for path in ["quotes/", "recommendations/", "toolkit/self-assessment/", "handout/",
                 "themes/handover-gaps/"]:
        page.goto(site.url(path), wait_until="networkidle")
        shifts[path] = round(page.evaluate(CLS), 3)
    assert all(value < 0.05 for value in shifts.values()), shifts
