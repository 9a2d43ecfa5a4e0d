"""Which pages the site has: one plan entry per page, with its template and its data."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from findings import tally
from findings.browse import (
    facet_counts,
    facets_for,
    quote_facet_counts,
    quote_facets,
    suggested_order,
)
from findings.by_object import ByObject
from findings.card_weight import card_weight
from findings.dictionary import field_rows
from findings.meeting import agenda
from findings.model import Findings, Quote, Recommendation, Study
from findings.opendata import SECTIONS, public_record
from findings.schema import ITEM_KINDS, STUDY
from findings.voice import quote_attribution, quote_label
from findings.wording import restates, source_label, theme_label

ITEM_KIND_NAMES = {kind.name for kind in ITEM_KINDS}

QUOTES_PER_PAGE = 30
#: A page of a list of quotes holds at most QUOTES_PER_PAGE cards, and fewer where the quotes
#: are long: its cards weigh at most this many bytes (card_weight), so that with the theme's
#: chrome, the filters and the cards' templates no page's HTML passes 150 KB, whatever the
#: quotes' lengths. (At 10,000 quotes the rest of a page of the bank is about 45 KB.)
LIST_PAGE_CARD_BYTES = 90_000
THEME_PREVIEW = 6
ACTION_PLAN_ROWS = 3
#: Up to this many recommendations, their list shows each one's summary; a longer list shows
#: titles (and whose and the ratings) only, so that its page stays under 150 KB at 200.
LIST_SUMMARIES_UP_TO = 60
ANSWERS = (("yes", "Yes"), ("partly", "Partly"), ("no", "No"), ("unsure", "Not sure"))
#: The recommendation filters' and the action plan's index: a file for the pages' scripts, not open
#: data (data/ holds only the documented downloads, with their licence and credits).
RECOMMENDATIONS_JSON = "assets/findings/recommendations.json"
FINDINGS_JSON = "data/findings.json"
SECTION_TITLES = {
    "themes": "Themes",
    "quotes": "Quote bank",
    "recommendations": "Recommendations",
}


@dataclass
class Page:
    """A page to generate: ``url`` is its address below the site root (``''`` for home)."""

    url: str
    title: str
    template: str
    description: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    searchable: bool = True

    @property
    def source_path(self) -> str:
        """The Markdown file the engine reads for this page."""
        return f"{self.url}index.md"


@dataclass(frozen=True)
class Redirect:
    """A retired id's old address, leading to the current one."""

    url: str
    target: str


def plan_pages(findings: Findings, kept: ByObject[Page] | None = None) -> list[Page]:
    """Every generated page of the site, in a stable order. ``kept``: the quotes' pages of
    the last plan, by quote and study object (the preview's: see ``by_object``)."""
    kept = kept or ByObject()
    pages = [
        _home(findings),
        Page("study/", findings.study.title, "study", findings.study.summary),
        *_theme_pages(findings),
        *_quote_pages(findings, kept),
        *_recommendation_pages(findings),
        _evidence_page(findings),
        *_toolkit_pages(findings),
        Page("whats-new/", "What's new", "whats-new",
             "Each version of the published findings, newest first."),
        Page("handout/", "Handout", "handout",
             "Quotes and recommendations you picked, with citations, ready to print.",
             {"data_url": FINDINGS_JSON}),
        Page("data/", "Data and citation", "data",
             "Download every item as JSON or CSV, and cite the study."),
        Page("data/dictionary/", "Data dictionary", "data-dictionary",
             "What every field of the published data means.", {"sections": _dictionary()}),
        Page("accessibility/", "Accessibility statement", "accessibility",
             "How this site meets WCAG 2.2 AA, how it is tested, and how to report a problem."),
        *_withdrawn_pages(findings),
    ]
    kept.done()
    return pages


#: Where a kind's retired ids have pages; a withdrawn discussion guide leads to the toolkit.
#: (A question has no page: its renames move readers' saved answers, in the toolkit's script.)
REDIRECTED = {"themes": "themes/", "quotes": "quotes/", "recommendations": "recommendations/",
              "toolkit-discussions": "toolkit/discussion/"}


def plan_redirects(findings: Findings) -> list[Redirect]:
    return [
        Redirect(f"{REDIRECTED[kind]}{old}/",
                 "toolkit/" if new == "withdrawn" else f"{REDIRECTED[kind]}{new}/")
        for kind, retired in sorted(findings.redirects.items()) if kind in REDIRECTED
        for old, new in sorted(retired.items())
        if new != "withdrawn" or kind == "toolkit-discussions"
    ]


def _home(findings: Findings) -> Page:
    # Not indexed: everything on it is on the study page or the pages it leads to, and its
    # result would be a near-duplicate of the study page's (same title). Titled by the short
    # title, as its heading: the header shows it whole on a phone once the heading scrolls by.
    return Page("", findings.study.name, "home", findings.study.summary,
                {"tallies": {"excerpts": tally.excerpts(findings),
                             "recommendations": tally.recommendations(findings)}},
                searchable=False)


def _theme_pages(findings: Findings) -> list[Page]:
    pages = [Page("themes/", "Themes", "themes", "The study's themes.")]
    for theme in findings.themes:
        quotes = findings.quotes_for_theme(theme.id)
        restated = [q for q in quotes if q.kind == "finding" and restates(theme.summary, q.text)]
        # The first cards, as many as a page of the list holds (long quotes: fewer).
        cards = [(theme, q) for q in quotes if q not in restated][:THEME_PREVIEW]
        preview = len(list_chunks(cards)[0])
        # The cards shown and whether there are more, not the theme's quotes: a save to a
        # quote the page does not show leaves its plan entry, and its text, the same.
        pages.append(Page(
            f"themes/{theme.id}/", theme_label(theme), "theme", theme.summary,
            {"theme": theme, "preview": preview, "restated": restated,
             "shown": tuple(quote for _, quote in cards[:preview]),
             "more": len(quotes) > preview},
        ))
        if cards and len(quotes) > preview:  # as the theme page links to it (theme.html)
            pages += _list_pages(f"themes/{theme.id}/quotes/",
                                 f"Quotes for Theme {theme.number}", [(theme, quotes)])
    return pages


def _list_pages(base: str, title: str, groups: list[tuple[Any, list[Quote]]],
                extra: dict[str, Any] | None = None) -> list[Page]:
    """A long list of quotes split into pages (list_chunks): base, base/page/2/, ..."""
    flat = [(theme, q) for theme, quotes in groups for q in quotes]
    chunks = list_chunks(flat)
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        regrouped: dict[str, tuple[Any, list[Quote]]] = {}
        for theme, quote in chunk:
            regrouped.setdefault(theme.id, (theme, []))[1].append(quote)
        pages.append(Page(
            base if number == 1 else f"{base}page/{number}/",
            title if number == 1 else f"{title}, page {number} of {len(chunks)}",
            "quotes", "Quotable findings and participants' words, by theme.",
            {"groups": list(regrouped.values()), "number": number, "count": len(chunks),
             "total": len(flat), "pager_base": base, "facets": [], **(extra or {})},
            # Found by its title and lead on its first page (its cards are the quotes' own
            # pages' text); later pages would repeat that result.
            searchable=number == 1,
        ))
    return pages


def list_chunks(flat: list[tuple[Any, Quote]]) -> list[list[tuple[Any, Quote]]]:
    """The pages of a list, in order: each of at most QUOTES_PER_PAGE quotes whose cards weigh
    at most LIST_PAGE_CARD_BYTES together (a single card heavier than that has a page of its
    own). Always one page, empty for an empty list."""
    chunks: list[list[tuple[Any, Quote]]] = [[]]
    weight = 0
    for entry in flat:
        grams = card_weight(entry[1])
        full = len(chunks[-1]) == QUOTES_PER_PAGE or weight + grams > LIST_PAGE_CARD_BYTES
        if chunks[-1] and full:
            chunks.append([])
            weight = 0
        chunks[-1].append(entry)
        weight += grams
    return chunks


def _quote_pages(findings: Findings, kept: ByObject[Page]) -> list[Page]:
    ordered = sorted(findings.quotes, key=lambda q: findings.primary_theme(q).number)
    pages = _list_pages("quotes/", "Quote bank", _group_by_theme(findings, ordered), {
        "facets": quote_facets(findings), "counts": quote_facet_counts(findings),
        "data_url": FINDINGS_JSON, "tally": tally.excerpts(findings)})
    study = findings.study
    pages += [kept.get((quote, study), functools.partial(_quote_page, quote, study))
              for quote in findings.quotes]
    return pages


def _quote_page(quote: Quote, study: Study) -> Page:
    """A quote's page entry: made from the quote and the study alone."""
    label = quote_label(quote, study)
    said_by = source_label(quote_attribution(quote, study))
    return Page(f"quotes/{quote.id}/", _quote_title(quote, label), "quote",
                f"{label} ({said_by}): \u201c{quote.text}\u201d", {"quote": quote})


def _quote_title(quote: Quote, label: str) -> str:
    """The browser tab's and the search result's title: whose words, then the first ones."""
    words = quote.text.split()
    return f"{label}: \u201c" + " ".join(words[:6]) + ("\u2026" if len(words) > 6 else "") + (
        "\u201d")


def _group_by_theme(findings: Findings, quotes: list[Quote]) -> list[tuple[Any, list[Quote]]]:
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        groups.setdefault(findings.primary_theme(quote).id, []).append(quote)
    return [(findings.theme_by_id[theme_id], group) for theme_id, group in groups.items()]


def _recommendation_pages(findings: Findings) -> list[Page]:
    pages = [Page("recommendations/", "Recommendations", "recommendations",
                  f"What {_owners(findings.recommendations)} can do.",
                  {"facets": facets_for(findings), "counts": facet_counts(findings),
                   "ordered": suggested_order(findings), "data_url": RECOMMENDATIONS_JSON,
                   "summaries": len(findings.recommendations) <= LIST_SUMMARIES_UP_TO,
                   "tally": tally.recommendations(findings)})]
    ordered = suggested_order(findings)
    place = {rec.id: at for at, rec in enumerate(ordered)}
    for rec in findings.recommendations:
        at = place[rec.id]
        pages.append(Page(
            f"recommendations/{rec.id}/", rec.title, "recommendation", rec.summary,
            {"recommendation": rec, "previous": ordered[at - 1] if at else None,
             "next": ordered[at + 1] if at + 1 < len(ordered) else None},
        ))
    return pages


OWNERS = {"program": "programs", "institution": "institutions", "community": "communities"}


def _owners(recs: list[Recommendation]) -> str:
    """'programs and institutions': only the levels some recommendation has."""
    named = [OWNERS[level] for level in OWNERS if any(r.level == level for r in recs)]
    if not named:
        return "readers"
    return ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]


def _dictionary() -> list[tuple[str, str, list[tuple[str, str, str, str]]]]:
    """The published fields of each section of findings.json."""
    sections = [("study", STUDY, False)]
    sections += [(name, kind, name != "questions") for name, kind in SECTIONS.items()]
    return [(name.capitalize(), f"fields-{name}",
             field_rows(public_record(kind, permalink), published_only=True))
            for name, kind, permalink in sections]


def _evidence_page(findings: Findings) -> Page:
    """Which themes each recommendation answers. Never a count or a ranking: in qualitative
    research how many excerpts (or marks) a row has is not the weight of evidence."""
    unanswered = [t.id for t in findings.themes if not findings.recommendations_for_theme(t.id)]
    return Page("evidence/", "Evidence map", "evidence",
                "Which themes each recommendation answers, and whether the study states it.",
                {"unanswered_theme_ids": unanswered})


def _toolkit_pages(findings: Findings) -> list[Page]:
    pages = [
        Page("toolkit/", "Toolkit", "toolkit",
             "A quick start, a self-assessment, discussion guides and an action plan.",
             {"quick_wins": _quick_wins(findings.recommendations)}),
        Page("toolkit/action-plan/", "Action-plan worksheet", "action-plan",
             "Turn a recommendation into steps.",
             {"rows": ACTION_PLAN_ROWS, "data_url": RECOMMENDATIONS_JSON}),
    ]
    if findings.questions:
        pages.append(Page("toolkit/self-assessment/", "Self-assessment", "self-assessment",
                          "Where does your program stand?", {"answers": ANSWERS}))
    pages += [Page(f"toolkit/discussion/{guide.id}/", guide.title, "discussion",
                   f"A discussion guide for a program meeting: {guide.title}.",
                   {"guide": guide, "agenda": agenda(guide)})
              for guide in findings.discussions]
    return pages


def _quick_wins(recs: list[Recommendation]) -> list[Recommendation]:
    """Low-effort recommendations that can start now or soon: where to begin."""
    ranked = sorted((r for r in recs if r.effort == "low"),
                    key=lambda r: ("immediate", "short-term", "long-term").index(r.timeframe))
    return ranked[:3]


def _withdrawn_pages(findings: Findings) -> list[Page]:
    return [
        Page(f"{kind}/{old}/", "Withdrawn", "withdrawn", "This item has been withdrawn.",
             {"kind": kind}, searchable=False)
        for kind, retired in sorted(findings.redirects.items()) if kind in ITEM_KIND_NAMES
        for old, new in sorted(retired.items())
        if new == "withdrawn"
    ]
