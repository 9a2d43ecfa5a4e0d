"""Render page bodies with the generator's own Jinja environment (autoescape on).

Each page becomes a Markdown file for the site engine: front matter (title and description,
HTML-escaped because themes print them as HTML) and a body of HTML that the engine passes
through untouched and indexes for search.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from findings import citation, opendata, wording
from findings.markdown_text import MarkdownRenderer
from findings.model import Findings, Quote
from findings.pages import Page, Redirect
from findings.urls import Urls
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
    env.globals["cite"] = citation
    env.globals["opendata"] = opendata
    env.globals["words"] = wording
    env.globals["placeholder_quote"] = placeholder_quote
    return env


def placeholder_quote(kind: str) -> Quote:
    """An empty quote of ``kind`` with a content note: the card a page's ``<template>`` holds,
    which its scripts fill in (and drop the note from, when a quote has none)."""
    return Quote(id="", text="", kind=kind, speaker="", themes=(), source="", content_note=" ")


class PageRenderer:
    """Renders every planned page of one model."""

    def __init__(self, findings: Findings, options: SiteOptions) -> None:
        self.findings = findings
        self.options = options
        self.env = make_environment()
        self.markdown = MarkdownRenderer()
        self._markdown_cache: dict[tuple[str, int, int], Markup] = {}

    def render(self, page: Page) -> str:
        urls = Urls(page.url, self.options.site_url, self.options.directory_urls)
        template = self.env.get_template(f"{page.template}.html")
        body = template.render(
            page=page, findings=self.findings, study=self.findings.study, urls=urls,
            site=self.options,
            md=self._markdown_for(urls), **page.context,
        )
        return front_matter(page) + compact(body) + "\n"

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


def escape_for_theme(text: str) -> str:
    """Text as the theme prints it: HTML, in elements and double-quoted attributes alike.
    (Apostrophes stay as they are: no attribute of the theme is single-quoted.)"""
    return html.escape(text, quote=False).replace('"', "&quot;")


def front_matter(page: Page) -> str:
    meta: dict[str, Any] = {
        "title": escape_for_theme(page.title),
        "description": escape_for_theme(page.description),
    }
    if not page.searchable:
        meta["search"] = {"exclude": True}
    # Generated pages have no Markdown headings for an "on this page" list: the right-hand
    # column, empty, is given back to the text.
    meta["hide"] = ["toc"]
    # Were the engine unable to read a page's front matter, it would render it as Markdown.
    lines = [f"{key}: {yaml_json(value)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def render_redirect(redirect: Redirect) -> str:
    """A small page that sends a retired id's address on to the current one."""
    target = Urls(redirect.url).to(redirect.target)
    env = make_environment()
    return env.get_template("redirect.html").render(target=target)
