"""A reference to an id no item has says where it went: retired (and replaced, or withdrawn, on
the changelog's date), or perhaps into a file that could not be read, rather than a knock-on
"no such id" for every reference to the items of a broken file."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from test_content_pages import check, project

from conftest import MINIMAL, run_findings
from findings.data import read_data

Make = Callable[[Mapping[str, str | None]], Path]

RETIRED = {
    "redirects.yml": "quotes:\n  q-old: q-one\n  q-gone: withdrawn\n",
    "changelog.yml": """
        - version: "1.1"
          date: "2025-02-03"
          summary: Merged one quote into another and withdrew one.
          items: [quote:q-old, quote:q-gone]
        - version: "1.0"
          date: "2024-01-02"
          summary: First.
          items: [quote:q-old, quote:q-gone, quote:q-one]
    """,
    "recommendations/r.yml": MINIMAL["recommendations/r.yml"].replace(
        "quotes: [q-one]", "quotes: [q-old]"),
    "themes/one.yml": MINIMAL["themes/one.yml"].replace(
        "description: About the first theme.",
        "description: About the first theme, as [one quote](quote:q-gone) says."),
}


def problems_of(folder: Path) -> list[str]:
    return [p.format() for p in read_data(folder, "data").problems]


def test_a_reference_to_a_retired_id_says_where_it_went(data_folder: Make) -> None:
    assert problems_of(data_folder(RETIRED)) == [
        "data/recommendations/r.yml:9:10: error: [r-one] quotes[0]: expected the id of an "
        "existing quote, found 'q-old', which was retired on 2025-02-03 and replaced by "
        "'q-one': use 'q-one'",
        "data/themes/one.yml:5:52: error: [one] description: expected the id of an existing "
        "quote, found 'q-gone', which was withdrawn on 2025-02-03: remove it",
    ]


def test_a_hand_written_page_linking_a_retired_id_says_where_it_went(tmp_path: Path) -> None:
    root = project(tmp_path, {"help.md": "# Help\n\n[a quote](quote:q-old)\n"})
    (root / "data" / "redirects.yml").write_text("quotes:\n  q-old: q-one\n", encoding="utf-8")
    assert check(root) == (0, [
        "content/help.md:3:11: warning: expected the id of an existing quote, found 'q-old', "
        "which was retired in redirects.yml and replaced by 'q-one': use 'q-one'"])


def test_a_file_that_cannot_be_read_makes_no_knock_on_unknown_ids(data_folder: Make) -> None:
    """quotes/q.yml has a YAML error: the recommendation, changelog and allow list that name
    its quote are told where the quote may be, not that no quote has that id."""
    folder = data_folder({
        "quotes/q.yml": MINIMAL["quotes/q.yml"].replace("speaker: Study authors",
                                                        "speaker: [Study authors"),
        "changelog.yml": '- version: "1.0"\n  date: "2024-01-02"\n  summary: First.\n'
                         "  items: [quote:q-one]\n",
        "disclosure-allow.yml": "- quote: q-one\n  match: x\n  reason: r\n",
    })
    run = run_findings("check", "--data", str(folder))
    assert run.code == 1
    lines = run.err.splitlines()
    # The cause first, though changelog.yml and disclosure-allow.yml sort before quotes/.
    assert lines[0].startswith(f"{folder}/quotes/q.yml:"), lines
    knock_on = [line for line in lines if "'q-one'" in line]
    assert len(knock_on) == 3, lines
    where = (f"found 'q-one', which may be in {folder}/quotes/q.yml, where an item could not "
             "be read: fix that first")
    assert all(line.endswith(where) for line in knock_on), knock_on
    assert not any("did you mean" in line for line in lines), lines
