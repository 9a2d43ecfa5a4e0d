"""Editors' schemas that know this study (issue 12.9): ``findings schemas --data DIR`` writes
JSON Schemas with the study's theme, quote and recommendation ids, speakers and audiences, and
they accept exactly what ``check`` accepts."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import MINIMAL, run_findings
from findings.data import read_data
from findings.jsonschema import study_schemas

Make = Callable[[Mapping[str, str | None]], Path]


def schemas_for(folder: Path) -> Path:
    run = run_findings("schemas", "--data", str(folder))
    assert run.code == 0, run.err
    return folder / ".schemas"


def validator(folder: Path, name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_the_schemas_know_the_study_ids_speakers_and_audiences(data_folder: Make) -> None:
    out = schemas_for(data_folder({}))
    quotes = json.loads((out / "quotes.schema.json").read_text(encoding="utf-8"))
    quote = quotes["$defs"]["quote"]["properties"]
    assert quote["speaker"]["enum"] == ["Study authors", "Participant"]
    assert quote["themes"]["items"]["enum"] == ["one"]
    recs = json.loads((out / "recommendations.schema.json").read_text(encoding="utf-8"))
    rec = recs["$defs"]["recommendation"]["properties"]
    assert rec["quotes"]["items"]["enum"] == ["q-one"]
    assert rec["audiences"]["items"]["enum"] == ["Program directors"]
    toolkit = json.loads((out / "toolkit.schema.json").read_text(encoding="utf-8"))
    assert toolkit["$defs"]["self-assessment-question"]["properties"]["recommendations"][
        "items"]["enum"] == ["r-one"]


QUOTE = yaml.safe_load(MINIMAL["quotes/q.yml"].replace("\n        ", "\n"))[0]


@pytest.mark.parametrize("change", [
    {},
    {"themes": ["onee"]},
    {"speaker": "Study author"},
    {"text": "TODO: the excerpt, verbatim"},
    {"text": "TODO"},
    {"text": "   "},
    {"text": "TODO is what they said"},
    {"id": "index"},
    {"id": "Not A Slug"},
    {"kind": "participant"},
    {"kind": "participant", "consent": "consented", "speaker": "Participant"},
    {"context": "See [x](theme:one)."},
    {"tags": ["a", "a"]},
    {"colour": "red"},
    # Unquoted numbers and booleans: the editor reads a number, check the text as written.
    {"text": 2023, "source": 12},
    {"context": True},
    {"id": 2023},
    {"id": 1.5},
])
def test_the_schemas_accept_exactly_what_check_accepts(data_folder: Make,
                                                       change: dict[str, object]) -> None:
    folder = data_folder({})
    schema = json.loads(study_schemas(read_data(folder, "data"))["quotes.schema.json"])
    quote = {**QUOTE, **change}
    (folder / "quotes" / "q.yml").write_text(yaml.safe_dump([quote]), encoding="utf-8")
    checked = not [p for p in read_data(folder, "data").problems
                   if p.severity == "error" and "quotes/" in p.file]
    assert jsonschema.Draft202012Validator(schema).is_valid([quote]) == checked


@pytest.mark.parametrize("version", ["1.10", '"1.10"', "2", "TODO", "1.1 beta"])
def test_the_changelog_schema_accepts_exactly_what_check_accepts(data_folder: Make,
                                                                 version: str) -> None:
    """``version: 1.10`` unquoted is the number 1.1 to an editor, the text '1.10' to check."""
    text = (f"- version: {version}\n  date: '2024-01-02'\n  summary: First.\n"
            "  items: [quote:q-one]\n")
    folder = data_folder({"changelog.yml": text})
    data = read_data(folder, "data")
    checked = not [p for p in data.problems if "changelog" in p.file]
    schema = json.loads(study_schemas(data)["changelog.schema.json"])
    assert jsonschema.Draft202012Validator(schema).is_valid(yaml.safe_load(text)) == checked


def test_schemas_are_written_whatever_the_data_s_problems(data_folder: Make) -> None:
    folder = data_folder({"quotes/q.yml": "- id: q-one\n  text: [unclosed\n"})
    out = schemas_for(folder)
    assert validator(out, "themes").is_valid({"id": "two", "number": 2, "title": "t",
                                             "summary": "s", "description": "d", "source": "s"})
    assert read_data(folder, "data").items["quotes"] == [], "the .schemas folder is not data"


def test_a_schemas_folder_that_is_a_link_is_refused(data_folder: Make, tmp_path: Path) -> None:
    folder = data_folder({})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / ".schemas").symlink_to(elsewhere)
    run = run_findings("schemas", "--data", str(folder))
    assert run.code == 2
    assert list(elsewhere.iterdir()) == []
