"""Stage 1: YAML is read with positions, as written, and unsafe YAML features are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from findings.load import Mapping, Scalar, Sequence, load_file


def load(tmp_path: Path, content: str | bytes) -> tuple[object, list[str]]:
    path = tmp_path / "a.yml"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    document = load_file(path, "data/a.yml")
    return document.root, [p.format() for p in document.problems]


def test_scalars_stay_as_written(tmp_path: Path) -> None:
    root, problems = load(tmp_path, "a: yes\nb: 2023\nc: '007'\nd: 1.50\n")
    assert problems == []
    assert root == {"a": "yes", "b": "2023", "c": "007", "d": "1.50"}


def test_positions_are_kept(tmp_path: Path) -> None:
    root, _ = load(tmp_path, "items:\n  - id: first\n    text: hello\n")
    assert isinstance(root, Mapping)
    items = root["items"]
    assert isinstance(items, Sequence)
    text = items[0]["text"]
    assert isinstance(text, Scalar)
    assert (text.mark.line, text.mark.column) == (3, 11)
    assert items[0].key_marks["text"].line == 3


def test_quoted_and_plain_scalars_are_told_apart(tmp_path: Path) -> None:
    root, _ = load(tmp_path, "a: 12\nb: '12'\n")
    assert isinstance(root, Mapping)
    assert root["a"].plain and not root["b"].plain


@pytest.mark.parametrize(("content", "expected"), [
    ("a: 1\na: 2\n", "data/a.yml:2:1: error: duplicate key 'a': first written at line 1"),
    ("a: &x 1\n", "data/a.yml:1:4: error: expected plain YAML, found an anchor"),
    ("a: 1\nb: *x\n", "data/a.yml:2:4: error: expected plain YAML, found an alias"),
    ("<<: {a: 1}\n", "data/a.yml:1:1: error: expected plain YAML, found a merge key"),
    ("a: !!str 1\n", "data/a.yml:1:4: error: expected plain YAML, found an explicit tag"),
    ("a: 1\n---\nb: 2\n", "data/a.yml:3:1: error: expected one YAML document, found another"),
    ("", "data/a.yml:1:1: error: expected at least one item, found an empty file"),
    ("# nothing\n", "data/a.yml:1:1: error: expected at least one item, found an empty file"),
    ("a: [1, 2\n", "data/a.yml:2:1: error: expected valid YAML"),
])
def test_unsafe_or_broken_yaml_is_reported_where_it_is(
        tmp_path: Path, content: str, expected: str) -> None:
    _, problems = load(tmp_path, content)
    assert any(p.startswith(expected) for p in problems), problems


def test_bad_utf8_is_reported_at_the_first_bad_byte(tmp_path: Path) -> None:
    root, problems = load(tmp_path, "a: 1\nb: caf\xc3\xa9 \xff\n".encode("latin-1"))
    assert root is None
    assert problems == ["data/a.yml:2:9: error: expected UTF-8 text, found the byte 0xff"]


def test_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    root, problems = load(tmp_path, b"\xef\xbb\xbfa: 1\n")
    assert problems == [] and root == {"a": "1"}


def test_several_problems_in_one_file_are_all_reported(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "a: &x 1\nb: 1\nb: 2\nc: !!int 3\n")
    assert len(problems) == 3
