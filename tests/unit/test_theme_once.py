"""The theme's menu and header rendered once for the pages that see them alike (issue 15):
pages are grouped by what the links made relative to them depend on, never wrongly."""

from __future__ import annotations

import itertools
from types import SimpleNamespace
from typing import Any

from mkdocs.utils import normalize_url

from findings.theme_once import TITLE_HERE, ThemeOnce, folder, relative_target, viewpoint

PAGES = ["", "quotes/", "quotes/q1/", "quotes/q2/", "quotes/q1/deeper/", "themes/t1/",
         "themes/", "a/b/c/", "a/b/d/", "a/x/c/", "page.html", "quotes/q3.html",
         "quotes/q4.html", "themes/t1/index.html"]
TARGETS = ["", ".", "quotes/", "quotes/q1/", "themes/t1/", "themes/", "a/b/", "a/b/c/",
           "assets/logo.png", "../up/", "https://example.org/", "/absolute/", "#top",
           "quotes/q1/x.html"]


def test_pages_seen_alike_get_the_same_links_and_others_are_told_apart() -> None:
    """Every pair of pages the grouping puts together gets the same relative link to each
    target, as the engine makes it; with fewer targets, more pages share a group."""
    for count in range(len(TARGETS) + 1):
        targets = TARGETS[:count]
        parts = [t for t in map(relative_target, targets) if t is not None]
        for one, other in itertools.combinations(PAGES, 2):
            if viewpoint(folder(one), parts) == viewpoint(folder(other), parts):
                assert [_link(t, one) for t in targets] == [_link(t, other) for t in targets], \
                    (one, other, targets)
    # Quote pages of a folder share one group when no link leads into them ...
    few = [t for t in map(relative_target, ["", "themes/", "quotes/"]) if t is not None]
    assert viewpoint(folder("quotes/q1/"), few) == viewpoint(folder("quotes/q2/"), few)
    # ... but not with one that does, nor at another depth.
    more = [*few, ("quotes", "q1")]
    assert viewpoint(folder("quotes/q1/"), more) != viewpoint(folder("quotes/q2/"), more)
    assert viewpoint(folder("quotes/q1/"), few) != viewpoint(folder("quotes/q1/x/"), few)


def _link(target: str, page_url: str) -> str:
    return normalize_url(target, page=SimpleNamespace(url=page_url))  # type: ignore[arg-type]


def _page(url: str, title: str) -> Any:
    return SimpleNamespace(url=url, title=title, meta={"hide": ["toc"]}, toc=[])


def test_a_menu_and_header_once_rendered_serve_alike_pages_until_a_page_is_read_again() -> None:
    listed = _page("themes/", "Themes")
    nav = SimpleNamespace(items=[listed], pages=[listed], homepage=listed)
    config: dict[str, Any] = {"extra": {}, "theme": {"features": []}}
    once = ThemeOnce()
    renders: list[str] = []

    def theme(page: Any) -> Any:
        def caller() -> str:
            renders.append(page.url)
            title = page.meta.get("title") or page.title
            return f"<menu>{listed.title}</menu><h1>{title}</h1>"
        return caller

    first, second = _page("quotes/q1/", "One"), _page("quotes/q2/", "Two")
    assert once.menu(first, nav, config, theme(first)) == "<menu>Themes</menu><h1>One</h1>"
    assert once.menu(second, nav, config, theme(second)) == "<menu>Themes</menu><h1>One</h1>"
    assert renders == ["quotes/q1/"]
    assert once.header(second, nav, config, theme(second)) == "<menu>Themes</menu><h1>Two</h1>"
    assert once.header(first, nav, config, theme(first)) == "<menu>Themes</menu><h1>One</h1>"
    assert "title" not in first.meta and TITLE_HERE not in "".join(renders)
    once.menu(listed, nav, config, theme(listed))  # a page the menu lists: its own, each time
    once.menu(listed, nav, config, theme(listed))
    assert renders == ["quotes/q1/", "quotes/q2/", "themes/", "themes/"]
    listed.title = "Themes, renamed"
    once.forget()  # the engine reads a page again
    assert once.menu(second, nav, config, theme(second)) == \
        "<menu>Themes, renamed</menu><h1>Two</h1>"
