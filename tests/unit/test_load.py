"""Stage 1: YAML is read with positions, as written, and unsafe YAML features are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from findings import load as loader
from findings.load import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_TEXT_CHARACTERS,
    Mapping,
    Mark,
    Scalar,
    Sequence,
    load_file,
)
from findings.problems import Problem


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


@pytest.mark.parametrize(("escape", "code"), [
    ("\\0", "U+0000"), ("\\x01", "U+0001"), ("\\b", "U+0008"), ("\\v", "U+000B"),
    ("\\r", "U+000D"), ("\\e", "U+001B"), ("\\x7f", "U+007F"), ("\\x80", "U+0080"),
    ("\\N", "U+0085"), ("\\x9f", "U+009F"), ("\\ufdd0", "U+FDD0"), ("\\ufffe", "U+FFFE"),
    ("\\uffff", "U+FFFF"), ("\\U0001FFFF", "U+1FFFF"), ("\\U0010FFFE", "U+10FFFE"),
])
def test_control_characters_in_text_are_named_where_the_text_is(
        tmp_path: Path, escape: str, code: str) -> None:
    _, problems = load(tmp_path, f'id: q\ntext:  "ab{escape}c"\n')
    assert problems == [f"data/a.yml:2:11: error: expected text without control characters, "
                        f"found {code} at character 3"]


def test_an_escaped_control_character_is_shown_where_it_is_written(tmp_path: Path) -> None:
    _, problems = load(tmp_path, 'a: "😀日\\u00e9\\\\\\x7f"\nb: "two\n  lines \\0"\n')
    assert problems == [
        "data/a.yml:1:15: error: expected text without control characters, found U+007F at "
        "character 5",
        "data/a.yml:2:4: error: expected text without control characters, found U+0000 at "
        "character 11",  # a scalar over several lines: known by where it starts
    ]


def test_control_characters_in_keys_and_list_entries_are_refused_too(tmp_path: Path) -> None:
    _, problems = load(tmp_path, '"a\\nb\\e[31m": 1\nlist: [ok, "x\\x7f"]\n')
    assert problems == [
        "data/a.yml:1:6: error: expected text without control characters, found U+001B at "
        "character 4",
        "data/a.yml:2:14: error: expected text without control characters, found U+007F at "
        "character 2",
    ]


def test_tab_newline_and_other_unicode_are_text(tmp_path: Path) -> None:
    root, problems = load(tmp_path, 'a: "tab\\there\\nline \\u2028 \\u200b é 日本 😀"\n')
    assert problems == [] and root == {"a": "tab\there\nline \u2028 \u200b é 日本 😀"}


@pytest.mark.parametrize(("before", "column"), [("", 4), ("é", 5), ("日本語", 7), ("😀😀", 6),
                                                 ("a😀b日", 8)])
def test_columns_count_characters_not_bytes(tmp_path: Path, before: str, column: int) -> None:
    _, problems = load(tmp_path, f"id: q\na: {before}\x7fx\n")
    assert problems == [f"data/a.yml:2:{column}: error: expected text without control "
                        "characters, found U+007F"]


def test_a_file_past_the_size_limit_is_one_error_and_is_not_parsed(tmp_path: Path) -> None:
    big = "a: [" + "1, " * (MAX_FILE_BYTES // 3) + "1]\n"
    root, problems = load(tmp_path, big)
    assert root is None
    assert problems == [f"data/a.yml:1:1: error: expected a file of at most {MAX_FILE_BYTES:,} "
                        f"bytes, found {len(big):,}: split it into several files"]


def test_a_text_past_the_length_limit_is_an_error_where_it_is(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "id: q\ntext: " + "x" * (MAX_TEXT_CHARACTERS + 1) + "\n")
    assert problems == [f"data/a.yml:2:7: error: expected text of at most "
                        f"{MAX_TEXT_CHARACTERS:,} characters, found {MAX_TEXT_CHARACTERS + 1:,}"]


@pytest.mark.parametrize("content", ["[" * 10_000, "{a: " * 10_000, "- " * 10_000 + "x\n",
                                     "".join(" " * i + "a:\n" for i in range(2_000))])
def test_deep_nesting_is_an_error_not_a_crash(tmp_path: Path, content: str) -> None:
    _, problems = load(tmp_path, content)
    assert len(problems) == 1
    assert problems[0].endswith("expected data nested at most 32 levels deep, found more")


def test_nesting_past_the_limit_is_reported_where_it_goes_too_deep(tmp_path: Path) -> None:
    ok = "".join(" " * i + "a:\n" for i in range(MAX_DEPTH)) + " " * MAX_DEPTH + "x\n"
    assert load(tmp_path, ok)[1] == []
    deep = "".join(" " * i + "a:\n" for i in range(MAX_DEPTH + 1)) + " " * (MAX_DEPTH + 1) + "x\n"
    root, problems = load(tmp_path, deep + "b: kept\n")
    assert problems == [f"data/a.yml:{MAX_DEPTH + 1}:{MAX_DEPTH + 1}: error: expected data "
                        f"nested at most {MAX_DEPTH} levels deep, found more"]
    assert isinstance(root, Mapping) and root["b"] == "kept"


# libyaml's composer (the C path, where PyYAML has libyaml) and the event builder must make the
# same tree: same text, marks (in characters, whatever the bytes), key marks, plain or quoted,
# ends. Anything the builder reports is left to it.
CLEAN = [
    "a: yes\nb: '007'\nc: \"x\\u00e9\"\n",
    "- id: q😀\n  text: \"😀 é\"\n  tags: [日本, '😀', x]\n"
    "  k😀: |\n    😀😀 [t](theme:a)\n    z\n",
    "a:\r\n  - 1\r\n  - é😀: {b: c, d: [e]}\r\n",
    "text: Tom & Jerry! *yes* wow!\nb: 'a &x !y'\nc: >-\n  & more\n  ! again\nd:\n",
    "---\na: 1\n...\n",
    "",
    "# only a comment\n",
    "~\n",
]
UNUSUAL = ["a: &x 1\n", "a: !t 1\n", "a: ! 1\n", "a: 1\nb: *x\n", "<<: {a: 1}\n", "a: 1\na: 2\n",
           "? [a]\n: 1\n", "a: 1\n---\nb: 2\n", "a: \"\\x7f\"\n",
           "a:" + " [" * (MAX_DEPTH + 1) + "\n"]


def _same_tree(one: object, other: object) -> None:
    assert type(one) is type(other)
    assert getattr(one, "mark", None) == getattr(other, "mark", None)
    if isinstance(one, Scalar):
        assert isinstance(other, Scalar)
        assert (str(one), one.plain, one.end, one.lines) == (str(other), other.plain,
                                                            other.end, other.lines)
    elif isinstance(one, Mapping):
        assert isinstance(other, Mapping)
        assert list(one) == list(other) and one.key_marks == other.key_marks
        for key in one:
            _same_tree(one[key], other[key])
    elif isinstance(one, Sequence):
        assert isinstance(other, Sequence) and len(one) == len(other)
        for mine, theirs in zip(one, other, strict=True):
            _same_tree(mine, theirs)
    else:
        assert one == other


@pytest.mark.skipif(loader._COMPOSER is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("text", CLEAN)
def test_the_c_composer_makes_the_event_builders_tree(text: str) -> None:
    problems: list[Problem] = []
    built = loader._built(text, "a.yml", problems)
    assert problems == []
    _same_tree(loader._composed(text), built)


@pytest.mark.skipif(loader._COMPOSER is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("text", UNUSUAL)
def test_the_c_composer_leaves_what_is_reported_to_the_event_builder(text: str) -> None:
    with pytest.raises(Exception):  # noqa: B017 (_UnusualError, or libyaml's own error)
        loader._composed(text)


#: Every YAML file of the fixtures, the many-problems one's too: real items, real problems.
FIXTURE_FILES = sorted((Path(__file__).parents[1] / "fixtures").rglob("*.y*ml"))


@pytest.mark.skipif(loader._COMPOSER is None, reason="PyYAML without libyaml")
def test_the_c_composer_and_the_event_builder_agree_on_every_fixture() -> None:
    """A file the builder reads without a problem is the composer's same tree; one it reports
    something in, the composer leaves to it."""
    for path in FIXTURE_FILES:
        text = path.read_bytes().removeprefix(loader.BOM).decode("utf-8", "replace")
        problems: list[Problem] = []
        built = loader._built(text, "a.yml", problems)
        if problems:
            with pytest.raises(Exception):  # noqa: B017 (as above)
                loader._composed(text)
        else:
            _same_tree(loader._composed(text), built)


def test_marks_past_wide_characters_count_characters(tmp_path: Path) -> None:
    root, problems = load(tmp_path, "a: \"😀 é\"\nb: [日本, '😀', x]\n😀é: y\n")
    assert problems == [] and isinstance(root, Mapping)
    assert [e.mark for e in root["b"]] == [(2, 5), (2, 9), (2, 14)]
    assert root.key_marks["😀é"] == (3, 1) and root["😀é"].mark == (3, 5)


@pytest.mark.skipif(loader._COMPOSER is None, reason="PyYAML without libyaml")
def test_a_composed_scalars_position_is_made_when_read_and_can_be_set() -> None:
    """A composed scalar's position is made from libyaml's marks when read, each time the
    same; setting it (or its end) replaces it."""
    root = loader._composed("a:\n  - x\n  - 'y z'\n")
    assert isinstance(root, Mapping)
    other, scalar = root["a"]
    assert (scalar, scalar.mark, scalar.mark, scalar.end, scalar.plain) == (
        "y z", (3, 5), (3, 5), (2, 9), False)
    other.mark = Mark(7, 1)
    other.end = None
    assert (other.mark, other.end, scalar.mark) == ((7, 1), None, (3, 5))
