"""Markdown fields render Markdown, never raw HTML or unsafe links; item links become permalinks."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from findings.data import read_data
from findings.markdown_text import MarkdownRenderer, safe_href
from findings.model import build_model
from findings.pages import plan_pages
from findings.render import PageRenderer, SiteOptions

#: Script written so that a filter reading the Markdown source never sees "javascript:".
SCRIPT_LINKS = [
    "javascript&#58;alert(1)", "javascript&colon;alert(1)", "javascript&#x3a;alert(1)",
    "javascript&#X3A;alert(1)", "javascript&#0000058;alert(1)", "javascript&#x00003a;alert(1)",
    "&#106;avascript:alert(1)", "&#x6A;&#x61;vascript&#58;alert(1)", "jav&#x09;ascript:alert(1)",
    "jav&Tab;ascript:alert(1)", "java&NewLine;script:alert(1)", "&#x20;javascript:alert(1)",
    "&#0;javascript:alert(1)", "javascript&#58alert(1)", "JaVaScRiPt&#58;alert(1)",
    "data&colon;text/html;base64,PHNjcmlwdD4=", "vbscript&#58;x", "&#47;/evil.example/x",
    "&#x5c;&#x5c;evil.example/x",
]


def render(text: str) -> BeautifulSoup:
    html = MarkdownRenderer().render(text, lambda kind, item: f"../../{kind}/{item}/")
    return BeautifulSoup(str(html), "html.parser")


@pytest.mark.parametrize("payload", [
    "<script>window.x=1</script>",
    '<img src=x onerror="window.x=1">',
    "<div onclick=window.x=1>raw block</div>",
    '"><svg onload=window.x=1>',
])
def test_raw_html_is_shown_as_text(payload: str) -> None:
    soup = render(f"Before\n\n{payload}\n\nafter {payload}")
    assert soup.find(["script", "img", "svg", "div"]) is None
    assert all(not a.startswith("on") for el in soup.find_all(True) for a in el.attrs)
    assert soup.get_text().count(payload) == 2


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
    "vbscript:x", "//evil.example/x", "file:///etc/passwd",
])
def test_unsafe_links_become_text(href: str) -> None:
    soup = render(f"[click me]({href})")
    assert soup.find("a") is None
    assert "click me" in soup.get_text()
    assert not safe_href(href)


@pytest.mark.parametrize("href", ["https://example.org/a", "http://x.org", "mailto:a@b.org",
                                  "../other/", "page.html#part"])
def test_safe_links_stay_links(href: str) -> None:
    link = render(f"[ok]({href})").find("a")
    assert link is not None and link["href"] == href


def test_item_links_become_relative_permalinks() -> None:
    soup = render("[a](theme:one) [b](quote:q-1) [c](recommendation:r)")
    assert [a["href"] for a in soup.find_all("a")] == [
        "../../themes/one/", "../../quotes/q-1/", "../../recommendations/r/"]


def followed_hrefs(html: str) -> list[str]:
    """Every link target as a browser follows it: the attribute decoded by an HTML5 parser,
    the characters a URL parser drops removed."""
    soup = BeautifulSoup(html, "html5lib")
    return [re.sub(r"[\t\n\r]", "", str(a["href"]).strip("\x00 \t\n\r\x0c"))
            for a in soup.find_all("a", href=True)]


def runs_script(href: str) -> bool:
    if href.replace("\\", "/").startswith("//"):
        return True  # another host
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", href)
    return scheme is not None and scheme.group(1).lower() not in ("http", "https", "mailto")


@pytest.mark.parametrize("href", SCRIPT_LINKS)
@pytest.mark.parametrize("form", [
    "[click me]({href})",
    "[click me]\n\n[click me]: {href}",
    "[click me][ref]\n\n[ref]: <{href}> 'title'",
    "[click me](<{href}>)",
    "<{href}>",
])
def test_encoded_script_links_are_never_links(href: str, form: str) -> None:
    html = str(MarkdownRenderer().render(form.format(href=href), lambda k, i: f"{k}/{i}/"))
    assert [h for h in followed_hrefs(html) if runs_script(h)] == [], html
    assert not safe_href(href)


def test_encoded_item_links_are_not_followed_unchecked() -> None:
    assert followed_hrefs(str(render("[x](theme&#58;one)"))) == []


@pytest.mark.parametrize("text", ["<https://example.org/a>", "<someone@example.org>",
                                  "[a](https&#58;//example.org/)", "[a](page&amp;x.html)"])
def test_safe_links_written_with_entities_stay_links(text: str) -> None:
    hrefs = followed_hrefs(str(render(text)))
    assert len(hrefs) == 1 and not runs_script(hrefs[0]), hrefs


Make = Callable[[Mapping[str, str | None]], Path]
PAYLOAD = "[evil](javascript&#58;alert(1)) [evil2]\n\n[evil2]: javascript&colon;alert(2)"


def test_every_markdown_field_goes_through_the_safe_renderer(data_folder: Make) -> None:
    """A script link in each kind of Markdown field: the study's abstract, ethics and funding,
    a theme's description, a quote's context, a question's help, a guide's intro."""
    md = PAYLOAD.replace("\n", "\\n")
    folder = data_folder({
        "study.yml": f"""
            title: A study
            authors: [{{name: Ada Example}}]
            venue: Venue
            year: 2024
            abstract: {{Methods: "{md}"}}
            ethics: "{md}"
            funding: "{md}"
            speakers: [Study authors, Participant]
            license: CC-BY-4.0
            audiences: [Program directors]
        """,
        "themes/one.yml": f"""
            id: one
            number: 1
            title: Theme one
            summary: The first finding.
            description: "{md}"
            source: "abstract: results"
        """,
        "quotes/q.yml": f"""
            - id: q-one
              text: Words of a finding.
              kind: finding
              speaker: Study authors
              themes: [one]
              source: "abstract: results"
              context: "{md}"
        """,
        "toolkit/t.yml": f"""
            - id: ask
              type: question
              text: Do we?
              help: "{md}"
              theme: one
              recommendations: [r-one]
              source: editors
            - id: talk
              type: discussion
              theme: one
              title: Talk
              intro: "{md}"
              prompts: [Why?]
              source: editors
        """,
    })
    data = read_data(folder, "data")
    assert [p.format() for p in data.problems if p.severity == "error"] == []
    findings = build_model(data)
    renderer = PageRenderer(findings, SiteOptions())
    shown = 0
    for page in plan_pages(findings):
        html = renderer.render(page)
        assert [h for h in followed_hrefs(html) if runs_script(h)] == [], page.url
        shown += html.count("<span>evil</span>")
    assert shown >= 7, "each field's payload appears, as text"


def test_images_are_never_loaded() -> None:
    soup = render("![a chart](https://elsewhere.example/chart.png)")
    assert soup.find("img") is None and "a chart" in soup.get_text()


def test_headings_fit_under_the_page_outline() -> None:
    soup = render("# Top\n\n## Next")
    assert [h.name for h in soup.find_all(["h1", "h2", "h3", "h4"])] == ["h3", "h4"]
