"""A page's front matter is always read back by the engine, whatever its title holds: were it
not, the engine would render the whole page, front matter and all, as unfiltered Markdown. A
generated page's is read as the JSON it is written in (``findings.front_matter``): the same meta
as the engine's YAML parser gives, or none (then the engine parses it), never another."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.meta import get_data

from findings.data import read_data
from findings.front_matter import BODY_KEY, generated_meta
from findings.model import build_model
from findings.pages import Page, plan_pages
from findings.render import PageRenderer, SiteOptions, front_matter
from findings.write import write_config
from findings.yamljson import yaml_json

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


@pytest.mark.parametrize("title", TITLES)
def test_a_generated_pages_front_matter_is_read_as_yaml_reads_it(title: str) -> None:
    block = front_matter(Page("quotes/x/", title, "quote", description=title)).split("---\n")[1]
    read = generated_meta(block)
    assert read is None or read == yaml.load(block, yaml.CSafeLoader)
    if title.isprintable():
        assert read is not None


def test_front_matter_not_written_by_the_generator_is_left_to_yaml() -> None:
    mark = 'findings_body: "html"\n'
    assert generated_meta(f'title: "x"\n{mark}') == {"title": "x", BODY_KEY: "html"}
    assert generated_meta(f"title: plain words\n{mark}") is None  # not JSON
    assert generated_meta(f'on: "x"\n{mark}') is None  # a key YAML 1.1 reads as True
    assert generated_meta(f"title: 1e3\n{mark}") is None  # a number: a string to YAML 1.1
    assert generated_meta('title: "x"\n') is None  # not a generated page's
    assert generated_meta(f'title: "x"\n\n{mark}') is None
    assert generated_meta(f'title: "a\u2028b"\n{mark}') is None  # a line break to YAML
    escaped = yaml_json("a\x85b")  # as YAML's escape, which JSON does not know
    assert generated_meta(f"title: {escaped}\n{mark}") is None
