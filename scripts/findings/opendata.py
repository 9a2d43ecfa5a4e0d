"""The open data each build publishes: every item with its permalink, as JSON and CSV, the
JSON Schema of that public data, and the study's citation as CITATION.cff, BibTeX and RIS.

Only published fields leave the build: internal fields (``published=False`` in the schema,
such as participant codes) never do, so the public schema differs from the editors' one.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from typing import Any

import yaml

from findings import rights
from findings.citation import EXCERPT_WORDS, bibtex, cite_study_apa, excerpt, one_line, url_text
from findings.csl import csl_item, name_parts
from findings.model import Author, Findings, Study
from findings.records import record_of
from findings.schema import DISCUSSION, ITEM_KINDS, QUESTION, STUDY, Kind
from findings.types import Field, ListOf, MapOf, Record, Text, ValueType
from findings.urls import Urls
from findings.voice import voices
from findings.work_type import work_type

DATA_DIR = "data"
PERMALINK = Field("permalink", Text(), "the item's permanent address on this site",
                  required=True)
#: What the site says of each quote, computed once here so that the pages' scripts (the quote
#: bank's filters, the handout, the copy buttons) repeat no rule of the generator's.
QUOTE_LABEL = Field("label", Text(), "whose words they are, as the site's cards call them "
                    "(a participant's, or the study authors' from a part of the abstract)",
                    required=True)
QUOTE_EXCERPT = Field("excerpt", Text(), f"the words the site's citations quote, only where "
                      f"they shorten the text: its first {EXCERPT_WORDS} words and an ellipsis")
SECTIONS: dict[str, Kind] = {**{k.name: k for k in ITEM_KINDS},
                             "questions": QUESTION, "discussions": DISCUSSION}


def public_record(kind: Kind, permalink: bool = True) -> Record:
    fields = tuple(f for f in kind.fields if f.published)
    derived = (QUOTE_LABEL, QUOTE_EXCERPT) if kind.name == "quotes" else ()
    return Record((*fields, *derived, PERMALINK) if permalink else (*fields, *derived))


def public_schema() -> dict[str, Any]:
    """JSON Schema of ``findings.json``, from the same field definitions as the checks."""
    def items(kind: Kind, permalink: bool = True) -> dict[str, Any]:
        return {"type": "array", "items": public_record(kind, permalink).json_schema()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "findings.schema.json",
        "title": "Published findings",
        "description": "Every published item of the study, with its permalink.",
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "title", "licence", "credits", "study", "themes", "quotes",
                     "recommendations", "toolkit"],
        "properties": {
            "version": {"type": "string", "description": "the data's version: a content hash"},
            **rights.json_schema(),
            "study": public_record(STUDY, permalink=False).json_schema(),
            **{k.name: items(k) for k in ITEM_KINDS},
            "toolkit": {
                "type": "object", "additionalProperties": False,
                "required": ["questions", "discussions"],
                "properties": {"questions": items(QUESTION, False),
                               "discussions": items(DISCUSSION)},
            },
        },
    }


def _clean(value: Any) -> Any:
    """Lists as lists, empty optional values left out (as the schema expects)."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v not in ("", (), [], None)}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def public_values(item: object) -> dict[str, Any]:
    """Every published field of a model object (as its record declares them), as JSON."""
    record = record_of(type(item))
    return {f.name: _json(f.type, getattr(item, f.name)) for f in record.fields if f.published}


def _json(vtype: ValueType, value: Any) -> Any:
    if isinstance(vtype, ListOf):
        return [_json(vtype.item, v) for v in value]
    if isinstance(vtype, MapOf):
        return {k: _json(vtype.value, v) for k, v in value}
    if isinstance(vtype, Record) and value is not None:
        return public_values(value)
    return value


def _record(item: object, permalink: str | None,
            extras: dict[str, str] | None = None) -> dict[str, Any]:
    values = {**_clean(public_values(item)), **(extras or {})}
    return {**values, "permalink": permalink} if permalink else values


def _quote_extras(findings: Findings) -> dict[str, dict[str, str]]:
    """Each quote's label and (where the citations shorten it) excerpt, by id."""
    labels = voices(findings).labels
    extras = {}
    for quote in findings.quotes:
        cut = excerpt(quote.text)
        extras[quote.id] = {"label": labels[quote.id],
                            **({"excerpt": cut} if cut != quote.text else {})}
    return extras


def public_data(findings: Findings, urls: Urls) -> dict[str, Any]:
    """Everything published, with permalinks, and a version that changes with the content."""
    extras = _quote_extras(findings)
    data: dict[str, Any] = {
        "study": _record(findings.study, None),
        **{kind.name: [_record(item, urls.absolute(f"{kind.name}/{item.id}/"),
                               extras.get(item.id, {}) if kind.name == "quotes" else {})
                       for item in getattr(findings, kind.name)] for kind in ITEM_KINDS},
        "toolkit": {
            "questions": [_record(q, None) for q in findings.questions],
            "discussions": [_record(d, urls.absolute(f"toolkit/discussion/{d.id}/"))
                            for d in findings.discussions],
        },
    }
    content = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
    # Licence and credits follow from the study, already in the hash.
    return {"version": hashlib.sha256(content).hexdigest()[:12],
            "title": rights.data_set_title(findings.study),
            "licence": rights.licence_record(findings.study),
            "credits": rights.credits(findings.study), **data}


def to_csv(records: list[dict[str, Any]], kind: Kind) -> str:
    """One row per item; list values joined with '; '; every cell quoted, and none can run as a
    spreadsheet formula."""
    columns = [f.name for f in public_record(kind).fields]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore",
                            quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for record in records:
        writer.writerow({k: csv_cell("; ".join(v) if isinstance(v, list) else v)
                         for k, v in record.items()})
    return out.getvalue()


#: A cell a spreadsheet could read as a formula (OWASP's CSV injection guidance): it starts with
#: = + - @, a tab or a carriage return, or one of = + - @ follows leading white space (Python's
#: and JavaScript's white space both: toolkit.js has the same rule).
FORMULA_START = re.compile(r"[\t\r]|[\s\ufeff]*[=+\-@]")


def csv_cell(value: object) -> object:
    """A text that could start a formula, prefixed with a single quote so that it is shown as
    text; other values as they are. (toolkit.js applies the same rule to its CSV download.)"""
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value


def _cff_author(author: Author) -> dict[str, str]:
    """A person with family and given names where they are known; otherwise the name as
    written (CFF's ``name``), never a guessed split."""
    parts = name_parts(author)
    names = {"family-names": parts[0], "given-names": parts[1]} if parts else {
        "name": author.name}
    return {**names, **({"affiliation": author.affiliation} if author.affiliation else {}),
            **({"orcid": f"https://orcid.org/{author.orcid}"} if author.orcid else {})}


def citation_cff(study: Study, version: str, site_url: str) -> str:
    """The data set is the site's editors' work (its structure, summaries, derived
    recommendations, ratings and toolkit): they are its authors, under a title that says it is
    the site's data. Its source, and the preferred citation for the findings, is the study by
    its authors."""
    authors = [_cff_author(a) for a in study.authors]
    kind = work_type(study)
    work: dict[str, Any] = {"type": kind.cff, "title": study.title, "authors": authors,
                            "year": study.year}
    if kind.genre:
        work.update({"conference": {"name": study.venue}, "notes": kind.genre})
    else:
        work["journal"] = study.venue
    work.update({k: v for k, v in (("doi", study.doi), ("url", study.url)) if v})
    message = (f"This data set is the work of {study.editors}: {rights.EDITORS_WORK}. Its "
               "source is the study below, by its authors: for the findings, cite the study.")
    cff: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": f"{message} {rights.licence_statement(study)}",
        "type": "dataset",
        "title": rights.data_set_title(study),
        "version": version,
        # A literal name (the editors, as a group): CFF's entity ``name``, not a person.
        "authors": [{"name": rights.editors_name(study)}],
        **({"license": study.license} if study.license else {}),
        "preferred-citation": work,
    }
    if site_url:
        cff["url"] = site_url
    text = yaml.dump(cff, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100)
    return (LITERAL_NAMES if any(name_parts(a) is None for a in study.authors) else "") + text


#: Said at the top of a CITATION.cff where some author is given as written.
LITERAL_NAMES = ("# An author given as 'name' (not 'family-names' and 'given-names') is written "
                 "as published:\n# no source states which part of the name is the family "
                 "name.\n")


class _PlainDumper(yaml.SafeDumper):
    """Writes repeated values out in full: no anchors or aliases in the published file."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def ris(study: Study) -> str:
    """The study as an RIS record: one value per line, so no value can break its line and
    start a tag of its own."""
    kind = work_type(study)
    lines = [("TY", kind.ris), ("TI", study.title)]
    lines += [("AU", ", ".join(parts) if (parts := name_parts(a)) else a.name)
              for a in study.authors]
    lines += [("PY", str(study.year)), ("T2", study.venue)]
    if kind.genre:
        lines.append(("M3", kind.genre))
    lines += [(tag, url_text(value)) for tag, value in (("DO", study.doi), ("UR", study.url))
              if value]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in lines)


def csl_json(study: Study) -> str:
    """The study as CSL-JSON (a list of one item): what Zotero and Pandoc read."""
    return json.dumps([csl_item(study)], indent=1, ensure_ascii=False) + "\n"


def open_data_files(findings: Findings, site_url: str,
                    data: dict[str, Any] | None = None) -> dict[str, str]:
    """Path below the site root -> text, for every download; ``data`` is ``public_data``'s,
    when the caller has made it already."""
    data = data or public_data(findings, Urls("", site_url))
    files = {
        f"{DATA_DIR}/findings.json": json.dumps(data, indent=1, ensure_ascii=False) + "\n",
        f"{DATA_DIR}/findings.schema.json": json.dumps(public_schema(), indent=1) + "\n",
        f"{DATA_DIR}/CITATION.cff": citation_cff(findings.study, data["version"], site_url),
        f"{DATA_DIR}/study.bib": bibtex(findings.study) + "\n",
        f"{DATA_DIR}/study.ris": ris(findings.study),
        f"{DATA_DIR}/study.json": csl_json(findings.study),
    }
    for kind in ITEM_KINDS:
        files[f"{DATA_DIR}/{kind.name}.csv"] = to_csv(data[kind.name], kind)
    columns = {f"{kind.name}.csv": [(f.name, f.doc) for f in public_record(kind).fields]
               for kind in ITEM_KINDS}
    metadata = rights.csv_metadata(findings.study, data["version"], columns,
                                   cite_study_apa(findings.study))
    files[f"{DATA_DIR}/{rights.CSV_METADATA}"] = json.dumps(metadata, indent=1,
                                                            ensure_ascii=False) + "\n"
    return files
