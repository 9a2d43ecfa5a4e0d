"""What pages offer besides their text: the Atom feed in every head, for feed readers; no
"edit this page" link while the config names no repository; the home page's tab titled once."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import html_pages


def test_every_page_links_the_atom_feed(built_sites: dict[str, Path]) -> None:
    site = built_sites["other"]
    missing = []
    for path in html_pages(site):
        head = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").head
        if head is None or head.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect stub: it sends the reader on at once
        feeds = head.find_all("link", rel="alternate", type="application/atom+xml")
        target = (path.parent / str(feeds[0]["href"])).resolve() if len(feeds) == 1 else None
        if path.name == "404.html" and feeds:
            target = (site / str(feeds[0]["href"]).lstrip("/")).resolve()  # the 404's own form
        if target != (site / "feed.xml").resolve():
            missing.append(path.relative_to(site).as_posix())
    assert missing == []


def test_without_a_repository_no_page_has_an_edit_link(built_sites: dict[str, Path]) -> None:
    site = built_sites["other"]
    assert [p for p in site.rglob("*.html") if 'rel="edit"' in p.read_text("utf-8")] == []


def test_the_home_tab_names_the_study_once(built_sites: dict[str, Path]) -> None:
    """The home page's browser tab is the study's short title, not its full title followed by
    the short title; another page's tab is its title, then the study's name."""
    site = built_sites["other"]
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    study = BeautifulSoup((site / "study" / "index.html").read_text(encoding="utf-8"),
                          "html.parser")
    assert home.title is not None and study.title is not None
    assert home.title.get_text() == "Night-shift handovers (synthetic)"
    assert study.title.get_text().endswith(" - Night-shift handovers (synthetic)")
