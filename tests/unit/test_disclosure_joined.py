"""The disclosure patterns read all published texts joined into one (issue 10.8): each field
still gets exactly the matches it has on its own, none made of the end of one field and the
start of the next, and every real one is still found."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from conftest import MINIMAL, write_folder
from findings.data import read_data
from findings.disclosure import AGE_WORDS, DIGITS, SEPARATOR, _Joined

#: Every published field ends with "555" or "I was" and starts with "1234" or "twenty": joined
#: with a space, neighbours would read "555 1234" (a seven-digit number) or "I was twenty" (an
#: age). Alone, none of them warns; the context holds one real number, the text one real age.
QUOTES = """
    - id: q-one
      text: 1234 said I was twenty years old then, I was
      kind: finding
      speaker: Study authors
      themes: [one]
      context: twenty calls to 555-0199 and 555
      source: "1234 notes, I was"
    - id: q-two
      text: twenty nights and 555
      kind: finding
      speaker: Study authors
      themes: [one]
      source: "1234 notes, 555"
"""


def test_each_field_gets_its_own_matches_and_no_match_spans_two(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "data", {"quotes/q.yml": textwrap.dedent(QUOTES)})
    warnings = sorted(p.format().split(": generalise")[0]
                      for p in read_data(folder, "data").problems
                      if p.severity == "warning" and p.field != "speaker")
    assert warnings == [
        "data/quotes/q.yml:2:9: warning: [q-one] text: expected no exact ages, found "
        "'I was twenty'",
        "data/quotes/q.yml:6:12: warning: [q-one] context: expected no identifying numbers, "
        "found the seven-digit number '555-0199'",
    ]


#: Participants' codes with digits and without: texts without a digit are read for codes only
#: while some code has none. Each quote types the other's code into its context.
CODED = """
    - id: q-one
      text: Words.
      kind: participant
      speaker: Participant
      themes: [one]
      source: s
      consent: consented
      participant: {one}
      context: As {two} said.
    - id: q-two
      text: Other words.
      kind: participant
      speaker: Participant
      themes: [one]
      source: s
      consent: consented
      participant: {two}
      context: As {one} said.
"""


def codes_found(tmp_path: Path, one: str, two: str) -> list[str]:
    quotes = textwrap.dedent(CODED).format(one=one, two=two)
    folder = write_folder(tmp_path / f"data-{one}", {"quotes/q.yml": quotes})
    return [p.format().split(": generalise")[0].split("text, ")[1]
            for p in read_data(folder, "data").problems if "participant codes" in p.message]


def test_codes_are_found_with_digits_or_without(tmp_path: Path) -> None:
    assert codes_found(tmp_path, "P1", "P2") == ["found the code 'P2'", "found the code 'P1'"]
    assert codes_found(tmp_path, "Ana", "P2") == ["found the code 'P2'", "found the code 'Ana'"]
    assert codes_found(tmp_path, "Ana", "Bo") == ["found the code 'Bo'", "found the code 'Ana'"]


def test_only_quotes_are_read_for_terms_and_patterns_to_their_last_character(
        tmp_path: Path) -> None:
    """The quotes' texts lie between the themes' and the recommendations' in the joined text:
    their terms and patterns are found up to the last character of the last quote's last
    text, and none in the theme and recommendation around them."""
    folder = write_folder(tmp_path / "data", {
        "themes/one.yml": MINIMAL["themes/one.yml"].replace(
            "About the first theme.", "At Mercy General, call 555-0199"),
        "quotes/q.yml": MINIMAL["quotes/q.yml"].replace(
            "Words of a finding.", "Words at Mercy General").replace(
            'source: "abstract: results"', "source: results, Mercy General"),
        "recommendations/r.yml": MINIMAL["recommendations/r.yml"].replace(
            "A summary.", "Mercy General, 555-0199"),
    })
    found = [p.format().split(": generalise")[0].split(" warning: ")[1]
             for p in read_data(folder, "data", ("Mercy General",)).problems]
    assert found == [
        "[q-one] text: expected no names of people, programs or places, found the deny-listed "
        "'Mercy General'",
        "[q-one] source: expected no names of people, programs or places, found the "
        "deny-listed 'Mercy General'"]


#: Ages written in words, in any case, and words that are not ages: the texts the age pattern
#: must read are found by a lowercased search, except where lowercasing is not how the
#: pattern's ``(?i)`` matches (dotted and dotless I, long S): those texts are read the exact way.
WORDY = ["I was THIRTY then", "I was th\u0131rty then", "Th\u0130rty days", "\u017fixty",
         "no age here", "thirty-one and THIRTY", "canteen food", "I'm SevenTy", "fifty-fifty",
         "", "eighty\u00a0one", "ni\u0130nety", "plain words"]


def test_texts_holding_an_age_word_are_the_ones_its_pattern_matches_in() -> None:
    for unlike in ("", "\u0130", "\u0130\u0131", "\u0130\u017f", "\u0130\u0131\u017f"):
        texts = [text for text in WORDY if not set(unlike) & set(text)]
        joined = _Joined(texts)
        expected = {i for i, text in enumerate(texts) if AGE_WORDS.pattern.search(text)}
        assert AGE_WORDS.holding(SEPARATOR.join(texts), joined.starts) == expected
        assert joined.holding(AGE_WORDS) == expected


def test_an_age_in_words_with_a_dotless_i_or_a_long_s_is_still_found(tmp_path: Path) -> None:
    """A text with no digit is read by the age pattern only if it holds an age word: one
    written with a character that lowercases to no ASCII letter is still read."""
    quotes = QUOTES.replace("1234 said I was twenty years old then, I was", "I was th\u0131rty")
    folder = write_folder(tmp_path / "data", {"quotes/q.yml": textwrap.dedent(quotes)})
    ages = [p.message.split(": generalise")[0] for p in read_data(folder, "data").problems
            if "ages" in p.message]
    assert ages == ["expected no exact ages, found 'I was th\u0131rty'"]


def test_codes_are_found_in_texts_the_quote_scan_did_not_read(tmp_path: Path) -> None:
    """The codes scan reuses what the quotes' scan found (which texts hold a digit) and reads
    the other items' texts itself: a code in a theme is found, as in a quote."""
    quotes = textwrap.dedent(CODED).format(one="P1", two="P2")
    folder = write_folder(tmp_path / "data", {
        "quotes/q.yml": quotes,
        "themes/one.yml": MINIMAL["themes/one.yml"].replace("About the first theme.",
                                                            "As P2 said.")})
    found = sorted(f"{p.item_id} {p.field} {p.message.split(': generalise')[0][-4:]}"
                   for p in read_data(folder, "data").problems
                   if "participant codes" in p.message)
    assert found == ["one description 'P2'", "q-one context 'P2'", "q-two context 'P1'"]


def test_texts_holding_a_digit_are_the_ones_a_digit_search_finds() -> None:
    """ASCII texts are told apart at C speed; a digit of another script, or a text holding the
    separator (written as an escape, reported as an error, still scanned), the exact way."""
    plain = ["no digits", "room 101", "", "1", "x\ty 2\n", "last one"]
    for texts in (plain, [*plain, "Arabic-Indic \u0663"], [*plain[:2], "a\x00b", *plain[2:]]):
        expected = {i for i, text in enumerate(texts) if re.search(r"\d", text)}
        assert DIGITS.holding(SEPARATOR.join(texts), _Joined(texts).starts) == expected
        assert _Joined(texts).holding(DIGITS) == expected
