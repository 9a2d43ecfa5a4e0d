"""The one schema of a data folder: every kind, every field, what it means.

The checks (``validate``), the editors' JSON Schema (``jsonschema``) and the data dictionary
are all made from the definitions here.
"""

from __future__ import annotations

from dataclasses import dataclass

from findings.types import (
    Boolean,
    Choice,
    Field,
    Integer,
    ListOf,
    MapOf,
    Markdown,
    Record,
    Text,
    slug,
)

#: Ids the site uses for its own pages inside the item sections; no item may take them.
RESERVED_IDS = ("index", "page", "all", "new")

LEVELS = ("program", "institution", "community")
#: ``draft: true``: shown by ``findings serve`` only; never built, published or recorded.
DRAFT = Field("draft", Boolean(), "true while the item is being written: shown in the preview "
              "(`findings serve`) only, never in a built site, and not recorded by "
              "`findings release`", published=False)
DOI = Text(pattern=r"^10\.[0-9]{4,9}/\S+$", pattern_name="a DOI like '10.1000/xyz123'")
ORCID = Text(
    pattern=r"^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$",
    pattern_name="an ORCID iD like '0000-0002-1825-0097'",
)
#: An http(s) address without the characters a URL may not hold (quote marks, angle brackets,
#: backslash, white space...): it is put in links as it is.
WEB_ADDRESS = r"https?://[^\s/\"<>\\^`{|}]+[^\s\"<>\\^`{|}]*"
URL = Text(pattern=f"^{WEB_ADDRESS}$", pattern_name="an https:// or http:// address")
#: An e-mail address as HTML defines a valid one (it becomes a ``mailto:`` link), or a web
#: address without the characters a URL may not hold.
CONTACT = Text(
    pattern=r"^([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
            f"|{WEB_ADDRESS})$",
    pattern_name="an e-mail address or an https:// address",
)
#: A REFI-QDA GUID, as ``findings import`` records where an item came from.
GUID = Text(
    pattern=r"^\{?[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}?$",
    pattern_name="a REFI-QDA GUID like '0c31c7a6-9cf9-4a4c-9c1b-1d1f3f5e6a7b'",
)
CHECKSUM = Text(pattern=r"^sha256:[0-9a-f]{64}$", pattern_name="'sha256:' and 64 hex digits")
#: A version is also a page anchor (``whats-new/#version-1.1``) and a feed entry id: letters,
#: digits and single separators only, decided by allow-list rather than escaped everywhere.
VERSION = Text(
    pattern=r"^[0-9A-Za-z]+([.+-][0-9A-Za-z]+)*$", max_length=32,
    pattern_name="a version like '1.1' or '2.0-rc1' (letters, digits, '.', '-', '+')",
)
SPDX = Text(
    pattern=r"^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$",
    pattern_name="an SPDX licence id like 'CC-BY-4.0'",
)


@dataclass(frozen=True)
class Kind:
    """A kind of item: where its files live and the fields of one item."""

    name: str
    folder: str
    record: Record
    singular: str
    doc: str = ""

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.record.fields


AUTHOR = Record((
    Field("name", Text(), "the author's name as published", required=True),
    Field("affiliation", Text(), "the author's institution"),
    Field("orcid", ORCID, "ORCID iD"),
    Field("family", Text(), "family name for citations, if not the last word of the name"),
))
KEY_FACT = Record((
    Field("label", Text(), "what the figure is, e.g. 'Participants'", required=True),
    Field("value", Text(), "the figure as stated in the study", required=True),
))
FACT_SOURCE = Record((
    Field("fact", Text(), "which facts, e.g. 'title and venue'", required=True),
    Field("source", Text(), "where they are stated, e.g. a programme and its session number",
          required=True),
))
RELATED = Record((
    Field("title", Text(), "the publication's title", required=True),
    Field("relation", Text(), "how it relates, e.g. 'earlier study'", required=True),
    Field("doi", DOI, "its DOI"),
    Field("url", URL, "its address"),
))

STUDY = Kind("study", "study", Record((
    Field("title", Text(), "full title", required=True),
    Field("short_title", Text(), "for the header and browser tab"),
    Field("title_sentence_case", Text(), "the title in sentence case, as reference styles "
          "(APA, AMA) print a contribution's title; without it citations use the title as "
          "written"),
    Field("authors", ListOf(AUTHOR, 1), "authors, in order", required=True),
    Field("venue", Text(), "where it was presented or published", required=True),
    Field("year", Integer(1000), "year of presentation or publication", required=True),
    Field("doi", DOI, "the study's DOI"),
    Field("url", URL, "the study's canonical address"),
    Field("summary", Text(), "one plain-text paragraph: the home page's description for search "
          "engines and link previews, and its first line when there is no headline"),
    Field("headline", Text(280), "what the study found, in one sentence: the home page's first "
          "line (at most 280 characters)"),
    Field("abstract", MapOf(Text(), Markdown(), 1),
          "the structured abstract: section heading -> Markdown, in order", required=True),
    Field("key_facts", ListOf(KEY_FACT), "figures shown on the study page"),
    Field("speakers", ListOf(Text(), 1, unique=True),
          "the only de-identified descriptors a quote may use as speaker", required=True),
    Field("license", SPDX, "SPDX id of the published content's licence, only if a source "
          "states one; when absent the site says that no licence is stated"),
    Field("status", Text(), "e.g. 'conference abstract', 'peer-reviewed article'"),
    Field("related", ListOf(RELATED), "companion and follow-up publications"),
    Field("ethics", Markdown(), "ethics approval statement"),
    Field("funding", Markdown(), "funding statement"),
    Field("contact", CONTACT, "where readers report errors or accessibility problems"),
    Field("audiences", ListOf(Text(), 1, unique=True),
          "if given, the only roles a recommendation may name"),
    Field("synthetic", Boolean(), "true for made-up data: every page then says so"),
    Field("sources", ListOf(FACT_SOURCE), "where each fact not in the abstract comes from; "
          "the study page lists them"),
    Field("site_editors", Text(), "who edited this site: its structure, derived "
          "recommendations, ratings and toolkit; without it the site says 'the site's editors'"),
)), "study")

THEME = Kind("themes", "themes", Record((
    Field("id", slug(), "permalink: /themes/<id>/", required=True),
    Field("number", Integer(1), "'Theme N' and the display order", required=True, unique=True),
    Field("title", Text(), "the theme's name", required=True),
    Field("summary", Text(280), "one-sentence finding (at most 280 characters)", required=True),
    Field("description", Markdown(), "the theme explained", required=True),
    Field("levels", ListOf(Choice(LEVELS), unique=True),
          "where the theme plays out, in the site editors' judgement"),
    Field("source", Text(), "where in the study it comes from", required=True),
    Field("origin", GUID, "the REFI-QDA code it was imported from (`findings import`): never "
          "published", published=False),
    DRAFT,
)), "theme")

QUOTE = Kind("quotes", "quotes", Record((
    Field("id", slug(), "permalink educators cite: /quotes/<id>/", required=True),
    Field("text", Text(), "the excerpt, verbatim", required=True),
    Field("kind", Choice(("participant", "finding")),
          "a participant's words, or the authors' stated finding", required=True),
    Field("speaker", Text(), "de-identified descriptor, one of the study's speakers",
          required=True, ref="speakers"),
    Field("themes", ListOf(slug(), 1, unique=True), "the themes it illustrates",
          required=True, ref="themes"),
    Field("source", Text(), "where the text comes from", required=True),
    Field("context", Markdown(), "what was being discussed"),
    Field("content_note", Text(), "shown before the text, e.g. 'describes racism'"),
    Field("tags", ListOf(slug(), unique=True), "topic tags (slugs)"),
    Field("consent", Choice(("consented", "previously-published")),
          "why these words may be published (required for participant quotes)",
          required_when=("kind", "participant")),
    Field("participant", Text(), "internal participant code: used by checks, never published",
          published=False),
    Field("origin", GUID, "the REFI-QDA selection it was imported from (`findings import`): "
          "never published", published=False),
    Field("checksum", CHECKSUM, "SHA-256 of the excerpt as imported, to verify it against its "
          "source (`findings check --qdpx`): never published", published=False),
    Field("excerpt_of", Choice(("abstract",)), "`abstract`: the text is an excerpt of the "
          "study's abstract, and `check` verifies that it occurs there verbatim (white space "
          "aside)"),
    DRAFT,
)), "quote")

RECOMMENDATION = Kind("recommendations", "recommendations", Record((
    Field("id", slug(), "permalink: /recommendations/<id>/", required=True),
    Field("title", Text(), "what to do, in a few words", required=True),
    Field("summary", Text(), "the recommendation in a sentence or two", required=True),
    Field("actions", ListOf(Text(), 1), "concrete steps", required=True),
    Field("level", Choice(LEVELS), "who owns it, in the site editors' judgement", required=True),
    Field("audiences", ListOf(Text(), 1, unique=True),
          "roles that act on it, in the site editors' judgement", required=True,
          ref="audiences"),
    Field("basis", Choice(("stated", "derived")),
          "stated in the study, or inferred by the site's editors", required=True),
    Field("stated_by", Choice(("authors", "participants")),
          "whose recommendation the study reports (only with `basis: stated`; default "
          "`authors`): the authors' own conclusion, or what participants called for"),
    Field("themes", ListOf(slug(), 1, unique=True), "the findings it answers",
          required=True, ref="themes"),
    Field("quotes", ListOf(slug(), unique=True), "linked excerpts to show with it (how many "
          "there are is not a weight of evidence)", ref="quotes"),
    Field("effort", Choice(("low", "medium", "high")),
          "effort it takes, in the site editors' judgement", required=True),
    Field("timeframe", Choice(("immediate", "short-term", "long-term")),
          "how soon it can take effect, in the site editors' judgement", required=True),
    Field("source", Text(), "where it comes from", required=True),
    DRAFT,
)), "recommendation")

ITEM_KINDS = (THEME, QUOTE, RECOMMENDATION)

# The toolkit: the site's own material built from the findings, never the study's. Its items
# share toolkit/ and are told apart by `type`.
QUESTION = Kind("toolkit-questions", "toolkit", Record((
    Field("id", slug(), "a stable id for the question (answers are saved under it)",
          required=True),
    Field("type", Choice(("question",)), "`question`: a self-assessment question",
          required=True),
    Field("text", Text(), "the question, answerable yes / partly / no", required=True),
    Field("help", Markdown(), "what a 'yes' looks like, or where to look"),
    Field("theme", slug(), "the theme it is grouped under", required=True, ref="themes"),
    Field("recommendations", ListOf(slug(), 1, unique=True),
          "recommendations to read when the answer shows a gap", required=True,
          ref="recommendations"),
    Field("source", Text(), "who wrote it, e.g. 'site editors, from recommendation X'",
          required=True),
)), "self-assessment question")

DISCUSSION = Kind("toolkit-discussions", "toolkit", Record((
    Field("id", slug(), "permalink: /toolkit/discussion/<id>/", required=True),
    Field("type", Choice(("discussion",)), "`discussion`: a discussion guide for a meeting",
          required=True),
    Field("theme", slug(), "the theme it discusses", required=True, ref="themes"),
    Field("title", Text(), "the guide's title", required=True),
    Field("intro", Markdown(), "how to run the discussion"),
    Field("duration", Text(), "about how long it takes, e.g. '30 minutes'"),
    Field("prompts", ListOf(Text(), 1), "questions to put to the group, in order",
          required=True),
    Field("source", Text(), "who wrote it", required=True),
)), "discussion guide")

TOOLKIT_KINDS = (QUESTION, DISCUSSION)
TOOLKIT_TYPES = {"question": QUESTION, "discussion": DISCUSSION}
#: Kinds whose ids are permanent once published: pages' permalinks, and the question ids that
#: readers' saved self-assessment answers are stored under.
PERMANENT_KINDS = (*ITEM_KINDS, *TOOLKIT_KINDS)

_REDIRECT_NOTES = {
    "toolkit-questions": " (answers readers saved under the old id are kept for the new one; "
                         "a withdrawn question's answers are dropped)",
    "toolkit-discussions": " (the old guide's address leads to the new one; a withdrawn "
                           "guide's address leads to the toolkit)",
}
REDIRECT_TARGET = Text(
    pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
    pattern_name="a current id or 'withdrawn'",
)
REDIRECTS = Kind("redirects", "redirects", Record(tuple(
    Field(kind.name, MapOf(slug(), REDIRECT_TARGET),
          f"retired {kind.singular} id -> current {kind.singular} id, or 'withdrawn'"
          + _REDIRECT_NOTES.get(kind.name, ""))
    for kind in PERMANENT_KINDS
)), "redirect")

# Optional files that guard what is published (``guards``, ``disclosure``): one each, in the
# data folder itself. ``DISCLOSURE_ALLOW`` holds a list of entries, the others one mapping.
PUBLISHED = Kind("published", "published", Record(tuple(
    Field(kind.name, ListOf(slug(), unique=True),
          f"every {kind.singular} id published so far, sorted")
    for kind in PERMANENT_KINDS
)), "published id", "Written by `findings release`, never by hand. Once it exists, "
    "`findings check` fails for a recorded id that is neither live nor a key of redirects.yml, "
    "so no published permalink can break.")
SETTINGS = Kind("settings", "settings", Record((
    Field("disclosure", Record((
        Field("k", Integer(1), "a quote's speaker must be shared by at least k participants "
              "(default 3)"),
    )), "settings of the disclosure guard"),
)), "setting", "Optional settings of the checks.")
DISCLOSURE_ALLOW = Kind("disclosure-allow", "disclosure-allow", Record((
    Field("quote", slug(), "the quote the warning is about", required=True, ref="quotes"),
    Field("match", Text(), "the text the warning found, as it shows it", required=True),
    Field("reason", Text(), "why a reviewer judged it safe to publish", required=True),
)), "allowed match", "A list of reviewed disclosure warnings to silence: each entry silences "
    "the warnings about its `match` in one quote, and says why.")
CHANGELOG = Kind("changelog", "changelog", Record((
    Field("version", VERSION, "the version published, e.g. '1.1'", required=True, unique=True),
    Field("date", Text(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                       pattern_name="a date like '2026-03-01'"),
          "when it was published (YYYY-MM-DD)", required=True),
    Field("summary", Text(), "what changed, in a sentence or two", required=True),
    Field("items", ListOf(Text(pattern=r"^(theme|quote|recommendation):[a-z0-9]+(-[a-z0-9]+)*$",
                               pattern_name="an item like 'quote:the-id'"), unique=True),
          "the items added or changed in this version, as 'theme:ID', 'quote:ID' or "
          "'recommendation:ID'"),
)), "version", "Optional: a list of published versions, newest or oldest first. It makes the "
    "'What's new' page and its Atom feed, and tells each item's page when it was added and "
    "last changed.")
GUARD_KINDS = (PUBLISHED, SETTINGS, DISCLOSURE_ALLOW, CHANGELOG)


def kind_named(name: str) -> Kind:
    return next(k for k in (*ITEM_KINDS, *TOOLKIT_KINDS, STUDY, REDIRECTS) if k.name == name)
