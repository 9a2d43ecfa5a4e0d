"""Who may reuse the published data, and whose work each part of it is: said in the open data
itself (``findings.json``'s ``licence`` and ``credits``, and the CSV files' metadata sidecar),
not only on the pages.

No licence is ever guessed: without ``study.license`` the statement says that none is stated
and that reuse needs the authors' permission.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from findings.records import Study

NO_LICENCE = ("No licence is stated: no source gives one for the abstract or the findings, so "
              "reuse needs the authors' permission.")
#: What the study's authors are credited for.
AUTHORS_WORK = ("the study, its findings and its abstract, and the findings and conclusions "
                "quoted from it")
#: What the site's editors are credited for: everything the study does not state.
EDITORS_WORK = ("the data's structure, the recommendations derived from the findings, the "
                "ratings of each recommendation (who owns it, whom it is for, its effort and "
                "its timeframe), the themes' levels and the toolkit")
#: The CSV files' metadata sidecar, in the W3C's CSV on the Web vocabulary: CSV itself has no
#: place for a licence or credits, and a comment line would break CSV readers.
CSV_METADATA = "csv-metadata.json"


def licence_statement(study: Study) -> str:
    """One sentence on reuse: the stated licence, or that none is stated."""
    if study.license:
        return (f"The study's published content is under the licence {study.license} (SPDX "
                "identifier), as its source states.")
    return NO_LICENCE


@dataclass(frozen=True)
class Rights:
    """What the pages say of reuse: the licence statement (``licence_statement``) and the name
    of the CSV files' metadata sidecar."""

    statement: str
    csv_metadata: str = CSV_METADATA


def page_rights(study: Study) -> Rights:
    return Rights(licence_statement(study))


def licence_record(study: Study) -> dict[str, str]:
    """``findings.json``'s ``licence``: the statement, and the SPDX id only where stated."""
    return {"statement": licence_statement(study),
            **({"spdx": study.license} if study.license else {})}


def credits(study: Study) -> list[dict[str, Any]]:
    """``findings.json``'s ``credits``: each part of the work and who did it."""
    return [
        {"by": [a.name for a in study.authors], "role": "study authors", "for": AUTHORS_WORK},
        {"by": [study.site_editors or "The site's editors"], "role": "site editors",
         "for": EDITORS_WORK},
    ]


def json_schema() -> dict[str, dict[str, Any]]:
    """The JSON Schema of ``licence`` and ``credits``."""
    text = {"type": "string"}
    return {
        "licence": {
            "type": "object", "additionalProperties": False, "required": ["statement"],
            "description": "who may reuse the data: the licence a source states, or that none "
                           "is stated (then reuse needs the authors' permission)",
            "properties": {"statement": text, "spdx": text},
        },
        "credits": {
            "type": "array", "description": "whose work each part of the data is",
            "items": {"type": "object", "additionalProperties": False,
                      "required": ["by", "role", "for"],
                      "properties": {"by": {"type": "array", "items": text},
                                     "role": text, "for": text}},
        },
    }


def csv_metadata(study: Study, version: str, columns: dict[str, list[tuple[str, str]]]) -> (
        dict[str, Any]):
    """The CSV files' sidecar: their licence statement, credits and columns (name and meaning,
    from the data dictionary), as CSV on the Web metadata. ``columns``: file -> (name, doc)."""
    return {
        "@context": "http://www.w3.org/ns/csvw",
        "dc:title": f"Findings of: {study.title}",
        "dc:rights": licence_statement(study),
        **({"dc:license": f"https://spdx.org/licenses/{study.license}.html"}
           if study.license else {}),
        "dc:creator": [a.name for a in study.authors],
        "dc:contributor": study.site_editors or "The site's editors",
        "dc:description": (f"The study's authors: {AUTHORS_WORK}. "
                           f"{study.editors[0].upper() + study.editors[1:]}: {EDITORS_WORK}."),
        "schema:version": version,
        "tables": [{"url": name, "tableSchema": {"columns": [
            {"name": column, "titles": column, "dc:description": doc}
            for column, doc in cols]}} for name, cols in columns.items()],
    }
