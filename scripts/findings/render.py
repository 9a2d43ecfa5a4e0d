"""Render page bodies with the generator's own Jinja environment (autoescape on).

Each page becomes a Markdown file for the site engine: front matter (title and description as
raw text: the engine glue escapes them for the theme) and a body of finished HTML that the
engine dresses and indexes for search.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from findings.citation import Citations, study_citations
from findings.front_matter import BODY_HTML, BODY_KEY
from findings.markdown_text import MarkdownRenderer
from findings.model import Findings, Quote, Study
from findings.opendata import public_data
from findings.pages import Page, Redirect
from findings.rights import Rights, page_rights
from findings.search_sections import read_page
from findings.search_text import separate_labels
from findings.urls import Urls
from findings.voice import Voices, voices
from findings.wording import WORDS
from findings.write import StagedFile
from findings.yamljson import yaml_json


@dataclass(frozen=True)
class SiteOptions:
    site_url: str = ""
    directory_urls: bool = True
    #: The offline edition's zip will be at ``downloads/findings-offline.zip`` (the deploy
    #: workflow adds it after the build): only then does the toolkit link to it.
    offline_zip: bool = False


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("findings", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["words"] = WORDS
    env.globals["placeholder_quote"] = placeholder_quote
    return env


@dataclass(frozen=True)
class PageContext:
    """What a page's template gets: the page (with its own values, ``page.context``), the
    model, the page's addresses, the site's options, its Markdown renderer, and the values
    made once per build (the study's citations, the open data's version, whose words each
    quote is, and what the pages say of reuse)."""

    page: Page
    findings: Findings
    study: Study
    urls: Urls
    site: SiteOptions
    md: Callable[..., Markup]
    cite: Citations
    data_version: str
    voice: Voices
    rights: Rights

    def variables(self) -> dict[str, Any]:
        shared = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return {**shared, **self.page.context}


def placeholder_quote(kind: str) -> Quote:
    """An empty quote of ``kind`` with a content note: the card a page's ``<template>`` holds,
    which its scripts fill in (and drop the note from, when a quote has none)."""
    return Quote(id="", text="", kind=kind, speaker="", themes=(), source="", content_note=" ")


class PageRenderer:
    """Renders every planned page of one model. ``data_version`` is the open data's version
    (``opendata.public_data``), when the caller has made it already."""

    def __init__(self, findings: Findings, options: SiteOptions,
                 data_version: str | None = None) -> None:
        self.findings = findings
        self.options = options
        self.env = make_environment()
        self.markdown = MarkdownRenderer()
        self._markdown_cache: dict[tuple[str, int, int], Markup] = {}
        self._data_version = data_version
        # Made once: the macros that list quotes read them on every page.
        self.env.globals["cite"] = self.citations
        self.env.globals["voice"] = self.voices

    @cached_property
    def citations(self) -> Citations:
        return study_citations(self.findings.study)

    @cached_property
    def voices(self) -> Voices:
        return voices(self.findings)

    @cached_property
    def rights(self) -> Rights:
        return page_rights(self.findings.study)

    @property
    def data_version(self) -> str:
        if self._data_version is None:
            urls = Urls("", self.options.site_url)
            self._data_version = str(public_data(self.findings, urls)["version"])
        return self._data_version

    def prepare(self, templates: set[str]) -> None:
        """Make now what rendering pages would make at its first use: ``templates`` (pages'
        template names) compiled, the citations, voices and rights made."""
        for name in sorted(templates):
            self.env.get_template(f"{name}.html")
        _ = self.citations, self.voices, self.rights

    def context(self, page: Page) -> PageContext:
        urls = Urls(page.url, self.options.site_url, self.options.directory_urls)
        return PageContext(page, self.findings, self.findings.study, urls, self.options,
                           self._markdown_for(urls), self.citations, self.data_version,
                           self.voices, self.rights)

    def render(self, page: Page) -> str:
        return front_matter(page) + self.body(page) + "\n"

    def staged(self, page: Page) -> StagedFile:
        """The page's file in the docs folder, with the sections the engine's search would
        read from it (none for a page kept out of search)."""
        body = self.body(page)
        return StagedFile(page.source_path, front_matter(page) + body + "\n",
                          read_page(body) if page.searchable else None)

    def body(self, page: Page) -> str:
        template = self.env.get_template(f"{page.template}.html")
        return compact(separate_labels(template.render(self.context(page).variables())))

    def _markdown_for(self, urls: Urls) -> Callable[..., Markup]:
        depth = urls.page_url.count("/")
        index = "" if urls.directory_urls else "index.html"

        def item(kind: str, item_id: str) -> str:
            # Up to the site's root, then down: the same from every page of this depth. (The
            # shortest path, "../b/" from quotes/a/, would be wrong on recommendations/x/.)
            return "../" * depth + f"{kind}/{item_id}/{index}"

        def md(text: str, heading_offset: int = 2) -> Markup:
            # Item links depend only on the depth, so pages at the same depth share the rendering.
            key = (text, depth, heading_offset)
            if key not in self._markdown_cache:
                self._markdown_cache[key] = self.markdown.render(text, item, heading_offset)
            return self._markdown_cache[key]
        return md


def compact(html_text: str) -> str:
    """Drop blank lines, so the engine's Markdown sees one unbroken block of HTML."""
    # Split at newlines only: str.splitlines() would also split at separators inside the text.
    return "\n".join(line for line in html_text.strip().split("\n") if line.strip())


def front_matter(page: Page) -> str:
    meta: dict[str, Any] = {
        "title": page.title,
        "description": page.description,
    }
    if not page.searchable:
        meta["search"] = {"exclude": True}
    # Generated pages have no Markdown headings for an "on this page" list: the right-hand
    # column, empty, is given back to the text.
    meta["hide"] = ["toc"]
    # The body is finished HTML: the engine glue dresses it without Markdown.
    meta[BODY_KEY] = BODY_HTML
    # Were the engine unable to read a page's front matter, it would render it as Markdown.
    lines = [f"{key}: {yaml_json(value)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def render_redirect(redirect: Redirect) -> str:
    """A small page that sends a retired id's address on to the current one."""
    target = Urls(redirect.url).to(redirect.target)
    env = make_environment()
    return env.get_template("redirect.html").render(target=target)
