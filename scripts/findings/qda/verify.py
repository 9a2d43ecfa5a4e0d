"""``findings check --qdpx FILE``: re-read each imported quote's excerpt from the project and
report one whose text no longer matches its source.

Two things can drift: the source (the transcript was edited in the QDA tool, so the excerpt's
checksum differs from the one recorded at import) and the quote (its ``text`` was edited in
YAML, so it differs from the excerpt). Both are errors; a quote whose selection has gone from
the project is a warning.
"""

from __future__ import annotations

import sys

from findings.data import CheckedData
from findings.load import Mapping, mark_of
from findings.problems import Problem
from findings.qda.project import Selection, load_project, norm_guid
from findings.qda.text import checksum, quote_text
from findings.validate import Item


def check_against_project(data: CheckedData, argument: str) -> bool:
    """Print every mismatch; say whether there was no error."""
    project = load_project(argument)
    if isinstance(project, list):
        problems = project
    else:
        selections = {s.guid: s for s in project.selections}
        problems = [p for item in data.items.get("quotes", [])
                    for p in _check_quote(item, selections, argument)]
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    errors = sum(1 for p in problems if p.severity == "error")
    if errors:
        print(f"findings: {errors} quote(s) do not match {argument}", file=sys.stderr)
    return errors == 0


def _check_quote(item: Item, selections: dict[str, Selection], argument: str) -> list[Problem]:
    origin = norm_guid(item.values.get("origin"))
    if not origin:
        return []
    mark = mark_of(item.node.get("text") if isinstance(item.node, Mapping) else None, item.mark)
    selection = selections.get(origin)
    if selection is None:
        return [Problem(item.file, mark.line, mark.column, f"expected selection {origin} in "
                        f"{argument}, found none: retire or withdraw the quote if it has gone",
                        item.id, "origin", "warning")]
    problems = []
    where = f"{argument}, characters {selection.start}-{selection.end}"
    recorded = item.values.get("checksum")
    if recorded and recorded != checksum(selection.excerpt):
        problems.append(Problem(item.file, mark.line, mark.column, f"expected the excerpt "
                                f"recorded at import, found that its source changed ({where}): "
                                "import the project again", item.id, "checksum"))
    if item.values.get("text") != quote_text(selection.excerpt):
        problems.append(Problem(item.file, mark.line, mark.column, f"expected the excerpt "
                                f"verbatim, found a text that differs from its source ({where})",
                                item.id, "text"))
    return problems
