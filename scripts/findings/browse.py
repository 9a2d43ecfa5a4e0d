"""What the recommendations browser filters and sorts by, and the JSON its script reads."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from findings.model import Findings, Recommendation
from findings.wording import KIND_NAMES, LEVEL_LABELS, tag_label, theme_label

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
    levels = [v for v in LEVELS if any(r.level == v for r in recs)]
    return [
        Facet("level", "Who owns it (editors' judgement)",
              tuple((v, LEVEL_LABELS[v]) for v in levels), level_hint(levels)),
        Facet("audience", "For whom (editors' judgement)", tuple((a, a) for a in audiences),
              "The people who would act on it or take part, as the site's editors name them."),
        Facet("effort", "Effort (editors' judgement)",
              tuple((v, v.capitalize()) for v in EFFORTS)),
        Facet("timeframe", "Timeframe (editors' judgement)",
              tuple((v, v.capitalize()) for v in TIMEFRAMES)),
        Facet("theme", "Theme", tuple((t.id, theme_label(t))
                                      for t in findings.themes)),
    ]


#: How the level hint names each level.
LEVEL_PHRASES = {"program": "a program", "institution": "its institution",
                 "community": "the community"}


def level_hint(levels: list[str]) -> str:
    """What the owner filter means, naming only the levels some recommendation has: a study
    with no community recommendation does not mention the community."""
    phrases = [LEVEL_PHRASES[v] for v in levels]
    if not phrases:
        return ""
    head, last = phrases[:-1], phrases[-1]
    named = last if not head else f"{head[0]} or {last}" if len(head) == 1 else (
        f"{', '.join(head)}, or {last}")
    return f"The level that leads the change: {named}."


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
    """What the browser's scripts need: each recommendation's facets and sort keys, and its
    actions (the action plan fills a row with them; the list prints them under each card,
    kept out of the list's page: they would double its weight)."""
    items = [
        {"id": rec.id, "title": rec.title, "actions": list(rec.actions), **facet_values(rec),
         "order": index, "effort_rank": EFFORTS.index(rec.effort),
         "timeframe_rank": TIMEFRAMES.index(rec.timeframe)}
        for index, rec in enumerate(suggested_order(findings))
    ]
    return json.dumps({"recommendations": items}, ensure_ascii=False, sort_keys=True)


#: What the quote bank's theme counts count, when an excerpt is linked to several themes
#: (the unfiltered list shows each excerpt once, under its first theme).
SEVERAL_THEMES_HINT = ("An excerpt linked to several themes is counted under each; the "
                       "unfiltered list shows it once, under its first theme.")


def quote_facets(findings: Findings) -> list[Facet]:
    """What the quote bank filters by: theme, kind, tag and speaker."""
    tags = sorted({t for q in findings.quotes for t in q.tags})
    several = any(len(q.themes) > 1 for q in findings.quotes)
    return [
        Facet("theme", "Theme", tuple((t.id, theme_label(t)) for t in findings.themes),
              SEVERAL_THEMES_HINT if several else ""),
        Facet("kind", "Kind", tuple(KIND_NAMES.items())),
        Facet("tag", "Tag", tuple((t, tag_label(t)) for t in tags)),
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
