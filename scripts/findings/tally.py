"""How many of each there are, said so that a count never reads as weight of evidence or as
the study's own: excerpts split by whose words they are, recommendations by whose they are.

Made from the data (``kind``, ``basis``, ``stated_by``), never from the study's content; the
home page and the recommendations index say them.
"""

from __future__ import annotations

from findings.model import Findings


def _count(n: int, singular: str, plural: str = "") -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def excerpts(findings: Findings) -> str:
    """'9 excerpts: 8 of the study authors' own wording, 1 of participants' words'."""
    kinds = [q.kind for q in findings.quotes]
    parts = [f"{kinds.count('finding')} of the study authors' own wording",
             f"{kinds.count('participant')} of participants' words"]
    shown = [part for part in parts if not part.startswith("0 ")]
    head = _count(len(kinds), "excerpt")
    return f"{head}: {', '.join(shown)}" if shown else head


def recommendations(findings: Findings) -> str:
    """'9 recommendations: 4 stated in the study (3 the authors', 1 the participants'), 5
    suggested by the site's editors'."""
    owners = [r.owner for r in findings.recommendations]
    stated = owners.count("authors") + owners.count("participants")
    whose = [f"{owners.count('authors')} the authors'", f"{owners.count('participants')} the "
             "participants'"]
    whose = [w for w in whose if not w.startswith("0 ")]
    parts = []
    if stated:
        parts.append(f"{stated} stated in the study ({', '.join(whose)})")
    if owners.count("editors"):
        parts.append(f"{owners.count('editors')} suggested by {findings.study.editors}")
    head = _count(len(owners), "recommendation")
    return f"{head}: {', '.join(parts)}" if parts else head
