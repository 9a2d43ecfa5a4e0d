"""The toolkit: answers stay in this browser, gaps lead to recommendations, CSV and print."""

from __future__ import annotations

import csv
import io

from playwright.sync_api import Browser, expect

from browser.conftest import Served, open_page


def test_self_assessment_keeps_answers_here_and_summarises_gaps(
        browser: Browser, servers: dict[str, Served]) -> None:
    site = servers["other"]
    page = open_page(browser, site)
    methods: list[str] = []
    page.on("request", lambda r: methods.append(r.method))
    page.goto(site.url("toolkit/self-assessment/"))
    first = page.get_by_role("group", name="Does every night handover use the same written sheet?")
    first.get_by_role("radio", name="No", exact=True).check()
    second = page.get_by_role("group", name="Does each lone night worker know the safety plan?")
    second.get_by_role("radio", name="Yes").check()
    expect(page.locator(".fnd-tool-status")).to_contain_text("1 gap")
    gaps = page.locator("[data-fnd-gaps]")
    expect(gaps).to_contain_text("Does every night handover use the same written sheet?")
    checklist = "Use a standard handover checklist at every shift change"
    expect(gaps.get_by_role("link", name=checklist)).to_be_visible()
    page.reload()
    expect(first.get_by_role("radio", name="No", exact=True)).to_be_checked()
    expect(gaps).to_contain_text("2 of 2 questions answered; 1 gap.")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download answers (CSV)").click()
    rows = list(csv.reader(io.StringIO(download_info.value.path().read_text("utf-8"))))
    assert rows[0] == ["Theme", "Question", "Answer", "Recommendations"]
    assert rows[1][1:3] == ["Does every night handover use the same written sheet?", "No"]
    # The last row says whose the questions are: the site's editors', not the study's.
    assert rows[-1][0].startswith("The questions are the site's own material, written by")
    page.get_by_role("button", name="Clear all answers").click()
    expect(first.get_by_role("radio", name="No", exact=True)).not_to_be_checked()
    page.reload()
    expect(first.get_by_role("radio", name="No", exact=True)).not_to_be_checked()
    assert set(methods) == {"GET"}
    assert site.outside == []


def test_action_plan_is_kept_and_cleared(browser: Browser, servers: dict[str, Served]) -> None:
    site = servers["other"]
    page = open_page(browser, site)
    page.goto(site.url("toolkit/action-plan/"))
    action = page.get_by_role("group", name="Action 1")
    action.get_by_label("Recommendation").select_option("standard-handover-checklist")
    action.get_by_label("What we will do").fill("Print the checklist for every shift.")
    action.get_by_label("Who owns it").fill("Night lead")
    page.reload()
    expect(action.get_by_label("What we will do")).to_have_value(
        "Print the checklist for every shift.")
    expect(action.get_by_label("Recommendation")).to_have_value("standard-handover-checklist")
    page.get_by_role("button", name="Clear the worksheet").click()
    page.reload()
    expect(action.get_by_label("Who owns it")).to_have_value("")


def test_toolkit_says_it_is_the_sites_own_material(browser: Browser,
                                                   servers: dict[str, Served]) -> None:
    site = servers["study"]
    page = open_page(browser, site)
    for path in ["toolkit/", "toolkit/self-assessment/", "toolkit/action-plan/",
                 "toolkit/discussion/discuss-training/"]:
        page.goto(site.url(path))
        expect(page.locator(".fnd-toolkit-label")).to_contain_text("not part of the study")


def test_gaps_start_an_action_plan_that_grows_keeps_and_exports(
        browser: Browser, servers: dict[str, Served]) -> None:
    """On a phone in the dark scheme: the self-assessment's gaps open the action plan already
    filled with their recommendations and actions; a row is added; all of it survives a
    reload and goes into the CSV."""
    site = servers["other"]
    page = open_page(browser, site, color_scheme="dark", width=390)
    page.goto(site.url("toolkit/self-assessment/"))
    page.get_by_role("group", name="Does every night handover use the same written sheet?") \
        .get_by_role("radio", name="No", exact=True).check()
    page.get_by_role("group", name="Does each lone night worker know the safety plan?") \
        .get_by_role("radio", name="Partly").check()
    start = page.get_by_role("link", name="Start an action plan with these 3 recommendations")
    expect(start).to_be_visible()
    start.click()
    expect(page).to_have_url(site.url("toolkit/action-plan/"))  # ?add= is dropped
    status = page.locator(".fnd-tool-status")
    expect(status).to_have_text("3 recommendations from your self-assessment added to the plan.")
    recs = [page.get_by_role("group", name=f"Action {n}").get_by_label("Recommendation")
            for n in (1, 2, 3)]
    expected = ["standard-handover-checklist", "lone-worker-safety-plan",
                "protected-handover-time"]
    for select, rec in zip(recs, expected, strict=True):
        expect(select).to_have_value(rec)
    first_step = page.get_by_role("group", name="Action 1").get_by_label("What we will do")
    expect(first_step).to_have_value("Agree a one-page checklist with the whole team.\n"
                                     "Keep the checklist next to the till, not in a drawer.")
    page.get_by_role("button", name="Add an action").click()
    fourth = page.get_by_role("group", name="Action 4")
    expect(fourth.get_by_label("Recommendation")).to_be_focused()
    fourth.get_by_label("Who owns it").fill("Night lead")
    page.reload()
    expect(page.get_by_role("group", name="Action 4").get_by_label("Who owns it")) \
        .to_have_value("Night lead")
    expect(recs[2]).to_have_value("protected-handover-time")
    expect(first_step).not_to_have_value("")
    # The same link again adds nothing twice.
    page.goto(site.url("toolkit/action-plan/?add=standard-handover-checklist,not-a-rec"))
    expect(status).to_have_text(
        "Every recommendation from your self-assessment is in the plan already.")
    expect(page.locator(".fnd-plan__row")).to_have_count(4)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the plan (CSV)").click()
    assert download_info.value.suggested_filename == "action-plan.csv"
    rows = list(csv.reader(io.StringIO(download_info.value.path().read_text("utf-8"))))
    assert rows[0][:3] == ["Action", "Recommendation", "What we will do"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"]
    assert rows[1][1] == "Use a standard handover checklist at every shift change"
    assert rows[4][3] == "Night lead"
    page.emulate_media(media="print")
    expect(page.get_by_role("group", name="Action 4")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.context.close()
    assert site.outside == []
