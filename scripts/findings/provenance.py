"""Checks of who said what: an excerpt of the abstract must be in the abstract, word for word,
and only a stated recommendation says whose it is.

``excerpt_of: abstract`` on a quote promises readers that its text occurs verbatim in
``study.abstract`` (white space aside). When it does not, the error names the first character of
the quote that no longer matches, so an editor finds the slip (a changed word, a straightened
quotation mark) without comparing the two by eye.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from findings.load import mark_of
from findings.problems import Problem
from findings.validate import Item

SHOWN = 12  # characters of context either side of a difference, in messages


@dataclass(frozen=True)
class Spaced:
    """Text with each run of white space made one space, and where each character came from."""

    text: str
    origin: tuple[int, ...]


def squeeze(text: str) -> Spaced:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace() and (not chars or chars[-1] == " "):
            continue
        chars.append(" " if char.isspace() else char)
        origin.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return Spaced("".join(chars), tuple(origin))


@dataclass(frozen=True)
class Mismatch:
    """Where an excerpt stops matching: ``position`` counts characters of the excerpt as
    written, from 1; ``found`` is its character there; ``expected`` the abstract's, if any."""

    position: int
    found: str
    expected: str


def find_mismatch(excerpt: str, sections: list[str]) -> Mismatch | None:
    """``None`` when ``excerpt`` occurs in one of ``sections`` (white space aside); otherwise the
    first character of the longest prefix that occurs nowhere."""
    spaced = squeeze(excerpt)
    texts = [squeeze(s).text for s in sections]
    if any(spaced.text in t for t in texts):
        return None
    low, high = 0, len(spaced.text)  # the longest matching prefix has length in [low, high)
    while low + 1 < high:
        middle = (low + high) // 2
        if any(spaced.text[:middle] in t for t in texts):
            low = middle
        else:
            high = middle
    return Mismatch(spaced.origin[low] + 1, spaced.text[low], _next_char(spaced.text[:low], texts))


def _next_char(prefix: str, texts: list[str]) -> str:
    if not prefix:
        return ""
    for text in texts:
        at = text.find(prefix)
        if at >= 0 and at + len(prefix) < len(text):
            return text[at + len(prefix)]
    return ""


def check_provenance(items: Mapping[str, list[Item]], study: dict[str, Any] | None
                     ) -> list[Problem]:
    """Errors for excerpts not found in the study's abstract and for ``stated_by`` on a
    derived recommendation."""
    problems = [p for quote in items.get("quotes", []) for p in _check_excerpt(quote, study)]
    problems += [p for rec in items.get("recommendations", []) for p in _check_owner(rec)]
    return problems


def _check_excerpt(quote: Item, study: dict[str, Any] | None) -> list[Problem]:
    text = quote.values.get("text")
    if quote.values.get("excerpt_of") != "abstract" or not text or study is None:
        return []
    sections = [str(s) for s in study.get("abstract", {}).values()]
    if not sections:
        return []  # the study's own check already reports the missing abstract
    mismatch = find_mismatch(text, sections)
    if mismatch is None:
        return []
    mark = mark_of(quote.node.get("text"), quote.mark)
    return [Problem(quote.file, mark.line, mark.column, _message(mismatch, text), quote.id,
                    "text")]


def _message(mismatch: Mismatch, text: str) -> str:
    at = mismatch.position - 1
    shown = text[max(0, at - SHOWN):at + SHOWN].replace("\n", " ")
    if mismatch.expected:
        wanted = f"the abstract has {mismatch.expected!r} there"
    elif mismatch.position == 1:
        wanted = "nothing in the abstract starts that way"
    else:
        wanted = "the abstract's text stops"
    return (f"expected the words of the study's abstract (excerpt_of: abstract), found "
            f"{mismatch.found!r} at character {mismatch.position} of the text, in "
            f"'...{shown}...', where {wanted}: copy the abstract's words exactly, or remove "
            "excerpt_of")


def _check_owner(rec: Item) -> list[Problem]:
    if "stated_by" not in rec.values or rec.values.get("basis") != "derived":
        return []
    mark = mark_of(rec.node.get("stated_by"), rec.mark)
    return [Problem(rec.file, mark.line, mark.column,
                    "expected stated_by only on a recommendation with basis 'stated', found it "
                    "on a derived one: remove stated_by, or set basis to 'stated'",
                    rec.id, "stated_by")]
