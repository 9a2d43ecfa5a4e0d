"""The GitHub Actions workflows: valid for GitHub (check-jsonschema's vendored schema), and
doing what CONTRIBUTING.md says they do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
CONTAINER = "python:3.11-bookworm"


def workflow(name: str) -> dict[Any, Any]:
    loaded = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def steps(job: dict[str, Any]) -> list[str]:
    """Each step as the action it uses or the command it runs."""
    return [step.get("uses") or step.get("run", "").strip() for step in job["steps"]]


@pytest.mark.parametrize("name", ["pull-request.yml", "deploy.yml"])
def test_workflow_passes_the_github_workflow_schema(name: str) -> None:
    done = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows",
         str(WORKFLOWS / name)],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pull_requests_build_check_strictly_test_and_attach_the_site() -> None:
    flow = workflow("pull-request.yml")
    assert "pull_request" in flow[True]  # PyYAML reads the key `on` as true
    (job,) = flow["jobs"].values()
    assert job["container"] == CONTAINER
    run = steps(job)
    order = ["make site", "actions/upload-artifact@v4", "findings check --strict", "make test"]
    found = [next(i for i, step in enumerate(run) if want in step) for want in order]
    assert found == sorted(found), run
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-art"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_pushes_to_main_deploy_to_pages_with_only_the_permissions_needed() -> None:
    flow = workflow("deploy.yml")
    assert flow[True]["push"]["branches"] == ["main"]
    assert flow["permissions"] == {"contents": "read"}
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert build["container"] == CONTAINER
    assert [s.splitlines()[0] for s in steps(build)[1:]] == [
        "actions/configure-pages@v5", "make site", "make offline",
        "actions/upload-pages-artifact@v3"]
    assert "FINDINGS_SITE_URL" in str(build["steps"])
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert steps(deploy) == ["actions/deploy-pages@v4"]
