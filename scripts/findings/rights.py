"""Who may reuse the published data, and whose work each part of it is: said in the open data
itself (``findings.json``'s ``licence`` and ``credits``, and the CSV files' metadata sidecar),
not only on the pages.

No licence is ever guessed: without ``study.license`` the statement says that none is stated
and that reuse needs the authors' permission (for the study's text) and the editors' (for
theirs). One credit model everywhere: the data set is the site's editors' work; its source, and
the citation for the findings, is the study by its authors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from findings.records import Study

#: What the study's authors are credited for.
AUTHORS_WORK = ("the study, its findings and its abstract, and the findings and conclusions "
                "quoted from it")
#: What the site's editors are credited for: everything the study does not state.
EDITORS_WORK = ("the data set's structure; the themes' titles, one-sentence summaries, "
                "descriptions and levels; the quotes' contexts and tags; the recommendations "
                "derived from the findings; every recommendation's summary, suggested steps and "
                "ratings (who owns it, whom it is for, its effort and its timeframe) and which "
                "themes it answers; the home page's headline and the study's summary; the "
                "sentence-case title; and the toolkit")
#: The CSV files' metadata sidecar, in the W3C's CSV on the Web vocabulary: CSV itself has no
#: place for a licence or credits, and a comment line would break CSV readers.
CSV_METADATA = "csv-metadata.json"


def no_licence(study: Study) -> str:
    """Without a stated licence: none for the study's text, none for the editors' work."""
    return ("No licence is stated. No source gives one for the study's abstract or findings, "
            "so reusing them needs the authors' permission. The site's own material (its "
            "derived recommendations, ratings, summaries and toolkit) is the work of "
            f"{study.editors}, with no licence stated either: reusing it needs their "
            "permission.")


def licence_statement(study: Study) -> str:
    """One sentence on reuse: the stated licence, or that none is stated."""
    if study.license:
        return (f"The study's published content is under the licence {study.license} (SPDX "
                "identifier), as its source states.")
    return no_licence(study)


def editors_name(study: Study) -> str:
    """The editors as a credit names them: the named editors, or "The site's editors"."""
    return study.site_editors or "The site's editors"


def data_set_title(study: Study) -> str:
    """The data set's own title: it is the site's data, not the study's findings."""
    return f"Structured data of the findings site for: {study.title}"


@dataclass(frozen=True)
class Rights:
    """What the pages say of reuse: the licence statement (``licence_statement``), the name
    of the CSV files' metadata sidecar, and what the site's editors are credited for."""

    statement: str
    csv_metadata: str = CSV_METADATA
    editors_work: str = EDITORS_WORK


def page_rights(study: Study) -> Rights:
    return Rights(licence_statement(study))


def licence_record(study: Study) -> dict[str, str]:
    """``findings.json``'s ``licence``: the statement, and the SPDX id only where stated."""
    return {"statement": licence_statement(study),
            **({"spdx": study.license} if study.license else {})}


def credits(study: Study) -> list[dict[str, Any]]:
    """``findings.json``'s ``credits``: the data set's creators (the site's editors) first, then
    the authors of the study it is drawn from (its source, the citation for its findings)."""
    return [
        {"by": [editors_name(study)], "role": "data set creators (the site's editors)",
         "for": EDITORS_WORK},
        {"by": [a.name for a in study.authors], "role": "source: the study's authors",
         "for": AUTHORS_WORK},
    ]


def json_schema() -> dict[str, dict[str, Any]]:
    """The JSON Schema of ``licence`` and ``credits``."""
    text = {"type": "string"}
    return {
        "title": {"type": "string", "description": "the data set's title: it is the site's "
                  "structured data, drawn from the study"},
        "licence": {
            "type": "object", "additionalProperties": False, "required": ["statement"],
            "description": "who may reuse the data: the licence a source states, or that none "
                           "is stated (then reuse needs the authors' permission for the study's "
                           "text and the site editors' for theirs)",
            "properties": {"statement": text, "spdx": text},
        },
        "credits": {
            "type": "array", "description": "whose work each part of the data is: the data "
                                            "set's creators (the site's editors), then its "
                                            "source (the study's authors)",
            "items": {"type": "object", "additionalProperties": False,
                      "required": ["by", "role", "for"],
                      "properties": {"by": {"type": "array", "items": text},
                                     "role": text, "for": text}},
        },
    }


def csv_metadata(study: Study, version: str, columns: dict[str, list[tuple[str, str]]],
                 source: str) -> dict[str, Any]:
    """The CSV files' sidecar: their title, licence statement, creator (the site's editors),
    source (``source``: the study's reference) and columns (name and meaning, from the data
    dictionary), as CSV on the Web metadata. ``columns``: file -> (name, doc)."""
    return {
        "@context": "http://www.w3.org/ns/csvw",
        "dc:title": data_set_title(study),
        "dc:rights": licence_statement(study),
        **({"dc:license": f"https://spdx.org/licenses/{study.license}.html"}
           if study.license else {}),
        "dc:creator": editors_name(study),
        "dc:source": source,
        "dc:description": (f"{editors_name(study)}: {EDITORS_WORK}. Source, the study's "
                           f"authors: {AUTHORS_WORK}."),
        "schema:version": version,
        "tables": [{"url": name, "tableSchema": {"columns": [
            {"name": column, "titles": column, "dc:description": doc}
            for column, doc in cols]}} for name, cols in columns.items()],
    }
