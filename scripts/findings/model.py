"""The typed model of a checked data folder: what the pages are made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from findings.changelog import Version, versions_from
from findings.data import CheckedData
from findings.drafts import without_drafts
from findings.urls import doi_url

T = TypeVar("T")


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str = ""
    orcid: str = ""
    family: str = ""

    @property
    def family_name(self) -> str:
        return self.family or self.name.split()[-1]

    @property
    def given_names(self) -> str:
        given = self.name.removesuffix(self.family_name).strip()
        return given or self.name


@dataclass(frozen=True)
class KeyFact:
    label: str
    value: str


@dataclass(frozen=True)
class FactSource:
    fact: str
    source: str


@dataclass(frozen=True)
class Related:
    title: str
    relation: str
    doi: str = ""
    url: str = ""

    @property
    def doi_url(self) -> str:
        return doi_url(self.doi) if self.doi else ""


@dataclass(frozen=True)
class Study:
    title: str
    authors: tuple[Author, ...]
    venue: str
    year: int
    abstract: tuple[tuple[str, str], ...]
    speakers: tuple[str, ...]
    license: str = ""
    short_title: str = ""
    title_sentence_case: str = ""
    doi: str = ""
    url: str = ""
    summary: str = ""
    headline: str = ""
    key_facts: tuple[KeyFact, ...] = ()
    status: str = ""
    related: tuple[Related, ...] = ()
    ethics: str = ""
    funding: str = ""
    contact: str = ""
    audiences: tuple[str, ...] = ()
    synthetic: bool = False
    sources: tuple[FactSource, ...] = ()
    site_editors: str = ""

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


@dataclass(frozen=True)
class Theme:
    id: str
    number: int
    title: str
    summary: str
    description: str
    source: str
    levels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    kind: str
    speaker: str
    themes: tuple[str, ...]
    source: str
    context: str = ""
    content_note: str = ""
    tags: tuple[str, ...] = ()
    consent: str = ""
    excerpt_of: str = ""


@dataclass(frozen=True)
class Recommendation:
    id: str
    title: str
    summary: str
    actions: tuple[str, ...]
    level: str
    audiences: tuple[str, ...]
    basis: str
    themes: tuple[str, ...]
    effort: str
    timeframe: str
    source: str
    quotes: tuple[str, ...] = ()
    stated_by: str = ""

    @property
    def owner(self) -> str:
        """Whose recommendation it is: 'authors', 'participants' or 'editors' (derived)."""
        if self.basis != "stated":
            return "editors"
        return self.stated_by or "authors"


@dataclass(frozen=True)
class Question:
    """A self-assessment question: the site's own material."""

    id: str
    type: str
    text: str
    theme: str
    recommendations: tuple[str, ...]
    source: str
    help: str = ""


@dataclass(frozen=True)
class DiscussionGuide:
    """Prompts for a program meeting about one theme: the site's own material."""

    id: str
    type: str
    theme: str
    title: str
    prompts: tuple[str, ...]
    source: str
    intro: str = ""
    duration: str = ""


@dataclass
class Findings:
    """The whole study, with lookups between its items."""

    study: Study
    themes: list[Theme]
    quotes: list[Quote]
    recommendations: list[Recommendation]
    redirects: dict[str, dict[str, str]] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)
    discussions: list[DiscussionGuide] = field(default_factory=list)
    versions: list[Version] = field(default_factory=list)
    #: Where each item was written, as the checks show it: (kind name, id) -> file.
    sources: dict[tuple[str, str], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.themes.sort(key=lambda t: t.number)
        self.theme_by_id = {t.id: t for t in self.themes}
        self.quote_by_id = {q.id: q for q in self.quotes}
        self.recommendation_by_id = {r.id: r for r in self.recommendations}

        # Lookups the templates ask for on every page, made once (a study of 10,000 quotes
        # would otherwise scan every item for each of its pages).
        self._quotes_by_theme: dict[str, list[Quote]] = {t.id: [] for t in self.themes}
        for quote in self.quotes:
            for theme_id in quote.themes:
                self._quotes_by_theme[theme_id].append(quote)
        self._recs_by_theme: dict[str, list[Recommendation]] = {t.id: [] for t in self.themes}
        self._recs_citing: dict[str, list[Recommendation]] = {}
        for rec in self.recommendations:
            for theme_id in rec.themes:
                self._recs_by_theme[theme_id].append(rec)
            for quote_id in rec.quotes:
                self._recs_citing.setdefault(quote_id, []).append(rec)

    def quotes_for_theme(self, theme_id: str) -> list[Quote]:
        return self._quotes_by_theme.get(theme_id, [])

    def recommendations_for_theme(self, theme_id: str) -> list[Recommendation]:
        return self._recs_by_theme.get(theme_id, [])

    def recommendations_citing(self, quote_id: str) -> list[Recommendation]:
        return self._recs_citing.get(quote_id, [])

    def questions_for_theme(self, theme_id: str) -> list[Question]:
        return [q for q in self.questions if q.theme == theme_id]

    def discussion_for_theme(self, theme_id: str) -> DiscussionGuide | None:
        return next((d for d in self.discussions if d.theme == theme_id), None)

    def history(self, kind: str, item_id: str) -> tuple[Version | None, Version | None]:
        """The versions that added and last changed an item (``kind`` as in 'quote')."""
        touched = [v for v in self.versions if f"{kind}:{item_id}" in v.items]
        if not touched:
            return None, None
        return touched[-1], (touched[0] if len(touched) > 1 else None)

    def primary_theme(self, quote: Quote) -> Theme:
        return min((self.theme_by_id[t] for t in quote.themes), key=lambda t: t.number)


def build_model(data: CheckedData, drafts: bool = False) -> Findings:
    """Turn checked data (with no errors) into the typed model; items marked ``draft: true``
    are left out unless ``drafts`` (the preview)."""
    assert data.study is not None, "build_model needs data that passed the checks"
    items = data.items if drafts else without_drafts(data.items)
    return Findings(
        study=_study(data.study),
        themes=[_make(Theme, i.values) for i in items["themes"]],
        quotes=[_make(Quote, i.values) for i in items["quotes"]],
        recommendations=[_make(Recommendation, i.values) for i in items["recommendations"]],
        redirects=data.redirects,
        questions=[_make(Question, i.values) for i in items["toolkit-questions"]],
        discussions=[_make(DiscussionGuide, i.values) for i in items["toolkit-discussions"]],
        versions=versions_from(data.changelog),
        sources={(kind, item.id): item.file for kind, found in items.items() for item in found},
    )


def _study(values: dict[str, Any]) -> Study:
    values = dict(values)
    values["authors"] = tuple(_make(Author, a) for a in values["authors"])
    values["key_facts"] = tuple(_make(KeyFact, k) for k in values.get("key_facts", ()))
    values["related"] = tuple(_make(Related, r) for r in values.get("related", ()))
    values["sources"] = tuple(_make(FactSource, s) for s in values.get("sources", ()))
    values["abstract"] = tuple(values["abstract"].items())
    return _make(Study, values)


def _make(cls: type[T], values: dict[str, Any]) -> T:
    known = cls.__dataclass_fields__  # type: ignore[attr-defined]
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items() if k in known}
    return cls(**kwargs)
