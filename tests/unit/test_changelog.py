"""The changelog: checked like every other file, then shown as dates on each item's page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from conftest import FIXTURES, run_findings, write_folder
from findings.data import read_data
from findings.model import build_model

Make = Callable[[Mapping[str, str | None]], Path]


def problems_of(folder: Path) -> list[str]:
    return [p.format() for p in read_data(folder, "data").problems]


def test_history_of_an_item() -> None:
    findings = build_model(read_data(FIXTURES / "other-study", "data"))
    added, changed = findings.history("recommendation", "standard-handover-checklist")
    assert added is not None and added.version == "1.0"
    assert changed is not None and changed.version == "1.1"
    assert findings.history("theme", "handover-gaps")[1] is None
    assert findings.history("theme", "lone-working") == (None, None)
    assert [v.version for v in findings.versions] == ["1.1", "1.0"]


@pytest.mark.parametrize(("text", "expected"), [
    ("- version: '1'\n  date: '2024-02-30'\n  summary: s\n",
     "data/changelog.yml:2:9: error: [1] date: expected a real date, found '2024-02-30'"),
    ("- version: '1'\n  date: 2024-02-01\n  summary: s\n  items: [quote:nope]\n",
     "data/changelog.yml:4:11: error: [1] items[0]: expected the id of an existing quote, "
     "found 'nope'"),
    ("- version: '1'\n  date: 2024-02-01\n  summary: s\n  items: [film:x]\n",
     "data/changelog.yml:4:11: error: [1] items[0]: expected an item like 'quote:the-id'"),
    ("- version: '1'\n  date: 2024-02-01\n  summary: s\n- version: '1'\n  date: 2024-03-01\n"
     "  summary: t\n", "data/changelog.yml:4:12: error: [1] version: expected a unique version"),
    ("version: '1'\n", "data/changelog.yml:1:1: error: expected a list of versions, "
                       "found a mapping"),
])
def test_changelog_problems(data_folder: Make, text: str, expected: str) -> None:
    found = problems_of(data_folder({"changelog.yml": text}))
    assert any(p.startswith(expected) for p in found), found


def test_a_valid_changelog_passes(data_folder: Make) -> None:
    text = "- version: '1'\n  date: 2024-02-01\n  summary: s\n  items: [quote:q-one, theme:one]\n"
    assert problems_of(data_folder({"changelog.yml": text})) == []


def test_a_version_with_spaces_or_markup_is_refused(tmp_path: Path) -> None:
    """A version is a page anchor and a feed id: "2 </h2><b>" made an id with white space
    (invalid HTML, and a fragment no link could reach)."""
    data = write_folder(tmp_path / "data", {"changelog.yml": """
        - version: "2 </h2><b>beta_1"
          date: 2026-02-01
          summary: Second.
          items: ["quote:q-one"]
    """})
    run = run_findings("check", "--data", str(data))
    assert run.code == 1
    assert "version: expected a version like '1.1' or '2.0-rc1'" in run.err


@pytest.mark.engine
def test_every_version_the_checker_accepts_makes_a_valid_anchor(tmp_path: Path) -> None:
    data = write_folder(tmp_path / "data", {"changelog.yml": """
        - version: "2.0-rc1+build.7"
          date: 2026-02-01
          summary: Second.
          items: ["quote:q-one"]
        - version: "1.0"
          date: 2026-01-01
          summary: First.
          items: ["quote:q-one"]
    """})
    site = tmp_path / "site"
    assert run_findings("build", "--data", str(data), "--site-dir", str(site)).code == 0
    anchor = "version-2.0-rc1_2b_build.7"
    page = (site / "whats-new" / "index.html").read_text(encoding="utf-8")
    assert f'<h2 id="{anchor}">' in page
    assert '<h2 id="version-1.0">' in page
    assert f'href="../../whats-new/#{anchor}"' in \
        (site / "quotes" / "q-one" / "index.html").read_text(encoding="utf-8")
    assert f"whats-new/#{anchor}" in (site / "feed.xml").read_text(encoding="utf-8")
