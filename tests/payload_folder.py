"""Writes the payload data folder, ``tests/fixtures/payloads``: a valid study whose every
plain-text and Markdown field, of every kind, carries the vectors of ``payload_vectors``.

Each field starts with a distinguishing word (``markXxx``) so a test can find where it
rendered. Run ``python tests/payload_folder.py`` after changing the vectors or the schema;
``tests/unit/test_payload_fixture.py`` fails while the committed folder is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from payload_vectors import MARKDOWN, PLAIN, markdown_payload, plain_payload

FOLDER = Path(__file__).parent / "fixtures" / "payloads"
HEADER = ("# Synthetic test data, written by tests/payload_folder.py: do not edit by hand.\n"
          "# Every free-text field carries script-injection payloads; none may ever run.\n")


def plain(mark: str, prefix: str = "") -> str:
    """A plain-text field: its marker word, then every plain vector."""
    return f"{prefix}{mark} {plain_payload()}"


def md(mark: str, prefix: str = "") -> str:
    """A Markdown field: its marker word, then every vector."""
    return f"{prefix}{mark} {markdown_payload()}"


def split_plain(marks: list[str], prefix: str, limit: int = 280) -> list[str]:
    """The plain vectors packed into several values of at most ``limit`` characters (a field
    with a length limit, across items), longest vector first."""
    texts = [f"{prefix}{mark}" for mark in marks]
    for vector in sorted(PLAIN.values(), key=len, reverse=True):
        fits = [i for i, t in enumerate(texts) if len(t) + 1 + len(vector) <= limit]
        texts[fits[0]] += " " + vector
    return texts


def fitting(text: str, limit: int) -> str:
    """``text`` and as many plain vectors as fit in ``limit`` characters, shortest first (a
    single value with a length limit)."""
    for vector in sorted(PLAIN.values(), key=len):
        if len(text) + 1 + len(vector) <= limit:
            text += " " + vector
    return text


SPEAKERS = ["Study authors", plain("markSpeakerOne", "Participant "),
            plain("markSpeakerTwo", "Staff ")]
AUDIENCES = [plain("markAudienceOne", "Managers "), plain("markAudienceTwo", "Faculty ")]
THEME_SUMMARIES = split_plain(["markThemeOneSummary", "markThemeTwoSummary",
                               "markThemeThreeSummary"], "Synthetic: ")

STUDY: dict[str, Any] = {
    "synthetic": True,
    "title": plain("markStudyTitle", "Synthetic payload study "),
    "short_title": plain("markShortTitle"),
    "authors": [
        {"name": plain("markAuthorOne", "Ada "), "affiliation": plain("markAffiliationOne"),
         "orcid": "0000-0002-1825-0097", "family": plain("markFamilyOne")},
        {"name": plain("markAuthorTwo", "Bo "), "affiliation": plain("markAffiliationTwo")},
    ],
    "venue": plain("markVenue", "Payload Forum "),
    "year": 2024,
    "doi": "10.5555/synthetic.payloads\"><script>window.__pwned=1</script>",
    "url": "https://example.org/payloads'onmouseover='alert(1)'/javascript:alert(1)",
    "summary": plain("markSummary", "Synthetic data for tests: "),
    "abstract": {
        plain("markHeadingBackground", "Background "): md("markAbstractBackground"),
        plain("markHeadingMethods", "Methods "): md("markAbstractMethods"),
    },
    "key_facts": [{"label": plain("markFactLabelOne"), "value": plain("markFactValueOne")}],
    "speakers": SPEAKERS,
    "license": "CC-BY-4.0",
    "status": plain("markStatus", "synthetic "),
    "related": [
        {"title": plain("markRelatedTitle", "Companion "), "relation": plain("markRelation"),
         "url": "https://example.org/related'onfocus='window.__pwned=1'autofocus='"},
        {"title": plain("markRelatedDoi"), "relation": "earlier study",
         "doi": "10.5555/x\"><img/src=x/onerror=alert(1)>"},
    ],
    "ethics": md("markEthics", "Synthetic data for tests. "),
    "funding": md("markFunding", "Synthetic data for tests. "),
    # Within the e-mail pattern: quote marks, slashes and '=' are all a local part may hold.
    "contact": "x'/onmouseover='window.__pwned=1'@example.org",
    "audiences": AUDIENCES,
    "title_sentence_case": plain("markTitleSentenceCase", "Synthetic payload study "),
    "sources": [{"fact": plain("markSourceFact", "title "),
                 "source": plain("markSourceSource", "a programme ")}],
    "site_editors": plain("markSiteEditors", "Payload editors "),
    "headline": fitting("Synthetic: markHeadline", 280),
}

THEMES = [
    {"id": "payload-theme-one", "number": 1, "title": plain("markThemeOneTitle", "Theme "),
     "summary": THEME_SUMMARIES[0],
     "description": md("markThemeOneDescription") + "\n\nSee [the quote](quote:payload-"
     "participant-quote) and [the recommendation](recommendation:payload-rec-one).",
     "levels": ["program"], "source": plain("markThemeOneSource", "abstract: results ")},
    {"id": "payload-theme-two", "number": 2, "title": plain("markThemeTwoTitle", "Theme "),
     "summary": THEME_SUMMARIES[1],
     "description": md("markThemeTwoDescription") + "\n\nSee [theme one](theme:payload-theme-one).",
     "levels": ["institution", "community"], "source": plain("markThemeTwoSource")},
    {"id": "payload-theme-three", "number": 3, "title": plain("markThemeThreeTitle", "Theme "),
     "summary": THEME_SUMMARIES[2], "description": md("markThemeThreeDescription"),
     "source": plain("markThemeThreeSource")},
]

QUOTES = [
    {"id": "payload-participant-quote", "text": plain("markQuoteOneText"),
     "kind": "participant", "speaker": SPEAKERS[1],
     "themes": ["payload-theme-one", "payload-theme-two"],
     "source": plain("markQuoteOneSource", "focus group "), "context": md("markQuoteOneContext"),
     "content_note": plain("markQuoteOneNote"), "tags": ["payload", "injection"],
     "consent": "consented", "participant": plain("markParticipantCode", "P01 ")},
    {"id": "payload-second-participant", "text": plain("markQuoteTwoText"),
     "kind": "participant", "speaker": SPEAKERS[2], "themes": ["payload-theme-two"],
     "source": plain("markQuoteTwoSource"), "content_note": plain("markQuoteTwoNote"),
     "context": md("markQuoteTwoContext"), "tags": ["injection"],
     "consent": "previously-published", "participant": "P02 markParticipantCodeTwo"},
]

FINDING = {"id": "payload-finding-quote", "text": plain("markFindingText", "Synthetic finding "),
           "kind": "finding", "speaker": "Study authors", "themes": ["payload-theme-three"],
           "source": plain("markFindingSource", "abstract: results "),
           "context": md("markFindingContext")}

RECOMMENDATIONS = [
    {"id": "payload-rec-one", "title": plain("markRecOneTitle", "Recommendation "),
     "summary": plain("markRecOneSummary", "Synthetic: "),
     "actions": [plain("markRecOneActionOne"), plain("markRecOneActionTwo")],
     "level": "program", "audiences": AUDIENCES, "basis": "stated",
     "themes": ["payload-theme-one"],
     "quotes": ["payload-participant-quote", "payload-finding-quote"],
     "effort": "low", "timeframe": "immediate", "source": plain("markRecOneSource")},
    {"id": "payload-rec-two", "title": plain("markRecTwoTitle", "Recommendation "),
     "summary": plain("markRecTwoSummary", "Synthetic: "),
     "actions": [plain("markRecTwoActionOne")], "level": "institution",
     "audiences": [AUDIENCES[1]], "basis": "derived",
     "themes": ["payload-theme-two", "payload-theme-three"],
     "quotes": ["payload-second-participant"], "effort": "high", "timeframe": "long-term",
     "source": plain("markRecTwoSource", "editors ")},
]

TOOLKIT = [
    {"id": "payload-question-one", "type": "question", "theme": "payload-theme-one",
     "text": plain("markQuestionOneText"), "help": md("markQuestionOneHelp"),
     "recommendations": ["payload-rec-one"], "source": plain("markQuestionOneSource")},
    {"id": "payload-question-two", "type": "question", "theme": "payload-theme-two",
     "text": plain("markQuestionTwoText"),
     "recommendations": ["payload-rec-two", "payload-rec-one"],
     "source": plain("markQuestionTwoSource")},
    {"id": "payload-discussion", "type": "discussion", "theme": "payload-theme-one",
     "title": plain("markDiscussionTitle"), "intro": md("markDiscussionIntro"),
     "duration": plain("markDuration", "30 minutes "),
     "prompts": [plain("markPromptOne"), plain("markPromptTwo")],
     "source": plain("markDiscussionSource")},
]

CHANGELOG = [
    {"version": "1.1", "date": "2024-06-01",
     "summary": plain("markChangeTwo"),
     "items": ["quote:payload-participant-quote", "theme:payload-theme-three"]},
    {"version": "1.0", "date": "2024-03-01", "summary": plain("markChangeOne"),
     "items": ["quote:old-payload-quote", "recommendation:payload-rec-one"]},
]

REDIRECTS = {"quotes": {"old-payload-quote": "payload-finding-quote",
                        "withdrawn-payload-quote": "withdrawn"},
             "themes": {"old-payload-theme": "payload-theme-two"}}

#: The guard warns about each payload speaker (one participant each), the vectors' e-mail
#: address and the zero-padded entity ``&#0000058;`` (a seven-digit number): reviewed here.
ALLOWED = [{"quote": quote["id"], "match": match,
            "reason": plain("markAllowReason", "synthetic, reviewed: ")}
           for quote in QUOTES for match in (quote["speaker"], "a@example.org", "0000058")]
ALLOWED += [{"quote": quote["id"], "match": match,
             "reason": plain("markAllowReason", "synthetic, reviewed: ")}
            for quote in (FINDING,) for match in ("a@example.org", "0000058")]

FILES: dict[str, Any] = {
    "study.yml": STUDY, "themes/themes.yml": THEMES, "quotes/participants.yml": QUOTES,
    "quotes/finding.yml": FINDING, "recommendations/recommendations.yml": RECOMMENDATIONS,
    "toolkit/toolkit.yml": TOOLKIT, "changelog.yml": CHANGELOG, "redirects.yml": REDIRECTS,
    "disclosure-allow.yml": ALLOWED,
}

# --- a small YAML writer: every text double-quoted and escaped, so any character survives ----

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\u2028": "\\L", "\u2029": "\\P",
            "\x85": "\\N"}


def quoted(text: str, indent: str) -> str:
    """A double-quoted YAML scalar; each newline of the text written as ``\\n``, then a line
    break escaped with ``\\``, so the file shows the text's lines."""
    lines = ["".join(_ESCAPES.get(c, c) for c in line) for line in text.split("\n")]
    lines = [("\\x20" + line[1:]) if line.startswith(" ") else line for line in lines]
    return '"' + f"\\n\\\n{indent}  ".join(lines) + '"'


def emit(value: Any, indent: str = "") -> list[str]:
    """Block-style YAML lines for a value (a mapping or a list)."""
    out: list[str] = []
    items = value.items() if isinstance(value, dict) else [(None, v) for v in value]
    for key, item in items:
        lead = f"{indent}- " if key is None else f"{indent}? {quoted(key, indent)}\n{indent}: "
        if key is not None and "\n" not in key and len(key) < 200:
            lead = f"{indent}{_key(key)}: "
        out += _emit_item(lead, item, indent + "  ")
    return out


def _key(key: str) -> str:
    return key if key.replace("_", "").isalnum() or "-" in key else quoted(key, "")


def _emit_item(lead: str, item: Any, inner: str) -> list[str]:
    if isinstance(item, (dict, list)):
        nested = emit(item, inner)
        if lead.rstrip().endswith("-") and isinstance(item, dict):
            return [lead + nested[0].lstrip(), *nested[1:]]
        return [lead.rstrip(), *nested]
    if isinstance(item, bool):
        return [lead + ("true" if item else "false")]
    if isinstance(item, int):
        return [lead + str(item)]
    return [lead + quoted(str(item), inner.removesuffix("  "))]


def write(folder: Path = FOLDER) -> None:
    for name, value in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER + "\n".join(emit(value)) + "\n", encoding="utf-8")


def unused_vectors() -> list[str]:
    """Names of vectors no field holds (always empty: kept for the tests' messages)."""
    text = "".join(str(v) for v in FILES.values())
    return [name for name, v in {**PLAIN, **MARKDOWN}.items() if v not in text]


if __name__ == "__main__":
    write()
