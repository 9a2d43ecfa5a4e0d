"""Every record of a data folder, declared once: each field's name, Python type, value type,
meaning and rules, in one line of a frozen dataclass.

The dataclass is the model the pages are made from; :func:`record_of` reads the same
declaration as the schema's :class:`~findings.types.Record`, which the checks, the editors'
JSON Schema, the data dictionary and the open data are made from. Adding a field is one line
here, and it reaches all of them. :func:`make` builds a model object from checked values, and
refuses a value no field declares rather than drop it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, TypeVar

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
    ValueType,
    slug,
)
from findings.urls import doi_url

T = TypeVar("T")

LEVELS = ("program", "institution", "community")
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
DATE = Text(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", pattern_name="a date like '2026-03-01'")
CHANGED_ITEM = Text(pattern=r"^(theme|quote|recommendation):[a-z0-9]+(-[a-z0-9]+)*$",
                    pattern_name="an item like 'quote:the-id'")

#: Where a field's declaration is kept in its dataclass field's metadata.
_DECLARED = "findings.field"


def spec(vtype: ValueType, doc: str, *, required: bool = False, ref: str | None = None,
         required_when: tuple[str, str] | None = None, published: bool = True,
         unique: bool = False) -> Any:
    """One field of a record: a dataclass field whose metadata is its schema field. A required
    field has no default (and may be given by position); any other one defaults to empty."""
    declared = Field("", vtype, doc, required, ref, required_when, published, unique)
    if required:
        return dataclasses.field(metadata={_DECLARED: declared})
    return dataclasses.field(default=_empty(vtype), kw_only=True,
                             metadata={_DECLARED: declared})


def _empty(vtype: ValueType) -> object:
    if isinstance(vtype, ListOf | MapOf):
        return ()
    if isinstance(vtype, Boolean):
        return False
    if isinstance(vtype, Integer | Record):
        return None
    return ""


def draft() -> Any:
    """``draft: true``: shown by ``findings serve`` only; never built, published or recorded."""
    return spec(Boolean(), "true while the item is being written: shown in the preview "
                "(`findings serve`) only, never in a built site, and not recorded by "
                "`findings release`", published=False)


_RECORDS: dict[type, Record] = {}


def record_of(cls: type) -> Record:
    """The schema's record of a declared dataclass: its fields in the order written."""
    if cls not in _RECORDS:
        _RECORDS[cls] = Record(tuple(dataclasses.replace(f.metadata[_DECLARED], name=f.name)
                                     for f in dataclasses.fields(cls)), cls)
    return _RECORDS[cls]


def make(cls: type[T], values: dict[str, Any]) -> T:
    """A model object from checked values. Fields the site never publishes are left out of the
    model (so no page can show them); a value no field declares is a defect, never dropped."""
    record = record_of(cls)
    unknown = values.keys() - {f.name for f in record.fields}
    if unknown:
        raise ValueError(f"{cls.__name__} declares no field {', '.join(sorted(unknown))}")
    return cls(**{f.name: model_value(f.type, values[f.name]) for f in record.fields
                  if f.published and f.name in values})


def model_value(vtype: ValueType, value: Any) -> Any:
    """A checked value as the model holds it: lists as tuples, mappings of text as pairs in
    the order written, records as their dataclass."""
    if isinstance(vtype, ListOf):
        return tuple(model_value(vtype.item, v) for v in value)
    if isinstance(vtype, MapOf):
        return tuple((k, model_value(vtype.value, v)) for k, v in value.items())
    if isinstance(vtype, Record) and vtype.model is not None:
        return make(vtype.model, value)
    return value


def declared(cls: type[T]) -> type[T]:
    """Check a record's declaration when it is made: every field declared with :func:`spec`."""
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if _DECLARED not in f.metadata:
            raise TypeError(f"{cls.__name__}.{f.name} is not declared with spec()")
    return cls



@declared
@dataclass(frozen=True)
class Author:
    name: str = spec(Text(), "the author's name as published", required=True)
    affiliation: str = spec(Text(), "the author's institution")
    orcid: str = spec(ORCID, "ORCID iD")
    family: str = spec(Text(), "the family name, set only where a source states it; when "
                       "absent the family name is not known: citations use the name as written "
                       "(a two-word name is read as given name and family name)")

    @property
    def family_name(self) -> str:
        return self.family or self.name.split()[-1]

    @property
    def given_names(self) -> str:
        given = self.name.removesuffix(self.family_name).strip()
        return given or self.name


@declared
@dataclass(frozen=True)
class KeyFact:
    label: str = spec(Text(), "what the figure is, e.g. 'Participants'", required=True)
    value: str = spec(Text(), "the figure as stated in the study", required=True)


@declared
@dataclass(frozen=True)
class FactSource:
    fact: str = spec(Text(), "which facts, e.g. 'title and venue'", required=True)
    source: str = spec(Text(), "where they are stated, e.g. a programme and its session "
                       "number", required=True)


@declared
@dataclass(frozen=True)
class Related:
    title: str = spec(Text(), "the publication's title", required=True)
    relation: str = spec(Text(), "how it relates, e.g. 'earlier study'", required=True)
    doi: str = spec(DOI, "its DOI")
    url: str = spec(URL, "its address")

    @property
    def doi_url(self) -> str:
        return doi_url(self.doi) if self.doi else ""


@declared
@dataclass(frozen=True)
class Study:
    title: str = spec(Text(), "full title", required=True)
    short_title: str = spec(Text(), "for the header and browser tab")
    title_sentence_case: str = spec(
        Text(), "the title in sentence case, as reference styles (APA, AMA) print a "
        "contribution's title (the site's editors' casing; words it keeps capitalised inside "
        "the title are kept so in BibTeX); without it citations use the title as written")
    authors: tuple[Author, ...] = spec(ListOf(record_of(Author), 1), "authors, in order",
                                       required=True)
    venue: str = spec(Text(), "where it was presented or published", required=True)
    year: int = spec(Integer(1000), "year of presentation or publication", required=True)
    doi: str = spec(DOI, "the study's DOI")
    url: str = spec(URL, "the study's canonical address")
    summary: str = spec(Text(), "the site's editors' one plain-text paragraph on the study: "
                        "the home page's description for search engines and link previews, and "
                        "its first line when there is no headline")
    headline: str = spec(Text(280), "the site's editors' one-sentence summary of the Results: "
                         "the home page's first line, labelled as theirs (at most 280 "
                         "characters)")
    abstract: tuple[tuple[str, str], ...] = spec(
        MapOf(Text(), Markdown(), 1),
        "the structured abstract: section heading -> Markdown, in order", required=True)
    key_facts: tuple[KeyFact, ...] = spec(ListOf(record_of(KeyFact)),
                                          "figures shown on the study page")
    speakers: tuple[str, ...] = spec(
        ListOf(Text(), 1, unique=True),
        "the only de-identified descriptors a quote may use as speaker", required=True)
    license: str = spec(SPDX, "SPDX id of the published content's licence, only if a source "
                        "states one; when absent the site says that no licence is stated")
    status: str = spec(Text(), "e.g. 'conference abstract', 'peer-reviewed article'")
    related: tuple[Related, ...] = spec(ListOf(record_of(Related)),
                                        "companion and follow-up publications")
    ethics: str = spec(Markdown(), "ethics approval statement")
    funding: str = spec(Markdown(), "funding statement")
    contact: str = spec(CONTACT, "where readers report errors or accessibility problems")
    audiences: tuple[str, ...] = spec(ListOf(Text(), 1, unique=True),
                                      "if given, the only roles a recommendation may name")
    synthetic: bool = spec(Boolean(), "true for made-up data: every page then says so")
    sources: tuple[FactSource, ...] = spec(
        ListOf(record_of(FactSource)),
        "where each fact not in the abstract comes from; the study page lists them")
    site_editors: str = spec(
        Text(), "who edited this site: its structure, derived recommendations, ratings and "
        "toolkit; without it the site says 'the site's editors'")

    @property
    def doi_url(self) -> str:
        return doi_url(self.doi) if self.doi else ""

    @property
    def name(self) -> str:
        return self.short_title or self.title

    @property
    def editors(self) -> str:
        """Who to credit for the site's own work: the named editors, or "the site's editors"."""
        return self.site_editors or "the site's editors"


@declared
@dataclass(frozen=True)
class Theme:
    id: str = spec(slug(), "permalink: /themes/<id>/", required=True)
    number: int = spec(Integer(1), "'Theme N' and the display order", required=True,
                       unique=True)
    title: str = spec(Text(), "the theme's name, in the site editors' words", required=True)
    summary: str = spec(Text(280), "the finding in one sentence, the site editors' paraphrase "
                        "of the study (at most 280 characters)", required=True)
    description: str = spec(Markdown(), "the theme explained, by the site's editors",
                            required=True)
    levels: tuple[str, ...] = spec(ListOf(Choice(LEVELS), unique=True),
                                   "where the theme plays out, in the site editors' judgement")
    source: str = spec(Text(), "where in the study it comes from", required=True)
    origin: str = spec(GUID, "the REFI-QDA code it was imported from (`findings import`): "
                       "never published", published=False)
    draft: bool = draft()


@declared
@dataclass(frozen=True)
class Quote:
    id: str = spec(slug(), "permalink educators cite: /quotes/<id>/", required=True)
    text: str = spec(Text(), "the excerpt, verbatim", required=True)
    kind: str = spec(Choice(("participant", "finding")),
                     "`participant`: participants' words; `finding`: the study authors' own "
                     "wording, a result or a conclusion (told apart by the part of the study "
                     "it comes from: the abstract section holding the text, or `source`)",
                     required=True)
    speaker: str = spec(Text(), "de-identified descriptor, one of the study's speakers",
                        required=True, ref="speakers")
    themes: tuple[str, ...] = spec(ListOf(slug(), 1, unique=True),
                                   "the themes it illustrates", required=True, ref="themes")
    source: str = spec(Text(), "where the text comes from", required=True)
    context: str = spec(Markdown(), "what was being discussed, in the site editors' words")
    content_note: str = spec(Text(), "shown before the text, e.g. 'describes racism'")
    tags: tuple[str, ...] = spec(ListOf(slug(), unique=True),
                                 "topic tags (slugs), the site editors'")
    consent: str = spec(Choice(("consented", "previously-published")),
                        "why these words may be published (required for participant quotes)",
                        required_when=("kind", "participant"))
    participant: str = spec(Text(), "internal participant code: used by checks, never "
                            "published", published=False)
    origin: str = spec(GUID, "the REFI-QDA selection it was imported from (`findings "
                       "import`): never published", published=False)
    checksum: str = spec(CHECKSUM, "SHA-256 of the excerpt as imported, to verify it against "
                         "its source (`findings check --qdpx`): never published",
                         published=False)
    excerpt_of: str = spec(Choice(("abstract",)), "`abstract`: the text is an excerpt of the "
                           "study's abstract, and `check` verifies that it occurs there "
                           "verbatim (white space aside)")
    draft: bool = draft()


@declared
@dataclass(frozen=True)
class Recommendation:
    id: str = spec(slug(), "permalink: /recommendations/<id>/", required=True)
    title: str = spec(Text(), "what to do, in a few words", required=True)
    summary: str = spec(Text(), "the recommendation in a sentence or two: the site's "
                        "editors' paraphrase", required=True)
    actions: tuple[str, ...] = spec(ListOf(Text(), 1), "suggested steps, in the site editors' "
                                    "words (not the study's)", required=True)
    level: str = spec(Choice(LEVELS), "who owns it, in the site editors' judgement",
                      required=True)
    audiences: tuple[str, ...] = spec(ListOf(Text(), 1, unique=True),
                                      "roles that act on it, in the site editors' judgement",
                                      required=True, ref="audiences")
    basis: str = spec(Choice(("stated", "derived")),
                      "stated in the study, or inferred by the site's editors", required=True)
    stated_by: str = spec(Choice(("authors", "participants")),
                          "whose recommendation the study reports (only with `basis: "
                          "stated`; default `authors`): the authors' own conclusion, or what "
                          "participants called for")
    themes: tuple[str, ...] = spec(ListOf(slug(), 1, unique=True),
                                   "the themes it answers, in the site editors' judgement",
                                   required=True, ref="themes")
    quotes: tuple[str, ...] = spec(ListOf(slug(), unique=True), "linked excerpts to show with "
                                   "it (how many there are is not a weight of evidence)",
                                   ref="quotes")
    effort: str = spec(Choice(("low", "medium", "high")),
                       "effort it takes, in the site editors' judgement", required=True)
    timeframe: str = spec(Choice(("immediate", "short-term", "long-term")),
                          "how soon it can take effect, in the site editors' judgement",
                          required=True)
    source: str = spec(Text(), "where it comes from", required=True)
    draft: bool = draft()

    @property
    def owner(self) -> str:
        """Whose recommendation it is: 'authors', 'participants' or 'editors' (derived)."""
        if self.basis != "stated":
            return "editors"
        return self.stated_by or "authors"


@declared
@dataclass(frozen=True)
class Question:
    """A self-assessment question: the site's own material."""

    id: str = spec(slug(), "a stable id for the question (answers are saved under it)",
                   required=True)
    type: str = spec(Choice(("question",)), "`question`: a self-assessment question",
                     required=True)
    text: str = spec(Text(), "the question, answerable yes / partly / no", required=True)
    help: str = spec(Markdown(), "what a 'yes' looks like, or where to look")
    theme: str = spec(slug(), "the theme it is grouped under", required=True, ref="themes")
    recommendations: tuple[str, ...] = spec(
        ListOf(slug(), 1, unique=True), "recommendations to read when the answer shows a gap",
        required=True, ref="recommendations")
    source: str = spec(Text(), "who wrote it, e.g. 'site editors, from recommendation X'",
                       required=True)


@declared
@dataclass(frozen=True)
class DiscussionGuide:
    """Prompts for a program meeting about one theme: the site's own material."""

    id: str = spec(slug(), "permalink: /toolkit/discussion/<id>/", required=True)
    type: str = spec(Choice(("discussion",)), "`discussion`: a discussion guide for a meeting",
                     required=True)
    theme: str = spec(slug(), "the theme it discusses", required=True, ref="themes")
    title: str = spec(Text(), "the guide's title", required=True)
    intro: str = spec(Markdown(), "how to run the discussion")
    duration: str = spec(Text(), "about how long it takes, e.g. '30 minutes'")
    prompts: tuple[str, ...] = spec(ListOf(Text(), 1), "questions to put to the group, in "
                                    "order", required=True)
    source: str = spec(Text(), "who wrote it", required=True)


@declared
@dataclass(frozen=True)
class Version:
    """A published version (``changelog.yml``)."""

    version: str = spec(VERSION, "the version published, e.g. '1.1'", required=True,
                        unique=True)
    date: str = spec(DATE, "when it was published (YYYY-MM-DD)", required=True)
    summary: str = spec(Text(), "what changed, in a sentence or two", required=True)
    items: tuple[str, ...] = spec(
        ListOf(CHANGED_ITEM, unique=True), "the items added or changed in this version, as "
        "'theme:ID', 'quote:ID' or 'recommendation:ID'")

    @property
    def anchor(self) -> str:
        """The version's ``id`` on the 'What's new' page: ``version-1.1``. A character other
        than an ASCII letter, digit, '.' or '-' (a space, '<', '_') is written ``_HEX_``, so
        the id is valid HTML and a clean fragment, and two versions never share one."""
        return "version-" + "".join(
            c if c.isascii() and (c.isalnum() or c in ".-") else f"_{ord(c):x}_"
            for c in self.version)
