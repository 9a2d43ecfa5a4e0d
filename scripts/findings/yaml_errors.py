"""YAML syntax errors in plain words, with the likely fix, for people who are not programmers.

The parser says "mapping values are not allowed here"; a researcher needs "a colon inside
text that is not in quotes: put the text in quotes". Each parser message is matched by a
fragment (libyaml's and PyYAML's wordings both) and the character where it stopped.
"""

from __future__ import annotations

import yaml

QUOTE_IT = "put the whole text in quotes"
#: (fragment of the parser's problem, of its context or "" for any) -> what was found, and the fix.
PLAIN: tuple[tuple[str, str, str], ...] = (
    ("mapping values are not allowed", "",
     "a colon followed by a space inside text that is not in quotes, or a line indented "
     "further than the field above it: " + QUOTE_IT + " (text: \"Note: like this\"), or line "
     "the field up with the others"),
    ("tab", "",
     "a tab used to indent: indent with spaces only (your editor can turn tabs into spaces)"),
    ("end of stream", "quoted scalar",
     "a quote mark that is never closed: add the closing quote at the end of the text"),
    ("unknown escape", "",
     "a backslash inside \"double quotes\": write it twice (\\\\), or use 'single quotes'"),
    ("expected ',' or ']'", "",
     "a [list] that is not closed, or an entry holding a comma or a colon: add the ']' or "
     "put the entry in quotes"),
    ("expected ',' or '}'", "",
     "a {mapping} that is not closed: add the '}'"),
    ("block sequence entries are not allowed", "",
     "a '- ' list entry where a value was expected: put the list on the next lines, indented "
     "under the field"),
    ("expected '-' indicator", "",
     "a line that does not line up with the list entries above it: start each entry with '- ' "
     "at the same indentation"),
    ("could not find expected ':'", "",
     "a line with no 'field: value' colon: add it, or if the line continues the text above, "
     + QUOTE_IT),
    ("expected key", "",
     "a line that does not line up with the fields above it, or text that starts with a quote "
     "mark and goes on after it: check the indentation, or " + QUOTE_IT),
    ("expected node content", "",
     "a value that starts with a character YAML reserves ([ { } * & ! | > % @ `): "
     + QUOTE_IT),
    ("cannot start any token", "",
     "a value that starts with {char}, a character YAML reserves: " + QUOTE_IT),
    ("expected <document start>", "",
     "a line at the left edge that is not a 'field: value' line: indent it, or " + QUOTE_IT),
    ("expected alphabetic or numeric character", "",
     "a value that starts with * or &: " + QUOTE_IT),
)


def plain_yaml_error(err: yaml.MarkedYAMLError, text: str) -> tuple[str, yaml.Mark | None]:
    """What was found, and the likely fix, in plain words; and where to report it: where the
    parser stopped, except for an unclosed quote, reported where it opens."""
    problem = err.problem or ""
    context = err.context or ""
    mark = err.problem_mark or err.context_mark
    if mark and _char_at(text, mark.line, mark.column) == "\t":
        problem = "tab"
    if "quoted scalar" in context and err.context_mark:
        mark = err.context_mark
    for fragment, in_context, plain in PLAIN:
        if fragment in problem and in_context in context:
            char = _char_at(text, mark.line, mark.column) if mark else ""
            return f"expected valid YAML, found {plain.replace('{char}', repr(char))}", mark
    return f"expected valid YAML, found {_found(problem)}", mark


def _found(problem: str) -> str:
    """The parser's own words, without a doubled 'found' ("found found ...")."""
    what = problem.strip() or "something it could not read"
    while what.startswith("found "):
        what = what.removeprefix("found ")
    return what.replace("did not find", "no").replace("could not find", "no")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if line >= len(lines):
        return ""
    row = lines[line]
    # The parser may stop on the tab itself or just after the spaces before it.
    return "\t" if "\t" in row[:column + 1] and not row[:column + 1].strip(" \t") else \
        row[column:column + 1]
