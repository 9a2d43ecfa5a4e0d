"""The page scripts keep working whatever the data or the URL holds: a quote bank with no tags,
ids such as ``__proto__`` in a handout link or a sort, replacement patterns (``$&``) in a quote
cited in the browser, and formulas in the self-assessment's and the action plan's CSV downloads."""

from __future__ import annotations

import csv
import functools
import io
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser.conftest import QuietServer, Served, open_page

QUOTE_TEXT = "It cost $$ and $& then $' and $` and {id} and {who}, as I said."
#: Names every object inherits: as ids they must find nothing, not a prototype's member.
INHERITED = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]
Watched = tuple[Page, list[str]]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(hostile_output_site: Path) -> Iterator[Served]:
    handler = functools.partial(_Quiet, directory=str(hostile_output_site))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Served(hostile_output_site, f"http://127.0.0.1:{server.server_port}/")
    server.shutdown()


@pytest.fixture
def watched(browser: Browser, site: Served) -> Iterator[tuple[Page, list[str]]]:
    """A page on the hostile site, and the script errors it raises."""
    page = open_page(browser, site)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    page.context.close()


def test_the_quote_bank_filters_when_no_quote_has_tags(watched: Watched, site: Served) -> None:
    page, errors = watched
    page.goto(site.url("quotes/"))
    page.get_by_role("checkbox", name="Participant's words (").check()
    expect(page.locator(".fnd-quotes-status")).to_have_text("1 of 2 excerpts match.")
    expect(page.locator(".fnd-quote-results article")).to_have_count(1)
    assert errors == []


def test_a_handout_link_naming_inherited_names_shows_only_real_items(
        watched: Watched, site: Served) -> None:
    page, errors = watched
    query = "&".join([*(f"q={n}" for n in INHERITED), *(f"r={n}" for n in INHERITED),
                      "q=dollar-patterns"])
    page.goto(site.url(f"handout/?{query}"))
    expect(page.locator(".fnd-tool-status")).to_have_text("The handout lists 1 item.")
    expect(page.locator(".fnd-handout__items > article")).to_have_count(1)
    assert errors == []


def test_a_citation_built_in_the_browser_keeps_the_quote_as_written(
        watched: Watched, site: Served) -> None:
    page, errors = watched
    page.goto(site.url("handout/?q=dollar-patterns"))
    citation = page.locator(".fnd-handout__items .fnd-cite__text")
    expect(citation).to_contain_text(f"\u201c{QUOTE_TEXT}\u201d (Participant). Quoted from: ")
    expect(citation).to_contain_text("Forum}, note = {forged {who} {{id}. Published online 2024.")
    expect(citation).to_contain_text("Quote on the findings site: http")
    assert errors == []


def test_a_sort_named_after_an_inherited_name_keeps_the_list(watched: Watched,
                                                             site: Served) -> None:
    page, errors = watched
    for sort in INHERITED[:3]:
        page.goto(site.url(f"recommendations/?sort={sort}"))
        expect(page.locator(".fnd-recs-status")).to_have_text("Showing the one recommendation.")
    assert errors == []


def test_the_self_assessment_download_runs_no_formula(watched: Watched, site: Served) -> None:
    page, errors = watched
    page.goto(site.url("toolkit/self-assessment/"))
    page.get_by_role("radio", name="No", exact=True).check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download answers (CSV)").click()
    text = download.value.path().read_text("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1][1:3] == ["'=cmd|' /C calc'!A0", "No"]
    assert rows[1][3].startswith("'@cmd|' /C calc'!A0 <http")
    assert rows[1][0].startswith("Theme 1: =HYPERLINK(")  # not at the start: left as written
    assert all(line.startswith('"') for line in text.splitlines())
    assert errors == []


def test_the_action_plan_download_runs_no_formula(watched: Watched, site: Served) -> None:
    page, errors = watched
    page.goto(site.url("toolkit/self-assessment/"))
    page.get_by_role("radio", name="No", exact=True).check()
    page.get_by_role("link", name="Start an action plan with this recommendation").click()
    step = page.get_by_role("group", name="Action 1").get_by_label("What we will do")
    expect(step).to_have_value("=1+1\nAn ordinary step.")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the plan (CSV)").click()
    text = download.value.path().read_text("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1][:3] == ["1", "'@cmd|' /C calc'!A0", "'=1+1\nAn ordinary step."]
    assert all(line.startswith('"') for line in text.split("\r\n") if line)
    assert errors == []
