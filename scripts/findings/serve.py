"""``findings serve``: build into a scratch folder, serve it on 127.0.0.1, rebuild on change.

A change with content errors prints them and keeps serving the last good site.
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
from findings.model import build_model
from findings.project import Project
from findings.site import build_site

POLL_SECONDS = 0.3


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def run_serve(args: argparse.Namespace) -> int:
    project = project_for(args)
    root = data_root(args.data)
    scratch = Path(tempfile.mkdtemp(prefix="findings-serve-"))
    site_dir = scratch / "site"
    site_dir.mkdir()
    rebuild(args, project, site_dir, root)
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"findings: serving on http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop)",
          flush=True)
    try:
        watch(args, project, site_dir, root)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)
    return OK


def rebuild(args: argparse.Namespace, project: Project, site_dir: Path, root: Path) -> None:
    started = time.perf_counter()
    data, ok = check_data(args)
    if not ok:
        print("findings: keeping the last good site", flush=True)
        return
    try:
        result = build_site(build_model(data), project, site_dir, root, quiet=True)
    except EngineError as err:
        print(f"findings: error: the site engine failed: {err}", file=sys.stderr, flush=True)
        return
    print(f"findings: rebuilt {result.pages} pages in {time.perf_counter() - started:.1f} s",
          flush=True)


def watch(args: argparse.Namespace, project: Project, site_dir: Path, root: Path) -> None:
    watched = [root, project.content_dir, project.overrides_dir, project.config_file]
    last = snapshot(watched)
    while True:
        time.sleep(POLL_SECONDS)
        now = snapshot(watched)
        if now != last:
            last = now
            rebuild(args, project, site_dir, root)


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
