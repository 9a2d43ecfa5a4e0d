"""The open-data files stay what they claim to be whatever the data's text: no CSV cell runs
as a spreadsheet formula, and an RIS record keeps one value per line."""

from __future__ import annotations

import csv
import io
import re

import pytest

from findings.model import Author, Study
from findings.opendata import csv_cell, ris, to_csv
from findings.schema import ITEM_KINDS

# OWASP's CSV injection guidance: these first characters make a spreadsheet read a formula.
FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(1)", "\t=1", "\rx", "  =1+1", "\n@x", "\u00a0-2",
            "=HYPERLINK(\"https://example.org\",\"x\")", "-"]
TEXTS = ["Plain words", "a=b", "1-2", "x@example.org", "", "'=already quoted"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_that_could_start_a_formula_starts_with_a_single_quote(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", TEXTS)
def test_other_cells_are_left_as_written(text: str) -> None:
    assert csv_cell(text) == text
    assert csv_cell(3) == 3


def test_csv_cells_are_neutralised_quoted_and_read_back() -> None:
    quotes = next(k for k in ITEM_KINDS if k.name == "quotes")
    records = [{"id": f"q{i}", "text": text, "themes": [text, "x"], "permalink": "/q/"}
               for i, text in enumerate([*FORMULAS, *TEXTS])]
    written = to_csv(records, quotes)
    rows = list(csv.DictReader(io.StringIO(written, newline="")))
    assert [r["text"] for r in rows] == [csv_cell(t) for t in [*FORMULAS, *TEXTS]]
    assert [r["themes"] for r in rows] == [csv_cell(f"{t}; x") for t in [*FORMULAS, *TEXTS]]
    assert written.splitlines()[2] == \
        '"q1","\'+1+1","","","\'+1+1; x","","","","","","","","","/q/"'


HOSTILE = Study(
    title="Title\r\nER  - \r\nTY  - JOUR\nTI  - Forged",
    authors=(Author("Ada\u2028AU  - Forged Example"), Author("Grace\x85DO  - 10.1/x Hopper")),
    venue="Venue\x0bUR  - https://evil.example\x0cN1  - x\x1cKW  - y\x00",
    year=2025, abstract=(("Methods", "m"),), speakers=("Study authors",), license="CC-BY-4.0",
    doi="10.5555/x\nER  - ", url="https://example.org/\r\nUR  - https://evil.example/",
)


def test_an_ris_value_cannot_start_a_line_of_its_own() -> None:
    lines = ris(HOSTILE).split("\r\n")
    assert lines.pop() == ""
    assert [line[:6] for line in lines] == [
        "TY  - ", "TI  - ", "AU  - ", "AU  - ", "PY  - ", "T2  - ", "DO  - ", "UR  - ", "ER  - "]
    assert not any(re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", line) for line in lines)
    assert lines[1] == "TI  - Title ER - TY - JOUR TI - Forged"
