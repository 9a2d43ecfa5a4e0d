"""Cold page loads in Chromium, against a local server that counts what it sends.

The server (``http.server`` on 127.0.0.1) records every response: its path and the bytes
written to the socket (headers + body). By default it sends files as they are; with
``gzip=True`` it serves as GitHub Pages does: text types (HTML, CSS, JavaScript, JSON, XML,
SVG) gzipped for a client that accepts gzip, with ``Content-Encoding`` and ``Vary`` headers.
Each page is loaded in a new browser context (an empty cache) and counted until the network
has been idle, so requests made after ``load`` (the search worker fetching its index, say)
are included.
"""

from __future__ import annotations

import functools
import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from benchmarks.paths import CHROMIUM, CHROMIUM_ARGS

SETTLE_MS = 1000
TOP = 8


class _CountingWriter:
    """Wraps a handler's output stream and counts the bytes written through it."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.count = 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        written: int = self.stream.write(data)
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


#: What GitHub Pages compresses (text), by file suffix.
GZIP_TYPES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv",
                        ".map", ".webmanifest"})
GZIP_LEVEL = 6  # nginx's and GitHub Pages' usual trade-off, not gzip's maximum


class _CountingHandler(SimpleHTTPRequestHandler):
    server: CountingServer

    def do_GET(self) -> None:
        body = self._gzipped() if self.server.gzip else None
        if body is None:
            super().do_GET()
            return
        data, kind = body
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _gzipped(self) -> tuple[bytes, str] | None:
        """The file, gzipped, and its type; ``None`` to serve it as ``http.server`` does
        (not text, not a file, or the client does not accept gzip)."""
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return None  # http.server's redirect to the folder's address
            path = path / "index.html"
        if path.suffix not in GZIP_TYPES or not path.is_file():
            return None
        data = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        return data, self.guess_type(str(path))

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile)  # type: ignore[assignment]

    def handle_one_request(self) -> None:
        writer: _CountingWriter = self.wfile  # type: ignore[assignment]
        before = writer.count
        super().handle_one_request()
        if getattr(self, "requestline", ""):
            self.server.record(self.path, writer.count - before)

    def log_message(self, format: str, *args: object) -> None:
        pass


class CountingServer(ThreadingHTTPServer):
    """Serves a folder and remembers (path, bytes) of every response since the last take."""

    daemon_threads = True

    def __init__(self, directory: Path, gzip: bool = False) -> None:
        super().__init__(("127.0.0.1", 0),
                         functools.partial(_CountingHandler, directory=str(directory)))
        self.gzip = gzip
        self._lock = threading.Lock()
        self._records: list[tuple[str, int]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def record(self, path: str, size: int) -> None:
        with self._lock:
            self._records.append((path, size))

    def take(self) -> list[tuple[str, int]]:
        with self._lock:
            records, self._records = self._records, []
        return records


@contextmanager
def serve(directory: Path, gzip: bool = False) -> Iterator[CountingServer]:
    server = CountingServer(directory, gzip)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageLoad:
    path: str
    bytes: int = 0
    requests: int = 0
    top: list[tuple[str, int]] = field(default_factory=list)
    error: str = ""

    def summary(self) -> dict[str, Any]:
        return {"path": self.path, "bytes": self.bytes, "requests": self.requests,
                "top": [{"path": p, "bytes": b} for p, b in self.top], "error": self.error}


def cold_loads(site_dir: Path, pages: dict[str, str]) -> dict[str, PageLoad | None]:
    """Load each page (name -> path below the root) cold; ``None`` where it was not built."""
    from playwright.sync_api import sync_playwright

    results: dict[str, PageLoad | None] = {}
    with serve(site_dir) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for name, path in pages.items():
                built = (site_dir / path / "index.html").is_file()
                results[name] = _load(browser, server, path) if built else None
        finally:
            browser.close()
    return results


def _load(browser: Any, server: CountingServer, path: str) -> PageLoad:
    from playwright.sync_api import Error as PlaywrightError

    server.take()
    context = browser.new_context()
    result = PageLoad(path)
    try:
        page = context.new_page()
        page.goto(server.url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(SETTLE_MS)
    except PlaywrightError as err:
        result.error = str(err).splitlines()[0]
    finally:
        context.close()
    records = server.take()
    result.bytes = sum(size for _, size in records)
    result.requests = len(records)
    result.top = sorted(records, key=lambda r: r[1], reverse=True)[:TOP]
    return result
