"""The typed model of a checked data folder: what the pages are made from.

Its records (a study, a theme, a quote...) are declared once, in ``records``; here they are
put together, with the lookups between them the pages ask for."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, TypeVar

from findings.by_object import ByObject
from findings.changelog import versions_from
from findings.data import CheckedData
from findings.drafts import without_drafts
from findings.records import (
    Author,
    DiscussionGuide,
    FactSource,
    KeyFact,
    Question,
    Quote,
    Recommendation,
    Related,
    Study,
    Theme,
    Version,
    make,
)

__all__ = ["Author", "DiscussionGuide", "FactSource", "Findings", "KeyFact", "Question", "Quote",
           "Recommendation", "Related", "Remade", "Study", "Theme", "Version", "build_model"]

T = TypeVar("T")


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
        self._primary: dict[int, tuple[Quote, Theme]] = {}

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
        """The quote's theme with the lowest number (worked out once per quote object: the
        page plan asks twice for each quote)."""
        key = id(quote)
        found = self._primary.get(key)
        if found is None or found[0] is not quote:
            found = self._primary[key] = (quote, min((self.theme_by_id[t] for t in quote.themes),
                                                     key=lambda t: t.number))
        return found[1]


class Remade:
    """The model objects made from each item's checked values, kept for the next model.

    The preview checks the data again after every save, and keeps the items of the files
    that did not change (``read_cache``): the very same values. An item whose values are the
    same object as last time gets the same model object back (``make`` depends on the values
    alone), so the next model differs from the last only in the changed files' items, and
    comparing the two (``page_inputs``) finds the unchanged ones by identity at once."""

    def __init__(self) -> None:
        #: Each object, by its values and its class (``by_object``).
        self._made: ByObject[Any] = ByObject()
        self._study: Study | None = None

    def study(self, values: dict[str, Any]) -> Study:
        """The study, the last model's object if equal (its values are checked again at each
        check: one comparison, so that what was worked out from it is found by identity)."""
        made = make(Study, values)
        if made != self._study:
            self._study = made
        assert self._study is not None
        return self._study

    def make(self, cls: type[T], values: dict[str, Any]) -> T:
        made: T = self._made.get((values, cls), functools.partial(make, cls, values))
        return made

    def done(self) -> None:
        """A model is made: keep only what it was made from."""
        self._made.done()


def build_model(data: CheckedData, drafts: bool = False, remade: Remade | None = None
                ) -> Findings:
    """Turn checked data (with no errors) into the typed model; items marked ``draft: true``
    are left out unless ``drafts`` (the preview). ``remade``: the objects made for the last
    model, reused for the items whose values are the same (the preview's)."""
    assert data.study is not None, "build_model needs data that passed the checks"
    items = data.items if drafts else without_drafts(data.items)
    kept = remade or Remade()
    findings = Findings(
        study=kept.study(data.study),
        themes=[kept.make(Theme, i.values) for i in items["themes"]],
        quotes=[kept.make(Quote, i.values) for i in items["quotes"]],
        recommendations=[kept.make(Recommendation, i.values) for i in items["recommendations"]],
        redirects=data.redirects,
        questions=[kept.make(Question, i.values) for i in items["toolkit-questions"]],
        discussions=[kept.make(DiscussionGuide, i.values) for i in items["toolkit-discussions"]],
        versions=versions_from(data.changelog),
        sources={(kind, item.id): item.file for kind, found in items.items() for item in found},
    )
    kept.done()
    return findings
