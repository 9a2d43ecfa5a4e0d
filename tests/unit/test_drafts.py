"""``draft: true``: an item shown in the preview only; never built, published or recorded."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
import yaml

from conftest import MINIMAL, run_findings
from findings.data import read_data
from findings.model import build_model

Make = Callable[[Mapping[str, str | None]], Path]

DRAFTS = {
    "themes/two.yml": """
        id: two
        number: 2
        title: A theme still being written
        summary: Draft-theme-words.
        description: About the draft theme.
        source: "abstract: results"
        draft: true
    """,
    "quotes/draft.yml": """
        id: draft-q
        text: Draft-quote-words not yet published.
        kind: finding
        speaker: Study authors
        themes: [two]
        source: "abstract: results"
        draft: true
    """,
    "recommendations/draft.yml": MINIMAL["recommendations/r.yml"]
    .replace("id: r-one", "id: draft-r").replace("title: Do the thing", "title: Draft-rec-words")
    .rstrip() + "\n        draft: true\n",
}
WORDS = ("Draft-theme-words", "Draft-quote-words", "Draft-rec-words", "draft-q", "draft-r")


@pytest.mark.engine
def test_a_build_leaves_drafts_out_of_every_file(data_folder: Make, tmp_path: Path) -> None:
    folder = data_folder(DRAFTS)
    site = tmp_path / "site"
    run = run_findings("build", "--data", str(folder), "--site-dir", str(site))
    assert run.code == 0, run.err
    leaks = [(path.relative_to(site).as_posix(), word)
             for path in site.rglob("*") if path.is_file() and path.suffix != ".zip"
             for word in WORDS if word in path.read_text(encoding="utf-8", errors="replace")]
    assert leaks == []
    assert not (site / "themes" / "two").exists()


def test_the_preview_model_keeps_drafts(data_folder: Make) -> None:
    data = read_data(data_folder(DRAFTS), "data")
    preview = build_model(data, drafts=True)
    published = build_model(data)
    assert sorted(t.id for t in preview.themes) == ["one", "two"]
    assert sorted(q.id for q in preview.quotes) == ["draft-q", "q-one"]
    assert sorted(r.id for r in preview.recommendations) == ["draft-r", "r-one"]
    assert ([t.id for t in published.themes], [q.id for q in published.quotes],
            [r.id for r in published.recommendations]) == (["one"], ["q-one"], ["r-one"])


def test_a_published_item_cannot_lean_on_a_draft(data_folder: Make) -> None:
    folder = data_folder({**DRAFTS, "quotes/q.yml": MINIMAL["quotes/q.yml"].replace(
        "themes: [one]", "themes: [one, two]")})
    run = run_findings("check", "--data", str(folder))
    assert run.code == 1
    assert (f"{folder}/quotes/q.yml:5:17: error: [q-one] themes[1]: expected a published "
            "theme, found 'two', a draft (draft: true)") in run.err


def test_release_does_not_record_drafts(data_folder: Make) -> None:
    folder = data_folder(DRAFTS)
    run = run_findings("release", "--data", str(folder))
    assert run.code == 0, run.err
    record = yaml.safe_load((folder / "published.yml").read_text(encoding="utf-8"))
    assert record == {"themes": ["one"], "quotes": ["q-one"], "recommendations": ["r-one"]}


def test_a_published_item_cannot_become_a_draft(data_folder: Make) -> None:
    """Its permalink would break: the build leaves drafts out."""
    folder = data_folder({})
    assert run_findings("release", "--data", str(folder)).code == 0
    quote = folder / "quotes" / "q.yml"
    quote.write_text(quote.read_text(encoding="utf-8") + "  draft: true\n", encoding="utf-8")
    run = run_findings("check", "--data", str(folder))
    assert run.code == 1
    assert (f"{folder}/quotes/q.yml:7:3: error: [q-one] draft: expected quote 'q-one' to stay "
            "published (published.yml records it), found draft: true") in run.err
