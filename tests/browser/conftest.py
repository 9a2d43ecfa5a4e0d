"""Real Chromium (Debian's headless shell) driven by Playwright, over the built sites served
locally.

Every request to a host other than the local server is blocked and counted.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

#: Debian's headless shell (package chromium-headless-shell): the same Chromium as
#: /usr/bin/chromium (same version, same Blink and V8), without the browser's own window
#: around each page, which is what Playwright runs headless by default. A new context and page
#: cost a tenth of the CPU they cost in the full browser (0.1 s against 0.5 s), and the tests
#: open one for nearly every test.
CHROMIUM = "/usr/bin/chromium-headless-shell"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


class QuietServer(ThreadingHTTPServer):
    """A test site's server. A browser that drops a connection (a page closed mid-request) is
    no error of the site's: the default handler prints a traceback to ``sys.stderr``, which an
    in-process run of the command in the same worker (``run_findings``) would take for its
    own output."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Served:
    """A built site on a local port; ``outside`` lists every request to another host."""

    root: Path
    base: str
    outside: list[str] = field(default_factory=list)

    def url(self, path: Path | str) -> str:
        relative = path.relative_to(self.root).as_posix() if isinstance(path, Path) else path
        return self.base + relative.removesuffix("index.html")


@pytest.fixture(scope="session")
def servers(built_sites: dict[str, Path]) -> Iterator[dict[str, Served]]:
    running = []
    served = {}
    for name, root in built_sites.items():
        handler = functools.partial(_Quiet, directory=str(root))
        server = QuietServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        running.append(server)
        served[name] = Served(root, f"http://127.0.0.1:{server.server_port}/")
    yield served
    for server in running:
        server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser: Browser, site: Served, color_scheme: str = "light",
              width: int = 1280) -> Page:
    """A fresh page whose requests to any other host are blocked and recorded."""
    context = browser.new_context(color_scheme=color_scheme,  # type: ignore[arg-type]
                                  viewport={"width": width, "height": 900})

    def guard(route: Route) -> None:
        host = urlsplit(route.request.url).netloc
        if host == urlsplit(site.base).netloc or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            site.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context.new_page()
