"""In GitHub Actions every content problem is also a workflow command, so GitHub shows it on
the changed line of a pull request; the contract's lines on standard error stay as they are."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from conftest import run_findings
from findings.problems import Problem

Make = Callable[[Mapping[str, str | None]], Path]
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+)::(.+)$")
IN_ACTIONS = {"GITHUB_ACTIONS": "true"}


def test_a_problem_becomes_an_annotation() -> None:
    problem = Problem("data/quotes/q.yml", 7, 3, "expected text, found nothing", "q-two", "text")
    assert problem.annotation() == (
        "::error file=data/quotes/q.yml,line=7,col=3::[q-two] text: expected text, found nothing")


def test_a_warning_becomes_a_warning_annotation() -> None:
    problem = Problem("f.yml", 1, 1, "expected no exact ages, found 'aged 29'", severity="warning")
    assert problem.annotation() == (
        "::warning file=f.yml,line=1,col=1::expected no exact ages, found 'aged 29'")


def test_annotations_are_escaped_as_github_says() -> None:
    problem = Problem("odd,name:1%.yml", 2, 5, "100% sure, next: line, end")
    assert problem.annotation() == (
        "::error file=odd%2Cname%3A1%25.yml,line=2,col=5::100%25 sure, next: line, end")


FORGED = "x\n::warning file=a.yml,line=1::forged\r\n\x1b[2Kdata/a.yml:1:1: error: forged"


@pytest.mark.parametrize("problem", [
    Problem("data/q.yml", 3, 1, f"found unknown field '{FORGED}'", FORGED, FORGED),
    Problem(f"data/{FORGED}.yml", 1, 1, "expected at least one item, found an empty file"),
])
def test_a_problem_is_always_one_line_with_control_characters_shown(problem: Problem) -> None:
    for line in (problem.format(), problem.annotation()):
        assert line.isprintable(), line  # no newline, carriage return or escape: one line
        assert "\\n" in line and "\\x1b[2K" in line, "shown, not dropped"
    assert problem.annotation().startswith("::error ")


def test_invisible_characters_are_shown_so_lookalikes_differ() -> None:
    problem = Problem("q.yml", 1, 1, "expected one of the study's speakers, found "
                      "'Resident\u200b', '\u00a0Resident', 'Resi\u202edent', 'Res\ufeffident'")
    assert problem.format().endswith(
        "found 'Resident\\u200b', '\\xa0Resident', 'Resi\\u202edent', 'Res\\ufeffident'")
    assert Problem("q.yml", 1, 1, "found 'Résumé 日本 😀'").format().endswith("'Résumé 日本 😀'")


def test_in_github_actions_each_problem_is_also_annotated(data_folder: Make) -> None:
    folder = data_folder({"themes/two.yml": "id: Two\nnumber: x\n"})
    plain = run_findings("check", "--data", "data", cwd=folder.parent)
    annotated = run_findings("check", "--data", "data", cwd=folder.parent, env=IN_ACTIONS)
    assert annotated.code == plain.code == 1
    assert annotated.err == plain.err, "the contract's lines stay exactly as they were"
    annotations = [line for line in annotated.out.splitlines()
                   if line.startswith(("::error", "::warning"))]
    assert len(annotations) == len(plain.err.splitlines()) >= 3
    for annotation, line in zip(annotations, plain.err.splitlines(), strict=True):
        severity, file, row, column, message = ANNOTATION.match(annotation).groups()  # type: ignore[union-attr]
        assert line == f"{file}:{row}:{column}: {severity}: {message}"
    assert not any(line.startswith("::") for line in plain.out.splitlines())


def test_warnings_are_annotated_as_warnings(data_folder: Make) -> None:
    folder = data_folder({"quotes/p.yml": """
        id: p-one
        text: I was 29 then.
        kind: participant
        speaker: Participant
        consent: consented
        themes: [one]
        source: focus group 1
    """})
    run = run_findings("check", "--data", "data", cwd=folder.parent, env=IN_ACTIONS)
    assert run.code == 0
    assert run.out.splitlines()[0] == (
        "::warning file=data/quotes/p.yml,line=2,col=7::[p-one] text: expected no exact ages, "
        "found 'I was 29': generalise or remove it, or, once reviewed, add it to "
        "disclosure-allow.yml with a reason")


def test_only_true_turns_annotations_on(data_folder: Make) -> None:
    folder = data_folder({"themes/two.yml": "id: Two\n"})
    run = run_findings("check", "--data", str(folder), env={"GITHUB_ACTIONS": "false"})
    assert run.code == 1
    assert "::error" not in run.out
