"""The guards: published permalinks stay working (``findings release`` and ``published.yml``),
and participant quotes disclose nobody (warnings that ``--strict`` makes fail)."""

from __future__ import annotations

import functools
import http.server
import json
import multiprocessing
import socket
import textwrap
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, MINIMAL, REAL_DATA, ROOT, run_findings, write_folder
from findings.data import read_data
from findings.disclosure import PATTERNS, deny_pattern

Make = Callable[[Mapping[str, str | None]], Path]

RENAMED = {
    "quotes/q.yml": """
        - id: q-renamed
          text: Words of a finding.
          kind: finding
          speaker: Study authors
          themes: [one]
          source: "abstract: results"
    """,
    "recommendations/r.yml": None,
}


#: Most tests here are about one check at a time: a lone quote is a group of one, which the
#: small-group rule (k = 3) would warn about too. Tests of that rule pass "settings.yml": None.
ONE_PER_GROUP = {"settings.yml": "disclosure:\n  k: 1\n"}


@pytest.fixture
def data_folder(tmp_path: Path) -> Make:
    def make(files: Mapping[str, str | None]) -> Path:
        return write_folder(tmp_path / "data", {**ONE_PER_GROUP, **files})
    return make


def problems_of(folder: Path, deny: tuple[str, ...] = ()) -> list[str]:
    return [p.format() for p in read_data(folder, "data", deny).problems]


def participant(text: str, *, id: str = "p-one", speaker: str = "Participant",
                code: str | None = None, context: str | None = None) -> str:
    """A participant quote as YAML; ``text`` on line 2, column 7 of its file."""
    lines = [f"id: {id}", f"text: {text}", "kind: participant", f"speaker: {speaker}",
             "consent: consented", "themes: [one]", "source: focus group 1"]
    lines += [f"participant: {code}"] if code else []
    lines += [f"context: {context}"] if context else []
    return "\n".join(lines) + "\n"


def participants(*quotes: str) -> str:
    return "\n".join(textwrap.indent(q, "  ").replace("  id:", "- id:", 1) for q in quotes)


# --- published permalinks -------------------------------------------------------------------


def test_release_records_every_id_per_kind_sorted(data_folder: Make) -> None:
    folder = data_folder({"quotes/b.yml": participant("Other words.", id="a-quote")})
    run = run_findings("release", "--data", str(folder))
    assert run.code == 0, run.err
    assert "recorded 1 themes, 2 quotes, 1 recommendations" in run.out
    record = yaml.safe_load((folder / "published.yml").read_text(encoding="utf-8"))
    assert record == {"themes": ["one"], "quotes": ["a-quote", "q-one"],
                      "recommendations": ["r-one"]}
    assert problems_of(folder) == []


def test_a_released_id_that_disappears_is_an_error_at_its_record_line(data_folder: Make) -> None:
    folder = data_folder({})
    assert run_findings("release", "--data", str(folder)).code == 0
    write(folder, RENAMED)
    assert problems_of(folder) == [
        "data/published.yml:6:3: error: [q-one] quotes[0]: expected quote 'q-one' to stay "
        "published, found no quote with that id: restore it, or add `quotes: {q-one: NEW-ID}` "
        "or `quotes: {q-one: withdrawn}` to redirects.yml",
        "data/published.yml:8:3: error: [r-one] recommendations[0]: expected recommendation "
        "'r-one' to stay published, found no recommendation with that id: restore it, or add "
        "`recommendations: {r-one: NEW-ID}` or `recommendations: {r-one: withdrawn}` to "
        "redirects.yml",
    ]
    run = run_findings("check", "--data", str(folder))
    assert run.code == 1
    assert run.err.count(": error: ") == 2


@pytest.mark.parametrize("target", ["q-renamed", "withdrawn"])
def test_a_redirect_keeps_a_released_id_published(data_folder: Make, target: str) -> None:
    folder = data_folder({})
    assert run_findings("release", "--data", str(folder)).code == 0
    write(folder, {**RENAMED, "redirects.yml": f"""
        quotes:
          q-one: {target}
        recommendations:
          r-one: withdrawn
    """})
    assert problems_of(folder) == []


def test_release_keeps_ids_recorded_before_and_records_retired_ones(data_folder: Make) -> None:
    folder = data_folder({})
    assert run_findings("release", "--data", str(folder)).code == 0
    write(folder, {**RENAMED, "redirects.yml": "quotes:\n  q-one: q-renamed\n"
                                               "recommendations:\n  r-one: withdrawn\n"})
    assert run_findings("release", "--data", str(folder)).code == 0
    record = yaml.safe_load((folder / "published.yml").read_text(encoding="utf-8"))
    assert record == {"themes": ["one"], "quotes": ["q-one", "q-renamed"],
                      "recommendations": ["r-one"]}


def test_a_folder_without_the_record_is_not_guarded(data_folder: Make) -> None:
    folder = data_folder(RENAMED)
    assert problems_of(folder) == []
    assert not (folder / "published.yml").exists()


def test_release_never_writes_through_a_link_in_the_data_folder(data_folder: Make,
                                                                tmp_path: Path) -> None:
    """Dot-files are not data, so nothing checked a link named like release's scratch file
    (``.published.yml.new``): release wrote its record into whatever the link led to."""
    folder = data_folder({})
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("someone else's file")
    (folder / ".published.yml.new").symlink_to(elsewhere)
    assert run_findings("release", "--data", str(folder)).code == 0
    assert elsewhere.read_text() == "someone else's file"
    assert not (folder / "published.yml").is_symlink()
    assert "q-one" in (folder / "published.yml").read_text()


def test_release_refuses_data_with_errors_and_writes_nothing(data_folder: Make) -> None:
    folder = data_folder({"themes/one.yml": "id: one\n"})
    run = run_findings("release", "--data", str(folder))
    assert run.code == 1
    assert not (folder / "published.yml").exists()
    assert run_findings("release", "--data", str(folder / "nowhere")).code == 2


def test_release_with_warnings_fails_only_when_strict(data_folder: Make) -> None:
    folder = data_folder({"quotes/p.yml": participant("I was 29.")})
    assert run_findings("release", "--strict", "--data", str(folder)).code == 1
    assert not (folder / "published.yml").exists()
    assert run_findings("release", "--data", str(folder)).code == 0


def test_the_record_itself_is_checked(data_folder: Make) -> None:
    folder = data_folder({"published.yml": "quotes: [q-one, Bad Id]\nthemse: [one]\n"})
    assert problems_of(folder) == [
        "data/published.yml:1:17: error: quotes[1]: expected a lowercase slug like 'my-item-2', "
        "found 'Bad Id'",
        "data/published.yml:2:1: error: themse: expected a known field, found unknown field "
        "'themse' (did you mean 'themes'?)",
    ]


def test_an_unreadable_quote_file_does_not_make_every_id_look_missing(data_folder: Make) -> None:
    folder = data_folder({"published.yml": "quotes: [q-one]\n",
                          "quotes/q.yml": "- id: q-one\n  text: [unclosed\n"})
    found = problems_of(folder)
    assert found and not any("published.yml" in p for p in found)


def test_check_passes_on_a_released_fixture(tmp_path: Path) -> None:
    import shutil
    folder = shutil.copytree(FIXTURES / "other-study", tmp_path / "other")
    assert run_findings("release", "--data", str(folder)).code == 0
    record = yaml.safe_load((folder / "published.yml").read_text(encoding="utf-8"))
    assert "old-quote-id" in record["quotes"], "a retired id's permalink is published too"
    run = run_findings("check", "--data", str(folder))
    assert run.code == 0
    assert ": error: " not in run.err


# --- disclosure -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("Write to me at jo.doe@example.org.", "the e-mail address 'jo.doe@example.org'"),
    ("Call me on (555) 123-4567 any time.", "the phone number '(555) 123-4567'"),
    ("Call +44 20 7946 0958.", "the phone number '+44 20 7946 0958'"),
    ("It happened on March 3, after rounds.", "exact dates, found 'March 3'"),
    ("It was the 3rd of May.", "exact dates, found '3rd of May'"),
    ("The shift on 3/14/2022 was hard.", "exact dates, found '3/14/2022'"),
    ("On 2022-03-14 I quit.", "exact dates, found '2022-03-14'"),
    ("I was 29 when it started.", "exact ages, found 'I was 29'"),
    ("As a 29-year-old resident.", "exact ages, found '29-year-old'"),
    ("A man aged 52 said so.", "exact ages, found 'aged 52'"),
    ("I'm 31 and tired.", "exact ages, found 'I'm 31'"),
    ("I was twenty-nine when it started.", "exact ages, found 'I was twenty-nine'"),
    ("A thirty one year old resident.", "exact ages, found 'thirty one year old'"),
    ("Page me at 555-0199.", "the seven-digit number '555-0199'"),
    ("My record number was 1234567.", "the seven-digit number '1234567'"),
])
def test_each_pattern_warns(data_folder: Make, text: str, found: str) -> None:
    folder = data_folder({"quotes/p.yml": participant(f'"{text}"')})
    problems = problems_of(folder)
    assert len(problems) == 1, problems
    assert problems[0].startswith("data/quotes/p.yml:2:7: warning: [p-one] text: expected no ")
    assert found in problems[0]


@pytest.mark.parametrize("text", [
    "I was 3 months into residency.",
    "I was 2 years into training, and 24 residents took part.",
    "From June 2022 to April 2023, in May 2022 and in 2023.",
    "I was 1 of 3 in my class; 50% of us; PGY-2 year.",
    "You may 3 times ask and still be the only one.",
])
def test_ordinary_words_do_not_warn(data_folder: Make, text: str) -> None:
    assert problems_of(data_folder({"quotes/p.yml": participant(f'"{text}"')})) == []


def test_finding_quotes_are_checked_too(data_folder: Make) -> None:
    folder = data_folder({"quotes/q.yml": """
        id: q-one
        text: On March 3, 2023, residents aged 29 wrote to x@example.org.
        kind: finding
        speaker: Study authors
        themes: [one]
        source: s
    """})
    assert [p.split(": expected ")[1].split(":")[0] for p in problems_of(folder)] == [
        "no contact details, found the e-mail address 'x@example.org'",
        "no exact dates, found 'March 3'", "no exact ages, found 'aged 29'"]


def test_every_published_field_of_a_quote_is_checked(data_folder: Make) -> None:
    quote = participant("Plain words.", context="Said on 2022-03-14.") + (
        "content_note: describes what happened to Ana\n"
        "tags: [night, ana]\n")
    quote = quote.replace("source: focus group 1", "source: call 555-0199")
    found = [(p.split(" warning: ")[1].split(":")[0], p.split("found ")[-1].split(":")[0])
             for p in problems_of(data_folder({"quotes/p.yml": quote}), ("Ana", "Participant"))]
    assert found == [
        ("[p-one] speaker", "the deny-listed 'Participant'"),
        ("[p-one] source", "the seven-digit number '555-0199'"),
        ("[p-one] context", "'2022-03-14'"),
        ("[p-one] content_note", "the deny-listed 'Ana'"),
        ("[p-one] tags", "the deny-listed 'ana'"),
    ]


def test_a_participant_code_in_any_published_field_warns(data_folder: Make) -> None:
    folder = data_folder({
        "quotes/p.yml": participants(
            participant("Words.", id="a", code="P07"),
            participant("Other words.", id="b", code="P08", context="As P07 said before.")),
        "themes/one.yml": MINIMAL["themes/one.yml"].replace("About the first theme.",
                                                            "Mostly p08's account."),
    })
    assert [p.split(" warning: ")[1].split(": generalise")[0] for p in problems_of(folder)] == [
        "[b] context: expected no participant codes in published text, found the code 'P07'",
        "[one] description: expected no participant codes in published text, found the code "
        "'p08'"]


def test_deny_listed_words_warn_in_text_and_context_whole_words_any_case(
        data_folder: Make) -> None:
    folder = data_folder({"quotes/p.yml": participant(
        "At Mercy General, Dr. Ana said it.", context="Mercy\n  general, not banana bread.")})
    problems = problems_of(folder, ("Mercy General", "Ana"))
    assert problems == [
        "data/quotes/p.yml:2:7: warning: [p-one] text: expected no names of people, programs or "
        "places, found the deny-listed 'Mercy General': generalise or remove it, or, once "
        "reviewed, add it to disclosure-allow.yml with a reason",
        "data/quotes/p.yml:2:7: warning: [p-one] text: expected no names of people, programs or "
        "places, found the deny-listed 'Ana': generalise or remove it, or, once reviewed, add it "
        "to disclosure-allow.yml with a reason",
        "data/quotes/p.yml:8:10: warning: [p-one] context: expected no names of people, programs "
        "or places, found the deny-listed 'Mercy general': generalise or remove it, or, once "
        "reviewed, add it to disclosure-allow.yml with a reason",
    ]


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A deny-list outside any repository, with a comment, a blank line and an unused term."""
    path = tmp_path_factory.mktemp("secret") / "deny-list.txt"
    path.write_text("# people and places\nMercy General\n\nUnusedname  # a name\n")
    return path


def test_deny_list_from_option_or_environment_and_strict(data_folder: Make,
                                                           outside: Path) -> None:
    folder = data_folder({"quotes/p.yml": participant("Back at mercy general.")})
    for run in (run_findings("check", "--data", str(folder), "--deny-list", str(outside)),
                run_findings("check", "--data", str(folder),
                             env={"FINDINGS_DENY_LIST": str(outside)})):
        assert run.code == 0
        assert "found the deny-listed 'mercy general'" in run.err
        assert "Unusedname" not in run.err + run.out, "the deny-list itself is never shown"
    strict = run_findings("check", "--strict", "--data", str(folder), "--deny-list", str(outside))
    assert strict.code == 1
    assert strict.out.endswith(f"findings: 0 error(s), 1 warning(s) in {folder} "
                               "(--strict: warnings fail like errors)\n"), strict.out
    assert run_findings("check", "--data", str(folder)).code == 0
    assert run_findings("check", "--strict", "--data", str(folder)).code == 0, "no list, no names"


@pytest.mark.engine
def test_build_with_warnings_builds_unless_strict(data_folder: Make, tmp_path: Path) -> None:
    folder = data_folder({"quotes/p.yml": participant("I was 29.")})
    site = tmp_path / "out"
    assert run_findings("build", "--strict", "--data", str(folder), "--site-dir",
                        str(site)).code == 1
    assert not site.exists()
    run = run_findings("build", "--data", str(folder), "--site-dir", str(site))
    assert run.code == 0, run.err
    assert "warning: [p-one] text: expected no exact ages" in run.err
    assert (site / "index.html").is_file()


def test_a_deny_list_must_exist_and_live_outside_the_repository(tmp_path: Path) -> None:
    assert run_findings("check", "--deny-list", str(tmp_path / "missing.txt")).code == 2
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    folder = write_folder(repository / "data", {})
    inside = repository / "notes" / "deny-list.txt"
    inside.parent.mkdir()
    inside.write_text("Someone\n")
    run = run_findings("check", "--data", str(folder), "--deny-list", str(inside))
    assert run.code == 2
    assert "inside the repository" in run.err
    assert "Someone" not in run.err


def test_a_speaker_fewer_than_k_participants_share_warns(data_folder: Make) -> None:
    quotes = participants(
        participant("Words one.", id="a", speaker="Participant", code="P1"),
        participant("Words two.", id="b", speaker="Participant", code="P2"),
        participant("Words three.", id="c", speaker="Participant", code="P2"),
    )
    folder = data_folder({"quotes/p.yml": quotes, "settings.yml": None})
    # One warning for the group, at its first quote, naming the others: not one per quote.
    assert problems_of(folder) == [
        "data/quotes/p.yml:4:12: warning: [a] speaker: expected a speaker shared by at least 3 "
        "participants, found 2 using 'Participant' (also in quote(s) 'b', 'c', each to review "
        "on its own): generalise or remove it, or, once reviewed, add it to "
        "disclosure-allow.yml with a reason"]
    write(folder, {"settings.yml": "disclosure:\n  k: 2\n"})
    assert problems_of(folder) == []


def test_a_misspelt_speaker_is_one_error_not_also_a_small_group(data_folder: Make) -> None:
    folder = data_folder({"quotes/p.yml": participant("Words.", speaker="Participnt"),
                          "settings.yml": None})
    assert problems_of(folder) == [
        "data/quotes/p.yml:4:10: error: [p-one] speaker: expected one of the study's speakers "
        "('Participant', 'Study authors'), found 'Participnt' (did you mean 'Participant'?)"]


def test_a_reviewed_small_group_entry_covers_only_the_quotes_it_names(data_folder: Make) -> None:
    """Allowing a small group for the quotes a reviewer read must not approve a quote added to
    the group later: each quote is reviewed, and a new one is reported, naming it."""
    reviewed = [participant("Words one.", id="a", code="P1"),
                participant("Words two.", id="b", code="P2")]
    allow = """
        - quote: a
          match: Participant
          reason: two residents agreed to be identifiable by role; checked by the PI
        - quote: b
          match: Participant
          reason: as above
    """
    folder = data_folder({"quotes/p.yml": participants(*reviewed), "settings.yml": None,
                          "disclosure-allow.yml": allow})
    assert problems_of(folder) == []
    added = participant("Words three, added later.", id="c", code="P2")
    write(folder, {"quotes/p.yml": participants(*reviewed, added)})
    assert problems_of(folder) == [
        "data/quotes/p.yml:22:12: warning: [c] speaker: expected a speaker shared by at least 3 "
        "participants, found 2 using 'Participant': generalise or remove it, or, once "
        "reviewed, add it to disclosure-allow.yml with a reason"]


def test_quotes_without_participant_codes_count_as_unknown(data_folder: Make) -> None:
    quotes = participants(participant("Words.", id="a"), participant("More.", id="b"),
                          participant("Again.", id="c", code="P1"))
    folder = data_folder({"quotes/p.yml": quotes, "settings.yml": None})
    assert problems_of(folder) == [
        "data/quotes/p.yml:4:12: warning: [a] speaker: expected a speaker shared by at least 3 "
        "participants, found as few as 1 (2 quotes with no participant code, counted as "
        "unknown) using 'Participant' (also in quote(s) 'b', 'c', each to review on its own): "
        "generalise or remove it, or, once reviewed, add it to disclosure-allow.yml with a "
        "reason"]
    # Quotes no code can count are a warning, never skipped.
    alone = data_folder({"quotes/p.yml": participant("Words."), "settings.yml": None})
    assert [p.split(": expected ")[1][:60] for p in problems_of(alone)] == [
        "a speaker shared by at least 3 participants, found as few as"]


def test_an_allow_entry_that_no_longer_matches_is_reported(data_folder: Make) -> None:
    folder = data_folder({
        "quotes/p.yml": participant("I was 29."),
        "disclosure-allow.yml": """
            - quote: p-one
              match: I was 29
              reason: reviewed
            - quote: p-one
              match: I was 30
              reason: the quote was edited since
        """,
    })
    assert problems_of(folder) == [
        "data/disclosure-allow.yml:5:10: warning: match: expected a warning about 'i was 30' in "
        "quote 'p-one' for this entry to silence, found none: remove the entry, or correct its "
        "match"]


def test_a_reviewed_entry_silences_one_match_in_one_quote(data_folder: Make) -> None:
    folder = data_folder({
        "quotes/p.yml": participants(participant("I was 29 then, aged 29.", id="a"),
                                     participant("I was 29 too.", id="b")),
        "disclosure-allow.yml": """
            - quote: a
              match: i WAS 29
              reason: a common age in residency; reviewed by the PI
        """,
    })
    found = problems_of(folder)
    assert [p.split(" text: ")[1][:40] for p in found] == [
        "expected no exact ages, found 'aged 29':",
        "expected no exact ages, found 'I was 29'",
    ]
    assert "[b]" in found[1]


def test_allow_entries_need_a_reason_and_a_known_quote(data_folder: Make) -> None:
    folder = data_folder({
        "quotes/p.yml": participant("I was 29."),
        "disclosure-allow.yml": """
            - quote: p-one
              match: I was 29
            - quote: nobody
              match: x
              reason: r
        """,
    })
    assert problems_of(folder) == [
        "data/disclosure-allow.yml:1:3: error: [p-one] reason: expected why a reviewer judged "
        "it safe to publish, found nothing",
        "data/disclosure-allow.yml:3:10: error: [nobody] quote: expected the id of an existing "
        "quote, found 'nobody': remove this entry",
        "data/quotes/p.yml:2:7: warning: [p-one] text: expected no exact ages, found 'I was 29': "
        "generalise or remove it, or, once reviewed, add it to disclosure-allow.yml with a reason",
    ]


@pytest.mark.parametrize("text", ["", "# every entry was removed after the quote was edited\n",
                                  "[]\n"])
def test_an_allow_list_or_settings_of_comments_only_mean_none(data_folder: Make,
                                                               text: str) -> None:
    """A maintainer comments the last entry out rather than delete the file: no entries (and
    no settings: the defaults), not an error; the warnings are all shown again."""
    folder = data_folder({"quotes/p.yml": participant("I was 29."), "disclosure-allow.yml": text,
                          "settings.yml": text.replace("[]", "")})
    assert problems_of(folder) == [
        "data/quotes/p.yml:2:7: warning: [p-one] text: expected no exact ages, found 'I was 29': "
        "generalise or remove it, or, once reviewed, add it to disclosure-allow.yml with a "
        "reason",
        "data/quotes/p.yml:4:10: warning: [p-one] speaker: expected a speaker shared by at least "
        "3 participants, found as few as 1 (1 quote with no participant code, counted as "
        "unknown) using 'Participant': generalise or remove it, or, once reviewed, add it to "
        "disclosure-allow.yml with a reason"]


def test_settings_are_checked(data_folder: Make) -> None:
    folder = data_folder({"settings.yml": "disclosure:\n  k: 0\n"})
    assert problems_of(folder) == [
        "data/settings.yml:2:6: error: disclosure.k: expected a number of at least 1, found 0"]


# --- the real data --------------------------------------------------------------------------


def test_the_real_data_is_quiet_even_when_strict(outside: Path) -> None:
    run = run_findings("check", "--strict", "--deny-list", str(outside))
    assert run.code == 0, run.err
    assert run.err == ""
    assert read_data(REAL_DATA, "themes_data", ("Mercy General",)).problems == ()


def test_the_real_data_released_still_checks(tmp_path: Path) -> None:
    import shutil
    folder = shutil.copytree(REAL_DATA, tmp_path / "data")
    assert run_findings("release", "--data", str(folder)).code == 0
    assert run_findings("check", "--strict", "--data", str(folder)).code == 0


def write(folder: Path, files: dict[str, str | None]) -> None:
    for name, text in files.items():
        path = folder / name
        if text is None:
            path.unlink()
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


# --- disclosure patterns stay linear -------------------------------------------------------

#: A hang guard, not a speed figure: each pattern reads each of these 1 MB single-token texts in
#: well under a second; a quadratic pattern takes minutes to hours on one of them. The bound is
#: generous so that a loaded machine never fails it. The matching runs in a forked process that
#: is killed at the bound: the regular expression engine does not stop for a signal in time.
HANG_GUARD_SECONDS = 10
MB = 1_000_000
ADVERSARIAL = {
    "e-mail": lambda: ["a" * MB, "a@" + "b" * MB, "1-" * (MB // 2)],
    "phone": lambda: ["+1" + " " * MB + "x", "1" * MB, "+" * MB],
    "seven-digit": lambda: ["1" * MB, "123" + "-" * MB + "4", "123 " * (MB // 4)],
    "dates": lambda: ["Jan 1" + " " * MB + "%", "1" + " " * MB + "x", "1/" * (MB // 2)],
    "ages": lambda: ["12" + "-" * MB + "x", "I" + " " * MB + "x", "age" + " " * MB + "x",
                     "twenty" + "-" * MB + "x", "I was twenty-" + " " * MB + "x"],
    "deny-list": lambda: ["New" + " " * MB + "x", "newnew" * (MB // 6)],
}


def _match_adversarial(name: str) -> None:
    deny = deny_pattern(("New Town", "Newton", "Smith"))
    assert deny is not None
    patterns = {**dict(zip(["e-mail", "phone", "seven-digit", "dates", "ages"],
                           (p for _, p in PATTERNS), strict=True)), "deny-list": deny}
    for text in ADVERSARIAL[name]():
        list(patterns[name].finditer(text))


def finishes_within(seconds: int, target: Callable[[str], None], arg: str) -> bool:
    """Whether ``target(arg)``, run in a forked process, ends well within ``seconds``."""
    process = multiprocessing.get_context("fork").Process(target=target, args=(arg,))
    process.start()
    process.join(seconds)
    if process.is_alive():
        process.kill()
        process.join()
        return False
    return process.exitcode == 0


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_every_disclosure_pattern_reads_a_1_mb_token_without_backtracking(name: str) -> None:
    assert finishes_within(HANG_GUARD_SECONDS, _match_adversarial, name), (
        f"the {name} pattern still matching after {HANG_GUARD_SECONDS} s: it backtracks")


def test_a_notice_says_when_no_deny_list_is_in_use(data_folder: Make, outside: Path) -> None:
    folder = data_folder({})
    plain = run_findings("check", "--data", str(folder))
    assert plain.code == 0 and plain.err == ""
    assert "findings: notice: no deny-list in use (--deny-list or FINDINGS_DENY_LIST)" in plain.out
    in_ci = run_findings("check", "--data", str(folder), env={"GITHUB_ACTIONS": "true"})
    assert "::notice::no deny-list in use" in in_ci.out
    listed = run_findings("check", "--data", str(folder), "--deny-list", str(outside))
    assert "deny-list" not in listed.out
# --- toolkit ids, retired ids, the live site's own record (issue 12.2) --------------------------

TOOLKIT = """
    - id: ask-one
      type: question
      text: Do we do the thing?
      theme: one
      recommendations: [r-one]
      source: editors
    - id: talk-one
      type: discussion
      theme: one
      title: Talking about one
      prompts: [What happened?]
      source: editors
"""


def test_release_records_toolkit_ids_and_a_gone_question_is_an_error(data_folder: Make) -> None:
    folder = data_folder({"toolkit/t.yml": TOOLKIT})
    assert run_findings("release", "--data", str(folder)).code == 0
    record = yaml.safe_load((folder / "published.yml").read_text(encoding="utf-8"))
    assert record["toolkit-questions"] == ["ask-one"]
    assert record["toolkit-discussions"] == ["talk-one"]
    write(folder, {"toolkit/t.yml": TOOLKIT.replace("ask-one", "ask-first")})
    found = problems_of(folder)
    assert len(found) == 1
    assert "error: [ask-one] toolkit-questions[0]: expected self-assessment question 'ask-one' " \
        "to stay published" in found[0]
    write(folder, {"redirects.yml": "toolkit-questions:\n  ask-one: ask-first\n"})
    assert problems_of(folder) == []


@pytest.mark.engine
def test_a_renamed_discussion_guide_keeps_its_address_and_answers_follow_a_question(
        data_folder: Make, tmp_path: Path) -> None:
    folder = data_folder({
        "toolkit/t.yml": TOOLKIT.replace("talk-one", "talk-first").replace("ask-one", "ask-new"),
        "redirects.yml": "toolkit-discussions:\n  talk-one: talk-first\n"
                         "toolkit-questions:\n  ask-one: ask-new\n"})
    site = tmp_path / "site"
    run = run_findings("build", "--data", str(folder), "--site-dir", str(site))
    assert run.code == 0, run.err
    stub = (site / "toolkit" / "discussion" / "talk-one" / "index.html").read_text("utf-8")
    assert 'href="../talk-first/"' in stub
    page = (site / "toolkit" / "self-assessment" / "index.html").read_text("utf-8")
    assert """data-fnd-renamed='{"ask-one": "ask-new"}'""" in page


def test_reusing_a_retired_id_is_reported_on_the_new_item(data_folder: Make) -> None:
    folder = data_folder({
        "redirects.yml": "quotes:\n  q-one: withdrawn\n",
        "changelog.yml": """
            - version: "1.1"
              date: "2025-02-03"
              summary: Withdrew a quote.
              items: [quote:q-one]
            - version: "1.0"
              date: "2024-01-02"
              summary: First.
              items: [quote:q-one]
        """})
    assert problems_of(folder) == [
        "data/quotes/q.yml:1:7: error: [q-one] id: expected no quote with a withdrawn id, "
        "found 'q-one', withdrawn on 2025-02-03: delete this quote (its words must not be "
        "published), or remove the redirect if it is not being withdrawn"]
    run = run_findings("check", "--data", str(folder))
    assert "choose another id" not in run.err, "another id would republish withdrawn words"


def test_reusing_a_replaced_id_asks_for_another_id(data_folder: Make) -> None:
    folder = data_folder({
        "quotes/q2.yml": MINIMAL["quotes/q.yml"].replace("q-one", "q-two"),
        "redirects.yml": "quotes:\n  q-one: q-two\n",
        "changelog.yml": """
            - version: "1.0"
              date: "2024-01-02"
              summary: First.
              items: [quote:q-one]
        """})
    found = problems_of(folder)
    assert ("data/quotes/q.yml:1:7: error: [q-one] id: expected an id no quote has had "
            "before, found 'q-one', published on 2024-01-02, retired since; choose another id"
            ) in found
    assert not any("remove the redirect" in p for p in found), "never 'remove the redirect'"


def findings_json(tmp_path: Path, **ids: list[str]) -> Path:
    """A deployed site's data/findings.json, as far as the guard reads it."""
    record: dict[str, Any] = {"version": "x", "study": {}, "themes": [], "quotes": [],
                              "recommendations": [],
                              "toolkit": {"questions": [], "discussions": []}}
    for kind, values in ids.items():
        items = [{"id": value} for value in values]
        if kind in ("questions", "discussions"):
            record["toolkit"][kind] = items
        else:
            record[kind] = items
    path = tmp_path / "live-findings.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def test_check_against_the_live_site_record_catches_a_forgotten_release(
        data_folder: Make, tmp_path: Path) -> None:
    folder = data_folder({})  # no published.yml: nobody ran `findings release`
    live = findings_json(tmp_path, themes=["one"], quotes=["q-one", "q-gone"],
                         questions=["ask-gone"])
    assert run_findings("check", "--data", str(folder)).code == 0
    run = run_findings("check", "--data", str(folder), "--published-from", str(live))
    assert run.code == 1
    assert run.err.splitlines()[:2] == [
        f"{live}:1:1: error: [q-gone] quotes: expected quote 'q-gone', published on the live "
        "site, to stay published, found no quote with that id: restore it, or add `quotes: "
        "{q-gone: NEW-ID}` or `quotes: {q-gone: withdrawn}` to redirects.yml",
        f"{live}:1:1: error: [ask-gone] toolkit-questions: expected self-assessment question "
        "'ask-gone', published on the live site, to stay published, found no self-assessment "
        "question with that id: restore it, or add `toolkit-questions: {ask-gone: NEW-ID}` or "
        "`toolkit-questions: {ask-gone: withdrawn}` to redirects.yml",
    ]
    write(folder, {"redirects.yml": "quotes: {q-gone: q-one}\n"
                                    "toolkit-questions: {ask-gone: withdrawn}\n"})
    assert run_findings("check", "--data", str(folder), "--published-from", str(live)).code == 0
    assert run_findings("release", "--data", str(folder), "--published-from", str(live)).code == 0
    record = yaml.safe_load((folder / "published.yml").read_text(encoding="utf-8"))
    assert record["quotes"] == ["q-gone", "q-one"]


@pytest.mark.parametrize(("text", "expected"), [
    (None, "could not read"),
    ("<html>not json</html>", "found something that is not JSON"),
    ('{"themes": "x"}', "found no list of themes with ids"),
])
def test_an_unreadable_live_record_is_wrong_usage(data_folder: Make, tmp_path: Path,
                                                  text: str | None, expected: str) -> None:
    folder = data_folder({})
    live = tmp_path / "live.json"
    if text is not None:
        live.write_text(text, encoding="utf-8")
    run = run_findings("check", "--data", str(folder), "--published-from", str(live))
    assert run.code == 2
    assert run.err.startswith("findings: error: --published-from: ") and expected in run.err
    assert len(run.err.splitlines()) == 1


def test_an_unreachable_live_site_is_one_line_that_contributing_explains(
        data_folder: Make) -> None:
    """The pull-request check cannot reach the live site (exit 2): CONTRIBUTING says what the
    line means (nothing was compared) and how to go on without losing a permalink."""
    with socket.socket() as closed:  # a port nobody listens on: refused at once, no network
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/data/findings.json"
    run = run_findings("check", "--data", str(data_folder({})), "--published-from", url)
    assert run.code == 2
    said = "findings: error: --published-from: could not read '"
    assert run.err.startswith(f"{said}{url}': ") and len(run.err.splitlines()) == 1, run.err
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split("### When the live site cannot be reached\n", 1)[1].split("\n#")[0]
    for needed in (said, "exit status 2", "nothing was compared", "Re-run the job",
                   "FINDINGS_SITE_URL", "findings check --published-from findings.json",
                   "Never remove the step"):
        assert needed in section, needed


def test_the_committed_record_holds_every_id_of_the_published_version() -> None:
    """The first publication is on record, and the data keeps every id in it. Whatever the
    study's content: the oldest changelog entry (newest first), whichever version it is."""
    record = yaml.safe_load((REAL_DATA / "published.yml").read_text(encoding="utf-8"))
    changelog = yaml.safe_load((REAL_DATA / "changelog.yml").read_text(encoding="utf-8"))
    first = changelog[-1]
    for entry in first["items"]:
        singular, _, item_id = entry.partition(":")
        assert item_id in record[f"{singular}s"]
    assert {"toolkit-questions", "toolkit-discussions"} <= set(record)
    assert not [p for p in read_data(REAL_DATA, "themes_data").problems
                if "published.yml" in p.file]


@pytest.fixture
def local_site(tmp_path: Path) -> Iterator[str]:
    """A deployed site on 127.0.0.1 (no network): its address, ending '/'."""
    served = tmp_path / "served"
    (served / "data").mkdir(parents=True)
    findings_json(tmp_path, quotes=["q-one", "q-gone"]).replace(served / "data" / "findings.json")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_live_record_is_read_from_the_site_s_address(data_folder: Make,
                                                         local_site: str) -> None:
    folder = data_folder({})
    run = run_findings("check", "--data", str(folder),
                       "--published-from", f"{local_site}data/findings.json")
    assert run.code == 1
    assert "error: [q-gone] quotes: expected quote 'q-gone', published on the live site" in run.err


def test_a_site_not_deployed_yet_is_a_warning_not_a_pass_in_silence(data_folder: Make,
                                                                    local_site: str) -> None:
    folder = data_folder({})
    address = f"{local_site}never-deployed/data/findings.json"
    run = run_findings("check", "--data", str(folder), "--published-from", address)
    assert run.code == 0
    assert f"{address}:1:1: warning: expected the deployed site's data/findings.json, found " \
        "nothing there (HTTP 404)" in run.err
    assert run_findings("check", "--strict", "--data", str(folder),
                        "--published-from", address).code == 1


def test_a_missing_live_record_is_an_error_once_a_release_is_recorded(
        data_folder: Make, local_site: str) -> None:
    """After a release, a 404 means a wrong address (a mistyped FINDINGS_SITE_URL, a renamed
    repository): the guard must not turn itself off with a warning the workflow ignores."""
    folder = data_folder({"published.yml": "quotes: [q-one]\n"})
    address = f"{local_site}renamed/data/findings.json"
    run = run_findings("check", "--data", str(folder), "--published-from", address,
                       env={"GITHUB_ACTIONS": "true"})
    assert run.code == 1
    assert (f"{folder}/published.yml:1:1: error: expected the deployed site's "
            f"data/findings.json at '{address}', found nothing there (HTTP 404)") in run.err
    assert f"::error file={folder}/published.yml,line=1,col=1::" in run.out


def test_the_site_s_address_instead_of_its_record_says_where_the_record_is(
        data_folder: Make, local_site: str) -> None:
    run = run_findings("check", "--data", str(data_folder({})), "--published-from", local_site)
    assert run.code == 2
    assert f"'{local_site.rstrip('/')}/data/findings.json'" in run.err


def test_a_deleted_published_id_is_reported_even_when_links_to_it_break_too(
        data_folder: Make) -> None:
    folder = data_folder({"published.yml": "quotes: [q-gone, q-one]\n",
                          "quotes/q.yml": """
        - id: q-one
          text: Words of a finding.
          kind: finding
          speaker: Study authors
          themes: [one]
          source: "abstract: results"
          context: See [the other](quote:q-gone).
    """})
    found = problems_of(folder)
    assert any("published.yml:1:10: error: [q-gone] quotes[0]: expected quote 'q-gone' to stay "
               "published" in p for p in found), found


def _check_many_numbers(folder: str) -> None:
    data = read_data(Path(folder), folder)
    assert sum(1 for p in data.problems if "seven-digit number" in p.message) == 40_000


@pytest.mark.slow
def test_a_quote_full_of_numbers_is_checked_in_linear_time(tmp_path: Path) -> None:
    """Each match used to be compared with every earlier one of its field (are they the same
    number?): 40,000 numbers in one quote took minutes, a 1 MB quote hours. Hang guard only."""
    numbers = " ".join(str(5_550_000 + i) for i in range(40_000))
    folder = write_folder(tmp_path / "data", {"quotes/q.yml": textwrap.dedent(f"""
        id: q-one
        text: "{numbers}"
        kind: finding
        speaker: Study authors
        themes: [one]
        source: "abstract: results"
    """)})
    assert finishes_within(HANG_GUARD_SECONDS, _check_many_numbers, str(folder)), (
        f"checking 40,000 numbers in one quote still running after {HANG_GUARD_SECONDS} s")
