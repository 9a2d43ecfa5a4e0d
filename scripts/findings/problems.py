"""Content problems as values: every check returns these; ``commands`` prints them in one place.

A problem is always one line: control, format and other invisible characters in it (a key
holding a newline or an ANSI escape, a zero-width space in a speaker) are shown escaped, like
``\x1b``, ``\n`` or ``\u200b``, so no text in the data can forge another line, a terminal
colour or a GitHub workflow command, and two values that look alike show how they differ.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, at a place in a file (line and column count from 1)."""

    file: str
    line: int
    column: int
    message: str
    item_id: str | None = None
    field: str | None = None
    severity: Severity = "error"

    def format(self) -> str:
        """``FILE:LINE:COLUMN: error: [ITEM-ID] FIELD: message``, as the content contract says."""
        return (f"{visible(self.file)}:{self.line}:{self.column}: {self.severity}: "
                f"{self.described()}")

    def described(self) -> str:
        """``[ITEM-ID] FIELD: message``: the problem without its place, on one line."""
        text = f"[{self.item_id}] " if self.item_id else ""
        if self.field:
            text += f"{self.field}: "
        return visible(text + self.message)

    def annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command (``::error file=...::...``),
        which GitHub shows on the file's line in a pull request."""
        where = ",".join(f"{key}={_escape_property(visible(str(value)))}" for key, value in
                         (("file", self.file), ("line", self.line), ("col", self.column)))
        return f"::{self.severity} {where}::{_escape_data(self.described())}"


def visible(text: str) -> str:
    """``text`` with every character that prints as nothing, or moves the cursor, escaped the
    way Python writes it (``\n``, ``\x1b``, ``\u200b``); other characters, accents, scripts
    and emoji included, stay as they are."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escaped(char) for char in text)


def _escaped(char: str) -> str:
    return repr(char)[1:-1]


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def sort_problems(problems: Iterable[Problem], first: Iterable[str] = ()) -> list[Problem]:
    """Order problems as a reader meets them: by file, then by position; the problems of the
    files in ``first`` (files that could not be read, the cause of others) come before all."""
    causes = set(first)
    return sorted(problems, key=lambda p: (p.file not in causes, p.file, p.line, p.column))


def count_errors(problems: Iterable[Problem]) -> int:
    return sum(1 for p in problems if p.severity == "error")


def describe(value: object, echo: bool = True) -> str:
    """Show a found value briefly in a message: ``'text'``, ``a list``, ``a mapping``; with
    ``echo`` false, text is only called ``text`` (a whole file that is not data may be a
    credentials file: its content is never printed)."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if not echo:
        return "text"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return repr(text)
