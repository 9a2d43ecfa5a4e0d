"""Issue 13's three reader tasks, done in Chromium the way a reader does them (taps, ticks, a
choice in a list, a scroll), on a laptop (1366 x 768) and a phone (390 x 844), from the home
page to the result. Each is timed from opening the home page to the result on screen (or on the
clipboard, or sent to the printer), and its actions are counted. A person's reading and
deciding time is not in the figure: it is the site's share of the task (page loads, scripts,
the work the filters and sort do), which is what the site can make faster.

    .venv/bin/python -m benchmarks.reader_tasks SITE_DIR [--audience A] [--tag T]

SITE_DIR is a built site (``findings build --site-dir SITE_DIR``). The defaults name the
published study's audience and tag; another study names its own.

- A: a program director prints the three lowest-effort recommendations meant for the audience.
- B: an educator copies an APA reference and the link of a quote about the tag.
- C: a reader finds how many took part and how the study was done (the study at a glance).
"""

from __future__ import annotations

import argparse
import functools
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class Outcome:
    seconds: float
    actions: int
    result: str


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _fold(page: Page, form_name: str, phone: bool) -> int:
    """On a phone the filters are folded behind "Filter": one tap to open or close them."""
    if not phone:
        return 0
    page.get_by_role("form", name=form_name).locator("summary").first.click()
    return 1


def print_lowest_effort(page: Page, base: str, phone: bool, audience: str, tag: str) -> Outcome:
    start, actions = time.perf_counter(), 0
    page.goto(base)
    page.get_by_role("link", name="Program leaders").first.click()
    page.wait_for_load_state("load")
    actions += 1
    actions += _fold(page, "Filter recommendations", phone)
    form = page.get_by_role("form", name="Filter recommendations")
    form.get_by_role("checkbox", name=re.compile("^" + re.escape(audience))).check()
    actions += 1 + _fold(page, "Filter recommendations", phone)
    page.get_by_role("combobox", name=re.compile("Sort")).select_option("effort")
    actions += 1
    # The browser's print dialog replaced by a count (a trailing 0: evaluate would call a
    # function it is handed back).
    page.evaluate("window.__printed = 0; window.print = () => { window.__printed++; }; 0")
    page.get_by_role("button", name="Print").first.click()
    actions += 1
    page.wait_for_function("() => window.__printed === 1")
    seconds = time.perf_counter() - start
    page.emulate_media(media="print")
    titles = page.locator(".fnd-rec-list article:visible").locator("h2, h3").all_inner_texts()
    return Outcome(seconds, actions, "; ".join(titles[:3]))


def copy_apa_and_link(page: Page, base: str, phone: bool, audience: str, tag: str) -> Outcome:
    start, actions = time.perf_counter(), 0
    page.goto(base)
    page.get_by_role("link", name="Educators").first.click()
    page.wait_for_load_state("load")
    actions += 1 + _fold(page, "Filter quotes", phone)
    form = page.get_by_role("form", name="Filter quotes")
    form.get_by_role("checkbox", name=re.compile("^" + re.escape(tag))).check()
    actions += 1 + _fold(page, "Filter quotes", phone)
    card = page.locator(".fnd-quote-results article:visible").first
    card.get_by_role("button", name="Copy APA citation").click()
    apa = page.evaluate("navigator.clipboard.readText()")
    card.get_by_role("button", name="Copy link").click()
    link = page.evaluate("navigator.clipboard.readText()")
    actions += 2
    seconds = time.perf_counter() - start
    return Outcome(seconds, actions, f"{apa[:50]}... | {link.removeprefix(base)}")


def study_at_a_glance(page: Page, base: str, phone: bool, audience: str, tag: str) -> Outcome:
    start = time.perf_counter()
    page.goto(base)
    page.get_by_text("The study at a glance").first.scroll_into_view_if_needed()
    glance = page.locator("article.md-content__inner dl").first.inner_text()
    seconds = time.perf_counter() - start
    return Outcome(seconds, 1, " ".join(glance.split())[:90] + "...")


TASKS: dict[str, Callable[[Page, str, bool, str, str], Outcome]] = {
    "A print the three lowest-effort recommendations": print_lowest_effort,
    "B copy an APA reference and a link": copy_apa_and_link,
    "C how many took part, how it was done": study_at_a_glance,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--audience", default="Program leadership")
    parser.add_argument("--tag", default="Mentorship")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for device, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
            for name, task in TASKS.items():
                phone = device == "phone"
                context = browser.new_context(viewport=viewport,  # type: ignore[arg-type]
                                              is_mobile=phone, has_touch=phone,
                                              permissions=["clipboard-read", "clipboard-write"])
                outcome = task(context.new_page(), base, phone, args.audience, args.tag)
                print(f"{device:6} {name}: {outcome.seconds:.2f} s, {outcome.actions} actions"
                      f" -> {outcome.result}")
                context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
