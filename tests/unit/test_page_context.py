"""Templates receive values, not modules: each page's context is made once, and a build plans
its pages and makes its open data once."""

from __future__ import annotations

import json
from collections import Counter
from types import ModuleType
from typing import Any

import pytest

from conftest import ROOT, STUDY
from findings import planned, render, site
from findings.data import read_data
from findings.model import build_model
from findings.pages import plan_pages
from findings.project import load_project


def test_a_build_plans_its_pages_and_makes_its_open_data_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: Counter[str] = Counter()

    def counted(module: ModuleType, name: str) -> None:
        original = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return original(*args, **kwargs)
        monkeypatch.setattr(module, name, wrapper)

    for module in (site, render):
        counted(module, "public_data")
    for module in (site, planned):  # the build plans through planned.pages_of
        counted(module, "plan_pages")
    findings = build_model(read_data(STUDY, "data"))
    plan = site.plan_site(findings, load_project(ROOT / "mkdocs.yml"))
    assert calls == {"plan_pages": 1, "public_data": 1}
    files = {f.path: f.text for f in plan.files}
    version = json.loads(files["data/findings.json"])["version"]
    # The page names the release; the content hash (the open data's version) is its detail.
    assert f"Content fingerprint <code>{version}</code>" in files["data/index.md"]


def test_templates_get_values_never_modules() -> None:
    findings = build_model(read_data(STUDY, "data"))
    renderer = render.PageRenderer(findings, render.SiteOptions())
    page = next(p for p in plan_pages(findings) if p.template == "study")
    values = {**renderer.env.globals, **renderer.context(page).variables()}
    assert not [name for name, value in values.items() if isinstance(value, ModuleType)]
    assert values["cite"].in_text and values["data_version"]
