"""Addresses between pages: always relative, so the site works below any path and offline."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Urls:
    """Links from one page (``page_url``, e.g. ``'themes/x/'``) to others on the site."""

    page_url: str
    site_url: str = ""
    directory_urls: bool = True

    def to(self, target: str) -> str:
        """A relative link from this page to ``target`` (a site address like ``'quotes/a/'``)."""
        path, _, fragment = target.partition("#")
        relative = posixpath.relpath(path or ".", self.page_url or ".")
        if path == "" or path.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
            if not self.directory_urls:
                relative += "index.html"
        return relative + (f"#{fragment}" if fragment else "")

    def item(self, kind: str, item_id: str) -> str:
        return self.to(f"{kind}/{item_id}/")

    def absolute(self, target: str) -> str:
        """The full address of ``target`` when the site's address is known, else its path."""
        if not self.site_url:
            return "/" + target
        return self.site_url.rstrip("/") + "/" + target
