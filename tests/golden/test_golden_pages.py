"""Golden pages: one per page type, rendered from the other-study fixture, compared whole.

A diff here shows exactly what a reader will see change. Rewrite on purpose only:
``pytest tests/golden --update-goldens`` (or ``make goldens``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from findings.data import read_data
from findings.model import build_model
from findings.pages import plan_pages
from findings.render import PageRenderer, SiteOptions

GOLDEN = Path(__file__).parent / "pages"


def _pages() -> dict[str, str]:
    findings = build_model(read_data(FIXTURES / "other-study", "data"))
    # As the deploy workflow builds it: with the offline edition's zip beside the site.
    renderer = PageRenderer(findings, SiteOptions("https://findings.example/", offline_zip=True))
    first: dict[str, str] = {}
    for page in plan_pages(findings):
        if page.template not in first:
            first[page.template] = renderer.render(page)
    return first


PAGES = _pages()


@pytest.mark.parametrize("template", sorted(PAGES))
def test_page_matches_its_golden(template: str, request: pytest.FixtureRequest) -> None:
    golden = GOLDEN / f"{template}.md"
    if request.config.getoption("--update-goldens"):
        golden.write_text(PAGES[template], encoding="utf-8")
    assert golden.is_file(), f"no golden for {template}: run with --update-goldens"
    assert PAGES[template] == golden.read_text(encoding="utf-8")


def test_every_page_type_has_a_golden() -> None:
    assert {p.stem for p in GOLDEN.glob("*.md")} == set(PAGES)
