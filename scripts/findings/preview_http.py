"""What ``findings serve`` answers over HTTP: the last good site, with the preview's own script
and, while the data or a template has problems, the list of them on every page.

Pages are changed as they are served, never on disk: each HTML page gets a same-origin script
(``reload.js``) that waits on ``/__findings_preview__/wait`` and reloads the page once the site
is rebuilt or its problems change. Being a file of the same origin, it needs no change to the
site's Content Security Policy. Before any good build there is no site to show: every page is
then the list of problems. A missing address gets the site's own 404 page; there are no
directory listings.
"""

from __future__ import annotations

import html
import os
import re
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

PREFIX = "/__findings_preview__/"
#: How long a reload request waits before it is answered anyway (the script asks again).
WAIT_SECONDS = 25.0
_ASSETS = {"reload.js": "text/javascript", "preview.css": "text/css"}
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)


@dataclass
class PreviewState:
    """What the preview shows: its site folder, the problems of the last rebuild (none when it
    succeeded) and a version that changes with every rebuild."""

    site: Path
    problems: list[str] = field(default_factory=list)
    version: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, problems: list[str]) -> None:
        with self.changed:
            self.problems = list(problems)
            self.version += 1
            self.changed.notify_all()

    def wait(self, seen: str, seconds: float = WAIT_SECONDS) -> int:
        """The version once it is no longer ``seen`` (or ``seconds`` have passed)."""
        with self.changed:
            self.changed.wait_for(lambda: str(self.version) != seen, timeout=seconds)
            return self.version

    @property
    def has_site(self) -> bool:
        return (self.site / "index.html").is_file()


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves ``state.site``; ``state`` is set on a subclass made by :func:`handler_for`."""

    state: PreviewState

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith(PREFIX):
            self._own(path.removeprefix(PREFIX))
            return
        file = Path(self.translate_path(self.path))
        if file.is_dir() and not path.endswith("/"):
            super().do_GET()  # the redirect to the address with a slash
            return
        if file.is_dir():
            file = file / "index.html"
        if not self.state.has_site:
            self._page(HTTPStatus.OK, problems_page(self.state))
        elif file.suffix == ".html" and file.is_file():
            self._page(HTTPStatus.OK, dressed(file.read_text(encoding="utf-8"), self.state))
        elif file.is_file():
            super().do_GET()
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """A missing address gets the site's own 404 page, as the published site's host would
        serve it."""
        missing = self.state.site / "404.html"
        if code == HTTPStatus.NOT_FOUND and missing.is_file():
            self._page(HTTPStatus.NOT_FOUND,
                       dressed(missing.read_text(encoding="utf-8"), self.state))
            return
        super().send_error(code, message, explain)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(HTTPStatus.NOT_FOUND)

    def _own(self, name: str) -> None:
        if name.startswith("wait"):
            seen = parse_qs(urlsplit(self.path).query).get("version", [""])[0]
            self._send(HTTPStatus.OK, "text/plain", str(self.state.wait(seen)))
        elif name in _ASSETS:
            text = resources.files("findings").joinpath("preview", name).read_text("utf-8")
            self._send(HTTPStatus.OK, _ASSETS[name], text)
        else:
            super().send_error(HTTPStatus.NOT_FOUND)

    def _page(self, status: HTTPStatus, text: str) -> None:
        self._send(status, "text/html", text)

    def _send(self, status: HTTPStatus, kind: str, text: str) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def handler_for(state: PreviewState) -> type[PreviewHandler]:
    def init(self: PreviewHandler, *args: Any, **kwargs: Any) -> None:
        PreviewHandler.__init__(self, *args, directory=str(state.site), **kwargs)
    return type("BoundPreviewHandler", (PreviewHandler,), {"state": state, "__init__": init})


def dressed(page: str, state: PreviewState) -> str:
    """A page of the site with the preview's stylesheet, its problems (if any) first in the
    body, and the reload script last."""
    page = _insert_before(_HEAD_END, page, _stylesheet())
    if state.problems:
        start = _BODY_START.search(page)
        at = start.end() if start else 0
        page = page[:at] + problems_section(state.problems) + page[at:]
    return _insert_before(_BODY_END, page, _script(state.version), last=True)


def problems_page(state: PreviewState) -> str:
    """The whole page when there is no good site to show yet."""
    problems = state.problems or ["findings: the site has no home page (index.html)"]
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Preview: problems to fix</title>" + _stylesheet() + "</head><body>"
            + problems_section(problems, kept=False) + _script(state.version)
            + "</body></html>\n")


#: How a warning is marked on the page: the site was built, but CI would stop the change.
STRICT_MARK = "will fail CI (--strict)"


def problems_section(problems: list[str], kept: bool = True) -> str:
    """The list of problems over the page; with warnings only, the site is up to date but
    CI's ``findings check --strict`` fails on each, and the page says so."""
    errors, warnings = _counts(problems)
    items = "".join(f"<li><code>{html.escape(line)}</code>{_marked(line)}</li>"
                    for line in problems)
    if errors:
        underneath = ("The last good version of the site is shown below. " if kept
                      else "The site has not been built yet. ")
        title = f"The preview could not be rebuilt: {errors} error(s), {warnings} warning(s)"
        advice = f"<p>{underneath}Fix these and save: this page reloads by itself.</p>"
    else:
        title = f"The site is up to date, but CI will fail: {warnings} warning(s)"
        advice = ("<p>The pull request's <code>findings check --strict</code> fails on every "
                  "warning. Fix these and save (or, for a disclosure warning you have "
                  "reviewed, add it to disclosure-allow.yml): this page reloads by itself.</p>")
    return ('<section class="findings-preview-problems" role="alert" '
            'aria-labelledby="findings-preview-title">'
            f'<h1 id="findings-preview-title">{html.escape(title)}</h1>'
            f"{advice}<ul>{items}</ul></section>")


def _marked(line: str) -> str:
    return f' <strong>{STRICT_MARK}</strong>' if ": warning:" in line else ""


def _counts(problems: list[str]) -> tuple[int, int]:
    warnings = sum(1 for line in problems if ": warning:" in line)
    return len(problems) - warnings, warnings


def _stylesheet() -> str:
    return f'<link rel="stylesheet" href="{PREFIX}preview.css">'


def _script(version: int) -> str:
    return f'<script src="{PREFIX}reload.js" data-version="{version}" defer></script>'


def _insert_before(pattern: re.Pattern[str], page: str, text: str, last: bool = False) -> str:
    found = [*pattern.finditer(page)][-1:] if last else [*pattern.finditer(page)][:1]
    at = found[0].start() if found else len(page)
    return page[:at] + text + page[at:]
