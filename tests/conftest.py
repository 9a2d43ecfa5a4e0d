"""Shared helpers: the project's paths, running the ``findings`` command, data folders."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
REAL_DATA = ROOT / "themes_data"  # only checked and built (tests/site/test_real_study.py)
#: A made-up study of the real one's shape: tests that need a whole study use it.
STUDY = FIXTURES / "synthetic-study"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the golden pages from the current output")


@dataclass
class Run:
    code: int
    out: str
    err: str


#: Variables that change what the command prints: tests set them only on purpose (``env``).
OWN_ENV = ("GITHUB_ACTIONS", "FINDINGS_DENY_LIST")


def run_findings(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> Run:
    """Run the real command, as a maintainer would (not in GitHub Actions, no deny-list)."""
    return run_findings_process(*args, cwd=cwd, env=env)


def run_findings_process(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
                         ) -> Run:
    """The real command in its own Python process (``python -m findings``), end to end."""
    environ = {k: v for k, v in os.environ.items() if k not in OWN_ENV} | (env or {})
    done = subprocess.run([sys.executable, "-m", "findings", *args], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=300, check=False)
    return Run(done.returncode, done.stdout, done.stderr)


MINIMAL = {
    "study.yml": """
        title: A minimal study
        authors:
          - name: Ada Example
        venue: Test Venue
        year: 2024
        abstract:
          Methods: We did things.
        speakers: [Study authors, Participant]
        license: CC-BY-4.0
        audiences: [Program directors]
    """,
    "themes/one.yml": """
        id: one
        number: 1
        title: Theme one
        summary: The first finding.
        description: About the first theme.
        source: "abstract: results"
    """,
    "quotes/q.yml": """
        - id: q-one
          text: Words of a finding.
          kind: finding
          speaker: Study authors
          themes: [one]
          source: "abstract: results"
    """,
    "recommendations/r.yml": """
        id: r-one
        title: Do the thing
        summary: A summary.
        actions: [Step one]
        level: program
        audiences: [Program directors]
        basis: stated
        themes: [one]
        quotes: [q-one]
        effort: low
        timeframe: immediate
        source: "abstract: conclusion"
    """,
}


def write_folder(root: Path, files: dict[str, str | None]) -> Path:
    """A data folder from ``MINIMAL``, changed by ``files`` (``None`` deletes a file)."""
    merged: dict[str, str | None] = {**MINIMAL, **files}
    for name, text in merged.items():
        if text is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def data_folder(tmp_path: Path) -> Callable[[dict[str, str | None]], Path]:
    def make(files: dict[str, str | None]) -> Path:
        return write_folder(tmp_path / "data", files)
    return make


SITES = {"study": STUDY, "other": FIXTURES / "other-study", "payloads": FIXTURES / "payloads"}


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The synthetic study, another study and the payload study, each built once per run."""
    out = tmp_path_factory.mktemp("sites")
    for name, data in SITES.items():
        run = run_findings("build", "--data", str(data), "--site-dir", str(out / name))
        assert run.code == 0, run.err
    return {name: out / name for name in SITES}


def html_pages(site: Path) -> list[Path]:
    """Every page a reader can open (redirect stubs included), in a stable order."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)
