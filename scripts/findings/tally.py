"""How many of each there are, said so that a count never reads as weight of evidence or as
the study's own: excerpts split by whose words they are, recommendations by whose they are.

Made from the data (``kind``, ``basis``, ``stated_by``), never from the study's content; the
home page and the recommendations index say them.
"""

from __future__ import annotations

from findings.model import Findings
from findings.wording import count


def _named(parts: list[tuple[int, str]]) -> list[str]:
    return [f"{n} {what}" for n, what in parts if n]


def excerpts(findings: Findings) -> str:
    """'9 excerpts (8 of the study authors' own wording, 1 of participants' words)'."""
    kinds = [q.kind for q in findings.quotes]
    parts = _named([(kinds.count("finding"), "of the study authors' own wording"),
                    (kinds.count("participant"), "of participants' words")])
    head = count(len(kinds), "excerpt")
    return f"{head} ({', '.join(parts)})" if parts else head


def recommendations(findings: Findings) -> str:
    """'9 recommendations (4 stated in the study: 3 the authors', 1 the participants'; 5
    suggested by the site's editors)'."""
    owners = [r.owner for r in findings.recommendations]
    stated = owners.count("authors") + owners.count("participants")
    whose = _named([(owners.count("authors"), "the authors'"),
                    (owners.count("participants"), "the participants'")])
    parts = [f"{stated} stated in the study: {', '.join(whose)}"] if stated else []
    parts += _named([(owners.count("editors"), f"suggested by {findings.study.editors}")])
    head = count(len(owners), "recommendation")
    return f"{head} ({'; '.join(parts)})" if parts else head
