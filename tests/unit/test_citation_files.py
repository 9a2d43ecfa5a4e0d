"""The citation files (CFF, RIS, BibTeX, CSL-JSON) agree on what the work is and who made
what, and state no licence where no source gives one."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import MINIMAL
from findings.citation import bibtex
from findings.data import read_data
from findings.feed import render_feed
from findings.model import Author, Study, build_model
from findings.opendata import citation_cff, csl_json, open_data_files, ris
from findings.pages import plan_pages
from findings.render import PageRenderer, SiteOptions
from findings.urls import Urls

Make = Callable[[Mapping[str, str | None]], Path]

STUDY = Study(
    title="Night shifts", venue="Fictional Forum", year=2024, status="conference abstract",
    authors=(Author("Ada Lovelace"), Author("Grace Brewster Hopper")),
    abstract=(("Methods", "m"),), speakers=("Study authors",),
)


def test_every_format_says_it_is_a_conference_abstract() -> None:
    cff = yaml.safe_load(citation_cff(STUDY, "v1", ""))["preferred-citation"]
    assert (cff["type"], cff["conference"], cff["notes"]) == (
        "conference-paper", {"name": "Fictional Forum"}, "Conference abstract")
    lines = ris(STUDY).splitlines()
    assert lines[0] == "TY  - CPAPER" and "M3  - Conference abstract" in lines
    assert "T2  - Fictional Forum" in lines
    assert "note = {Conference abstract}" in bibtex(STUDY)
    [item] = json.loads(csl_json(STUDY))
    assert (item["type"], item["genre"], item["event-title"]) == (
        "speech", "Conference abstract", "Fictional Forum")


def test_a_name_no_source_splits_is_given_whole_in_every_format() -> None:
    cff = yaml.safe_load(citation_cff(STUDY, "v1", ""))["preferred-citation"]["authors"]
    assert cff == [{"family-names": "Lovelace", "given-names": "Ada"},
                   {"name": "Grace Brewster Hopper"}]
    assert "AU  - Grace Brewster Hopper" in ris(STUDY).splitlines()
    assert "author = {Lovelace, Ada and {Grace Brewster Hopper}}" in bibtex(STUDY)
    assert json.loads(csl_json(STUDY))[0]["author"][1] == {"literal": "Grace Brewster Hopper"}


def test_without_a_licence_the_cff_states_none_and_asks_permission() -> None:
    cff = yaml.safe_load(citation_cff(STUDY, "v1", ""))
    assert "license" not in cff
    assert cff["message"].endswith("No licence is stated: no source gives one for the abstract "
                                   "or the findings, so reuse needs the authors' permission.")
    licensed = yaml.safe_load(citation_cff(Study(**{**STUDY.__dict__, "license": "CC0-1.0"}),
                                           "v1", ""))
    assert licensed["license"] == "CC0-1.0" and "No licence" not in licensed["message"]


def test_the_data_set_is_the_editors_and_the_preferred_citation_the_authors() -> None:
    cff = yaml.safe_load(citation_cff(STUDY, "v1", ""))
    assert cff["authors"] == [{"name": "The site's editors"}]
    assert len(cff["preferred-citation"]["authors"]) == 2
    named = Study(**{**STUDY.__dict__, "site_editors": "Example Editors"})
    assert yaml.safe_load(citation_cff(named, "v1", ""))["authors"] == [
        {"name": "Example Editors"}]


def test_without_a_licence_the_data_page_and_the_open_data_say_so(data_folder: Make) -> None:
    study = MINIMAL["study.yml"].replace("        license: CC-BY-4.0\n", "")
    findings = build_model(read_data(data_folder({"study.yml": study}), "data"))
    page = next(p for p in plan_pages(findings) if p.url == "data/")
    html = BeautifulSoup(PageRenderer(findings, SiteOptions()).render(page), "html.parser")
    licence = html.select_one(".fnd-licence")
    assert licence is not None and "reuse needs the authors' permission" in licence.get_text()
    assert "licence ()" not in html.get_text()
    files = open_data_files(findings, "")
    assert "license" not in json.loads(files["data/findings.json"])["study"]
    assert "license" not in yaml.safe_load(files["data/CITATION.cff"])


def test_the_feed_is_authored_by_the_sites_editors(data_folder: Make) -> None:
    findings = build_model(read_data(data_folder({}), "data"))
    feed = render_feed(findings, Urls("", "https://site.example/"))
    assert "<name>The site's editors</name>" in feed
    assert "Ada Example" not in feed
