"""Value types of the schema: each knows how to check a YAML value and how to describe itself
as JSON Schema, so the editors' JSON Schema and the checks cannot drift apart."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from findings.load import MAX_TEXT_CHARACTERS, Mapping, Scalar, Sequence
from findings.problems import describe

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG)
#: What ``findings new`` writes for a value still to be filled in; never valid text.
PLACEHOLDER = "TODO"
#: JSON Schema for what ``text_of`` refuses: blank text, and ``findings new``'s placeholders.
NOT_BLANK = r"\S"
#: Only text can be a placeholder: a number is not one (``not`` of a bare pattern would refuse
#: every number, as a pattern holds for anything that is not a string).
NOT_PLACEHOLDER = {"type": "string", "pattern": f"^{PLACEHOLDER}(:|\\s*$)"}
#: Far more than a year or a theme number needs, far less than Python's int() refuses (4,300).
MAX_DIGITS = 15


class InvalidValueError(Exception):
    """A value does not fit its type: ``message`` says what was expected and what was found."""


def text_of(node: object, what: str = "text") -> str:
    """The text of a scalar, trailing white space stripped; lists, mappings and placeholders
    left by ``findings new`` are wrong."""
    if not isinstance(node, Scalar):
        raise InvalidValueError(f"expected {what}, found {describe(node)}")
    text = node.rstrip()
    if text == PLACEHOLDER or node.startswith(_PLACEHOLDER_START):
        raise InvalidValueError(f"expected real content, found a placeholder {describe(node)}: "
                                "replace it")
    return text


_PLACEHOLDER_START = PLACEHOLDER + ":"
#: What an unquoted scalar may say for "nothing" (``Scalar.is_null``), for ``is_empty``.
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))


def is_empty(node: object) -> bool:
    if node is None:
        return True
    if isinstance(node, Scalar):  # is_null, said inline: this runs for every value checked
        return not node.strip() or (node.plain and node in _NULL_WORDS)
    return isinstance(node, (list, dict)) and len(node) == 0


@dataclass(frozen=True)
class Text:
    """Plain text: escaped wherever it is shown."""

    max_length: int | None = None
    pattern: str | None = None
    pattern_name: str = ""
    expected: str = "text"

    def check(self, node: object) -> str:
        text = text_of(node, self.expected)
        if self.pattern and not _compiled(self.pattern).match(text):
            raise InvalidValueError(f"expected {self.pattern_name}, found {describe(text)}")
        if self.max_length is not None and len(text) > self.max_length:
            raise InvalidValueError(
                f"expected at most {self.max_length} characters, found {len(text)}"
            )
        return text

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1,
                                  "maxLength": self.max_length or MAX_TEXT_CHARACTERS,
                                  "pattern": self.pattern or NOT_BLANK, "not": NOT_PLACEHOLDER}
        return schema


def read_as_text(pattern: str) -> list[str]:
    """The JSON types an editor may see where ``check`` reads the YAML as text: an unquoted
    ``2023``, ``1.10`` or ``true`` is a number or a boolean to the editor's YAML parser, but
    ``check`` keeps the text as written, and accepts it where the ``pattern`` allows it. (The
    open data's schema keeps ``string``: findings.json always holds text.)"""
    types = ["string"]
    if re.match(pattern, "1.5"):
        types.append("number")
    elif re.match(pattern, "1"):
        types.append("integer")
    if re.match(pattern, "true"):
        types.append("boolean")
    return types


@dataclass(frozen=True)
class Markdown(Text):
    """Markdown: rendered, but raw HTML in it is shown as text."""

    expected: str = "Markdown text"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_CHARACTERS,
                "pattern": NOT_BLANK, "not": NOT_PLACEHOLDER, "contentMediaType": "text/markdown"}


def slug(max_length: int = 64) -> Text:
    return Text(max_length, SLUG, "a lowercase slug like 'my-item-2'")


@dataclass(frozen=True)
class Integer:
    minimum: int | None = None

    def check(self, node: object) -> int:
        text = text_of(node, "a whole number")
        if not _WHOLE_NUMBER.fullmatch(text):
            raise InvalidValueError(f"expected a whole number, found {describe(text)}")
        if len(text.lstrip("+-")) > MAX_DIGITS:
            raise InvalidValueError(f"expected a whole number of at most {MAX_DIGITS} digits, "
                                    f"found {len(text.lstrip('+-')):,} digits")
        if isinstance(node, Scalar) and not node.plain:
            raise InvalidValueError("expected a whole number, found the quoted text "
                                    f"{describe(text)}: remove the quotes")
        value = int(text)
        if self.minimum is not None and value < self.minimum:
            raise InvalidValueError(f"expected a number of at least {self.minimum}, found {value}")
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer", "maximum": 10**MAX_DIGITS - 1}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        return schema


@dataclass(frozen=True)
class Boolean:
    def check(self, node: object) -> bool:
        text = text_of(node, "true or false")
        if isinstance(node, Scalar) and node.plain and text in ("true", "false"):
            return text == "true"
        raise InvalidValueError(f"expected true or false, found {describe(text)}")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@functools.cache
def _one_of(values: tuple[str, ...]) -> str:
    quoted = [f"'{v}'" for v in values]
    if len(quoted) == 1:
        return quoted[0]
    return "one of " + ", ".join(quoted[:-1]) + " or " + quoted[-1]


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
#: Patterns that take exactly the texts a schema pattern takes, faster, for text whose end is
#: not a line break (as a stripped text's): the slug's without a group recorded at each
#: repeat is eight times as fast, and 40,000 ids and references to them are slugs per 10,000
#: quotes.
_SAME_TEXTS = {SLUG: re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*").fullmatch}


def quick_matcher(pattern: str) -> Callable[[str], object]:
    """For the quick checks (``quick_checks``), which must read values exactly as these types
    do: a match of ``pattern`` in a text with trailing white space stripped, or ``None``."""
    return _SAME_TEXTS.get(pattern) or _compiled(pattern).match


whole_number = _WHOLE_NUMBER.fullmatch


@dataclass(frozen=True)
class Choice:
    values: tuple[str, ...]

    def check(self, node: object) -> str:
        text = text_of(node, _one_of(self.values))
        if text not in self.values:
            raise InvalidValueError(f"expected {_one_of(self.values)}, found {describe(text)}")
        return text

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}


@dataclass(frozen=True)
class ListOf:
    item: ValueType
    min_items: int = 0
    unique: bool = False

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema


@dataclass(frozen=True)
class Record:
    """A mapping with known fields (an author, a key fact, a study item); ``model`` is the
    dataclass that declares it (``records``), if any."""

    fields: tuple[Field, ...]
    model: type[Any] | None = field(default=None, compare=False, repr=False)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {f.name: f.json_schema() for f in self.fields},
        }
        required = [f.name for f in self.fields if f.required]
        if required:
            schema["required"] = required
        conditions = [f.json_condition() for f in self.fields if f.required_when]
        if conditions:
            schema["allOf"] = conditions
        return schema


@dataclass(frozen=True)
class MapOf:
    """A mapping from text keys to values, in the order written (the abstract's sections)."""

    key: Text
    value: ValueType
    min_items: int = 0

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": self.value.json_schema(),
        }
        if self.key.pattern:
            schema["propertyNames"] = {"pattern": self.key.pattern}
        if self.min_items:
            schema["minProperties"] = self.min_items
        return schema


ValueType = Text | Integer | Boolean | Choice | ListOf | Record | MapOf


@dataclass(frozen=True)
class Field:
    """A field of an item: its type, whether it is required, what it means, what it refers to.

    ``ref`` names what a field's values must be among: a kind (``themes``, ``quotes``,
    ``recommendations``) or a list in the study (``speakers``, ``audiences``).
    """

    name: str
    type: ValueType
    doc: str
    required: bool = False
    ref: str | None = None
    required_when: tuple[str, str] | None = None
    published: bool = True
    unique: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def json_schema(self) -> dict[str, Any]:
        schema = self.type.json_schema()
        schema["description"] = self.doc
        return schema

    def json_condition(self) -> dict[str, Any]:
        assert self.required_when
        other, value = self.required_when
        return {
            "if": {"properties": {other: {"const": value}}, "required": [other]},
            "then": {"required": [self.name]},
        }


def walk_scalars(node: object) -> list[Scalar]:
    """Every scalar under a node, in document order."""
    if isinstance(node, Scalar):
        return [node]
    if isinstance(node, Mapping):
        return [s for v in node.values() for s in walk_scalars(v)]
    if isinstance(node, Sequence):
        return [s for v in node for s in walk_scalars(v)]
    return []
