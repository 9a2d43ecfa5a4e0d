"""The JSON Schema files that YAML editors use, generated from ``schema``.

Run ``python -m findings.jsonschema DIR`` (``make schemas``) to rewrite them; a test fails when
the committed files differ from what this module generates.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

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
    return {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
            for name, schema in schemas.items()}


def write_schemas(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in all_schemas().items():
        (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_schemas(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
