"""Which pages the site has: one plan entry per page, with its template and its data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from findings.model import Findings, Quote

QUOTES_PER_PAGE = 50
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


def plan_pages(findings: Findings) -> list[Page]:
    """Every generated page of the site, in a stable order."""
    return [
        _home(findings),
        Page("study/", findings.study.title, "study", findings.study.summary),
        *_theme_pages(findings),
        *_quote_pages(findings),
        *_recommendation_pages(findings),
        *_withdrawn_pages(findings),
    ]


def plan_redirects(findings: Findings) -> list[Redirect]:
    return [
        Redirect(f"{kind}/{old}/", f"{kind}/{new}/")
        for kind, retired in sorted(findings.redirects.items())
        for old, new in sorted(retired.items())
        if new != "withdrawn"
    ]


def _home(findings: Findings) -> Page:
    return Page("", findings.study.title, "home", findings.study.summary)


def _theme_pages(findings: Findings) -> list[Page]:
    pages = [Page("themes/", "Themes", "themes", "The study's themes.")]
    for theme in findings.themes:
        pages.append(Page(
            f"themes/{theme.id}/", f"Theme {theme.number}: {theme.title}", "theme",
            theme.summary, {"theme": theme},
        ))
    return pages


def _quote_pages(findings: Findings) -> list[Page]:
    ordered = sorted(findings.quotes, key=lambda q: findings.primary_theme(q).number)
    chunks = [ordered[i:i + QUOTES_PER_PAGE] for i in range(0, len(ordered), QUOTES_PER_PAGE)]
    chunks = chunks or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        url = "quotes/" if number == 1 else f"quotes/page/{number}/"
        title = "Quote bank" if number == 1 else f"Quote bank, page {number} of {len(chunks)}"
        pages.append(Page(
            url, title, "quotes", "Quotable findings and participants' words, by theme.",
            {"groups": _group_by_theme(findings, chunk), "number": number,
             "count": len(chunks), "total": len(ordered)},
            searchable=False,
        ))
    for quote in findings.quotes:
        pages.append(Page(
            f"quotes/{quote.id}/", _quote_title(quote), "quote", quote.text, {"quote": quote},
        ))
    return pages


def _quote_title(quote: Quote) -> str:
    words = quote.text.split()
    short = " ".join(words[:10]) + (" \u2026" if len(words) > 10 else "")
    return f"\u201c{short}\u201d"


def _group_by_theme(findings: Findings, quotes: list[Quote]) -> list[tuple[Any, list[Quote]]]:
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        groups.setdefault(findings.primary_theme(quote).id, []).append(quote)
    return [(findings.theme_by_id[theme_id], group) for theme_id, group in groups.items()]


def _recommendation_pages(findings: Findings) -> list[Page]:
    pages = [Page("recommendations/", "Recommendations", "recommendations",
                  "What programs, institutions and communities can do.")]
    for rec in findings.recommendations:
        pages.append(Page(
            f"recommendations/{rec.id}/", rec.title, "recommendation", rec.summary,
            {"recommendation": rec},
        ))
    return pages


def _withdrawn_pages(findings: Findings) -> list[Page]:
    return [
        Page(f"{kind}/{old}/", "Withdrawn", "withdrawn", "This item has been withdrawn.",
             {"kind": kind}, searchable=False)
        for kind, retired in sorted(findings.redirects.items())
        for old, new in sorted(retired.items())
        if new == "withdrawn"
    ]
