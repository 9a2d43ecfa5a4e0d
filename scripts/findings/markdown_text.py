"""Render the data's Markdown fields safely.

Raw HTML is shown as text, links to anything but http(s), mailto or a relative path become
plain text, images become their alt text (the site fetches nothing from elsewhere), and
``theme:ID`` / ``quote:ID`` / ``recommendation:ID`` links become permalinks.

A link's target is judged as the reader's browser will see it: character references decoded
(``javascript&#58;`` is ``javascript:``), the tabs and newlines a browser drops removed, then
its scheme compared with a short allow-list.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE
from markupsafe import Markup

from findings.schema import ITEM_LINK_RE, LINK_KINDS
from findings.urls import encode_url

LinkResolver = Callable[[str, str], str]
SAFE_SCHEMES = ("http", "https", "mailto")
#: What a browser strips from both ends of a URL (C0 controls and space) ...
_EDGES = "".join(map(chr, range(0x21)))
#: ... and removes anywhere in it (ASCII tab and newlines).
_DROPPED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def browser_href(href: str) -> str:
    """The address a browser follows for an ``href`` written as ``href`` (character
    references decoded, Markdown's ampersand placeholder included, white space dropped)."""
    decoded = html.unescape(href.replace(AMP_SUBSTITUTE, "&"))
    return _DROPPED.sub("", decoded.strip(_EDGES))


def safe_href(href: str) -> bool:
    """True for http(s), mailto and relative links; false for ``javascript:`` and the like,
    however their characters are written."""
    target = browser_href(href)
    if target[:2].replace("\\", "/") == "//":
        return False  # another host, without a scheme
    scheme = _SCHEME.match(target)
    if scheme:
        return scheme.group(1).lower() in SAFE_SCHEMES
    return ":" not in re.split(r"[/?#]", target, maxsplit=1)[0]


class _SafeLinks(Treeprocessor):  # type: ignore[misc]
    def __init__(self, md: markdown.Markdown, owner: MarkdownRenderer) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: ET.Element) -> None:
        self._level = self.owner.heading_offset  # the heading the field sits under
        for parent in root.iter():
            for child in parent:
                self._fix(child)

    def _fix(self, el: ET.Element) -> None:
        if el.tag == "img":
            el.tag, el.text = "span", el.get("alt", "")
            el.attrib.clear()
        elif el.tag == "a":
            self._fix_link(el)
        elif el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            # Below the page's own heading, and never more than one level deeper than the
            # heading before it: an outline with no skipped level, whatever the field holds.
            level = min(6, int(el.tag[1]) + self.owner.heading_offset, self._level + 1)
            el.tag, self._level = f"h{level}", level

    def _fix_link(self, el: ET.Element) -> None:
        href = el.get("href", "")
        item = ITEM_LINK_RE.match(href)
        if item:
            kind, item_id, rest = item.groups()
            el.set("href", self.owner.resolve(LINK_KINDS[kind], item_id) + encode_url(rest or ""))
        elif safe_href(href):
            # Written out as the browser would follow it, with what a URL may not hold
            # (quote marks, angle brackets, spaces, non-ASCII) percent-encoded, as CommonMark does.
            el.set("href", encode_url(browser_href(href)))
        else:
            el.tag = "span"
            el.attrib.clear()


class _Safety(Extension):  # type: ignore[misc]
    def __init__(self, owner: MarkdownRenderer) -> None:
        super().__init__()
        self.owner = owner

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # After Markdown's own "unescape" (priority 0): the links are then as they will be
        # written out.
        md.treeprocessors.register(_SafeLinks(md, self.owner), "findings_safe_links", -1)


class MarkdownRenderer:
    """One reusable Markdown converter; ``render`` takes the page's link resolver each time."""

    def __init__(self) -> None:
        self.resolve: LinkResolver = lambda kind, item_id: f"{kind}/{item_id}/"
        self.heading_offset = 0
        self._md = markdown.Markdown(
            extensions=["sane_lists", "tables", _Safety(self)], output_format="html"
        )

    def render(self, text: str, resolve: LinkResolver, heading_offset: int = 2) -> Markup:
        """Markdown to HTML that is safe to put in a page (marked safe for Jinja)."""
        self.resolve = resolve
        self.heading_offset = heading_offset
        html = self._md.reset().convert(text)
        return Markup(html)
