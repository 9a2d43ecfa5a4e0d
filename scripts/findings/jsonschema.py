"""The JSON Schema files that YAML editors use, generated from ``schema``.

Run ``python -m findings.jsonschema DIR`` (``make schemas``) to rewrite them; a test fails when
the committed files differ from what this module generates.

``findings schemas --data DIR`` writes the same schemas for one study into ``DIR/.schemas/``
(not data: a dot-folder; not committed), with the values a reference may take (this study's
theme, quote and recommendation ids, speakers and audiences) as lists to choose from, so an
editor completes them and flags a misspelt one, as ``check`` does.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from findings.data import CheckedData
from findings.schema import (
    CHANGELOG,
    DISCLOSURE_ALLOW,
    GUARD_KINDS,
    ITEM_KINDS,
    REDIRECTS,
    RESERVED_IDS,
    STUDY,
    TOOLKIT_KINDS,
    Kind,
)
from findings.types import read_as_text

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
OUTPUT = Path(__file__).parent / "jsonschema"


def schema_for(kind: Kind) -> dict[str, Any]:
    """A file's schema: one mapping for the study and redirects, one item or a list for kinds."""
    item = kind.record.json_schema()
    document: dict[str, Any] = {
        "$schema": SCHEMA_DRAFT,
        "$id": f"{kind.name}.schema.json",
        "title": f"Findings data: {kind.name}",
    }
    if kind in ITEM_KINDS:
        document["description"] = f"One {kind.singular}, or a list of them."
        item["properties"]["id"]["not"] = {"enum": list(RESERVED_IDS)}
        document["$defs"] = {kind.singular: item}
        ref = {"$ref": f"#/$defs/{kind.singular}"}
        document["oneOf"] = [ref, {"type": "array", "minItems": 1, "items": ref}]
    elif kind in (DISCLOSURE_ALLOW, CHANGELOG):
        document.update({"description": kind.doc, "type": "array", "items": item})
    else:
        document.update(item)
    return document


def toolkit_schema() -> dict[str, Any]:
    """Toolkit files hold items of several types, told apart by ``type``."""
    defs = {kind.singular.replace(" ", "-"): kind.record.json_schema() for kind in TOOLKIT_KINDS}
    refs = [{"$ref": f"#/$defs/{name}"} for name in defs]
    return {
        "$schema": SCHEMA_DRAFT,
        "$id": "toolkit.schema.json",
        "title": "Findings data: toolkit",
        "description": "One toolkit item (a question or a discussion guide), or a list of them.",
        "$defs": defs,
        "oneOf": [*refs, {"type": "array", "minItems": 1, "items": {"oneOf": refs}}],
    }


def all_schemas() -> dict[str, str]:
    """File name -> JSON text, for every kind of data file."""
    schemas = {f"{kind.name}.schema.json": schema_for(kind)
               for kind in (STUDY, *ITEM_KINDS, REDIRECTS, *GUARD_KINDS)}
    schemas["toolkit.schema.json"] = toolkit_schema()
    for schema in schemas.values():
        _as_check_reads(schema)
    return {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
            for name, schema in schemas.items()}


def _as_check_reads(node: Any) -> None:
    """Every text field (a string with a pattern) also takes the numbers and booleans whose
    text ``check`` accepts there (``read_as_text``): the editor sees ``version: 1.10`` as the
    number 1.1, ``check`` as the text '1.10'."""
    if isinstance(node, list):
        for value in node:
            _as_check_reads(value)
    elif isinstance(node, dict):
        if node.get("type") == "string" and isinstance(node.get("pattern"), str) \
                and "not" in node:
            node["type"] = read_as_text(node["pattern"])
        for value in node.values():
            _as_check_reads(value)


def write_schemas(folder: Path, schemas: dict[str, str] | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (schemas or all_schemas()).items():
        (folder / name).write_text(text, encoding="utf-8")


STUDY_SCHEMAS = ".schemas"


def study_values(data: CheckedData) -> dict[str, list[str]]:
    """What each kind of reference may name in this study (speakers and audiences only when
    the study lists them)."""
    values = {kind.name: sorted(item.id for item in data.items.get(kind.name, []))
              for kind in ITEM_KINDS}
    for name in ("speakers", "audiences"):
        if data.study and name in data.study:
            values[name] = list(data.study[name])
    return values


def study_schemas(data: CheckedData) -> dict[str, str]:
    """Every schema, with each reference field limited to the values it may take here."""
    values = study_values(data)
    schemas = {}
    for name, text in all_schemas().items():
        document = json.loads(text)
        kinds = [k for k in (*ITEM_KINDS, *TOOLKIT_KINDS, *GUARD_KINDS)
                 if name in (f"{k.name}.schema.json", f"{k.folder}.schema.json")]
        for kind in kinds:
            for properties in _objects(document):
                _limit(kind, properties, values)
        schemas[name] = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return schemas


def _objects(node: Any) -> list[dict[str, Any]]:
    """Every ``properties`` mapping in a schema document."""
    if isinstance(node, list):
        return [found for value in node for found in _objects(value)]
    if not isinstance(node, dict):
        return []
    own = [node["properties"]] if isinstance(node.get("properties"), dict) else []
    return own + [found for key, value in node.items() if key != "properties"
                  for found in _objects(value)]


def _limit(kind: Kind, properties: dict[str, Any], values: dict[str, list[str]]) -> None:
    for f in kind.fields:
        prop = properties.get(f.name)
        if f.ref in values and isinstance(prop, dict) and f.name in properties:
            target = prop["items"] if prop.get("type") == "array" else prop
            target["enum"] = values[f.ref]


if __name__ == "__main__":
    write_schemas(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
