"""``findings new KIND``: a skeleton with an unused id whose placeholders fail the checks until
they are replaced, and the placeholder check itself."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from conftest import MINIMAL, STUDY, run_findings
from findings.data import read_data

Make = Callable[[Mapping[str, str | None]], Path]
PLACEHOLDER_ERROR = "expected real content, found a placeholder"

#: What a maintainer writes in place of each placeholder, per field.
FILLED = {
    "text": "Words a participant said.",
    "kind": "participant",
    "speaker": "Participant",
    "themes": "[one]",
    "source": "focus group 2",
    "consent": "consented",
    "title": "A title",
    "summary": "A summary.",
    "description": "A description.",
    "actions": "[Do one thing]",
    "level": "program",
    "audiences": "[Program directors]",
    "basis": "derived",
    "effort": "low",
    "timeframe": "immediate",
}


def new(kind: str, folder: Path) -> str:
    run = run_findings("new", kind, "--data", str(folder))
    assert run.code == 0, run.err
    return run.out


def fill(skeleton: str) -> str:
    """Replace every placeholder value, as the comment at its top asks (the id too)."""
    def value(match: re.Match[str]) -> str:
        return f"{match[1]}: {FILLED[match[1]]}"
    filled = re.sub(r'^(\w+): \[?"TODO[^\n]*', value, skeleton, flags=re.MULTILINE)
    return re.sub(r"^id: new-(\w+)-1", r"id: a-real-\1", filled, flags=re.MULTILINE)


def errors(folder: Path) -> list[str]:
    return [p.format() for p in read_data(folder, "data").problems if p.severity == "error"]


def test_new_quote_unreplaced_fails_replaced_passes(data_folder: Make) -> None:
    # A lone quote is a group of one, which the disclosure guard warns about: not this test's.
    folder = data_folder({"settings.yml": "disclosure:\n  k: 1\n"})
    skeleton = new("quote", folder)
    assert re.search(r"^id: new-quote-1\b", skeleton, re.MULTILINE)
    (folder / "quotes" / "new.yml").write_text(skeleton, encoding="utf-8")
    found = errors(folder)
    assert {p.split("] ")[1].split(":")[0] for p in found} == {
        "text", "kind", "speaker", "themes[0]", "source", "consent"}
    assert all(PLACEHOLDER_ERROR in p for p in found), found
    assert run_findings("check", "--data", str(folder)).code == 1

    (folder / "quotes" / "new.yml").write_text(fill(skeleton), encoding="utf-8")
    assert errors(folder) == []
    assert run_findings("check", "--strict", "--data", str(folder)).code == 0

    # Uncommenting the draft switch is all it takes: its value is written, not a TODO.
    drafted = fill(skeleton).replace("\n# draft: ", "\ndraft: ")
    (folder / "quotes" / "new.yml").write_text(drafted, encoding="utf-8")
    assert errors(folder) == []
    quote = next(i for i in read_data(folder, "data").items["quotes"] if i.id == "a-real-quote")
    assert quote.values["draft"] is True


@pytest.mark.parametrize("kind", ["theme", "recommendation"])
def test_new_theme_and_recommendation_pass_once_filled(data_folder: Make, kind: str) -> None:
    folder = data_folder({})
    skeleton = new(kind, folder)
    path = folder / f"{kind}s" / "new.yml"
    path.write_text(skeleton, encoding="utf-8")
    assert errors(folder) and all(PLACEHOLDER_ERROR in p for p in errors(folder))
    path.write_text(fill(skeleton), encoding="utf-8")
    assert errors(folder) == []


def test_the_new_id_is_used_by_no_live_retired_or_recorded_item(data_folder: Make) -> None:
    folder = data_folder({
        "quotes/more.yml": """
            id: new-quote-1
            text: Words.
            kind: finding
            speaker: Study authors
            themes: [one]
            source: s
        """,
        "redirects.yml": "quotes:\n  new-quote-2: new-quote-1\n",
        "published.yml": "quotes: [new-quote-1, new-quote-2, new-quote-3, q-one]\n",
    })
    assert "\nid: new-quote-4 " in new("quote", folder)
    assert "\nid: new-theme-1 " in new("theme", folder)


def test_a_new_theme_takes_the_next_number() -> None:
    assert "\nnumber: 6\n" in new("theme", STUDY)


def test_the_skeleton_lists_the_allowed_values_and_comments_out_optional_fields() -> None:
    skeleton = new("quote", STUDY)
    assert "one of: Study authors, Library volunteers" in skeleton
    assert "\n# context: " in skeleton and "\n# participant: " in skeleton


def test_wrong_kind_or_folder_is_wrong_usage(tmp_path: Path) -> None:
    assert run_findings("new", "toolkit").code == 2
    assert run_findings("new", "quote", "--data", str(tmp_path / "nowhere")).code == 2


@pytest.mark.parametrize(("line", "field"), [
    ("title: TODO", "title"),
    ("title: 'TODO: the study title'", "title"),
    ("year: TODO", "year"),
    ("speakers: [Study authors, TODO]", "speakers[1]"),
])
def test_any_placeholder_is_an_error(data_folder: Make, line: str, field: str) -> None:
    key = line.split(":", maxsplit=1)[0]
    rows = textwrap.dedent(MINIMAL["study.yml"]).strip().splitlines()
    study = "\n".join(line if row.startswith(f"{key}:") else row for row in rows)
    found = errors(data_folder({"study.yml": study}))
    assert any(f"error: {field}: {PLACEHOLDER_ERROR}" in p for p in found), found


def test_the_placeholder_id_is_refused_by_strict_until_a_real_one_is_chosen(
        data_folder: Make) -> None:
    folder = data_folder({})
    skeleton = fill(new("quote", folder)).replace("id: a-real-quote", "id: new-quote-1")
    (folder / "quotes" / "new.yml").write_text(skeleton, encoding="utf-8")
    run = run_findings("check", "--strict", "--data", str(folder))
    assert run.code == 1
    assert "data/quotes/new.yml:3:5: warning: [new-quote-1] id: expected a meaningful id, found " \
        "the placeholder 'new-quote-1' that `findings new` wrote" in run.err
    assert run_findings("check", "--data", str(folder)).code == 0, "only a warning"
    (folder / "quotes" / "new.yml").write_text(
        skeleton.replace("id: new-quote-1", "id: on-call-alone"), encoding="utf-8")
    # The one participant quote's speaker is a group of one: reviewed, as a maintainer would.
    (folder / "disclosure-allow.yml").write_text(
        "- quote: on-call-alone\n  match: Participant\n  reason: synthetic test data\n",
        encoding="utf-8")
    assert run_findings("check", "--strict", "--data", str(folder)).code == 0
