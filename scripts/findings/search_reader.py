"""The search plugin's parser, for the HTML the generator writes: the same sections, faster.

The engine's search (Material's ``search`` plugin) divides each page's HTML into sections, one
per heading with an id, and indexes each section's title and text; it does so with Python's
``HTMLParser``, a second, slow parse of HTML that we wrote ourselves. ``page_sections`` gives
the same sections from a generated page's finished body, by the same rules (the text between
tags as ``HTMLParser`` delivers it; ``data-search-exclude``; which tags are kept; how white space
collapses; headings nested in other elements), in one pass of a regular expression over a
dialect it knows: well-formed tags, double- or single-quoted attributes, no comments. Anything
else (a stray ``<``, a comment, a doctype, an element that Pythons parse differently) and it
declines (``None``): the engine's search then parses that page as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape


@dataclass(frozen=True)
class SearchSection:
    """One section as the search plugin's parser leaves it: its heading's id (``None`` for
    the page's top), its title's HTML (``None``: it had none, the page's title stands in),
    its text's HTML."""

    id: str | None
    title: str | None
    text: str


# The parser's rules (material/plugins/search/plugin.py, Parser, in mkdocs-material 9.x).
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_ALWAYS_SKIPPED = frozenset({"object", "script", "style"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements whose content ``HTMLParser`` passes on unparsed, up to their end tag.
_RAW_TEXT = frozenset({"script", "style"})
_RAW_TEXT_END = {tag: re.compile(rf"</\s*{tag}\s*>", re.IGNORECASE) for tag in _RAW_TEXT}
#: Elements that newer Pythons' ``HTMLParser`` reads as raw text too (3.11's does not): a page
#: with one is left to the plugin, whichever Python runs it.
UNSURE_ELEMENTS = frozenset({"textarea", "title", "noscript", "iframe", "xmp", "noembed",
                             "noframes", "plaintext"})
_EXCLUDE = "data-search-exclude"

_NAME = r"[a-zA-Z][a-zA-Z0-9-]*"
#: Attribute names in lower case only: then a substring test finds ``data-search-exclude``.
_ATTRIBUTE_NAME = r"[a-z_:][-a-z0-9_:.]*"
_TOKEN = re.compile(
    rf"<({_NAME})((?:\s+{_ATTRIBUTE_NAME}"
    r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(/?)>"""
    rf"|</({_NAME})\s*>"
    r"|([^<]+)")
_ATTRIBUTE = re.compile(
    rf"""({_ATTRIBUTE_NAME})(\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


class _DeclinedError(Exception):
    """The body is not in the dialect ``page_sections`` reads."""


def page_sections(body: str) -> tuple[SearchSection, ...] | None:
    """The sections the search plugin's parser would make of ``body`` (as the engine holds
    it: ``engine_body``), excluded ones left out; ``None`` if this reader declines it."""
    reader = _Reader()
    try:
        reader.feed(body)
    except _DeclinedError:
        return None
    return tuple(SearchSection(s.id, "".join(s.title) if s.title else None, "".join(s.text))
                 for s in reader.sections if not s.excluded)


def _attributes(text: str) -> dict[str, str | None]:
    """A start tag's attributes as ``HTMLParser`` gives them: names in lower case, values
    unquoted and unescaped, the last of a repeated name winning."""
    found: dict[str, str | None] = {}
    for name, assigned, written in _ATTRIBUTE.findall(text):
        value = written[1:-1] if written[:1] in ("'", '"') else written
        found[name] = (unescape(value) if value else value) if assigned else None
    return found


class _Section:
    __slots__ = ("depth", "excluded", "id", "tag", "text", "title")

    def __init__(self, tag: str, depth: float, excluded: bool = False) -> None:
        self.tag, self.depth, self.excluded = tag, depth, excluded
        self.id: str | None = None
        self.title: list[str] = []
        self.text: list[str] = []


class _Reader:
    """The parser's state: the open elements (by tag, as its elements compare), the tags
    being skipped and how many open elements have one of them, the sections so far and the
    current one."""

    def __init__(self) -> None:
        self.context: list[str] = []
        self.open: dict[str, int] = {}
        self.headerlinks: list[int] = []  # depths of the open permalinks (a.headerlink)
        self.skip = set(_ALWAYS_SKIPPED)
        self.skipped = 0
        self.sections: list[_Section] = []
        self.section: _Section | None = None

    def feed(self, body: str) -> None:
        position = 0
        while position < len(body):
            position = self._feed_from(body, position)

    def _feed_from(self, body: str, position: int) -> int:
        """Read tokens from ``position`` to the end, or to the end of a script or style."""
        start, end, data = self.start, self.end, self.data
        for token in _TOKEN.finditer(body, position):
            if token.start() != position:
                raise _DeclinedError  # a "<" that starts no tag this reader knows
            position = token.end()
            tag, attributes, closed, end_tag, text = token.groups()
            if text is not None:
                data(unescape(text) if "&" in text else text)
            elif end_tag is not None:
                end(end_tag.lower())
            else:
                tag = tag.lower()
                start(tag, attributes)
                if closed:
                    end(tag)
                elif tag in _RAW_TEXT:
                    return self._raw_text(body, position, tag)
        if position != len(body):
            raise _DeclinedError
        return position

    def _raw_text(self, body: str, position: int, tag: str) -> int:
        """Past a script's or style's content (skipped: the parser ignores it) and end tag."""
        closing = _RAW_TEXT_END[tag].search(body, position)
        if closing is None:
            raise _DeclinedError
        self.end(tag)
        return closing.end()

    def current(self) -> _Section:
        if self.section is None:
            self.section = _Section("hx", 0)
            self.sections.append(self.section)
        return self.section

    def start(self, tag: str, text: str) -> None:
        if tag in _VOID:
            return
        if tag in UNSURE_ELEMENTS:
            raise _DeclinedError
        self.context.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in self.skip:
            self.skipped += 1
        attributes: dict[str, str | None] = {}
        if tag in _HEADINGS or _EXCLUDE in text or "&" in text or "linenodiv" in text \
                or "headerlink" in text:
            attributes = _attributes(text)
        if tag in _HEADINGS and "id" in attributes:
            self.heading(tag, attributes)
        section = self.current()
        if tag == "a" and attributes.get("class") == "headerlink":
            self.headerlinks.append(len(self.context))
        if _EXCLUDE in attributes or attributes.get("class") == "linenodiv":
            if tag not in self.skip:
                self.skip.add(tag)
                self.skipped += self.open[tag]
            return
        if tag in _KEEP and not self.skipped:
            (section.title if self.open.get(section.tag) else section.text).append(f"<{tag}>")

    def heading(self, tag: str, attributes: dict[str, str | None]) -> None:
        depth = len(self.context)
        if tag != "h1" and not self.sections:
            self.sections.append(_Section("hx", depth))
        self.section = _Section(tag, depth, _EXCLUDE in attributes)
        if self.sections:
            self.section.id = attributes["id"]
        self.sections.append(self.section)

    def end(self, tag: str) -> None:
        if not self.context or self.context[-1] != tag:
            return
        section = self.current()
        if section.depth > len(self.context):
            for earlier in reversed(self.sections):
                if earlier.depth <= len(self.context):
                    section.depth = float("inf")
                    self.section = section = earlier
                    break
        if self.headerlinks and self.headerlinks[-1] == len(self.context):
            self.headerlinks.pop()
        self.context.pop()
        self.open[tag] -= 1
        if tag in self.skip:
            self.skipped -= 1
            if tag not in _ALWAYS_SKIPPED:
                self.skip.remove(tag)
                self.skipped -= self.open[tag]
            return
        if tag in _KEEP and not self.skipped:
            self.close_kept(tag, section.title if self.open.get(section.tag) else section.text)

    @staticmethod
    def close_kept(tag: str, data: list[str]) -> None:
        """An element left empty (white space only) is dropped, else it is closed."""
        try:
            index = data.index(f"<{tag}>")
        except ValueError:
            raise _DeclinedError from None  # the parser itself would stop here
        if all(part.isspace() for part in data[index + 1:]):
            del data[index:]
        else:
            data.append(f"</{tag}>")

    def data(self, data: str) -> None:
        if self.skipped:
            return
        if not self.open.get("pre"):
            data = " " if data.isspace() else data.replace("\n", " ")
        section = self.current()
        if self.open.get(section.tag):
            if not self.headerlinks:
                section.title.append(escape(data, quote=False))
        elif not data.isspace():
            section.text.append(escape(data, quote=False))
        elif not section.text or not section.text[-1].isspace() or self.open.get("pre"):
            section.text.append(data)

