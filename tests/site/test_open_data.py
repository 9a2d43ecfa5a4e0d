"""Open data: what each build publishes validates against the published schema, round-trips
every item, never holds internal fields, and every page carries link-preview metadata."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.dom.minidom
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, cast

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, HOSTILE_OUTPUT, STUDY, html_pages, run_findings
from findings.data import read_data
from findings.model import build_model

SITES = {"study": STUDY, "other": FIXTURES / "other-study"}


def published(site: Path) -> dict[str, Any]:
    text = (site / "data" / "findings.json").read_text(encoding="utf-8")
    return cast(dict[str, Any], json.loads(text))


@pytest.mark.parametrize("name", sorted(SITES))
def test_published_json_validates_against_the_published_schema(
        built_sites: dict[str, Path], name: str) -> None:
    schema = json.loads((built_sites[name] / "data" / "findings.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(published(built_sites[name]))


@pytest.mark.parametrize("name", sorted(SITES))
def test_published_json_round_trips_every_item(built_sites: dict[str, Path], name: str) -> None:
    findings = build_model(read_data(SITES[name], "data"))
    data = published(built_sites[name])
    for kind in ("themes", "quotes", "recommendations"):
        records = {r["id"]: r for r in data[kind]}
        items = getattr(findings, kind)
        assert list(records) == [i.id for i in items]
        for item in items:
            record = records[item.id]
            assert record["permalink"] == f"/{kind}/{item.id}/"
            for field, value in vars(item).items():
                expected = list(value) if isinstance(value, tuple) else value
                assert record.get(field, type(value)()) == (expected or type(value)()), field
    assert data["study"]["title"] == findings.study.title


def test_internal_fields_are_never_published(built_sites: dict[str, Path]) -> None:
    text = (built_sites["other"] / "data" / "findings.json").read_text(encoding="utf-8")
    assert '"participant":' not in text and "P03" not in text
    schema = (built_sites["other"] / "data" / "findings.schema.json").read_text()
    assert '"participant":' not in schema


def test_csv_has_a_row_per_item(built_sites: dict[str, Path]) -> None:
    findings = build_model(read_data(STUDY, "data"))
    for kind in ("themes", "quotes", "recommendations"):
        text = (built_sites["study"] / "data" / f"{kind}.csv").read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["id"] for r in rows] == [i.id for i in getattr(findings, kind)]
        assert all(r["permalink"].endswith(f"/{r['id']}/") for r in rows)


def test_study_citation_files(built_sites: dict[str, Path]) -> None:
    data = built_sites["other"] / "data"
    cff = yaml.safe_load((data / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["version"] == published(built_sites["other"])["version"]
    assert cff["preferred-citation"]["doi"] == "10.5555/synthetic.0001"
    assert cff["authors"] == [{"name": "The site's editors"}]  # the data set is theirs
    assert len(cff["preferred-citation"]["authors"]) == 3  # the study is its authors'
    ris = (data / "study.ris").read_text(encoding="utf-8").splitlines()
    assert ris[0].startswith("TY  - ") and ris[-1] == "ER  - "
    assert sum(line.startswith("AU  - ") for line in ris) == 3
    bib = (data / "study.bib").read_text(encoding="utf-8")
    assert bib.startswith("@misc{") and "doi = {10.5555/synthetic.0001}" in bib


def test_data_page_links_every_download_and_names_the_version(
        built_sites: dict[str, Path]) -> None:
    site = built_sites["study"]
    page = BeautifulSoup((site / "data" / "index.html").read_text("utf-8"), "html.parser")
    links = {str(a["href"]) for a in page.select("article a[download]")}
    files = {p.name for p in (site / "data").iterdir() if p.is_file() and p.name != "index.html"}
    # data/ holds only the documented downloads: the scripts' index lives with the scripts
    assert {h.split("/")[-1] for h in links} == files
    assert all((site / "data" / h).is_file() for h in links)
    assert str(published(site)["version"]) in page.get_text()


QUOTE = "the-last-light-on"  # the synthetic study's participant quote


def test_every_page_has_link_preview_metadata(tmp_path: Path) -> None:
    env = {"FINDINGS_SITE_URL": "https://findings.example/study/"}
    site = tmp_path / "site"
    assert run_findings("build", "--data", str(STUDY), "--site-dir", str(site), env=env).code == 0
    for path in html_pages(site):
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        if page.select_one('meta[http-equiv="refresh"]'):
            continue
        meta = {m["property"]: m["content"] for m in page.select("meta[property^='og:']")}
        assert meta["og:title"] and meta["og:description"], path
        canonical = page.select_one("link[rel=canonical]")
        if path.name == "404.html":
            continue
        assert canonical is not None and meta["og:url"] == canonical["href"], path
        assert str(meta["og:url"]).startswith("https://findings.example/study/")
    quote = BeautifulSoup((site / "quotes" / QUOTE / "index.html").read_text("utf-8"),
                          "html.parser")
    cite = quote.select_one(f"#cite-{QUOTE}-ama [data-fnd-cite]")
    assert cite is not None
    assert cite.get_text().endswith(f"https://findings.example/study/quotes/{QUOTE}/")


# --- hostile text: the written files stay what they claim to be ------------------------------

def test_no_csv_cell_of_a_hostile_study_runs_as_a_formula(hostile_output_site: Path) -> None:
    findings = build_model(read_data(HOSTILE_OUTPUT, "data"))
    themes = list(csv.DictReader(io.StringIO(
        (hostile_output_site / "data" / "themes.csv").read_text("utf-8"), newline="")))
    assert [r["title"] for r in themes] == ["'" + findings.themes[0].title, "A plain theme"]
    assert themes[1]["summary"] == "'  -2+3 after leading spaces."
    for kind in ("themes", "quotes", "recommendations"):
        text = (hostile_output_site / "data" / f"{kind}.csv").read_text("utf-8")
        for row in csv.reader(io.StringIO(text, newline="")):
            assert not [cell for cell in row if re.match(r"[\t\r]|\s*[=+\-@]", cell)], kind
    quotes = published(hostile_output_site)["quotes"]
    assert {q["id"]: q["text"] for q in quotes}["formula-quote"] == "=1+1"


def test_the_data_page_says_how_csv_cells_are_neutralised(hostile_output_site: Path) -> None:
    page = BeautifulSoup((hostile_output_site / "data" / "index.html").read_text("utf-8"),
                         "html.parser")
    assert "begins with a single quote (')" in " ".join(page.get_text().split())


def test_hostile_citation_files_hold_one_record(hostile_output_site: Path) -> None:
    data = hostile_output_site / "data"
    bib = (data / "study.bib").read_text("utf-8")
    assert [line for line in bib.splitlines() if "@" in line.split("=")[0]] == [
        "@misc{example2024a,"]
    body = bib[bib.index("{") + 1:bib.rindex("}")]  # BibTeX counts every brace, escaped or not
    depth = [0]
    for char in body:
        depth.append(depth[-1] + {"{": 1, "}": -1}.get(char, 0))
    assert min(depth) == 0 and depth[-1] == 0  # the entry never closes before its end
    assert len(bib.splitlines()) == 9  # the entry's head, 7 fields, its end
    tags = [line[:6] for line in (data / "study.ris").read_text("utf-8").splitlines()]
    assert tags == ["TY  - ", "TI  - ", "AU  - ", "AU  - ", "PY  - ", "T2  - ", "DO  - ",
                    "UR  - ", "ER  - "]


def test_the_feed_of_a_hostile_changelog_is_well_formed(hostile_output_site: Path) -> None:
    text = (hostile_output_site / "feed.xml").read_bytes()
    xml.dom.minidom.parseString(text)
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(text)
    [entry] = root.findall(f"{atom}entry")
    assert entry.findtext(f"{atom}summary") == (
        'Synthetic ]]> <entry><title>forged</title></entry> & &amp; "quoted"')
