"""Toolkit, recommendation and theme pages print cleanly: read back from a real PDF."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from browser.conftest import Served, open_page


def printed_text(browser: Browser, site: Served, path: str) -> str:
    page = open_page(browser, site)
    page.goto(site.url(path), wait_until="networkidle")
    pdf = page.pdf(format="A4", print_background=False)
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(("path", "title"), [
    ("toolkit/", "Toolkit for program leaders"),
    ("toolkit/self-assessment/", "Self-assessment"),
    ("recommendations/standard-handover-checklist/", "Use a standard handover checklist"),
    ("themes/handover-gaps/", "Handovers break down at the shift boundary"),
])
def test_pages_print_without_chrome_and_with_link_addresses(
        browser: Browser, servers: dict[str, Served], path: str, title: str) -> None:
    site = servers["other"]
    text = " ".join(printed_text(browser, site, path).split())
    assert title.split(maxsplit=1)[0] in text
    assert "Skip to content" not in text
    assert "Quote bank Recommendations" not in text  # the navigation
    assert "Search" not in text.split(title.split(maxsplit=1)[0])[0]  # no header before the title
    assert site.base.rstrip("/") in text.replace(" ", "")  # link addresses written out
