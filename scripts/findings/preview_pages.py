"""The preview's pages, kept between rebuilds: after a change, only the pages it touches are
rendered again (``page_inputs`` tells which); the files that are not pages (the feed, redirect
stubs, the recommendations' index) are always made again, as is the config. The open data
(``findings.json``, the CSV files, the citations) and its version are made again only by the
full rebuild that follows a quick one: a quick rebuild keeps them as they are (made from the
whole study, they are most of its work, and no page's text shows a quote's words from them:
only the version, which the data page prints)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment

from findings.model import Findings, Study
from findings.opendata import public_data
from findings.page_inputs import Read, ReadIndex, RecordingRenderer, template_names
from findings.pages import Page
from findings.planned import pages_of
from findings.project import Project
from findings.render import make_environment
from findings.site import (
    SitePlan,
    engine_settings,
    open_data_staged,
    other_files,
    site_options,
)
from findings.superseded import check as give_way_to_a_newer_save
from findings.urls import Urls
from findings.write import StagedFile

#: The page variable that holds the open data's version (changed by any change of the data).
VERSION = "data_version"


@dataclass(frozen=True)
class Made:
    """A rendered page: its plan entry and what its template read."""

    page: Page
    reads: list[Read]


@dataclass(frozen=True)
class PagesPlan:
    """What to stage: the files rendered now (``plan.files``), the generated pages kept as
    they are (``kept``: paths in the docs folder), and what to remember once it is staged."""

    plan: SitePlan
    kept: frozenset[str]
    made: dict[str, Made]
    study: Study
    version: str
    rendered: int = 0
    #: The open data's files (paths in the docs folder), made or kept.
    open_data: frozenset[str] = frozenset()


@dataclass
class PreviewPages:
    """The preview's pages as last staged, and how to tell which a change touches."""

    made: dict[str, Made] = field(default_factory=dict)
    study: Study | None = None
    version: str = ""
    open_data: frozenset[str] = frozenset()
    _uses_version: dict[str, bool] = field(default_factory=dict)
    #: The staged pages' reads, by read (``made``'s, kept up to date by ``staged``).
    reads: ReadIndex = field(default_factory=ReadIndex)
    #: The generator's templates, compiled once for the whole preview.
    env: Environment = field(default_factory=make_environment)

    def plan(self, findings: Findings, project: Project, everything: bool = False) -> PagesPlan:
        """Render the pages whose inputs changed since the last staged plan (``everything``:
        every page, and the open data made again); nothing is remembered until ``staged`` is
        called with the result."""
        pages = pages_of(findings)
        data: dict[str, Any] | None = None
        version, open_data = self.version, self.open_data
        if everything or not version:
            data = public_data(findings, Urls("", project.site_url))
            version = str(data["version"])
        renderer = RecordingRenderer(findings, site_options(project), version, self.env)
        fresh = everything or findings.study != self.study
        stale = set() if fresh else self.reads.stale(renderer)
        files: list[StagedFile] = []
        kept: set[str] = set()
        made: dict[str, Made] = {}
        for page in pages:
            give_way_to_a_newer_save()  # the full rebuild's plan: 10,000 pages, one at a time
            old = None if fresh or page.url in stale else self.made.get(page.url)
            if old is not None and self._same(old, page, version):
                made[page.url] = old
                kept.add(page.source_path)
                continue
            text, reads = renderer.render_recorded(page)
            self._reads_version(page.template)  # known before the next save needs it
            made[page.url] = Made(page, reads)
            files.append(StagedFile(page.source_path, text))
        rendered = len(files)
        others = other_files(findings, project, None)
        if data is None:
            kept |= open_data
        else:
            made_data = open_data_staged(findings, project, data)
            open_data = frozenset(staged.path for staged in made_data)
            others += made_data
        plan = SitePlan(files + others, engine_settings(findings, project, pages))
        return PagesPlan(plan, frozenset(kept), made, findings.study, version, rendered,
                         open_data)

    def staged(self, planned: PagesPlan) -> None:
        """The plan's files are in the docs folder: remember what its pages were made from
        (the reads of the pages it rendered replace theirs before)."""
        for url in self.reads.urls() - planned.made.keys():
            self.reads.drop(url)
        for url, made in planned.made.items():
            if url not in self.reads or self.made.get(url) is not made:
                self.reads.add(url, made.reads)
        self.made, self.study, self.version = planned.made, planned.study, planned.version
        self.open_data = planned.open_data

    def forget(self) -> None:
        """Render every page next time (the docs folder may not hold what was planned)."""
        self.made, self.study = {}, None
        self.reads = ReadIndex()

    def _same(self, old: Made, page: Page, version: str) -> bool:
        """Whether a page none of whose reads changed (``ReadIndex.stale``) is the same."""
        if old.page != page:
            return False
        return version == self.version or not self._reads_version(page.template)

    def _reads_version(self, template: str) -> bool:
        if template not in self._uses_version:
            names = template_names(self.env, f"{template}.html")
            self._uses_version[template] = VERSION in names
        return self._uses_version[template]

