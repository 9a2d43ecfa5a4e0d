"""No page's HTML grows past 150 KB with a large study: the pages whose size follows the
number of recommendations (the list, the evidence map, the action plan) are rendered here
for 200 of them (the largest the benchmark makes), in-process, without the engine.

``make bench`` measures the built pages of a 10,000-quote study (``largest page``); this is
the cheap check of the same budget that runs with every test suite.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import MINIMAL
from findings.data import read_data
from findings.model import build_model
from findings.pages import plan_pages
from findings.render import PageRenderer, SiteOptions

Make = Callable[[dict[str, str | None]], Path]
BUDGET = 150_000  # "150 KB": decimal
#: What the engine's theme adds around a page's body (header, menus, footer, scripts):
#: 25-31 KB on the fixture and benchmark sites; a generous allowance.
CHROME = 40_000
RECS = 200
THEMES = 8


def _recommendation(n: int) -> str:
    # Lengths like the benchmark's: a 60-character title, a 260-character summary, 3 actions.
    return f"""
        - id: recommendation-{n:03d}
          title: Make sure number {n:03d} never lets the evening handover slip again
          summary: "{'A synthetic summary of what this recommendation asks of a program. ' * 4}"
          actions: ["{'A step. ' * 12}", "{'Another step. ' * 8}", "{'A third. ' * 10}"]
          level: program
          audiences: [Program directors, Clinic managers, Educators]
          basis: {'stated' if n % 3 == 0 else 'derived'}
          themes: [t{n % THEMES + 1}, t{(n + 3) % THEMES + 1}]
          effort: low
          timeframe: short-term
          source: synthetic
    """


def _theme(n: int) -> str:
    return f"""
        - id: t{n}
          number: {n}
          title: A synthetic theme called number {n}
          summary: Participants described something about theme {n}.
          description: About theme {n}.
          source: synthetic
    """


def test_pages_that_list_every_recommendation_stay_under_150_kb(data_folder: Make) -> None:
    recs = "\n".join(_recommendation(n) for n in range(1, RECS + 1))
    themes = "\n".join(_theme(n) for n in range(1, THEMES + 1))
    quote = """
        - id: q-one
          text: Words of a finding.
          kind: finding
          speaker: Study authors
          themes: [t1]
          source: synthetic
    """
    study = MINIMAL["study.yml"].replace(
        "audiences: [Program directors]",
        "audiences: [Program directors, Clinic managers, Educators]")
    folder = data_folder({"study.yml": study, "recommendations/r.yml": recs,
                          "themes/one.yml": themes, "quotes/q.yml": quote})
    findings = build_model(read_data(folder, "data"))
    assert len(findings.recommendations) == RECS
    renderer = PageRenderer(findings, SiteOptions("https://site.example/"))
    sizes = {page.url: len(renderer.render(page).encode("utf-8")) + CHROME
             for page in plan_pages(findings)
             if page.url in ("recommendations/", "evidence/", "toolkit/action-plan/")}
    assert len(sizes) == 3
    assert {url: size for url, size in sizes.items() if size > BUDGET} == {}, sizes
