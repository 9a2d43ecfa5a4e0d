"""The Atom feed stays well-formed XML whatever the study's and the changelog's text holds."""

from __future__ import annotations

import dataclasses
import xml.dom.minidom
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import write_folder
from findings.data import read_data
from findings.feed import render_feed
from findings.model import build_model
from findings.records import Version
from findings.urls import Urls

ATOM = "{http://www.w3.org/2005/Atom}"
#: Every character XML 1.0 forbids or discourages, among text it must keep.
FORBIDDEN = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20),
                              *range(0x7F, 0x85), *range(0x86, 0xA0), 0xFFFE, 0xFFFF]))
HOSTILE = f"A{FORBIDDEN}B ]]> <entry>&amp; \"q\" 'a' \U0001F600 é"
KEPT = "AB ]]> <entry>&amp; \"q\" 'a' \U0001F600 é"


def test_the_feed_parses_and_keeps_every_character_xml_allows(tmp_path: Path) -> None:
    findings = build_model(read_data(write_folder(tmp_path / "data", {}), "data"))
    study = dataclasses.replace(findings.study, title=HOSTILE)
    findings = dataclasses.replace(findings, study=study,
                                   versions=[Version("1.0", "2024-03-01", HOSTILE)])
    text = render_feed(findings, Urls("", f"https://example.org/{HOSTILE}/"))
    xml.dom.minidom.parseString(text.encode("utf-8"))  # expat: any ill-formed byte fails
    root = ET.fromstring(text.encode("utf-8"))
    assert root.findtext(f"{ATOM}title") == f"What's new: {KEPT}"
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}summary") == KEPT
    assert len(root.findall(f"{ATOM}entry/{ATOM}title")) == 1
