"""The GitHub Actions workflows: valid for GitHub (check-jsonschema's vendored schema), and
doing what CONTRIBUTING.md says they do."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from findings.project import OFFLINE_ZIP_SWITCH

WORKFLOWS = ROOT / ".github" / "workflows"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
CONTAINER = "python:3.11-bookworm"
OFFLINE_SITE = "offline/findings-site"


def workflow(name: str) -> dict[Any, Any]:
    loaded = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def steps(job: dict[str, Any]) -> list[str]:
    """Each step as the action it uses or the command it runs."""
    return [step.get("uses") or step.get("run", "").strip() for step in job["steps"]]


def test_workflows_pass_the_github_workflow_schema() -> None:
    """Both files in one run of the checker (a Python start is most of its time); its
    report names the file that fails."""
    done = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows",
         str(WORKFLOWS / "pull-request.yml"), str(WORKFLOWS / "deploy.yml")],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pull_requests_build_check_strictly_test_and_attach_the_site() -> None:
    flow = workflow("pull-request.yml")
    assert "pull_request" in flow[True]  # PyYAML reads the key `on` as true
    (job,) = flow["jobs"].values()
    assert job["container"] == CONTAINER
    run = steps(job)
    order = ["make site", "make offline", "actions/upload-artifact@", "findings check --strict",
             "make test"]
    found = [next(i for i, step in enumerate(run) if want in step) for want in order]
    assert found == sorted(found), run


def test_reviewers_download_the_edition_that_works_opened_from_disk() -> None:
    """The pull request's site preview is what `make offline` builds for opening from disk
    (file:// links, search inlined), not the web build, whose pages need a web server."""
    (job,) = workflow("pull-request.yml")["jobs"].values()
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-art"))
    assert upload["with"]["path"].rstrip("/") == OFFLINE_SITE
    assert f"--site-dir {OFFLINE_SITE}" in make_recipe("offline")


def test_the_offline_zip_is_linked_only_when_the_deploy_adds_it() -> None:
    """The build that sets FINDINGS_OFFLINE_ZIP (the toolkit then links to the zip) is the one
    a later step of the same job adds downloads/findings-offline.zip to; no other does."""
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for name, job in workflow(path.name)["jobs"].items():
            flagged = [i for i, step in enumerate(job["steps"])
                       if str((step.get("env") or {}).get(OFFLINE_ZIP_SWITCH)) == "1"]
            adds = [i for i, step in enumerate(job["steps"])
                    if "cp offline/findings-offline.zip site/downloads/" in step.get("run", "")]
            assert all(adds and min(adds) > i for i in flagged), f"{path.name}:{name}"
            assert not adds or flagged, f"{path.name}:{name}: the zip is added but not linked"
    deploy = workflow("deploy.yml")["jobs"]["build"]["steps"]
    assert any((s.get("env") or {}).get(OFFLINE_ZIP_SWITCH) == "1" for s in deploy)


def make_recipe(target: str) -> str:
    """The commands of a Makefile target, joined."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return "\n".join(recipe)


def test_pushes_to_main_deploy_to_pages() -> None:
    flow = workflow("deploy.yml")
    assert flow[True]["push"]["branches"] == ["main"]
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert build["container"] == CONTAINER
    assert [action(s.splitlines()[0]) for s in steps(build)[1:]] == [
        "actions/configure-pages", "make site", FIRST_DEPLOYMENT, "make offline",
        "actions/upload-pages-artifact"]
    assert "FINDINGS_SITE_URL" in str(build["steps"])
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [action(s) for s in steps(deploy)] == ["actions/deploy-pages"]


#: The first line of the deploy's comparison: it first asks whether there is a live site.
FIRST_DEPLOYMENT = ("status=$(curl --silent --location --output /dev/null --write-out "
                    "'%{http_code}' \"$RECORD\" || true)")
#: The first line of the step that compares the data with the live site's record.
COMPARE_STEP = ("if ! env -u GITHUB_ACTIONS .venv/bin/findings check --published-from "
                '"$RECORD"; then')
COMPARE = re.compile(r'^if ! env -u GITHUB_ACTIONS \.venv/bin/findings check --published-from '
                     r'"\$RECORD"; then\n  echo "::error title=Published ids::.*"\n  exit 1\nfi$',
                     re.MULTILINE)


@pytest.mark.parametrize(("name", "job", "after", "before"), [
    ("pull-request.yml", "check", "make site", "make test"),
    ("deploy.yml", "build", "make site", "actions/upload-pages-artifact"),
])
def test_both_workflows_compare_with_the_live_record_and_annotate_a_failure(
        name: str, job: str, after: str, before: str) -> None:
    """A push to main or a manual run must not deploy what the pull-request check would have
    stopped: both run the same comparison (the deploy's before upload), and a failure, a 404
    once a release is recorded included, fails the job with an annotation."""
    run = steps(workflow(name)["jobs"][job])
    compare = [i for i, step in enumerate(run) if COMPARE.search(step)]
    assert len(compare) == 1, run
    first = next(i for i, step in enumerate(run) if after in step)
    last = next(i for i, step in enumerate(run) if before in step)
    assert first < compare[0] < last, run


#: What each action does with the job's GITHUB_TOKEN, from its own documentation and source:
#: the permissions a job must grant for it to work. An action missing here fails the test, so
#: adding one means looking up what it needs.
NEEDS: dict[str, dict[str, str]] = {
    "actions/checkout": {"contents": "read"},
    # Reads the Pages settings (GET /repos/{owner}/{repo}/pages) for the site's base_url,
    # and stops the job when it cannot.
    "actions/configure-pages": {"pages": "read"},
    # Uploads with the runner's own artifact token, not GITHUB_TOKEN.
    "actions/upload-pages-artifact": {},
    "actions/upload-artifact": {},
    # Deploys the artifact and proves its origin with an OIDC token.
    "actions/deploy-pages": {"pages": "write", "id-token": "write"},
}
LEVEL = {"none": 0, "read": 1, "write": 2}
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


def action(step: str) -> str:
    """``owner/name`` of a ``uses:`` value (the ref dropped); a command stays as it is."""
    name = step.partition("@")[0]
    return name if "@" in step and " " not in name else step


def granted(flow: dict[str, Any], job: dict[str, Any]) -> dict[str, str]:
    """A job's token permissions: its own block replaces the workflow's (GitHub's rule)."""
    perms = job.get("permissions", flow.get("permissions", {}))
    assert isinstance(perms, dict), "use explicit permissions, never read-all or write-all"
    return perms


def jobs() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Every job of every workflow, each file read once (at collection, in each worker)."""
    flows = {path.name: workflow(path.name) for path in sorted(WORKFLOWS.glob("*.yml"))}
    return [(f"{name}:{job_name}", flow, job)
            for name, flow in flows.items() for job_name, job in flow["jobs"].items()]


JOBS = jobs()


@pytest.mark.parametrize(("where", "flow", "job"), JOBS, ids=[j[0] for j in JOBS])
def test_each_job_grants_what_its_actions_need_and_no_more(
        where: str, flow: dict[str, Any], job: dict[str, Any]) -> None:
    used = [action(s["uses"]) for s in job["steps"] if "uses" in s]
    unknown = [name for name in used if name not in NEEDS]
    assert not unknown, f"{where}: add what {unknown} needs to NEEDS"
    needed: dict[str, str] = {}
    for name in used:
        for scope, level in NEEDS[name].items():
            if LEVEL[level] > LEVEL[needed.get(scope, "none")]:
                needed[scope] = level
    assert granted(flow, job) == needed, where


#: The most any job may run before GitHub stops it (its default is six hours: a hung build
#: would hold a runner, and the deploy the Pages concurrency group, that long).
LONGEST_MINUTES = 60


@pytest.mark.parametrize(("where", "flow", "job"), JOBS, ids=[j[0] for j in JOBS])
def test_every_job_has_a_sensible_timeout(where: str, flow: dict[str, Any],
                                         job: dict[str, Any]) -> None:
    minutes = job.get("timeout-minutes")
    assert isinstance(minutes, int) and 0 < minutes <= LONGEST_MINUTES, \
        f"{where}: expected timeout-minutes from 1 to {LONGEST_MINUTES}, found {minutes!r}"


def test_workflows_grant_nothing_by_default() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        assert workflow(path.name)["permissions"] == {}, path.name


def test_every_action_is_pinned_to_a_full_commit_with_its_version() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "uses:" in line:
                assert PINNED.match(line), f"{path.name}:{number}: {line.strip()}"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _deploy_comparison(record: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The deploy job's comparison step, run as Actions runs it (bash, ``RECORD`` set), with a
    ``findings`` that only says it ran."""
    step = next(s for s in steps(workflow("deploy.yml")["jobs"]["build"])
                if s.startswith(FIRST_DEPLOYMENT))
    fake = tmp_path / ".venv" / "bin" / "findings"
    fake.parent.mkdir(parents=True, exist_ok=True)
    fake.write_text("#!/bin/sh\necho compared \"$@\"\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    return subprocess.run(["bash", "-c", step], cwd=tmp_path, env={"PATH": "/usr/bin:/bin",
                          "RECORD": record}, capture_output=True, text=True, timeout=60,
                          check=False)


def test_the_first_deployment_is_not_stopped_by_the_site_it_is_about_to_make(
        tmp_path: Path) -> None:
    """Nothing at the address GitHub Pages gives (HTTP 404) is the first deployment: a warning,
    and the job goes on; an answer that is not a 404 goes to the comparison, whose failure
    stops the job with an annotation."""
    (tmp_path / "served" / "data").mkdir(parents=True)
    (tmp_path / "served" / "data" / "findings.json").write_text("{}", encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(tmp_path / "served"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        first = _deploy_comparison(f"{base}/nothing/data/findings.json", tmp_path)
        later = _deploy_comparison(f"{base}/data/findings.json", tmp_path)
    finally:
        server.shutdown()
    assert first.returncode == 0, first.stdout + first.stderr
    assert "::warning title=Published ids::" in first.stdout
    assert "compared" not in first.stdout
    assert later.returncode == 1
    assert "compared check --published-from" in later.stdout
    assert "::error title=Published ids::" in later.stdout
