"""One schema: the editors' JSON Schema and the data dictionary are generated from it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import REAL_DATA, ROOT
from findings.dictionary import render_dictionary
from findings.jsonschema import OUTPUT, all_schemas
from findings.load import MAX_DEPTH, MAX_FILE_BYTES, MAX_TEXT_CHARACTERS
from findings.schema import ITEM_KINDS, STUDY, TOOLKIT_KINDS
from findings.types import MAX_DIGITS, ListOf, Record
from findings.validate import MAX_ITEMS


def test_committed_json_schemas_match_the_schema() -> None:
    committed = {p.name: p.read_text(encoding="utf-8") for p in OUTPUT.glob("*.json")}
    assert committed == all_schemas(), "run `make schemas` and commit the result"


def test_committed_data_dictionary_matches_the_schema() -> None:
    committed = (ROOT / "DATA-DICTIONARY.md").read_text(encoding="utf-8")
    assert committed == render_dictionary(), "run `make schemas` and commit the result"


@pytest.mark.parametrize("limit", [f"{MAX_FILE_BYTES:,} bytes",
                                   f"{MAX_TEXT_CHARACTERS:,} characters", f"{MAX_DIGITS} digits",
                                   f"{MAX_ITEMS:,} items", f"{MAX_DEPTH} levels"])
def test_the_readme_states_the_limits_the_checks_enforce(limit: str) -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert limit in readme


def _field_names(record: Record, prefix: str = "") -> list[str]:
    names = []
    for f in record.fields:
        names.append(prefix + f.name)
        inner = f.type.item if isinstance(f.type, ListOf) else f.type
        if isinstance(inner, Record):
            names += _field_names(inner, f"{prefix}{f.name}[].")
    return names


@pytest.mark.parametrize("kind", [STUDY, *ITEM_KINDS, *TOOLKIT_KINDS], ids=lambda k: k.name)
def test_every_field_is_in_the_data_dictionary(kind: object) -> None:
    dictionary = (ROOT / "DATA-DICTIONARY.md").read_text(encoding="utf-8")
    for name in _field_names(kind.record):  # type: ignore[attr-defined]
        assert f"| `{name}` |" in dictionary


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(all_schemas()[f"{name}.schema.json"]))


@pytest.mark.parametrize("path", sorted(REAL_DATA.rglob("*.yml")), ids=lambda p: p.name)
def test_json_schema_accepts_the_real_data(path: Path) -> None:
    kind = path.stem if path.parent == REAL_DATA else path.relative_to(REAL_DATA).parts[0]
    _validator(kind).validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("kind", "item"), [
    ("themes", {"id": "index", "number": 1, "title": "t", "summary": "s",
                "description": "d", "source": "s"}),
    ("themes", {"id": "x", "number": 1, "title": "t", "summary": "s", "description": "d",
                "source": "s", "colour": "red"}),
    ("quotes", {"id": "q", "text": "t", "kind": "participant", "speaker": "s",
                "themes": ["a"], "source": "s"}),
])
def test_json_schema_rejects_what_the_checks_reject(kind: str, item: dict[str, object]) -> None:
    assert not _validator(kind).is_valid(item)
