"""The layers contract (``pyproject.toml``, run by ``make lint``) fails on a back-import: a
module low in the pipeline that imports the command line would make an import cycle."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_a_back_import_breaks_the_layers_contract(tmp_path: Path) -> None:
    package = tmp_path / "package" / "findings"
    shutil.copytree(ROOT / "scripts" / "findings", package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    records = package / "records.py"
    records.write_text(records.read_text(encoding="utf-8") + "\nimport findings.cli\n",
                       encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    linter = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(linter), "--no-cache"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "The pipeline's layers" in done.stdout and "BROKEN" in done.stdout
    assert "findings.records -> findings.cli" in done.stdout
