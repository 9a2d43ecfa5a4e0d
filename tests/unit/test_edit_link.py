"""With ``repo_url`` set, an item's page links to its own YAML file ("edit this page"), a
hand-written page to its file in ``content/``; a page made from many items links nowhere."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, run_findings

REPOSITORY = "https://github.com/example/findings"


def edit_link(site: Path, page: str) -> str | None:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    link = soup.find("a", rel="edit")
    return None if link is None else str(link["href"])


@pytest.mark.engine
def test_each_page_edits_its_own_file(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "other-study", project / "study-data")
    for folder in ("content", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config + f"repo_url: {REPOSITORY}\nedit_uri: edit/main/\n", encoding="utf-8")
    run = run_findings("build", "--data", "study-data", "--site-dir", "out", cwd=project)
    assert run.code == 0, run.err
    site = project / "out"
    edit = f"{REPOSITORY}/edit/main/"
    assert edit_link(site, "quotes/gaps-finding/index.html") == \
        f"{edit}study-data/quotes/handovers.yml"
    assert edit_link(site, "themes/lone-working/index.html") == \
        f"{edit}study-data/themes/more-themes.yml"
    handwritten = sorted((ROOT / "content").glob("*.md"))
    for page in handwritten:
        built = f"{page.stem}/index.html" if page.stem != "index" else "index.html"
        assert edit_link(site, built) == f"{edit}content/{page.name}"
    assert edit_link(site, "themes/index.html") is None
    assert edit_link(site, "quotes/index.html") is None
