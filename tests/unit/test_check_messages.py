"""Every message ``check`` prints for a study with many problems, compared whole (issue 10.8):
the fast paths of the check (libyaml's composer, the patterns over joined texts, the pages
known without planning them) must leave each message's text, place and order as they were.

The study is ``tests/fixtures/other-study`` with ``tests/fixtures/many-problems`` laid over it:
YAML the event builder reports, schema and reference errors, disclosure warnings of every kind
(deny-list, patterns, codes, small groups), and an allow-list with stale entries. What ``check``
prints is ``tests/golden/check-messages.txt``; rewrite it on purpose only
(``pytest tests/unit/test_check_messages.py --update-goldens``) and read its diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_findings

GOLDEN = ROOT / "tests" / "golden" / "check-messages.txt"
DENY_LIST = "Northshire General\nWendy Example\n# a comment\n"
#: A hand-written page: its item links are checked even while the data has errors.
PAGE = ("# Help\n\n[A theme](theme:handover-gaps), [gone](quote:alone-with-the-dor), "
        "[s](study/index.md)\n")


def test_every_message_of_a_study_with_many_problems_is_as_it_was(
        tmp_path: Path, request: pytest.FixtureRequest) -> None:
    shutil.copytree(FIXTURES / "other-study", tmp_path / "data")
    shutil.copytree(FIXTURES / "many-problems", tmp_path / "data", dirs_exist_ok=True)
    (tmp_path / "deny.txt").write_text(DENY_LIST, encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "help.md").write_text(PAGE, encoding="utf-8")
    run = run_findings("check", "--data", "data", "--config", "mkdocs.yml", "--deny-list",
                       "deny.txt", "--strict", cwd=tmp_path)
    printed = f"exit {run.code}\n--- standard error\n{run.err}--- standard output\n{run.out}"
    if request.config.getoption("--update-goldens"):
        GOLDEN.write_text(printed, encoding="utf-8")
    assert printed == GOLDEN.read_text(encoding="utf-8")
