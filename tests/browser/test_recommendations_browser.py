"""Program leaders filter and sort recommendations; the view lives in the URL."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from browser.conftest import Served, open_page
from conftest import STUDY
from findings.data import read_data
from findings.model import Findings, build_model


def model() -> Findings:
    return build_model(read_data(STUDY, "study"))


def visible_ids(page: Page) -> list[str]:
    return [str(i) for i in page.locator(".fnd-rec-list > li:not([hidden])").evaluate_all(
        "els => els.map(e => e.dataset.id)")]


def test_filters_combine_and_the_count_is_announced(browser: Browser,
                                                     servers: dict[str, Served]) -> None:
    site, findings = servers["study"], model()
    page = open_page(browser, site)
    page.goto(site.url("recommendations/"))
    page.get_by_role("checkbox", name="Program (").check()
    page.get_by_role("checkbox", name="Low (").check()
    expected = [r.id for r in findings.recommendations
                if r.level == "program" and r.effort == "low"]
    expect(page.locator(".fnd-recs-status")).to_have_text(
        f"Showing {len(expected)} of {len(findings.recommendations)} recommendations.")
    assert sorted(visible_ids(page)) == sorted(expected)
    assert page.locator(".fnd-recs-status").get_attribute("role") == "status"
    assert "level=program" in page.url and "effort=low" in page.url


def test_a_link_reproduces_the_view_and_back_works(browser: Browser,
                                                   servers: dict[str, Served]) -> None:
    site, findings = servers["study"], model()
    page = open_page(browser, site)
    page.goto(site.url("recommendations/?level=institution"))
    institution = sorted(r.id for r in findings.recommendations if r.level == "institution")
    expect(page.get_by_role("checkbox", name="Institution (")).to_be_checked()
    assert sorted(visible_ids(page)) == institution
    page.get_by_role("checkbox", name="Institution (").uncheck()
    expect(page.locator(".fnd-recs-status")).to_contain_text("Showing all")
    page.go_back()
    expect(page.get_by_role("checkbox", name="Institution (")).to_be_checked()
    expect(page.locator(".fnd-recs-status")).to_contain_text(f"Showing {len(institution)} of")
    assert sorted(visible_ids(page)) == institution


def _in_view(page: Page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    height = page.viewport_size["height"] if page.viewport_size else 0
    return box is not None and box["y"] >= 0 and box["y"] + 40 <= height


def test_sorting_by_effort(browser: Browser, servers: dict[str, Served]) -> None:
    """The sort sits with the count at the head of the results (on a laptop's first screen,
    1366 x 768): after sorting, the first result is in view; on a phone Print is beside the
    results it prints, not only above the filters."""
    site, findings = servers["study"], model()
    page = open_page(browser, site)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(site.url("recommendations/"))
    sort = page.get_by_label("Sort by")
    assert _in_view(page, "#recs-sort")
    sort.select_option("effort")
    expect(page).to_have_url(site.url("recommendations/?sort=effort"))
    ranks = {"low": 0, "medium": 1, "high": 2}
    by_id = findings.recommendation_by_id
    # The address changes at once, the order once the data has come: wait for a sorted list
    # (the last card alone may already be a high-effort one before the sort).
    rank_of = {r.id: ranks[r.effort] for r in findings.recommendations}
    page.wait_for_function(
        """rank => { const r = [...document.querySelectorAll('.fnd-rec-list > li')]
                       .map(li => rank[li.dataset.id]);
                     return r.every((x, i) => i === 0 || r[i - 1] <= x); }""", arg=rank_of)
    efforts = [ranks[by_id[i].effort] for i in visible_ids(page)]
    assert efforts == sorted(efforts) and len(efforts) == len(findings.recommendations)
    assert _in_view(page, ".fnd-rec-list > li:not([hidden])")
    page.set_viewport_size({"width": 390, "height": 844})
    button = page.locator(".fnd-browse__results").get_by_role("button", name="Print")
    expect(button).to_be_visible()
    first = page.locator(".fnd-rec-list > li").first.bounding_box()
    box = button.bounding_box()
    assert first is not None and box is not None and 0 < first["y"] - box["y"] < 300, (box, first)


def test_without_javascript_every_recommendation_is_listed(browser: Browser,
                                                           servers: dict[str, Served]) -> None:
    site, findings = servers["study"], model()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("recommendations/"))
    assert len(visible_ids(page)) == len(findings.recommendations)
    assert page.locator("form.fnd-filters").is_hidden()
    context.close()


def test_the_data_is_fetched_only_when_first_used(browser: Browser,
                                                  servers: dict[str, Served]) -> None:
    site = servers["study"]
    page = open_page(browser, site)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if r.url.endswith(".json") else None)
    page.goto(site.url("recommendations/"), wait_until="networkidle")
    assert not any("recommendations.json" in u for u in fetched)
    page.get_by_role("checkbox", name="Program (").check()
    expect(page.locator(".fnd-recs-status")).to_contain_text("Showing")
    assert any("recommendations.json" in u for u in fetched)
