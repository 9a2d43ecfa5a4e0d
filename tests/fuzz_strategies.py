"""Hypothesis strategies for fuzzing the data reader: YAML documents written every way YAML
allows (and some it does not), and whole data folders made from a valid one by mutations.

A document is drawn as a tree of values, then written out with random choices: block or flow
style, every quoting style, anchors and aliases, tags, merge keys, duplicate keys, comments,
several documents. Scalars mix the schema's own words (so the checks past parsing run) with
odd Unicode: control characters, escaped surrogates, emoji, right-to-left text, invisible
characters, line separators, huge numbers and long texts.
"""

from __future__ import annotations

import os
import re
import textwrap
from typing import Any

import yaml
from hypothesis import strategies as st

from conftest import MINIMAL
from findings.schema import CHANGELOG, DISCLOSURE_ALLOW, ITEM_KINDS, STUDY, TOOLKIT_KINDS
from findings.types import ListOf, MapOf, Record, ValueType

#: The long run (``make fuzz``) also tries texts big enough to find slow checks.
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
HUGE = 200_000 if LONG else 6_000


def _field_names(vtype: ValueType) -> set[str]:
    if isinstance(vtype, Record):
        return {f.name for f in vtype.fields}.union(*(_field_names(f.type) for f in vtype.fields))
    if isinstance(vtype, (ListOf, MapOf)):
        return _field_names(vtype.item if isinstance(vtype, ListOf) else vtype.value)
    return set()


KINDS = (STUDY, *ITEM_KINDS, *TOOLKIT_KINDS, CHANGELOG, DISCLOSURE_ALLOW)
FIELD_NAMES = sorted(set().union(*(_field_names(k.record) for k in KINDS)))

#: Words the schema and the minimal folder give meaning to, and words YAML does.
WORDS = [
    "one", "q-one", "r-one", "two", "index", "Study authors", "Participant", "Program directors",
    "participant", "finding", "consented", "previously-published", "program", "institution",
    "community", "stated", "derived", "authors", "participants", "low", "medium", "high",
    "immediate", "short-term", "long-term", "question", "discussion", "withdrawn",
    "theme:one", "quote:q-one", "recommendation:r-one", "[x](theme:one)", "[x](quote:nope)",
    "CC-BY-4.0", "0000-0002-1825-0097", "10.1000/xyz", "https://example.org", "a@b.co",
    "2024-01-01", "2024-02-30", "9999-12-31", "2024", "1", "0", "-1", "TODO", "TODO: fill",
    "yes", "no", "true", "false", "~", "null", "", " ", "1e3", ".inf", "0x1F", "0o17",
    "---", "...", "- x", "? x", ": x", "@x", "`x", "%x", "*x", "&x", "!x", "|", ">", "#",
    "a: b", "[x", "{x", "x]", "'", '"', "\\", "<script>alert(1)</script>",
]
ODD = [
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\r", "\r\n", "\x1b[31m", "\x7f", "\x80", "\x85",
    "\x9f", "\xa0", "\u00ad", "\u200b", "\u200d", "\u202e", "\u2066", "\u2028", "\u2029",
    "\ufeff", "\ufffd", "\ufffe", "\uffff", "\U0001f600", "\U0001f469\u200d\U0001f52c",
    "\U0010ffff", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "e\u0301",
    "\u4e2d\u6587", "\t",
]

texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
odd_texts = st.lists(st.sampled_from(ODD) | st.sampled_from(WORDS) | texts,
                     min_size=1, max_size=6).map("".join)
huge_texts = st.tuples(st.sampled_from(["9", "a", "x@", "ab ", "\u00e9", "\U0001f600", "{"]),
                       st.integers(1, HUGE)).map(lambda t: (t[0] * t[1])[:HUGE])
scalars = st.one_of(
    st.sampled_from(WORDS), odd_texts, texts, st.integers().map(str),
    st.sampled_from(["4" * 4301, "1" * 5000]), huge_texts,
    st.sampled_from(["\ud800", "x\udfffy", "\ud83d"]),  # lone surrogates: escaped or raw
)
#: Numbers for the whole-number fields (``year``, ``number``, ``disclosure.k``).
numbers = st.sampled_from(["0", "-1", "+7", "007", "1_000", "0x10", "1e3", "99999999999999999999",
                           "4" * 4301, "1" * 5000, "2106", "3000"]) | st.integers().map(str)
keys = st.sampled_from(FIELD_NAMES) | st.sampled_from(WORDS) | odd_texts
trees = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)


# --- writing a tree as YAML, every choice drawn --------------------------------------------

_SAFE_PLAIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-./()")


def _double(text: str) -> str:
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif c.isprintable() and c not in "\u2028\u2029\x85":
            out.append(c)
        elif ord(c) <= 0xFF:
            out.append(f"\\x{ord(c):02x}")
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    return '"' + "".join(out) + '"'


class Writer:
    """Writes one tree as YAML text; ``draw`` makes every choice."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.anchors: list[str] = []

    def choose(self, *options: str) -> str:
        return self.draw(st.sampled_from(options))

    def scalar(self, text: str, flow: bool) -> str:
        numeric = text.lstrip("+-").isdigit()
        style = self.choose(*(["plain"] * 3 if numeric else ["plain"]), "single", "double", "raw")
        if style == "plain" and text and set(text) <= _SAFE_PLAIN and text.strip() == text:
            return text
        if style == "single":
            return "'" + text.replace("'", "''") + "'"
        if style == "raw":  # as it is, whatever YAML makes of it
            return text
        return _double(text)

    def decorate(self) -> str:
        """An anchor, a tag, or nothing, before a node."""
        what = self.choose("", "", "", "", "anchor", "tag")
        if what == "anchor":
            self.anchors.append(f"a{len(self.anchors)}")
            return f"&{self.anchors[-1]} "
        if what == "tag":
            return self.choose("!!str ", "!!int ", "!!map ", "!custom ", "!<tag:x> ", "!!binary ")
        return ""

    def node(self, value: Any, indent: int, flow: bool) -> str:
        if self.anchors and self.draw(st.integers(0, 15)) == 0:
            return "*" + self.choose(*self.anchors)
        lead = self.decorate()
        if isinstance(value, dict):
            return lead + self.mapping(value, indent, flow)
        if isinstance(value, list):
            return lead + self.sequence(value, indent, flow)
        return lead + self.scalar("" if value is None else str(value), flow)

    def mapping(self, value: dict[str, Any], indent: int, flow: bool) -> str:
        entries = list(value.items())
        if entries and self.draw(st.integers(0, 9)) == 0:
            entries.append(entries[0])  # a duplicate key
        if self.anchors and self.draw(st.integers(0, 9)) == 0:
            entries.append(("<<", None))  # a merge key
        if flow or not entries or self.draw(st.integers(0, 4)) == 0:
            parts = [f"{self.scalar(str(k), True)}: "
                     + ("*" + self.anchors[0] if k == "<<" and v is None
                        else self.node(v, indent, True)) for k, v in entries]
            return "{" + ", ".join(parts) + "}"
        pad = " " * indent
        lines = []
        for key, item in entries:
            written = "*" + self.anchors[0] if key == "<<" and item is None else None
            text = written or self.node(item, indent + 2, False)
            lines.append(f"{pad}{self.scalar(str(key), True)}:"
                         + (text if text.startswith("\n") else " " + text))
        return "\n" + "\n".join(lines) if indent else "\n".join(lines)

    def sequence(self, value: list[Any], indent: int, flow: bool) -> str:
        if flow or not value or self.draw(st.integers(0, 4)) == 0:
            return "[" + ", ".join(self.node(v, indent, True) for v in value) + "]"
        pad = " " * indent
        lines = [f"{pad}- {self.node(v, indent + 2, False).lstrip()}" for v in value]
        return "\n" + "\n".join(lines) if indent else "\n".join(lines)


@st.composite
def yaml_text(draw: st.DrawFn, tree: st.SearchStrategy[Any] = trees) -> str:
    """One tree written as YAML, sometimes with a comment, a directive or another document."""
    writer = Writer(draw)
    text = writer.node(draw(tree), 0, False)
    extra = draw(st.sampled_from(["", "", "", "comment", "document", "directive", "end"]))
    if extra == "comment":
        text = "# a comment\n" + text + "  # another"
    elif extra == "document":
        text = f"---\n{text}\n---\n" + writer.node(draw(trees), 0, False)
    elif extra == "directive":
        text = "%YAML 1.1\n---\n" + text
    elif extra == "end":
        text += "\n...\n"
    return text + draw(st.sampled_from(["\n", "", "\r\n"]))


#: Nesting far deeper than any data needs, in flow and block style.
deep_yaml = st.tuples(st.integers(20, 5_000 if LONG else 1_500),
                      st.sampled_from(["[", "{a: ", "- ", "a:\n"])).map(
    lambda t: _nest(*t))


def _nest(depth: int, opener: str) -> str:
    if opener == "[":
        return "[" * depth + "]" * depth
    if opener == "{a: ":
        return "{a: " * depth + "x" + "}" * depth
    if opener == "- ":
        return "".join(" " * (2 * i) + "-\n" for i in range(depth)) + " " * (2 * depth) + "x\n"
    return "".join(" " * i + "a:\n" for i in range(depth)) + " " * depth + "x\n"


# --- whole data folders ---------------------------------------------------------------------

BASE = {name: textwrap.dedent(text).lstrip("\n") for name, text in MINIMAL.items()}
PATHS = [
    *BASE, "study.yaml", "redirects.yml", "changelog.yml", "published.yml", "settings.yml",
    "disclosure-allow.yml", "themes/more.yaml", "themes/sub/deep.yml", "quotes/x.YML",
    "quotes/.hidden.yml", "toolkit/t.yml", "recommendations/r2.yml", "quotes/notes.txt",
]
file_names = st.sampled_from(PATHS) | st.from_regex(
    r"\A(themes|quotes|recommendations|toolkit)/[a-z0-9 ._-]{1,12}\.(yml|yaml)\Z")


def _bytes_of(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


@st.composite
def changed_base_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """One file of the minimal folder with one value, anywhere in it, replaced."""
    name = draw(st.sampled_from(sorted(BASE)))
    tree = yaml.safe_load(BASE[name])
    draw(st.builds(_replace_somewhere, st.just(tree), trees, numbers,
                   st.randoms(use_true_random=False)))
    return name, _bytes_of(draw(yaml_text(st.just(tree))))


def _replace_somewhere(tree: Any, new: Any, number: str, random: Any) -> None:
    node = tree
    while True:
        slots = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not slots:
            return
        slot = random.choice(slots)
        child = node[slot]
        if isinstance(child, (dict, list)) and child and random.random() < 0.6:
            node = child
            continue
        if isinstance(child, int) and random.random() < 0.5:
            node[slot] = number
        else:
            node[slot] = new if random.random() < 0.8 else str(child)
        return


@st.composite
def mutated_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file of the minimal folder with bytes flipped, inserted, cut or truncated."""
    name = draw(st.sampled_from(sorted(BASE)))
    data = bytearray(BASE[name].encode())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        what = draw(st.sampled_from(["insert", "cut", "truncate", "flip"]))
        if what == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif what == "cut":
            del data[at:at + draw(st.integers(1, 10))]
        elif what == "truncate":
            del data[at:]
        elif data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
    return name, bytes(data)


new_files = st.tuples(file_names, st.one_of(
    yaml_text().map(_bytes_of), st.binary(max_size=64), deep_yaml.map(str.encode),
    st.sampled_from([b"", b"\xef\xbb\xbf", b"- \n", b"[]", b"{}", b"~", b"\xff\xfe"]),
))
@st.composite
def changed_number(draw: st.DrawFn) -> tuple[str, bytes]:
    """The study's year or the theme's number, changed to another number (or not one)."""
    name = draw(st.sampled_from(["study.yml", "themes/one.yml"]))
    text = re.sub(r"(?m)^(year|number): \d+$", lambda m: f"{m[1]}: {draw(numbers)}", BASE[name])
    return name, text.encode()


changes = st.one_of(changed_base_file(), mutated_bytes(), new_files, changed_number(),
                    st.tuples(st.sampled_from(sorted(BASE)), st.none()))


@st.composite
def data_folders(draw: st.DrawFn) -> dict[str, bytes]:
    """The minimal valid folder changed a few times: a file replaced, mutated, added, removed."""
    files: dict[str, bytes | None] = {name: text.encode() for name, text in BASE.items()}
    for name, content in draw(st.lists(changes, min_size=1, max_size=4)):
        files[name] = content
    return {name: content for name, content in files.items() if content is not None}
