"""The import's documentation says what the code does: commands, owned fields, limits."""

from __future__ import annotations

import pytest

from conftest import ROOT
from findings.qda import read
from findings.qda.mapping import QUOTE_OWNED


def text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("term", ["findings import FILE [--data DIR] [--theme-code NAME]...",
                                  "findings export qdc", "--qdpx", "--output FILE"])
def test_readme_documents_the_import_commands(term: str) -> None:
    assert term in text("README.md")


def test_readme_names_every_field_the_import_owns_and_its_limits() -> None:
    readme = text("README.md")
    owned = readme.split("**Who owns which field.**")[1].split("Everything else")[0]
    for name in QUOTE_OWNED:
        assert f"`{name}`" in owned
    assert f"more than {read.MAX_MEMBERS:,} members" in readme
    assert f"past {read.MAX_EXPANDED // 2**20} MiB" in readme


@pytest.mark.parametrize("term", ["findings import", "--theme-code", "findings check --qdpx",
                                  "Open a pull request"])
def test_contributing_walks_through_an_import(term: str) -> None:
    assert term in text("CONTRIBUTING.md")
