"""The citation files (CFF, RIS, BibTeX, CSL-JSON) agree on what the work is and who made
what, and state no licence where no source gives one."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import jsonschema
import yaml
from bs4 import BeautifulSoup

from conftest import MINIMAL
from findings.citation import bibtex, cite_study_apa
from findings.data import read_data
from findings.feed import render_feed
from findings.model import Author, Study, build_model
from findings.opendata import citation_cff, csl_json, open_data_files, public_schema, ris
from findings.pages import plan_pages
from findings.render import PageRenderer, SiteOptions
from findings.rights import licence_statement
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
    # Neither the study's text nor the editors' own work has a licence: both need permission.
    assert cff["message"].endswith(
        "No licence is stated. No source gives one for the study's abstract or findings, so "
        "reusing them needs the authors' permission. The site's own material (its derived "
        "recommendations, ratings, summaries and toolkit) is the work of the site's editors, "
        "with no licence stated either: reusing it needs their permission.")
    licensed = yaml.safe_load(citation_cff(Study(**{**STUDY.__dict__, "license": "CC0-1.0"}),
                                           "v1", ""))
    assert licensed["license"] == "CC0-1.0" and "No licence" not in licensed["message"]


def test_one_credit_model_the_data_set_is_the_editors_its_source_the_authors_study(
        data_folder: Make) -> None:
    """CITATION.cff, the CSV files' metadata and findings.json agree: the data set's creators
    are the site's editors, under a title that is not the study's; the study by its authors is
    its source and the citation for the findings."""
    cff = yaml.safe_load(citation_cff(STUDY, "v1", ""))
    assert cff["authors"] == [{"name": "The site's editors"}]
    assert len(cff["preferred-citation"]["authors"]) == 2
    named = Study(**{**STUDY.__dict__, "site_editors": "Example Editors"})
    assert yaml.safe_load(citation_cff(named, "v1", ""))["authors"] == [
        {"name": "Example Editors"}]
    study = MINIMAL["study.yml"].replace("audiences:", "site_editors: Example Editors\n"
                                         "        audiences:")
    findings = build_model(read_data(data_folder({"study.yml": study}), "data"))
    files = open_data_files(findings, "")
    cff = yaml.safe_load(files["data/CITATION.cff"])
    meta = json.loads(files["data/csv-metadata.json"])
    data = json.loads(files["data/findings.json"])
    title = f"Structured data of the findings site for: {findings.study.title}"
    assert cff["title"] == meta["dc:title"] == data["title"] == title
    assert cff["authors"] == [{"name": "Example Editors"}]
    assert meta["dc:creator"] == "Example Editors"
    assert data["credits"][0]["by"] == ["Example Editors"]
    assert "data set creators" in data["credits"][0]["role"]
    authors = [a.name for a in findings.study.authors]
    assert data["credits"][1]["by"] == authors and "source" in data["credits"][1]["role"]
    assert meta["dc:source"] == cite_study_apa(findings.study)
    assert [a["family-names"] for a in cff["preferred-citation"]["authors"]] == [
        a.name.split()[-1] for a in findings.study.authors]
    assert "dc:contributor" not in meta


def test_the_credits_name_the_editors_paraphrases_and_steps() -> None:
    """Everything the study does not state is credited to the editors, in every file."""
    cff = yaml.safe_load(citation_cff(STUDY, "v1", ""))
    for work in ("summaries", "suggested steps", "quotes' contexts and tags", "headline",
                 "sentence-case title", "which themes it answers", "toolkit"):
        assert work in cff["message"], work


def test_a_cff_with_names_given_as_written_says_why() -> None:
    assert citation_cff(STUDY, "v1", "").startswith("# An author given as 'name'")
    two_words = Study(**{**STUDY.__dict__, "authors": (Author("Ada Lovelace"),)})
    assert citation_cff(two_words, "v1", "").startswith("cff-version")


def test_without_a_licence_the_data_page_and_the_open_data_say_so(data_folder: Make) -> None:
    study = MINIMAL["study.yml"].replace("        license: CC-BY-4.0\n", "")
    findings = build_model(read_data(data_folder({"study.yml": study}), "data"))
    page = next(p for p in plan_pages(findings) if p.url == "data/")
    html = BeautifulSoup(PageRenderer(findings, SiteOptions()).render(page), "html.parser")
    licence = html.select_one(".fnd-licence")
    assert licence is not None and "reusing them needs the authors' permission" in \
        licence.get_text() and "reusing it needs their permission" in licence.get_text()
    assert "licence ()" not in html.get_text()
    files = open_data_files(findings, "")
    assert "license" not in json.loads(files["data/findings.json"])["study"]
    assert "license" not in yaml.safe_load(files["data/CITATION.cff"])


def test_the_feed_is_authored_by_the_sites_editors(data_folder: Make) -> None:
    findings = build_model(read_data(data_folder({}), "data"))
    feed = render_feed(findings, Urls("", "https://site.example/"))
    assert "<name>The site's editors</name>" in feed
    assert "Ada Example" not in feed


def test_the_data_page_shows_the_work_type_each_citation_file_uses(data_folder: Make) -> None:
    study = MINIMAL["study.yml"].replace("year: 2024", "year: 2024\n        status: conference "
                                         "abstract")
    findings = build_model(read_data(data_folder({"study.yml": study}), "data"))
    page = next(p for p in plan_pages(findings) if p.url == "data/")
    html = BeautifulSoup(PageRenderer(findings, SiteOptions()).render(page), "html.parser")
    table = html.select_one("#work-type ~ div table")
    assert table is not None
    shown = {row.td.get_text(): [td.get_text() for td in row.select("td")[2:]]
             for row in table.select("tbody tr") if row.td}
    files = open_data_files(findings, "")
    [item] = json.loads(files["data/study.json"])
    cff = yaml.safe_load(files["data/CITATION.cff"])["preferred-citation"]
    ris_lines = files["data/study.ris"].splitlines()
    [ris_genre] = [line.removeprefix("M3  - ") for line in ris_lines if line.startswith("M3")]
    bib = files["data/study.bib"]
    bib_note = re.search(r"note = \{(.*)\}", bib)
    assert bib_note is not None
    assert shown == {
        "study.json": [item["type"], f"genre: {item['genre']}"],
        "CITATION.cff": [cff["type"], f"notes: {cff['notes']}"],
        "study.ris": [ris_lines[0], f"M3: {ris_genre}"],
        "study.bib": [bib.split("{", 1)[0], f"note: {bib_note[1]}"],
    }
    assert item["genre"] == "Conference abstract"


def test_the_open_data_carries_its_licence_statement_and_credits(data_folder: Make) -> None:
    study = MINIMAL["study.yml"].replace("        license: CC-BY-4.0\n", "").replace(
        "audiences:", "site_editors: Example Editors\n        audiences:")
    findings = build_model(read_data(data_folder({"study.yml": study}), "data"))
    files = open_data_files(findings, "")
    data = json.loads(files["data/findings.json"])
    jsonschema.validate(data, public_schema())
    assert data["licence"] == {"statement": licence_statement(findings.study)}
    assert "Example Editors" in data["licence"]["statement"]
    assert [c["by"] for c in data["credits"]] == [["Example Editors"], ["Ada Example"]]
    assert "ratings" in data["credits"][0]["for"] and "ratings" not in data["credits"][1]["for"]
    meta = json.loads(files["data/csv-metadata.json"])
    assert meta["dc:rights"] == licence_statement(findings.study)
    assert "dc:license" not in meta
    for table in meta["tables"]:  # the CSV files stay plain CSV: the header is the first row
        rows = list(csv.reader(io.StringIO(files[f"data/{table['url']}"], newline="")))
        assert rows[0] == [c["name"] for c in table["tableSchema"]["columns"]]
    [recs] = [t for t in meta["tables"] if t["url"] == "recommendations.csv"]
    meaning = {c["name"]: c["dc:description"] for c in recs["tableSchema"]["columns"]}
    for rating in ("level", "audiences", "effort", "timeframe"):
        assert meaning[rating].endswith("in the site editors' judgement"), rating
    licensed = build_model(read_data(data_folder({}), "data"))
    data = json.loads(open_data_files(licensed, "")["data/findings.json"])
    assert data["licence"]["spdx"] == "CC-BY-4.0"
    assert "CC-BY-4.0" in data["licence"]["statement"]
