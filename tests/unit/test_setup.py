"""The set-up explains itself: a Python too old gets one sentence naming the versions
supported, a broken ``.venv`` is rebuilt, and every runtime dependency is pinned."""

from __future__ import annotations

import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

SET_UP_FILES = ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of what the set-up reads, in a folder of its own."""
    for name in SET_UP_FILES:
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def fake_python(folder: Path, version: str, runs: bool = True) -> Path:
    """A stand-in ``python`` that reports ``version`` and whose ``-c`` checks all fail (as a
    too-old Python's version check does) or all pass."""
    path = folder / "fake-python"
    path.write_text("#!/bin/sh\n"
                    f'if [ "$1" = --version ]; then echo "Python {version}"; exit 0; fi\n'
                    f"exit {0 if runs else 1}\n")
    path.chmod(0o755)
    return path


def make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=project,
                          capture_output=True, text=True, timeout=60, check=False)


def test_a_python_too_old_gets_one_sentence_before_any_install(project: Path) -> None:
    python = fake_python(project, "3.9.18", runs=False)
    done = make(project, ".venv/.runtime-installed", f"PYTHON={python}")
    assert done.returncode != 0
    assert done.stdout.splitlines()[0] == (
        f"findings needs Python 3.11 or newer, but '{python}' is Python 3.9.18: install "
        "Python 3.11+, then run make again with PYTHON=python3.11 (or newer).")
    assert "pip" not in done.stdout + done.stderr
    assert not (project / ".venv").exists()


@pytest.mark.parametrize("how", ["dangling python", "no pip"])
def test_a_broken_venv_is_noticed_and_rebuilt(project: Path, how: str) -> None:
    bin_dir = project / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    if how == "dangling python":
        (bin_dir / "python").symlink_to(project / "python-that-was-removed")
    else:
        fake_python(bin_dir, "3.11.7", runs=False).rename(bin_dir / "python")
    for stamp in (".runtime-installed", ".dev-installed"):
        (project / ".venv" / stamp).touch()
    done = make(project, "-n", ".venv/.dev-installed")
    planned = done.stdout.splitlines()
    assert "rm -rf .venv" in planned
    assert planned.index("rm -rf .venv") < planned.index("test -x .venv/bin/python || "
                                                          "python3 -m venv .venv")


def test_a_working_venv_is_kept(project: Path) -> None:
    bin_dir = project / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    fake_python(bin_dir, "3.11.7").rename(bin_dir / "python")
    for stamp in (".runtime-installed", ".dev-installed"):
        (project / ".venv" / stamp).touch()
    done = make(project, "-n", ".venv/.dev-installed")
    assert "rm -rf" not in done.stdout, done.stdout


def pins(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==(\S+)$", line.strip())
        if match:
            found[canonicalize_name(match.group(1))] = match.group(2)
    return found


def test_every_runtime_dependency_is_pinned() -> None:
    """Everything ``findings`` needs to run, all the way down, is pinned with ``==`` in
    requirements.txt, at the version installed."""
    pinned = pins(ROOT / "requirements.txt")
    wanted, seen = ["findings"], set()
    while wanted:
        name = canonicalize_name(wanted.pop())
        if name in seen:
            continue
        seen.add(name)
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                wanted.append(requirement.name)
    unpinned = sorted(seen - {"findings"} - set(pinned))
    assert unpinned == []
    wrong = {n: (pinned[n], metadata.version(n)) for n in seen - {"findings"}
             if pinned[n] != metadata.version(n)}
    assert wrong == {}
