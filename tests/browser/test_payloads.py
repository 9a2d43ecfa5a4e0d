"""Script injection, everywhere: every page of the payload study (every field of every kind
carries every vector of ``payload_vectors``) is loaded in Chromium, every link and button on
it is clicked, and a search is run for payload words. No dialog may open, no payload may set
its flag (``window.__pwned``, the title ``PWNED``), and no ``javascript:``, ``vbscript:`` or
``data:`` address, event-handler attribute or ``srcdoc`` may be in the DOM once scripts ran.

Clicks are bounded: each distinct control (a link by its ``href``, a button by its name) in a
page's article is clicked once per page type (item pages of one kind are one type), and each in
the theme's chrome once in all. Clicks are dispatched in the page (``element.click()``: the
activation a reader's click gets, ``javascript:`` addresses followed), one at a time. A click's
navigation to another page is recorded and cancelled (a script's gets an empty 204 answer), so
the page stays as it is and nothing has to be restored; every address tried is then loaded
as a page too, so every link target is visited.

Each page's one load (before its clicks) also carries the checks test_sweep makes of the other
two sites' pages: nothing breaks the page's Content Security Policy, the inline script in its
head ran, and on one page of each kind axe-core finds no WCAG A or AA violation (every rule
but colour contrast: the payload site's templates and colours are the study's)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Dialog, Page, Route

from browser.conftest import Served, open_page
from browser.test_csp import recording
from browser.test_sweep import AXE_RUNS, axe_runs, one_of_each_kind
from conftest import html_pages
from payload_vectors import TITLE

CONTROLS = ("a[href], area[href], button, summary, label, input[type=checkbox], "
            "input[type=radio], input[type=button], input[type=submit], [role=button], "
            "[role=tab], [role=link], [role=menuitem], [role=option]")

#: Clicks every control of the page not yet clicked, one at a time, each given a moment to act
#: (a ``javascript:`` address runs in a task after the click). A control in the page's article
#: is clicked once per page type; one in the theme's chrome around it (header, navigation,
#: footer: the same on every page) once in all.
CLICK_ALL = """async ([selector, kind, done]) => {
  const seen = new Set(done), keys = [];
  for (const el of [...document.querySelectorAll(selector)]) {
    const name = el.getAttribute('href') ?? (el.id || el.getAttribute('aria-label')
      || el.getAttribute('for') || el.className + '|' + el.textContent.trim().slice(0, 60));
    const where = el.closest('article') ? kind : 'chrome';
    const key = `${where} ${el.tagName} ${name}`;
    if (seen.has(key) || !el.isConnected) continue;
    seen.add(key); keys.push(key);
    el.click();
    await new Promise(resolve => setTimeout(resolve, 0));
  }
  await new Promise(resolve => setTimeout(resolve, 50));
  return keys;
}"""

#: What an injected payload leaves in the DOM once scripts ran (addresses as the browser
#: parses them: entities decoded, tabs and newlines dropped).
LIVE_PAYLOADS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (/^on/.test(name) || name === 'srcdoc') found.push(`${el.tagName} ${name}`);
      if (!['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(name)) continue;
      let scheme = '';
      try { scheme = new URL(attr.value, location.href).protocol; } catch (e) { continue; }
      const loads = ['A', 'AREA', 'FORM', 'BUTTON', 'IFRAME', 'OBJECT', 'EMBED']
        .includes(el.tagName);
      if (['javascript:', 'vbscript:'].includes(scheme) || (scheme === 'data:' && loads))
        found.push(`${el.tagName} ${name}=${attr.value.slice(0, 60)}`);
    }
  }
  return found;
}"""

#: Installed before the site's scripts: a click on a link to another page, or a form's
#: submission, is recorded and its navigation cancelled once the site's own handlers ran (the
#: page is visited anyway), so clicks cost no page load and the page stays as it was.
HOLD_NAVIGATION = """(() => {
  window.__tried = [];
  window.addEventListener('click', event => {
    const link = event.target instanceof Element && event.target.closest('a[href], area[href]');
    if (!link || event.defaultPrevented || !/^https?:$/.test(link.protocol)) return;
    if (link.href.split('#')[0] === location.href.split('#')[0] && link.hash) return;
    window.__tried.push(link.href);
    event.preventDefault();
  });
  window.addEventListener('submit', event => {
    window.__tried.push(event.target.action || location.href);
    event.preventDefault();
  });
})();"""

ITEM_PAGE = re.compile(r"^(themes|quotes|recommendations|toolkit/discussion)/[^/]+/$")


def is_page(path: str) -> bool:
    """A page rather than a data file (CSV, BibTeX, the offline zip: the outputs' own tests)."""
    return urlsplit(path).path.endswith(("/", ".html")) or not urlsplit(path).path


def page_type(path: str) -> str:
    """Item pages of one kind are one type; every other page is its own."""
    match = ITEM_PAGE.match(path)
    return f"{match.group(1)}/*" if match else path


@dataclass
class Sweep:
    """What one run saw: pages loaded, controls clicked, and anything a payload did."""

    site: Served
    page: Page
    frozen: bool = False
    dialogs: list[str] = field(default_factory=list)
    tried: set[str] = field(default_factory=set)
    clicked: list[str] = field(default_factory=list)
    ran: dict[str, list[str]] = field(default_factory=dict)
    loaded: list[str] = field(default_factory=list)
    #: The pages axe checks (one of each kind), and what it found on them.
    axe_pages: set[str] = field(default_factory=set)
    inaccessible: dict[str, list[str]] = field(default_factory=dict)
    #: Violations of the page's policy, and pages whose inline head script did not run.
    policy: list[str] = field(default_factory=list)
    no_script: list[str] = field(default_factory=list)

    def _popup(self, popup: Page) -> None:
        popup.on("dialog", self._dialog)
        self._note(popup.url)
        popup.close()

    def start(self) -> None:
        self.policy = recording(self.page.context)
        self.page.on("dialog", self._dialog)
        self.page.context.on("page", self._popup)
        self.page.add_init_script(HOLD_NAVIGATION)
        self.page.route("**/*", self._route)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message} (on {self.page.url})")
        dialog.dismiss()

    def _route(self, route: Route) -> None:
        request = route.request
        ours = request.is_navigation_request() and request.frame == self.page.main_frame
        if self.frozen and ours:
            self._note(request.url)
            route.fulfill(status=204)
        else:
            route.fallback()

    def _note(self, url: str) -> None:
        if url.startswith(self.site.base):
            self.tried.add(url.split("#", maxsplit=1)[0])

    def visit(self, path: str, click: bool = True) -> None:
        self.frozen = False
        self.page.goto(self.site.base + path, wait_until="load")
        self.loaded.append(path)
        self.frozen = True
        self.loaded_checks(path)
        if click:
            kind = page_type(urlsplit(self.page.url).path.removeprefix("/"))
            self.clicked += self.page.evaluate(CLICK_ALL, [CONTROLS, kind, self.clicked])
        self.check(path)

    def loaded_checks(self, path: str) -> None:
        """What test_sweep checks of a loaded page, before any click changes it."""
        if 'http-equiv="refresh"' in self.page.content():
            return  # a redirect stub, held: its target is visited as a page
        if not self.page.evaluate("document.documentElement.classList.contains('fnd-js')"):
            self.no_script.append(path)
        if path in self.axe_pages and (found := axe_runs(self.page, AXE_RUNS["payloads"])):
            self.inaccessible[path] = found

    def check(self, where: str) -> None:
        for url in self.page.evaluate("window.__tried || []"):
            self._note(url)
        found = self.page.evaluate(LIVE_PAYLOADS)
        if self.page.evaluate("window.__pwned") is not None:
            found.append("window.__pwned is set")
        if self.page.title() == TITLE:
            found.append("the title is PWNED")
        if found:
            self.ran[where] = found

    def search(self, word: str) -> None:
        self.frozen = False
        self.page.goto(self.site.base, wait_until="load")
        self.frozen = True
        self.page.keyboard.press("/")
        self.page.get_by_role("textbox", name="Search").press_sequentially(word, delay=20)
        self.page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
        self.clicked += self.page.evaluate(CLICK_ALL, [".md-search-result a[href]",
                                                       f"search {word}", self.clicked])
        self.check(f"search for {word}")


def test_no_payload_runs_on_any_page_link_button_or_search(browser: Browser,
                                                           servers: dict[str, Served]) -> None:
    site = servers["payloads"]
    sweep = Sweep(site, open_page(browser, site))
    sweep.start()
    pages = [site.url(p).removeprefix(site.base) for p in html_pages(site.root)]
    sweep.axe_pages = {site.url(p).removeprefix(site.base) for p in one_of_each_kind(site)}
    for path in pages:
        sweep.visit(path)
    for word in ("markQuoteOneText", "markAbstractBackground", "markDiscussionIntro"):
        sweep.search(word)
    targets = sorted(u.removeprefix(site.base) for u in sweep.tried)
    for path in [t for t in targets if t not in pages and is_page(t)]:
        sweep.visit(path, click=False)
    clicks = len(sweep.clicked)
    print(f"\npayload sweep: {len(sweep.loaded)} pages loaded ({len(pages)} files), "
          f"{clicks} controls clicked")
    assert len(pages) > 20 and clicks > 100 and len(sweep.axe_pages) > 10
    assert sweep.dialogs == []
    assert sweep.ran == {}
    assert site.outside == []
    assert sweep.policy == []
    assert sweep.no_script == []
    assert sweep.inaccessible == {}
