"""The Content Security Policy in Chromium (every page is loaded under it, and its violations
counted, by test_sweep's walk over one page of each kind and test_payloads' over every page of
the payload site): the counter counts, and the scripts it allows still work: search finds,
a copy button copies, and the offline edition works from file:// under its policy."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect

from browser.conftest import Served, open_page
from conftest import FIXTURES, run_findings

#: Records every violation through a binding, which outlives the page's own navigations
#: (redirect stubs move on at once). Init scripts are not subject to the page's policy.
RECORD = """
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolation(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
  + ` (${location.pathname})`));
"""


def recording(context: BrowserContext) -> list[str]:
    found: list[str] = []

    def record(text: str) -> None:  # a Python function: Playwright cannot wrap a builtin
        found.append(text)

    context.expose_function("__cspViolation", record)
    context.add_init_script(RECORD)
    return found


def visit(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")


def test_a_script_the_policy_does_not_list_is_blocked(browser: Browser,
                                                      servers: dict[str, Served]) -> None:
    """The counter counts: an inline script added to a page is refused and reported."""
    site = servers["other"]
    page = open_page(browser, site)
    violations = recording(page.context)
    visit(page, site.base)
    page.evaluate("""() => { const s = document.createElement("script");
                             s.textContent = "window.__ran = 1"; document.body.append(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is None
    assert len(violations) == 1 and violations[0].startswith("script-src"), violations
    page.context.close()


def test_search_and_copy_work_under_the_policy(browser: Browser,
                                               servers: dict[str, Served]) -> None:
    site = servers["other"]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    violations = recording(context)
    page = context.new_page()
    visit(page, site.base)
    page.keyboard.press("/")
    page.get_by_role("textbox", name="Search").press_sequentially("hatch", delay=30)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10_000)
    visit(page, site.url("quotes/alone-with-the-door/"))
    page.get_by_role("button", name="Copy link", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="copied")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == site.url(
        "quotes/alone-with-the-door/")
    assert violations == []
    context.close()


def test_offline_edition_searches_under_its_policy(browser: Browser, tmp_path: Path) -> None:
    site = tmp_path / "offline"
    run = run_findings("build", "--offline", "--data", str(FIXTURES / "other-study"),
                       "--site-dir", str(site))
    assert run.code == 0, run.err
    context = browser.new_context()
    violations = recording(context)
    page = context.new_page()
    page.goto((site / "quotes" / "index.html").as_uri())
    page.keyboard.press("/")
    page.get_by_role("textbox", name="Search").press_sequentially("hatch", delay=30)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10_000)
    assert violations == []
    context.close()
