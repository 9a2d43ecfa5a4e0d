"""The engine glue (``findings.engine``'s hooks) dresses generated pages without parsing them
as Markdown; hand-written pages still go through Markdown; and an engine that ignores the
hooks builds the same staged tree into the same pages, only slower (issue 15.1). The search
index is made without parsing generated pages again, and is the same (issue 15.2)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from material.plugins.search import plugin as search_plugin
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import FIXTURES, ROOT
from findings import engine, search_glue, site
from findings.data import read_data
from findings.engine_process import WaitingEngine
from findings.model import build_model
from findings.project import load_project
from findings.search_reader import UNSURE_ELEMENTS
from findings.search_sections import SECTIONS_FILE

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The other study's staging tree, as ``findings build`` hands it to the engine."""
    work = tmp_path_factory.mktemp("staged")
    findings = build_model(read_data(FIXTURES / "other-study", "data"))
    project = load_project(ROOT / "mkdocs.yml")
    site.stage_tree(site.plan_site(findings, project), project, work)
    return work


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The first line of every text the engine converts from Markdown."""
    seen: list[str] = []
    convert = markdown.Markdown.convert

    def counted(self: markdown.Markdown, source: str) -> str:
        seen.append(source.strip().split("\n")[0])
        return str(convert(self, source))

    monkeypatch.setattr(markdown.Markdown, "convert", counted)
    yield seen


def _build(config: Path, site_dir: str, hooks: bool) -> Path:
    settings = load_config(str(config), site_dir=str(config.parent / site_dir),
                           hooks=[engine.__file__] if hooks else [])
    build(settings)
    return Path(settings["site_dir"])


def _article(page: Path) -> str | None:
    """The page's text as the theme dressed it (``None`` for a copied redirect stub)."""
    found = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find(
        "article", class_="md-content__inner")
    return None if found is None else str(found)


def _theme_parts(page: Path) -> str | None:
    """The page's side menu, header and the theme's settings for its scripts (``None`` for a
    copied redirect stub)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = [soup.find("div", class_="md-sidebar--primary"),
             soup.find("header", class_="md-header"), soup.find("script", id="__config")]
    return None if None in found else "".join(map(str, found))


def _pages(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                  if "assets" not in p.parts)


def test_only_hand_written_pages_go_through_markdown_and_the_pages_are_the_same(
        staged: Path, conversions: list[str]) -> None:
    hand_written = sorted((ROOT / "content").rglob("*.md"))
    dressed = _build(staged / "mkdocs.yml", "site-dressed", hooks=True)
    assert len(conversions) == len(hand_written), conversions
    plain = _build(staged / "mkdocs.yml", "site-plain", hooks=False)
    assert len(conversions) > 10 * len(hand_written)  # every page, through Markdown
    assert _pages(dressed) == _pages(plain)
    articles = {page: _article(dressed / page) for page in _pages(dressed)}
    assert sum(1 for text in articles.values() if text) > 20
    assert [page for page, text in articles.items() if text != _article(plain / page)] == []
    # The menu, header and settings are rendered once for the pages that see them alike (the
    # header but for the page's title): each page still gets its own.
    parts = {page: _theme_parts(dressed / page) for page in _pages(dressed)}
    assert len({part for part in parts.values() if part}) > 20
    assert [page for page, part in parts.items() if part != _theme_parts(plain / page)] == []


def test_the_engines_own_process_passes_on_its_messages_and_failures(
        staged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The engine runs in a process of its own (issue 10.7): what it says still reaches the
    build's standard error, and a tree it refuses is an ``EngineError`` with its reason."""
    settings = json.loads((staged / "mkdocs.yml").read_text(encoding="utf-8"))
    refused = staged / "refused.yml"
    refused.write_text(json.dumps({**settings, "findings_unknown": 1, "theme": "no-such-theme"}),
                       encoding="utf-8")
    with pytest.raises(engine.EngineError, match="a configuration error"):
        engine.build_with_engine(refused)
    err = capsys.readouterr().err
    assert "WARNING (site engine)" in err and "findings_unknown" in err
    assert "no-such-theme" in err
    # The same from the process started before the tree was staged (engine_process).
    waiting = WaitingEngine()
    with pytest.raises(engine.EngineError, match="a configuration error"):
        engine.build_with_engine(refused, waiting=waiting)
    assert capsys.readouterr().err == err


@pytest.fixture
def parsed_for_search(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every page body the search plugin parses itself."""
    seen: list[str] = []
    feed = search_plugin.Parser.feed

    def counted(self: search_plugin.Parser, data: str) -> None:
        seen.append(data)
        feed(self, data)

    monkeypatch.setattr(search_plugin.Parser, "feed", counted)
    yield seen


def _search_index(site_dir: Path) -> dict[str, Any]:
    return dict(json.loads((site_dir / "search" / "search_index.json").read_text("utf-8")))


def test_the_search_plugin_parses_only_hand_written_pages_and_the_index_is_the_same(
        staged: Path, parsed_for_search: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The generator read each generated page's search sections (issue 15.2): the engine's
    search is handed them and parses only the hand-written pages, into the same index as it
    makes parsing every page itself (the staged tree without the sections' file). The index is
    written entry by entry, never held whole as one string (issue 10.7), as compact UTF-8."""
    serialised: list[int] = []
    generate = search_plugin.SearchIndex.generate_search_index

    def counted(self: search_plugin.SearchIndex, prev: Any) -> str:
        serialised.append(len(self.entries))
        return str(generate(self, prev))

    monkeypatch.setattr(search_plugin.SearchIndex, "generate_search_index", counted)
    hand_written = sorted((ROOT / "content").rglob("*.md"))
    fed_site = _build(staged / "mkdocs.yml", "site-fed", hooks=True)
    assert serialised == [0]  # only the plugin's settings, with no document
    written = (fed_site / "search" / "search_index.json").read_text(encoding="utf-8")
    fed = _search_index(fed_site)
    assert written == json.dumps(fed, ensure_ascii=False, separators=(",", ":"))
    assert re.search(r"[^\x00-\x7f]", written)  # curly quotes and dashes as themselves,
    assert not re.search(r"\\u[0-9a-f]{4}", written)  # not as escapes
    # Only hand-written pages, and generated ones the reader leaves to the plugin on purpose.
    unsure = re.compile(rf"<({'|'.join(UNSURE_ELEMENTS)})[\s>]")
    generated = [body for body in parsed_for_search if unsure.search(body)]
    assert len(parsed_for_search) - len(generated) == len(hand_written)
    assert len(generated) <= 3
    sections = staged / SECTIONS_FILE
    aside = sections.rename(staged / "sections-aside.json")
    try:
        parsed = _search_index(_build(staged / "mkdocs.yml", "site-parsed", hooks=True))
    finally:
        aside.rename(sections)
    assert len(parsed_for_search) > 10 * len(hand_written)  # every searchable page
    assert fed["config"] == parsed["config"]
    assert len(fed["docs"]) == len(parsed["docs"]) > 20
    assert [(ours, its) for ours, its in zip(fed["docs"], parsed["docs"], strict=True)
            if ours != its] == []


def _files(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes()
            for p in sorted(site_dir.rglob("*")) if p.is_file()}


def test_the_page_loop_shared_with_a_second_process_builds_the_same_files(
        staged: Path, forks: list[object], monkeypatch: pytest.MonkeyPatch) -> None:
    """``findings build``'s engine process renders every other page in a forked child
    (``findings.split_pages``), and reads generated pages' front matter as the JSON it is
    (``findings.front_matter``), the YAML parser only for hand-written pages': every file of
    the site, the search index's order of entries included, is the one a single process
    writes parsing every page's front matter as YAML."""
    alone = _build(staged / "mkdocs.yml", "site-alone", hooks=True)
    settings = json.loads((staged / "mkdocs.yml").read_text(encoding="utf-8"))
    split_config = staged / "split.yml"
    split_config.write_text(json.dumps({**settings, "site_dir": "site-split"}), encoding="utf-8")
    parsed: list[str] = []
    load = yaml.load

    def counted(text: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(text, str) and args and args[0] in (yaml.CSafeLoader, yaml.SafeLoader):
            parsed.append(text)  # a page's front matter (the configs are read from files)
        return load(text, *args, **kwargs)

    monkeypatch.setattr(yaml, "load", counted)
    assert engine.main([str(split_config), "--quiet"]) == 0
    with_front_matter = [page for page in (ROOT / "content").rglob("*.md")
                         if page.read_text(encoding="utf-8").startswith("---")]
    assert len(parsed) == len(with_front_matter)
    assert len(forks) == 1
    split, single = _files(staged / "site-split"), _files(alone)
    assert len(split) > 50
    assert split.keys() == single.keys()
    assert [name for name in split if split[name] != single[name]] == []


def test_the_search_plugins_page_event_is_the_one_the_glue_replaces() -> None:
    """The glue replaces the plugin's page event by the same steps, faster
    (``page_scan.without_search_attributes``) only if it is the one it was written against:
    with the pinned Material, it is (else the replacement would silently stop applying)."""
    assert search_glue.plugin_source_strips(search_plugin.SearchPlugin.on_page_context)
    assert not search_glue.plugin_source_strips(search_plugin.SearchPlugin.on_post_build)
