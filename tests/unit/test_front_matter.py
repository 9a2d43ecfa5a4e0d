"""A page's front matter is always read back by the engine, whatever its title holds: were it
not, the engine would render the whole page, front matter and all, as unfiltered Markdown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.meta import get_data

from findings.data import read_data
from findings.engine import BODY_KEY
from findings.model import build_model
from findings.pages import Page, plan_pages
from findings.render import PageRenderer, SiteOptions, front_matter
from findings.write import write_config

BODY = '<div class="fnd-body"><p>Our HTML</p></div>\n'
LINK = "[x](javascript:alert(1))"
TITLES = [
    "---", f"a\n---\n{LINK}", f"a\n...\n{LINK}", "key: value", "# heading", "a #comment",
    "\"double\" and 'single'", "'", '"', "\\", "\\n", "&anchor *alias !tag |> %YAML @`",
    "{flow: [1, 2]}", "- item", "? key", "yes", "null", "~", "2024", "",
    f"line\u2028--- {LINK}", f"para\u2029... {LINK}", f"nel\u0085--- {LINK}", "bom\ufeffmid",
    "del\x7f nul\x00 esc\x1b bell\x07 c1\x9b", "nonchar\ufffe\uffff\U0001fffe", "rtl\u202eltr",
    "zero\u200bwidth", "nbsp\u00a0", "emoji 😀 日本語", "tab\tthere", "cr\rlf\r\n",
    "lone \ud800 surrogate",
]


@pytest.mark.parametrize("title", TITLES)
def test_the_engine_reads_any_title_back(title: str) -> None:
    page = Page("quotes/x/", title, "quote", description=title)
    body, meta = get_data(front_matter(page) + BODY)
    assert body == BODY, "the page is our HTML only, front matter read and removed"
    expected = title.replace("\ud800", "\ufffd")  # raw text: the engine glue escapes it
    assert meta == {"title": expected, "description": expected, "hide": ["toc"],
                    BODY_KEY: "html"}


def test_a_title_that_looks_like_front_matter_leaves_the_page_intact(
        data_folder: Callable[[dict[str, str | None]], Path]) -> None:
    folder = data_folder({"themes/one.yml": f"""
        id: one
        number: 1
        title: "One\\n---\\n{LINK}\\u2028--- {LINK}"
        summary: "A finding: #1 \\"quoted\\" 'too'\\n...\\n{LINK}"
        description: About the first theme.
        source: "abstract: results"
    """})
    findings = build_model(read_data(folder, "data"))
    renderer = PageRenderer(findings, SiteOptions())
    page = next(p for p in plan_pages(findings) if p.url == "themes/one/")
    body, meta = get_data(renderer.render(page))
    assert meta["title"] == page.title
    assert body.startswith("<") and "javascript" not in body.split(">", 1)[0]
    assert 'href="javascript' not in body


@pytest.mark.parametrize("loader", [yaml.SafeLoader, yaml.CSafeLoader])
def test_the_engine_config_reads_back_whatever_the_titles(
        tmp_path: Path, loader: type[yaml.SafeLoader]) -> None:
    """The generated config names the study and every item in the navigation."""
    settings = {"INHERIT": "mkdocs.yml", "site_name": TITLES[21],
                "nav": [{title: f"themes/{n}/"} for n, title in enumerate(TITLES[:-1])]}
    write_config(tmp_path / "mkdocs.yml", settings)
    assert yaml.load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"), loader) == settings
