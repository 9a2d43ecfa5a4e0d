"""The tests' in-process runner (``conftest.run_findings``) behaves as the command run in its
own process: each run's own streams, folder and environment, the exit status the interpreter
would give. (The end-to-end runs, marked ``end_to_end``, compare the two on whole builds.)"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

import pytest

from conftest import run_findings
from findings import engine


def _fake_check(monkeypatch: pytest.MonkeyPatch, body: object) -> None:
    monkeypatch.setattr("findings.cli.run_check", body)


def test_engine_messages_reach_the_stderr_of_their_own_run(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def check(args: argparse.Namespace) -> int:
        engine._log_to_stderr(logging.WARNING)  # as each build does
        logging.getLogger("mkdocs").warning("from the run on %s", args.data)
        return 0

    _fake_check(monkeypatch, check)
    first, second = run_findings("check", "--data", "one"), run_findings("check", "--data", "two")
    assert "from the run on one" in first.err and "two" not in first.err
    assert "from the run on two" in second.err and "one" not in second.err


def test_folder_and_environment_are_the_runs_own_and_restored(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: dict[str, object] = {}

    def check(args: argparse.Namespace) -> int:
        seen.update(cwd=Path.cwd(), actions=os.environ.get("GITHUB_ACTIONS"),
                    url=os.environ.get("FINDINGS_SITE_URL"))
        print("out")
        return 1

    _fake_check(monkeypatch, check)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # the tests' own CI: never the command's
    before = Path.cwd()
    run = run_findings("check", cwd=tmp_path, env={"FINDINGS_SITE_URL": "https://x.example/"})
    assert (run.code, run.out) == (1, "out\n")
    assert seen == {"cwd": tmp_path, "actions": None, "url": "https://x.example/"}
    assert Path.cwd() == before
    assert os.environ["GITHUB_ACTIONS"] == "true" and "FINDINGS_SITE_URL" not in os.environ


def test_an_uncaught_exception_is_exit_1_with_a_traceback(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    def check(args: argparse.Namespace) -> int:
        raise RuntimeError("a defect")

    _fake_check(monkeypatch, check)
    run = run_findings("check")
    assert run.code == 1
    assert "Traceback" in run.err and "RuntimeError: a defect" in run.err


def test_usage_errors_exit_2_as_argparse_does() -> None:
    run = run_findings("frobnicate")
    assert run.code == 2 and "invalid choice" in run.err
