"""Print that leaders can use (issue 13.4), read as it prints: the page in print media, the
text a reader would see on paper (``innerText`` follows the print style sheet), and the
address written after each link (the ``::after`` the print style sheet adds)."""

from __future__ import annotations

import base64
import re
from collections import Counter

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from browser.colours import contrast
from browser.conftest import Served, open_page

#: What the page prints: its text, and the address printed after each link that has one.
PRINTED = """() => {
  const addresses = [];
  document.querySelectorAll('a').forEach(a => {
    const after = getComputedStyle(a, '::after').content;
    if (a.offsetParent !== null && after && after !== 'none' && after.includes('http'))
      addresses.push(a.href);
  });
  return {text: document.body.innerText, addresses: addresses,
          controls: [...document.querySelectorAll('button, input, select, textarea')]
            .filter(el => el.offsetParent !== null).map(el => el.outerHTML.slice(0, 80))};
}"""


def printed(page: Page) -> dict[str, list[str] | str]:
    """Press the page's Print button (the browser's print dialog replaced by a flag), then
    read the page as paper shows it."""
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Print", exact=True).click()
    page.wait_for_function("window.__printed === true")
    page.emulate_media(media="print")
    result: dict[str, list[str] | str] = page.evaluate(PRINTED)
    page.emulate_media(media="screen")
    return result


def _on_paper(site: Served, paper: dict[str, list[str] | str], title: str) -> str:
    """What every printed page holds: the header first (study title, the address, today's
    date), the title, no on-screen control, no address printed twice, no menu."""
    text = str(paper["text"])
    head = text.split(title, maxsplit=1)[0]
    assert "Night-shift handovers in rural community pharmacies" in head, head
    assert site.base in head and re.search(r"printed \w+ \d{1,2}, 20\d\d", head), head
    assert paper["controls"] == [], paper["controls"]
    assert [a for a, n in Counter(paper["addresses"]).items() if n > 1] == []
    for control in ["Skip to content", "Add to handout", "Copy link", "Print\n", "Previous:",
                    "What this means", "Clear filters"]:
        assert control not in text, control
    return text


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_filtered_recommendations_print_with_their_actions(
        browser: Browser, servers: dict[str, Served], scheme: str) -> None:
    """The program director's task: the program's low-effort recommendations, with their
    actions, under a header that names the filters applied."""
    site = servers["other"]
    page = open_page(browser, site, color_scheme=scheme)
    page.goto(site.url("recommendations/?level=program&effort=low"))
    expect(page.locator(".fnd-recs-status")).to_have_text("Showing 2 of 4 recommendations.")
    text = _on_paper(site, printed(page), "Recommendations")
    head = text.split("Recommendations\n")[0]
    assert ("Filters applied: Who owns it (editors' judgement): Program; "
            "Effort (editors' judgement): Low.") in head, head
    assert "level=program" in head
    for action in ["Overlap the day and night rotas by ten minutes.",
                   "Keep the checklist next to the till, not in a drawer."]:
        assert action in text
    assert "Fund a regional shared handover log" not in text  # filtered out
    assert page.locator(".fnd-rec-card__actions").first.is_hidden()  # on paper only
    # numbered 1. 2. 3. as on the recommendation's page, not lettered as a nested list
    assert page.locator(".fnd-rec-card__actions ol").first.evaluate(
        "el => getComputedStyle(el).listStyleType") == "decimal"
    page.context.close()


def test_a_recommendation_a_guide_and_the_handout_print_cleanly(
        browser: Browser, servers: dict[str, Served]) -> None:
    site = servers["other"]
    page = open_page(browser, site)
    page.goto(site.url("recommendations/standard-handover-checklist/"))
    text = _on_paper(site, printed(page), "Use a standard handover checklist")
    assert "Agree a one-page checklist with the whole team." in text
    assert "standard-handover-checklist" not in text.replace(
        site.url("recommendations/standard-handover-checklist/"), "")  # no id, bar the address

    page.goto(site.url("toolkit/discussion/discuss-handovers/"))
    text = _on_paper(site, printed(page), "Talking about handovers")
    assert "Prompts" in text

    page.goto(site.url("handout/?quote=alone-with-the-door&rec=regional-shared-log"))
    expect(page.locator(".fnd-handout__items > article")).to_have_count(2)
    text = _on_paper(site, printed(page), "Handout")
    assert "Pick items" not in text and "ready to share or print" not in text  # instructions
    assert "The handout lists" not in text
    assert "A shared handout" not in text and "Remove" not in text  # the screen's own
    assert "Citations in AMA style." in text
    assert "shouting at the hatch" in text and "Fund a regional shared handover log" in text
    page.context.close()


@pytest.mark.parametrize(("path", "title"), [
    ("toolkit/self-assessment/", "Self-assessment"),
    ("themes/handover-gaps/", "Handovers break down at the shift boundary"),
])
def test_other_pages_print_without_chrome_and_with_link_addresses(
        browser: Browser, servers: dict[str, Served], path: str, title: str) -> None:
    site = servers["other"]
    page = open_page(browser, site)
    page.goto(site.url(path))
    page.emulate_media(media="print")
    paper = page.evaluate(PRINTED)
    text = str(paper["text"])
    assert title in text
    assert "Quote bank\nRecommendations" not in text  # the menu
    assert "Search" not in text.split(title, maxsplit=1)[0]  # no site header before the title
    assert paper["addresses"], "link addresses written out"
    assert [a for a, n in Counter(paper["addresses"]).items() if n > 1] == []
    page.context.close()


#: How light the middle of a screenshot is (0 black, 255 white), decoded by the page itself.
CENTRE_LIGHTNESS = """async png => {
  const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], {type: "image/png"}));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d");
  context.drawImage(bitmap, 0, 0);
  const [r, g, b] = context.getImageData(bitmap.width >> 1, bitmap.height >> 1, 1, 1).data;
  return (r + g + b) / 3;
}"""


def _lightness(page: Page, control: Locator) -> float:
    png = base64.b64encode(control.screenshot()).decode("ascii")
    return float(page.evaluate(CENTRE_LIGHTNESS, png))


def test_the_toolkit_prints_on_white_as_filled_in_from_a_dark_screen(
        browser: Browser, servers: dict[str, Served]) -> None:
    """A leader answers in the dark scheme and prints: paper is white with dark text, the
    options not chosen print as empty circles (not filled, as if ticked), and no message or
    button of the screen's comes along; the action plan prints its filled row, not the empty
    ones."""
    site = servers["other"]
    page = open_page(browser, site, color_scheme="dark")
    page.goto(site.url("toolkit/self-assessment/"))
    question = page.locator(".fnd-question").first
    question.get_by_role("radio", name="No", exact=True).check()
    expect(page.locator(".fnd-tool-status")).to_contain_text("Saved in this browser.")
    start = page.get_by_role("link", name=re.compile("^Start an action plan"))
    expect(start).to_be_visible()
    page.emulate_media(media="print")
    # Paper shows the print styles' own colours: the screen's colour transitions (Material
    # fades a link's colour) are run to their end before the colours are read, which were
    # otherwise read part-way, by how fast the browser got there.
    page.evaluate("() => document.getAnimations().forEach(a => a.finish())")
    colours = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.querySelector('.fnd-question__text')).color,
        getComputedStyle(document.querySelector('.fnd-question__recs a')).color]""")
    assert colours[0] == "rgb(255, 255, 255)", colours
    assert all(contrast(c) >= 4.5 for c in colours[1:]), colours
    assert _lightness(page, question.get_by_role("radio", name="Yes")) > 200
    assert _lightness(page, question.get_by_role("radio", name="No", exact=True)) < 200
    text = page.evaluate("document.body.innerText")
    assert "Saved in this browser" not in text and "Start an action plan" not in text
    page.emulate_media(media="screen")

    start.click()
    expect(page.locator(".fnd-tool-status")).to_contain_text("added to the plan")
    expect(page.locator(".fnd-plan__row")).to_have_count(3)
    page.emulate_media(media="print")
    rows = page.evaluate("""() => [...document.querySelectorAll('.fnd-plan__row')]
        .filter(row => row.offsetParent !== null)
        .map(row => row.querySelector('legend').innerText)""")
    assert rows == ["Action 1"], rows
    assert "added to the plan" not in page.evaluate("document.body.innerText")
    page.context.close()
