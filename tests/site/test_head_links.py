"""What pages offer besides their text: the Atom feed in every head, for feed readers; no
"edit this page" link while the config names no repository."""

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
