"""``findings serve``: build into a scratch folder, serve it on 127.0.0.1, rebuild on change.

An edit to the data or a page first rebuilds only the pages it changed (fast), then the whole
site, so menus and the search index catch up. A change with content errors prints them and
keeps serving the last good site. The port is taken before any work, and the scratch folder
is removed however the preview stops (Ctrl+C, SIGTERM, SIGHUP).
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType

from findings.cli import OK, UsageError, check_data, check_project, data_root, project_for
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
        try:
            data, ok = check_data(self.args)
        except UsageError as err:  # the data folder or deny-list gone for a moment (checkout)
            print(f"findings: error: {err}", file=sys.stderr, flush=True)
            ok = False
        if not check_project(self.project) or not ok:
            _say("keeping the last good site")
            return None
        return build_model(data)


def run_serve(args: argparse.Namespace) -> int:
    project = project_for(args)
    root = data_root(args.data)
    server = _bind(args.port)
    try:
        with _stopped_by_signals():
            work = Path(tempfile.mkdtemp(prefix="findings-serve-"))
            try:
                _preview(args, project, root, work, server)
            finally:
                shutil.rmtree(work, ignore_errors=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return OK


def _bind(port: int) -> ThreadingHTTPServer:
    """The preview's server on 127.0.0.1, bound before any work: a bad or busy port is wrong
    usage, one line."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: expected a port number up to 65535 (0: any free port)")
    try:
        return ThreadingHTTPServer(("127.0.0.1", port), _QuietHandler)
    except OSError as err:
        raise UsageError(f"--port {port}: cannot listen on 127.0.0.1:{port} ({err.strerror}); "
                         "stop what uses it or choose another port") from None


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the preview as Ctrl+C does, so that it cleans up after itself."""
    def stop(number: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {number: signal.signal(number, stop) for number in wanted}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _preview(args: argparse.Namespace, project: Project, root: Path, work: Path,
             server: ThreadingHTTPServer) -> None:
    (work / "site").mkdir()
    (work / "docs").mkdir()
    preview = Preview(args, project, root, work)
    watched = Watched(preview)  # before the first build, so edits made during it count
    preview.rebuild(fast=False)
    server.RequestHandlerClass = functools.partial(_QuietHandler, directory=str(work / "site"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _say(f"serving on http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop)")
    try:
        watch(preview, watched)
    finally:
        server.shutdown()


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
    """Modification time and size of every file under ``paths``, dot-files left out; a file
    that vanishes while it is looked at (an editor's temporary file) is left out too."""
    found: dict[str, tuple[float, int]] = {}
    for path in paths:
        files = [path] if path.is_file() else _files_under(path)
        for file in files:
            try:
                stat = file.stat()
            except OSError:
                continue
            found[str(file)] = (stat.st_mtime, stat.st_size)
    return found


def _files_under(folder: Path) -> list[Path]:
    found = []
    for current, folders, files in os.walk(folder):  # a folder that vanishes is skipped
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [Path(current, name) for name in files if not name.startswith(".")]
    return found


def _say(message: str) -> None:
    print(f"findings: {message}", flush=True)


def _since(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"
