"""The real study in themes_data/ is only checked and built here. Every assertion holds for any
valid study, so adding a theme, changing a quote or withdrawing one never turns these red; the
tests that look at particular pages use the fixture studies (tests/fixtures/synthetic-study)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_links import broken, every_link, read_site

from conftest import REAL_DATA, html_pages, run_findings
from findings.data import read_data
from findings.model import Findings, build_model

PERMALINK_KINDS = ("themes", "quotes", "recommendations")


@pytest.fixture(scope="module")
def findings() -> Findings:
    return build_model(read_data(REAL_DATA, "themes_data"))


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("real") / "site"
    run = run_findings("build", "--data", str(REAL_DATA), "--site-dir", str(site))
    assert run.code == 0, run.err
    return site


def test_the_real_data_passes_the_strict_check() -> None:
    run = run_findings("check", "--strict", "--data", str(REAL_DATA))
    assert run.code == 0, run.err
    assert run.err == ""


def test_every_live_and_retired_id_has_its_page_and_nothing_else(
        real_site: Path, findings: Findings) -> None:
    for kind in PERMALINK_KINDS:
        pages = {p.parent.name for p in (real_site / kind).glob("*/index.html")}
        live = {item.id for item in getattr(findings, kind)}
        retired = set(findings.redirects.get(kind, {}))
        assert pages == live | retired, kind
    guides = {p.parent.name for p in (real_site / "toolkit" / "discussion").glob("*/index.html")}
    assert guides == {g.id for g in findings.discussions}


def test_the_open_data_holds_every_live_item_once(real_site: Path, findings: Findings) -> None:
    data = json.loads((real_site / "data" / "findings.json").read_text(encoding="utf-8"))
    for kind in PERMALINK_KINDS:
        assert [r["id"] for r in data[kind]] == [i.id for i in getattr(findings, kind)], kind


def test_no_internal_link_or_anchor_is_broken(real_site: Path) -> None:
    site = read_site(real_site)
    found = [f"{page.relative_to(site.root)}: {problem}" for page, address in every_link(site)
             if (problem := broken(site, page, address))]
    assert found == []


def test_the_synthetic_notice_follows_the_study(real_site: Path, findings: Findings) -> None:
    marked = [bool(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
                   .select_one(".fnd-synthetic")) for p in html_pages(real_site)
              if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]
    assert set(marked) == {findings.study.synthetic}
