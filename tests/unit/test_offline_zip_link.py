"""The toolkit links to the offline edition's zip only in the build the deploy workflow adds
it to (``FINDINGS_OFFLINE_ZIP=1``); anywhere else the link would lead nowhere."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from conftest import ROOT
from findings.data import read_data
from findings.model import build_model
from findings.pages import plan_pages
from findings.project import OFFLINE_ZIP_SWITCH, load_project
from findings.site import generate_files

Make = Callable[[Mapping[str, str | None]], Path]
ZIP = "downloads/findings-offline.zip"


def toolkit_page(folder: Path, offline: bool = False) -> str:
    """The toolkit page as a build makes it (the other pages left out: rendering them would be
    most of the time)."""
    findings = build_model(read_data(folder, "data"))
    project = load_project(ROOT / "mkdocs.yml", offline=offline)
    toolkit = [page for page in plan_pages(findings) if page.url == "toolkit/"]
    files = {f.path: f.text for f in generate_files(findings, project, toolkit)}
    return files["toolkit/index.md"]


@pytest.mark.parametrize(("switch", "offline", "linked"), [
    (None, False, False), ("1", False, True), ("1", True, False)])
def test_the_zip_is_linked_only_when_the_deploy_adds_it(
        data_folder: Make, monkeypatch: pytest.MonkeyPatch, switch: str | None, offline: bool,
        linked: bool) -> None:
    if switch is None:
        monkeypatch.delenv(OFFLINE_ZIP_SWITCH, raising=False)
    else:
        monkeypatch.setenv(OFFLINE_ZIP_SWITCH, switch)
    page = toolkit_page(data_folder({}), offline)
    assert (ZIP in page) is linked
