"""Where things are: the project, its venv, the benchmark's scratch and result folders."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
WORK = BENCH / "work"
LOGS = WORK / "logs"
RESULTS = BENCH / "results"

VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
FINDINGS = VENV_BIN / "findings"
MKDOCS = VENV_BIN / "mkdocs"
CONFIG = ROOT / "mkdocs.yml"

PROPERDOCS = BENCH / ".venv-properdocs" / "bin" / "properdocs"
ZENSICAL = BENCH / ".venv-zensical" / "bin" / "zensical"
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def install_log(name: str) -> Path:
    """The log the ``bench`` target writes while installing one optional tool."""
    return LOGS / f"install-{name}.log"
