"""Unbroken links, read from the built files: every internal href and src of every page
(redirect stubs and their refresh included) names a file of the site, every #anchor an id of
that page, every search result its page and heading, and every item page can be reached from
the home page by following links."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import html_pages

#: Attributes that name another resource of the site.
LINKING = {"href": ("a", "link", "area"), "src": ("script", "img", "iframe", "source", "audio",
                                                  "video", "track", "embed", "input")}
ITEM_FOLDERS = ("themes", "quotes", "recommendations", "toolkit")


@dataclass
class Site:
    root: Path
    ids: dict[Path, set[str]] = field(default_factory=dict)
    links: dict[Path, list[str]] = field(default_factory=dict)  # page -> every address in it
    follow: dict[Path, list[str]] = field(default_factory=dict)  # page -> its <a href>s

    def resolve(self, page: Path, address: str) -> tuple[Path, str] | None:
        """The file and fragment an internal address names; ``None`` for another host."""
        parts = urlsplit(address)
        if parts.scheme or parts.netloc:
            return None
        path = unquote(parts.path)
        base = self.root if path.startswith("/") else page.parent  # the 404 page's own form
        target = (base / path.lstrip("/")).resolve() if path else page
        if target.is_dir() or parts.path.endswith("/"):
            target = target / "index.html"
        return target, unquote(parts.fragment)


def read_site(root: Path) -> Site:
    site = Site(root.resolve())
    for path in html_pages(site.root):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        site.ids[path] = {str(el["id"]) for el in page.find_all(id=True)}
        site.ids[path] |= {str(a["name"]) for a in page.find_all("a", attrs={"name": True})}
        site.links[path] = [str(el[attr]) for attr, tags in LINKING.items()
                            for el in page.find_all(tags, attrs={attr: True})]
        site.follow[path] = [str(a["href"]) for a in page.find_all("a", href=True)]
        refresh = page.find("meta", attrs={"http-equiv": "refresh"})
        if refresh is not None:
            target = str(refresh["content"]).partition("url=")[2]
            site.links[path].append(target)
            site.follow[path].append(target)
    return site


@cache
def _site(root: Path) -> Site:
    return read_site(root)


def broken(site: Site, page: Path, address: str) -> str | None:
    resolved = site.resolve(page, address)
    if resolved is None:
        return None
    target, fragment = resolved
    if not target.is_relative_to(site.root):
        return f"{address}: outside the site"
    if not target.is_file():
        return f"{address}: no such file"
    if fragment and target.suffix == ".html" and fragment not in site.ids.get(target, set()):
        return f"{address}: no element with id {fragment!r}"
    return None


def every_link(site: Site) -> Iterator[tuple[Path, str]]:
    for page, addresses in site.links.items():
        for address in addresses:
            yield page, address


@pytest.mark.parametrize("name", ["study", "other", "payloads"])
def test_every_internal_link_and_anchor_resolves(built_sites: dict[str, Path], name: str) -> None:
    site = _site(built_sites[name])
    checked = list(every_link(site))
    found = [f"{page.relative_to(site.root)}: {problem}" for page, address in checked
             if (problem := broken(site, page, address))]
    anchors = [a for _, a in checked if "#" in a and not urlsplit(a).netloc]
    assert len(checked) > 100 and len(anchors) > 10
    assert found == []


@pytest.mark.parametrize("name", ["study", "other", "payloads"])
def test_every_search_result_resolves(built_sites: dict[str, Path], name: str) -> None:
    site = _site(built_sites[name])
    index = json.loads((site.root / "search" / "search_index.json").read_text("utf-8"))
    home = site.root / "index.html"
    found = [doc["location"] for doc in index["docs"]
             if broken(site, home, doc["location"] or "./")]
    assert found == []


@pytest.mark.parametrize("name", ["study", "other", "payloads"])
def test_every_item_page_is_reached_from_the_home_page(built_sites: dict[str, Path],
                                                       name: str) -> None:
    site = _site(built_sites[name])
    reached, todo = set(), [site.root / "index.html"]
    while todo:
        page = todo.pop()
        if page in reached or page not in site.follow:
            continue
        reached.add(page)
        for address in site.follow[page]:
            resolved = site.resolve(page, address)
            if resolved is not None:
                todo.append(resolved[0])
    items = [p for p in site.follow if p.relative_to(site.root).parts[0] in ITEM_FOLDERS
             and not _is_retired(p)]
    assert len(items) > 5
    assert sorted(str(p.relative_to(site.root)) for p in items if p not in reached) == []


def _is_retired(page: Path) -> bool:
    """A retired id's page (a redirect stub, a withdrawal notice): kept for old links only."""
    text = page.read_text(encoding="utf-8")
    return 'http-equiv="refresh"' in text or 'class="fnd-page fnd-withdrawn"' in text
