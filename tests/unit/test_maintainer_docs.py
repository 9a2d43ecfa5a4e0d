"""What maintainers read stays true: the new files, commands and options are documented."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from findings.schema import GUARD_KINDS, Kind
from findings.types import ListOf, Record


def read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def field_names(record: Record, prefix: str = "") -> list[str]:
    names = []
    for f in record.fields:
        names.append(prefix + f.name)
        if isinstance(f.type, Record):
            names += field_names(f.type, f"{prefix}{f.name}.")
        elif isinstance(f.type, ListOf) and isinstance(f.type.item, Record):
            names += field_names(f.type.item, f"{prefix}{f.name}[].")
    return names


@pytest.mark.parametrize("kind", GUARD_KINDS, ids=lambda k: k.name)
def test_every_guard_file_and_field_is_in_the_data_dictionary(kind: Kind) -> None:
    dictionary = read("DATA-DICTIONARY.md")
    assert f"## {kind.folder}.yml" in dictionary
    for name in field_names(kind.record):
        assert f"| `{name}` |" in dictionary


@pytest.mark.parametrize("kind", GUARD_KINDS, ids=lambda k: k.name)
def test_editors_know_each_guard_file(kind: Kind) -> None:
    schemas = json.loads(read(".vscode/settings.json"))["yaml.schemas"]
    assert f"themes_data/{kind.folder}.yml" in schemas[
        f"themes_data/.schemas/{kind.name}.schema.json"]


@pytest.mark.parametrize("term", ["findings release", "findings new", "findings schemas",
                                  "--published-from", "--strict", "--deny-list",
                                  "FINDINGS_DENY_LIST", "GITHUB_ACTIONS", "CONTRIBUTING.md"])
def test_readme_documents_the_commands_and_options(term: str) -> None:
    assert term in read("README.md")


@pytest.mark.parametrize("term", [
    "findings new quote", "findings new theme", "findings new recommendation",
    "redirects.yml", "withdrawn", "make serve", "findings release", "FINDINGS_DENY_LIST",
    "disclosure-allow.yml", "settings.yml", "--strict", "::error file=", "site-preview",
    "changelog.yml", "--published-from", "FINDINGS_SITE_URL", "toolkit-questions",
    "toolkit-discussions", "make schemas", "content/",
])
def test_contributing_covers_each_task(term: str) -> None:
    assert term in read("CONTRIBUTING.md")


@pytest.mark.parametrize("item", ["Source named", "De-identified", "Consent recorded",
                                  "Stated vs derived"])
def test_the_pull_request_checklist(item: str) -> None:
    assert f"- [ ] **{item}**" in read(".github/pull_request_template.md")
