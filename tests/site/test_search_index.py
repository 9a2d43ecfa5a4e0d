"""What a reader finds with the site's search, read from the built fixture sites' index: every
page a reader opens is found by its name (and its own headings), and a result's snippet reads
as the page does, label and value apart, with no controls or filter help in it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import STUDY
from findings.data import read_data
from findings.model import build_model


def entries(site: Path) -> list[dict[str, Any]]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return list(index["docs"])


def on_page(docs: list[dict[str, Any]], url: str) -> list[dict[str, Any]]:
    return [doc for doc in docs if doc["location"].split("#")[0] == url]


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_every_tool_is_found_by_its_name_and_headings(built_sites: dict[str, Path]) -> None:
    """The handout, the worksheet, the quote bank and the data dictionary each have an entry
    titled with their name; the dictionary's sections and every guide's agenda and ground
    rules are found by their headings. Lean: the quote bank's entry is its title and lead (its
    cards are their own pages' text), and no tool's entry holds its buttons or form."""
    docs = entries(built_sites["study"])
    findings = build_model(read_data(STUDY, "study"))
    names = {"handout/": "Handout", "toolkit/action-plan/": "Action-plan worksheet",
             "quotes/": "Quote bank", "data/dictionary/": "Data dictionary"}
    for url, name in names.items():
        tops = [doc for doc in on_page(docs, url) if doc["location"] == url]
        assert [doc["title"] for doc in tops] == [name], url
    dictionary = {doc["title"] for doc in on_page(docs, "data/dictionary/")}
    assert {"Study", "Themes", "Quotes", "Recommendations"} <= dictionary
    for guide in findings.discussions:
        headings = {doc["title"] for doc in on_page(docs, f"toolkit/discussion/{guide.id}/")}
        assert {"Agenda", "Ground rules for a safe discussion"} <= headings, guide.id
    [bank] = on_page(docs, "quotes/")
    assert plain(bank["text"]).startswith(f"{len(findings.quotes)} excerpts")
    assert not any(quote.text in bank["text"] for quote in findings.quotes)
    controls = ("Clear the handout", "Choose a recommendation", "Download the plan", "Page 1")
    tools = [doc for url in names for doc in on_page(docs, url)]
    assert [doc["location"] for doc in tools if any(c in doc["text"] for c in controls)] == []


def test_snippets_keep_labels_apart_and_leave_controls_out(built_sites: dict[str, Path]) -> None:
    """Key facts read "label: value; label: value"; a guide names its theme once ("Theme 2:
    title", never "Theme Theme 2"); the self-assessment's answer options and the filters'
    help are not indexed as text."""
    docs = entries(built_sites["study"])
    study = build_model(read_data(STUDY, "study")).study
    [facts] = [doc for doc in docs if doc["location"] == "study/#key-facts"]
    assert plain(facts["text"]) == "; ".join(f"{f.label}: {f.value}" for f in study.key_facts)
    texts = {doc["location"]: plain(doc["text"]) for doc in docs}
    guides = {url: text for url, text in texts.items() if url.startswith("toolkit/discussion/")
              and "#" not in url}
    assert guides and all(re.match(r"Theme \d+: ", text) for text in guides.values()), guides
    assert [url for url, text in texts.items() if re.search(r"Theme:? Theme \d", text)] == []
    assert [url for url, text in texts.items() if "Yes Partly No" in text] == []
    assert [url for url, text in texts.items() if "ticked option" in text] == []
    assert "Whose recommendation?" in texts["recommendations/"]
