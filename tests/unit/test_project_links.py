"""A link in ``content/`` or ``overrides/`` that leads outside its folder is never published.

The engine copies those folders into the site and follows links as it goes: a pull request
adding ``content/notes.txt -> ~/.git-credentials`` would publish the build machine's secret.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, write_folder
from findings.cli import main

SECRET = "TOKEN=not-for-the-site"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's config, pages and theme, a data folder that builds, and a
    secret outside them."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    write_folder(root / "data", {})
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "credentials.txt").write_text(SECRET)
    (tmp_path / "secret" / "notes.md").write_text(f"# Notes\n\n{SECRET}\n")
    monkeypatch.chdir(root)
    return root


def _build(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["build", "--data", "data", "--site-dir", "site"])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("link", "target"), [
    ("content/credentials.txt", "secret/credentials.txt"),
    ("content/notes.md", "secret/notes.md"),
    ("content/private", "secret"),
    ("overrides/assets/credentials.txt", "secret/credentials.txt"),
])
def test_a_link_leading_outside_the_pages_or_theme_is_refused(
        project: Path, capsys: pytest.CaptureFixture[str], link: str, target: str) -> None:
    (project / link).symlink_to(project.parent / target)
    code, err = _build(capsys)
    assert code == 1
    assert err.splitlines() == [
        f"{link}:1:1: error: expected a file or folder inside {link.partition('/')[0]}/, found a "
        "link that leads outside it: never published, remove the link or copy what it leads "
        "to into the folder"]
    assert not (project / "site").exists()


@pytest.mark.engine
def test_a_link_inside_the_pages_is_published(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "about-us.md").symlink_to("about.md")
    code, err = _build(capsys)
    assert code == 0, err
    assert (project / "site" / "about-us" / "index.html").is_file()
    assert not any(SECRET in p.read_text(errors="replace")
                   for p in (project / "site").rglob("*") if p.is_file())
