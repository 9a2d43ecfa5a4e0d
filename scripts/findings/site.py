"""Build a whole site: checked data -> model -> pages -> staging tree -> engine -> output."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from findings.browse import recommendations_json
from findings.citation import site_credit
from findings.content_pages import resolve_item_links
from findings.engine import EngineSession, build_with_engine
from findings.engine_process import WaitingEngine
from findings.feed import FEED_PATH, render_feed
from findings.model import Findings
from findings.opendata import open_data_files, public_data
from findings.pages import RECOMMENDATIONS_JSON, Page, plan_pages, plan_redirects
from findings.planned import pages_of
from findings.project import Project
from findings.render import PageRenderer, SiteOptions, render_redirect
from findings.site_folder import read_marker, write_marker
from findings.superseded import check as give_way_to_a_newer_save
from findings.urls import Urls
from findings.wording import theme_label
from findings.write import (
    StagedFile,
    copy_content,
    listed_files,
    open_staging,
    remove_scratch,
    replace_tree,
    staging_area,
    sync_docs,
    write_config,
    write_docs,
    write_generated,
    write_search_sections,
)
from findings.written_pages import write_pages_in_two


@dataclass(frozen=True)
class BuildResult:
    pages: int
    site_dir: Path


@dataclass(frozen=True)
class SitePlan:
    """What the engine is given: the generated files of the docs folder, and its config."""

    files: list[StagedFile]
    settings: dict[str, Any]


def plan_site(findings: Findings, project: Project) -> SitePlan:
    """The pages planned once, then rendered and listed in the menu (in this process: the
    command's build writes them on both cores, ``stage_written``)."""
    pages = pages_of(findings)
    return SitePlan(generate_files(findings, project, pages),
                    engine_settings(findings, project, pages))


def generate_files(findings: Findings, project: Project,
                   pages: list[Page] | None = None) -> list[StagedFile]:
    """Every generated file of the docs folder: page bodies, redirect stubs, the open data."""
    data = public_data(findings, Urls("", project.site_url))
    renderer = PageRenderer(findings, site_options(project), data["version"])
    pages = plan_pages(findings) if pages is None else pages
    return render_here(renderer, pages) + other_files(findings, project, data)


def render_here(renderer: PageRenderer, pages: list[Page]) -> list[StagedFile]:
    return [renderer.staged(page) for page in pages]


def site_options(project: Project) -> SiteOptions:
    return SiteOptions(project.site_url, project.directory_urls, project.offline_zip)


def other_files(findings: Findings, project: Project,
                data: dict[str, Any] | None) -> list[StagedFile]:
    """The generated files that are not pages: redirect stubs, the recommendations' index, the
    open data (``data``: ``public_data``'s; ``None``: left out, as the preview's quick rebuild
    leaves it to the full one) and the feed."""
    files = [StagedFile(f"{r.url}index.html", render_redirect(r))
             for r in plan_redirects(findings)]
    files.append(StagedFile(RECOMMENDATIONS_JSON, recommendations_json(findings)))
    if data is not None:
        files += open_data_staged(findings, project, data)
    files.append(StagedFile(FEED_PATH, render_feed(findings, Urls("", project.site_url))))
    return files


def open_data_staged(findings: Findings, project: Project,
                     data: dict[str, Any]) -> list[StagedFile]:
    """The open data's files (``data``: ``public_data``'s)."""
    return [StagedFile(path, text)
            for path, text in open_data_files(findings, project.site_url, data).items()]


def engine_settings(findings: Findings, project: Project, pages: list[Page]) -> dict[str, Any]:
    """The generated config: inherits the project's ``mkdocs.yml`` and adds what the data says."""
    study = findings.study
    settings: dict[str, Any] = {
        "INHERIT": str(project.config_file),
        # Relative to this config (beside them in ``work``): Zensical refuses absolute ones.
        "docs_dir": "docs",
        "site_dir": "site",
        # Raw text, as every title here: the engine glue escapes it for the theme.
        "site_name": study.name,
        "site_description": study.summary or study.title,
        "theme": {"name": "material", "custom_dir": str(project.overrides_dir)},
        "nav": make_nav(findings, pages, project.content_dir),
        "extra": {"findings": {"synthetic": study.synthetic,
                               "study_title": study.title,
                               "credit": site_credit(study),
                               "edit_paths": edit_paths(findings, project)}},
    }
    offline = project.offline_settings()
    settings["extra"].update(offline.pop("extra", {}))
    return {**settings, **offline}


#: The folder of each item kind's pages, for the "edit this page" link to its own file.
PAGE_FOLDERS = {"themes": "themes", "quotes": "quotes", "recommendations": "recommendations",
                "toolkit-discussions": "toolkit/discussion"}


def edit_paths(findings: Findings, project: Project) -> dict[str, str]:
    """With ``repo_url`` set, each page that has a file of its own in the repository: an
    item's page its YAML file, a hand-written page its file in ``content/``; paths from the
    repository's root (the config's folder). Other pages get no "edit this page" link."""
    if not project.settings.get("repo_url"):
        return {}
    paths = {f"{PAGE_FOLDERS[kind]}/{item_id}/index.md": file
             for (kind, item_id), file in findings.sources.items() if kind in PAGE_FOLDERS}
    if project.content_dir.is_dir():
        paths |= {page.relative_to(project.content_dir).as_posix(): str(page)
                  for page in project.content_dir.rglob("*.md")}
    return {doc: shown for doc, file in paths.items()
            if (shown := _in_repository(Path(file), project.root))}


def _in_repository(file: Path, root: Path) -> str:
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return ""  # outside the repository: nothing to edit there


def make_nav(findings: Findings, pages: list[Page], content_dir: Path) -> list[Any]:
    """A small menu: sections and themes, never every quote."""
    themes = [{theme_label(t): f"themes/{t.id}/index.md"}
              for t in findings.themes]
    guides = [f"toolkit/discussion/{g.id}/" for g in findings.discussions]
    nav: list[Any] = [
        {"Home": "index.md"},
        {"The study": "study/index.md"},
        {"Themes": ["themes/index.md", *themes]},
        {"Quote bank": "quotes/index.md"},
        {"Recommendations": ["recommendations/index.md", {"Evidence map": "evidence/index.md"}]},
        # Reading order, which previous/next follow: take stock, discuss, then plan.
        {"Toolkit": ["toolkit/index.md", *_listed(pages, "toolkit/self-assessment/"),
                     *_listed(pages, *guides),
                     *_listed(pages, "toolkit/action-plan/")]},
        # Where readers look for what they picked on quote and recommendation pages alike.
        {"Your handout": "handout/index.md"},
        {"Data and citation": "data/index.md"},
    ]
    if content_dir.is_dir():
        nav += sorted(p.relative_to(content_dir).as_posix() for p in content_dir.glob("*.md"))
    return [*nav, {"What's new": "whats-new/index.md"},
            {"Accessibility": "accessibility/index.md"}]


def _listed(pages: list[Page], *urls: str) -> list[dict[str, str]]:
    """Nav entries for those of ``urls`` the site has, titled as their pages."""
    by_url = {page.url: page for page in pages}
    return [{by_url[u].title: by_url[u].source_path} for u in urls if u in by_url]


def build_site(findings: Findings, project: Project, site_dir: Path, data_root: Path,
               *, quiet: bool = False, plan: SitePlan | None = None,
               own_process: bool = True, remove_later: bool = False) -> BuildResult:
    """Build into a scratch folder, then replace ``site_dir`` with the result (``plan``:
    ``plan_site``'s, when the caller has made it already). The engine runs in a process of its
    own unless ``own_process`` is false (the preview, which rebuilds again and again and
    reports a template's errors at their line). ``remove_later``: the scratch folder is
    removed in the background (the preview: ``write.remove_in_background``)."""
    with staging_area(site_dir, remove_later) as work:
        stage_tree(plan or plan_site(findings, project), project, work)
        give_way_to_a_newer_save()
        gc.collect()  # the generated texts are on disk now: leave their memory to the engine
        return finish_site(work, site_dir, project, data_root, quiet=quiet,
                           own_process=own_process)


def stage_site(findings: Findings, project: Project, site_dir: Path) -> Path:
    """A new scratch folder beside ``site_dir`` holding the staging tree (``stage_written``);
    the caller removes it."""
    work = open_staging(site_dir)
    try:
        stage_written(findings, project, work)
    except BaseException:
        remove_scratch(work)
        raise
    return work


def stage_written(findings: Findings, project: Project, work: Path) -> None:
    """The tree ``stage_tree`` writes of ``plan_site``'s plan, each page written by the
    process that rendered it (``written_pages``: on both cores where a fork is
    ``forked.safe``), never held here with the others."""
    pages = pages_of(findings)
    docs = work / "docs"
    copy_content(docs, project.content_dir, resolve_item_links)
    data = public_data(findings, Urls("", project.site_url))
    renderer = PageRenderer(findings, site_options(project), data["version"])
    written = write_pages_in_two(renderer, pages, docs)
    others = other_files(findings, project, data)
    write_generated(docs, others)
    write_search_sections(work, written + others)
    write_config(work / "mkdocs.yml", engine_settings(findings, project, pages))


def finish_site(work: Path, site_dir: Path, project: Project, data_root: Path, *,
                quiet: bool = False, own_process: bool = True,
                waiting: WaitingEngine | None = None) -> BuildResult:
    """The engine builds the staging tree in ``work`` into ``work/site``, which then replaces
    ``site_dir`` (``waiting``: the engine's process, started already)."""
    with _build_date(project, data_root):
        build_with_engine(work / "mkdocs.yml", quiet, own_process=own_process, waiting=waiting)
    pages = sum(1 for _ in (work / "site").rglob("*.html"))
    write_marker(work / "site")
    replace_tree(work / "site", site_dir)
    return BuildResult(pages, site_dir)


def stage_tree(plan: SitePlan, project: Project, work: Path) -> None:
    """The staging tree in ``work``: ``docs/`` (hand-written and generated pages), the
    generated pages' search sections (``search_sections.SECTIONS_FILE``) and the generated
    ``mkdocs.yml``."""
    write_docs(work / "docs", project.content_dir, plan.files, resolve_item_links)
    write_search_sections(work, plan.files)
    write_config(work / "mkdocs.yml", plan.settings)


class QuickBuilds:
    """The preview's fast path, in place in ``work`` (docs/ and site/): rewrite only the docs
    whose text changed and render only their pages, through an engine session kept open
    between rebuilds (``EngineSession``: the config, files and menu loaded once). A session
    is opened again when the config changes or a page is added; a page removed is left to
    the engine's own dirty build."""

    def __init__(self, project: Project, work: Path) -> None:
        self.project, self.work = project, work
        self.session: EngineSession | None = None
        #: The files docs/ holds, once known: a quick rebuild need not walk 10,000 of them.
        self.listed: set[str] | None = None

    @property
    def config_file(self) -> Path:
        return self.work / "mkdocs.yml"

    def build(self, plan: SitePlan, unchanged: frozenset[str] = frozenset()) -> list[str]:
        """Bring docs/ and site/ up to date with ``plan`` (``unchanged``: generated docs known
        to be up to date already); returns the changed docs' paths."""
        changed = self.sync(plan, unchanged)
        if changed:
            write_config(self.config_file, plan.settings)
            session = self._session(changed)
            site = self.work / "site"
            if session is None:
                build_with_engine(self.config_file, quiet=True, dirty=True, own_process=False)
                write_marker(site)
            elif not set(session.render(changed)) <= (read_marker(site) or set()):
                write_marker(site)  # a page new to the site folder: the marker must list it
        return changed

    def sync(self, plan: SitePlan, unchanged: frozenset[str] = frozenset()) -> list[str]:
        """``sync_docs`` into docs/, with the listing of docs/ kept from the last time."""
        if self.listed is None:
            self.listed = listed_files(self.work / "docs")
        return sync_docs(self.work / "docs", self.project.content_dir, plan.files,
                         resolve_item_links, unchanged=unchanged, listed=self.listed)

    def warm(self, plan: SitePlan) -> None:
        """After a full build: write its config and open a session on it, so that the next
        quick rebuild finds the engine loaded."""
        write_config(self.config_file, plan.settings)
        self.session = None
        self._session([])

    def close(self) -> None:
        """Forget the session (the theme changed: its templates must be read again) and the
        listing of docs/ (a failed rebuild may have left it half written)."""
        self.session = None
        self.listed = None

    def _session(self, changed: list[str]) -> EngineSession | None:
        docs = self.work / "docs"
        if any(not (docs / path).is_file() for path in changed):
            self.session = None  # a page removed: the session would still list it
            return None
        session = self.session
        if session is None or session.config_text != self.config_file.read_bytes() \
                or not session.knows(changed):
            session = self.session = EngineSession(self.config_file)
        return session


#: The build date must fit gzip's 32-bit time stamp (the engine gzips the sitemap).
LATEST_DATE = 2**32 - 1


@contextmanager
def _build_date(project: Project, data_root: Path) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` for the engine, unless the caller set one; for this build only."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(_newest_input(project, data_root))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def _newest_input(project: Project, data_root: Path) -> int:
    """A stable build date: when the newest input last changed, not the clock; a file dated
    before 1970 or after 2106 does not move it out of the range the engine can write."""
    times = [_mtime(project.config_file)]
    for folder in (project.content_dir, data_root):
        times += [_mtime(path) for path in _input_files(folder)]
    return min(max(0, *times), LATEST_DATE)


def _input_files(folder: Path) -> list[Path]:
    """The files under ``folder``, dot-files and dot-folders left out, links not followed."""
    found = []
    for current, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [Path(current, name) for name in files if not name.startswith(".")]
    return found


def _mtime(path: Path) -> int:
    try:
        return int(path.lstat().st_mtime)
    except (OSError, OverflowError, ValueError):
        return 0  # gone since the data was read: it does not date the build
