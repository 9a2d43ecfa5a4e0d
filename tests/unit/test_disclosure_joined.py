"""The disclosure patterns read all published texts joined into one (issue 10.8): each field
still gets exactly the matches it has on its own, none made of the end of one field and the
start of the next, and every real one is still found."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import write_folder
from findings.data import read_data

#: Every published field ends with "555" or "I was" and starts with "1234" or "twenty": joined
#: with a space, neighbours would read "555 1234" (a seven-digit number) or "I was twenty" (an
#: age). Alone, none of them warns; the context holds one real number, the text one real age.
QUOTES = """
    - id: q-one
      text: 1234 said I was twenty years old then, I was
      kind: finding
      speaker: Study authors
      themes: [one]
      context: twenty calls to 555-0199 and 555
      source: "1234 notes, I was"
    - id: q-two
      text: twenty nights and 555
      kind: finding
      speaker: Study authors
      themes: [one]
      source: "1234 notes, 555"
"""


def test_each_field_gets_its_own_matches_and_no_match_spans_two(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "data", {"quotes/q.yml": textwrap.dedent(QUOTES)})
    warnings = sorted(p.format().split(": generalise")[0]
                      for p in read_data(folder, "data").problems
                      if p.severity == "warning" and p.field != "speaker")
    assert warnings == [
        "data/quotes/q.yml:2:9: warning: [q-one] text: expected no exact ages, found "
        "'I was twenty'",
        "data/quotes/q.yml:6:12: warning: [q-one] context: expected no identifying numbers, "
        "found the seven-digit number '555-0199'",
    ]
