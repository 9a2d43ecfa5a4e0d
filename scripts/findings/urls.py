"""Addresses between pages: always relative, so the site works below any path and offline."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Urls:
    """Links from one page (``page_url``, e.g. ``'themes/x/'``) to others on the site."""

    page_url: str
    site_url: str = ""
    directory_urls: bool = True

    def to(self, target: str) -> str:
        """A relative link from this page to ``target`` (a site address like ``'quotes/a/'``)."""
        path, _, fragment = target.partition("#")
        relative = _relpath(path, self.page_url)
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


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for site addresses (no '..' or '.' in them), without its cost:
    a build asks it some twenty times a page."""
    to = [part for part in path.split("/") if part]
    base = [part for part in start.split("/") if part]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    parts = [".."] * (len(base) - common) + to[common:]
    return "/".join(parts) or "."


#: What a written-out address may hold as it is: everything else (quote marks, angle brackets,
#: braces, backslashes, white space, non-ASCII) is percent-encoded, so that no output format
#: (an HTML attribute, a BibTeX field, a RIS line) can be broken out of by an address.
URL_SAFE = "!#$%&'()*+,-./:;=?@[]_~"


def encode_url(url: str) -> str:
    """``url`` with every character an address may not hold percent-encoded."""
    return quote(url, safe=URL_SAFE)


def doi_url(doi: str) -> str:
    """The resolver address of a DOI; a DOI's suffix may hold any character, so '#', '?' and
    '%' are encoded too (the DOI Handbook's advice)."""
    return "https://doi.org/" + quote(doi, safe="/:;=()+,-._~!*'@")
