"""The disclosure guard: warnings about participant quotes that could identify someone.

Three checks, each a warning (``--strict`` makes them fail): words from a deny-list of names,
programs and places kept outside the repository; patterns (e-mail addresses, phone numbers,
exact dates, ages); and speaker descriptors shared by fewer than k participants. A reviewer
silences a checked false positive in the data folder's ``disclosure-allow.yml``.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from findings.load import Document, Mark, Sequence, mark_of
from findings.problems import Problem, describe
from findings.references import check_refs
from findings.schema import DISCLOSURE_ALLOW, SETTINGS
from findings.validate import Checker, Item

if TYPE_CHECKING:
    from findings.data import CheckedData

DENY_LIST_ENV = "FINDINGS_DENY_LIST"
DEFAULT_K = 3
CHECKED_FIELDS = ("text", "context")
HINT = "generalise or remove it, or, once reviewed, add it to disclosure-allow.yml with a reason"

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_NOT_AN_AGE = (r"(?!\s*(?:%|percent|times?|minutes?|hours?|days?|weeks?|months?|of\b"
               r"|years?\s+(?:in|into|out|of|ago|later|before|after)\b|[ap]\.?m\b|o'clock))")

#: What each pattern finds, and the pattern; month names only match capitalised ("may" is a verb).
#: Each runs in linear time, whatever the text: a match of unbounded length can only start where
#: a run of its characters starts (the e-mail's look-behind), so no run is rescanned from each of
#: its positions; test_guards feeds each pattern 1 MB tokens built to make it backtrack.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("no contact details, found the e-mail address",
     re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("no contact details, found the phone number",
     re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}\b"
                r"|\+\d[\d\s().-]{7,}\d")),
    ("no exact dates, found",
     re.compile(rf"\b{_MONTH}\.?\s+{_DAY}\b(?!\s*%)|\b{_DAY}\s+(?:of\s+)?{_MONTH}\b"
                r"|\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b|\b\d{4}-\d{1,2}-\d{1,2}\b")),
    ("no exact ages, found",
     re.compile(r"(?i:\b\d{1,3}[\s-]*(?:years?|yrs?)[\s-]*old\b"
                r"|\bage(?:d|\s+of)?\s+\d{1,3}\b"
                rf"|\bI(?:\s+was|\s+am|'m|’m)\s+(?:only\s+|just\s+)?\d{{1,3}}\b{_NOT_AN_AGE})")),
)


class DenyListError(Exception):
    """The deny-list cannot be used (missing, unreadable, or inside the repository)."""


def deny_list_path(option: str | None) -> Path | None:
    """The deny-list named by ``--deny-list``, else by ``FINDINGS_DENY_LIST``, if either."""
    value = option or os.environ.get(DENY_LIST_ENV)
    return Path(value) if value else None


def read_deny_list(path: Path | None, data_root: Path) -> tuple[str, ...]:
    """The deny-list's terms: one a line, ``#`` starts a comment. It must live outside the
    repository holding the data, so that it can never be committed."""
    if path is None:
        return ()
    if not path.is_file():
        raise DenyListError(f"deny-list '{path}' not found")
    repository = _repository_of(data_root)
    if repository and path.resolve().is_relative_to(repository):
        raise DenyListError(f"deny-list '{path}' is inside the repository {repository}: keep it "
                            "outside, where it cannot be committed")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise DenyListError(f"deny-list '{path}' is not UTF-8 text") from None
    terms = (line.split("#", 1)[0].strip() for line in lines)
    return tuple(dict.fromkeys(term for term in terms if term))


def _repository_of(folder: Path) -> Path | None:
    here = folder.resolve()
    return next((p for p in (here, *here.parents) if (p / ".git").exists()), None)


@dataclass(frozen=True)
class Finding:
    """Something a check found in one field of a quote."""

    item: Item
    field: str
    mark: Mark
    found: str
    expected: str

    def problem(self) -> Problem:
        return Problem(self.item.file, self.mark.line, self.mark.column,
                       f"expected {self.expected} '{self.found}': {HINT}", self.item.id,
                       self.field, severity="warning")


def check_disclosure(data: CheckedData, deny_terms: tuple[str, ...], settings: Document | None,
                     allowed: Document | None) -> list[Problem]:
    """Warnings about the participant quotes, less those a reviewer allowed; problems in the
    settings and the allow-list files themselves are errors."""
    quotes = [q for q in data.items.get("quotes", []) if q.values.get("kind") == "participant"]
    problems: list[Problem] = []
    k = _read_k(settings, problems)
    allow = _read_allowed(allowed, {q.id for q in data.items.get("quotes", [])}, problems)
    findings = [*_find_patterns(quotes, deny_pattern(deny_terms)), *_find_rare_speakers(quotes, k)]
    return problems + [f.problem() for f in findings
                       if (f.item.id, _normal(f.found)) not in allow]


def deny_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """Every term as a whole word or phrase, any case, any white space between its words."""
    if not terms:
        return None
    words = [r"\s+".join(re.escape(w) for w in t.split()) for t in sorted(terms, key=len)[::-1]]
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


def _find_patterns(quotes: list[Item], deny: re.Pattern[str] | None) -> Iterator[Finding]:
    checks = list(PATTERNS)
    if deny:
        checks.insert(0, ("no names of people, programs or places, found the deny-listed", deny))
    for quote in quotes:
        for name in CHECKED_FIELDS:
            text = quote.values.get(name)
            if not isinstance(text, str):
                continue
            mark = mark_of(quote.node.get(name), quote.mark)
            seen: set[str] = set()
            for expected, pattern in checks:
                for match in pattern.finditer(text):
                    found = " ".join(match.group(0).split())
                    if _normal(found) not in seen:
                        seen.add(_normal(found))
                        yield Finding(quote, name, mark, found, expected)


def _find_rare_speakers(quotes: list[Item], k: int) -> Iterator[Finding]:
    """Where quotes name their participant, a speaker descriptor fewer than k of them share
    points at a few people; quotes without a participant code cannot be counted."""
    coded = [q for q in quotes if q.values.get("participant") and q.values.get("speaker")]
    participants: dict[str, set[str]] = defaultdict(set)
    for quote in coded:
        participants[quote.values["speaker"]].add(quote.values["participant"])
    for quote in coded:
        speaker = quote.values["speaker"]
        count = len(participants[speaker])
        if count < k:
            yield Finding(quote, "speaker", mark_of(quote.node.get("speaker"), quote.mark),
                          speaker, f"a speaker shared by at least {k} participants, found "
                          f"{count} using")


def _read_k(settings: Document | None, problems: list[Problem]) -> int:
    if settings is None:
        return DEFAULT_K
    checker = Checker(settings.file)
    values: dict[str, Any] = checker.check_record(SETTINGS.record, settings.root)
    problems += checker.problems
    k = values.get("disclosure", {}).get("k", DEFAULT_K)
    return k if isinstance(k, int) else DEFAULT_K


def _read_allowed(allowed: Document | None, quote_ids: set[str],
                  problems: list[Problem]) -> set[tuple[str, str]]:
    """The reviewed entries, as (quote id, match) pairs."""
    if allowed is None:
        return set()
    checker = Checker(allowed.file)
    root = allowed.root
    if not isinstance(root, Sequence):
        checker.report(mark_of(root), None, "expected a list of entries (quote, match, reason), "
                       f"found {describe(root)}")
        problems += checker.problems
        return set()
    entries = [checker.check_record(DISCLOSURE_ALLOW.record, node) for node in root]
    problems += checker.problems + check_refs(checker.refs, {"quotes": quote_ids})
    return {(e["quote"], _normal(e["match"])) for e in entries if {"quote", "match"} <= e.keys()
            and "reason" in e}


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()
