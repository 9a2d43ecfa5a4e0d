"""``findings serve``: build into a scratch folder, serve it on 127.0.0.1, rebuild on change.

An edit to the data or a page first rebuilds only the pages it changed (fast), then the whole
site, so menus and the search index catch up. A change with content errors prints them and
keeps serving the last good site.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from findings.cli import OK, check_data, data_root, project_for
from findings.engine import EngineError
from findings.model import Findings, build_model
from findings.project import Project
from findings.site import build_changed_pages, build_site, generate_files
from findings.write import sync_docs

POLL_SECONDS = 0.2


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class Preview:
    """The served site in ``work/site``, and the docs it was built from in ``work/docs``."""

    def __init__(self, args: argparse.Namespace, project: Project, root: Path, work: Path):
        self.args, self.project, self.root, self.work = args, project, root, work

    def rebuild(self, fast: bool) -> None:
        started = time.perf_counter()
        findings = self._checked()
        if findings is None:
            return
        try:
            if fast:
                changed = build_changed_pages(findings, self.project, self.work)
                _say(f"rebuilt {changed} changed page(s) in {_since(started)}")
            else:
                sync_docs(self.work / "docs", self.project.content_dir,
                          generate_files(findings, self.project))
            result = build_site(findings, self.project, self.work / "site", self.root,
                                quiet=True)
            _say(f"rebuilt all {result.pages} pages in {_since(started)}")
        except EngineError as err:
            print(f"findings: error: the site engine failed: {err}", file=sys.stderr, flush=True)
        except Exception as err:  # a half-edited page or template must not stop the preview
            print(f"findings: error: could not rebuild ({type(err).__name__}: {err}); keeping "
                  "the last good site", file=sys.stderr, flush=True)

    def _checked(self) -> Findings | None:
        data, ok = check_data(self.args)
        if not ok:
            _say("keeping the last good site")
            return None
        return build_model(data)


def run_serve(args: argparse.Namespace) -> int:
    project = project_for(args)
    root = data_root(args.data)
    work = Path(tempfile.mkdtemp(prefix="findings-serve-"))
    (work / "site").mkdir()
    (work / "docs").mkdir()
    preview = Preview(args, project, root, work)
    watched = Watched(preview)  # before the first build, so edits made during it count
    preview.rebuild(fast=False)
    handler = functools.partial(_QuietHandler, directory=str(work / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _say(f"serving on http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop)")
    try:
        watch(preview, watched)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    return OK


class Watched:
    """What a preview follows: the data and pages, and the theme and config."""

    def __init__(self, preview: Preview) -> None:
        project = preview.project
        self.content = [preview.root, project.content_dir]
        self.theme = [project.overrides_dir, project.config_file]
        self.last = self.now()

    def now(self) -> tuple[dict[str, tuple[float, int]], dict[str, tuple[float, int]]]:
        return snapshot(self.content), snapshot(self.theme)


def watch(preview: Preview, watched: Watched) -> None:
    """Poll for changes; a change to the theme or config needs a full build."""
    while True:
        time.sleep(POLL_SECONDS)
        now = watched.now()
        if now != watched.last:
            theme_same = now[1] == watched.last[1]
            watched.last = now
            preview.rebuild(fast=theme_same)


def snapshot(paths: list[Path]) -> dict[str, tuple[float, int]]:
    """Modification time and size of every file under ``paths``."""
    found: dict[str, tuple[float, int]] = {}
    for path in paths:
        files = [path] if path.is_file() else path.rglob("*") if path.is_dir() else []
        for file in files:
            if file.is_file():
                stat = file.stat()
                found[str(file)] = (stat.st_mtime, stat.st_size)
    return found


def _say(message: str) -> None:
    print(f"findings: {message}", flush=True)


def _since(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"
