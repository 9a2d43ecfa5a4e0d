"""JSON that every YAML reader reads back exactly: for the engine's config and front matter.

JSON is YAML's flow style, except that JSON leaves some characters raw that YAML refuses (DEL,
C1 controls) or takes for line breaks (NEL, U+2028, U+2029): one of those in a title ended
the scalar, the engine could not read the file, and a page was rendered as plain Markdown.
Every character that is not printable is written as a YAML escape instead.
"""

from __future__ import annotations

import json


def yaml_json(value: object, indent: int | None = None) -> str:
    """``value`` as JSON whose strings hold only printable characters and escapes."""
    encoded = json.dumps(value, ensure_ascii=False, indent=indent)
    if encoded.replace("\n", " ").isprintable():
        return encoded
    # JSON escapes every newline inside a string: a raw one is indentation, and stays.
    return "".join(char if char.isprintable() or char == "\n" else _escape(char)
                   for char in encoded)


def _escape(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"  # a lone surrogate cannot be written in UTF-8 at all
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
