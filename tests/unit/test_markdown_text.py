"""Markdown fields render Markdown, never raw HTML or unsafe links; item links become permalinks."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from findings.markdown_text import MarkdownRenderer, safe_href


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


def test_images_are_never_loaded() -> None:
    soup = render("![a chart](https://elsewhere.example/chart.png)")
    assert soup.find("img") is None and "a chart" in soup.get_text()


def test_headings_fit_under_the_page_outline() -> None:
    soup = render("# Top\n\n## Next")
    assert [h.name for h in soup.find_all(["h1", "h2", "h3", "h4"])] == ["h3", "h4"]
