"""The evidence map explains its columns and never totals or ranks; each discussion guide
carries an agenda, facilitator notes and ground rules marked as the site's own material."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import FIXTURES
from findings.data import read_data
from findings.meeting import duration_minutes
from findings.model import build_model
from findings.pages import plan_pages
from findings.render import PageRenderer, SiteOptions

Make = Callable[[dict[str, str | None]], Path]


def _pages(folder: Path, *urls: str) -> dict[str, BeautifulSoup]:
    findings = build_model(read_data(folder, "data"))
    renderer = PageRenderer(findings, SiteOptions())
    planned = {p.url: p for p in plan_pages(findings)}
    return {url: BeautifulSoup(renderer.render(planned[url]), "html.parser") for url in urls}


def test_the_evidence_map_explains_every_column_and_adds_nothing_up() -> None:
    page = _pages(FIXTURES / "other-study", "evidence/")["evidence/"]
    table = page.select_one("table.fnd-evidence-table")
    assert table is not None
    heads = [(th.abbr or th).get_text(strip=True) for th in table.select("thead th")]
    key = {dt.get_text(strip=True): dd.get_text(" ", strip=True)
           for dt, dd in zip(page.select(".fnd-evidence-key dt"),
                             page.select(".fnd-evidence-key dd"), strict=True)}
    theme_columns = heads[1:-1]
    assert theme_columns and all(head in key for head in theme_columns), (heads, key)
    assert key["T1"].startswith("Theme 1: ") and "Whose" in key and "Yes" in key
    # The map shows links between items, never a weight: no totals row, no count in a cell.
    assert table.select("tfoot") == []
    cells = [td.get_text(strip=True) for td in table.select("tbody td")]
    assert set(cells) <= {"", "Yes", "Authors", "Participants", "Editors"}, set(cells)
    assert not any(ch.isdigit() for ch in "".join(cells))
    caption = table.select_one("caption")
    assert caption is not None and len(caption.get_text()) <= 40  # whole on a phone


def test_a_guide_has_an_agenda_ground_rules_and_notes_as_the_sites_own() -> None:
    page = _pages(FIXTURES / "other-study",
                  "toolkit/discussion/discuss-handovers/")["toolkit/discussion/discuss-handovers/"]
    meeting = page.select_one(".fnd-meeting")
    assert meeting is not None
    whose = meeting.select_one(".fnd-meeting__whose")
    assert whose is not None and "The site's own material" in whose.get_text()
    assert "not the study's words" in meeting.get_text()
    agenda = [li.get_text(" ", strip=True) for li in meeting.select(".fnd-agenda li")]
    assert agenda[0].startswith("Welcome and ground rules")
    assert agenda[2].startswith("Discuss the 2 prompts")
    times = [li.select_one(".fnd-agenda__time") for li in meeting.select(".fnd-agenda li")]
    minutes = [int(t.get_text().strip("( minutes)")) for t in times if t is not None]
    assert len(minutes) == len(times)
    assert sum(minutes) == 20  # the guide's duration, "20 minutes"
    assert len(meeting.select(".fnd-ground-rules li")) >= 4
    notes = meeting.select_one(".fnd-facilitator-intro")
    assert notes is not None and "Start with the handover theme" in notes.get_text()
    assert meeting.select_one(".fnd-facilitator-notes a[href$='action-plan/']")
    # The same on every guide: kept out of the search index (no near-duplicate results); the
    # guide's own intro is not (tests/site/test_built_site.py searches for it).
    for shared in (".fnd-meeting__whose", ".fnd-agenda", ".fnd-ground-rules",
                   ".fnd-facilitator-notes"):
        found = meeting.select_one(shared)
        assert found is not None and found.has_attr("data-search-exclude"), shared
    assert not notes.find_parent(attrs={"data-search-exclude": True})


def test_a_duration_in_other_words_gives_an_untimed_agenda(data_folder: Make) -> None:
    guide = """
        - id: talk
          type: discussion
          theme: one
          title: A talk
          duration: about an hour
          prompts: [One?]
          source: test editors
    """
    page = _pages(data_folder({"toolkit/t.yml": guide}),
                  "toolkit/discussion/talk/")["toolkit/discussion/talk/"]
    assert page.select(".fnd-agenda li") and page.select(".fnd-agenda__time") == []
    assert "Discuss the 1 prompt" in page.select(".fnd-agenda li")[2].get_text()
    assert [duration_minutes(d) for d in ("45 minutes", "30 min", "1 hour", "30-45 minutes",
                                          "10 minutes")] == [45, 30, None, None, 10]
