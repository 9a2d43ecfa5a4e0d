"""The site engine's glue: the only module that imports MkDocs.

It receives a finished staging tree (docs folder plus a config that inherits the project's
``mkdocs.yml``) and builds it. Swapping MkDocs for ProperDocs or Zensical means changing this
module only.

Escaping has one owner, this module: the staged pages' front matter and the generated config
carry raw text (titles, descriptions, the study's name), and the hooks below escape them for
the theme, which prints them as HTML, and mark them ``Markup``, which Jinja's ``e`` filter
(Material's ``title | e`` in attributes) leaves alone: never shown raw, never escaped twice.
That holds for hand-written pages in ``content/`` as well. It also gives every
HTML file of the site its Content Security Policy (``findings.csp``): pages as they are
rendered, the 404 page as its template is, and copied HTML files (redirect stubs) once the
build is done. ``FINDINGS_CSP=off`` in the environment builds without one. ``findings serve``
keeps it: the reload script it adds to served pages is a same-origin file (``'self'``).
"""

from __future__ import annotations

import functools
import html
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from markupsafe import Markup

from findings import forked, search_glue
from findings.compiled_templates import COMPILED
from findings.csp import add_policy, worker_shim_script
from findings.engine_process import WAIT, WaitingEngine, waited_arguments
from findings.front_matter import BODY_HTML, BODY_KEY, generated_meta
from findings.page_scan import anchor_ids
from findings.split_pages import SplitPages
from findings.superseded import check as give_way_to_a_newer_save
from findings.theme_once import ThemeOnce, walk

#: The environment variable that turns the policy off (value ``off``).
CSP_SWITCH = "FINDINGS_CSP"


class EngineError(Exception):
    """The engine could not build the staged tree."""


def build_with_engine(config_file: Path, quiet: bool = False, dirty: bool = False,
                      own_process: bool = True, waiting: WaitingEngine | None = None) -> None:
    """Build the staged tree; ``dirty`` rebuilds only pages whose source is newer than their
    output (the preview's fast path: other pages' menus and the search index catch up with
    the next full build).

    The engine runs in a Python process of its own (``python -m findings.engine``), so that
    the build's peak memory is the engine's, not the engine's on top of the generator's; its
    messages are passed on to this process's standard error. ``own_process=False`` runs it
    here (the preview, which would otherwise pay for starting the engine at every change).
    ``waiting``: that process, started earlier (``engine_process``), builds a full build."""
    if not own_process:
        _build_here(config_file, quiet, dirty)
        return
    if waiting is not None and not dirty:
        _passed_on(*waiting.run(config_file, quiet))
        return
    command = [sys.executable, "-m", "findings.engine", str(config_file)]
    command += ["--quiet"] * quiet + ["--dirty"] * dirty
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    _passed_on(done.returncode, done.stdout, done.stderr)


def _passed_on(status: int, out: str, err: str) -> None:
    """The engine process's messages passed on to standard error; its failure raised."""
    sys.stderr.write(err)
    if status == ENGINE_FAILED:
        raise EngineError(out.strip())
    if status != 0:
        last = (err.strip().split("\n") or [""])[-1]
        raise EngineError(f"its process stopped (exit status {status}): {last}")


#: The exit status of ``python -m findings.engine`` when the engine refused the tree (its
#: message on standard output); any other failure is a defect, shown with its traceback.
ENGINE_FAILED = 3


def _build_here(config_file: Path, quiet: bool, dirty: bool, split: bool = False) -> None:
    """Build here; ``split``: the page loop shared with a forked child where it can be
    (``_pages_in_two``)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _log_to_stderr(logging.ERROR if quiet else logging.WARNING)
    try:
        config = load_config(str(config_file), hooks=[_HOOKS])
        with _pages_in_two(config, split and not dirty), _front_matter_as_json():
            build(config, dirty=dirty)
    except MkDocsException as err:
        raise EngineError(str(err)) from err
    except forked.ChildFailedError as err:  # its own message is on standard error already
        raise EngineError(f"the engine's second process failed: {err}") from err


#: This file, which the engine loads as its hooks (and names them by).
_HOOKS = str(Path(__file__).resolve())
#: The plugins whose work a split page loop keeps whole: the search plugin's entries are
#: handed back by the child (``split_pages``); any other plugin may keep what it sees of
#: each page, and the build is not split.
_SPLIT_PLUGINS = frozenset({"search", "material/search"})


@contextmanager
def _pages_in_two(config: Any, wanted: bool) -> Iterator[None]:
    """For one build, the engine's page loops (reading, then rendering) shared between this
    process and a forked child (``findings.split_pages``: the same files, the same search
    index, the same check of links to anchors), where it is safe: a fork ``forked.safe``,
    no plugin but the search plugin and these hooks, not ``strict`` (the child's warnings
    would not be counted)."""
    import mkdocs.commands.build as engine_build

    plugins = set(config["plugins"]) - {_HOOKS}
    if not wanted or not forked.safe() or config["strict"] \
            or not plugins <= _SPLIT_PLUGINS:
        yield
        return
    original, read = engine_build._build_page, engine_build._populate_page
    splitter = SplitPages(original, functools.partial(search_glue.search_entries, config),
                          read, functools.partial(_listed, config))
    engine_build._build_page = splitter  # type: ignore[assignment]
    engine_build._populate_page = splitter.read  # type: ignore[assignment]
    try:
        yield
    except BaseException:
        splitter.stop()
        raise
    finally:
        engine_build._build_page, engine_build._populate_page = original, read


#: Where ``on_nav`` keeps the pages the menu lists (their ``id``), in the config's ``extra``.
_LISTED_KEY = "_findings_listed_pages"


def _listed(config: Any, page: Any) -> bool:
    """Whether the menu lists ``page`` (every page shows its title); any page, if the menu
    was not seen."""
    listed = config["extra"].get(_LISTED_KEY)
    return listed is None or id(page) in listed


@contextmanager
def _front_matter_as_json() -> Iterator[None]:
    """For one build, a generated page's front matter read as the JSON it is written in
    (``findings.front_matter``), not by the engine's YAML parser: the same meta, a third of
    the time the engine takes to read the pages. Any other page's is parsed as before."""
    from mkdocs.utils import meta

    original, block = meta.get_data, getattr(meta, "YAML_RE", None)
    if block is None:
        yield
        return

    def get_data(doc: str) -> tuple[str, dict[str, Any]]:
        found = block.match(doc)
        read = generated_meta(found.group(1)) if found else None
        if found is None or read is None:
            return original(doc)
        return doc[found.end():].lstrip("\n"), read

    meta.get_data = get_data
    try:
        yield
    finally:
        meta.get_data = original


def main(argv: list[str]) -> int:
    """``python -m findings.engine CONFIG [--quiet] [--dirty]``: the engine's own process,
    its page loop shared with a second process where it can be. ``--wait`` instead: the
    engine loaded first, then the tree read from standard input (``engine_process``)."""
    if argv[:1] == [WAIT]:
        _load_engine()
        waited = waited_arguments()
        if waited is None:
            return 0
        argv = waited
    try:
        _build_here(Path(argv[0]), "--quiet" in argv[1:], "--dirty" in argv[1:], split=True)
    except EngineError as err:
        print(err)
        return ENGINE_FAILED
    return 0


def _load_engine() -> None:
    """The engine's modules, loaded while the tree is being staged."""
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build
    import mkdocs.config  # noqa: F401


def _log_to_stderr(level: int) -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "findings", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s (site engine): %(message)s"))
        handler.findings = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)


# MkDocs hooks (this file is passed to the engine as `hooks`).

def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """A generated page skips Markdown: its body reaches the theme as the generator wrote it.
    Every page's title and description are escaped here, before any template or the search
    index reads them."""
    _escape_meta(page)
    if page.meta.get(BODY_KEY) == BODY_HTML:
        page.render = functools.partial(_dress_finished_html, page)
    return markdown


def _dress_finished_html(page: Any, config: Any, files: Any) -> None:
    """What ``Page.render`` leaves on a page, for a body that is HTML already: the content, no
    table of contents (generated pages' headings are the template's, not Markdown's), and the
    ids its HTML holds (for the engine's check of links to anchors)."""
    from mkdocs.structure.toc import get_toc

    page.content = page.markdown.strip()
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = anchor_ids(page.content)
    page.links_to_anchors = {}

def for_theme(text: str) -> Markup:
    """Raw text as the theme prints it: HTML, in elements and double-quoted attributes alike.
    (Apostrophes stay as they are: no attribute of the theme is single-quoted.)"""
    if isinstance(text, Markup):
        return text
    return Markup(html.escape(text, quote=False).replace('"', "&quot;"))


def on_config(config: Any) -> Any:
    config["site_name"] = for_theme(config["site_name"])
    if isinstance(config.get("site_description"), str):
        config["site_description"] = for_theme(config["site_description"])
    extra = config["extra"].get("findings") or {}
    if isinstance(extra.get("study_title"), str):
        extra["study_title"] = for_theme(extra["study_title"])
    return config


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """The menu's own titles (sections, and pages titled in the config's ``nav``) are raw
    text: escaped. A page titled by its front matter or heading gets its title later."""
    for item in walk(nav.items):
        if isinstance(item.title, str):
            item.title = for_theme(item.title)
    config["extra"][_LISTED_KEY] = frozenset(id(page) for page in nav.pages)
    return nav


def _escape_meta(page: Any) -> None:
    """A page's front matter title and description are raw text, whoever wrote the page."""
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = for_theme(page.meta[key])


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Titles taken from a page's first heading or its file name are HTML already (the
    engine's Markdown escaped them): marked, not escaped again."""
    for item in [page, *walk(nav.items)]:
        if isinstance(item.title, str) and not isinstance(item.title, Markup):
            item.title = Markup(item.title)
    return context


def on_files(files: Any, config: Any) -> Any:
    """Note the HTML files the engine copies rather than renders (redirect stubs), and give
    each page the file an "edit this page" link opens (``site.edit_paths``): the engine's
    ``edit_uri`` is then joined with the file's path from the repository's root."""
    config["extra"]["_findings_copied_html"] = [
        f.dest_path for f in files
        if f.dest_path.endswith(".html") and not f.is_documentation_page()]
    edits = (config["extra"].get("findings") or {}).get("edit_paths") or {}
    for file in files.documentation_pages():
        file.edit_uri = edits.get(file.src_uri)
    return files


#: The names under which the theme's templates find ``ThemeOnce.menu`` and ``.header``
#: (``overrides/main.html``): a template rendered without these hooks finds nothing by those
#: names and renders the menu and the header itself.
MENU_ONCE, HEADER_ONCE = "findings_menu_once", "findings_header_once"
SETTINGS_ONCE = "findings_settings_once"
#: Where the build's ``ThemeOnce`` is kept, in the config's ``extra``.
_ONCE_KEY = "_findings_theme_once"


def on_env(env: Any, config: Any, files: Any) -> Any:
    """The side menu, the header and the scripts' settings are rendered once for all the
    pages that see them alike (``findings.theme_once``), not once a page; the templates are
    compiled once for the process (``findings.compiled_templates``)."""
    env.bytecode_cache = COMPILED
    once = config["extra"][_ONCE_KEY] = ThemeOnce()
    env.globals[MENU_ONCE], env.globals[HEADER_ONCE] = once.menu, once.header
    env.globals[SETTINGS_ONCE] = once.settings
    return env


def on_pre_page(page: Any, config: Any, files: Any) -> Any:
    """A page is read (again): what the theme rendered before may show its old title. The
    preview's full rebuild stops here, between pages, for a newer save
    (``findings.superseded``)."""
    give_way_to_a_newer_save()
    once = config["extra"].get(_ONCE_KEY)
    if once is not None:
        once.forget()
    return page


def on_post_page(output: str, page: Any, config: Any) -> str:
    give_way_to_a_newer_save()
    return _with_policy(output, config)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return _with_policy(output_content, config)


def _with_policy(html: str, config: Any) -> str:
    if os.environ.get(CSP_SWITCH) == "off":
        return html
    shim = _worker_shim(config)
    written = worker_shim_script(shim, html) if shim else None
    return add_policy(html, (written,) if written else ())


def _worker_shim(config: Any) -> str | None:
    """The offline edition's worker shim (a polyfill naming iframe-worker), as shipped."""
    for name in config["extra"].get("polyfills") or []:
        if "iframe-worker" in str(name):
            for folder in config["theme"].dirs:
                path = Path(folder) / str(name)
                if path.is_file():
                    return _read(path)
    return None


@functools.lru_cache(maxsize=4)
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def on_pre_build(config: Any) -> None:
    search_glue.feed_search(config)
    search_glue.faster_page_context(config)
    search_glue.stream_index_writes(config)


def on_post_build(config: Any) -> None:
    _protect_copied_pages(config)
    search_glue.write_search_index(config)


def _protect_copied_pages(config: Any) -> None:
    site = Path(config["site_dir"])
    for name in config["extra"].pop("_findings_copied_html", []):
        path = site / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            protected = _with_policy(text, config)
            if protected != text:
                path.write_text(protected, encoding="utf-8")


# The preview's engine session: MkDocs loaded once, then only the changed pages rendered.


class EngineSession:
    """The engine kept loaded between the preview's quick rebuilds of one staged tree: its
    config, files and menu are read once (the menu's pages too, for their titles); each quick
    rebuild then reads and renders only the changed pages through the theme, and copies the
    changed files that are not pages, into the tree's site folder. The search index, the
    sitemap and other pages' menus are left to the full build that follows."""

    def __init__(self, config_file: Path) -> None:
        from mkdocs.config import load_config
        from mkdocs.exceptions import MkDocsException
        from mkdocs.structure.files import InclusionLevel, set_exclusions

        _log_to_stderr(logging.ERROR)
        try:
            config = load_config(str(config_file), hooks=[str(Path(__file__).resolve())])
            self.config = config.plugins.on_config(config)
            self.config.plugins.on_pre_build(config=self.config)
            _index_nothing(self.config)
            self.files, self.env = _session_files(self.config)
            set_exclusions(self.files, self.config)
            # Picked once (the session's files do not change): a tenth of a quick rebuild.
            self.doc_files = self.files.documentation_pages(inclusion=InclusionLevel.is_included)
            self.nav = _session_nav(self.files, self.config)
            self.env = self.config.plugins.on_env(self.env, config=self.config,
                                                  files=self.files)
        except MkDocsException as err:
            raise EngineError(str(err)) from err
        self.config_text = config_file.read_bytes()

    def knows(self, paths: list[str]) -> bool:
        """Whether every one of ``paths`` (in the docs folder) is a file the session has: a
        file added since it was opened needs a new session (or a build)."""
        return all(self.files.get_file_from_path(path) is not None for path in paths)

    def render(self, paths: list[str]) -> list[str]:
        """Render the pages among ``paths`` and copy the other files, into the site folder;
        returns what was written there (paths in the site folder)."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.exceptions import MkDocsException
        from mkdocs.structure.pages import Page

        written = []
        try:
            for path in paths:
                file = self.files.get_file_from_path(path)
                if file is None or not file.inclusion.is_included():
                    continue
                written.append(file.dest_uri)
                if not file.is_documentation_page():
                    file.copy_file()
                    continue
                page = file.page or Page(None, file, self.config)
                _populate_page(page, self.config, self.files)
                _build_page(page, self.config, self.doc_files, self.nav, self.env)
        except MkDocsException as err:
            raise EngineError(str(err)) from err
        return written


def _index_nothing(config: Any) -> None:
    """The session's pages are left out of the search index, which it never writes: the full
    build that follows indexes every page."""
    index = search_glue.search_index(config)
    if index is not None:
        index.add_entry_from_context = lambda page: None


def _session_files(config: Any) -> tuple[Any, Any]:
    """The docs folder's files and the theme's, as a build gathers them."""
    from mkdocs.structure.files import get_files

    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    return config.plugins.on_files(files, config=config), env


def _session_nav(files: Any, config: Any) -> Any:
    """The menu, with the pages it shows read (their titles and the footer's links)."""
    from mkdocs.commands.build import _populate_page
    from mkdocs.structure.nav import get_navigation

    nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    for page in nav.pages:
        _populate_page(page, config, files)
    return nav

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
