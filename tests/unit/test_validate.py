"""Stage 2: every rule of the content contract, with the error where the contract puts it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from conftest import MINIMAL, run_findings
from findings.data import read_data

Make = Callable[[Mapping[str, str | None]], Path]


def problems_of(folder: Path) -> list[str]:
    """The formatted problems, with the folder shown as ``data``."""
    return [p.format() for p in read_data(folder, "data").problems]


def test_minimal_folder_is_valid(data_folder: Make) -> None:
    assert problems_of(data_folder({})) == []


def test_unknown_field_names_the_nearest_known_one(data_folder: Make) -> None:
    folder = data_folder({"themes/one.yml": """
        id: one
        number: 1
        titel: Theme one
        summary: s
        description: d
        source: s
    """})
    assert problems_of(folder) == [
        "data/themes/one.yml:1:1: error: [one] title: expected the theme's name, in the site "
        "editors' words, found nothing",
        "data/themes/one.yml:3:1: error: [one] titel: expected a known field, found unknown "
        "field 'titel' (did you mean 'title'?)",
    ]


def test_missing_field_at_its_item_empty_field_at_its_own_line(data_folder: Make) -> None:
    folder = data_folder({"quotes/q.yml": """
        - id: q-one
          text: Words.
          kind: finding
          speaker: Study authors
          themes: [one]
          source: s
        - id: q-two
          kind: finding
          speaker: Study authors
          themes: [one]
          source: ""
    """})
    assert problems_of(folder) == [
        "data/quotes/q.yml:7:3: error: [q-two] text: expected the excerpt, verbatim, found nothing",
        "data/quotes/q.yml:11:3: error: [q-two] source: expected where the text comes from, "
        "found empty text",
    ]


@pytest.mark.parametrize(("line", "expected"), [
    ("id: Not A Slug", "id: expected a lowercase slug like 'my-item-2', found 'Not A Slug'"),
    ("id: index", "id: expected an id the site does not reserve for its own pages"),
    ("number: 0", "number: expected a number of at least 1, found 0"),
    ("number: '1'", "number: expected a whole number, found the quoted text '1': remove"),
    ("levels: [program, moon]", "levels[1]: expected one of 'program', 'institution' or "
                                "'community', found 'moon'"),
    ("levels: [program, program]", "levels[1]: expected no repeats, found 'program' again"),
    ("summary: " + "x" * 281, "summary: expected at most 280 characters, found 281"),
    ("description: [a, b]", "description: expected Markdown text, found a list"),
])
def test_field_values_are_checked(data_folder: Make, line: str, expected: str) -> None:
    key = line.split(":", maxsplit=1)[0]
    base = {"id": "one", "number": "1", "title": "T", "summary": "S", "description": "D",
            "source": "S"}
    base[key] = line.split(": ", 1)[1]
    text = "\n".join(f"{k}: {v}" for k, v in base.items())
    found = problems_of(data_folder({"themes/one.yml": text, "quotes/q.yml": None,
                                     "recommendations/r.yml": None}))
    assert any(expected in p for p in found), found


def test_text_is_taken_as_written(data_folder: Make) -> None:
    folder = data_folder({"themes/one.yml": """
        id: one
        number: 1
        title: yes
        summary: 2023
        description: "null"
        source: no
    """})
    data = read_data(folder, "data")
    assert data.problems == ()
    assert data.items["themes"][0].values["title"] == "yes"
    assert data.items["themes"][0].values["summary"] == "2023"


def test_duplicate_id_is_reported_at_the_second_naming_the_first(data_folder: Make) -> None:
    folder = data_folder({"themes/two.yml": """
        id: one
        number: 2
        title: T
        summary: S
        description: D
        source: S
    """})
    assert problems_of(folder) == [
        "data/themes/two.yml:1:5: error: [one] id: expected a unique id, found 'one' again "
        "(first at data/themes/one.yml:1:5)",  # the value, both times
    ]


def test_duplicate_theme_number(data_folder: Make) -> None:
    folder = data_folder({"themes/two.yml": """
        id: two
        number: 1
        title: T
        summary: S
        description: D
        source: S
    """})
    assert problems_of(folder) == [
        "data/themes/two.yml:2:9: error: [two] number: expected a unique number, found '1' "
        "again (first at data/themes/one.yml:2:9)",
    ]


def test_references_must_resolve(data_folder: Make) -> None:
    folder = data_folder({"recommendations/r.yml": """
        id: r-one
        title: Do the thing
        summary: A summary.
        actions: [Step one]
        level: program
        audiences: [Deans]
        basis: stated
        themes: [one, nine]
        quotes: [q-none]
        effort: low
        timeframe: immediate
        source: s
    """, "quotes/q.yml": """
        id: q-one
        text: Words.
        kind: finding
        speaker: A stranger
        themes: [one]
        source: s
        context: See [this](recommendation:missing) and [that](theme:one).
    """})
    assert problems_of(folder) == [
        "data/quotes/q.yml:4:10: error: [q-one] speaker: expected one of the study's speakers "
        "('Participant', 'Study authors'), found 'A stranger'",
        "data/quotes/q.yml:7:21: error: [q-one] context: expected the id of an existing "
        "recommendation, found 'missing'",
        "data/recommendations/r.yml:6:13: error: [r-one] audiences[0]: expected one of the "
        "study's audiences ('Program directors'), found 'Deans'",
        "data/recommendations/r.yml:8:15: error: [r-one] themes[1]: expected the id of an "
        "existing theme, found 'nine'",
        "data/recommendations/r.yml:9:10: error: [r-one] quotes[0]: expected the id of an "
        "existing quote, found 'q-none' (did you mean 'q-one'?)",
    ]


def test_participant_quote_needs_consent(data_folder: Make) -> None:
    folder = data_folder({"quotes/q.yml": """
        id: q-one
        text: Words.
        kind: participant
        speaker: Participant
        themes: [one]
        source: s
    """, "settings.yml": "disclosure:\n  k: 1\n"})  # a group of one is the guard's business
    assert problems_of(folder) == [
        "data/quotes/q.yml:1:1: error: [q-one] consent: expected why these words may be "
        "published (required for participant quotes), found nothing",
    ]


def test_nested_fields_are_named_with_their_index(data_folder: Make) -> None:
    folder = data_folder({"study.yml": """
        title: T
        authors:
          - name: Ada
          - affiliation: Somewhere
            orcid: 1234
        venue: V
        year: 2024
        abstract:
          Methods: M
        speakers: [Study authors]
        license: CC-BY-4.0
    """, "recommendations/r.yml": None})
    assert problems_of(folder) == [
        "data/study.yml:4:5: error: authors[1].name: expected the author's name as "
        "published, found nothing",
        "data/study.yml:5:12: error: authors[1].orcid: expected an ORCID iD like "
        "'0000-0002-1825-0097', found '1234'",
    ]


def test_missing_study_is_one_error_and_skips_checks_that_need_it(data_folder: Make) -> None:
    assert problems_of(data_folder({"study.yml": None})) == [
        "data/study.yml:1:1: error: expected a study.yml file describing the study, found none",
    ]


def test_themes_are_required(data_folder: Make) -> None:
    folder = data_folder({"themes/one.yml": None, "quotes/q.yml": None,
                          "recommendations/r.yml": None})
    assert problems_of(folder) == [
        "data/themes:1:1: error: expected at least one theme, found none",
    ]


def test_files_are_found_recursively_and_by_any_case_of_suffix(data_folder: Make) -> None:
    folder = data_folder({
        "quotes/q.yml": None,
        "quotes/deep/er/Q.YAML": """
            - id: q-one
              text: Words.
              kind: finding
              speaker: Study authors
              themes: [one]
              source: s
        """,
        "quotes/notes.txt": "not: [yaml",
        "study.yml": None,
        "study.yaml": MINIMAL["study.yml"],
    })
    data = read_data(folder, "data")
    assert data.problems == ()
    assert [q.id for q in data.items["quotes"]] == ["q-one"]


def test_every_error_is_reported_in_one_run(data_folder: Make) -> None:
    folder = data_folder({
        "themes/two.yml": "id: Two\nnumber: x\n",
        "quotes/q.yml": "- id: q\n  kind: shout\n",
        "recommendations/r.yml": "[unclosed\n",
    })
    found = problems_of(folder)
    files = {p.split(":")[0] for p in found}
    assert files == {"data/themes/two.yml", "data/quotes/q.yml", "data/recommendations/r.yml"}
    assert len(found) >= 10


@pytest.mark.parametrize(("redirects", "expected"), [
    ("themes: {old: one}\nquotes: {gone: withdrawn}", None),
    ("themes: {one: one}", "[one] id: expected an id no theme has had before, found 'one', "
                           "retired in redirects.yml; choose another id"),
    ("themes: {old: older, older: one}", "themes.old: expected a live theme id or "
                                         "'withdrawn', found 'older', itself retired"),
    ("quotes: {old: nowhere}", "quotes.old: expected a live quote id or 'withdrawn', "
                               "found 'nowhere'"),
    ("quotes: {Old: q-one}", "quotes.Old: expected a lowercase slug"),
    ("quotes: {page: q-one}", "quotes.page: expected a retired quote id, found 'page', which "
                              "the site reserves"),
    ("films: {a: b}", "films: expected a known field, found unknown field 'films'"),
])
def test_redirects(data_folder: Make, redirects: str, expected: str | None) -> None:
    found = problems_of(data_folder({"redirects.yml": redirects}))
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0], found


def test_an_integer_of_thousands_of_digits_is_a_contract_error(data_folder: Make) -> None:
    study = MINIMAL["study.yml"].replace("year: 2024", "year: " + "9" * 5_000)
    assert problems_of(data_folder({"study.yml": study})) == [
        "data/study.yml:5:7: error: year: expected a whole number of at most 15 digits, "
        "found 5,000 digits"]


def test_a_file_that_is_not_data_is_never_quoted(data_folder: Make) -> None:
    token = "ghp_" + "S3cr3tT0k3n" * 4
    folder = data_folder({"quotes/creds.yml": f"{token}\n", "themes/list.yml": f"- {token}\n",
                          "study.yml": f"{token}\n", "redirects.yml": f"{token}\n",
                          "recommendations/r.yml": None})
    problems = problems_of(folder)
    assert "data/quotes/creds.yml:1:1: error: expected an item (a mapping), found text" in problems
    assert "data/themes/list.yml:1:3: error: expected an item (a mapping), found text" in problems
    assert not any("S3cr3t" in p for p in problems), problems


def test_items_past_the_limit_of_a_kind_are_an_error_at_the_first_one_too_many(
        data_folder: Make, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("findings.validate.MAX_ITEMS", 2)
    quote = "- id: q-{n}\n  text: T.\n  kind: finding\n  speaker: Study authors\n" \
            "  themes: [one]\n  source: s\n"
    folder = data_folder({"quotes/q.yml": "".join(quote.format(n=n) for n in range(4))})
    assert [p for p in problems_of(folder) if "at most" in p] == [
        "data/quotes/q.yml:13:3: error: [q-2] expected at most 2 items of this kind (quotes), "
        "found 4"]


FORGED_KEY = '"x\\n::warning file=data/study.yml,line=1::forged\\e[2K"'


def test_a_forged_key_stays_on_its_own_line_in_every_format(data_folder: Make) -> None:
    folder = data_folder({"themes/two.yml": f"id: two\nnumber: 2\n{FORGED_KEY}: 1\n"})
    for env in ({}, {"GITHUB_ACTIONS": "true"}):
        run = run_findings("check", "--data", "data", cwd=folder.parent, env=env)
        assert run.code == 1
        for line in (run.err + run.out).splitlines():
            assert line.isprintable(), line
            assert not line.startswith("::warning"), line
            own = ("data/", "::error ", "findings:", "::notice::no deny-list")
            assert line.startswith(own), line
        assert "'x\\n::warning file=data/study.yml,line=1::forged\\x1b[2K'" in run.err


def test_an_invisible_character_is_shown_where_values_look_alike(data_folder: Make) -> None:
    quote = MINIMAL["quotes/q.yml"].replace("speaker: Study authors",
                                            'speaker: "Study\\u00a0authors\\u200b"')
    problems = problems_of(data_folder({"quotes/q.yml": quote}))
    assert any("found 'Study\\xa0authors\\u200b'" in p for p in problems), problems


def test_reference_style_item_links_are_checked_too(data_folder: Make) -> None:
    theme = MINIMAL["themes/one.yml"].replace(
        "description: About the first theme.",
        'description: "See [this][a] and [that][b].\\n\\n[a]: quote:q-one\\n  [b]: <theme:gone>"')
    assert problems_of(data_folder({"themes/one.yml": theme})) == [
        "data/themes/one.yml:5:73: error: [one] description: expected the id of an existing "
        "theme, found 'gone' (did you mean 'one'?)"]


@pytest.mark.parametrize(("file", "old", "new", "where"), [
    ("quotes/q.yml", "text: Words of a finding.", 'text: "Words\\x7f"', "2:15"),
    ("quotes/q.yml", "- id: q-one", '- id: "q-one\\u0085"', "1:13"),
    ("themes/one.yml", "title: Theme one", 'title: "Theme\\x9b one"', "3:14"),
    ("study.yml", "speakers: [Study authors, Participant]",
     'speakers: [Study authors, "Parti\\0cipant"]', "8:33"),
    ("study.yml", "  Methods: We did things.", '  "Meth\\eods": We did things.', "7:8"),
])
def test_control_characters_are_refused_in_every_kind_of_field(
        data_folder: Make, file: str, old: str, new: str, where: str) -> None:
    files = {file: MINIMAL[file].replace(old, new),
             "toolkit/t.yml": 'id: ask\ntype: question\ntext: "Do we\\uffff?"\ntheme: one\n'
                              'recommendations: [r-one]\nsource: editors\n'}
    problems = problems_of(data_folder(files))
    assert "data/toolkit/t.yml:3:13: error: expected text without control characters, found " \
           "U+FFFF at character 6" in problems
    assert any(p.startswith(f"data/{file}:{where}: error: expected text without control "
                            "characters, found U+") for p in problems), problems
