"""What the recommendations browser filters and sorts by, and the JSON its script reads."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from findings.model import Findings, Recommendation
from findings.wording import KIND_NAMES, LEVEL_LABELS, theme_label

LEVELS = ("program", "institution", "community")
EFFORTS = ("low", "medium", "high")
TIMEFRAMES = ("immediate", "short-term", "long-term")


@dataclass(frozen=True)
class Facet:
    """A group of filter options: ``name`` is the URL parameter and the JSON field."""

    name: str
    legend: str
    options: tuple[tuple[str, str], ...]
    hint: str = ""


def facets_for(findings: Findings) -> list[Facet]:
    recs = findings.recommendations
    named = dict.fromkeys(a for r in recs for a in r.audiences)
    audiences = findings.study.audiences or tuple(named)
    return [
        Facet("level", "Who owns it (editors' judgement)",
              tuple((v, LEVEL_LABELS[v]) for v in LEVELS),
              "The level that leads the change: a program, its institution, or the community."),
        Facet("audience", "For whom", tuple((a, a) for a in audiences),
              "The people who would act on it or take part, as the recommendation names them."),
        Facet("effort", "Effort (editors' judgement)",
              tuple((v, v.capitalize()) for v in EFFORTS)),
        Facet("timeframe", "Timeframe (editors' judgement)",
              tuple((v, v.capitalize()) for v in TIMEFRAMES)),
        Facet("theme", "Theme", tuple((t.id, theme_label(t))
                                      for t in findings.themes)),
    ]


def facet_values(rec: Recommendation) -> dict[str, list[str]]:
    return {"level": [rec.level], "audience": list(rec.audiences), "effort": [rec.effort],
            "timeframe": [rec.timeframe], "theme": list(rec.themes)}


def facet_counts(findings: Findings) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {f.name: Counter() for f in facets_for(findings)}
    for rec in findings.recommendations:
        for name, values in facet_values(rec).items():
            counts[name].update(values)
    return counts


def suggested_order(findings: Findings) -> list[Recommendation]:
    """Programs first, then institutions, then communities; as written within each."""
    return sorted(findings.recommendations, key=lambda r: LEVELS.index(r.level))


def recommendations_json(findings: Findings) -> str:
    """What the browser's script needs: each recommendation's facets and sort keys, and its
    actions, which the list prints under each card (kept out of the list's page: they would
    double its weight)."""
    items = [
        {"id": rec.id, "title": rec.title, "actions": list(rec.actions), **facet_values(rec),
         "order": index, "effort_rank": EFFORTS.index(rec.effort),
         "timeframe_rank": TIMEFRAMES.index(rec.timeframe)}
        for index, rec in enumerate(suggested_order(findings))
    ]
    return json.dumps({"recommendations": items}, ensure_ascii=False, sort_keys=True)


def quote_facets(findings: Findings) -> list[Facet]:
    """What the quote bank filters by: theme, kind, tag and speaker."""
    tags = sorted({t for q in findings.quotes for t in q.tags})
    return [
        Facet("theme", "Theme", tuple((t.id, theme_label(t))
                                      for t in findings.themes)),
        Facet("kind", "Kind", tuple(KIND_NAMES.items())),
        Facet("tag", "Tag", tuple((t, t) for t in tags)),
        Facet("speaker", "Speaker", tuple((s, s) for s in findings.study.speakers)),
    ]


def quote_facet_counts(findings: Findings) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {name: Counter() for name in ("theme", "kind", "tag",
                                                                     "speaker")}
    for quote in findings.quotes:
        counts["theme"].update(quote.themes)
        counts["kind"][quote.kind] += 1
        counts["tag"].update(quote.tags)
        counts["speaker"][quote.speaker] += 1
    return counts
