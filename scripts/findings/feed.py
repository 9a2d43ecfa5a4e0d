"""The Atom feed of the changelog (RFC 4287): one entry per published version."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from findings.model import Findings
from findings.records import Version
from findings.urls import Urls

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"


def _stamp(date: str) -> str:
    return f"{date}T00:00:00Z"


#: What XML 1.0 may not hold (its Char production), and the C1 controls it discourages: the
#: feed leaves them out, so that it stays well-formed whatever the data's text holds.
NOT_XML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """The text without the characters XML cannot carry; ElementTree escapes the rest."""
    return NOT_XML.sub("", text)


def _add(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})
    if text:
        el.text = xml_text(text)
    return el


def feed_id(findings: Findings, urls: Urls) -> str:
    """A stable id: the site's address, or a URN made from the study when it has none."""
    if urls.site_url:
        return urls.absolute("")
    slug = "".join(c if c.isalnum() else "-" for c in findings.study.name.lower()).strip("-")
    return f"urn:findings:{slug}"


def render_feed(findings: Findings, urls: Urls) -> str:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _add(root, "title", f"What's new: {findings.study.name}")
    _add(root, "id", feed_id(findings, urls))
    newest = findings.versions[0].date if findings.versions else f"{findings.study.year}-01-01"
    _add(root, "updated", _stamp(newest))
    author = _add(root, "author")
    # The feed announces the site's versions: its editors' work, not the study authors'.
    _add(author, "name", findings.study.site_editors or "The site's editors")
    _add(root, "link", rel="alternate", href=urls.absolute("whats-new/"))
    _add(root, "link", rel="self", href=urls.absolute(FEED_PATH))
    for version in findings.versions:
        _entry(root, version, findings, urls)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _entry(root: ET.Element, version: Version, findings: Findings, urls: Urls) -> None:
    entry = _add(root, "entry")
    _add(entry, "title", f"Version {version.version}")
    _add(entry, "id", f"{feed_id(findings, urls)}#{version.anchor}")
    _add(entry, "updated", _stamp(version.date))
    _add(entry, "link", rel="alternate",
         href=urls.absolute(f"whats-new/#{version.anchor}"))
    _add(entry, "summary", version.summary)
