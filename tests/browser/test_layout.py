"""Pages reflow at 320 CSS px (every page of the study fixture; one page of each kind of the
other study in test_sweep), hold up at 200 % text, and respect reduced motion."""

from __future__ import annotations

from playwright.sync_api import Browser

from browser.conftest import Served, open_page
from browser.test_sweep import OVERFLOW, reader_pages


def test_pages_reflow_at_320_px(browser: Browser, servers: dict[str, Served]) -> None:
    """Every page of the study fixture (its words vary: a long one must wrap); one page of
    each kind of the other study is checked by test_sweep, on the load its checks use."""
    site = servers["study"]
    page = open_page(browser, site, width=320)
    overflowing = {}
    for path in reader_pages(site):
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
