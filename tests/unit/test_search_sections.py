"""The generator reads each generated page's search sections as the engine's search plugin
would (issue 15.2): the same sections, for every page of the fixture studies and for the
parser's own rules, or none at all (then the plugin parses the page as before)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from conftest import FIXTURES, STUDY
from findings.data import read_data
from findings.model import build_model
from findings.pages import plan_pages
from findings.render import PageRenderer, SiteOptions
from findings.search_reader import UNSURE_ELEMENTS, SearchSection, page_sections
from findings.search_sections import PageSections, engine_body, read_sections, write_sections


def plugin_sections(body: str) -> tuple[SearchSection, ...]:
    """What the search plugin's own parser makes of ``body`` (excluded sections left out)."""
    parser = Parser()
    parser.feed(body)
    parser.close()
    return tuple(SearchSection(s.id, "".join(s.title) if s.title else None, "".join(s.text))
                 for s in parser.data if not s.is_excluded())


# The other study's pages are compared in a build: tests/unit/test_engine_glue.py.
@pytest.mark.parametrize("data", [STUDY, FIXTURES / "payloads"], ids=lambda path: path.name)
def test_every_generated_page_reads_as_the_plugin_parses_it(data: Path) -> None:
    findings = build_model(read_data(data, "data"))
    renderer = PageRenderer(findings, SiteOptions())
    searchable = [page for page in plan_pages(findings) if page.searchable]
    assert len(searchable) > 10
    read = 0
    for page in searchable:
        body = engine_body(renderer.body(page))
        staged = renderer.staged(page).search
        if staged is None:  # left to the plugin: only for an element Pythons parse differently
            assert LEFT_TO_THE_PLUGIN.search(body), page.url
            continue
        assert staged.sections == plugin_sections(body), page.url
        read += 1
    assert read >= len(searchable) - 3


#: What a generated page may hold that makes the reader leave it to the plugin.
LEFT_TO_THE_PLUGIN = re.compile(rf"<({'|'.join(UNSURE_ELEMENTS)})[\s>]")


#: The parser's rules, each in a small body: white space, entities, kept tags (and empty ones
#: dropped), exclusion (with its quirk: a nested element of the same name ends it), headings
#: with and without ids, nested in other elements, permalinks, pre-formatted text, scripts.
RULES = [
    "<p>One\nline, <em>two</em>   words &amp; a &lt;tag&gt;&nbsp;</p>\n<p> </p><ul><li>a</li></ul>",
    '<div data-search-exclude><p>hidden</p></div><p>shown</p>',
    '<div data-search-exclude><div>inner</div>after the inner one</div>',
    '<h1 id="top">Title <a class="headerlink" href="#top">¶</a></h1><p>text</p>'
    '<h2 id="two">Two</h2><p>more</p><h3>no id</h3><p>still two</p>',
    '<div><h2 id="a">A</h2><p>in</p></div><p>out</p><section><h3 id="b">B</h3></section>x',
    '<h2 id="gone" data-search-exclude>Gone</h2><p>its text</p><h2 id="kept">Kept</h2>',
    "<pre><code>a\n  b\n\n c</code></pre><p>x<br>y<br/>z<img src='i.png' alt=\"\"></p>",
    "<script>var x = '<p>not text</p>';</script><style>p{}</style><p>after</p>",
    '<P class="x">upper</P><span class="linenodiv">1 2 3</span><sub>2</sub><sup></sup>',
    "<p title='single &quot;quoted&quot;' data-x=bare hidden>attributes</p></p></div>",
    '<h1 id="first">First</h1><p>a</p>',
    "plain text first<p>then a paragraph</p>",
    "",
]


@pytest.mark.parametrize("body", RULES)
def test_the_parsers_rules(body: str) -> None:
    assert page_sections(body) == plugin_sections(body)


@pytest.mark.parametrize("body", [
    "<p>a < b</p>", "<p>a</p><!-- note -->", "<!DOCTYPE html><p>a</p>", "<p>a</p><",
    "<script>never closed", "<p>a</p></ p>", '<p class="a"title="b">a</p>',
    '<p CLASS="x">upper-case attributes</p>',
    "<p>a</p><noscript><p>Turn on JavaScript</p></noscript>",
])
def test_a_body_outside_its_dialect_is_left_to_the_plugin(body: str) -> None:
    assert page_sections(body) is None


def test_the_sections_file_round_trips_and_a_foreign_one_is_ignored(tmp_path: Path) -> None:
    pages = {"quotes/q/index.md": PageSections(7, (SearchSection(None, None, "<p>“Words”</p>"),
                                                   SearchSection("cite", "Cite", ""))),
             "about.md": PageSections(0, ())}
    write_sections(tmp_path / "sections.json", pages)
    assert read_sections(tmp_path / "sections.json") == pages
    (tmp_path / "other.json").write_text('{"format": 0, "pages": {}}', encoding="utf-8")
    assert read_sections(tmp_path / "other.json") == {}
    assert read_sections(tmp_path / "missing.json") == {}
