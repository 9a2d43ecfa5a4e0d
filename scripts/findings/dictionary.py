"""The data dictionary: every kind and field of the schema, as Markdown for people.

Committed as ``DATA-DICTIONARY.md`` (``make schemas`` rewrites it; a test fails on drift).
"""

from __future__ import annotations

import sys
from pathlib import Path

from findings.load import MAX_DEPTH, MAX_FILE_BYTES, MAX_TEXT_CHARACTERS
from findings.schema import (
    GUARD_KINDS,
    ITEM_KINDS,
    REDIRECTS,
    RESERVED_IDS,
    STUDY,
    TOOLKIT_TYPES,
    Kind,
)
from findings.types import (
    MAX_DIGITS,
    Boolean,
    Choice,
    Field,
    Integer,
    ListOf,
    MapOf,
    Markdown,
    Record,
    Text,
    ValueType,
)
from findings.validate import MAX_ITEMS

INTRO = f"""# Data dictionary

The data folder (default `themes_data/`) holds `study.yml`, and the folders `themes/`,
`quotes/` and `recommendations/`, each with `.yml` or `.yaml` files of one item or a list of
items, read recursively; an optional `redirects.yml` keeps retired ids working. Text is taken
exactly as written (`yes` stays "yes"); *required* means present and not empty. An unknown field
is an error. Plain YAML only: no anchors, aliases, merge keys, tags or several documents.

Ids are lowercase slugs (`^[a-z0-9]+(-[a-z0-9]+)*$`, at most 64 characters), unique within their
kind, and are permalinks. These ids are reserved for the site's own pages and cannot be used:
{", ".join(f"`{r}`" for r in RESERVED_IDS)}.

Markdown fields render Markdown, but raw HTML in them is shown as text; a link to anything but
http(s), mailto or a relative path is shown as text, judged as a browser reads it (character
references decoded: `javascript&#58;` is `javascript:`). They can link to items by id:
`[text](theme:ID)`, `[text](quote:ID)`, `[text](recommendation:ID)`.

Text, keys included, may hold any Unicode character except control characters: C0 controls
other than tab and newline (U+0000 to U+0008, U+000B to U+001F), DEL (U+007F), C1 controls
(U+0080 to U+009F), lone surrogates and noncharacters (U+FDD0 to U+FDEF, and U+FFFE and U+FFFF
of every plane). Written raw or as a YAML escape (`"\\x7f"`), each is an error that names it,
e.g. `expected text without control characters, found U+007F at character 12`.

The optional `toolkit/` folder holds the site's own practical material built from the findings
(the site labels it so, never as the study's): self-assessment questions and discussion
guides. Its files, like the others, hold one item or a list; each item says what it is in
`type`, and toolkit ids are unique across the folder.

This file is generated from `scripts/findings/records.py` (each record, declared once) and
`scripts/findings/schema.py` (the kinds of file): run `make schemas` after changing them.

## Limits

Far above what a study of many thousands of quotes needs; each is an error at its place.

| what | at most | reported at |
| --- | --- | --- |
| a file's size | {MAX_FILE_BYTES:,} bytes | line 1, column 1 (the file is not read further) |
| a text, any field or key | {MAX_TEXT_CHARACTERS:,} characters | the text |
| a whole number | {MAX_DIGITS} digits | the number |
| items of one kind (each toolkit type counts apart) | {MAX_ITEMS:,} | the first one too many |
| nesting of lists and mappings | {MAX_DEPTH} levels | where it goes deeper |
"""


def describe_type(vtype: ValueType) -> str:  # noqa: PLR0911 (one case per type)
    if isinstance(vtype, Markdown):
        return "Markdown"
    if isinstance(vtype, Text):
        limit = f", at most {vtype.max_length} characters" if vtype.max_length else ""
        return (vtype.pattern_name or "plain text") + limit
    if isinstance(vtype, Integer):
        return "whole number" + (f" ≥ {vtype.minimum}" if vtype.minimum is not None else "")
    if isinstance(vtype, Boolean):
        return "true or false"
    if isinstance(vtype, Choice):
        return " or ".join(f"`{v}`" for v in vtype.values)
    if isinstance(vtype, ListOf):
        least = f", at least {vtype.min_items}" if vtype.min_items else ""
        return f"list of {describe_type(vtype.item)}{least}"
    if isinstance(vtype, MapOf):
        return f"mapping of {describe_type(vtype.key)} → {describe_type(vtype.value)}"
    return "mapping with the fields below"


def _required(f: Field) -> str:
    if f.required:
        return "yes"
    if f.required_when:
        return f"when {f.required_when[0]} is `{f.required_when[1]}`"
    return "no"


def field_rows(record: Record, prefix: str = "", published_only: bool = False
               ) -> list[tuple[str, str, str, str]]:
    """(name, type, required, meaning) for every field, nested fields after their parent."""
    rows = []
    for f in record.fields:
        if published_only and not f.published:
            continue
        meaning = f.doc
        if not (f.published or "never published" in f.doc):
            meaning += " (never published)"
        if f.ref:
            meaning += f"; must be among the {f.ref}"
        rows.append((prefix + f.name, describe_type(f.type), _required(f), meaning))
        inner = f.type.item if isinstance(f.type, ListOf) else f.type
        if isinstance(inner, Record):
            nested = prefix + f.name + ("[]." if inner is not f.type else ".")
            rows += field_rows(inner, nested, published_only)
    return rows


def _field_rows(record: Record) -> list[str]:
    return [f"| `{name}` | {kind} | {required} | {meaning} |"
            for name, kind, required, meaning in field_rows(record)]


def kind_section(kind: Kind, heading: str) -> str:
    header = ["| field | type | required | meaning |", "| --- | --- | --- | --- |"]
    intro = [kind.doc, ""] if kind.doc else []
    return "\n".join([f"## {heading}", "", *intro, *header, *_field_rows(kind.record), ""])


def render_dictionary() -> str:
    sections = [INTRO, kind_section(STUDY, "study.yml")]
    sections += [kind_section(kind, f"{kind.folder}/") for kind in ITEM_KINDS]
    sections += [kind_section(kind, f"toolkit/: {kind.singular}s (`type: {name}`)")
                 for name, kind in TOOLKIT_TYPES.items()]
    sections.append(kind_section(REDIRECTS, "redirects.yml"))
    sections += [kind_section(kind, f"{kind.folder}.yml") for kind in GUARD_KINDS]
    return "\n".join(sections)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("DATA-DICTIONARY.md")
    target.write_text(render_dictionary(), encoding="utf-8")
