"""A discussion guide's meeting plan: the agenda, timed from the guide's duration when it
gives one in minutes. The steps are the site's own meeting craft, the same for any study;
the study's part (the finding, the prompts) comes from the data."""

from __future__ import annotations

import re
from dataclasses import dataclass

from findings.model import DiscussionGuide

#: Minutes for the opening (ground rules), the reading of the finding and the close.
OPENING, FINDING, CLOSING = 5, 5, 5
#: Shorter than this, the fixed steps would leave the prompts no time: no minutes are shown.
SHORTEST = OPENING + FINDING + CLOSING + 5
_MINUTES = re.compile(r"^\s*(\d{1,3})\s*(?:min|mins|minutes?)\.?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class AgendaStep:
    title: str
    minutes: int | None


def duration_minutes(duration: str) -> int | None:
    """``"30 minutes"`` -> 30; any other wording (``"an hour"``, ``"30-45 minutes"``) -> None."""
    found = _MINUTES.match(duration)
    return int(found.group(1)) if found else None


def agenda(guide: DiscussionGuide) -> list[AgendaStep]:
    """Open with the ground rules, read the finding, discuss the prompts, agree a next step."""
    total = duration_minutes(guide.duration)
    timed = total is not None and total >= SHORTEST
    prompts = total - OPENING - FINDING - CLOSING if timed and total else None
    count = len(guide.prompts)
    return [
        AgendaStep("Welcome and ground rules", OPENING if timed else None),
        AgendaStep("Read the finding aloud", FINDING if timed else None),
        AgendaStep(f"Discuss the {count} prompt{'s' if count != 1 else ''}", prompts),
        AgendaStep("Agree one next step, who owns it and by when", CLOSING if timed else None),
    ]
