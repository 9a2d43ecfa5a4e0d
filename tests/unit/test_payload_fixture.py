"""The payload data folder covers every free-text field of every kind with every vector, is
up to date with ``tests/payload_folder.py``, and is a valid data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import payload_folder
from conftest import FIXTURES, run_findings
from findings.pages import Page
from findings.render import front_matter
from findings.schema import (
    CHANGELOG,
    DISCLOSURE_ALLOW,
    ITEM_KINDS,
    STUDY,
    TOOLKIT_KINDS,
    Kind,
)
from findings.types import ListOf, MapOf, Markdown, Record, Text, ValueType
from findings.write import write_config
from payload_vectors import MARKDOWN, PLAIN

FOLDER = FIXTURES / "payloads"
TOOLKIT_TYPE = {"toolkit-questions": "question", "toolkit-discussions": "discussion"}


def free_text_fields(vtype: ValueType, path: str) -> Iterator[tuple[str, bool]]:
    """``(path, is_markdown)`` for every free-text value under a type: ``authors[].name``,
    ``abstract{}`` (a key), ``abstract{}.`` (a value)."""
    if isinstance(vtype, Record):
        for f in vtype.fields:
            yield from free_text_fields(f.type, f"{path}.{f.name}" if path else f.name)
    elif isinstance(vtype, ListOf):
        yield from free_text_fields(vtype.item, path + "[]")
    elif isinstance(vtype, MapOf):
        yield from free_text_fields(vtype.key, path + "{}")
        yield from free_text_fields(vtype.value, path + "{}.")
    elif isinstance(vtype, Text) and vtype.pattern is None:
        yield path, isinstance(vtype, Markdown)


def values_at(node: Any, path: str) -> Iterator[str]:
    """Every value at a field path in loaded YAML."""
    if not path:
        yield from [node] if isinstance(node, str) else []
        return
    if path.startswith("[]"):
        for element in node if isinstance(node, list) else []:
            yield from values_at(element, path[2:].removeprefix("."))
    elif path.startswith("{}."):
        for value in (node or {}).values():
            yield from values_at(value, path[3:])
    elif path.startswith("{}"):
        yield from (node or {}).keys()
    else:
        name, rest = _split(path)
        yield from values_at(node.get(name) if isinstance(node, dict) else None, rest)


def _split(path: str) -> tuple[str, str]:
    cut = min((i for i in (path.find("."), path.find("["), path.find("{")) if i >= 0),
              default=len(path))
    return path[:cut], path[cut:].removeprefix(".")


def items_of(kind: Kind) -> list[Any]:
    files = {STUDY.name: ["study.yml"], CHANGELOG.name: ["changelog.yml"],
             DISCLOSURE_ALLOW.name: ["disclosure-allow.yml"]}.get(kind.name)
    paths = [FOLDER / f for f in files] if files else sorted((FOLDER / kind.folder).rglob("*.yml"))
    items: list[Any] = []
    for path in paths:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        items += loaded if isinstance(loaded, list) else [loaded]
    wanted = TOOLKIT_TYPE.get(kind.name)
    return [i for i in items if wanted is None or i.get("type") == wanted]


KINDS = [STUDY, *ITEM_KINDS, *TOOLKIT_KINDS, CHANGELOG, DISCLOSURE_ALLOW]
FIELDS = [(kind, path, markdown) for kind in KINDS
          for path, markdown in free_text_fields(kind.record, "")]


@pytest.mark.parametrize(("kind", "path", "markdown"), FIELDS,
                         ids=[f"{k.name}:{p}" for k, p, _ in FIELDS])
def test_every_free_text_field_carries_every_vector(kind: Kind, path: str,
                                                    markdown: bool) -> None:
    held = "\n".join(v for item in items_of(kind) for v in values_at(item, path))
    vectors = {**PLAIN, **MARKDOWN} if markdown else PLAIN
    missing = [name for name, vector in vectors.items() if vector not in held]
    room = ONE_LIMITED_VALUE.get(f"{kind.name}:{path}", len(held)) - len(held) - 1
    assert [name for name in missing if len(vectors[name]) <= room] == []


#: A single value with a length limit holds the vectors that fit, shortest first (the others
#: reach the same page through the fields beside it that have no limit).
ONE_LIMITED_VALUE = {"study:headline": 280}


def test_fields_are_found() -> None:
    """The walk above sees the fields it must (a broken walk would pass everything)."""
    paths = {f"{k.name}:{p}" for k, p, _ in FIELDS}
    assert {"study:authors[].name", "study:abstract{}", "study:abstract{}.",
            "recommendations:actions[]", "toolkit-discussions:prompts[]",
            "changelog:summary", "quotes:context"} <= paths


def test_the_folder_is_up_to_date_with_its_writer(tmp_path: Path) -> None:
    payload_folder.write(tmp_path)
    written = {p.relative_to(tmp_path): p.read_text("utf-8") for p in tmp_path.rglob("*.yml")}
    committed = {p.relative_to(FOLDER): p.read_text("utf-8") for p in FOLDER.rglob("*.yml")}
    assert written == committed, "run: python tests/payload_folder.py"


def test_the_folder_is_valid_with_no_warning() -> None:
    run = run_findings("check", "--strict", "--data", str(FOLDER))
    assert (run.code, run.err) == (0, "")


LINE_BREAKING = "a\u2028b\u2029c\x85d"


def test_front_matter_keeps_yaml_line_breaks_in_a_title() -> None:
    """U+2028, U+2029 and U+0085 are text in JSON but line breaks in YAML: a title holding
    one broke every page's front matter (the payload study did not build)."""
    page = Page("x/", LINE_BREAKING, "theme.html", description=LINE_BREAKING)
    meta = yaml.safe_load(front_matter(page).split("---\n")[1])
    assert (meta["title"], meta["description"]) == (LINE_BREAKING, LINE_BREAKING)


def test_the_engine_config_keeps_yaml_line_breaks(tmp_path: Path) -> None:
    write_config(tmp_path / "mkdocs.yml", {"site_name": LINE_BREAKING})
    loaded = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert loaded == {"site_name": LINE_BREAKING}
