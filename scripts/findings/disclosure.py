"""The disclosure guard: warnings about published text that could identify someone.

Four checks over every published field of every quote, each a warning (``--strict`` makes them
fail): words from a deny-list of names, programs and places kept outside the repository;
patterns (e-mail addresses, phone and seven-digit numbers, exact dates, ages in digits or
words); participant codes typed into any published field of any item; and speaker descriptors
shared by fewer than k participants, once per descriptor, quotes with no code counted as
unknown. A reviewer silences a checked false positive in the data folder's
``disclosure-allow.yml``; an entry that silences nothing is reported.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import accumulate
from pathlib import Path
from typing import Any

from findings.discover import DataFiles, load_root_file
from findings.load import Document, Mark, Scalar, Sequence, mark_of
from findings.load import Mapping as YamlMapping
from findings.problems import Problem, describe
from findings.references import check_refs
from findings.schema import DISCLOSURE_ALLOW, SETTINGS, kind_named
from findings.types import walk_scalars
from findings.validate import Checker, Item
from findings.whereabouts import Explain

DENY_LIST_ENV = "FINDINGS_DENY_LIST"
DEFAULT_K = 3
#: Fields of a quote that are not free text: fixed choices and references to other items.
NOT_TEXT = ("kind", "themes", "consent", "excerpt_of")
HINT = "generalise or remove it, or, once reviewed, add it to disclosure-allow.yml with a reason"

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
#: An age written out: "twenty-nine", "thirty one", "nineteen".
_AGE_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
             r"(?:[\s-]?(?:one|two|three|four|five|six|seven|eight|nine)\b)?"
             r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
_AGE = rf"(?:\d{{1,3}}|{_AGE_WORD})"
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
    ("no identifying numbers, found the seven-digit number",  # a local phone, pager or record
     re.compile(r"(?<![\w+.-])\d{3}[\s.-]?\d{4}(?![\w-])")),
    ("no exact dates, found",
     re.compile(rf"\b{_MONTH}\.?\s+{_DAY}\b(?!\s*%)|\b{_DAY}\s+(?:of\s+)?{_MONTH}\b"
                r"|\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b|\b\d{4}-\d{1,2}-\d{1,2}\b")),
    ("no exact ages, found",
     re.compile(rf"(?i:\b{_AGE}[\s-]*(?:years?|yrs?)[\s-]*old\b"
                rf"|\bage(?:d|\s+of)?\s+{_AGE}\b"
                rf"|\bI(?:\s+was|\s+am|'m|’m)\s+(?:only\s+|just\s+)?{_AGE}\b{_NOT_AN_AGE})")),
)

_DIGIT = re.compile(r"\d")
#: Joins the texts for those scans: a control character no text may hold, and no pattern's.
SEPARATOR = "\x00"


class Words:
    """Words that match in any case, as ``(?i:word|...)`` does, found in many texts at once
    by :meth:`holding` (the regular expression, which tries every word at every character,
    took half a second over a study's 5 MB of published text)."""

    #: The only characters that match a lowercase ASCII letter in any case but do not become
    #: it lowercased (dotted and dotless I, long S): a text with one is read by the pattern.
    UNLOWERED = ("\u0130", "\u0131", "\u017f")

    def __init__(self, *words: str) -> None:
        assert all(word.isascii() and word.islower() for word in words)
        self.words = words
        self.pattern = re.compile("(?i:" + "|".join(map(re.escape, words)) + ")")

    def holding(self, text: str, starts: list[int]) -> set[int]:
        """Which of the texts joined in ``text`` (each starts at ``starts``) hold a word: the
        ones where :attr:`pattern` matches."""
        lowered = text.lower()
        if len(lowered) != len(text) or any(char in text for char in self.UNLOWERED):
            return _holding(self.pattern, text, starts)  # the exact way, where a find is not
        found: set[int] = set()
        for word in self.words:
            at = lowered.find(word)
            while at >= 0:
                index = bisect.bisect_right(starts, at) - 1
                found.add(index)
                if index + 1 == len(starts):
                    break
                at = lowered.find(word, starts[index + 1])
        return found


class Digits:
    """A digit (``\\d``), found in many texts at once by :meth:`holding`: in ASCII text (as most
    is) every other character is deleted at C speed, rather than searched past, a text at a
    time (a sixth of the disclosure check's time)."""

    pattern = _DIGIT
    _KEPT = b"0123456789" + SEPARATOR.encode()
    _OTHERS = bytes(sorted(set(range(128)) - set(_KEPT)))

    def holding(self, text: str, starts: list[int]) -> set[int]:
        """Which of the texts joined in ``text`` (each starts at ``starts``) hold a digit."""
        digits = text.encode("ascii").translate(None, self._OTHERS).split(SEPARATOR.encode()) \
            if text.isascii() else []
        if len(digits) != len(starts):  # a digit of another script, or a text with the
            return _holding(self.pattern, text, starts)  # separator (an error): the exact way
        return {index for index, found in enumerate(digits) if found}


DIGITS = Digits()
#: What a text must hold for a pattern to match in it: every match holds a digit or one of
#: the words an age is written in (``_AGE_WORD``: twenty to ninety, or a word with "teen").
AGE_WORDS = Words("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
                  "teen")
Required = re.Pattern[str] | Words | Digits
#: What a text must hold for each pattern to match in it (every match holds one of them): a
#: cheap scan over all texts at once finds the few texts each pattern then reads, each scan
#: made once.
REQUIRED: dict[re.Pattern[str], tuple[Required, ...]] = dict(zip(
    (pattern for _, pattern in PATTERNS),
    ((re.compile("@"),), (DIGITS,), (DIGITS,), (DIGITS,), (DIGITS, AGE_WORDS)),
    strict=True))
_ONE_MORE = (1).__add__  # a length, and the separator after it


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
    #: a small speaker group's finding: the group's other quotes not reviewed yet
    also: tuple[str, ...] = ()

    def problem(self) -> Problem:
        others = ", ".join(f"'{quote}'" for quote in self.also)
        also = f" (also in quote(s) {others}, each to review on its own)" if others else ""
        return Problem(self.item.file, self.mark.line, self.mark.column,
                       f"expected {self.expected} '{self.found}'{also}: {HINT}", self.item.id,
                       self.field, severity="warning")


#: What a check finds in a list of items.
Find = Callable[[list[Item]], Iterable[Finding]]


class KeptByFile:
    """One check's findings in each file's items, kept with the items and the pattern they
    were found with: a file whose items are the very ones of the last check (the read cache
    keeps an unchanged file's items) is not scanned again. The findings are those of a scan of
    every item, in the same order within each file (problems are sorted by file)."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[object, tuple[Item, ...], list[Finding]]] = {}

    def found(self, items: list[Item], pattern: object, find: Find) -> list[Finding]:
        """``find``'s findings in ``items``: scanned again only in the files that changed."""
        by_file: dict[str, list[Item]] = {}
        for item in items:
            by_file.setdefault(item.file, []).append(item)
        fresh = {file: group for file, group in by_file.items()
                 if not self._same(file, pattern, group)}
        found: dict[str, list[Finding]] = {file: [] for file in fresh}
        for finding in find([item for group in fresh.values() for item in group]):
            found[finding.item.file].append(finding)
        self._kept = {file: (pattern, tuple(group), found[file] if file in found
                             else self._kept[file][2]) for file, group in by_file.items()}
        return [finding for file in by_file for finding in self._kept[file][2]]

    def _same(self, file: str, pattern: object, items: list[Item]) -> bool:
        kept = self._kept.get(file)
        return kept is not None and kept[0] == pattern and len(kept[1]) == len(items) \
            and all(old is new for old, new in zip(kept[1], items, strict=True))


class KeptFindings:
    """The findings of the scans of every text (the patterns and the deny-list in quotes,
    participant codes in every item), kept by file between the preview's checks."""

    def __init__(self) -> None:
        self.patterns = KeptByFile()
        self.codes = KeptByFile()


def check_disclosure(files: DataFiles, items: Mapping[str, list[Item]],
                     deny_terms: tuple[str, ...], explain: Explain | None = None,
                     speakers: Collection[str] | None = None, *,
                     kept: KeptFindings | None = None) -> list[Problem]:
    """Warnings about every published field of every quote (participants' and findings'),
    participant codes typed into any published field, and small speaker groups, less those a
    reviewer allowed (the folder's ``disclosure-allow.yml``, with its ``settings.yml``);
    allow-list entries that no longer match are warned about too. Problems in the settings
    and the allow-list files themselves are errors; an allow-list entry naming a quote no item
    has says where it went, if ``explain`` can (``whereabouts``). Either file may be empty or
    hold only comments, meaning none: a maintainer comments the last entry out rather than
    delete the file and its help. ``kept``: what the pattern and code checks found in each
    file's items at the last check (the preview's): a file whose items are the same is not
    scanned again."""
    kept = kept or KeptFindings()
    settings, problems = load_root_file(files, SETTINGS.folder, may_be_empty=True)
    allowed, allowed_problems = load_root_file(files, DISCLOSURE_ALLOW.folder, may_be_empty=True)
    problems += allowed_problems
    quotes = items.get("quotes", [])
    k = _read_k(settings, problems)
    allow = _read_allowed(allowed, {q.id for q in quotes}, problems, explain)
    deny, codes = deny_pattern(deny_terms), participant_codes(quotes)
    everything = [item for kind_items in items.values() for item in kind_items]
    read = _Read()  # the two scans read the quotes' texts: each read once
    findings = [*kept.patterns.found(quotes, deny, lambda fresh: _patterns_in(fresh, deny, read)),
                *kept.codes.found(everything, deny_pattern(tuple(sorted(codes))),
                                  lambda fresh: _codes_in(fresh, codes, read)),
                *_find_small_groups([q for q in quotes if q.values.get("kind") == "participant"
                                     and _known(q, speakers)], k)]
    shown = _one_per_group([f for f in findings if (f.item.id, _normal(f.found)) not in allow])
    used = {(f.item.id, _normal(f.found)) for f in findings}
    return problems + [f.problem() for f in shown] + [
        _unused(allowed, key, mark) for key, mark in allow.items() if key not in used]


def _known(quote: Item, speakers: Collection[str] | None) -> bool:
    """Whether a quote's speaker is one of the study's (``speakers``, if it lists them): a
    misspelt one is an error already, not also a group of one."""
    return speakers is None or quote.values.get("speaker") in speakers


def _unused(allowed: Document | None, key: tuple[str, str], mark: Mark) -> Problem:
    assert allowed is not None
    quote, match = key
    return Problem(allowed.file, mark.line, mark.column,
                   f"expected a warning about '{match}' in quote '{quote}' for this entry to "
                   "silence, found none: remove the entry, or correct its match", None, "match",
                   severity="warning")


def published_texts(item: Item) -> list[tuple[Item, str, Scalar]]:
    """(item, field, scalar) for every free-text value of an item that the site publishes, in
    the schema's order (most fields are one text: they are taken without walking them)."""
    node = item.node
    texts: list[tuple[Item, str, Scalar]] = []
    for name in _text_fields(item.kind):
        value = node.get(name)
        if type(value) is Scalar:
            texts.append((item, name, value))
        elif value is not None:
            texts += [(item, name, scalar) for scalar in walk_scalars(value)]
    return texts


@functools.cache
def _text_fields(kind: str) -> tuple[str, ...]:
    """The published free-text fields of a kind of item, in the schema's order."""
    return tuple(field.name for field in kind_named(kind).fields
                 if field.published and field.name not in NOT_TEXT)


def participant_codes(quotes: list[Item]) -> set[str]:
    return {str(q.values["participant"]) for q in quotes if q.values.get("participant")}


#: What the scans of joined texts found, by the texts' identities: per requirement
#: (``REQUIRED``), the texts read and those it matches in.
Known = dict[Required, tuple[set[int], set[int]]]


class _Read:
    """What one check read of its items' texts, shared by its scans: each item's published
    texts, and what each text holds. Kept only while the check runs (texts by identity)."""

    def __init__(self) -> None:
        self.texts: dict[int, list[_Text]] = {}
        self.known: Known = {}

    def published(self, items: list[Item]) -> list[_Text]:
        texts: list[_Text] = []
        for item in items:
            if id(item) not in self.texts:
                self.texts[id(item)] = published_texts(item)
            texts += self.texts[id(item)]
        return texts


def _patterns_in(quotes: list[Item], deny: re.Pattern[str] | None,
                 read: _Read | None = None) -> Iterator[Finding]:
    """The deny-list's terms and the patterns in ``quotes``' published texts."""
    read = read or _Read()
    texts = read.published(quotes)
    return _find_patterns(texts, _Joined([scalar for _, _, scalar in texts], read.known),
                          range(len(texts)), deny)


def _codes_in(items: list[Item], codes: set[str], read: _Read | None = None
              ) -> Iterator[Finding]:
    """Participant codes in any published text of ``items``."""
    read = read or _Read()
    texts = read.published(items)
    return _find_codes(texts, _Joined([scalar for _, _, scalar in texts], read.known), codes)


#: A published text: its item, its field, and the text.
_Text = tuple[Item, str, Scalar]


def _find_codes(fields: list[_Text], joined: _Joined, codes: set[str]) -> Iterator[Finding]:
    """A participant code is internal: typed into any published field of any item (``fields``,
    ``joined``), it would link words to a person. Where every code has a digit, as most do,
    only texts with a digit are read: a digit matches no other character, whatever its case."""
    pattern = deny_pattern(tuple(codes))
    if pattern is None:
        return
    digits = all(_DIGIT.search(code) for code in codes)
    found = joined.matches(pattern, (DIGITS,) if digits else None)
    for index in sorted(found):
        item, field, scalar = fields[index]
        for _, _, code in found[index]:
            yield Finding(item, field, scalar.mark, code,
                          "no participant codes in published text, found the code")


def deny_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """Every term as a whole word or phrase, any case, any white space between its words."""
    if not terms:
        return None
    words = [r"\s+".join(re.escape(w) for w in t.split()) for t in sorted(terms, key=len)[::-1]]
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


def _find_patterns(fields: list[_Text], joined: _Joined, quoted: range,
                   deny: re.Pattern[str] | None) -> Iterator[Finding]:
    """The deny-list's terms and the patterns in the published texts of quotes (``quoted``
    among ``fields``, joined in ``joined``)."""
    checks = list(PATTERNS)
    if deny:
        checks.insert(0, ("no names of people, programs or places, found the deny-listed", deny))
    per_check = [joined.matches(pattern, REQUIRED.get(pattern), quoted) for _, pattern in checks]
    seen: set[tuple[str, str]] = set()
    last: Item | None = None
    for index in sorted(set().union(*per_check)):  # the fields in order, as if read one by one
        quote, name, text = fields[index]
        if quote is not last:
            seen, last = set(), quote
        taken = _Spans()  # a number already reported as a phone number
        for (expected, _), matches in zip(checks, per_check, strict=True):
            for start, end, written in matches.get(index, ()):
                if not taken.add(start, end):
                    continue
                found = " ".join(written.split())
                if (name, _normal(found)) not in seen:
                    seen.add((name, _normal(found)))
                    yield Finding(quote, name, text.mark, found, expected)


#: Where a match is in its text, and what it is.
_Match = tuple[int, int, str]


class _Joined:
    """Many texts joined into one, so that a pattern scans them all in one call (a call per
    text cost more than the scanning). Next to the separator, every pattern behaves as at the
    start or end of a text, and none matches it: each text gets the matches it has alone."""

    def __init__(self, texts: list[str], known: Known | None = None) -> None:
        self.texts = texts
        self.text = SEPARATOR.join(texts)
        # where each text starts: the sums of the lengths before it, each and its separator
        self.starts = list(accumulate(map(_ONE_MORE, map(len, texts[:-1])), initial=0))
        self.cache: dict[Required, set[int]] = {}
        self.known = known
        self.parts: dict[tuple[tuple[Required, ...], range], tuple[list[int], _Joined]]
        self.parts = {}

    def matches(self, pattern: re.Pattern[str], required: tuple[Required, ...] | None,
                among: range | None = None) -> dict[int, list[_Match]]:
        """``pattern``'s matches per text index, in the texts ``among`` (all by default): read
        in those where one of ``required`` (what every match holds) matches, joined in their
        turn; without, in the joined text itself, from the first of them to the last (as if
        the text ended there: at its ends, a pattern sees the separator, or nothing)."""
        among = range(len(self.texts)) if among is None else among
        if SEPARATOR in pattern.pattern:  # a deny-listed term with it: every text on its own
            return {index: each for index in among
                    if (each := [(m.start(), m.end(), m.group(0))
                                 for m in pattern.finditer(self.texts[index])])}
        if not among:
            return {}
        if required is None:
            end = self.starts[among[-1]] + len(self.texts[among[-1]])
            return self._found(pattern, range(len(self.texts)), self.starts[among[0]], end)
        if (required, among) not in self.parts:
            holding = set().union(*(self.holding(each) for each in required))
            indices = [index for index in among if index in holding]
            self.parts[required, among] = indices, _Joined([self.texts[i] for i in indices])
        indices, part = self.parts[required, among]
        return part._found(pattern, indices, 0, len(part.text))

    def _found(self, pattern: re.Pattern[str], indices: list[int] | range, start: int, end: int
               ) -> dict[int, list[_Match]]:
        """The matches in the joined text from ``start`` to ``end``, per text, each text's
        index in ``indices``."""
        found: dict[int, list[_Match]] = defaultdict(list)
        for match in pattern.finditer(self.text, start, end):
            at = bisect.bisect_right(self.starts, match.start()) - 1
            offset = self.starts[at]
            found[indices[at]].append((match.start() - offset, match.end() - offset,
                                       match.group(0)))
        return found

    def holding(self, required: Required) -> set[int]:
        """The indices of the texts in which ``required`` matches."""
        if required not in self.cache:
            self.cache[required] = self._holding(required)
        return self.cache[required]

    def _holding(self, required: Required) -> set[int]:
        known = None if self.known is None else self.known.get(required)
        if known is not None:  # another scan read some of these texts: the others one by one
            search = required.search if isinstance(required, re.Pattern) \
                else required.pattern.search
            read, holding = known
            return {index for index, text in enumerate(self.texts)
                    if (id(text) in holding if id(text) in read else search(text))}
        if isinstance(required, re.Pattern):
            found = _holding(required, self.text, self.starts)
        else:
            found = required.holding(self.text, self.starts)
        if self.known is not None:
            self.known[required] = (set(map(id, self.texts)),
                                    {id(self.texts[index]) for index in found})
        return found


def _holding(pattern: re.Pattern[str], text: str, starts: list[int]) -> set[int]:
    """Which of the texts joined in ``text`` (each starts at ``starts``) ``pattern`` matches
    in."""
    found: set[int] = set()
    position = 0
    while starts and (match := pattern.search(text, position)) is not None:
        index = bisect.bisect_right(starts, match.start()) - 1
        found.add(index)
        if index + 1 == len(starts):
            break
        position = starts[index + 1]  # the rest of this text is not needed
    return found


class _Spans:
    """Parts of a text already reported, which never overlap one another; looking one up
    takes a binary search, so a text with a hundred thousand numbers in it is checked in
    linear time (a scan of every earlier match made it quadratic: hours for 1 MB)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> bool:
        """Take ``[start, end)`` unless it overlaps a part taken already; say whether taken."""
        after = bisect.bisect_right(self.ends, start)  # the first part ending after ``start``
        if after < len(self.starts) and self.starts[after] < end:
            return False
        self.starts.insert(after, start)
        self.ends.insert(after, end)
        return True


def _one_per_group(findings: list[Finding]) -> list[Finding]:
    """A small group's findings (one per quote) as one warning, at its first quote not
    reviewed, naming the others not reviewed."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.expected.startswith(SMALL_GROUP):
            groups[finding.found].append(finding)
    shown = []
    for finding in findings:
        if not finding.expected.startswith(SMALL_GROUP):
            shown.append(finding)
        elif groups[finding.found][0] is finding:
            others = tuple(f.item.id for f in groups[finding.found][1:])
            shown.append(replace(finding, also=others))
    return shown


SMALL_GROUP = "a speaker shared by at least"


def _find_small_groups(quotes: list[Item], k: int) -> Iterator[Finding]:
    """A speaker descriptor that fewer than k participants share points at a few people: a
    finding for each of its quotes, so that a reviewed entry names the quotes it was checked
    for and a quote added to the group later is reported (shown as one warning per group:
    ``_one_per_group``). A quote with no participant code is counted as an unknown
    participant, who may be one already counted: the fewest there can be."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for quote in quotes:
        if quote.values.get("speaker"):
            groups[quote.values["speaker"]].append(quote)
    for speaker, members in groups.items():
        codes = participant_codes(members)
        unknown = sum(1 for q in members if not q.values.get("participant"))
        fewest = max(len(codes), 1 if unknown else 0)
        if fewest >= k:
            continue
        counted = (f" ({unknown} quote{'s' if unknown != 1 else ''} with no participant code, "
                   "counted as unknown)") if unknown else ""
        for member in members:
            yield Finding(member, "speaker", mark_of(member.node.get("speaker"), member.mark),
                          speaker, f"{SMALL_GROUP} {k} participants, found "
                          f"{'as few as ' if unknown else ''}{fewest}{counted} using")


def _read_k(settings: Document | None, problems: list[Problem]) -> int:
    if settings is None:
        return DEFAULT_K
    checker = Checker(settings.file)
    values: dict[str, Any] = checker.check_record(SETTINGS.record, settings.root)
    problems += checker.problems
    k = values.get("disclosure", {}).get("k", DEFAULT_K)
    return k if isinstance(k, int) else DEFAULT_K


def _read_allowed(allowed: Document | None, quote_ids: set[str], problems: list[Problem],
                  explain: Explain | None) -> dict[tuple[str, str], Mark]:
    """The reviewed entries, as (quote id, match) pairs, each with where its match is written."""
    if allowed is None:
        return {}
    checker = Checker(allowed.file)
    root = allowed.root
    if not isinstance(root, Sequence):
        checker.report(mark_of(root), None, "expected a list of entries (quote, match, reason), "
                       f"found {describe(root)}")
        problems += checker.problems
        return {}
    entries = [(checker.check_record(DISCLOSURE_ALLOW.record, node), node) for node in root]
    problems += _on_entries(checker.problems + check_refs(checker.refs, {"quotes": quote_ids},
                                                          explain), root)
    return {(e["quote"], _normal(e["match"])): mark_of(node.get("match"), node.mark)
            for e, node in entries if {"quote", "match", "reason"} <= e.keys()
            and isinstance(node, YamlMapping) and e["quote"] in quote_ids}


def _on_entries(found: list[Problem], root: Sequence) -> list[Problem]:
    """Each problem of the allow-list names its entry's quote, as ``[ID]``; an entry whose
    quote is gone (no item, no redirect to explain it) is to be removed, and says so."""
    starts = [(node.mark.line, node.get("quote")) for node in root
              if isinstance(node, YamlMapping)]
    named = []
    for problem in found:
        quote = next((q for line, q in reversed(starts) if line <= problem.line), None)
        shown = problem
        if shown.item_id is None and isinstance(quote, Scalar) and quote.rstrip():
            shown = replace(shown, item_id=quote.rstrip())
        if shown.field == "quote" and shown.message.endswith("'") and \
                shown.message.startswith("expected the id of an existing quote"):
            shown = replace(shown, message=shown.message + ": remove this entry")
        named.append(shown)
    return named


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()
