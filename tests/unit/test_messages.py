"""Messages for people who are not programmers (issue 12.6): YAML syntax errors in plain words
with the likely fix, "did you mean" for misspelt ids, and every problem at its own line."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from conftest import MINIMAL, run_findings
from findings.data import read_data

Make = Callable[[Mapping[str, str | None]], Path]


def problems_of(folder: Path, file: str = "") -> list[str]:
    return [p.format() for p in read_data(folder, "data").problems if file in p.file]


QUOTE = "id: q-one\ntext: {text}\nkind: finding\nspeaker: Study authors\nthemes: [one]\nsource: s\n"


@pytest.mark.parametrize(("text", "where", "says"), [
    ("Note: this is what we found", "2:11",
     "found a colon followed by a space inside text that is not in quotes, or a line indented "
     "further than the field above it: put the whole text in quotes"),
    ('"never closed', "2:7", "found a quote mark that is never closed: add the closing quote"),
    ("'never closed", "2:7", "found a quote mark that is never closed: add the closing quote"),
    ('"He said" and more', "2:17", "or put the whole text in quotes"),
    ("@home", "2:7", "found a value that starts with '@', a character YAML reserves: put the "
                     "whole text in quotes"),
    ('"a \\q b"', "2:7", "found a backslash inside \"double quotes\": write it twice"),
])
def test_a_yaml_syntax_error_says_what_to_do(data_folder: Make, text: str, where: str,
                                             says: str) -> None:
    folder = data_folder({"quotes/q.yml": QUOTE.format(text=text)})
    found = problems_of(folder, "quotes/")
    assert len(found) == 1
    assert found[0].startswith(f"data/quotes/q.yml:{where}: error: expected valid YAML, ")
    assert says in found[0]


def test_a_tab_used_for_indentation_is_named(data_folder: Make) -> None:
    folder = data_folder({"quotes/q.yml": "- id: q-one\n\ttext: Words.\n"})
    assert problems_of(folder, "quotes/") == [
        "data/quotes/q.yml:2:1: error: expected valid YAML, found a tab used to indent: indent "
        "with spaces only (your editor can turn tabs into spaces)"]


BROKEN_YAML = [
    "a: b: c\n", "a:\n\t- b\n", 'a: "x\n', "a: 'x\n", "a: [b, c\n", "a: {b: c\n", "a: @x\n",
    "a: `x`\n", "a: %x\n", "a: b\n  c: d\n", "- a\nb: c\n", "a:\n  - b\n - c\n", 'a: "\\q"\n',
    "a: - b\n", "a: b\nc\nd: e\n", "a: *x\n", "? a\n", "a: |\n b\n  c\n d: x\n", "[a\n", "{a\n",
    "a: 'b' c\n", "a: !tag x\n", "%YAML 9.9\n---\na: b\n", "a: b\n...\nc\n", "]\n", "a: ]\n",
]


@pytest.mark.parametrize("text", BROKEN_YAML)
def test_no_yaml_message_says_found_twice(data_folder: Make, text: str) -> None:
    found = problems_of(data_folder({"themes/one.yml": text}))
    assert found
    for problem in found:
        assert "found found" not in problem and "found did" not in problem
        assert "expected" in problem


@pytest.mark.parametrize(("files", "hint"), [
    ({"quotes/q.yml": QUOTE.format(text="Words.").replace("[one]", "[onee]")},
     "themes[0]: expected the id of an existing theme, found 'onee' (did you mean 'one'?)"),
    ({"quotes/q.yml": QUOTE.format(text="Words.").replace("Study authors", "study author")},
     "speaker: expected one of the study's speakers ('Participant', 'Study authors'), found "
     "'study author' (did you mean 'Study authors'?)"),
    ({"recommendations/r.yml": MINIMAL["recommendations/r.yml"].replace(
        "[Program directors]", "[Program director]").replace("[q-one]", "[q-on]")},
     "audiences[0]: expected one of the study's audiences ('Program directors'), found "
     "'Program director' (did you mean 'Program directors'?)"),
    ({"recommendations/r.yml": MINIMAL["recommendations/r.yml"].replace("[q-one]", "[q-on]")},
     "quotes[0]: expected the id of an existing quote, found 'q-on' (did you mean 'q-one'?)"),
    ({"redirects.yml": "quotes:\n  old: q-on\n"},
     "quotes.old: expected a live quote id or 'withdrawn', found 'q-on' (did you mean "
     "'q-one'?)"),
    ({"toolkit/t.yml": "id: ask\ntype: question\ntext: Do we?\ntheme: one\n"
                       "recommendations: [r-on]\nsource: editors\n"},
     "recommendations[0]: expected the id of an existing recommendation, found 'r-on' (did "
     "you mean 'r-one'?)"),
])
def test_a_misspelt_id_gets_did_you_mean(data_folder: Make, files: dict[str, str | None],
                                         hint: str) -> None:
    found = problems_of(data_folder(files))
    assert any(hint in p for p in found), found


def test_a_broken_link_in_markdown_is_reported_at_its_own_line_and_column(
        data_folder: Make) -> None:
    theme = MINIMAL["themes/one.yml"].replace("description: About the first theme.", (
        "description: |\n"
        "          First paragraph.\n"
        "\n"
        "          See [the quote](quote:q-one) and [another](theme:onne).\n"
        "          Then [the last](quote:q-one) and [a rec](recommendation:r-none)."))
    assert problems_of(data_folder({"themes/one.yml": theme})) == [
        "data/themes/one.yml:8:46: error: [one] description: expected the id of an existing "
        "theme, found 'onne' (did you mean 'one'?)",
        "data/themes/one.yml:9:44: error: [one] description: expected the id of an existing "
        "recommendation, found 'r-none' (did you mean 'r-one'?)",
    ]


def test_a_field_present_but_empty_is_reported_at_its_own_line(data_folder: Make) -> None:
    """... and says what it holds: an empty list or empty text, not "nothing"."""
    rec = MINIMAL["recommendations/r.yml"].replace("actions: [Step one]", "actions: []")
    rec = rec.replace("audiences: [Program directors]", "audiences:")
    quote = QUOTE.format(text='""')
    assert problems_of(data_folder({"recommendations/r.yml": rec, "quotes/q.yml": quote})) == [
        "data/quotes/q.yml:2:1: error: [q-one] text: expected the excerpt, verbatim, found "
        "empty text",
        "data/recommendations/r.yml:4:1: error: [r-one] actions: expected suggested steps, in the "
        "site editors' words (not the study's), found "
        "an empty list",
        "data/recommendations/r.yml:6:1: error: [r-one] audiences: expected roles that act on it, "
        "in the site editors' judgement, found nothing",
    ]


def test_the_cli_prints_the_plain_yaml_message(data_folder: Make) -> None:
    folder = data_folder({"quotes/q.yml": QUOTE.format(text="Note: this")})
    run = run_findings("check", "--data", str(folder))
    assert run.code == 1
    assert "put the whole text in quotes" in run.err
