"""The offline edition: the zip that `make offline` makes works from file://, search included,
and asks no other host for anything."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from playwright.sync_api import Browser, Route, expect

from conftest import ROOT, STUDY


def test_offline_zip_searches_from_the_file_system(browser: Browser, tmp_path: Path) -> None:
    subprocess.run(["make", "-s", "offline", f"DATA={STUDY}"], cwd=ROOT, check=True,
                   capture_output=True)
    with zipfile.ZipFile(ROOT / "offline" / "findings-offline.zip") as archive:
        archive.extractall(tmp_path)
    home = tmp_path / "findings-site" / "index.html"
    outside: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context = browser.new_context()
    context.route("**/*", guard)
    page = context.new_page()
    page.goto(home.as_uri())
    page.keyboard.press("/")
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    page.keyboard.type("distress", delay=20)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("els => els.map(e => e.href)")
    assert any("/themes/patron-distress/index.html" in h for h in hrefs), hrefs
    page.keyboard.press("Escape")
    page.get_by_role("link", name="Toolkit", exact=True).first.click()
    expect(page).to_have_url((tmp_path / "findings-site/toolkit/index.html").as_uri())
    assert outside == []
    context.close()
