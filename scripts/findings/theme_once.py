"""Parts of the theme's page rendered once for all the pages that see them alike.

Material renders its side menu, its header and its scripts' settings on every page; at 1,000
quotes the menu and header were half of the engine's work, though every quote's page shows
the same menu and, but for the page's title, the same header. The engine glue
(``findings.engine``) hands the theme a ``ThemeOnce`` (``overrides/main.html`` calls it around
the theme's own blocks), which keeps what it rendered for a page and gives it again to every
page that sees it alike:

- what these parts show depends on the page only through the links they make relative to it
  (the menu's entries, the home page, the logo, the other languages, the site's root and the
  search worker: ``targets``), the sidebars the page hides, and, for the header, the page's
  title (put in afterwards);
- relative links are the same from every page of one folder's sub-folders unless a link
  leads into the page's own folder (``viewpoint``);
- the menu of a page it lists, or of a page with a table of contents, is that page's own:
  rendered each time;
- what is kept is forgotten when a page is read again (``forget``: the engine calls it before
  reading each page), since the menu shows the pages' titles.

No engine module is imported here: the parts are the theme's, the rendering is its own.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

#: What stands for the page's title in a header rendered for several pages.
TITLE_HERE = "\x00findings-page-title\x00"

Folder = tuple[str, ...]

#: The folder of the theme's scripts, or of any folder leading to it: a page there is told
#: apart from its neighbours (a folder named as a script file cannot hold a page).
_THEME_SCRIPTS: Folder = ("assets", "javascripts", "workers")


def folder(url: str) -> Folder:
    """The folder a page's relative links start from, as the engine reckons it: its address
    without a last part that names a file (one with a dot), normalized."""
    head, _, last = url.rpartition("/")
    if "." in last:
        url = head
    return tuple(part for part in posixpath.normpath("/" + url).split("/") if part)


def relative_target(url: str) -> Folder | None:
    """The parts of an address a link made relative to a page leads to (``None``: a full or
    absolute address, the same from every page)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("/", "#")):
        return None
    return tuple(part for part in posixpath.normpath("/" + url).split("/") if part)


def viewpoint(page_folder: Folder, targets: Iterable[Folder]) -> tuple[Any, ...]:
    """What the links to ``targets`` made relative to a page in ``page_folder`` depend on:
    the folder above it and the depth, unless a target lies in the folder itself."""
    size = len(page_folder)
    if any(target[:size] == page_folder for target in targets):
        return ("at", page_folder)
    return ("below", page_folder[:-1], size)


class ThemeOnce:
    """What the theme rendered for pages of one build, by what they show alike."""

    def __init__(self) -> None:
        self.rendered: dict[tuple[Any, ...], str] = {}
        self._targets: list[Folder] | None = None
        self._listed: set[int] = set()

    def forget(self) -> None:
        """A page is being read again: its title may change what the menu shows."""
        self.rendered.clear()
        self._targets = None

    def menu(self, page: Any, nav: Any, config: Any, caller: Callable[[], Any]) -> str:
        """The side menu (``caller``: the theme's own block) as ``page`` sees it."""
        if page is None or nav is None:
            return str(caller())
        targets = self.targets(nav, config)
        if id(page) in self._listed or list(page.toc):
            return str(caller())
        key = ("menu", repr((page.meta or {}).get("hide")),
               viewpoint(folder(page.url), targets))
        if key not in self.rendered:
            self.rendered[key] = str(caller())
        return self.rendered[key]

    def header(self, page: Any, nav: Any, config: Any, caller: Callable[[], Any]) -> str:
        """The header (``caller``: the theme's own block) with ``page``'s title, rendered once
        with ``TITLE_HERE`` for the title. Not with the menu's tabs, which show where the page
        is, nor where the stand-in is not found exactly once."""
        meta = page.meta if page is not None else None
        if meta is None or nav is None or "navigation.tabs" in config["theme"].get("features", []):
            return str(caller())
        key = ("header", viewpoint(folder(page.url), self.targets(nav, config)))
        if key not in self.rendered:
            self.rendered[key] = _with_title(meta, TITLE_HERE, caller)
        if self.rendered[key].count(TITLE_HERE) != 1:
            return str(caller())
        return self.rendered[key].replace(TITLE_HERE, str(meta.get("title") or page.title))

    def settings(self, page: Any, nav: Any, config: Any, caller: Callable[[], Any]) -> str:
        """The theme's settings for its scripts (``caller``: its ``config`` block), which name
        the site's root and the search worker (in ``assets/``) relative to the page."""
        if page is None or nav is None:
            return str(caller())
        targets = [*self.targets(nav, config), (), _THEME_SCRIPTS]
        key = ("settings", viewpoint(folder(page.url), targets))
        if key not in self.rendered:
            self.rendered[key] = str(caller())
        return self.rendered[key]

    def targets(self, nav: Any, config: Any) -> list[Folder]:
        """Where the menu's and the header's relative links lead (and the pages the menu
        lists), worked out once."""
        if self._targets is None:
            self._listed = {id(page) for page in nav.pages}
            urls = [getattr(item, "url", None) for item in walk(nav.items)]
            urls += [config["extra"].get("homepage"), getattr(nav.homepage, "url", None),
                     config["theme"].get("logo")]
            urls += [other.get("link") for other in config["extra"].get("alternate") or []]
            found = (relative_target(str(url)) for url in urls if url is not None)
            self._targets = [target for target in found if target is not None]
        return self._targets


def _with_title(meta: dict[str, Any], title: str, caller: Callable[[], Any]) -> str:
    """``caller``'s HTML with the page's front matter title ``title`` for the time of it."""
    had, kept = "title" in meta, meta.get("title")
    meta["title"] = title
    try:
        return str(caller())
    finally:
        if had:
            meta["title"] = kept
        else:
            del meta["title"]


def walk(items: list[Any]) -> list[Any]:
    """Every entry of a menu, sections before their children, at any depth."""
    found = []
    for item in items:
        found.append(item)
        found += walk(getattr(item, "children", None) or [])
    return found
